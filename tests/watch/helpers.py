"""Hand-made tracks for the watch tests: ships sailing, lying, zigzagging, with static data,
and a small zone set in the middle of the Taiwan Strait (open sea in the land mask)."""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterable, Sequence
from typing import Any

from aiswatch.vessels.model import PositionReport, Report, StaticReport
from aiswatch.watch import Alert, WatchEngine
from aiswatch.watch.rules import Rules, load_rules
from aiswatch.watch.zones import ZoneSet, parse_zones

T0 = 1_740_000_000.0  # 2025-02-19T21:20:00Z
M_PER_DEG = 111_195.08
KN = 1852.0 / 3600.0

# A cable running west-east at 24.0 N from 119.3 E to 119.7 E, 1 nmi corridor; a
# no-anchoring box over its middle; a strait box; a port and an anchorage to the north.
CABLE = [(119.3, 24.0), (119.7, 24.0)]
SEA = (24.3, 119.5)  # open sea, 18 nmi north of the cable


def offset(lat: float, lon: float, bearing: float, metres: float) -> tuple[float, float]:
    a = math.radians(bearing)
    dlat = metres * math.cos(a) / M_PER_DEG
    dlon = metres * math.sin(a) / (M_PER_DEG * math.cos(math.radians(lat)))
    return lat + dlat, lon + dlon


def feature(name: str, kind: str, geom: dict[str, Any], **props: Any) -> dict[str, Any]:
    return {
        "type": "Feature",
        "properties": {"name": name, "kind": kind, **props},
        "geometry": geom,
    }


def box(lon0: float, lat0: float, lon1: float, lat1: float) -> dict[str, Any]:
    ring = [[lon0, lat0], [lon1, lat0], [lon1, lat1], [lon0, lat1], [lon0, lat0]]
    return {"type": "Polygon", "coordinates": [ring]}


def make_zones(extra: Sequence[dict[str, Any]] = (), **cable_props: Any) -> ZoneSet:
    line = {"type": "LineString", "coordinates": [list(p) for p in CABLE]}
    feats = [
        feature("Test Cable", "cable", line, corridor_m=1852, **cable_props),
        feature("Test No-Anchoring", "no_anchoring", box(119.45, 23.98, 119.55, 24.02)),
        feature("Test Strait", "strait", box(118.9, 23.2, 119.2, 24.8)),
        feature("Test Port", "port", {"type": "Point", "coordinates": [119.9, 24.6]}),
        feature("Test Anchorage", "anchorage", box(119.95, 24.5, 120.05, 24.56)),
        *extra,
    ]
    return ZoneSet(parse_zones({"type": "FeatureCollection", "features": feats}))


def static(mmsi: int, t: float, name: str, shiptype: int = 70, callsign: str = "ABCD",
           imo: int | None = 9074729) -> StaticReport:  # fmt: skip
    return StaticReport(mmsi=mmsi, time=t, msg_type=5, name=name, callsign=callsign, imo=imo,
                        shiptype=shiptype)  # fmt: skip


def sail(mmsi: int, t0: float, path: Sequence[tuple[float, float]], kn: float, *,
         interval: float = 10.0, status: int = 0, cls: str = "A") -> list[PositionReport]:  # fmt: skip
    """Positions along ``path`` ((lat, lon) vertices) at ``kn``, one every ``interval``."""
    out: list[PositionReport] = []
    t = t0
    speed = kn * KN
    for (la0, lo0), (la1, lo1) in itertools.pairwise(path):
        dy = (la1 - la0) * M_PER_DEG
        dx = (lo1 - lo0) * M_PER_DEG * math.cos(math.radians((la0 + la1) / 2))
        d = math.hypot(dx, dy)
        cog = math.degrees(math.atan2(dx, dy)) % 360.0
        steps = max(int(d / speed / interval), 1)
        for k in range(steps):
            f = k / steps
            out.append(PositionReport(mmsi, t, la0 + f * (la1 - la0), lo0 + f * (lo1 - lo0), kn,
                                      round(cog, 1), None, status, 1 if cls == "A" else 18, cls))  # fmt: skip
            t += interval
    la, lo = path[-1]
    out.append(
        PositionReport(mmsi, t, la, lo, kn, None, None, status, 1 if cls == "A" else 18, cls)
    )
    return out


def lie(mmsi: int, t0: float, lat: float, lon: float, duration: float, *, interval: float = 180.0,
        status: int = 1, sog: float = 0.0, swing_m: float = 0.0) -> list[PositionReport]:  # fmt: skip
    """Lying still (or swinging on a circle of ``swing_m``) for ``duration``."""
    out = []
    n = int(duration / interval) + 1
    for k in range(n):
        la, lo = offset(lat, lon, (k * 37.0) % 360.0, swing_m) if swing_m else (lat, lon)
        out.append(PositionReport(mmsi, t0 + k * interval, la, lo, sog, None, None, status))
    return out


def zigzag(mmsi: int, t0: float, lat: float, lon: float, duration: float, kn: float, *,
           half_width_m: float = 800.0, axis: float = 90.0, status: int = 0,
           interval: float = 10.0) -> list[PositionReport]:  # fmt: skip
    """Back and forth across an axis through (lat, lon), legs ``2 * half_width_m`` long."""
    pts = []
    side = 1.0
    t_leg = 2 * half_width_m / (kn * KN)
    n = int(duration / t_leg) + 2
    for k in range(n):
        along = ((k % 4) - 1.5) * 150.0
        p = offset(lat, lon, axis, along)
        pts.append(offset(p[0], p[1], axis + 90.0, side * half_width_m))
        side = -side
    reps = sail(mmsi, t0, pts, kn, interval=interval, status=status)
    return [r for r in reps if r.time <= t0 + duration]


def merge(*streams: Iterable[Report]) -> list[Report]:
    out = [r for s in streams for r in s]
    out.sort(key=lambda r: r.time)
    return out


def run(
    reports: Iterable[Report], zones: ZoneSet | None = None, rules: Rules | None = None
) -> list[Alert]:
    engine = WatchEngine(zones if zones is not None else make_zones(), rules or load_rules())
    return engine.run(merge(reports))


def kinds(alerts: Iterable[Alert], *, min_severity: str | None = None) -> list[str]:
    return sorted(a.kind for a in alerts)


def only(alerts: Sequence[Alert], kind: str) -> list[Alert]:
    return [a for a in alerts if a.kind == kind]
