"""Zones the watch knows: cable and pipeline corridors, no-anchoring areas, anchorages, ports,
straits and EEZs, read from GeoJSON, with a per-position lookup light enough for millions of
positions.

Each feature carries ``name`` (unique), ``kind`` and, for lines, ``corridor_m`` (the
corridor's half-width in metres); optionally ``rules`` (per-zone rule overrides,
``{"cable.loiter_min_s": 900}``) and anything else (kept in ``properties``).

=================  ==========================================
kind               geometry
=================  ==========================================
``cable``          LineString / MultiLineString + corridor_m
``pipeline``       LineString / MultiLineString + corridor_m
``no_anchoring``   Polygon / MultiPolygon
``anchorage``      Polygon / MultiPolygon
``port``           Point (a radius from the rules) or Polygon
``strait``         Polygon / MultiPolygon
``eez``            Polygon / MultiPolygon
=================  ==========================================

The lookup: the world is cut into cells of 1/128 degree. The first time a cell is visited,
an STRtree of the zones' reach (a corridor's width, a port's radius...) gives the zones near
it and each one's distance from the cell centre is computed once. A position then needs
exact geometry only for a zone whose boundary passes within the cell's half-diagonal of the
threshold asked about; positions in cells with no zone near (most of the sea) cost one
dictionary look-up. Distances are metres on a sphere, computed in a local frame around the
position or the zone (see `aiswatch.watch.geo`), never in degrees.
"""

from __future__ import annotations

import itertools
import json
import math
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final

import shapely
from shapely.geometry import LineString, MultiLineString, MultiPolygon, Point, Polygon, box, shape
from shapely.geometry.base import BaseGeometry

from aiswatch.watch.geo import M_PER_DEG, haversine_m, local_xy, point_segment_m

__all__ = [
    "CELL_DEG",
    "KINDS",
    "LINE_KINDS",
    "Place",
    "Zone",
    "ZoneError",
    "ZoneSet",
    "load_zones",
    "parse_zones",
]

KINDS: Final = ("cable", "pipeline", "no_anchoring", "anchorage", "port", "strait", "eez")
LINE_KINDS: Final = frozenset({"cable", "pipeline"})
_POLY_KINDS: Final = frozenset({"no_anchoring", "anchorage", "strait", "eez", "port"})
CELL_DEG: Final = 1.0 / 128.0
_DEG = math.pi / 180.0


class ZoneError(ValueError):
    """Zones that cannot be used: bad GeoJSON, unknown kinds, missing corridors..."""


@dataclass(eq=False, slots=True)
class Zone:
    """One zone. ``coords`` holds the vertices as (lon, lat) parts: a line's parts, or a
    polygon's rings; a port point is one part of one vertex."""

    index: int
    name: str
    kind: str
    geometry: BaseGeometry = field(repr=False)
    corridor_m: float = 0.0
    rules: Mapping[str, Any] = field(default_factory=dict, repr=False)
    properties: Mapping[str, Any] = field(default_factory=dict, repr=False)
    coords: tuple[tuple[tuple[float, float], ...], ...] = field(default=(), repr=False)
    lat: float = 0.0  # a representative point (centroid; on the line for lines)
    lon: float = 0.0
    length_m: float = 0.0  # largest extent (for straits: entry and exit apart)
    # the polygon in metres around (lat, lon); a line's segments as (x0, y0, x1, y1)
    _local: BaseGeometry | None = field(default=None, repr=False)
    _segs: list[tuple[float, float, float, float]] | None = field(default=None, repr=False)

    @property
    def is_line(self) -> bool:
        return self.kind in LINE_KINDS

    @property
    def is_point(self) -> bool:
        return bool(self.geometry.geom_type == "Point")

    def contains(self, lat: float, lon: float) -> bool:
        """Inside the polygon, or inside a line's corridor; never for a point."""
        if self.is_line:
            return self.distance_m(lat, lon) <= self.corridor_m
        if self.is_point:
            return False
        return bool(shapely.contains_xy(self.geometry, lon, lat))

    def distance_m(self, lat: float, lon: float, segs: Sequence[int] | None = None) -> float:
        """Metres from the point to the zone: to a line (``segs``: only those segments, as
        indices into the flattened segment list), to a port point, or to a polygon (0
        inside)."""
        if self.is_point:
            return haversine_m(lat, lon, self.lat, self.lon)
        if self.is_line:
            return _line_distance(self, lat, lon, segs)
        if shapely.contains_xy(self.geometry, lon, lat):
            return 0.0
        return self.boundary_distance_m(lat, lon)

    def boundary_distance_m(self, lat: float, lon: float) -> float:
        if self._local is not None:
            x, y = local_xy(self.lat, self.lon, lat, lon)
            return float(shapely.distance(self._local.boundary, Point(x, y)))
        return min(_polyline_m(lat, lon, ring) for ring in self.coords)

    def signed_distance_m(self, lat: float, lon: float, segs: Sequence[int] | None = None) -> float:
        """As `distance_m`, but negative inside a polygon (minus the distance to its edge)."""
        if self.is_point or self.is_line:
            return self.distance_m(lat, lon, segs)
        d = self.boundary_distance_m(lat, lon)
        return -d if shapely.contains_xy(self.geometry, lon, lat) else d


# -- geometry helpers ---------------------------------------------------------------------


def _segments(zone: Zone) -> list[tuple[float, float, float, float]]:
    out = []
    for part in zone.coords:
        for (x0, y0), (x1, y1) in itertools.pairwise(part):
            out.append((x0, y0, x1, y1))
    return out


def _line_distance(zone: Zone, lat: float, lon: float, segs: Sequence[int] | None) -> float:
    all_segs = zone._segs
    if all_segs is None:
        all_segs = zone._segs = _segments(zone)
    best = math.inf
    coslat = math.cos(lat * _DEG)
    it: Iterable[int] = range(len(all_segs)) if segs is None else segs
    for i in it:
        x0, y0, x1, y1 = all_segs[i]
        ax, ay = (x0 - lon) * M_PER_DEG * coslat, (y0 - lat) * M_PER_DEG
        bx, by = (x1 - lon) * M_PER_DEG * coslat, (y1 - lat) * M_PER_DEG
        d, _ = point_segment_m(0.0, 0.0, ax, ay, bx, by)
        if d < best:
            best = d
    return best


def _segment_distances(zone: Zone, lat: float, lon: float) -> list[float]:
    all_segs = zone._segs
    if all_segs is None:
        all_segs = zone._segs = _segments(zone)
    coslat = math.cos(lat * _DEG)
    kx = M_PER_DEG * coslat
    out = []
    for x0, y0, x1, y1 in all_segs:
        d, _ = point_segment_m(0.0, 0.0, (x0 - lon) * kx, (y0 - lat) * M_PER_DEG,
                               (x1 - lon) * kx, (y1 - lat) * M_PER_DEG)  # fmt: skip
        out.append(d)
    return out


def _polyline_m(lat: float, lon: float, part: Sequence[tuple[float, float]]) -> float:
    best = math.inf
    ax, ay = local_xy(lat, lon, part[0][1], part[0][0])
    for x, y in part[1:]:
        bx, by = local_xy(lat, lon, y, x)
        d, _ = point_segment_m(0.0, 0.0, ax, ay, bx, by)
        best = min(best, d)
        ax, ay = bx, by
    return best


def _to_local(geom: BaseGeometry, lat0: float, lon0: float) -> BaseGeometry:
    return shapely.transform(geom, lambda a: _np_local(a, lat0, lon0))


def _np_local(a: Any, lat0: float, lon0: float) -> Any:
    import numpy as np

    out = np.empty_like(a)
    dlon = (a[:, 0] - lon0 + 540.0) % 360.0 - 180.0
    out[:, 0] = dlon * M_PER_DEG * math.cos(lat0 * _DEG)
    out[:, 1] = (a[:, 1] - lat0) * M_PER_DEG
    return out


def _extent_m(geom: BaseGeometry, lat0: float, lon0: float) -> float:
    hull = shapely.convex_hull(geom)
    pts = list(shapely.get_coordinates(hull))
    if len(pts) > 400:  # large outlines: a bounding-box diagonal is enough
        x0, y0, x1, y1 = geom.bounds
        return haversine_m(y0, x0, y1, x1)
    best = 0.0
    for i, (xa, ya) in enumerate(pts):
        for xb, yb in pts[i + 1 :]:
            best = max(best, haversine_m(float(ya), float(xa), float(yb), float(xb)))
    return best


# -- reading ------------------------------------------------------------------------------


def _check_coords(coords: Any, where: str) -> None:
    for x, y, *_ in shapely.get_coordinates(coords).tolist():
        if not (-180.0 <= x <= 180.0 and -90.0 <= y <= 90.0):
            raise ZoneError(f"{where}: coordinate ({x}, {y}) is not a longitude, latitude pair")


def _feature(i: int, feat: Any) -> Zone:
    where = f"feature {i}"
    if not isinstance(feat, Mapping) or feat.get("type") != "Feature":
        raise ZoneError(f"{where}: not a GeoJSON Feature")
    props = feat.get("properties") or {}
    if not isinstance(props, Mapping):
        raise ZoneError(f"{where}: properties must be an object")
    name = props.get("name")
    if not isinstance(name, str) or not name.strip():
        raise ZoneError(f"{where}: every zone needs a non-empty 'name'")
    where = f"zone {name!r} (feature {i})"
    kind = props.get("kind")
    if kind not in KINDS:
        raise ZoneError(f"{where}: 'kind' must be one of {', '.join(KINDS)}, not {kind!r}")
    g = feat.get("geometry")
    if not isinstance(g, Mapping) or "type" not in g or "coordinates" not in g:
        raise ZoneError(f"{where}: missing or empty geometry")
    try:
        geom = shape(g)
    except Exception as e:  # shapely raises several types for malformed coordinates
        raise ZoneError(f"{where}: bad {g.get('type')} geometry: {e}") from e
    if geom.is_empty:
        raise ZoneError(f"{where}: empty geometry")
    _check_coords(geom, where)
    gt = geom.geom_type
    corridor = 0.0
    if kind in LINE_KINDS:
        if gt not in ("LineString", "MultiLineString"):
            raise ZoneError(f"{where}: a {kind} is a LineString, not a {gt}")
        c = props.get("corridor_m")
        if isinstance(c, bool) or not isinstance(c, int | float) or not c > 0:
            raise ZoneError(
                f"{where}: a {kind} needs 'corridor_m', the corridor's half-width in metres (> 0)"
            )
        corridor = float(c)
    elif kind == "port":
        if gt not in ("Point", "Polygon", "MultiPolygon"):
            raise ZoneError(f"{where}: a port is a Point or a Polygon, not a {gt}")
    elif gt not in ("Polygon", "MultiPolygon"):
        raise ZoneError(f"{where}: a {kind} zone is a Polygon, not a {gt}")
    if gt in ("Polygon", "MultiPolygon") and not geom.is_valid:
        reason = shapely.is_valid_reason(geom)
        raise ZoneError(f"{where}: invalid polygon ({reason})")
    rules = props.get("rules") or {}
    if not isinstance(rules, Mapping):
        raise ZoneError(f"{where}: 'rules' must be an object of rule overrides")
    coords: list[tuple[tuple[float, float], ...]] = []
    if isinstance(geom, LineString):
        coords.append(tuple((float(x), float(y)) for x, y, *_ in geom.coords))
    elif isinstance(geom, MultiLineString):
        coords.extend(tuple((float(x), float(y)) for x, y, *_ in ln.coords) for ln in geom.geoms)
    elif isinstance(geom, Point):
        coords.append(((float(geom.x), float(geom.y)),))
    else:
        polys = geom.geoms if isinstance(geom, MultiPolygon) else [geom]
        for poly in polys:
            assert isinstance(poly, Polygon)
            for ring in [poly.exterior, *poly.interiors]:
                coords.append(tuple((float(x), float(y)) for x, y, *_ in ring.coords))
    if geom.geom_type in ("LineString", "MultiLineString"):
        rep = geom.interpolate(0.5, normalized=True)
    elif isinstance(geom, Point):
        rep = geom
    else:
        rep = geom.centroid
    lat0, lon0 = float(rep.y), float(rep.x)
    zone = Zone(
        index=i,
        name=name.strip(),
        kind=str(kind),
        geometry=geom,
        corridor_m=corridor,
        rules=dict(rules),
        properties=dict(props),
        coords=tuple(coords),
        lat=lat0,
        lon=lon0,
        length_m=_extent_m(geom, lat0, lon0),
    )
    shapely.prepare(geom)
    return zone


def parse_zones(doc: Any, *, source: str = "zones") -> list[Zone]:
    """Zones from a parsed GeoJSON FeatureCollection; ZoneError naming the feature at fault."""
    if not isinstance(doc, Mapping) or doc.get("type") != "FeatureCollection":
        raise ZoneError(f"{source}: not a GeoJSON FeatureCollection")
    feats = doc.get("features")
    if not isinstance(feats, list):
        raise ZoneError(f"{source}: 'features' must be a list")
    zones = []
    seen: set[str] = set()
    for i, feat in enumerate(feats):
        try:
            z = _feature(i, feat)
        except ZoneError as e:
            raise ZoneError(f"{source}: {e}") from None
        if z.name in seen:
            raise ZoneError(f"{source}: two zones are named {z.name!r}; names must be unique")
        seen.add(z.name)
        zones.append(z)
    return zones


def load_zones(*paths: str | Path) -> ZoneSet:
    """Zones from GeoJSON files (or bundled names such as ``taiwan``); FileNotFoundError or
    ZoneError."""
    zones: list[Zone] = []
    for p in paths:
        path = Path(p)
        if not path.suffix and not path.exists():
            from importlib import resources

            path = Path(str(resources.files("aiswatch") / "data" / "zones" / f"{p}.geojson"))
        try:
            doc = json.loads(path.read_text(encoding="utf-8"))
        except json.JSONDecodeError as e:
            raise ZoneError(f"{path}: not valid JSON: {e}") from e
        for z in parse_zones(doc, source=str(path)):
            if any(o.name == z.name for o in zones):
                raise ZoneError(f"{path}: zone {z.name!r} is defined twice")
            zones.append(z)
    return ZoneSet(zones)


# -- the lookup ---------------------------------------------------------------------------


class Place:
    """The zones near one position. Questions are answered from the cell's precomputed
    distances where they decide, else exactly (cached per position)."""

    __slots__ = ("_exact", "entries", "h", "lat", "lon")

    def __init__(
        self,
        lat: float,
        lon: float,
        entries: tuple[tuple[Zone, float, tuple[int, ...] | None], ...],
        h: float,
    ) -> None:
        self.lat = lat
        self.lon = lon
        self.entries = entries
        self.h = h
        self._exact: dict[int, float] | None = None

    def __bool__(self) -> bool:
        return bool(self.entries)

    def _signed(self, z: Zone, segs: tuple[int, ...] | None) -> float:
        ex = self._exact
        if ex is None:
            ex = self._exact = {}
        d = ex.get(z.index)
        if d is None:
            d = ex[z.index] = z.signed_distance_m(self.lat, self.lon, segs)
        return d

    def distance_m(self, z: Zone) -> float:
        """Exact metres to a zone listed here (0 inside a polygon); inf if not listed."""
        for zz, _, segs in self.entries:
            if zz is z:
                return max(self._signed(z, segs), 0.0)
        return math.inf

    def _within(self, z: Zone, dc: float, segs: tuple[int, ...] | None, m: float) -> bool:
        if dc + self.h <= m:
            return True
        if dc - self.h > m:
            return False
        if m <= 0.0 and not z.is_line and not z.is_point:
            return self._signed_contains(z)
        return self._signed(z, segs) <= m

    def _signed_contains(self, z: Zone) -> bool:
        ex = self._exact
        if ex is None:
            ex = self._exact = {}
        d = ex.get(-1 - z.index)
        if d is None:
            d = ex[-1 - z.index] = -1.0 if z.contains(self.lat, self.lon) else 1.0
        return d < 0

    def inside(self, kind: str | None = None) -> list[Zone]:
        """Zones (of ``kind``) containing the position: polygons, and line corridors."""
        out = []
        for z, dc, segs in self.entries:
            if kind is not None and z.kind != kind:
                continue
            if z.is_point:
                continue
            if self._within(z, dc, segs, z.corridor_m if z.is_line else 0.0):
                out.append(z)
        return out

    def near(self, kinds: Iterable[str] | str, m: float) -> Zone | None:
        """A zone of one of ``kinds`` within ``m`` metres (0: inside), else None."""
        ks = (kinds,) if isinstance(kinds, str) else tuple(kinds)
        for z, dc, segs in self.entries:
            if z.kind in ks and self._within(z, dc, segs, m):
                return z
        return None

    def corridor(self, extra_m: float = 0.0) -> tuple[Zone, float] | None:
        """The nearest cable or pipeline whose corridor (widened by ``extra_m``) holds the
        position, and the distance to the line in metres."""
        best: tuple[Zone, float] | None = None
        for z, dc, segs in self.entries:
            limit = z.corridor_m + extra_m
            if not z.is_line or dc - self.h > limit:
                continue
            d = self._signed(z, segs)
            if d <= limit and (best is None or d < best[1]):
                best = (z, d)
        return best


_EMPTY_ENTRIES: tuple[tuple[Zone, float, tuple[int, ...] | None], ...] = ()


class ZoneSet:
    """All zones, with the cell cache. ``reach`` gives, per kind, how far from a zone the
    detectors ask questions (metres; lines add their corridor); the engine sets it from the
    rules (a port's radius, the distance kept from anchorages...)."""

    def __init__(self, zones: Iterable[Zone] = (), reach: Mapping[str, float] | None = None):
        self.zones: tuple[Zone, ...] = tuple(zones)
        for i, z in enumerate(self.zones):
            z.index = i
        self.by_name = {z.name: z for z in self.zones}
        self._reach: dict[str, float] = dict(reach or {})
        self._cells: dict[
            tuple[int, int], tuple[tuple[Zone, float, tuple[int, ...] | None], ...]
        ] = {}
        self._build()

    def __iter__(self) -> Iterator[Zone]:
        return iter(self.zones)

    def __len__(self) -> int:
        return len(self.zones)

    def get(self, name: str) -> Zone:
        try:
            return self.by_name[name]
        except KeyError:
            raise KeyError(f"no zone named {name!r}") from None

    def of_kind(self, *kinds: str) -> list[Zone]:
        return [z for z in self.zones if z.kind in kinds]

    def set_reach(self, reach: Mapping[str, float]) -> None:
        self._reach.update(reach)
        self._build()

    def reach_m(self, z: Zone) -> float:
        return z.corridor_m + self._reach.get(z.kind, 0.0)

    def _build(self) -> None:
        self._cells.clear()
        envs = []
        for z in self.zones:
            r = self.reach_m(z)
            x0, y0, x1, y1 = z.geometry.bounds
            lat_max = min(max(abs(y0), abs(y1)) + r / M_PER_DEG, 89.0)
            dx = r / (M_PER_DEG * math.cos(lat_max * _DEG)) if r else 0.0
            dy = r / M_PER_DEG
            envs.append(box(x0 - dx, y0 - dy, x1 + dx, y1 + dy))
            if not z.is_line and not z.is_point and r > 0 and z._local is None:
                z._local = _to_local(z.geometry, z.lat, z.lon)
        self._tree = shapely.STRtree(envs) if envs else None

    def place(self, lat: float, lon: float) -> Place | None:
        """The zones near (lat, lon), or None where there are none."""
        key = (math.floor(lat * 128.0), math.floor(lon * 128.0))
        entries = self._cells.get(key)
        if entries is None:
            entries = self._cells[key] = self._cell(key)
        if not entries:
            return None
        return Place(lat, lon, entries, _half_diag(key[0]))

    def cached_cells(self) -> int:
        return len(self._cells)

    def _cell(self, key: tuple[int, int]) -> tuple[tuple[Zone, float, tuple[int, ...] | None], ...]:
        if self._tree is None:
            return _EMPTY_ENTRIES
        y0, x0 = key[0] * CELL_DEG, key[1] * CELL_DEG
        cell = box(x0, y0, x0 + CELL_DEG, y0 + CELL_DEG)
        idx = self._tree.query(cell)
        if len(idx) == 0:
            return _EMPTY_ENTRIES
        h = _half_diag(key[0])
        lat, lon = y0 + CELL_DEG / 2, x0 + CELL_DEG / 2
        out = []
        for i in sorted(int(j) for j in idx):
            z = self.zones[i]
            reach = self.reach_m(z)
            segs: tuple[int, ...] | None = None
            if z.is_line:
                ds = _segment_distances(z, lat, lon)
                near = [k for k, d in enumerate(ds) if d <= reach + 2 * h]
                if not near:
                    continue
                dc = min(ds)
                segs = tuple(near)
            elif z.is_point:
                dc = haversine_m(lat, lon, z.lat, z.lon)
            elif reach > 0:
                dc = z.signed_distance_m(lat, lon)
            else:  # a polygon asked about containment only: decide by the cell box
                if z.geometry.contains_properly(cell):
                    dc = -math.inf
                elif z.geometry.intersects(cell):
                    dc = 0.0
                else:
                    continue
            if dc - h > reach:
                continue
            out.append((z, dc, segs))
        return tuple(out)


def _half_diag(row: int) -> float:
    lat = max(abs((row + 0.5) * CELL_DEG) - CELL_DEG, 0.0)
    dy = CELL_DEG * M_PER_DEG
    dx = dy * math.cos(min(lat, 89.9) * _DEG)
    return 0.5 * math.hypot(dx, dy) * 1.0001
