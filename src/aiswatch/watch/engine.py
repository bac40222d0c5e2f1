"""The watch engine: reports in, alerts out.

    engine = WatchEngine(load_zones("taiwan"))
    for report in reports:            # PositionReport / StaticReport, in time order
        engine.process(report)
    alerts = engine.finish()

Per report: the vessel registry (`aiswatch.vessels.VesselRegistry`: identities, links,
MMSI swaps) first, its events to the detectors that want them; then, for a position, the
watch's own steps: drop repeated receptions, join the position to a track of its MMSI
(`aiswatch.watch.tracks`), look up the zones around it (once, shared by all detectors) and
whether it is inland, and hand the resulting `Fix` to every detector. Signals go to the
`AlertBook`. A clock on stream time runs the detectors' periodic checks, so a file replays
exactly as a live feed would have run.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from aiswatch.ais.mmsi import mmsi_flag
from aiswatch.vessels.events import Event, IdentityChange
from aiswatch.vessels.model import PositionReport, Report
from aiswatch.vessels.registry import RegistryConfig, VesselRegistry
from aiswatch.watch.alerts import Alert, AlertBook, Signal, VesselRef
from aiswatch.watch.detectors import Detector, Fix, WatchContext, default_detectors
from aiswatch.watch.land import LandMask, default_land
from aiswatch.watch.rules import Rules, RulesError, load_rules
from aiswatch.watch.tracks import FAST_TYPES, Vessel
from aiswatch.watch.zones import ZoneError, ZoneSet

__all__ = ["WatchEngine", "WatchStats"]


@dataclass
class WatchStats:
    positions: int = 0
    statics: int = 0
    duplicates: int = 0
    tracks: int = 0
    jumps: int = 0
    first_time: float = math.inf
    last_time: float = -math.inf

    def to_dict(self) -> dict[str, float | int]:
        return {k: v for k, v in self.__dict__.items() if math.isfinite(v)}


def _reach(rules: Rules, zones: ZoneSet) -> dict[str, float]:
    """How far from each kind of zone the detectors ask questions, over the general rules
    and every zone's overrides."""
    out = {"port": 0.0, "anchorage": 0.0, "cable": 0.0, "pipeline": 0.0}
    variants = [rules] + [rules.for_zone(z.name, z.rules) for z in zones]
    for r in variants:
        out["port"] = max(out["port"], r.cable.port_exclusion_m, r.drag.port_exclusion_m,
                          r.encounter.anchorage_distance_m, r.loitering.port_distance_m,
                          r.zones.port_exit_m)  # fmt: skip
        out["anchorage"] = max(out["anchorage"], r.drag.anchorage_exclusion_m,
                               r.encounter.anchorage_distance_m, r.loitering.port_distance_m)  # fmt: skip
        out["cable"] = out["pipeline"] = max(out["cable"], r.cable.near_m)
    return out


class WatchEngine:
    """Runs the detectors over a stream of reports. ``detectors`` builds the detector list
    from the context (default: `default_detectors`); ``registry`` may be shared with other
    consumers (it must see every report, in order)."""

    def __init__(
        self,
        zones: ZoneSet | None = None,
        rules: Rules | None = None,
        land: LandMask | None = None,
        *,
        registry: VesselRegistry | None = None,
        detectors: Callable[[WatchContext], Sequence[Detector]] | None = None,
    ) -> None:
        self.rules = rules if rules is not None else load_rules()
        self.zones = zones if zones is not None else ZoneSet()
        for z in self.zones:
            try:
                self.rules.for_zone(z.name, z.rules)
            except RulesError as e:
                raise ZoneError(f"zone {z.name!r}: bad rule override: {e}") from None
        self.zones.set_reach(_reach(self.rules, self.zones))
        self.land = land if land is not None else default_land()
        if registry is None:
            w, i = self.rules.watch, self.rules.identity
            registry = VesselRegistry(
                RegistryConfig(
                    max_speed_kn=w.max_speed_kn,
                    max_gap_s=w.track_gap_s,
                    swap_window_s=i.swap_max_gap_s,
                    swap_distance_m=i.swap_max_distance_m,
                    swap_confirm_s=i.swap_confirm_s,
                )
            )
        self.registry = registry
        self.book = AlertBook(self.rules.alerts, self.rules.severity_of, self.identify)
        self.vessels: dict[int, Vessel] = {}
        self.ctx = WatchContext(
            self.rules, self.zones, self.land, self.book, self.identify, self.vessels, self.names
        )
        self.detectors = list((detectors or default_detectors)(self.ctx))
        self._on_position = [d.on_position for d in self.detectors]
        self._on_event = [d.on_event for d in self.detectors
                          if type(d).on_event is not Detector.on_event]  # fmt: skip
        self.stats = WatchStats()
        self.now = -math.inf
        self._next_tick = -math.inf
        self._next_id = 1
        w = self.rules.watch
        self._dup_s = w.duplicate_s
        self._tol = w.jump_tolerance_m
        self._gap = w.track_gap_s
        self._max_tracks = w.max_tracks
        self._tick_s = w.tick_s

    # -- identities ----------------------------------------------------------------------
    def identify(self, mmsi: int) -> VesselRef:
        ident = self.registry.identities.current(mmsi)
        flag = mmsi_flag(mmsi)[0]
        if ident is None:
            return VesselRef(mmsi, flag=flag)
        k = ident.key
        return VesselRef(mmsi, k.name, k.callsign, k.imo, flag, k.shiptype)

    def names(self, mmsi: int) -> list[str]:
        return sorted(self.registry.identities.names(mmsi))

    # -- input ---------------------------------------------------------------------------
    def run(self, reports: Iterable[Report]) -> list[Alert]:
        """Process every report, then `finish`."""
        process = self.process
        for r in reports:
            process(r)
        return self.finish()

    def process(self, r: Report) -> None:
        """Take one report (in time order, give or take a few seconds)."""
        t = r.time
        if t > self.now:
            if self.now == -math.inf:
                self.stats.first_time = t
            self.now = self.ctx.now = t
            if t >= self._next_tick:
                self._tick(t)
        if type(r) is not PositionReport:
            self.stats.statics += 1
            evs = self.registry.update(r)
            if evs:
                self._events(evs)
            return
        mmsi = r.mmsi
        v = self.vessels.get(mmsi)
        if v is None:
            v = self.vessels[mmsi] = Vessel(mmsi, cls=r.cls)
        elif v.is_duplicate(r, self._dup_s):
            self.stats.duplicates += 1
            return
        self.stats.positions += 1
        evs = self.registry.update(r)
        if evs:
            self._events(evs)
        prev_last = v.last
        vessel_dt = t - v.last_time
        max_kn = (
            self.rules.watch.fast_craft_speed_kn
            if v.shiptype is not None and v.shiptype in FAST_TYPES
            else self.rules.watch.max_speed_kn
        )
        a = v.assign(r, self._next_id, max_speed_kn=max_kn, tolerance_m=self._tol,
                     track_gap_s=self._gap, max_tracks=self._max_tracks)  # fmt: skip
        tr = a.track
        if a.new:
            self._next_id += 1
            self.stats.tracks += 1
            if a.jumped_from is not None:
                self.stats.jumps += 1
        switched = prev_last is not None and prev_last is not tr and prev_last in v.tracks
        fix = Fix(
            r,
            v,
            tr,
            self.zones.place(r.lat, r.lon),
            self.land.inland(r.lat, r.lon),
            new_track=a.new,
            jumped_from=a.jumped_from,
            jump_m=a.distance_m if a.jumped_from is not None else 0.0,
            jump_kn=a.implied_kn if a.jumped_from is not None else 0.0,
            prev=a.prev,
            switched=switched,
            vessel_dt=vessel_dt,
        )
        apply = self.book.apply
        for on_position in self._on_position:
            sigs = on_position(fix)
            if sigs:
                for s in sigs:
                    apply(s)

    def _events(self, evs: Sequence[Event]) -> None:
        for ev in evs:
            if isinstance(ev, IdentityChange):
                v = self.vessels.get(ev.mmsi)
                if v is None:
                    v = self.vessels[ev.mmsi] = Vessel(ev.mmsi)
                v.shiptype = ev.new.shiptype
            for on_event in self._on_event:
                sigs = on_event(ev)
                if sigs:
                    self._apply(sigs)

    def _apply(self, sigs: Sequence[Signal]) -> None:
        for s in sigs:
            self.book.apply(s)

    def _tick(self, now: float) -> None:
        self._next_tick = (math.floor(now / self._tick_s) + 1) * self._tick_s
        evs = self.registry.advance(now)
        if evs:
            self._events(evs)
        for d in self.detectors:
            sigs = d.on_tick(now)
            if sigs:
                self._apply(sigs)
        self.book.tick(now)

    def finish(self) -> list[Alert]:
        """End of input: let every detector settle, and return every alert (those whose
        situation still holds at the end stay open)."""
        now = self.now
        if math.isfinite(now):
            self._tick(now)
            evs = self.registry.flush()
            if evs:
                self._events(evs)
            for d in self.detectors:
                sigs = d.flush(now)
                if sigs:
                    self._apply(sigs)
        self.stats.last_time = now
        return self.book.alerts()

    @property
    def alerts(self) -> list[Alert]:
        return self.book.alerts()
