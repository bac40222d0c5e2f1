"""Binary applications (DAC/FI) of messages 6 and 8; importing this package registers them.

Each module calls `aiswatch.ais.apps.register` at import time with the layout of the bits
after the FI field; the type 6 and type 8 tables pick them up through `apps.layouts`.
"""

from aiswatch.ais.applications import area_notice, aton, imo236, imo289, inland, itu

__all__ = ["area_notice", "aton", "imo236", "imo289", "inland", "itu"]
