"""AIS messages (ITU-R M.1371-5): one declarative field table per type drives decoding,
encoding and the JSON schema.

    >>> from aiswatch.ais import Message
    >>> m = Message.decode("177KQJ5000G?tO`K>RA1wUbN0TKH")
    >>> m.mmsi, m.json()["speed"]
    (477553000, 0.0)
"""

from aiswatch.ais import applications as _applications  # noqa: F401  (registers DAC/FI apps)
from aiswatch.ais.bits import ArmourError, Bits
from aiswatch.ais.codec import DecodeError, decode_bits, decode_payload, encode_payload
from aiswatch.ais.fields import Field, Kind, MessageType, Record, Value
from aiswatch.ais.message import Message
from aiswatch.ais.messages import TYPES

__all__ = [
    "TYPES",
    "ArmourError",
    "Bits",
    "DecodeError",
    "Field",
    "Kind",
    "Message",
    "MessageType",
    "Record",
    "Value",
    "decode_bits",
    "decode_payload",
    "encode_payload",
]
