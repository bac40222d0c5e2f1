"""Zones of a scenario, read from the bundled GeoJSON: cables and pipelines (lines with a
corridor), straits, anchorages and no-anchoring areas (polygons), ports (points).

Every feature carries ``name``, ``kind`` and ``source`` properties; lines carry
``corridor_m`` (half-width of the protected corridor).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from aiswatch.sim import geo

F64 = npt.NDArray[np.float64]

KINDS = frozenset({"cable", "pipeline", "strait", "anchorage", "port", "no_anchoring"})


@dataclass(frozen=True)
class Zone:
    name: str
    kind: str
    geometry: str  # "Point", "LineString" or "Polygon"
    coords: F64  # (n, 2) lon, lat; a polygon's outer ring
    corridor_m: float = 0.0
    source: str = ""

    @property
    def point(self) -> tuple[float, float]:
        if self.geometry == "Point":
            return float(self.coords[0, 0]), float(self.coords[0, 1])
        return float(self.coords[:, 0].mean()), float(self.coords[:, 1].mean())

    def distance_nm(self, lon: npt.ArrayLike, lat: npt.ArrayLike) -> F64:
        """Distance from points to the zone (0 inside a polygon)."""
        if self.geometry == "Point":
            return geo.dist_nm(lon, lat, self.coords[0, 0], self.coords[0, 1])
        d = geo.distance_to_polyline_nm(lon, lat, self.coords)
        if self.geometry == "Polygon":
            d = np.where(self.contains(lon, lat), 0.0, d)
        return d

    def contains(self, lon: npt.ArrayLike, lat: npt.ArrayLike) -> npt.NDArray[np.bool_]:
        if self.geometry != "Polygon":
            return np.zeros(np.shape(np.atleast_1d(lon)), dtype=bool)
        return geo.point_in_polygon(lon, lat, self.coords)


@dataclass(frozen=True)
class Zones:
    zones: tuple[Zone, ...]

    def __iter__(self) -> Iterator[Zone]:
        return iter(self.zones)

    def __len__(self) -> int:
        return len(self.zones)

    def get(self, name: str) -> Zone:
        for z in self.zones:
            if z.name == name:
                return z
        raise KeyError(f"no zone named {name!r} (known: {', '.join(z.name for z in self.zones)})")

    def of_kind(self, kind: str) -> list[Zone]:
        return [z for z in self.zones if z.kind == kind]


def parse_zones(doc: dict[str, Any]) -> Zones:
    out = []
    for feat in doc.get("features", []):
        props = feat.get("properties") or {}
        g = feat["geometry"]
        gtype = g["type"]
        if gtype == "Point":
            coords = np.array([g["coordinates"]], dtype=np.float64)
        elif gtype == "LineString":
            coords = np.array(g["coordinates"], dtype=np.float64)
        elif gtype == "Polygon":
            coords = np.array(g["coordinates"][0], dtype=np.float64)
        else:
            raise ValueError(f"unsupported zone geometry {gtype}")
        kind = str(props.get("kind", ""))
        if kind not in KINDS:
            raise ValueError(f"zone {props.get('name')!r}: unknown kind {kind!r}")
        out.append(
            Zone(
                str(props["name"]),
                kind,
                gtype,
                coords,
                float(props.get("corridor_m", 0.0)),
                str(props.get("source", "")),
            )
        )
    return Zones(tuple(out))


def zones_dir() -> Path:
    return Path(str(resources.files("aiswatch") / "data" / "zones"))


def load_zones(name_or_path: str | Path) -> Zones:
    """Zones from a bundled name (``taiwan``) or a GeoJSON path."""
    p = Path(name_or_path)
    if not p.suffix:
        p = zones_dir() / f"{name_or_path}.geojson"
    return parse_zones(json.loads(p.read_text(encoding="utf-8")))
