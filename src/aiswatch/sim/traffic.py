"""Background traffic: merchant ships sailing port to port over sea lanes with port stays and
anchorage waits, ferries shuttling, fishing boats working their grounds, tugs and pilots
around ports, leisure craft (Class B), and ships lying at anchor.

Identities are synthetic: MMSIs from the scenario's flag mix (MID + six random digits),
generated names, call signs and IMO numbers with valid check digits.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np

from aiswatch.sim import geo
from aiswatch.sim.routes import Router, lane_offset
from aiswatch.sim.scenario import Scenario
from aiswatch.sim.vessel import (
    AT_ANCHOR,
    FISHING,
    MOORED,
    PROFILES,
    SAILING,
    UNDER_WAY,
    Profile,
    Static,
    Track,
    TrackBuilder,
    Transponder,
    Vessel,
    choose,
    dimensions,
    imo_with_check,
)
from aiswatch.sim.zones import Zone

_FIRST = [
    "OCEAN",
    "PACIFIC",
    "GOLDEN",
    "EVER",
    "SEA",
    "BLUE",
    "GREAT",
    "NEW",
    "ORIENT",
    "ASIA",
    "NORDIC",
    "SILVER",
    "ROYAL",
    "LUCKY",
    "FORTUNE",
    "PEARL",
    "JADE",
    "HARMONY",
    "VICTORY",
    "UNITY",
    "PRIDE",
    "SPIRIT",
    "BRIGHT",
    "CRYSTAL",
    "EASTERN",
    "WESTERN",
    "NORTHERN",
    "SOUTHERN",
    "GRAND",
    "MIGHTY",
]
_SECOND = [
    "STAR",
    "DRAGON",
    "PHOENIX",
    "WAVE",
    "HORIZON",
    "BREEZE",
    "CROWN",
    "EAGLE",
    "ISLAND",
    "RIVER",
    "VENTURE",
    "PIONEER",
    "GRACE",
    "DAWN",
    "LIGHT",
    "TRADER",
    "CARRIER",
    "EXPRESS",
    "NAVIGATOR",
    "MARINER",
    "SPIRIT",
    "FALCON",
    "HARVEST",
    "SUN",
    "MOON",
]
_FISH = [
    "HAI FENG",
    "JIN HAI",
    "XIN SHENG",
    "FU YUAN",
    "SHENG FA",
    "DONG HAI",
    "NORDFISK",
    "MERI",
    "KALA",
    "AALTO",
]
_LEISURE = [
    "AURORA",
    "SEAGULL",
    "LUNA",
    "FREJA",
    "MIRA",
    "SALLY",
    "NEMO",
    "TERN",
    "ALBATROSS",
    "SIRIUS",
    "WINDY",
    "KESTREL",
]

# Leading letters of synthetic call signs, by MID (the flag's ITU call sign series).
_CALL = {
    416: "BV",
    412: "BO",
    413: "BO",
    414: "BO",
    351: "3E",
    352: "3F",
    353: "HO",
    354: "H3",
    355: "3E",
    356: "H9",
    357: "HP",
    370: "3E",
    371: "3E",
    372: "H8",
    373: "H9",
    636: "A8",
    538: "V7",
    477: "VR",
    563: "9V",
    564: "9V",
    565: "9V",
    431: "JD",
    440: "DS",
    441: "D7",
    230: "OH",
    276: "ES",
    265: "SE",
    266: "SF",
    211: "DE",
    218: "DC",
    273: "UB",
    277: "LY",
    275: "YL",
    261: "SP",
    219: "OU",
    220: "OZ",
    248: "9H",
    249: "9H",
    256: "9H",
    209: "5B",
    210: "5B",
    212: "5B",
    257: "LA",
    258: "LB",
    244: "PD",
    245: "PE",
}


@dataclass
class Identities:
    """Hands out MMSIs (unique within a run), names, call signs and IMO numbers."""

    rng: np.random.Generator
    flags: dict[int, float]
    used: set[int] = field(default_factory=set)

    def reserve(self, mmsi: int) -> None:
        self.used.add(mmsi)

    def mmsi(self, mid: int | None = None) -> int:
        if mid is None:
            mids = sorted(self.flags)
            mid = int(mids[int(self.rng.choice(len(mids), p=_norm([self.flags[m] for m in mids])))])
        while True:
            m = mid * 1_000_000 + int(self.rng.integers(0, 1_000_000))
            if m not in self.used:
                self.used.add(m)
                return m

    def callsign(self, mmsi: int) -> str:
        prefix = _CALL.get(mmsi // 1_000_000, "X")
        n = 7 - len(prefix) - int(self.rng.integers(1, 3))
        tail = "".join(chr(65 + int(x)) for x in self.rng.integers(0, 26, max(n, 2)))
        return (prefix + tail)[:7]

    def imo(self) -> int:
        return imo_with_check(int(self.rng.integers(100_000, 999_999)))

    def name(self, profile: str) -> str:
        r = self.rng
        if profile in ("fishing", "smallfishing"):
            return f"{_FISH[int(r.integers(len(_FISH)))]} {int(r.integers(1, 999))}"
        if profile in ("leisure", "sailing"):
            return _LEISURE[int(r.integers(len(_LEISURE)))] + (
                "" if r.random() < 0.6 else f" {int(r.integers(2, 9))}"
            )
        base = f"{_FIRST[int(r.integers(len(_FIRST)))]} {_SECOND[int(r.integers(len(_SECOND)))]}"
        return base if r.random() < 0.5 else f"{base} {int(r.integers(1, 30))}"

    def static(self, profile: Profile, mmsi: int, *, name: str | None = None) -> Static:
        r = self.rng
        length = float(r.uniform(*profile.length_m))
        bow, stern, port, star = dimensions(length, r)
        merchant = profile.cls == "A" and profile.name not in ("fishing", "tug", "pilot")
        return Static(
            name=(name or self.name(profile.name))[:20],
            callsign=self.callsign(mmsi),
            imo=self.imo() if merchant else 0,
            shiptype=int(profile.shiptypes[int(r.integers(len(profile.shiptypes)))]),
            to_bow=bow,
            to_stern=stern,
            to_port=port,
            to_starboard=star,
            draught=round(float(r.uniform(*profile.draught_m)), 1),
            vendorid="SIMAIS" if profile.cls == "B" else "",
            epfd=1,
        )


def _norm(w: list[float]) -> list[float]:
    s = float(sum(w))
    return [x / s for x in w]


def transponder_for(
    mmsi: int, profile: Profile, track: Track, static: Static, rng: np.random.Generator
) -> Transponder:
    """A transponder with equipment drawn from the profile."""
    p3 = float(rng.choice([0.02, 0.05, 0.1, 0.3], p=[0.3, 0.35, 0.25, 0.1]))
    p2 = 0.05 if rng.random() < 0.1 else 0.0
    return Transponder(
        mmsi=mmsi,
        cls=profile.cls,
        track=track,
        statics=[(-math.inf, static)],
        mix=(1.0 - p2 - p3, p2, p3),
        has_rot=bool(rng.random() < profile.has_rot),
        has_heading=bool(rng.random() < profile.has_heading),
        heading_bias=float(rng.normal(0, 1.5)),
        long_range=bool(profile.cls == "A" and rng.random() < 0.08),
        extended_b=bool(profile.cls == "B" and rng.random() < 0.3),
        accuracy=bool(rng.random() < 0.7),
    )


# --------------------------------------------------------------------------- behaviours


class Planner:
    """Writes background tracks over [0, horizon]."""

    def __init__(
        self, sc: Scenario, router: Router, rng: np.random.Generator, horizon: float
    ) -> None:
        self.sc = sc
        self.router = router
        self.rng = rng
        self.horizon = horizon
        self.ports = [sc.zones.get(p) for p in sc.traffic.ports]
        self.anchorages = sc.zones.of_kind("anchorage")

    # helpers -------------------------------------------------------------
    def _other_port(self, here: Zone) -> Zone:
        choices = [p for p in self.ports if p.name != here.name]
        return choices[int(self.rng.integers(len(choices)))] if choices else here

    def _route(
        self, a: tuple[float, float], b: tuple[float, float], offset: bool = True
    ) -> geo.F64:
        path = self.router.route(a, b)
        if offset and len(path) > 2:
            path = lane_offset(path, float(self.rng.uniform(-0.3, 1.2)))
        return path

    def _anchorage_near(self, port: Zone) -> Zone | None:
        best = None
        bd = 15.0
        px, py = port.point
        for a in self.anchorages:
            ax, ay = a.point
            d = float(geo.dist_nm(px, py, ax, ay))
            if d < bd:
                best, bd = a, d
        return best

    def _point_in(self, zone: Zone) -> tuple[float, float]:
        """A random point inside a polygon zone (rejection sampling on its box)."""
        xs, ys = zone.coords[:, 0], zone.coords[:, 1]
        for _ in range(200):
            x = float(self.rng.uniform(xs.min(), xs.max()))
            y = float(self.rng.uniform(ys.min(), ys.max()))
            if geo.point_in_polygon(x, y, zone.coords)[0]:
                return x, y
        return zone.point

    def _point_in_circle(self, area: tuple[float, float, float]) -> tuple[float, float]:
        lon, lat, r = area
        d = r * math.sqrt(float(self.rng.random()))
        return geo.offset(lon, lat, float(self.rng.uniform(0, 360)), d)

    def _moor(self, b: TrackBuilder, duration_s: float) -> None:
        """Berth near the port's approach point for `duration_s` (moored), then come back
        out to it: ships in port spread over the harbour instead of sharing one spot."""
        port = b.pos
        r = self.rng
        berth = geo.offset(*port, float(r.uniform(0, 360)), float(r.uniform(0.05, 0.4)))
        b.to(*berth, 3.0)
        b.stay(duration_s, MOORED, heading=float(r.uniform(0, 360)))
        b.to(*port, 3.0)

    def _sail_in(
        self, b: TrackBuilder, path: geo.F64, speed: float, approach_kn: float | None = None
    ) -> None:
        """Sail a route, slowing for the last 2 nmi into a port."""
        cum = geo.cumulative_nm(path)
        total = float(cum[-1])
        if approach_kn is None or total < 4.0:
            b.sail(path, speed)
            return
        b.sail(geo.cut_path(path, 0.0, total - 2.0), speed)
        b.sail(geo.cut_path(path, total - 2.0, total), min(approach_kn, speed))

    # merchant ships ---------------------------------------------------------
    def merchant(self, profile: Profile) -> Track:
        r = self.rng
        speed = float(r.uniform(*profile.speed_kn))
        port = self.ports[int(r.integers(len(self.ports)))]
        u = float(r.random())
        if u < 0.25:  # in port
            b = TrackBuilder(0.0, *port.point, rot_dpm=profile.rot_dpm)
            self._moor(b, float(r.uniform(0.5, 14)) * 3600)
        elif u < 0.4 and (anch := self._anchorage_near(port)) is not None:  # waiting at anchor
            b = TrackBuilder(0.0, *self._point_in(anch), rot_dpm=profile.rot_dpm)
            b.stay(
                float(r.uniform(1, 14)) * 3600, AT_ANCHOR, swing_m=float(r.uniform(60, 200)), rng=r
            )
            b.sail(self._route(b.pos, port.point, offset=False), 7.0)
            self._moor(b, float(r.uniform(6, 18)) * 3600)
        else:  # at sea, part way through a voyage
            dest = self._other_port(port)
            path = self._route(port.point, dest.point)
            total = float(geo.cumulative_nm(path)[-1])
            done = float(r.uniform(0.05, 0.9)) * total
            b = TrackBuilder(-done / speed * 3600.0, *port.point, rot_dpm=profile.rot_dpm)
            b.voyage(dest.name.upper(), b.now + total / speed * 3600.0)
            self._sail_in(b, path, speed, 7.0)
            port = dest
            self._moor(b, float(r.uniform(6, 18)) * 3600)
        while b.now < self.horizon:
            dest = self._other_port(port)
            path = self._route(port.point, dest.point)
            total = float(geo.cumulative_nm(path)[-1])
            b.voyage(dest.name.upper(), b.now + total / speed * 3600.0 + 1800.0)
            self._sail_in(b, path, speed, 7.0)
            anch = self._anchorage_near(dest)
            if anch is not None and r.random() < 0.3:
                b.to(*self._point_in(anch), 6.0)
                b.stay(
                    float(r.uniform(1, 8)) * 3600,
                    AT_ANCHOR,
                    swing_m=float(r.uniform(60, 200)),
                    rng=r,
                )
                b.sail(self._route(b.pos, dest.point, offset=False), 7.0)
            self._moor(b, float(r.uniform(6, 20)) * 3600)
            port = dest
        return b.build()

    def anchored(self, profile: Profile) -> Track:
        r = self.rng
        anch = self.anchorages[int(r.integers(len(self.anchorages)))] if self.anchorages else None
        pos = self._point_in(anch) if anch is not None else self.ports[0].point
        b = TrackBuilder(0.0, *pos, rot_dpm=profile.rot_dpm)
        b.stay(self.horizon + 60.0, AT_ANCHOR, swing_m=float(r.uniform(60, 250)), rng=r)
        return b.build()

    def ferry(self, profile: Profile) -> Track:
        r = self.rng
        lines = self.sc.traffic.ferries
        if not lines:
            return self.merchant(profile)
        a_name, b_name = lines[int(r.integers(len(lines)))]
        a, c = self.sc.zones.get(a_name), self.sc.zones.get(b_name)
        if r.random() < 0.5:
            a, c = c, a
        speed = float(r.uniform(*profile.speed_kn))
        path = self.router.route(a.point, c.point)
        crossing = float(geo.cumulative_nm(path)[-1]) / speed * 3600.0
        stay = float(r.uniform(0.75, 2.0)) * 3600
        cycle = crossing + stay
        b = TrackBuilder(-float(r.uniform(0, 2 * cycle)), *a.point, rot_dpm=profile.rot_dpm)
        here, there = a, c
        while b.now < self.horizon:
            p = self.router.route(here.point, there.point)
            b.voyage(there.name.upper(), b.now + crossing)
            self._sail_in(b, p, speed, 9.0)
            self._moor(b, stay)
            here, there = there, here
        return b.build()

    def fishing(self, profile: Profile) -> Track:
        r = self.rng
        areas = self.sc.traffic.fishing_areas
        if not areas:
            return self.merchant(profile)
        area = areas[int(r.integers(len(areas)))]
        home = min(
            self.ports, key=lambda p: float(geo.dist_nm(p.point[0], p.point[1], area[0], area[1]))
        )
        speed = float(r.uniform(*profile.speed_kn))
        ground = self._point_in_circle(area)
        if r.random() < 0.5:
            b = TrackBuilder(0.0, *ground, rot_dpm=profile.rot_dpm)
        else:
            b = TrackBuilder(0.0, *home.point, rot_dpm=profile.rot_dpm)
            self._moor(b, float(r.uniform(0, 6)) * 3600)
            b.sail(self._route(home.point, ground, offset=False), speed)
        while b.now < self.horizon:
            hours = float(r.uniform(3, 10))
            b.zigzag(
                b.pos,
                float(r.uniform(0, 360)),
                float(r.uniform(0.3, 1.2)),
                float(r.uniform(0.2, 0.8)),
                hours * 3600,
                float(r.uniform(2.0, 4.5)),
                FISHING,
                drift_nm=float(r.uniform(1, 5)),
                rng=r,
            )
            b.sail(self._route(b.pos, home.point, offset=False), speed)
            self._moor(b, float(r.uniform(4, 12)) * 3600)
            ground = self._point_in_circle(area)
            b.sail(self._route(home.point, ground, offset=False), speed)
        return b.build()

    def harbour(self, profile: Profile) -> Track:
        """Tugs and pilot boats: short trips from their port to its approaches and back."""
        r = self.rng
        port = self.ports[int(r.integers(len(self.ports)))]
        speed = float(r.uniform(*profile.speed_kn))
        b = TrackBuilder(0.0, *port.point, rot_dpm=profile.rot_dpm)
        self._moor(b, float(r.uniform(0, 3)) * 3600)
        anch = self._anchorage_near(port)
        while b.now < self.horizon:
            if anch is not None and r.random() < 0.6:
                target = self._point_in(anch)
            else:  # out along the lane to another port, to meet a ship
                lane = self.router.route(port.point, self._other_port(port).point)
                target = geo.point_along(lane, float(r.uniform(1.0, 4.0)))
            b.sail(self._route(port.point, target, offset=False), speed)
            b.stay(float(r.uniform(0.1, 0.6)) * 3600, UNDER_WAY)
            b.sail(self._route(target, port.point, offset=False), speed)
            self._moor(b, float(r.uniform(1, 4)) * 3600)
        return b.build()

    def leisure(self, profile: Profile) -> Track:
        r = self.rng
        areas = self.sc.traffic.leisure_areas or self.sc.traffic.fishing_areas
        if not areas:
            return self.harbour(profile)
        area = areas[int(r.integers(len(areas)))]
        home = min(
            self.ports, key=lambda p: float(geo.dist_nm(p.point[0], p.point[1], area[0], area[1]))
        )
        speed = float(r.uniform(*profile.speed_kn))
        status = SAILING if profile.name == "sailing" else UNDER_WAY
        b = TrackBuilder(0.0, *home.point, rot_dpm=profile.rot_dpm)
        self._moor(b, float(r.uniform(0, 8)) * 3600)
        while b.now < self.horizon:
            pts = [self._point_in_circle(area) for _ in range(int(r.integers(2, 5)))]
            b.sail(self._route(home.point, pts[0], offset=False), speed, status)
            b.sail(np.array(pts[1:] or [pts[0]]), speed, status)
            b.sail(self._route(b.pos, home.point, offset=False), speed, status)
            self._moor(b, float(r.uniform(2, 16)) * 3600)
        return b.build()


_BEHAVIOUR = {
    "cargo": "merchant",
    "container": "merchant",
    "tanker": "merchant",
    "anchored": "anchored",
    "ferry": "ferry",
    "hsc": "ferry",
    "fishing": "fishing",
    "smallfishing": "fishing",
    "tug": "harbour",
    "pilot": "harbour",
    "leisure": "leisure",
    "sailing": "leisure",
}


def background(
    sc: Scenario,
    count: int,
    ids: Identities,
    router: Router,
    rng: np.random.Generator,
    horizon: float,
) -> list[Vessel]:
    """`count` background vessels for the scenario's mix."""
    planner = Planner(sc, router, rng, horizon)
    kinds = sorted(sc.traffic.mix)
    weights = [sc.traffic.mix[k] for k in kinds]
    out = []
    for k in range(count):
        kind = choose(rng, kinds, weights)
        if kind not in _BEHAVIOUR:
            raise ValueError(
                f"unknown traffic kind {kind!r} (known: {', '.join(sorted(_BEHAVIOUR))})"
            )
        profile = PROFILES["tanker" if kind == "anchored" else kind]
        track = getattr(planner, _BEHAVIOUR[kind])(profile)
        mmsi = ids.mmsi()
        static = ids.static(profile, mmsi)
        tp = transponder_for(mmsi, profile, track, static, rng)
        out.append(Vessel(f"bg-{k}", kind, track, [tp]))
    return out
