"""Anchor drag: a ship whose anchor is down but who is moving.

Two signs (signature (c) of the published cases, Yi Peng 3 and Eagle S):

* ``status``: "at anchor" or "moored" status while the ship has moved more than
  ``drag.radius_m`` from where it anchored, at no more than ``drag.status_max_kn`` (faster,
  the crew forgot to change the status);
* ``erratic``: ``drag.window_s`` at ``drag.min_kn``-``drag.max_kn`` with an erratic course
  (at least ``drag.erratic_turn_deg`` of turning in both senses, alternating
  ``drag.erratic_reversals`` times), the course measured over ``drag.leg_m`` legs of the
  track rather than from COG, which is noise at low speed.

Not in or near anchorages and ports, not for fishing or service craft (see the rules). While
the ship lingers in a cable corridor (a ``cable_loitering`` alert open or building up), the
cable alert tells the story.
"""

from __future__ import annotations

import itertools
from collections import deque
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
from aiswatch.watch.detectors.cable import CableRisk
from aiswatch.watch.geo import angle_diff, bearing_deg, haversine_m

__all__ = ["AnchorDrag"]

GRACE_S = 600.0
UPDATE_S = 300.0
SAMPLE_S = 30.0
MIN_TURN_DEG = 10.0  # turns smaller than this do not count as a change of sense


@dataclass(slots=True)
class _State:
    anchor: tuple[float, float, float] | None = None  # time, lat, lon where it anchored
    speeds: deque[tuple[float, bool]] = field(default_factory=deque)
    in_band: int = 0  # speeds in the window within the band
    leg: tuple[float, float] | None = None
    bearing: float | None = None
    turns: deque[tuple[float, float]] = field(default_factory=deque)
    legs: deque[tuple[float, float, float, float]] = field(
        default_factory=deque
    )  # t, lat, lon, cum m
    start: float | None = None
    last: float = 0.0
    mode: str = ""
    first: Evidence | None = None
    dist_m: float = 0.0
    opened: bool = False
    last_signal: float = 0.0
    cables: set[str] = field(default_factory=set)


class AnchorDrag(Detector):
    name = "drag"
    kinds = ("anchor_drag",)

    def __init__(self, ctx: WatchContext, cable: CableRisk | None = None) -> None:
        super().__init__(ctx)
        self.cable = cable

    def on_position(self, fix: Fix) -> Sequence[Signal]:
        r = fix.r
        rules = self.rules.drag
        if fix.inland or self.exempt(
            fix.vessel, r.status, rules.exempt_shiptypes, rules.exempt_status
        ):
            return NONE
        st: _State = self.state(fix.track, _State)
        t = r.time
        place = fix.place
        if place is not None and (
            place.near("anchorage", rules.anchorage_exclusion_m) is not None
            or place.near("port", rules.port_exclusion_m) is not None
        ):
            st.anchor = None
            st.speeds.clear()
            st.turns.clear()
            st.leg = None
            return self._end(st, fix) if st.start is not None else NONE
        # (a) anchored or moored status, yet away from where it anchored
        status_hit = False
        if r.status is not None and r.status in rules.status:
            if st.anchor is None:
                st.anchor = (t, r.lat, r.lon)
            d = haversine_m(st.anchor[1], st.anchor[2], r.lat, r.lon)
            sog = r.sog if r.sog is not None else 0.0
            if d > rules.radius_m and sog <= rules.status_max_kn:
                status_hit = True
                st.dist_m = max(st.dist_m, d)
        else:
            st.anchor = None
        # (b) sustained slow speed with an erratic course
        erratic_hit = self._erratic(st, fix)
        hit = status_hit or erratic_hit
        if hit and (
            self.ctx.book.has_open("cable_loitering", r.mmsi)
            or (self.cable is not None and self.cable.dwelling(fix.track))
        ):
            hit = False
        if hit:
            if st.start is None:
                st.start = t if status_hit else (st.speeds[0][0] if st.speeds else t)
                st.first = fix.evidence("anchor dragging")
                st.mode = "status" if status_hit else "erratic"
                st.dist_m = st.dist_m if status_hit else 0.0
            st.last = t
            if place is not None:
                c = place.corridor()
                if c is not None:
                    st.cables.add(c[0].name)
            if not st.opened or t - st.last_signal >= UPDATE_S:
                return (self._signal(st, fix),)
            return NONE
        if st.start is not None and t - st.last > GRACE_S:
            return self._end(st, fix)
        return NONE

    def flush(self, now: float) -> Sequence[Signal]:
        out = []
        for v, tr, st in self.open_states():
            if st.opened and st.start is not None:
                out.append(self._signal(st, self.fix_at(v, tr, st.last)))
        return out

    def _erratic(self, st: _State, fix: Fix) -> bool:
        r = fix.r
        rules = self.rules.drag
        t = r.time
        sog = r.sog
        if sog is None or sog > rules.max_kn + 2.0:
            if st.speeds or st.leg is not None:  # clearly under way: start afresh
                st.speeds.clear()
                st.in_band = 0
                st.turns.clear()
                st.legs.clear()
                st.leg = st.bearing = None
            return False
        sp = st.speeds
        if not sp or t - sp[-1][0] >= SAMPLE_S:
            ok = rules.min_kn <= sog <= rules.max_kn
            sp.append((t, ok))
            st.in_band += ok
        w = t - rules.window_s
        while sp[0][0] < w:
            st.in_band -= sp.popleft()[1]
        if st.leg is None:
            st.leg = (r.lat, r.lon)
            st.legs.append((t, r.lat, r.lon, 0.0))
        else:
            d = haversine_m(st.leg[0], st.leg[1], r.lat, r.lon)
            if d >= rules.leg_m:
                b = bearing_deg(st.leg[0], st.leg[1], r.lat, r.lon)
                if st.bearing is not None:
                    st.turns.append((t, angle_diff(st.bearing, b)))
                st.bearing = b
                st.leg = (r.lat, r.lon)
                st.legs.append((t, r.lat, r.lon, (st.legs[-1][3] if st.legs else 0.0) + d))
        while st.turns and st.turns[0][0] < w:
            st.turns.popleft()
        while len(st.legs) > 1 and st.legs[1][0] <= w:
            st.legs.popleft()
        if len(sp) < 5 or sp[-1][0] - sp[0][0] < rules.window_s * 0.9:
            return False
        if st.in_band < 0.9 * len(sp):
            return False
        turns = [d for _, d in st.turns if abs(d) >= MIN_TURN_DEG]
        if sum(abs(d) for d in turns) < rules.erratic_turn_deg:
            return False
        flips = sum(1 for a, b in itertools.pairwise(turns) if (a > 0) != (b > 0))
        if flips < rules.erratic_reversals:
            return False
        legs = st.legs
        sailed = legs[-1][3] - legs[0][3]
        net = haversine_m(legs[0][1], legs[0][2], legs[-1][1], legs[-1][2])
        return sailed > 0 and net >= rules.min_progress * sailed

    def _signal(self, st: _State, fix: Fix, close: bool = False) -> Signal:
        assert st.start is not None
        st.opened = True
        st.last_signal = fix.r.time
        end = st.last if close else fix.r.time
        label = self.ctx.label(fix.r.mmsi)
        over = f", over {', '.join(sorted(st.cables))}" if st.cables else ""
        if st.mode == "status":
            what = (
                f'reports "at anchor" or "moored" but has moved {nm_text(st.dist_m)} from where '
                f"it anchored"
            )
        else:
            rules = self.rules.drag
            what = (
                f"has crept at {rules.min_kn:.0f}-{rules.max_kn:.0f} kn with an erratic course, "
                f"as a ship dragging its anchor does"
            )
        if close:
            what = what.replace("has crept", "crept").replace("reports", "reported")
        summary = f"{label} {what}, for {duration_text(end - st.start)}{over}."
        ev = [] if close else [fix.evidence()]
        if st.first is not None:
            ev.insert(0, st.first)
            st.first = None
        return Signal(
            "anchor_drag",
            (fix.r.mmsi,),
            end,
            fix.r.lat,
            fix.r.lon,
            summary,
            start=st.start,
            evidence=ev,
            details=details(mode=st.mode, moved_m=st.dist_m, cables=sorted(st.cables)),
            close=close,
        )

    def _end(self, st: _State, fix: Fix) -> Sequence[Signal]:
        out: Sequence[Signal] = (self._signal(st, fix, close=True),) if st.opened else NONE
        st.start = None
        st.opened = False
        st.first = None
        st.cables = set()
        st.dist_m = 0.0
        return out
