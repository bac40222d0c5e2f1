"""NMEA layer: AIVDM/AIVDO framing, tag blocks, receive-time conventions and reassembly.

Pure (no file I/O): feed it lines, get :class:`RawMessage` objects back.  Opening files is
the job of :mod:`aiswatch.sources`.

>>> reader = NmeaReader()
>>> [m.payload for m in reader.read(["!AIVDM,1,1,,B,177KQJ5000G?tO`K>RA1wUbN0TKH,0*5C"])]
['177KQJ5000G?tO`K>RA1wUbN0TKH']
"""

from .checksum import checksum, format_checksum, with_checksum
from .framing import frame
from .model import Problem, RawMessage, Stats
from .reader import MAX_LINE_LENGTH, NmeaReader
from .sentence import ARMOUR, is_armour
from .tagblock import TagBlock, TagBlockError, parse_tag_block, tag_block
from .timeconv import unix_seconds

__all__ = [
    "ARMOUR",
    "MAX_LINE_LENGTH",
    "NmeaReader",
    "Problem",
    "RawMessage",
    "Stats",
    "TagBlock",
    "TagBlockError",
    "checksum",
    "format_checksum",
    "frame",
    "is_armour",
    "parse_tag_block",
    "tag_block",
    "unix_seconds",
    "with_checksum",
]
