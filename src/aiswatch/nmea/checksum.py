"""NMEA 0183 checksums: XOR of every character between the start mark and the ``*``."""

from __future__ import annotations

from functools import reduce
from operator import xor

__all__ = ["checksum", "checksum_bytes", "format_checksum", "parse_checksum", "with_checksum"]

_START_MARKS = "!$\\"
_HEX = frozenset("0123456789ABCDEFabcdef")


def checksum_bytes(data: bytes) -> int:
    """XOR of all bytes of ``data`` (no start mark, no ``*``)."""
    return reduce(xor, data, 0)


def checksum(body: str) -> int:
    """NMEA checksum of a sentence body.

    ``body`` is normally the text between the start mark (``!``, ``$`` or ``\\``) and the
    ``*``.  For convenience a whole sentence is accepted too: a leading start mark is skipped
    and everything from the first ``*`` on is ignored.  Characters outside ASCII are encoded
    as UTF-8 bytes (they never occur in valid NMEA).
    """
    if body and body[0] in _START_MARKS:
        body = body[1:]
    star = body.find("*")
    if star >= 0:
        body = body[:star]
    return reduce(xor, body.encode(), 0)


def format_checksum(value: int) -> str:
    """Two upper-case hex digits, as written after the ``*``."""
    return f"{value & 0xFF:02X}"


def with_checksum(body: str, mark: str = "!") -> str:
    """Return ``mark + body + '*' + hh``: a complete sentence (or tag block content)."""
    return f"{mark}{body}*{reduce(xor, body.encode(), 0):02X}"


def parse_checksum(text: str) -> int | None:
    """Value of a two-hex-digit checksum field, or None if it is not exactly that."""
    if len(text) != 2 or text[0] not in _HEX or text[1] not in _HEX:
        return None
    return int(text, 16)
