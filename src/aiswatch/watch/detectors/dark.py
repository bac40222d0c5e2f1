"""Going dark: reporting gaps.

A track silent for ``dark.gap_at_sea_s`` (6 h, Welch et al. 2022), or ``dark.gap_in_corridor_s``
(30 min) when it fell silent in a cable corridor or its path across the gap crosses one
(Eagle S over Estlink 2), is reported with its last and first positions and the speed the gap
implies. Silence is only suspicious where the ship would have been heard: the watch asks for
good reception just before (at least ``dark.min_reception`` of the reports its ITU reporting
interval calls for over ``dark.reception_window_s``) and for other ships heard around where it
fell silent during the gap; a ship sailing out of the receivers' range fades out and is not
reported. A vessel that already had a medium or higher alert in the last day (a suspect) is
reported after ``dark.gap_suspect_s`` whatever the coverage.

Live: a gap opens an alert as soon as it is due (the clock runs on stream time), the alert is
refreshed while the silence lasts, and closes with the first position when the ship is heard
again. Replay: the same, at full speed.
"""

from __future__ import annotations

import heapq
from collections.abc import Sequence
from dataclasses import dataclass

from aiswatch.watch.alerts import Evidence, Signal
from aiswatch.watch.detectors.base import (
    NONE,
    Detector,
    Fix,
    WatchContext,
    details,
    duration_text,
    nm_text,
    zone_label,
)
from aiswatch.watch.geo import KN_MS, haversine_m
from aiswatch.watch.tracks import Track, Vessel
from aiswatch.watch.zones import Zone

__all__ = ["Dark", "report_interval_s"]

REFRESH_S = 1800.0  # an ongoing gap alert is refreshed this often


def report_interval_s(cls: str, sog: float | None, status: int | None) -> float:
    """The autonomous reporting interval ITU-R M.1371-5 (Annex 1, tables 1 and 2) sets for
    a station: Class A 3 min at anchor or moored and slow, 10 s to 2 s under way by speed;
    Class B "CS" 3 min at 2 kn or less, else 30 s."""
    v = sog if sog is not None and sog < 102.2 else 0.0
    if cls == "B":
        return 30.0 if v > 2.0 else 180.0
    if status in (1, 5) and v <= 3.0:
        return 180.0
    if v > 23.0:
        return 2.0
    if v > 14.0:
        return 6.0
    return 10.0


@dataclass(slots=True)
class _State:
    open: bool = False
    kind: str = ""
    zone: str | None = None
    since: float = 0.0
    last_ev: Evidence | None = None


class Dark(Detector):
    name = "dark"
    kinds = ("ais_gap", "ais_gap_over_cable")

    def __init__(self, ctx: WatchContext) -> None:
        super().__init__(ctx)
        self._swap_wait = self.rules.identity.swap_confirm_s + 2 * self.rules.watch.tick_s
        self._heap: list[tuple[float, int]] = []
        self._known: dict[int, tuple[Track, Vessel]] = {}

    # -- reception ---------------------------------------------------------------------
    @staticmethod
    def reception(track: Track, cls: str, until: float, window: float, exclude_last: bool) -> float:
        """Share of the expected reports heard over ``window`` before ``until``."""
        times = list(track.times)
        if exclude_last and times:
            times = times[:-1]
        iv = report_interval_s(cls, track.sog, track.status)
        expected = min(window / iv, float((track.times.maxlen or 32) - 1))
        got = sum(1 for x in times if until - window <= x <= until)
        return min(got / expected, 1.0) if expected > 0 else 1.0

    # -- thresholds ----------------------------------------------------------------------
    def _cable_at(self, lat: float, lon: float) -> Zone | None:
        p = self.ctx.zones.place(lat, lon)
        c = p.corridor() if p is not None else None
        return c[0] if c is not None else None

    def _cable_on_path(self, lat0: float, lon0: float, lat1: float, lon1: float) -> Zone | None:
        z = self._cable_at(lat0, lon0)
        if z is not None:
            return z
        d = haversine_m(lat0, lon0, lat1, lon1)
        n = min(int(d / 500.0) + 1, 400)
        for k in range(1, n + 1):
            f = k / n
            z = self._cable_at(lat0 + f * (lat1 - lat0), lon0 + f * (lon1 - lon0))
            if z is not None:
                return z
        return None

    def _threshold(self, cable: Zone | None, suspect: bool) -> float:
        rules = self.ctx.rules_at(cable).dark
        thr = rules.gap_at_sea_s
        if cable is not None:
            thr = min(thr, rules.gap_in_corridor_s)
        if suspect:
            thr = min(thr, rules.gap_suspect_s)
        return thr

    def _explained(self, mmsi: int) -> bool:
        """Silence explained by a swap: the MMSI went on as another one."""
        return any(a.mmsi[0] == mmsi for a in self.ctx.book.involving("identity_swap", mmsi))

    def _min_threshold(self) -> float:
        d = self.rules.dark
        return min(d.gap_at_sea_s, d.gap_in_corridor_s, d.gap_suspect_s)

    # -- positions ---------------------------------------------------------------------
    def on_position(self, fix: Fix) -> Sequence[Signal]:
        r = fix.r
        tr = fix.track
        if fix.new_track:
            self._known[tr.id] = (tr, fix.vessel)
            heapq.heappush(self._heap, (r.time + self._min_threshold(), tr.id))
            return NONE
        st: _State | None = tr.state.get(self.name)
        if st is not None and st.open:
            return self._gap_end(fix, st)
        if fix.prev_time is None or min(fix.dt, fix.vessel_dt) < self._min_threshold():
            return NONE
        return self._gap_end(fix, st)

    def _gap_end(self, fix: Fix, st: _State | None) -> Sequence[Signal]:
        r = fix.r
        assert fix.prev_time is not None and fix.prev_lat is not None and fix.prev_lon is not None
        t0, lat0, lon0 = fix.prev_time, fix.prev_lat, fix.prev_lon
        gap = r.time - t0
        if st is not None and st.open:
            kind, zone_name = st.kind, st.zone
        else:
            if self._explained(r.mmsi):
                return NONE
            cable = self._cable_on_path(lat0, lon0, r.lat, r.lon)
            suspect = self.ctx.book.suspect(r.mmsi, t0)
            if min(gap, fix.vessel_dt) < self._threshold(cable, suspect):
                return NONE
            rules = self.ctx.rules_at(cable).dark
            rec = self.reception(fix.track, fix.vessel.cls, t0, rules.reception_window_s, True)
            if not (suspect or rec >= rules.min_reception):
                return NONE
            kind = "ais_gap_over_cable" if cable is not None else "ais_gap"
            zone_name = cable.name if cable is not None else None
        dist = haversine_m(lat0, lon0, r.lat, r.lon)
        implied = dist / max(gap, 1.0) / KN_MS
        before = Evidence(t0, r.mmsi, lat0, lon0, fix.prev_sog, None, fix.prev_status, "last heard")
        if st is not None and st.last_ev is not None:
            before = st.last_ev
        after = fix.evidence("heard again")
        label = self.ctx.label(r.mmsi)
        zone = self.ctx.zones.by_name.get(zone_name) if zone_name else None
        where = f" over {zone_label(zone)}" if zone is not None else ""
        summary = (
            f"{label} went silent for {duration_text(gap)}{where}: last heard at "
            f"{lat0:.4f}, {lon0:.4f}, heard again {nm_text(dist)} away, an implied "
            f"{implied:.1f} kn across the gap."
        )
        if st is not None:
            st.open = False
            st.last_ev = None
        return (
            Signal(
                kind,
                (r.mmsi,),
                r.time,
                lat0,
                lon0,
                summary,
                zone=zone_name,
                start=t0,
                evidence=[before, after],
                details=details(gap_s=gap, distance_m=dist, implied_kn=implied),
                close=True,
            ),
        )

    # -- the clock -----------------------------------------------------------------------
    def on_tick(self, now: float) -> Sequence[Signal]:
        out: list[Signal] = []
        heap = self._heap
        gap_limit = self.rules.watch.track_gap_s
        while heap and heap[0][0] <= now:
            _, tid = heapq.heappop(heap)
            known = self._known.get(tid)
            if known is None:
                continue
            tr, vessel = known
            if tr not in vessel.tracks or vessel.last_time > tr.last_time + 60.0:
                del self._known[tid]  # gone, or the MMSI is heard on another track
                continue
            silent = now - tr.last_time
            st: _State = self.state(tr, _State)
            if st.open and st.since != tr.last_time:
                st.open = False  # heard again: its position closed the alert
            if silent > gap_limit:
                del self._known[tid]
                continue
            if st.open:
                out.append(self._ongoing(tr, st, now))
                heapq.heappush(heap, (now + REFRESH_S, tid))
                continue
            cable = self._cable_at(tr.lat, tr.lon)
            suspect = self.ctx.book.suspect(tr.mmsi, tr.last_time)
            # wait for the registry's swap confirmation too: a swap explains the silence
            thr = max(self._threshold(cable, suspect), self._swap_wait)
            if silent < thr:
                heapq.heappush(heap, (tr.last_time + thr, tid))
                continue
            if self._explained(tr.mmsi):
                del self._known[tid]
                continue
            rules = self.ctx.rules_at(cable).dark
            rec = self.reception(tr, vessel.cls, tr.last_time, rules.reception_window_s, False)
            if suspect or rec >= rules.min_reception:
                st.open, st.since = True, tr.last_time
                st.kind = "ais_gap_over_cable" if cable is not None else "ais_gap"
                st.zone = cable.name if cable is not None else None
                st.last_ev = Evidence(tr.last_time, tr.mmsi, tr.lat, tr.lon, tr.sog, tr.cog,
                                      tr.status, "last heard")  # fmt: skip
                out.append(self._ongoing(tr, st, now))
                heapq.heappush(heap, (now + REFRESH_S, tid))
            else:
                heapq.heappush(heap, (now + REFRESH_S, tid))
        return out

    def _ongoing(self, tr: Track, st: _State, now: float) -> Signal:
        zone = self.ctx.zones.by_name.get(st.zone) if st.zone else None
        where = f" over {zone_label(zone)}" if zone is not None else ""
        summary = (
            f"{self.ctx.label(tr.mmsi)} has not been heard for {duration_text(now - st.since)}"
            f"{where}; last heard at {tr.lat:.4f}, {tr.lon:.4f}."
        )
        return Signal(
            st.kind,
            (tr.mmsi,),
            now,
            tr.lat,
            tr.lon,
            summary,
            zone=st.zone,
            start=st.since,
            evidence=[st.last_ev] if st.last_ev is not None else [],
            details=details(gap_s=now - st.since, ongoing=True),
        )

    def flush(self, now: float) -> Sequence[Signal]:
        return self.on_tick(now)
