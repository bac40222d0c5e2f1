"""Spoofing and misuse of the position stream.

The track model (`aiswatch.watch.tracks`) opens a new track when a position cannot be
reached from any live track of its MMSI at a plausible speed (``watch.max_speed_kn``, GFW's
segmenter). Such a jump starts an *excursion*; what the excursion does decides the alert,
one alert per situation:

* ``position_on_land``: the excursion sits inland (cell and neighbours land, see
  `aiswatch.watch.land`) for ``spoofing.land_min_s``. Requiring the jump keeps ships on
  lakes, rivers and in river ports (land in Natural Earth) out;
* ``circle_spoofing``: the excursion runs round a circle (``circle_min_turn_deg`` of turning
  on a fitted circle of ``circle_min_radius_nm``-``circle_max_radius_nm``, points within
  ``circle_max_cv`` of the radius, at ``circle_min_kn`` or more). Without a jump, one and a
  half turns (``circle_free_turn_deg``) are needed: a single round turn is seamanship;
* ``position_jump``: otherwise, once the positions are back on the old track and the
  excursion stays silent for ``jump_confirm_s`` (or the old track stays silent for
  ``one_way_s``); repeated jumps update one alert;
* ``mmsi_conflict``: positions switch between two tracks at least ``conflict_min_switches``
  times in ``conflict_window_s``, ``conflict_min_m`` apart: two transmitters on one MMSI at
  once (Hong Tai 58's MMSI was used by two other ships). A jump and back switches twice;
* ``invalid_mmsi``: the registry's check of each MMSI when first seen (wrong length, no
  ITU-R M.585 format, unallocated MID).
"""

from __future__ import annotations

import itertools
import math
import statistics
from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass, field

from aiswatch.vessels.events import Event, LinkFound, LinkKind
from aiswatch.watch.alerts import Evidence, Signal
from aiswatch.watch.detectors.base import NONE, Detector, Fix, details, duration_text, nm_text
from aiswatch.watch.geo import angle_diff, bearing_deg, haversine_m, local_xy
from aiswatch.watch.tracks import Track

__all__ = ["Spoofing", "fit_circle"]

UPDATE_S = 300.0
CIRCLE_SAMPLE_S = 30.0


@dataclass(slots=True)
class _Excursion:
    track: int
    parent: int
    start: float
    jump_m: float
    jump_kn: float
    before: Evidence
    first: Evidence
    last_time: float
    n: int = 1
    land_n: int = 0
    land_since: float | None = None
    returned: float | None = None
    back: Evidence | None = None
    kind: str | None = None  # "land", "circle", "jump", "conflict" once decided
    reported: bool = False


@dataclass(slots=True)
class _VesselState:
    excursions: dict[int, _Excursion] = field(default_factory=dict)
    switches: deque[float] = field(default_factory=lambda: deque(maxlen=64))
    jumps: int = 0
    jump_start: float | None = None
    jump_signal: float = -math.inf
    land_signal: float = -math.inf
    conflict_signal: float = -math.inf
    conflict_start: float | None = None


@dataclass(slots=True)
class _Circle:
    samples: deque[tuple[float, float, float]] = field(default_factory=deque)
    bearing: float | None = None
    turns: deque[tuple[float, float]] = field(default_factory=deque)
    total: float = 0.0  # sum of the turns in the window
    start: float | None = None
    signal: float = -math.inf


def fit_circle(points: Sequence[tuple[float, float]]) -> tuple[float, float, float, float] | None:
    """Least-squares (Kasa) circle through (x, y) points: centre x, y, radius and the
    coefficient of variation of the points' distances from the centre; None if degenerate."""
    n = len(points)
    if n < 5:
        return None
    mx = sum(p[0] for p in points) / n
    my = sum(p[1] for p in points) / n
    suu = svv = suv = suuu = svvv = suvv = svuu = 0.0
    for x, y in points:
        u, v = x - mx, y - my
        uu, vv = u * u, v * v
        suu += uu
        svv += vv
        suv += u * v
        suuu += uu * u
        svvv += vv * v
        suvv += u * vv
        svuu += v * uu
    det = suu * svv - suv * suv
    if abs(det) < 1e-9:
        return None
    a, b = 0.5 * (suuu + suvv), 0.5 * (svvv + svuu)
    uc = (a * svv - b * suv) / det
    vc = (b * suu - a * suv) / det
    r = math.sqrt(uc * uc + vc * vc + (suu + svv) / n)
    if r <= 0:
        return None
    ds = [math.hypot(x - mx - uc, y - my - vc) for x, y in points]
    return mx + uc, my + vc, r, statistics.pstdev(ds) / r


class Spoofing(Detector):
    name = "spoofing"
    kinds = (
        "position_jump",
        "position_on_land",
        "circle_spoofing",
        "mmsi_conflict",
        "invalid_mmsi",
    )

    def on_position(self, fix: Fix) -> Sequence[Signal]:
        r = fix.r
        t = r.time
        rules = self.rules.spoofing
        v = fix.vessel
        vs: _VesselState | None = v.state.get(self.name)
        if vs is None:
            vs = v.state[self.name] = _VesselState()
        out: list[Signal] = []
        if fix.switched:
            vs.switches.append(t)
            out.extend(self._conflict(fix, vs))
        if fix.jumped_from is not None:
            jf = fix.jumped_from
            vs.excursions[fix.track.id] = _Excursion(
                track=fix.track.id,
                parent=jf.id,
                start=t,
                jump_m=fix.jump_m,
                jump_kn=fix.jump_kn,
                before=Evidence(
                    jf.last_time,
                    r.mmsi,
                    jf.lat,
                    jf.lon,
                    jf.sog,
                    jf.cog,
                    jf.status,
                    "before the jump",
                ),
                first=fix.evidence(f"jumped {nm_text(fix.jump_m)}"),
                last_time=t,
            )
        circle = self._circle_step(fix)
        ex = vs.excursions.get(fix.track.id)
        if ex is not None and not fix.new_track:
            if ex.returned is not None and ex.kind in (None, "jump"):
                ex.returned, ex.back, ex.kind, ex.reported = (
                    None,
                    None,
                    None,
                    False,
                )  # another burst
                ex.n = ex.land_n = 0
                ex.land_since = None
            ex.n += 1
            ex.last_time = t
        if ex is not None:
            if fix.inland:
                ex.land_n += 1
                if ex.land_since is None:
                    ex.land_since = t
            if ex.kind in (None, "land") and self._landed(ex, t):
                ex.kind = "land"
                if t - vs.land_signal >= UPDATE_S:
                    vs.land_signal = t
                    out.append(self._land_signal(fix, ex))
            if circle is not None and ex.kind in (None, "circle"):
                ex.kind = "circle"
        if circle is not None and (
            ex is not None
            or (
                circle[0] >= rules.circle_free_turn_deg
                and not (v.shiptype is not None and v.shiptype in rules.circle_exempt_shiptypes)
            )
        ):
            cst: _Circle = fix.track.state[self.name]
            if t - cst.signal >= UPDATE_S:
                cst.signal = t
                out.append(self._circle_signal(fix, circle, ex))
        # returns to an old track; confirmations
        for e in list(vs.excursions.values()):
            if e.parent == fix.track.id and e.returned is None and e.last_time < t:
                e.returned = t
                e.back = fix.evidence("back on its track")
            out.extend(self._settle(fix, vs, e))
        return out

    # -- jumps -------------------------------------------------------------------------
    def _landed(self, ex: _Excursion, t: float) -> bool:
        rules = self.rules.spoofing
        return (
            ex.land_since is not None
            and t - ex.land_since >= rules.land_min_s
            and ex.land_n >= rules.land_min_share * ex.n
        )

    def _settle(self, fix: Fix, vs: _VesselState, ex: _Excursion) -> Sequence[Signal]:
        rules = self.rules.spoofing
        t = fix.r.time
        if ex.kind is not None and ex.kind != "jump":
            if t - ex.last_time > rules.one_way_s:
                del vs.excursions[ex.track]
            return NONE
        if self._conflicting(vs, t):
            ex.kind = "conflict"
            return NONE
        parent = fix.vessel.track(ex.parent)
        confirmed = (
            ex.returned is not None
            and t - ex.returned >= rules.jump_confirm_s
            and t - ex.last_time >= rules.jump_confirm_s
        )
        one_way = (
            ex.returned is None
            and (parent is None or t - parent.last_time >= rules.one_way_s)
            and t - ex.start >= rules.one_way_s
        )
        if not (confirmed or one_way) or ex.reported:
            if ex.reported and t - ex.last_time > rules.one_way_s:
                del vs.excursions[ex.track]
            return NONE
        ex.kind = "jump"
        ex.reported = True
        if ex.n < rules.jump_min_positions:
            return NONE
        vs.jumps += 1
        if vs.jump_start is None:
            vs.jump_start = ex.before.time
        return (self._jump_signal(fix, vs, ex, one_way),)

    def _jump_signal(self, fix: Fix, vs: _VesselState, ex: _Excursion, one_way: bool) -> Signal:
        r = fix.r
        f = ex.first
        label = self.ctx.label(r.mmsi)
        speed = f"{ex.jump_kn:,.0f} kn" if ex.jump_kn < 1e6 else "an impossible speed"
        if one_way:
            what = (
                f"jumped {nm_text(ex.jump_m)} to {f.lat:.4f}, {f.lon:.4f} (an implied {speed}) "
                f"and stayed there"
            )
        else:
            times = "once" if vs.jumps == 1 else f"{vs.jumps} times"
            what = (
                f"jumped {nm_text(ex.jump_m)} to {f.lat:.4f}, {f.lon:.4f} (an implied {speed}) "
                f"and back, {times}"
            )
        summary = f"{label} reported positions that {what}: its position reports are falsified or corrupted."
        ev = [ex.before, ex.first] + ([ex.back] if ex.back is not None else [])
        return Signal(
            "position_jump",
            (r.mmsi,),
            max(ex.last_time, ex.returned or 0.0),
            ex.before.lat,
            ex.before.lon,
            summary,
            start=vs.jump_start,
            evidence=ev,
            details=details(
                jumps=vs.jumps,
                jump_m=ex.jump_m,
                implied_kn=min(ex.jump_kn, 1e6),
                to=[round(f.lat, 5), round(f.lon, 5)],
                one_way=one_way,
            ),
        )

    def _land_signal(self, fix: Fix, ex: _Excursion) -> Signal:
        r = fix.r
        label = self.ctx.label(r.mmsi)
        since = ex.land_since if ex.land_since is not None else ex.start
        summary = (
            f"{label} has reported positions on land around {r.lat:.4f}, {r.lon:.4f} for "
            f"{duration_text(r.time - since)}, after jumping {nm_text(ex.jump_m)} from its track "
            f"at sea: its GNSS position is being spoofed or falsified."
        )
        return Signal(
            "position_on_land",
            (r.mmsi,),
            r.time,
            r.lat,
            r.lon,
            summary,
            start=since,
            evidence=[ex.before, ex.first, fix.evidence("on land")],
            details=details(jump_m=ex.jump_m, positions_on_land=ex.land_n),
        )

    # -- two places at once ------------------------------------------------------------
    def _conflicting(self, vs: _VesselState, t: float) -> bool:
        rules = self.rules.spoofing
        w = t - rules.conflict_window_s
        return sum(1 for x in vs.switches if x >= w) >= rules.conflict_min_switches

    def _conflict(self, fix: Fix, vs: _VesselState) -> Sequence[Signal]:
        t = fix.r.time
        rules = self.rules.spoofing
        if not self._conflicting(vs, t):
            return NONE
        live = [tr for tr in fix.vessel.tracks if t - tr.last_time <= rules.conflict_window_s]
        far = 0.0
        other: Track | None = None
        for tr in live:
            if tr is fix.track:
                continue
            d = haversine_m(tr.lat, tr.lon, fix.r.lat, fix.r.lon)
            if d > far:
                far, other = d, tr
        if other is None or far < rules.conflict_min_m or t - vs.conflict_signal < UPDATE_S:
            return NONE
        vs.conflict_signal = t
        if vs.conflict_start is None:
            vs.conflict_start = min(other.first_time, fix.track.first_time, t)
            vs.conflict_start = max(vs.conflict_start, t - rules.conflict_window_s)
        names = self.ctx.names(fix.r.mmsi)
        named = f" (names seen: {', '.join(names)})" if len(names) > 1 else ""
        summary = (
            f"MMSI {fix.r.mmsi} is transmitted from {len(live)} places at once, "
            f"{nm_text(far)} apart{named}: several ships share one identity."
        )
        ev = [
            fix.evidence("one transmitter"),
            Evidence(
                other.last_time,
                fix.r.mmsi,
                other.lat,
                other.lon,
                other.sog,
                other.cog,
                other.status,
                "another transmitter",
            ),
        ]
        return (
            Signal(
                "mmsi_conflict",
                (fix.r.mmsi,),
                t,
                fix.r.lat,
                fix.r.lon,
                summary,
                start=vs.conflict_start,
                evidence=ev,
                details=details(tracks=len(live), apart_m=far, names=names),
            ),
        )

    def on_event(self, ev: Event) -> Sequence[Signal]:
        if not (isinstance(ev, LinkFound) and ev.link.kind is LinkKind.INVALID_MMSI):
            return NONE
        if not self.rules.spoofing.invalid_mmsi:
            return NONE
        summary = (
            f"MMSI {ev.mmsi} is not a valid ship identity ({ev.link.detail}): the transponder "
            f"is misconfigured or its identity is made up."
        )
        lat = ev.lat if ev.lat is not None else 0.0
        lon = ev.lon if ev.lon is not None else 0.0
        ev_list = (
            [Evidence(ev.time, ev.mmsi, lat, lon, note="first heard")] if ev.lat is not None else []
        )
        return (
            Signal(
                "invalid_mmsi",
                (ev.mmsi,),
                ev.time,
                lat,
                lon,
                summary,
                evidence=ev_list,
                details={"problem": ev.link.detail},
                close=True,
            ),
        )

    # -- circles -----------------------------------------------------------------------
    def _circle_step(self, fix: Fix) -> tuple[float, float, float] | None:
        """(turning in degrees, radius in nmi, speed in kn) when the track's recent positions
        run round a circle, else None."""
        rules = self.rules.spoofing
        r = fix.r
        tr = fix.track
        st: _Circle | None = tr.state.get(self.name)
        moving = r.sog is not None and rules.circle_min_kn <= r.sog < 102.2
        if st is None:
            if not moving:
                return None
            st = tr.state[self.name] = _Circle()
        t = r.time
        s = st.samples
        if not moving:
            if s:
                s.clear()
                st.turns.clear()
                st.total = 0.0
                st.bearing = None
                st.start = None
            return None
        if s and t - s[-1][0] < CIRCLE_SAMPLE_S:
            return None
        if s:
            if haversine_m(s[-1][1], s[-1][2], r.lat, r.lon) < 30.0:
                return None
            b = bearing_deg(s[-1][1], s[-1][2], r.lat, r.lon)
            if st.bearing is not None:
                turn = angle_diff(st.bearing, b)
                st.turns.append((t, turn))
                st.total += turn
            st.bearing = b
        s.append((t, r.lat, r.lon))
        w = t - rules.circle_window_s
        while s[0][0] < w:
            s.popleft()
        turns = st.turns
        while turns and turns[0][0] < w:
            st.total -= turns.popleft()[1]
        total = st.total
        if abs(total) < rules.circle_min_turn_deg:
            return None
        # the samples since the turning began
        t0 = st.turns[0][0]
        pts = [(tt, la, lo) for tt, la, lo in s if tt >= t0 - CIRCLE_SAMPLE_S]
        lat0, lon0 = pts[0][1], pts[0][2]
        xy = [local_xy(lat0, lon0, la, lo) for _, la, lo in pts]
        fit = fit_circle(xy)
        if fit is None:
            return None
        _, _, radius, cv = fit
        rnm = radius / 1852.0
        if (
            not (rules.circle_min_radius_nm <= rnm <= rules.circle_max_radius_nm)
            or cv > rules.circle_max_cv
        ):
            return None
        sailed = sum(math.hypot(b[0] - a[0], b[1] - a[1]) for a, b in itertools.pairwise(xy))
        dur = pts[-1][0] - pts[0][0]
        kn = sailed / max(dur, 1.0) / 0.514444
        if kn < rules.circle_min_kn:
            return None
        if st.start is None:
            st.start = pts[0][0]
        return abs(total), rnm, kn

    def _circle_signal(
        self, fix: Fix, circle: tuple[float, float, float], ex: _Excursion | None
    ) -> Signal:
        r = fix.r
        st: _Circle = fix.track.state[self.name]
        turning, rnm, kn = circle
        start = st.start if st.start is not None else r.time
        if ex is not None:
            start = min(start, ex.start)
        label = self.ctx.label(r.mmsi)
        jumped = f" after jumping {nm_text(ex.jump_m)} off its track" if ex is not None else ""
        summary = (
            f"{label} has reported positions running round a circle of {rnm:.1f} nmi radius at "
            f"{kn:.0f} kn for {duration_text(r.time - start)} ({turning:.0f} degrees){jumped}: "
            f"circle spoofing of its position."
        )
        ev = [fix.evidence("on the circle")]
        if ex is not None:
            ev = [ex.before, ex.first, *ev]
        return Signal(
            "circle_spoofing",
            (r.mmsi,),
            r.time,
            r.lat,
            r.lon,
            summary,
            start=start,
            evidence=ev,
            details=details(
                radius_nm=rnm, turning_deg=turning, speed_kn=kn, after_jump=ex is not None
            ),
        )

    def on_tick(self, now: float) -> Sequence[Signal]:
        return NONE
