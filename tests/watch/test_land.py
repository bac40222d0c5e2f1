"""The land mask: bundled, from polygons, and against Natural Earth 10m where ../shared is."""

from __future__ import annotations

import gzip
import json
import random

from aiswatch.watch.land import LandMask, default_land
from tests.conftest import shared_path

PLACES_INLAND = {"Taichung": (24.15, 120.68), "Paris": (48.85, 2.35), "Kaliningrad": (54.71, 20.51),
                 "central Gotland": (57.45, 18.5)}  # fmt: skip
PLACES_AT_SEA = {"Taiwan Strait": (24.0, 119.5), "Oresund": (55.9, 12.7), "Gulf of Finland": (59.9, 26.0),
                 "mid-Atlantic": (30.0, -40.0), "Keelung harbour": (25.15, 121.74)}  # fmt: skip


def test_bundled_mask() -> None:
    land = default_land()
    assert "Natural Earth" in land.source
    for name, (lat, lon) in PLACES_INLAND.items():
        assert land.inland(lat, lon), name
    for name, (lat, lon) in PLACES_AT_SEA.items():
        assert not land.inland(lat, lon), name
    assert land.is_land(-85.0, 0.0)  # Antarctica
    assert not land.inland(25.2, 121.7)  # the coast itself is never inland


def test_far_from_shore() -> None:
    land = default_land()
    assert land.far_from_shore(23.6, 119.3, 20.0) is False  # just west of Penghu
    assert land.far_from_shore(30.0, -40.0, 20.0) is True
    assert land.far_from_shore(24.3, 120.35, 20.0) is False  # 10 nmi off Taiwan


def test_from_polygons() -> None:
    square = [(10.0, 10.0), (12.0, 10.0), (12.0, 12.0), (10.0, 12.0), (10.0, 10.0)]
    m = LandMask.from_polygons([square])
    assert m.inland(11.0, 11.0) and not m.inland(10.01, 11.0) and not m.is_land(9.0, 11.0)


def test_bundled_mask_agrees_with_natural_earth_10m() -> None:
    import numpy as np
    import shapely
    from shapely.geometry import shape

    path = shared_path("data", "geo", "naturalearth", "ne_10m_land.json.gz")
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        doc = json.load(fh)
    geoms = [shape(f["geometry"]) for f in doc["features"]]
    shapely.prepare(geoms)
    rng = random.Random(3)
    pts = [(rng.uniform(-60, 75), rng.uniform(-180, 180)) for _ in range(10000)]
    lats = np.array([p[0] for p in pts])
    lons = np.array([p[1] for p in pts])
    hit = np.zeros(len(pts), dtype=bool)
    for g in geoms:
        hit |= shapely.contains_xy(g, lons, lats)
    mask = default_land()
    inland = np.array([mask.inland(la, lo) for la, lo in pts])
    cell_land = np.array([mask.is_land(la, lo) for la, lo in pts])
    # every inland position is land in the 10m polygons; cells agree with them nearly always
    assert not (inland & ~hit).any()
    assert (cell_land != hit).mean() < 0.01
    assert inland.sum() > 1500
