"""Per-vessel tracks: which positions belong together.

One MMSI may be several transmitters (two ships sharing it, a spoofed position stream beside
the real one), so positions are joined to tracks the way GFW's segmenter joins them (several
open segments per MMSI; a position goes to the segment it can be reached from at a plausible
speed; none fits: a new segment). Detectors then see each track as one ship and keep their
state per track, so that two ships on one MMSI do not blur into one impossible zigzag.

A new track is a *jump* when the MMSI had a live track the new position cannot come from:
the spoofing detector takes it from there.
"""

from __future__ import annotations

import math
from collections import deque
from dataclasses import dataclass, field
from typing import Any

from aiswatch.vessels.model import PositionReport
from aiswatch.watch.geo import KN_MS, haversine_m

__all__ = ["Assignment", "Track", "Vessel"]

# Ship types (ITU-R M.1371-5 table 53) of craft that may exceed ordinary speeds: WIG 20-29,
# high-speed craft 40-49.
FAST_TYPES = frozenset(range(20, 30)) | frozenset(range(40, 50))


@dataclass(eq=False, slots=True)
class Track:
    id: int
    mmsi: int
    origin: str  # "first", "jump" or "gap"
    parent: int | None
    first_time: float
    last_time: float
    lat: float
    lon: float
    sog: float | None = None
    cog: float | None = None
    status: int | None = None
    n: int = 1
    times: deque[float] = field(default_factory=lambda: deque(maxlen=32))
    state: dict[str, Any] = field(default_factory=dict)


@dataclass(slots=True)
class Assignment:
    track: Track
    new: bool
    jumped_from: Track | None = None  # the live track it could not come from
    distance_m: float = 0.0  # from the previous position of its track (or the jumped-from one)
    dt: float = 0.0
    implied_kn: float = 0.0
    prev: tuple[float, float, float, float | None, int | None] | None = None  # the track before


@dataclass(eq=False, slots=True)
class Vessel:
    mmsi: int
    tracks: list[Track] = field(default_factory=list)
    last: Track | None = None  # track of the latest position
    last_time: float = -math.inf
    first_time: float = math.inf
    last_key: tuple[float, float] | None = None
    shiptype: int | None = None
    cls: str = "A"
    state: dict[str, Any] = field(default_factory=dict)

    def is_duplicate(self, r: PositionReport, window_s: float) -> bool:
        """The same position again within ``window_s`` (several receivers, one message), or
        older than the vessel's latest report beyond the window (late line)."""
        if (
            self.last_key is not None
            and abs(r.time - self.last_time) <= window_s
            and self.last_key == (r.lat, r.lon)
        ):
            return True
        return r.time < self.last_time - window_s

    def assign(
        self,
        r: PositionReport,
        next_id: int,
        *,
        max_speed_kn: float,
        tolerance_m: float,
        track_gap_s: float,
        max_tracks: int,
    ) -> Assignment:
        """Join ``r`` to the track it fits best, or open a new one (id ``next_id``)."""
        limit = max_speed_kn
        if r.sog is not None and r.sog < 102.2:
            limit = max(limit, 1.3 * r.sog)
        limit_ms = limit * KN_MS
        best: Track | None = None
        best_score = math.inf
        nearest: Track | None = None
        nearest_speed = math.inf
        best_d = best_dt = near_d = near_dt = 0.0
        for tr in self.tracks:
            dt = r.time - tr.last_time
            if dt > track_gap_s:
                continue
            d = haversine_m(tr.lat, tr.lon, r.lat, r.lon)
            adt = max(dt, 0.0)
            if d <= limit_ms * adt + tolerance_m:
                score = d / max(adt, 60.0)
                if score < best_score:
                    best, best_score, best_d, best_dt = tr, score, d, dt
            else:
                speed = d / max(adt, 1.0) / KN_MS
                if speed < nearest_speed:
                    nearest, nearest_speed, near_d, near_dt = tr, speed, d, dt
        if best is not None:
            prev = (best.last_time, best.lat, best.lon, best.sog, best.status)
            self._update(best, r)
            implied = best_d / max(best_dt, 1.0) / KN_MS
            return Assignment(best, False, None, best_d, best_dt, implied, prev)
        origin = "jump" if nearest is not None else ("gap" if self.tracks else "first")
        tr = Track(
            id=next_id,
            mmsi=self.mmsi,
            origin=origin,
            parent=nearest.id if nearest is not None else None,
            first_time=r.time,
            last_time=r.time,
            lat=r.lat,
            lon=r.lon,
            sog=r.sog,
            cog=r.cog,
            status=r.status,
        )
        tr.times.append(r.time)
        # drop dead tracks, then the stalest if too many remain
        self.tracks = [t for t in self.tracks if r.time - t.last_time <= track_gap_s]
        self.tracks.append(tr)
        if len(self.tracks) > max_tracks:
            self.tracks.sort(key=lambda t: t.last_time)
            del self.tracks[: len(self.tracks) - max_tracks]
        self.last = tr
        self.last_time = max(self.last_time, r.time)
        self.first_time = min(self.first_time, r.time)
        self.last_key = (r.lat, r.lon)
        if nearest is not None:
            return Assignment(tr, True, nearest, near_d, near_dt, nearest_speed)
        return Assignment(tr, True, None, 0.0, 0.0, 0.0)

    def _update(self, tr: Track, r: PositionReport) -> None:
        tr.last_time = max(tr.last_time, r.time)
        tr.lat, tr.lon = r.lat, r.lon
        tr.sog, tr.cog, tr.status = r.sog, r.cog, r.status
        tr.n += 1
        tr.times.append(r.time)
        self.last = tr
        self.last_time = max(self.last_time, r.time)
        self.last_key = (r.lat, r.lon)

    def track(self, track_id: int) -> Track | None:
        for t in self.tracks:
            if t.id == track_id:
                return t
        return None
