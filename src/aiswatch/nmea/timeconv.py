"""Receive-time conventions found in AIS logs, all turned into Unix seconds (UTC).

* numbers of unknown unit (leading timestamps, tag block ``c:``, USCG trailing field):
  the unit is guessed from the magnitude, see :func:`unix_seconds`;
* Gatehouse ``$PGHP,1,<year>,<month>,<day>,<hour>,<min>,<sec>,<ms>,<MID>,<region>,<MMSI>,..``
  wrapper lines, see :func:`parse_pghp`;
* USCG fields after the checksum (``*hh,b003669794,1272412827``), see :func:`parse_uscg_tail`.
"""

from __future__ import annotations

import calendar
from datetime import UTC, datetime

__all__ = [
    "PghpError",
    "parse_leading_time",
    "parse_number_time",
    "parse_pghp",
    "parse_uscg_tail",
    "unix_seconds",
]

_NS = 1e17
_US = 1e14
_MS = 1e11
_DIGITS = frozenset("0123456789")
_NUMBER_CHARS = frozenset("0123456789.")
_PREFIX_DELIMITERS = " \t,;:|[]"


def unix_seconds(value: int | float) -> float:
    """Interpret a number of unknown unit as Unix time: ns above 1e17, us above 1e14,
    ms above 1e11, seconds otherwise."""
    if value > _NS:
        return value / 1_000_000_000
    if value > _US:
        return value / 1_000_000
    if value > _MS:
        return value / 1000
    return float(value)


def parse_number_time(text: str) -> float | None:
    """Unix seconds from a decimal integer or fraction (unit by magnitude), else None."""
    if not text:
        return None
    if text.isdigit() and text.isascii():
        return unix_seconds(int(text))
    if not _NUMBER_CHARS.issuperset(text) or text.count(".") != 1 or text == ".":
        return None
    return unix_seconds(float(text))


def parse_leading_time(prefix: str) -> float | None:
    """Time written before a sentence (``1550303566167726840 !AIVDM...``).

    Accepts a number (unit by magnitude) or an ISO 8601 date-time (naive = UTC); the
    delimiter between it and the sentence (space, tab, ``,;:|``, brackets) is ignored.  None if the
    prefix is neither.
    """
    text = prefix.strip(_PREFIX_DELIMITERS)
    value = parse_number_time(text)
    if value is not None or not text or text[0] not in _DIGITS:
        return value
    try:
        stamp = datetime.fromisoformat(text)
    except ValueError:
        return None
    if stamp.tzinfo is None:
        stamp = stamp.replace(tzinfo=UTC)
    return stamp.timestamp()


class PghpError(ValueError):
    """A ``$PGHP`` line that cannot be understood."""


def parse_pghp(body: str) -> tuple[float | None, str | None]:
    """Receive time and station of a Gatehouse ``$PGHP,1,...`` line.

    ``body`` is the text between ``$`` and ``*``.  Returns ``(None, None)`` for message
    types other than 1 (they carry no reception metadata).  The station is the PSS MMSI if
    given, else the region number unless it is empty or ``0`` (unknown), else None.
    """
    parts = body.split(",")
    if len(parts) < 2 or parts[1] != "1":
        return None, None
    if len(parts) < 13:
        raise PghpError(f"PGHP type 1 needs 13 fields, found {len(parts)}")
    try:
        year, month, day, hour, minute, sec, ms = (int(p) for p in parts[2:9])
        # datetime validates the ranges; timegm is the fast, timezone-free conversion.
        datetime(year, month, day, hour, minute, sec)
    except ValueError as exc:
        raise PghpError(f"bad PGHP date/time: {exc}") from None
    if not 0 <= ms <= 999:
        raise PghpError(f"bad PGHP milliseconds {ms}")
    when = calendar.timegm((year, month, day, hour, minute, sec, 0, 0, 0)) + ms / 1000
    mmsi = parts[11].strip()
    region = parts[10].strip()
    if region == "0":
        region = ""
    return when, mmsi or region or None


def parse_uscg_tail(tail: str) -> tuple[str | None, float | None]:
    """Station and time from USCG fields after the checksum.

    ``tail`` is everything after ``*hh`` and starts with a comma, e.g.
    ``,d-127,S2136,t021956.00,T56.97696219,r003669946,1272421197``.  The station is the last
    field starting with ``r`` or ``b`` (``r003669946``, ``b003669794``, ``rCUDJOE_01``), kept
    as is; the time is the last field that is a plain number (unit by magnitude).  Garbage
    fields are skipped.
    """
    station: str | None = None
    when: float | None = None
    for item in reversed(tail[1:].split(",")):
        part = item.strip()
        if when is None:
            when = parse_number_time(part)
            if when is not None:
                continue
        if station is None and len(part) > 1 and part[0] in "rb":
            station = part
        if station is not None and when is not None:
            break
    return station, when
