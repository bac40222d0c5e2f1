"""Data types handed out by the NMEA layer: messages, problems and counters."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, fields

__all__ = ["PROBLEM_TEXT_MAX", "Problem", "RawMessage", "Stats", "safe_text"]

PROBLEM_TEXT_MAX = 120


def safe_text(text: str, limit: int = PROBLEM_TEXT_MAX) -> str:
    """``text`` cut to ``limit`` characters, with anything unprintable escaped (``\\x00``)."""
    text = text[:limit]
    if text.isascii() and text.isprintable():
        return text
    return "".join(c if c.isascii() and c.isprintable() else ascii(c)[1:-1] for c in text)


@dataclass(frozen=True, slots=True)
class Problem:
    """One bad input line (or group of lines), located.

    ``reason`` is a short machine-friendly key (see ``aiswatch.nmea.reader`` for the list),
    ``detail`` a human sentence and ``text`` the offending line cut to 120 printable chars.
    """

    source: str
    line: int
    reason: str
    detail: str
    text: str


@dataclass(frozen=True, slots=True)
class RawMessage:
    """One complete AIS payload, after multi-sentence reassembly."""

    payload: str
    fill: int
    channel: str
    talker: str
    own: bool
    time: float | None
    station: str | None
    source: str
    line: int
    sentences: tuple[str, ...]
    checksum_ok: bool


@dataclass(slots=True)
class Stats:
    """Mutable counters of one or more reads; ``merge`` adds another ``Stats`` into this one.

    ``lines``       every line fed (including blank and bad ones)
    ``sentences``   valid AIVDM/AIVDO sentences (fragments), duplicates included
    ``messages``    ``RawMessage`` objects emitted
    ``blank``       empty or whitespace-only lines
    ``other_nmea``  non-AIS NMEA sentences (``$GPRMC``, ``$IIMWV``, ``!xxABK`` ...), skipped
    ``comments``    lines starting with ``#``
    ``metadata``    lines that only carry metadata for the next sentence: Gatehouse ``$PGHP``
                    and tag blocks standing alone on their line
    ``errors``      one count per ``Problem`` reported, by reason
    ``incomplete``  multi-sentence groups expired or cut off at end of input (never emitted)
    ``duplicates``  fragments received twice (ignored)
    """

    lines: int = 0
    sentences: int = 0
    messages: int = 0
    blank: int = 0
    other_nmea: int = 0
    comments: int = 0
    metadata: int = 0
    errors: Counter[str] = field(default_factory=Counter)
    incomplete: int = 0
    duplicates: int = 0

    def merge(self, other: Stats) -> None:
        """Add every counter of ``other`` into this object."""
        self.lines += other.lines
        self.sentences += other.sentences
        self.messages += other.messages
        self.blank += other.blank
        self.other_nmea += other.other_nmea
        self.comments += other.comments
        self.metadata += other.metadata
        self.errors.update(other.errors)
        self.incomplete += other.incomplete
        self.duplicates += other.duplicates

    @property
    def error_count(self) -> int:
        """Total number of problems reported."""
        return sum(self.errors.values())

    def as_dict(self) -> dict[str, int | dict[str, int]]:
        """Plain-dict view (errors sorted by reason), handy for JSON reports."""
        out: dict[str, int | dict[str, int]] = {}
        for f in fields(self):
            value = getattr(self, f.name)
            out[f.name] = dict(sorted(value.items())) if f.name == "errors" else value
        return out
