"""Vessels: hull tracks (kinematics), ship profiles, static data and transponders.

A `Track` is what a hull does: vertices with times, joined by straight legs in longitude and
latitude, each leg with the navigational status the crew would set. Speed and course come
from the legs; at every vertex where the course changes, the hull turns at a steady rate of
turn over a window centred on the vertex, which also shortens the Class A reporting
interval there. `TrackBuilder` writes tracks with verbs: sail a path, stay (moored, or
swinging at anchor), zigzag.

A `Transponder` is what transmits: an MMSI, Class A or B, static data that may change over
time, windows when it is switched on, and position "spoofs". One hull can carry two
transponders (an MMSI swap) and two hulls can share one MMSI.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from aiswatch.sim import geo

F64 = npt.NDArray[np.float64]

# Navigational status codes (ITU-R M.1371-5, Table 45).
UNDER_WAY = 0
AT_ANCHOR = 1
MOORED = 5
FISHING = 7
SAILING = 8


@dataclass(frozen=True, slots=True)
class Profile:
    """A kind of ship: AIS ship type codes, service speed, size and equipment."""

    name: str
    shiptypes: tuple[int, ...]
    speed_kn: tuple[float, float]
    length_m: tuple[float, float]
    draught_m: tuple[float, float]
    cls: str = "A"
    rot_dpm: float = 20.0  # rate of turn when altering course, degrees per minute
    has_rot: float = 0.8  # share with a rate-of-turn indicator wired to the AIS
    has_heading: float = 0.95  # share sending a gyro heading


PROFILES: dict[str, Profile] = {
    p.name: p
    for p in (
        # Service speeds: typical figures for merchant ship types (container ships faster,
        # tankers and bulk carriers slower); ferries and high-speed craft by route.
        Profile("cargo", (70, 79), (10.5, 14.5), (90, 200), (5.0, 11.0)),
        Profile("container", (71,), (15.0, 20.0), (150, 330), (9.0, 14.0), rot_dpm=15.0),
        Profile("tanker", (80, 89), (10.0, 14.0), (100, 250), (6.0, 14.0), rot_dpm=15.0),
        Profile("ferry", (60, 69), (16.0, 22.0), (80, 190), (4.0, 6.5), rot_dpm=40.0),
        Profile("hsc", (40,), (24.0, 32.0), (30, 60), (1.5, 3.0), rot_dpm=60.0),
        Profile(
            "fishing",
            (30,),
            (7.0, 10.0),
            (15, 45),
            (2.0, 4.5),
            rot_dpm=60.0,
            has_rot=0.2,
            has_heading=0.5,
        ),
        Profile("tug", (52,), (8.0, 12.0), (20, 40), (3.0, 5.0), rot_dpm=60.0, has_rot=0.3),
        Profile("pilot", (50,), (12.0, 20.0), (12, 20), (1.5, 2.5), rot_dpm=90.0, has_rot=0.1),
        Profile(
            "leisure",
            (37,),
            (5.0, 9.0),
            (8, 18),
            (1.0, 2.5),
            cls="B",
            rot_dpm=90.0,
            has_rot=0.0,
            has_heading=0.1,
        ),
        Profile(
            "sailing",
            (36,),
            (4.0, 7.0),
            (8, 16),
            (1.5, 2.5),
            cls="B",
            rot_dpm=60.0,
            has_rot=0.0,
            has_heading=0.1,
        ),
        Profile(
            "smallfishing",
            (30,),
            (6.0, 9.0),
            (8, 15),
            (1.0, 2.5),
            cls="B",
            rot_dpm=90.0,
            has_rot=0.0,
            has_heading=0.1,
        ),
    )
}


# ------------------------------------------------------------------------------ tracks


@dataclass
class Track:
    """Vertices of a hull's path; leg i runs from vertex i to vertex i+1.

    Per leg: `status` (navigational status), `heading` (NaN: follow the course; else a fixed
    heading, e.g. a ship lying at anchor), and the derived `sog` (knots) and `cog`. Per
    vertex: `turn_w` (seconds of the turning window centred on it) and `turn_dc` (signed
    course change through it, degrees). `voyages` holds (time, destination, ETA time) as
    the master would key them into the AIS.
    """

    t: F64
    lon: F64
    lat: F64
    status: npt.NDArray[np.int64]
    heading: F64
    rot_dpm: float = 20.0
    voyages: list[tuple[float, str, float]] = field(default_factory=list)
    sog: F64 = field(init=False)
    cog: F64 = field(init=False)
    turn_w: F64 = field(init=False)
    turn_dc: F64 = field(init=False)
    _turns: bool = field(init=False, repr=False)
    _inv_dt: F64 = field(init=False, repr=False)
    _dlon: F64 = field(init=False, repr=False)
    _dlat: F64 = field(init=False, repr=False)
    _status_f: F64 = field(init=False, repr=False)

    def __post_init__(self) -> None:
        n = len(self.t)
        if n < 2:
            raise ValueError("a track needs two vertices")
        if np.any(np.diff(self.t) < 0):
            raise ValueError("track times must not decrease")
        dt = np.diff(self.t)
        d = geo.dist_nm(self.lon[:-1], self.lat[:-1], self.lon[1:], self.lat[1:])
        sog = np.where(dt > 0, d / np.where(dt > 0, dt, 1.0) * 3600.0, 0.0)
        cog = geo.bearing_deg(self.lon[:-1], self.lat[:-1], self.lon[1:], self.lat[1:])
        # a leg without motion keeps the course before it (or the next one at the start)
        still = d < 1e-9
        if still.any():
            cog = cog.copy()
            idx = np.where(~still, np.arange(len(cog)), -1)
            last = np.maximum.accumulate(idx)
            first_moving = int(np.argmax(~still)) if (~still).any() else -1
            fallback = cog[first_moving] if first_moving >= 0 else 0.0
            cog = np.where(last >= 0, cog[np.maximum(last, 0)], fallback)
        self.sog = np.append(sog, 0.0)
        self.cog = np.append(cog, cog[-1])
        # turning windows at interior vertices between two moving legs
        w = np.zeros(n)
        dc = np.zeros(n)
        if n > 2:
            c_in, c_out = self.cog[:-2], self.cog[1:-1]
            change = geo.angle_diff(c_in, c_out)
            moving = (self.sog[:-2] > 1.0) & (self.sog[1:-1] > 1.0)
            width = np.abs(change) / self.rot_dpm * 60.0
            room = 0.9 * np.minimum(dt[:-1], dt[1:])
            width = np.minimum(width, room)
            ok = moving & (np.abs(change) >= 5.0)
            w[1:-1] = np.where(ok, width, 0.0)
            dc[1:-1] = np.where(ok, change, 0.0)
        self.turn_w = w
        self.turn_dc = dc
        self._turns = bool((w > 0).any())
        self._inv_dt = np.append(np.where(dt > 0, 1.0 / np.where(dt > 0, dt, 1.0), 0.0), 0.0)
        self._dlon = np.append(np.diff(self.lon), 0.0)
        self._dlat = np.append(np.diff(self.lat), 0.0)
        self._status_f = self.status.astype(np.float64)

    @property
    def start(self) -> float:
        return float(self.t[0])

    @property
    def end(self) -> float:
        return float(self.t[-1])

    def sample(self, ts: F64) -> dict[str, F64]:
        """Position, true speed, course, rate of turn and status at times `ts`.

        Returns float arrays: lon, lat, sog (kn), cog, rot (deg/min, 0 when steady),
        turning (1.0 inside a turning window), status, heading (NaN where the heading
        follows the course)."""
        t = self.t
        n = len(ts)
        seg = np.searchsorted(t, ts, side="right") - 1
        np.clip(seg, 0, len(t) - 2, out=seg)
        t0 = t[seg]
        frac = (ts - t0) * self._inv_dt[seg]
        np.clip(frac, 0.0, 1.0, out=frac)
        lon = self.lon[seg] + frac * self._dlon[seg]
        lat = self.lat[seg] + frac * self._dlat[seg]
        cog = self.cog[seg]
        rot = np.zeros(n)
        turning = np.zeros(n)
        if self._turns:
            cog = cog.copy()
            # second half of the turn through the vertex at the start of the leg
            w0 = self.turn_w[seg]
            k = np.nonzero((w0 > 0) & (ts - t0 < w0 / 2))[0]
            if len(k):
                s0, w = seg[k], w0[k]
                dc = self.turn_dc[s0]
                cog[k] -= dc * (0.5 - (ts[k] - t0[k]) / w)
                rot[k] = dc / w * 60.0
                turning[k] = 1.0
            # first half of the turn through the vertex at its end
            w1 = self.turn_w[seg + 1]
            t1 = t[seg + 1]
            k = np.nonzero((w1 > 0) & (t1 - ts < w1 / 2) & (ts <= t1))[0]
            if len(k):
                s1, w = seg[k] + 1, w1[k]
                dc = self.turn_dc[s1]
                cog[k] += dc * (0.5 - (t1[k] - ts[k]) / w)
                rot[k] = dc / w * 60.0
                turning[k] = 1.0
        sog = self.sog[seg]
        if n and (ts.min() < t[0] or ts.max() > t[-1]):
            sog = np.where((ts < t[0]) | (ts > t[-1]), 0.0, sog)
        return {
            "lon": lon,
            "lat": lat,
            "sog": sog,
            "cog": cog % 360.0,
            "rot": rot,
            "turning": turning,
            "status": self._status_f[seg],
            "heading": self.heading[seg],
        }

    def regimes(self, cls: str) -> tuple[F64, F64]:
        """The reporting schedule of this track: (break times, interval in force from each
        break), by ITU-R M.1371-5 Table 1 (Class A) or Table 2 (Class B "CS")."""
        from aiswatch.sim.reporting import interval_a, interval_b

        t = self.t
        half = self.turn_w / 2
        has = self.turn_w > 0
        br = np.unique(np.concatenate((t, (t - half)[has], (t + half)[has])))
        br = br[(br >= t[0]) & (br <= t[-1])]
        if len(br) < 2:
            br = np.array([t[0], t[-1]])
        mids = (br[:-1] + br[1:]) / 2
        s = self.sample(mids)
        if cls == "A":
            iv = interval_a(s["sog"], s["status"].astype(np.int64), s["turning"] > 0)
        else:
            iv = interval_b(s["sog"])
        keep = np.concatenate(([True], iv[1:] != iv[:-1]))
        return br[:-1][keep], iv[keep]


class TrackBuilder:
    """Writes a `Track` leg by leg, starting at time `t0` (seconds from the scenario start;
    negative is fine: the track is under way when the scenario begins)."""

    def __init__(self, t0: float, lon: float, lat: float, *, rot_dpm: float = 20.0) -> None:
        self.t: list[float] = [float(t0)]
        self.lon: list[float] = [float(lon)]
        self.lat: list[float] = [float(lat)]
        self.status: list[int] = []
        self.heading: list[float] = []
        self.rot_dpm = rot_dpm
        self.voyages: list[tuple[float, str, float]] = []

    @property
    def now(self) -> float:
        return self.t[-1]

    @property
    def pos(self) -> tuple[float, float]:
        return self.lon[-1], self.lat[-1]

    def _add(self, t: float, lon: float, lat: float, status: int, heading: float) -> None:
        self.t.append(float(t))
        self.lon.append(float(lon))
        self.lat.append(float(lat))
        self.status.append(int(status))
        self.heading.append(float(heading))

    def sail(self, path: npt.ArrayLike, speed_kn: float, status: int = UNDER_WAY) -> TrackBuilder:
        """Follow `path` at `speed_kn` (the first point may repeat the current position)."""
        pts = geo.as_path(path)
        if speed_kn <= 0:
            raise ValueError("speed must be positive")
        lon, lat = self.pos
        for x, y in pts:
            d = float(geo.dist_nm(lon, lat, x, y))
            if d < 1e-6:
                continue
            self._add(self.now + d / speed_kn * 3600.0, x, y, status, math.nan)
            lon, lat = x, y
        return self

    def to(self, lon: float, lat: float, speed_kn: float, status: int = UNDER_WAY) -> TrackBuilder:
        return self.sail([(lon, lat)], speed_kn, status)

    def stay(
        self,
        duration_s: float,
        status: int = MOORED,
        *,
        swing_m: float = 0.0,
        heading: float | None = None,
        rng: np.random.Generator | None = None,
    ) -> TrackBuilder:
        """Stay for `duration_s`: moored (still), or at anchor swinging around the anchor on
        a circle of `swing_m` metres as wind and tide turn the ship (a new vertex every 20-40
        minutes, so the ship creeps at a few hundredths of a knot)."""
        hdg = float(heading) if heading is not None else math.nan
        end = self.now + max(duration_s, 0.0)
        if swing_m <= 0 or rng is None:
            lon, lat = self.pos
            self._add(end, lon, lat, status, hdg)
            return self
        r_nm = swing_m / geo.NM_M
        lon0, lat0 = self.pos
        base = float(rng.uniform(0, 360)) if math.isnan(hdg) else hdg
        # the anchor lies ahead of the antenna, along the heading
        alon, alat = geo.offset(lon0, lat0, base, r_nm)
        angle = (base + 180.0) % 360.0  # bearing anchor -> ship
        while self.now < end - 1.0:
            step = float(rng.uniform(1200, 2400))
            t = min(self.now + step, end)
            angle = (angle + float(rng.normal(0, 25))) % 360.0
            x, y = geo.offset(alon, alat, angle, r_nm)
            self._add(t, x, y, status, (angle + 180.0) % 360.0)
        return self

    def until(self, t_end: float, status: int = MOORED, **kw: object) -> TrackBuilder:
        """Stay until the absolute time `t_end`."""
        return self.stay(t_end - self.now, status, **kw)  # type: ignore[arg-type]

    def zigzag(
        self,
        centre: tuple[float, float],
        axis_deg: float,
        half_width_nm: float,
        step_nm: float,
        duration_s: float,
        speed_kn: float,
        status: int = UNDER_WAY,
        *,
        drift_nm: float = 0.0,
        rng: np.random.Generator | None = None,
    ) -> TrackBuilder:
        """Zigzag for `duration_s` back and forth across an axis through `centre`: each leg
        ends `half_width_nm` on the other side of it, `step_nm` further along; the track
        turns back along the axis after covering `drift_nm` (0 = stay near the centre)."""
        end = self.now + duration_s
        side = 1.0
        along = 0.0
        direction = 1.0
        span = max(drift_nm, step_nm * 2)
        while self.now < end - 1.0:
            along += direction * step_nm
            if abs(along) > span / 2:
                direction = -direction
                along += 2 * direction * step_nm
            jitter = float(rng.uniform(0.6, 1.0)) if rng is not None else 1.0
            cx, cy = geo.offset(centre[0], centre[1], axis_deg, along)
            x, y = geo.offset(cx, cy, axis_deg + 90.0 * side, half_width_nm * jitter)
            lon, lat = self.pos
            d = float(geo.dist_nm(lon, lat, x, y))
            dt = d / speed_kn * 3600.0
            if self.now + dt > end:
                f = (end - self.now) / dt if dt > 0 else 1.0
                x, y = lon + f * (x - lon), lat + f * (y - lat)
                dt = end - self.now
            self._add(self.now + max(dt, 1.0), x, y, status, math.nan)
            side = -side
        return self

    def voyage(self, destination: str, eta: float) -> TrackBuilder:
        """Record the destination and ETA keyed in from now on."""
        self.voyages.append((self.now, destination, eta))
        return self

    def build(self) -> Track:
        if len(self.t) < 2:
            lon, lat = self.pos
            self._add(self.now + 1.0, lon, lat, MOORED, math.nan)
        return Track(
            np.array(self.t),
            np.array(self.lon),
            np.array(self.lat),
            np.array([*self.status, self.status[-1]], dtype=np.int64),
            np.array([*self.heading, self.heading[-1]]),
            rot_dpm=self.rot_dpm,
            voyages=list(self.voyages),
        )


# ------------------------------------------------------------------------ transponders


@dataclass(frozen=True, slots=True)
class Static:
    """Static data a transponder is configured with (type 5, 24 and 19 contents)."""

    name: str
    callsign: str = ""
    imo: int = 0
    shiptype: int = 0
    to_bow: int = 0
    to_stern: int = 0
    to_port: int = 0
    to_starboard: int = 0
    draught: float = 0.0
    vendorid: str = ""
    epfd: int = 1


SpoofFn = Callable[[F64, dict[str, F64]], dict[str, F64]]
"""Returns the kinematics sampled at the report times given, falsified (a spoofed position)."""


@dataclass
class Transponder:
    """One AIS station on a hull.

    `statics` lists (from time, Static) in time order; `on` lists windows when the unit
    transmits (None: always, while the track lasts); `spoofs` lists (start, end, fn).
    `mix` is the share of types 1, 2 and 3 among Class A position reports.
    """

    mmsi: int
    cls: str
    track: Track
    statics: list[tuple[float, Static]]
    on: list[tuple[float, float]] | None = None
    spoofs: list[tuple[float, float, SpoofFn]] = field(default_factory=list)
    mix: tuple[float, float, float] = (0.90, 0.02, 0.08)
    has_rot: bool = True
    has_heading: bool = True
    heading_bias: float = 0.0
    antenna_m: tuple[float, float] = (0.0, 0.0)  # east, north offset of the antenna
    long_range: bool = False  # also sends type 27
    extended_b: bool = False  # Class B sending type 19 as well
    accuracy: bool = True
    # schedule state (advanced chunk by chunk by the engine)
    next_pos: float = math.nan
    next_static: float = math.nan
    next_lr: float = math.nan
    _regimes: tuple[F64, F64] | None = field(default=None, repr=False)

    def static_at(self, t: float) -> Static:
        cur = self.statics[0][1]
        for t0, s in self.statics:
            if t0 <= t:
                cur = s
            else:
                break
        return cur

    def voyage_at(self, t: float) -> tuple[str, float] | None:
        cur = None
        for t0, dest, eta in self.track.voyages:
            if t0 <= t:
                cur = (dest, eta)
            else:
                break
        return cur

    def regimes(self) -> tuple[F64, F64]:
        if self._regimes is None:
            self._regimes = self.track.regimes(self.cls)
        return self._regimes

    def active(self, ts: F64) -> npt.NDArray[np.bool_]:
        """Which times fall inside the track and an `on` window."""
        ok = (ts >= self.track.start) & (ts <= self.track.end)
        if self.on is not None:
            inside = np.zeros(len(ts), dtype=bool)
            for a, b in self.on:
                inside |= (ts >= a) & (ts < b)
            ok &= inside
        return ok

    @property
    def start(self) -> float:
        s = self.track.start
        if self.on:
            s = max(s, min(a for a, _ in self.on))
        return s


@dataclass
class Vessel:
    """A hull and the transponders on it (usually one)."""

    label: str
    profile: str
    track: Track
    transponders: list[Transponder]


def imo_with_check(six: int) -> int:
    """An IMO number from six digits plus its check digit (IMO Res. A.1117(30))."""
    digits = f"{six:06d}"
    check = sum(int(d) * w for d, w in zip(digits, range(7, 1, -1), strict=True)) % 10
    return six * 10 + check


def dimensions(length: float, rng: np.random.Generator) -> tuple[int, int, int, int]:
    """to_bow, to_stern, to_port, to_starboard for a hull `length` m long (GNSS antenna
    aft of amidships, slightly off the centre line)."""
    beam = max(3.0, length / float(rng.uniform(5.5, 7.5)))
    bow = round(length * float(rng.uniform(0.6, 0.85)))
    stern = max(1, round(length) - bow)
    port = round(beam / 2 + float(rng.uniform(-1, 1)))
    port = min(max(port, 1), 63)
    star = min(max(round(beam) - port, 1), 63)
    return min(bow, 511), min(stern, 511), port, star


def choose(rng: np.random.Generator, items: Sequence[str], weights: Sequence[float]) -> str:
    w = np.asarray(weights, dtype=np.float64)
    return items[int(rng.choice(len(items), p=w / w.sum()))]
