"""Port-to-port routes over sea lanes.

Routes come from the `searoute` package (Apache-2.0), whose network is Eurostat's MARNET
sea-lane graph (a shortest path over marine lanes between the nodes nearest to the two
ports). Each route is computed once per port pair and cached; the result depends only on
the two points, so it is deterministic. Each voyage then gets its own lateral offset from
the lane centre line (ships keep to the starboard side of a lane and spread across it),
tapered to nothing at the ports.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import numpy.typing as npt

from aiswatch.sim import geo

F64 = npt.NDArray[np.float64]


NEAR_PORT_NM = 8.0
"""Lane nodes closer than this to either end of a route are skipped (see `_searoute`)."""


class Router:
    """Sea routes between points, cached by the pair of points."""

    def __init__(self) -> None:
        self._cache: dict[tuple[float, float, float, float], F64] = {}

    def route(self, a: tuple[float, float], b: tuple[float, float]) -> F64:
        """A polyline from a to b over the sea-lane network, starting at a and ending at b."""
        key = (round(a[0], 5), round(a[1], 5), round(b[0], 5), round(b[1], 5))
        hit = self._cache.get(key)
        if hit is not None:
            return hit
        back = self._cache.get((key[2], key[3], key[0], key[1]))
        path = back[::-1].copy() if back is not None else _searoute(a, b)
        self._cache[key] = path
        return path


def _searoute(a: tuple[float, float], b: tuple[float, float]) -> F64:
    try:
        import searoute  # imported here: loading its network takes a moment
    except ImportError as exc:  # pragma: no cover - a packaging error
        raise RuntimeError("the simulator's sea routes need the 'searoute' package") from exc

    if float(geo.dist_nm(a[0], a[1], b[0], b[1])) < 2 * NEAR_PORT_NM:
        return np.array([a, b], dtype=np.float64)  # short hops (port - anchorage): straight

    feat: Any = searoute.searoute([a[0], a[1]], [b[0], b[1]], append_orig_dest=False)
    coords = np.asarray(feat["geometry"]["coordinates"], dtype=np.float64)
    if coords.ndim != 2 or len(coords) == 0:
        coords = np.zeros((0, 2))
    # The lane network's nodes near a port may lie along (or on) the coast: join the port's
    # approach point straight to the first node well out at sea instead.
    pts = [np.array(a)]
    near = min(NEAR_PORT_NM, float(geo.dist_nm(a[0], a[1], b[0], b[1])) / 3)
    inner = [
        p
        for p in coords
        if geo.dist_nm(p[0], p[1], a[0], a[1]) > near and geo.dist_nm(p[0], p[1], b[0], b[1]) > near
    ]
    pts.extend(inner)
    pts.append(np.array(b))
    path = np.vstack(pts)
    return _trim_backtracks(path)


def _trim_backtracks(path: F64) -> F64:
    """Remove vertices that make the route double back near its ends (a network node on
    the far side of the port): a vertex is dropped if skipping it shortens the path by
    more than it lengthens the straight line."""
    changed = True
    pts = [tuple(p) for p in path]
    while changed and len(pts) > 2:
        changed = False
        for i in (1, len(pts) - 2):
            a, v, b = pts[i - 1], pts[i], pts[i + 1]
            via = float(geo.dist_nm(a[0], a[1], v[0], v[1]) + geo.dist_nm(v[0], v[1], b[0], b[1]))
            direct = float(geo.dist_nm(a[0], a[1], b[0], b[1]))
            if via > 1.8 * direct and direct > 0:
                del pts[i]
                changed = True
                break
    return np.array(pts, dtype=np.float64)


def lane_offset(path: F64, offset_nm: float, taper_nm: float = 6.0) -> F64:
    """Shift a route sideways by `offset_nm` (positive: to starboard), fading the shift in
    and out over `taper_nm` from each end."""
    if len(path) < 2 or offset_nm == 0:
        return path
    cum = geo.cumulative_nm(path)
    total = float(cum[-1])
    out = path.copy()
    n = len(path)
    for k in range(n):
        a = path[max(k - 1, 0)]
        b = path[min(k + 1, n - 1)]
        brg = float(geo.bearing_deg(a[0], a[1], b[0], b[1]))
        fade = min(1.0, cum[k] / taper_nm, (total - cum[k]) / taper_nm) if taper_nm > 0 else 1.0
        x, y = geo.offset(path[k, 0], path[k, 1], brg + 90.0, offset_nm * max(fade, 0.0))
        out[k] = (x, y)
    # add vertices where the taper ends, so the fade is gradual on long first/last legs
    return _densify_ends(path, out, offset_nm, taper_nm)


def _densify_ends(path: F64, shifted: F64, offset_nm: float, taper_nm: float) -> F64:
    cum = geo.cumulative_nm(path)
    total = float(cum[-1])
    if total <= 2 * taper_nm:
        return shifted
    extra: list[tuple[float, F64]] = []
    for s in (taper_nm, total - taper_nm):
        lon, lat = geo.point_along(path, s)
        k = int(np.searchsorted(cum, s))
        a = path[max(k - 1, 0)]
        b = path[min(k, len(path) - 1)]
        brg = float(geo.bearing_deg(a[0], a[1], b[0], b[1]))
        extra.append((s, np.array(geo.offset(lon, lat, brg + 90.0, offset_nm))))
    pts = [(float(c), p) for c, p in zip(cum, shifted, strict=True)] + extra
    pts.sort(key=lambda x: x[0])
    return np.vstack([p for _, p in pts])
