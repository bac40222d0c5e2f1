"""Meetings at sea and waiting about, after Global Fishing Watch's definitions.

``encounter``: two vessels within ``encounter.max_distance_m`` (500 m) of each other for
``encounter.min_duration_s`` (2 h), both under ``encounter.max_kn`` (2 kn), at least
``encounter.anchorage_distance_m`` (10 km) from any anchorage or port (GFW encounters).
Tugs, pilots and other service craft, whose work is alongside ships, and pairs of fishing
vessels (pair trawling) are left out.

``loitering``: one vessel under ``loitering.max_kn`` (2 kn) for ``loitering.min_duration_s``
(2 h), at least ``loitering.shore_distance_nm`` (20 nmi) from shore and
``loitering.port_distance_m`` from ports and anchorages (GFW loitering). A vessel lying
beside another is in an encounter, which explains its waiting; it is not reported twice.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field

from aiswatch.watch.alerts import Evidence, Signal
from aiswatch.watch.detectors.base import (
    NONE,
    Detector,
    Fix,
    WatchContext,
    details,
    duration_text,
    nm_text,
)
from aiswatch.watch.geo import haversine_m

__all__ = ["Encounter", "Loitering"]

CELL_DEG = 0.01  # ~1.1 km: the 500 m radius fits in the 3x3 neighbourhood
UPDATE_S = 300.0
FRESH_S = 600.0  # a partner's last position counts for this long
GRACE_S = 600.0  # a loitering ship may show a faster report or two without ending it


@dataclass(slots=True)
class _Slot:
    track: int
    mmsi: int
    time: float
    lat: float
    lon: float
    sog: float | None
    shiptype: int | None
    cell: tuple[int, int]


@dataclass(slots=True)
class _Pair:
    a: int  # track ids, a < b
    b: int
    mmsi: tuple[int, int]
    start: float
    last: float
    lat: float
    lon: float
    min_m: float
    first: list[Evidence] = field(default_factory=list)
    opened: bool = False
    last_signal: float = -math.inf


class Encounter(Detector):
    name = "encounter"
    kinds = ("encounter",)

    def __init__(self, ctx: WatchContext) -> None:
        super().__init__(ctx)
        self._slots: dict[int, _Slot] = {}
        self._cells: dict[tuple[int, int], dict[int, _Slot]] = {}
        self._pairs: dict[tuple[int, int], _Pair] = {}

    def partnered(self, track_id: int, now: float) -> bool:
        """Whether the track is lying beside another one now (a pair in progress)."""
        for (a, b), p in self._pairs.items():
            if (a == track_id or b == track_id) and now - p.last <= FRESH_S:
                return True
        return False

    def _remove(self, track_id: int) -> None:
        s = self._slots.pop(track_id, None)
        if s is not None:
            c = self._cells.get(s.cell)
            if c is not None:
                c.pop(track_id, None)
                if not c:
                    del self._cells[s.cell]

    def on_position(self, fix: Fix) -> Sequence[Signal]:
        r = fix.r
        rules = self.rules.encounter
        tid = fix.track.id
        sog = r.sog
        slow = sog is not None and sog < rules.max_kn
        if (
            not slow
            or fix.inland
            or self.exempt(fix.vessel, None, rules.exempt_shiptypes)
            or (
                fix.place is not None
                and fix.place.near(("anchorage", "port"), rules.anchorage_distance_m) is not None
            )
        ):
            if tid in self._slots:
                self._remove(tid)
            return NONE
        t = r.time
        cell = (math.floor(r.lat / CELL_DEG), math.floor(r.lon / CELL_DEG))
        s = self._slots.get(tid)
        if s is None or s.cell != cell:
            self._remove(tid)
            s = _Slot(tid, r.mmsi, t, r.lat, r.lon, sog, fix.vessel.shiptype, cell)
            self._slots[tid] = s
            self._cells.setdefault(cell, {})[tid] = s
        else:
            s.time, s.lat, s.lon, s.sog, s.shiptype = t, r.lat, r.lon, sog, fix.vessel.shiptype
        out: list[Signal] = []
        for i in (cell[0] - 1, cell[0], cell[0] + 1):
            for j in (cell[1] - 1, cell[1], cell[1] + 1):
                c = self._cells.get((i, j))
                if not c:
                    continue
                for o in c.values():
                    if o.track == tid or o.mmsi == r.mmsi or t - o.time > FRESH_S:
                        continue
                    if not rules.fishing_pairs and s.shiptype == 30 and o.shiptype == 30:
                        continue
                    d = haversine_m(o.lat, o.lon, r.lat, r.lon)
                    if d > rules.max_distance_m:
                        continue
                    sig = self._near(fix, s, o, d)
                    if sig is not None:
                        out.append(sig)
        return out

    def _near(self, fix: Fix, s: _Slot, o: _Slot, d: float) -> Signal | None:
        rules = self.rules.encounter
        t = fix.r.time
        key = (min(s.track, o.track), max(s.track, o.track))
        p = self._pairs.get(key)
        if p is not None and t - p.last > rules.max_silence_s:
            self._pairs.pop(key)
            p = None
        if p is None:
            mm = (s.mmsi, o.mmsi) if s.track == key[0] else (o.mmsi, s.mmsi)
            p = self._pairs[key] = _Pair(key[0], key[1], (min(mm), max(mm)), min(o.time, t), t,
                                         fix.r.lat, fix.r.lon, d)  # fmt: skip
            p.first = [
                Evidence(o.time, o.mmsi, o.lat, o.lon, o.sog, note="met"),
                fix.evidence("met"),
            ]
        p.last = t
        p.lat, p.lon = (s.lat + o.lat) / 2, (s.lon + o.lon) / 2
        p.min_m = min(p.min_m, d)
        if t - p.start < rules.min_duration_s or t - p.last_signal < UPDATE_S:
            return None
        return self._signal(p, fix, o, d)

    def _signal(
        self, p: _Pair, fix: Fix | None, o: _Slot | None, d: float, close: bool = False
    ) -> Signal:
        p.opened = True
        p.last_signal = p.last
        a, b = (self.ctx.label(m) for m in p.mmsi)
        verb = "lay" if close else "have lain"
        summary = (
            f"{a} and {b} {verb} within {nm_text(self.rules.encounter.max_distance_m)} of each "
            f"other at under {self.rules.encounter.max_kn:.0f} kn for "
            f"{duration_text(p.last - p.start)} (closest {nm_text(p.min_m)}), away from any "
            f"anchorage: a possible ship-to-ship transfer."
        )
        ev = list(p.first)
        p.first = []
        if fix is not None and o is not None:
            ev += [Evidence(o.time, o.mmsi, o.lat, o.lon, o.sog), fix.evidence()]
        return Signal(
            "encounter",
            p.mmsi,
            p.last,
            p.lat,
            p.lon,
            summary,
            start=p.start,
            evidence=ev,
            details=details(closest_m=p.min_m, distance_m=d),
            close=close,
        )

    def flush(self, now: float) -> Sequence[Signal]:
        out = list(self.on_tick(now))
        for p in self._pairs.values():
            if p.opened and p.last > p.last_signal:
                out.append(self._signal(p, None, None, p.min_m))
        return out

    def on_tick(self, now: float) -> Sequence[Signal]:
        out = []
        limit = self.rules.encounter.max_silence_s
        for key, p in list(self._pairs.items()):
            if now - p.last > limit:
                del self._pairs[key]
                if p.opened:
                    out.append(self._signal(p, None, None, p.min_m, close=True))
        stale = [tid for tid, s in self._slots.items() if now - s.time > limit]
        for tid in stale:
            self._remove(tid)
        return out


@dataclass(slots=True)
class _Loiter:
    start: float | None = None
    last: float = 0.0
    first: Evidence | None = None
    opened: bool = False
    last_signal: float = -math.inf


class Loitering(Detector):
    name = "loitering"
    kinds = ("loitering",)

    def __init__(self, ctx: WatchContext, encounter: Encounter | None = None) -> None:
        super().__init__(ctx)
        self.encounter = encounter

    def on_position(self, fix: Fix) -> Sequence[Signal]:
        r = fix.r
        rules = self.rules.loitering
        if self.exempt(fix.vessel, r.status, rules.exempt_shiptypes, rules.exempt_status):
            return NONE
        sog = r.sog
        t = r.time
        st: _Loiter | None = fix.track.state.get(self.name)
        ok = (
            sog is not None
            and sog < rules.max_kn
            and not fix.inland
            and (
                fix.place is None
                or fix.place.near(("anchorage", "port"), rules.port_distance_m) is None
            )
        )
        if ok and (st is None or st.start is None):
            ok = self.ctx.land.far_from_shore(r.lat, r.lon, rules.shore_distance_nm)
        if not ok:
            if st is not None and st.start is not None and t - st.last > GRACE_S:
                return self._end(st, fix)
            return NONE
        if st is None:
            st = fix.track.state[self.name] = _Loiter()
        if st.start is not None and t - st.last > rules.max_silence_s:
            out = self._end(st, fix)
            if out:
                return out
        if st.start is None:
            st.start = t
            st.first = fix.evidence("began loitering")
        st.last = t
        if t - st.start < rules.min_duration_s or t - st.last_signal < UPDATE_S:
            return NONE
        if self.encounter is not None and self.encounter.partnered(fix.track.id, t):
            return NONE
        return (self._signal(st, fix),)

    def flush(self, now: float) -> Sequence[Signal]:
        out = []
        for v, tr, st in self.open_states():
            if st.opened and st.start is not None:
                out.append(self._signal(st, self.fix_at(v, tr, st.last)))
        return out

    def _signal(self, st: _Loiter, fix: Fix, close: bool = False) -> Signal:
        assert st.start is not None
        st.opened = True
        st.last_signal = fix.r.time
        end = st.last if close else fix.r.time
        rules = self.rules.loitering
        verb = "loitered" if close else "has loitered"
        summary = (
            f"{self.ctx.label(fix.r.mmsi)} {verb} at under {rules.max_kn:.0f} kn for "
            f"{duration_text(end - st.start)}, {rules.shore_distance_nm:.0f} nmi or more from "
            f"shore and away from ports."
        )
        ev = [] if close else [fix.evidence()]
        if st.first is not None:
            ev.insert(0, st.first)
            st.first = None
        return Signal("loitering", (fix.r.mmsi,), end, fix.r.lat, fix.r.lon, summary,
                      start=st.start, evidence=ev, close=close)  # fmt: skip

    def _end(self, st: _Loiter, fix: Fix) -> Sequence[Signal]:
        out: Sequence[Signal] = (self._signal(st, fix, close=True),) if st.opened else NONE
        st.start = None
        st.opened = False
        st.first = None
        st.last_signal = -math.inf
        return out
