"""Small spherical helpers in plain floats (no projection library): great-circle distance,
bearings, and distances to polylines in a local equirectangular frame around the point.

Metres and nautical miles: 1 nmi = 1852 m exactly; the Earth is a sphere of mean radius
6,371,008.8 m (IUGG), which is within 0.5 % of the ellipsoid for the distances used here.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

__all__ = [
    "EARTH_RADIUS_M",
    "KN_MS",
    "NM_M",
    "angle_diff",
    "bearing_deg",
    "haversine_m",
    "local_xy",
    "point_segment_m",
    "polyline_distance_m",
]

EARTH_RADIUS_M = 6_371_008.8
NM_M = 1852.0
KN_MS = NM_M / 3600.0
_DEG = math.pi / 180.0
M_PER_DEG = EARTH_RADIUS_M * _DEG  # metres per degree of latitude (111,195 m)


def haversine_m(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in metres."""
    p1, p2 = lat1 * _DEG, lat2 * _DEG
    dp = p2 - p1
    dl = (lon2 - lon1) * _DEG
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2.0 * EARTH_RADIUS_M * math.asin(min(1.0, math.sqrt(a)))


def bearing_deg(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Initial great-circle bearing from point 1 to point 2, degrees clockwise from north."""
    p1, p2 = lat1 * _DEG, lat2 * _DEG
    dl = (lon2 - lon1) * _DEG
    y = math.sin(dl) * math.cos(p2)
    x = math.cos(p1) * math.sin(p2) - math.sin(p1) * math.cos(p2) * math.cos(dl)
    return math.degrees(math.atan2(y, x)) % 360.0


def angle_diff(a: float, b: float) -> float:
    """Signed smallest difference b - a in degrees, in (-180, 180]."""
    d = (b - a) % 360.0
    return d - 360.0 if d > 180.0 else d


def local_xy(lat0: float, lon0: float, lat: float, lon: float) -> tuple[float, float]:
    """(east, north) metres of (lat, lon) in an equirectangular frame centred on (lat0, lon0);
    good to well under 1 % within tens of kilometres."""
    dlon = (lon - lon0 + 540.0) % 360.0 - 180.0
    return dlon * M_PER_DEG * math.cos(lat0 * _DEG), (lat - lat0) * M_PER_DEG


def point_segment_m(
    px: float, py: float, ax: float, ay: float, bx: float, by: float
) -> tuple[float, float]:
    """Distance from P to segment AB (local metres) and the position along it (0..1)."""
    vx, vy = bx - ax, by - ay
    vv = vx * vx + vy * vy
    u = 0.0 if vv <= 0.0 else max(0.0, min(1.0, ((px - ax) * vx + (py - ay) * vy) / vv))
    dx, dy = px - (ax + u * vx), py - (ay + u * vy)
    return math.hypot(dx, dy), u


def polyline_distance_m(lat: float, lon: float, coords: Sequence[tuple[float, float]]) -> float:
    """Distance in metres from (lat, lon) to a polyline of (lon, lat) vertices, measured in an
    equirectangular frame centred on the point (so long lines keep local accuracy)."""
    if not coords:
        return math.inf
    best = math.inf
    ax, ay = local_xy(lat, lon, coords[0][1], coords[0][0])
    if len(coords) == 1:
        return math.hypot(ax, ay)
    for x, y in coords[1:]:
        bx, by = local_xy(lat, lon, y, x)
        d, _ = point_segment_m(0.0, 0.0, ax, ay, bx, by)
        if d < best:
            best = d
        ax, ay = bx, by
    return best
