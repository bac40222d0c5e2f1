"""Track segmentation in the spirit of Global Fishing Watch's segmenter (gpsdio-segment /
pipe-segment, as summarised in ../shared/incidents.md, "Published detection rules"):

* one MMSI may carry several transmitters, so several segments of one MMSI stay open and
  each position joins the one it fits;
* a position fits a segment when reaching it from the segment's last position needs no
  more than ``max_speed_kn`` (default 30 kn; GFW breaks fits at an implied 25-30 kn), with
  ``noise_nm`` of slack for position noise and receive-time jitter; among the segments it
  fits, it joins the one needing the lowest speed;
* a position fitting no open segment opens a new one and is an impossible jump;
* a segment idle for more than ``max_gap_s`` (default 24 h) closes, so the MMSI's next
  position opens a new segment;
* a segment of a single position left behind for ``noise_s`` (default 10 min) while another
  segment of its MMSI goes on closes as noise: a bad fix, not a second transmitter (a real
  one is heard again within minutes). Without this, every bad fix would hold its MMSI on
  the multi-segment path for a day.

Two segments of one MMSI whose time spans overlap (by more than an instant, so that a single
bad fix does not count) are flagged ``overlap``: two transmitters on one MMSI.

A position that extends its segment (nearly all of them) emits nothing and costs a distance
and a few attribute updates: equirectangular distance for steps under a degree, haversine
beyond. Distances are in nautical miles on a sphere of radius 3440.065 nmi.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence
from typing import Any, Final

from aiswatch.vessels.events import (
    CloseReason,
    Event,
    ImpossibleJump,
    OpenReason,
    OverlapDetected,
    SegmentClosed,
    SegmentInfo,
    SegmentOpened,
)

__all__ = ["EARTH_RADIUS_NM", "Segment", "Segmenter", "distance_nm"]

EARTH_RADIUS_NM: Final = 3440.065
_NM_PER_DEG: Final = EARTH_RADIUS_NM * math.pi / 180.0
_NO_EVENTS: Final[tuple[Event, ...]] = ()
_CELL_ROW: Final = 100_000


def distance_nm(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in nautical miles (equirectangular under a degree's step)."""
    dlat = lat2 - lat1
    dlon = lon2 - lon1
    if dlon > 180.0:
        dlon -= 360.0
    elif dlon < -180.0:
        dlon += 360.0
    if -1.0 < dlat < 1.0 and -1.0 < dlon < 1.0:
        x = dlon * math.cos(math.radians(lat1 + dlat * 0.5))
        return _NM_PER_DEG * math.sqrt(dlat * dlat + x * x)
    p1, p2 = math.radians(lat1), math.radians(lat2)
    h = (
        math.sin((p2 - p1) * 0.5) ** 2
        + math.cos(p1) * math.cos(p2) * math.sin(math.radians(dlon) * 0.5) ** 2
    )
    return 2.0 * EARTH_RADIUS_NM * math.asin(min(1.0, math.sqrt(h)))


class Segment:
    """An open (or just closed) segment: mutable, updated in place on every position."""

    __slots__ = (
        "cell",
        "closed",
        "cog",
        "dist",
        "end",
        "id",
        "jumps",
        "lat",
        "lat0",
        "lon",
        "lon0",
        "max_lat",
        "max_lon",
        "min_lat",
        "min_lon",
        "mmsi",
        "n",
        "opened",
        "overlap_with",
        "sog",
        "start",
    )

    def __init__(
        self,
        sid: int,
        mmsi: int,
        t: float,
        lat: float,
        lon: float,
        sog: float | None,
        cog: float | None,
        opened: OpenReason,
    ) -> None:
        self.id = sid
        self.mmsi = mmsi
        self.start = self.end = t
        self.n = 1
        self.dist = 0.0
        self.lat0 = self.lat = self.min_lat = self.max_lat = lat
        self.lon0 = self.lon = self.min_lon = self.max_lon = lon
        self.sog = sog
        self.cog = cog
        self.opened = opened
        self.overlap_with: list[int] = []
        self.jumps = 0
        self.closed: CloseReason | None = None
        self.cell = -1

    def info(self) -> SegmentInfo:
        return SegmentInfo(
            id=self.id,
            mmsi=self.mmsi,
            start=self.start,
            end=self.end,
            positions=self.n,
            distance_nm=self.dist,
            first_lat=self.lat0,
            first_lon=self.lon0,
            last_lat=self.lat,
            last_lon=self.lon,
            min_lat=self.min_lat,
            min_lon=self.min_lon,
            max_lat=self.max_lat,
            max_lon=self.max_lon,
            last_sog=self.sog,
            last_cog=self.cog,
            opened=self.opened,
            overlap=bool(self.overlap_with),
            overlap_with=tuple(self.overlap_with),
            jumps=self.jumps,
            closed=self.closed,
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "mmsi": self.mmsi,
            "start": self.start,
            "end": self.end,
            "n": self.n,
            "dist": self.dist,
            "lat0": self.lat0,
            "lon0": self.lon0,
            "lat": self.lat,
            "lon": self.lon,
            "bbox": [self.min_lat, self.min_lon, self.max_lat, self.max_lon],
            "sog": self.sog,
            "cog": self.cog,
            "opened": self.opened.value,
            "overlap_with": self.overlap_with,
            "jumps": self.jumps,
        }

    @staticmethod
    def from_dict(d: dict[str, Any]) -> Segment:
        s = Segment(
            d["id"],
            d["mmsi"],
            d["start"],
            d["lat0"],
            d["lon0"],
            d["sog"],
            d["cog"],
            OpenReason(d["opened"]),
        )
        s.end, s.n, s.dist, s.lat, s.lon = d["end"], d["n"], d["dist"], d["lat"], d["lon"]
        s.min_lat, s.min_lon, s.max_lat, s.max_lon = d["bbox"]
        s.overlap_with = list(d["overlap_with"])
        s.jumps = d["jumps"]
        return s


class _Track:
    """One MMSI: its open segments (usually one) and the summaries of closed ones."""

    __slots__ = ("closed", "dropped", "open", "positions")

    def __init__(self) -> None:
        self.open: list[Segment] = []
        self.closed: list[SegmentInfo] = []
        self.dropped = 0  # closed summaries dropped beyond keep_closed
        self.positions = 0  # positions in closed segments, dropped summaries included


class Segmenter:
    """Incremental multi-transmitter segmentation of every MMSI's positions.

    `add` takes one position and returns the events it caused (usually none). After each
    call ``last_segment`` is the id of the segment the position joined. ``now`` is the
    latest time seen; every ``sweep_every_s`` of it, segments idle beyond ``max_gap_s`` are
    closed even if their MMSI never reports again.

    With ``grid_deg`` set, open segments are indexed by their last position on a grid of
    that many degrees, for `near` (used by the registry to spot MMSI swaps).
    """

    def __init__(
        self,
        *,
        max_speed_kn: float = 30.0,
        max_gap_s: float = 24 * 3600.0,
        noise_nm: float = 0.1,
        noise_s: float = 600.0,
        max_open: int = 8,
        keep_closed: int = 200,
        sweep_every_s: float = 3600.0,
        grid_deg: float | None = None,
    ) -> None:
        self.max_speed_kn = max_speed_kn
        self.max_gap_s = max_gap_s
        self.noise_nm = noise_nm
        self.noise_s = noise_s
        self.max_open = max_open
        self.keep_closed = keep_closed
        self.sweep_every_s = sweep_every_s
        self.grid_deg = grid_deg
        self._vmax = max_speed_kn / 3600.0  # nmi per second
        self._k = 1.0 / grid_deg if grid_deg else 0.0
        self._grid: dict[int, set[Segment]] | None = {} if grid_deg else None
        self._tracks: dict[int, _Track] = {}
        self._next_id = 1
        self.now = -math.inf
        self._next_sweep = -math.inf
        self.last_segment = 0

    # -- the hot path ----------------------------------------------------------------
    def add(
        self,
        mmsi: int,
        t: float,
        lat: float,
        lon: float,
        sog: float | None = None,
        cog: float | None = None,
    ) -> Sequence[Event]:
        """Attach one position (degrees, Unix seconds, knots); returns the events."""
        if t > self.now:
            self.now = t
            if t >= self._next_sweep:
                return self._slow(mmsi, t, lat, lon, sog, cog)
        tr = self._tracks.get(mmsi)
        if tr is None or len(tr.open) != 1:
            return self._slow(mmsi, t, lat, lon, sog, cog)
        s = tr.open[0]
        dt = t - s.end
        if dt < 0.0:
            dt = -dt
        if dt > self.max_gap_s:
            return self._slow(mmsi, t, lat, lon, sog, cog)
        dlat = lat - s.lat
        dlon = lon - s.lon
        if -1.0 < dlat < 1.0 and -1.0 < dlon < 1.0:
            x = dlon * math.cos(math.radians(lat - dlat * 0.5))
            d = _NM_PER_DEG * math.sqrt(dlat * dlat + x * x)
        else:
            d = distance_nm(s.lat, s.lon, lat, lon)
        if d > self.noise_nm + self._vmax * dt:
            return self._slow(mmsi, t, lat, lon, sog, cog)
        self._extend(s, t, lat, lon, sog, cog, d)
        return _NO_EVENTS

    def _extend(
        self,
        s: Segment,
        t: float,
        lat: float,
        lon: float,
        sog: float | None,
        cog: float | None,
        d: float,
    ) -> None:
        s.n += 1
        if t >= s.end:
            s.end = t
            s.dist += d
            s.lat = lat
            s.lon = lon
            s.sog = sog
            s.cog = cog
        elif t < s.start:
            s.start = t
        if lat < s.min_lat:
            s.min_lat = lat
        elif lat > s.max_lat:
            s.max_lat = lat
        if lon < s.min_lon:
            s.min_lon = lon
        elif lon > s.max_lon:
            s.max_lon = lon
        self.last_segment = s.id
        if self._grid is not None:
            c = int((s.lat + 90.0) * self._k) * _CELL_ROW + int((s.lon + 180.0) * self._k)
            if c != s.cell:
                self._move(s, c)

    # -- everything else -------------------------------------------------------------
    def _slow(
        self,
        mmsi: int,
        t: float,
        lat: float,
        lon: float,
        sog: float | None,
        cog: float | None,
    ) -> Sequence[Event]:
        events: list[Event] = []
        if t >= self._next_sweep:
            self._next_sweep = t + self.sweep_every_s
            self._sweep(t, events)
        tr = self._tracks.get(mmsi)
        if tr is None:
            tr = self._tracks[mmsi] = _Track()
            self._open(tr, mmsi, t, lat, lon, sog, cog, OpenReason.FIRST, events)
            return events
        for s in [s for s in tr.open if t - s.end > self.max_gap_s]:
            self._close(tr, s, CloseReason.GAP, t, events)
        if not tr.open:
            self._open(tr, mmsi, t, lat, lon, sog, cog, OpenReason.GAP, events)
            return events
        best: Segment | None = None
        best_score = (math.inf, math.inf)
        nearest: Segment | None = None
        nearest_speed = math.inf
        nearest_d = nearest_dt = 0.0
        for s in tr.open:
            d = distance_nm(s.lat, s.lon, lat, lon)
            dt = abs(t - s.end)
            if d <= self.noise_nm + self._vmax * dt:
                score = (max(d - self.noise_nm, 0.0) / max(dt, 1.0), d)
                if score < best_score:
                    best, best_score = s, score
            else:
                speed = d * 3600.0 / max(dt, 1.0)
                if speed < nearest_speed:
                    nearest, nearest_speed, nearest_d, nearest_dt = s, speed, d, dt
        if best is not None:
            self._extend(best, t, lat, lon, sog, cog, best_score[1])
            if len(tr.open) > 1:
                self._check_overlap(tr, best, t, events)
                for s in [s for s in tr.open if s.n == 1 and t - s.end > self.noise_s]:
                    self._close(tr, s, CloseReason.NOISE, t, events)
            return events
        assert nearest is not None
        nearest.jumps += 1
        new = self._open(tr, mmsi, t, lat, lon, sog, cog, OpenReason.JUMP, events)
        events.append(
            ImpossibleJump(
                t, mmsi, lat, lon, nearest.id, new.id, nearest_d, nearest_dt, nearest_speed
            )
        )
        if len(tr.open) > self.max_open:
            stalest = min((s for s in tr.open if s is not new), key=lambda s: s.end)
            self._close(tr, stalest, CloseReason.EVICTED, t, events)
        return events

    def _check_overlap(self, tr: _Track, s: Segment, t: float, events: list[Event]) -> None:
        for o in tr.open:
            if o is s or o.id in s.overlap_with:
                continue
            if min(o.end, s.end) > max(o.start, s.start):
                s.overlap_with.append(o.id)
                o.overlap_with.append(s.id)
                d = distance_nm(o.lat, o.lon, s.lat, s.lon)
                events.append(OverlapDetected(t, s.mmsi, s.lat, s.lon, s.id, o.id, d))

    def _open(
        self,
        tr: _Track,
        mmsi: int,
        t: float,
        lat: float,
        lon: float,
        sog: float | None,
        cog: float | None,
        reason: OpenReason,
        events: list[Event],
    ) -> Segment:
        s = Segment(self._next_id, mmsi, t, lat, lon, sog, cog, reason)
        self._next_id += 1
        tr.open.append(s)
        self.last_segment = s.id
        if self._grid is not None:
            self._move(s, int((lat + 90.0) * self._k) * _CELL_ROW + int((lon + 180.0) * self._k))
        events.append(SegmentOpened(t, mmsi, s.id, lat, lon, reason))
        return s

    def _close(
        self, tr: _Track, s: Segment, reason: CloseReason, t: float, events: list[Event]
    ) -> None:
        tr.open.remove(s)
        s.closed = reason
        if self._grid is not None and s.cell >= 0:
            cell = self._grid.get(s.cell)
            if cell is not None:
                cell.discard(s)
                if not cell:
                    del self._grid[s.cell]
            s.cell = -1
        info = s.info()
        tr.positions += s.n
        tr.closed.append(info)
        if len(tr.closed) > self.keep_closed:
            tr.dropped += len(tr.closed) - self.keep_closed
            del tr.closed[: len(tr.closed) - self.keep_closed]
        events.append(SegmentClosed(t, s.mmsi, info, reason))

    def _move(self, s: Segment, c: int) -> None:
        grid = self._grid
        assert grid is not None
        if s.cell >= 0:
            old = grid.get(s.cell)
            if old is not None:
                old.discard(s)
                if not old:
                    del grid[s.cell]
        s.cell = c
        grid.setdefault(c, set()).add(s)

    def _sweep(self, t: float, events: list[Event]) -> None:
        for tr in self._tracks.values():
            if tr.open:
                for s in [s for s in tr.open if t - s.end > self.max_gap_s]:
                    self._close(tr, s, CloseReason.GAP, t, events)

    # -- time passing and the end of input -------------------------------------------
    def advance(self, now: float) -> list[Event]:
        """Time has reached ``now`` with no report: close segments idle beyond the gap."""
        events: list[Event] = []
        if now > self.now:
            self.now = now
        self._next_sweep = self.now + self.sweep_every_s
        self._sweep(self.now, events)
        return events

    def flush(self) -> list[Event]:
        """Close every open segment (end of input)."""
        events: list[Event] = []
        for tr in self._tracks.values():
            for s in sorted(tr.open, key=lambda s: s.id):
                self._close(tr, s, CloseReason.FLUSH, self.now, events)
        return events

    # -- queries ---------------------------------------------------------------------
    def __contains__(self, mmsi: int) -> bool:
        return mmsi in self._tracks

    def mmsis(self) -> list[int]:
        return sorted(self._tracks)

    def open_segments(self, mmsi: int) -> list[Segment]:
        tr = self._tracks.get(mmsi)
        return list(tr.open) if tr else []

    def segments(self, mmsi: int) -> list[SegmentInfo]:
        """The MMSI's segments, closed (the last ``keep_closed``) and open, by start."""
        tr = self._tracks.get(mmsi)
        if tr is None:
            return []
        return sorted([*tr.closed, *(s.info() for s in tr.open)], key=lambda i: (i.start, i.id))

    def positions(self, mmsi: int) -> int:
        """Positions taken for the MMSI (closed segments, dropped ones included, and open)."""
        tr = self._tracks.get(mmsi)
        if tr is None:
            return 0
        return tr.positions + sum(s.n for s in tr.open)

    def last_position(self, mmsi: int) -> tuple[float, float, float, float | None] | None:
        """(time, lat, lon, sog) of the MMSI's latest position, or None."""
        tr = self._tracks.get(mmsi)
        if tr is None:
            return None
        if tr.open:
            s = max(tr.open, key=lambda s: s.end)
            return s.end, s.lat, s.lon, s.sog
        if tr.closed:
            i = max(tr.closed, key=lambda i: i.end)
            return i.end, i.last_lat, i.last_lon, i.last_sog
        return None

    def last_time(self, mmsi: int) -> float | None:
        tr = self._tracks.get(mmsi)
        if tr is None or not tr.open:
            return None
        return max(s.end for s in tr.open)

    def near(self, lat: float, lon: float) -> Iterator[Segment]:
        """Open segments whose last position is in the grid cell of (lat, lon) or one of
        its eight neighbours (needs ``grid_deg``)."""
        grid = self._grid
        if grid is None:
            return
        r = int((lat + 90.0) * self._k)
        c = int((lon + 180.0) * self._k)
        ncols = round(360.0 * self._k)
        for dr in (-1, 0, 1):
            for dc in (-1, 0, 1):
                cc = (c + dc) % ncols
                cell = grid.get((r + dr) * _CELL_ROW + cc)
                if cell:
                    yield from list(cell)

    def stats(self) -> dict[str, int]:
        n_open = sum(len(tr.open) for tr in self._tracks.values())
        n_closed = sum(len(tr.closed) + tr.dropped for tr in self._tracks.values())
        return {
            "mmsis": len(self._tracks),
            "open": n_open,
            "closed": n_closed,
            "segments": self._next_id - 1,
        }

    # -- state -----------------------------------------------------------------------
    def snapshot(self) -> dict[str, Any]:
        from aiswatch.vessels.events import to_jsonable

        return {
            "config": {
                "max_speed_kn": self.max_speed_kn,
                "max_gap_s": self.max_gap_s,
                "noise_nm": self.noise_nm,
                "noise_s": self.noise_s,
                "max_open": self.max_open,
                "keep_closed": self.keep_closed,
                "sweep_every_s": self.sweep_every_s,
                "grid_deg": self.grid_deg,
            },
            "next_id": self._next_id,
            "now": self.now if math.isfinite(self.now) else None,
            "next_sweep": self._next_sweep if math.isfinite(self._next_sweep) else None,
            "tracks": [
                {
                    "mmsi": m,
                    "open": [s.to_dict() for s in tr.open],
                    "closed": [to_jsonable(i) for i in tr.closed],
                    "dropped": tr.dropped,
                    "positions": tr.positions,
                }
                for m, tr in self._tracks.items()
            ],
        }

    @classmethod
    def restore(cls, data: dict[str, Any]) -> Segmenter:
        seg = cls(**data["config"])
        seg._next_id = data["next_id"]
        seg.now = data["now"] if data["now"] is not None else -math.inf
        seg._next_sweep = data["next_sweep"] if data["next_sweep"] is not None else -math.inf
        for d in data["tracks"]:
            tr = _Track()
            tr.open = [Segment.from_dict(s) for s in d["open"]]
            tr.closed = [SegmentInfo.from_dict(i) for i in d["closed"]]
            tr.dropped, tr.positions = d["dropped"], d["positions"]
            seg._tracks[d["mmsi"]] = tr
            if seg._grid is not None:
                for s in tr.open:
                    seg._move(
                        s, int((s.lat + 90.0) * seg._k) * _CELL_ROW + int((s.lon + 180.0) * seg._k)
                    )
        return seg
