"""Events the vessel registry emits, message by message, for detectors and the live service.

Every event is a small frozen record with ``time`` (Unix seconds of the report that caused
it) and ``mmsi``; ``event_to_dict`` turns any of them into plain JSON data. A position that
simply extends its segment emits nothing.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, fields, is_dataclass
from typing import Any, NamedTuple

from aiswatch.vessels.model import Dims

__all__ = [
    "CloseReason",
    "Event",
    "FieldChange",
    "IdentityChange",
    "IdentityKey",
    "ImpossibleJump",
    "Link",
    "LinkFound",
    "LinkKind",
    "OpenReason",
    "OverlapDetected",
    "PossibleSwap",
    "SegmentClosed",
    "SegmentInfo",
    "SegmentOpened",
    "event_to_dict",
    "to_jsonable",
]


class IdentityKey(NamedTuple):
    """One identity: the combination of what a station says it is. ``flag`` is the ISO
    3166-1 alpha-2 code of the MMSI's MID (None where unallocated)."""

    name: str | None
    callsign: str | None
    imo: int | None
    shiptype: int | None
    dims: Dims | None
    destination: str | None
    flag: str | None

    @staticmethod
    def from_list(v: list[Any] | tuple[Any, ...]) -> IdentityKey:
        d = v[4]
        return IdentityKey(v[0], v[1], v[2], v[3], tuple(d) if d else None, v[5], v[6])


IDENTITY_FIELDS = IdentityKey._fields


@dataclass(frozen=True, slots=True)
class FieldChange:
    field: str
    old: Any
    new: Any


@dataclass(frozen=True, slots=True)
class IdentityChange:
    """The station's identity became ``new`` (``old`` None: its first identity). ``changes``
    lists the fields that differ; ``seen_before`` is True when ``new`` is an identity this
    MMSI had already used (a return, or two stations alternating on one MMSI)."""

    time: float
    mmsi: int
    lat: float | None
    lon: float | None
    old: IdentityKey | None
    new: IdentityKey
    changes: tuple[FieldChange, ...]
    seen_before: bool

    def fields_changed(self) -> frozenset[str]:
        return frozenset(c.field for c in self.changes)


class LinkKind(enum.StrEnum):
    SAME_IMO = "same_imo"  # one IMO number on several MMSIs
    SAME_NAME = "same_name"  # one name on several MMSIs
    MULTI_NAME = "multi_name"  # one MMSI reporting several names in the same period
    MULTI_IMO = "multi_imo"  # one MMSI reporting several IMO numbers
    INVALID_MMSI = "invalid_mmsi"  # wrong length, no MMSI format or unallocated MID
    BAD_IMO = "bad_imo"  # IMO number failing its check digit
    POSSIBLE_SWAP = "possible_swap"  # one MMSI stopped where and when another started


@dataclass(frozen=True, slots=True)
class Link:
    """A relation between MMSIs (or a flag on one MMSI): ``mmsis`` sorted, except for
    POSSIBLE_SWAP where it is (old, new). ``value`` is what they share or what is wrong."""

    kind: LinkKind
    mmsis: tuple[int, ...]
    value: str | int | None
    detail: str = ""


@dataclass(frozen=True, slots=True)
class LinkFound:
    """A link seen for the first time, on a report of ``mmsi`` at ``time``."""

    time: float
    mmsi: int
    lat: float | None
    lon: float | None
    link: Link


class OpenReason(enum.StrEnum):
    FIRST = "first"  # the MMSI's first position
    GAP = "gap"  # no open segment: all idle longer than the gap limit
    JUMP = "jump"  # fits no open segment: implied speed too high (another transmitter?)


class CloseReason(enum.StrEnum):
    GAP = "gap"  # idle longer than the gap limit
    EVICTED = "evicted"  # too many open segments on one MMSI: the stalest goes
    NOISE = "noise"  # a lone position (a bad fix) while another segment went on
    FLUSH = "flush"  # end of input


@dataclass(frozen=True, slots=True)
class SegmentInfo:
    """A track segment as it stands: one transmitter's continuous track, as far as the
    positions tell. ``overlap`` is True where another segment of the same MMSI was active in
    the same period (two transmitters); ``jumps`` counts positions that fitted no open
    segment of the MMSI by speed while this one was its best candidate."""

    id: int
    mmsi: int
    start: float
    end: float
    positions: int
    distance_nm: float
    first_lat: float
    first_lon: float
    last_lat: float
    last_lon: float
    min_lat: float
    min_lon: float
    max_lat: float
    max_lon: float
    last_sog: float | None
    last_cog: float | None
    opened: OpenReason
    overlap: bool
    overlap_with: tuple[int, ...]
    jumps: int
    closed: CloseReason | None

    @staticmethod
    def from_dict(d: dict[str, Any]) -> SegmentInfo:
        d = dict(d)
        d["opened"] = OpenReason(d["opened"])
        d["closed"] = CloseReason(d["closed"]) if d.get("closed") else None
        d["overlap_with"] = tuple(d.get("overlap_with", ()))
        return SegmentInfo(**d)


@dataclass(frozen=True, slots=True)
class SegmentOpened:
    time: float
    mmsi: int
    segment: int
    lat: float
    lon: float
    reason: OpenReason


@dataclass(frozen=True, slots=True)
class SegmentClosed:
    """``time`` is when the closing was decided (a later report, or the flush)."""

    time: float
    mmsi: int
    segment: SegmentInfo
    reason: CloseReason


@dataclass(frozen=True, slots=True)
class ImpossibleJump:
    """A position fitting no open segment of its MMSI: reaching it from the nearest one
    (``from_segment``) needs ``speed_kn``. It was not attached there but opened
    ``new_segment``."""

    time: float
    mmsi: int
    lat: float
    lon: float
    from_segment: int
    new_segment: int
    distance_nm: float
    dt_s: float
    speed_kn: float


@dataclass(frozen=True, slots=True)
class OverlapDetected:
    """Two segments of one MMSI active in the same period: two transmitters on one MMSI."""

    time: float
    mmsi: int
    lat: float
    lon: float
    segment: int
    other: int
    distance_nm: float


@dataclass(frozen=True, slots=True)
class PossibleSwap:
    """``old_mmsi`` fell silent and ``mmsi`` began transmitting ``gap_s`` later and
    ``distance_m`` away, and ``old_mmsi`` stayed silent for the confirmation time after:
    one hull changing identity (two transponders), or a handover worth a look."""

    time: float
    mmsi: int
    lat: float
    lon: float
    old_mmsi: int
    gap_s: float
    distance_m: float
    old_segment: int
    new_segment: int


Event = (
    IdentityChange
    | LinkFound
    | SegmentOpened
    | SegmentClosed
    | ImpossibleJump
    | OverlapDetected
    | PossibleSwap
)


def to_jsonable(v: Any) -> Any:
    """Plain JSON data from records, named tuples, enums, tuples and floats."""
    if isinstance(v, enum.Enum):
        return v.value
    if is_dataclass(v) and not isinstance(v, type):
        return {f.name: to_jsonable(getattr(v, f.name)) for f in fields(v)}
    if isinstance(v, tuple) and hasattr(v, "_asdict"):
        return {k: to_jsonable(x) for k, x in v._asdict().items()}
    if isinstance(v, list | tuple):
        return [to_jsonable(x) for x in v]
    if isinstance(v, dict):
        return {str(k): to_jsonable(x) for k, x in v.items()}
    return v


def event_to_dict(ev: Event) -> dict[str, Any]:
    """``{"event": "IdentityChange", "time": ..., "mmsi": ..., ...}``."""
    out: dict[str, Any] = {"event": type(ev).__name__}
    out.update(to_jsonable(ev))
    return out
