"""NMEA 4.x tag blocks: ``\\g:1-2-1604,s:rORBCOMM008,c:1418169601*37\\`` before a sentence.

Fields understood (NMEA 4.10 keys, with the IEC 62320-1 equivalents):

``c``           Unix time of reception, seconds or milliseconds (a value above 1e11 is ms)
``s``           source / station identifier, kept as written
``g`` / ``xGy`` sentence group: ``g:1-2-1604`` or ``1G2:1604`` = sentence 1 of 2, group 1604
``t`` / ``i``   free text
``n`` / ``x``   line count
``d``           destination
``r``           relative time

Unknown keys (ORBCOMM's ``q:`` and ``T:`` for instance) are ignored.
"""

from __future__ import annotations

from dataclasses import dataclass
from math import floor, isfinite

from .checksum import checksum_bytes, parse_checksum
from .timeconv import parse_number_time

__all__ = ["TagBlock", "TagBlockError", "parse_tag_block", "tag_block"]

_FORBIDDEN = frozenset("\\,*!$")


class TagBlockError(ValueError):
    """A tag block whose framing, checksum or fields are unusable."""


@dataclass(frozen=True, slots=True)
class TagBlock:
    """The parsed content of one tag block."""

    time: float | None = None
    station: str | None = None
    group: tuple[int, int, str] | None = None  # (sentence number, sentence count, group id)
    text: str | None = None
    line_count: int | None = None
    destination: str | None = None
    relative_time: int | None = None
    quirk: str | None = None  # set when accepted through a known producer quirk


def _cs(text: str) -> int:
    return checksum_bytes(text.encode())


def _checksum_ok(content: str, given: int) -> str | None:
    """'' if the checksum matches, a quirk name if it matches a known variant, else None."""
    if _cs(content) == given:
        return ""
    # Kystverket (ais.kystverket.no) writes the checksum of the block *without* its leading
    # g: field: "\g:1-2-9999,c:1565218798*53\" carries the checksum of "c:1565218798".
    if content.startswith("g:"):
        comma = content.find(",")
        if comma > 0 and _cs(content[comma + 1 :]) == given:
            return "checksum-without-group"
    return None


def _parse_group(value: str) -> tuple[int, int, str]:
    parts = value.split("-")
    if len(parts) != 3 or not parts[0].isdigit() or not parts[1].isdigit() or not parts[2]:
        raise TagBlockError(f"bad group field {value!r}")
    number, count = int(parts[0]), int(parts[1])
    if not 1 <= number <= count:
        raise TagBlockError(f"bad group numbering {value!r}")
    return number, count, parts[2]


def parse_tag_block(content: str) -> TagBlock:
    """Parse the text between the two backslashes (``g:1-2-3,c:123*hh``).

    Raises :class:`TagBlockError` for a missing or wrong checksum or an unusable field
    value.  Known producer quirks that are accepted are reported in ``TagBlock.quirk``.
    """
    star = content.rfind("*")
    if star < 0:
        raise TagBlockError("tag block without checksum")
    given = parse_checksum(content[star + 1 :])
    if given is None:
        raise TagBlockError(f"bad tag block checksum field {content[star + 1 :]!r}")
    body = content[:star]
    quirk = _checksum_ok(body, given)
    if quirk is None:
        raise TagBlockError(
            f"tag block checksum mismatch: computed {_cs(body):02X}, found {given:02X}"
        )
    time: float | None = None
    station = text = destination = None
    group: tuple[int, int, str] | None = None
    line_count = relative = None
    for item in body.split(","):
        key, _, value = item.partition(":")
        if key == "c":
            time = parse_number_time(value)
            if time is None:
                raise TagBlockError(f"bad time field c:{value!r}")
        elif key == "s":
            station = value
        elif key == "g":
            group = _parse_group(value)
        elif len(key) >= 3 and key[0].isdigit() and key.replace("G", "", 1).isdigit():
            number, _, count = key.partition("G")
            group = _parse_group(f"{number}-{count}-{value}")
        elif key in ("t", "i"):
            text = value
        elif key in ("n", "x") and value.isdigit():
            line_count = int(value)
        elif key == "d":
            destination = value
        elif key == "r" and value.isdigit():
            relative = int(value)
    return TagBlock(time, station, group, text, line_count, destination, relative, quirk or None)


def _check_value(name: str, value: str) -> None:
    if not value.isascii() or not value.isprintable() or _FORBIDDEN.intersection(value):
        raise ValueError(f"tag block {name} {value!r} must be printable ASCII without \\ , * ! $")


def tag_block(
    *,
    time: float | None = None,
    station: str | None = None,
    group: tuple[int, int, int] | None = None,
    text: str | None = None,
) -> str:
    """Build a tag block, e.g. ``\\g:1-2-1234,s:rORBCOMM008,c:1418169601*hh\\``.

    Field order is g, s, c, t.  ``c:`` is written in whole seconds (floor of ``time``).
    ``group`` is ``(sentence number, sentence count, group id)``.  Returns ``""`` when no
    field is given.  Raises ``ValueError`` for values that cannot be written.
    """
    items: list[str] = []
    if group is not None:
        number, count, ident = group
        if not 1 <= number <= count or ident < 0:
            raise ValueError(f"bad tag block group {group!r}")
        items.append(f"g:{number}-{count}-{ident}")
    if station is not None:
        _check_value("station", station)
        items.append(f"s:{station}")
    if time is not None:
        if not isfinite(time) or time < 0:
            raise ValueError(f"bad tag block time {time!r}")
        items.append(f"c:{floor(time)}")
    if text is not None:
        _check_value("text", text)
        items.append(f"t:{text}")
    if not items:
        return ""
    body = ",".join(items)
    return f"\\{body}*{_cs(body):02X}\\"
