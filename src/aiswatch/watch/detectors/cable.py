"""Cable risk: ships lingering over cables and pipelines, and sharp slow-downs across them.

``cable_loitering``: inside a cable's corridor, the ship lies at anchor, drifts under 1 kn or
zigzags for ``cable.loiter_min_s``, or creeps at 1-4 kn for ``cable.slow_min_s`` (longer than
a slow crossing takes); or it zigzags within ``cable.near_m`` of the cable for
``cable.near_min_s`` (signatures (a) and (c) of the
published cases: Hong Tai 58 drifting at anchor over Taiwan-Penghu No.3; Shunxing-39
zigzagging by the TPE cable).

``cable_speed_drop``: inside a corridor the ship's speed falls at least ``cable.drop_pct``
below what it made in the ``cable.drop_ref_s`` before, stays down ``cable.drop_min_s`` or
more, then recovers (signature (b): NewNew Polar Bear, 11 to 9.5 kn for ~5 min over the
Balticconnector; Yi Peng 3 slowing with course changes at each crossing). A ship that slows
and does not pick up again is arriving somewhere or stopping: that is loitering, not a drop.

Zigzag: over the last ``cable.zigzag_window_s`` the ship's net displacement is under
``cable.zigzag_max_straightness`` of the distance it sailed.
"""

from __future__ import annotations

import statistics
from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass, field

from aiswatch.watch.alerts import Evidence, Signal
from aiswatch.watch.detectors.base import (
    NONE,
    Detector,
    Fix,
    details,
    duration_text,
    kn_text,
    nm_text,
    zone_label,
)
from aiswatch.watch.geo import haversine_m
from aiswatch.watch.tracks import Track
from aiswatch.watch.zones import Zone

__all__ = ["CableRisk"]

GRACE_S = 600.0  # a condition may lapse this long (a few odd reports) without ending
UPDATE_S = 300.0  # an open alert is refreshed at most this often
SPEED_SAMPLE_S = 30.0
PATH_SAMPLE_S = 60.0


@dataclass(slots=True)
class _State:
    speeds: deque[tuple[float, float]] = field(default_factory=lambda: deque(maxlen=80))
    path: deque[tuple[float, float, float, float]] = field(default_factory=deque)
    # dwell episode
    zone: Zone | None = None
    start: float | None = None
    inside_start: float | None = None
    last: float = 0.0
    modes: set[str] = field(default_factory=set)
    first: Evidence | None = None
    closest_m: float = float("inf")
    opened: bool = False
    last_signal: float = 0.0
    # speed drop episode
    drop_zone: Zone | None = None
    drop_start: float | None = None
    drop_ref: float = 0.0
    drop_min: float = 0.0
    drop_ev: list[Evidence] = field(default_factory=list)
    drop_opened: bool = False


class CableRisk(Detector):
    name = "cable"
    kinds = ("cable_loitering", "cable_speed_drop")

    def dwelling(self, track: Track) -> bool:
        """Whether the track lingers in a corridor now, at anchor, drifting or zigzagging
        (alert due or not yet)."""
        st: _State | None = track.state.get(self.name)
        return (
            st is not None
            and st.start is not None
            and st.inside_start is not None
            and not st.modes.isdisjoint(("anchored", "drifting", "zigzag"))
        )

    def on_position(self, fix: Fix) -> Sequence[Signal]:
        r = fix.r
        if fix.inland:
            return NONE
        base = self.rules.cable
        if self.exempt(fix.vessel, r.status, base.exempt_shiptypes, base.exempt_status):
            return NONE
        st: _State = self.state(fix.track, _State)
        t = r.time
        sog = r.sog
        if sog is not None and (not st.speeds or t - st.speeds[-1][0] >= SPEED_SAMPLE_S):
            st.speeds.append((t, sog))
        place = fix.place
        hit = place.corridor(base.near_m) if place is not None else None
        if hit is not None:
            rules = self.ctx.rules_at(hit[0]).cable
            if place is not None and (
                place.near("port", rules.port_exclusion_m) is not None
                or (rules.exempt_in_anchorage and place.inside("anchorage"))
            ):
                hit = None
        if hit is None:
            st.path.clear()
            ended = self._end_dwell(st, fix, t) if st.start is not None else NONE
            if st.drop_start is not None:
                ended = (*ended, *self._drop_step(st, fix, None, 0.0))
            return ended
        zone, dist = hit
        rules = self.ctx.rules_at(zone).cable
        inside = dist <= zone.corridor_m
        self._sample_path(st, fix, rules.zigzag_window_s)
        out: list[Signal] = []
        out.extend(self._drop_step(st, fix, zone if inside else None, dist))
        anchored = r.status is not None and r.status in rules.loiter_status
        drifting = sog is not None and sog < rules.loiter_kn
        zigzag = self._zigzag(st, rules.zigzag_window_s, rules.zigzag_max_straightness,
                              rules.zigzag_min_kn)  # fmt: skip
        slow = sog is not None and rules.loiter_kn <= sog <= rules.slow_max_kn
        cond = (anchored or drifting or zigzag or slow) if inside else zigzag
        if cond and st.start is not None and st.zone is not zone and t - st.last > GRACE_S:
            out.extend(self._end_dwell(st, fix, t))
        if cond:
            if st.start is None:
                st.start, st.zone, st.first = t, zone, fix.evidence("first seen lingering")
                st.modes.clear()
                st.closest_m = dist
            st.last = t
            if inside and st.inside_start is None:
                st.inside_start = t
            st.closest_m = min(st.closest_m, dist)
            if anchored and inside:
                st.modes.add("anchored")
            if drifting and inside:
                st.modes.add("drifting")
            if zigzag:
                st.modes.add("zigzag")
            if slow and inside and not zigzag:
                st.modes.add("slow")
            strong = not st.modes.isdisjoint(("anchored", "drifting", "zigzag"))
            inside_for = t - st.inside_start if st.inside_start is not None else -1.0
            due = (
                (strong and inside_for >= rules.loiter_min_s)
                or inside_for >= rules.slow_min_s
                or ("zigzag" in st.modes and t - st.start >= rules.near_min_s)
            )
            if due and (not st.opened or t - st.last_signal >= UPDATE_S):
                out.append(self._dwell_signal(st, fix, dist))
        elif st.start is not None and t - st.last > GRACE_S:
            out.extend(self._end_dwell(st, fix, t))
        return out

    def flush(self, now: float) -> Sequence[Signal]:
        """End of input: bring open alerts up to their last position (they stay open)."""
        out = []
        for v, tr, st in self.open_states():
            if st.opened and st.start is not None:
                out.append(self._dwell_signal(st, self.fix_at(v, tr, st.last), st.closest_m))
        return out

    # -- dwell -------------------------------------------------------------------------
    def _dwell_signal(self, st: _State, fix: Fix, dist: float, close: bool = False) -> Signal:
        assert st.zone is not None and st.start is not None
        zone = st.zone
        st.opened = True
        st.last_signal = fix.r.time
        end = st.last if close else fix.r.time
        what = _behaviour(st.modes)
        where = (
            f"inside the {zone.name} {zone.kind} corridor"
            if st.inside_start is not None
            else f"{nm_text(st.closest_m)} from {zone_label(zone)}"
        )
        tail = (
            f", coming within {nm_text(st.closest_m)} of the {zone.kind}"
            if st.inside_start is not None
            else ""
        )
        verb = "lingered" if close else "has lingered"
        summary = (
            f"{self.ctx.label(fix.r.mmsi)} {verb} {where} for {duration_text(end - st.start)}, "
            f"{what}{tail}."
        )
        ev = [fix.evidence()] if not close else []
        if st.first is not None:
            ev.insert(0, st.first)
            st.first = None
        return Signal(
            "cable_loitering",
            (fix.r.mmsi,),
            end,
            fix.r.lat,
            fix.r.lon,
            summary,
            zone=zone.name,
            start=st.start,
            evidence=ev,
            details=details(
                behaviour=sorted(st.modes),
                closest_m=st.closest_m,
                distance_m=dist,
                inside_corridor=st.inside_start is not None,
            ),
            close=close,
        )

    def _end_dwell(self, st: _State, fix: Fix, t: float) -> Sequence[Signal]:
        out: Sequence[Signal] = NONE
        if st.opened:
            out = (self._dwell_signal(st, fix, st.closest_m, close=True),)
        st.start = st.inside_start = None
        st.zone = None
        st.opened = False
        st.first = None
        st.modes.clear()
        st.closest_m = float("inf")
        return out

    def _sample_path(self, st: _State, fix: Fix, window: float) -> None:
        r = fix.r
        p = st.path
        if p and r.time - p[-1][0] < PATH_SAMPLE_S:
            return
        cum = p[-1][3] + haversine_m(p[-1][1], p[-1][2], r.lat, r.lon) if p else 0.0
        p.append((r.time, r.lat, r.lon, cum))
        while p and p[0][0] < r.time - window:
            p.popleft()

    @staticmethod
    def _zigzag(st: _State, window: float, max_straightness: float, min_kn: float) -> bool:
        p = st.path
        span = p[-1][0] - p[0][0] if p else 0.0
        if len(p) < 4 or span < window / 2:
            return False
        sailed = p[-1][3] - p[0][3]
        if sailed < max(300.0, min_kn * 0.514444 * span):
            return False  # lying still or swinging at anchor: not zigzagging
        net = haversine_m(p[0][1], p[0][2], p[-1][1], p[-1][2])
        return net < max_straightness * sailed

    # -- speed drop --------------------------------------------------------------------
    def _drop_step(self, st: _State, fix: Fix, zone: Zone | None, dist: float) -> Sequence[Signal]:
        r = fix.r
        t, sog = r.time, r.sog
        if sog is None:
            return NONE
        if st.drop_start is None:
            if zone is None:
                return NONE
            rules = self.ctx.rules_at(zone).cable
            before = [s for ts, s in st.speeds if t - rules.drop_ref_s <= ts < t - 1.0]
            if len(before) < 5:
                return NONE
            ref = statistics.median(before)
            if ref < rules.drop_ref_min_kn or sog > ref * (1 - rules.drop_pct / 100.0):
                return NONE
            st.drop_zone, st.drop_start, st.drop_ref, st.drop_min = zone, t, ref, sog
            st.drop_ev = [fix.evidence(f"slowed from {ref:.1f} kn")]
            return NONE
        assert st.drop_zone is not None
        rules = self.ctx.rules_at(st.drop_zone).cable
        dur = t - st.drop_start
        if sog < st.drop_min:
            st.drop_min = sog
        if sog >= st.drop_ref * (1 - rules.recover_pct / 100.0):
            out: Sequence[Signal] = NONE
            if dur >= rules.drop_min_s:
                st.drop_ev.append(fix.evidence(f"back to {sog:.1f} kn"))
                out = (self._drop_signal(st, fix, t),)
            st.drop_start = None
            st.drop_zone = None
            return out
        if dur > rules.drop_max_s:
            st.drop_start = None  # a long slow-down: arriving or loitering, not a drop
            st.drop_zone = None
            return NONE
        if zone is not None and len(st.drop_ev) < 3 and sog <= st.drop_min:
            if len(st.drop_ev) == 2:
                st.drop_ev[1] = fix.evidence("slowest")
            else:
                st.drop_ev.append(fix.evidence("slowest"))
        return NONE

    def _drop_signal(self, st: _State, fix: Fix, t: float) -> Signal:
        assert st.drop_zone is not None and st.drop_start is not None
        z = st.drop_zone
        pct = 100.0 * (1.0 - st.drop_min / st.drop_ref) if st.drop_ref else 0.0
        summary = (
            f"{self.ctx.label(fix.r.mmsi)} slowed from {kn_text(st.drop_ref)} to "
            f"{kn_text(st.drop_min)} ({pct:.0f} % down) for {duration_text(t - st.drop_start)} "
            f"while crossing {zone_label(z)}, then picked up speed again."
        )
        first = st.drop_ev[0]
        return Signal(
            "cable_speed_drop",
            (fix.r.mmsi,),
            t,
            first.lat,
            first.lon,
            summary,
            zone=z.name,
            start=st.drop_start,
            evidence=list(st.drop_ev),
            details=details(reference_kn=st.drop_ref, slowest_kn=st.drop_min, drop_pct=pct),
            close=True,
        )


def _behaviour(modes: set[str]) -> str:
    parts = []
    if "anchored" in modes and "drifting" in modes:
        parts.append('drifting under 1 kn with "at anchor" status')
    elif "anchored" in modes:
        parts.append('with "at anchor" status')
    elif "drifting" in modes:
        parts.append("drifting under 1 kn")
    if "zigzag" in modes:
        parts.append("zigzagging back and forth")
    if "slow" in modes and not parts:
        parts.append("creeping at 1-4 kn")
    return " and ".join(parts) or "moving slowly"
