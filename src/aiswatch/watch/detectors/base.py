"""The detector interface and what detectors see.

A detector is an incremental state machine over one stream of reports. The engine calls

* `Detector.on_position` for every position (a `Fix`: the report, its vessel and track, the
  zones around it, whether it is inland, and how it joined its track);
* `Detector.on_event` for every event of the vessel registry (identity changes, links...);
* `Detector.on_tick` once a minute of stream time (silences, confirmations, time-outs);

and each returns `Signal`s (usually none) for the `AlertBook`. State is kept per track (in
``track.state[name]``) or per vessel, so the same code serves a live feed, a file replay or
a batch job. A new detector overrides `on_position` and whichever of the others it needs.
"""

from __future__ import annotations

import math
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, ClassVar, Final

from aiswatch.vessels.events import Event
from aiswatch.vessels.model import PositionReport
from aiswatch.watch.alerts import AlertBook, Evidence, Signal, VesselRef
from aiswatch.watch.land import LandMask
from aiswatch.watch.rules import Rules
from aiswatch.watch.tracks import Track, Vessel
from aiswatch.watch.zones import Place, Zone, ZoneSet

__all__ = [
    "NONE",
    "Detector",
    "Fix",
    "WatchContext",
    "duration_text",
    "nm_text",
]

NONE: Final[tuple[Signal, ...]] = ()
"""What a detector returns when it has nothing to say (shared, never mutated)."""


class Fix:
    """One position as the detectors see it. ``prev_*`` describe the track's position before
        this one (None on a new track); ``jumped_from`` is the live track of the same MMSI that
        this position could not come from (an impossible jump), if any; ``switched`` is True when
    the vessel's previous position went to another live track (two transmitters interleaving,
    or a jump and back); ``vessel_dt`` is the time since the MMSI's previous position on any
    track (inf for its first)."""

    __slots__ = (
        "dt",
        "inland",
        "jump_kn",
        "jump_m",
        "jumped_from",
        "new_track",
        "place",
        "prev_lat",
        "prev_lon",
        "prev_sog",
        "prev_status",
        "prev_time",
        "r",
        "switched",
        "track",
        "vessel",
        "vessel_dt",
    )

    def __init__(
        self,
        r: PositionReport,
        vessel: Vessel,
        track: Track,
        place: Place | None,
        inland: bool = False,
        *,
        new_track: bool = False,
        jumped_from: Track | None = None,
        jump_m: float = 0.0,
        jump_kn: float = 0.0,
        prev: tuple[float, float, float, float | None, int | None] | None = None,
        switched: bool = False,
        vessel_dt: float = math.inf,
    ) -> None:
        self.r = r
        self.vessel = vessel
        self.track = track
        self.place = place
        self.inland = inland
        self.new_track = new_track
        self.jumped_from = jumped_from
        self.jump_m = jump_m
        self.jump_kn = jump_kn
        self.switched = switched
        self.vessel_dt = vessel_dt
        if prev is None:
            self.prev_time = self.prev_lat = self.prev_lon = None
            self.prev_sog = self.prev_status = None
            self.dt = 0.0
        else:
            self.prev_time, self.prev_lat, self.prev_lon, self.prev_sog, self.prev_status = prev
            self.dt = r.time - prev[0]

    def evidence(self, note: str = "") -> Evidence:
        r = self.r
        return Evidence(r.time, r.mmsi, r.lat, r.lon, r.sog, r.cog, r.status, note)


@dataclass
class WatchContext:
    """What every detector may read: rules, zones, land, the alert book, identities."""

    rules: Rules
    zones: ZoneSet
    land: LandMask
    book: AlertBook
    identify: Callable[[int], VesselRef]
    vessels: Mapping[int, Vessel] = field(default_factory=dict)
    names: Callable[[int], list[str]] = field(default=lambda mmsi: [])
    now: float = 0.0
    _zone_rules: dict[int, Rules] = field(default_factory=dict)

    def rules_at(self, zone: Zone | None) -> Rules:
        """The rules in force in ``zone`` (its overrides applied), or the general ones."""
        if zone is None:
            return self.rules
        r = self._zone_rules.get(zone.index)
        if r is None:
            r = self._zone_rules[zone.index] = self.rules.for_zone(zone.name, zone.rules)
        return r

    def label(self, mmsi: int) -> str:
        return self.identify(mmsi).label()

    def shiptype(self, vessel: Vessel) -> int | None:
        return vessel.shiptype


class Detector(ABC):
    """Base class: one small override per detector."""

    name: ClassVar[str] = ""
    kinds: ClassVar[tuple[str, ...]] = ()

    def __init__(self, ctx: WatchContext) -> None:
        self.ctx = ctx
        self.rules: Rules = ctx.rules

    @abstractmethod
    def on_position(self, fix: Fix) -> Sequence[Signal]:
        """React to one position."""

    def on_event(self, ev: Event) -> Sequence[Signal]:
        """React to one registry event (identity changes, links, swaps...)."""
        return NONE

    def on_tick(self, now: float) -> Sequence[Signal]:
        """Clock-driven checks, once per ``watch.tick_s`` of stream time."""
        return NONE

    def flush(self, now: float) -> Sequence[Signal]:
        """End of input: settle what can be settled (default: one last tick)."""
        return self.on_tick(now)

    # -- helpers -----------------------------------------------------------------------
    def open_states(self) -> Iterator[tuple[Vessel, Track, Any]]:
        """(vessel, track, this detector's state) for every track that has one."""
        for v in self.ctx.vessels.values():
            for tr in v.tracks:
                st = tr.state.get(self.name)
                if st is not None:
                    yield v, tr, st

    @staticmethod
    def fix_at(vessel: Vessel, track: Track, time: float | None = None) -> Fix:
        """A Fix at the track's latest position (at ``time``), for end-of-input signals."""
        r = PositionReport(track.mmsi, track.last_time if time is None else time, track.lat,
                           track.lon, track.sog, track.cog, None, track.status)  # fmt: skip
        return Fix(r, vessel, track, None)

    def state(self, track: Track, factory: Callable[[], Any]) -> Any:
        """This detector's state for ``track`` (made by ``factory`` the first time)."""
        st = track.state.get(self.name)
        if st is None:
            st = track.state[self.name] = factory()
        return st

    def exempt(
        self, vessel: Vessel, status: int | None, shiptypes: Sequence[int],
        statuses: Sequence[int] = (),
    ) -> bool:  # fmt: skip
        """Exempt by ship type or navigational status; a vessel whose type is not known yet
        is exempt for its first ``watch.static_wait_s`` (its static data may be on its way)."""
        st = vessel.shiptype
        if st is None:
            if self.ctx.now - vessel.first_time < self.rules.watch.static_wait_s:
                return True
        elif st in shiptypes:
            return True
        return status is not None and status in statuses


def duration_text(seconds: float) -> str:
    """``5 h 10 min``, ``35 min``, ``40 s``."""
    s = max(0, round(seconds))
    if s < 60:
        return f"{s} s"
    m = round(s / 60)
    if m < 60:
        return f"{m} min"
    h, m = divmod(m, 60)
    if h >= 48:
        d, h = divmod(h, 24)
        return f"{d} d {h} h"
    return f"{h} h {m} min" if m else f"{h} h"


def nm_text(metres: float) -> str:
    """``0.4 nmi``, ``12 nmi``, ``150 m``."""
    if not math.isfinite(metres):
        return "?"
    if metres < 926:
        return f"{round(metres, -1):.0f} m"
    nm = metres / 1852.0
    return f"{nm:.1f} nmi" if nm < 20 else f"{nm:.0f} nmi"


def kn_text(kn: float | None) -> str:
    return "?" if kn is None else f"{kn:.1f} kn"


def zone_label(z: Zone) -> str:
    """``the Estlink 2 cable``, ``the Balticconnector pipeline``, ``the Oresund``."""
    if z.kind in ("cable", "pipeline"):
        return f"the {z.name} {z.kind}"
    return z.name if z.name.lower().startswith("the ") else f"{z.name}"


def details(**kw: Any) -> Mapping[str, Any]:
    """Rounded plain values for alert details."""
    out: dict[str, Any] = {}
    for k, v in kw.items():
        out[k] = round(v, 3) if isinstance(v, float) and math.isfinite(v) else v
    return out
