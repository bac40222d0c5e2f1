"""Small geodesy for the simulator: distances in nautical miles, bearings, offsets, polyline
measures, crossings and point-in-polygon.

Vessel motion is interpolated linearly in longitude and latitude between track vertices, so
distances and courses use the matching local (equirectangular) approximation at the mean
latitude of a segment: reported speed and course then agree with the positions a receiver
sees. `haversine_nm` is the exact great-circle figure, for checks.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

F64 = npt.NDArray[np.float64]

NM_M = 1852.0
"""One nautical mile in metres."""
EARTH_RADIUS_NM = 6371008.8 / NM_M
"""Mean Earth radius (IUGG) in nautical miles."""
DEG_NM = 60.0
"""Nautical miles per degree of latitude (by definition of the nautical mile, near enough)."""


def haversine_nm(
    lon1: npt.ArrayLike, lat1: npt.ArrayLike, lon2: npt.ArrayLike, lat2: npt.ArrayLike
) -> F64:
    """Great-circle distance in nautical miles (numpy broadcasting)."""
    p1 = np.radians(np.asarray(lat1, dtype=np.float64))
    p2 = np.radians(np.asarray(lat2, dtype=np.float64))
    dp = p2 - p1
    dl = np.radians(np.asarray(lon2, dtype=np.float64) - np.asarray(lon1, dtype=np.float64))
    a = np.sin(dp / 2) ** 2 + np.cos(p1) * np.cos(p2) * np.sin(dl / 2) ** 2
    return np.asarray(
        2 * EARTH_RADIUS_NM * np.arcsin(np.sqrt(np.minimum(a, 1.0))), dtype=np.float64
    )


def local_dxdy_nm(
    lon1: npt.ArrayLike, lat1: npt.ArrayLike, lon2: npt.ArrayLike, lat2: npt.ArrayLike
) -> tuple[F64, F64]:
    """East and north components (nautical miles) from point 1 to point 2."""
    la1 = np.asarray(lat1, dtype=np.float64)
    la2 = np.asarray(lat2, dtype=np.float64)
    coslat = np.cos(np.radians((la1 + la2) / 2))
    dx = (np.asarray(lon2, dtype=np.float64) - np.asarray(lon1, dtype=np.float64)) * DEG_NM * coslat
    dy = (la2 - la1) * DEG_NM
    return dx, dy


def dist_nm(
    lon1: npt.ArrayLike, lat1: npt.ArrayLike, lon2: npt.ArrayLike, lat2: npt.ArrayLike
) -> F64:
    """Local (equirectangular) distance in nautical miles: exact enough below a few hundred km."""
    dx, dy = local_dxdy_nm(lon1, lat1, lon2, lat2)
    return np.asarray(np.hypot(dx, dy), dtype=np.float64)


def bearing_deg(
    lon1: npt.ArrayLike, lat1: npt.ArrayLike, lon2: npt.ArrayLike, lat2: npt.ArrayLike
) -> F64:
    """Course over ground (0-360, degrees true) from point 1 to point 2, locally."""
    dx, dy = local_dxdy_nm(lon1, lat1, lon2, lat2)
    return np.asarray(np.degrees(np.arctan2(dx, dy)) % 360.0, dtype=np.float64)


def offset(lon: float, lat: float, bearing: float, distance_nm: float) -> tuple[float, float]:
    """The point `distance_nm` from (lon, lat) on `bearing` (local approximation)."""
    b = math.radians(bearing)
    dy = distance_nm * math.cos(b)
    lat2 = lat + dy / DEG_NM
    coslat = math.cos(math.radians((lat + lat2) / 2))
    return lon + distance_nm * math.sin(b) / (DEG_NM * coslat), lat2


def angle_diff(a: npt.ArrayLike, b: npt.ArrayLike) -> F64:
    """Signed smallest rotation from course a to course b, in (-180, 180]."""
    d = (np.asarray(b, dtype=np.float64) - np.asarray(a, dtype=np.float64) + 180.0) % 360.0 - 180.0
    return np.asarray(np.where(d == -180.0, 180.0, d), dtype=np.float64)


def as_path(points: npt.ArrayLike) -> F64:
    """A polyline as an (n, 2) float array of (lon, lat)."""
    arr = np.asarray(points, dtype=np.float64)
    if arr.ndim != 2 or arr.shape[1] != 2 or len(arr) < 1:
        raise ValueError("a path needs (lon, lat) pairs")
    return arr


def cumulative_nm(path: F64) -> F64:
    """Distance along a polyline at each vertex, from 0."""
    if len(path) < 2:
        return np.zeros(len(path))
    d = dist_nm(path[:-1, 0], path[:-1, 1], path[1:, 0], path[1:, 1])
    return np.concatenate(([0.0], np.cumsum(d)))


def point_along(path: F64, s: float) -> tuple[float, float]:
    """The point at distance `s` (nautical miles) along a polyline (clamped to its ends)."""
    cum = cumulative_nm(path)
    s = min(max(s, 0.0), float(cum[-1]))
    return float(np.interp(s, cum, path[:, 0])), float(np.interp(s, cum, path[:, 1]))


def cut_path(path: F64, s0: float, s1: float) -> F64:
    """The part of a polyline between distances s0 and s1 along it."""
    cum = cumulative_nm(path)
    s0 = min(max(s0, 0.0), float(cum[-1]))
    s1 = min(max(s1, s0), float(cum[-1]))
    inner = path[(cum > s0) & (cum < s1)]
    a = point_along(path, s0)
    b = point_along(path, s1)
    return np.vstack(([a], inner, [b]))


def distance_to_polyline_nm(lon: npt.ArrayLike, lat: npt.ArrayLike, line: F64) -> F64:
    """Shortest distance (nautical miles) from each point to a polyline."""
    px = np.atleast_1d(np.asarray(lon, dtype=np.float64))
    py = np.atleast_1d(np.asarray(lat, dtype=np.float64))
    coslat = np.cos(np.radians(float(np.mean(line[:, 1]))))
    ax, ay = line[:-1, 0] * coslat, line[:-1, 1]
    bx, by = line[1:, 0] * coslat, line[1:, 1]
    qx = (px * coslat)[:, None]
    qy = py[:, None]
    vx, vy = bx - ax, by - ay
    vv = vx * vx + vy * vy
    vv = np.where(vv == 0, 1e-18, vv)
    u = np.clip(((qx - ax) * vx + (qy - ay) * vy) / vv, 0.0, 1.0)
    dx = qx - (ax + u * vx)
    dy = qy - (ay + u * vy)
    return np.asarray(np.sqrt(dx * dx + dy * dy).min(axis=1) * DEG_NM, dtype=np.float64)


def crossings(path: F64, line: F64) -> list[tuple[float, float, float]]:
    """Where a path crosses a polyline: (distance along the path in nm, lon, lat), in order."""
    out: list[tuple[float, float, float]] = []
    cum = cumulative_nm(path)
    coslat = math.cos(math.radians(float(np.mean(line[:, 1]))))
    for i in range(len(path) - 1):
        p = path[i]
        r = path[i + 1] - p
        for j in range(len(line) - 1):
            q = line[j]
            s = line[j + 1] - q
            rx, ry, sx, sy = r[0] * coslat, r[1], s[0] * coslat, s[1]
            den = rx * sy - ry * sx
            if den == 0:
                continue
            qpx, qpy = (q[0] - p[0]) * coslat, q[1] - p[1]
            t = (qpx * sy - qpy * sx) / den
            u = (qpx * ry - qpy * rx) / den
            if 0.0 <= t <= 1.0 and 0.0 <= u <= 1.0:
                x, y = p + t * r
                out.append((float(cum[i] + t * (cum[i + 1] - cum[i])), float(x), float(y)))
    out.sort()
    return out


def point_in_polygon(lon: npt.ArrayLike, lat: npt.ArrayLike, ring: F64) -> npt.NDArray[np.bool_]:
    """Even-odd rule test of points against one polygon ring (lon, lat vertices)."""
    x = np.atleast_1d(np.asarray(lon, dtype=np.float64))
    y = np.atleast_1d(np.asarray(lat, dtype=np.float64))
    inside = np.zeros(x.shape, dtype=bool)
    xs, ys = ring[:, 0], ring[:, 1]
    n = len(ring)
    for i in range(n):
        x1, y1 = xs[i], ys[i]
        x2, y2 = xs[(i + 1) % n], ys[(i + 1) % n]
        if y1 == y2:
            continue
        cond = (y1 > y) != (y2 > y)
        xcross = x1 + (y - y1) * (x2 - x1) / (y2 - y1)
        inside ^= cond & (x < xcross)
    return inside


def circle(lon: float, lat: float, radius_nm: float, n: int = 24) -> list[tuple[float, float]]:
    """A closed ring approximating a circle (for drawn zones)."""
    pts = [offset(lon, lat, 360.0 * k / n, radius_nm) for k in range(n)]
    pts.append(pts[0])
    return [(round(a, 5), round(b, 5)) for a, b in pts]


def buffer_line(
    line: Sequence[tuple[float, float]], half_width_nm: float
) -> list[tuple[float, float]]:
    """A closed ring around a polyline at `half_width_nm` either side (square ends)."""
    pts = np.asarray(line, dtype=np.float64)
    left: list[tuple[float, float]] = []
    right: list[tuple[float, float]] = []
    n = len(pts)
    for k in range(n):
        a = pts[max(k - 1, 0)]
        b = pts[min(k + 1, n - 1)]
        brg = float(bearing_deg(a[0], a[1], b[0], b[1]))
        left.append(offset(pts[k, 0], pts[k, 1], brg - 90.0, half_width_nm))
        right.append(offset(pts[k, 0], pts[k, 1], brg + 90.0, half_width_nm))
    ring = left + right[::-1]
    ring.append(ring[0])
    return [(round(a, 5), round(b, 5)) for a, b in ring]
