"""Binary applications (DAC/FI) of messages 6 and 8; importing this package registers them."""
