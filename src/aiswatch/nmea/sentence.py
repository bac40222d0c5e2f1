"""One AIVDM/AIVDO sentence: ``!AIVDM,<count>,<number>,<seq>,<channel>,<payload>,<fill>*hh``.

:func:`parse_sentence` checks framing, checksum, fragment numbering, fill bits and payload
armour, and returns a :class:`Fragment`.  Anything wrong raises :class:`SentenceError`
carrying a reason key.  Text after the checksum is returned untouched in ``Fragment.tail``
(USCG metadata fields, a glued second sentence ...) for the caller to interpret.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import reduce
from operator import xor

from .checksum import parse_checksum

__all__ = ["ARMOUR", "Fragment", "SentenceError", "ais_header", "is_armour", "parse_sentence"]

#: The 64 characters of the 6-bit payload armour: ASCII 48-87 and 96-119.
ARMOUR = bytes([*range(48, 88), *range(96, 120)]).decode("ascii")
_ARMOUR_BYTES = ARMOUR.encode("ascii")
_AIS_TYPES = ("VDM", "VDO")
_TALKER_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ-")


def is_armour(payload: str) -> bool:
    """True if every character of ``payload`` is a legal armour character."""
    return payload.isascii() and not payload.encode("ascii").translate(None, _ARMOUR_BYTES)


class SentenceError(ValueError):
    """A VDM/VDO sentence that cannot be used; ``reason`` is the Problem reason key."""

    def __init__(self, reason: str, detail: str) -> None:
        super().__init__(detail)
        self.reason = reason
        self.detail = detail


@dataclass(slots=True)
class Fragment:
    """One checked VDM/VDO sentence plus the receive metadata attached by the reader."""

    talker: str
    own: bool
    count: int
    number: int
    seq: str
    channel: str
    payload: str
    fill: int
    sentence: str  # "!AIVDM,...*hh" as received, without tag block or trailing fields
    checksum_ok: bool
    tail: str  # text after "*hh", "" normally
    time: float | None = None
    station: str | None = None
    group: str = ""  # tag block group id, "" if none
    source: str = ""
    line: int = 0


def ais_header(text: str) -> bool:
    """True if ``text`` (starting at ``!``) is a VDM/VDO sentence with a 2-char talker."""
    return (
        len(text) > 6
        and text[6] == ","
        and text[3:6] in _AIS_TYPES
        and text[1] in _TALKER_CHARS
        and text[2] in _TALKER_CHARS
    )


def parse_sentence(text: str, *, strict_checksum: bool = True) -> Fragment:
    """Check and split a VDM/VDO sentence (``text`` starts at the ``!``).

    The caller has already established that ``text`` is a VDM/VDO sentence (see
    :func:`ais_header`).  With ``strict_checksum=False`` a checksum mismatch is accepted and
    flagged by ``checksum_ok=False``.  A non-standard 8th field (SignalK "gofree" logs write
    ``...,payload,fill,fill*hh``) is accepted: the fill is the first field after the payload.
    """
    star = text.find("*")
    if star < 0:
        raise SentenceError("malformed-sentence", "no '*' checksum delimiter")
    given = parse_checksum(text[star + 1 : star + 3])
    if given is None:
        raise SentenceError("malformed-sentence", "checksum is not two hex digits")
    body = text[1:star]
    if not body.isascii():
        raise SentenceError("binary-junk", "non-ASCII character in sentence")
    computed = reduce(xor, body.encode("ascii"), 0)
    checksum_ok = computed == given
    if not checksum_ok and strict_checksum:
        raise SentenceError(
            "bad-checksum", f"checksum mismatch: computed {computed:02X}, found {given:02X}"
        )
    fields = body.split(",")
    if len(fields) != 7 and len(fields) != 8:
        raise SentenceError("malformed-sentence", f"{len(fields)} fields, expected 7")
    _, count_s, number_s, seq, channel, payload, fill_s = fields[:7]
    if (
        len(count_s) != 1
        or len(number_s) != 1
        or not "1" <= count_s <= "9"
        or not "1" <= number_s <= count_s
    ):
        raise SentenceError(
            "bad-fragment-count", f"fragment {number_s!r} of {count_s!r} is not within 1..9"
        )
    if len(fill_s) != 1 or not "0" <= fill_s <= "5":
        raise SentenceError("bad-fill-bits", f"fill bits {fill_s!r} not in 0..5")
    if not payload:
        raise SentenceError("empty-payload", "empty payload")
    if payload.encode("ascii").translate(None, _ARMOUR_BYTES):
        bad = sorted({c for c in payload if c not in ARMOUR})
        raise SentenceError("illegal-character", f"illegal payload character(s) {bad!r}")
    head = fields[0]
    return Fragment(
        talker=head[:2],
        own=head[4] == "O",
        count=ord(count_s) - 48,
        number=ord(number_s) - 48,
        seq=seq,
        channel=channel,
        payload=payload,
        fill=ord(fill_s) - 48,
        sentence=text[: star + 3],
        checksum_ok=checksum_ok,
        tail=text[star + 3 :],
    )
