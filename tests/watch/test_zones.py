"""Zones: GeoJSON validation with clear errors, and the cell lookup against brute force."""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

import pytest

from aiswatch.watch.geo import polyline_distance_m
from aiswatch.watch.zones import ZoneError, ZoneSet, load_zones, parse_zones
from tests.watch.helpers import box, feature, make_zones


def fc(*features: dict[str, Any]) -> dict[str, Any]:
    return {"type": "FeatureCollection", "features": list(features)}


LINE = {"type": "LineString", "coordinates": [[119.3, 24.0], [119.7, 24.0]]}


@pytest.mark.parametrize(
    ("doc", "message"),
    [
        ({"type": "Feature"}, "not a GeoJSON FeatureCollection"),
        (
            fc({"type": "Feature", "properties": {"kind": "cable"}, "geometry": LINE}),
            "needs a non-empty 'name'",
        ),
        (fc(feature("X", "wreck", LINE)), "'kind' must be one of"),
        (fc(feature("X", "cable", LINE)), "needs 'corridor_m'"),
        (fc(feature("X", "cable", LINE, corridor_m=-5)), "needs 'corridor_m'"),
        (fc(feature("X", "cable", box(0, 0, 1, 1), corridor_m=100)), "a cable is a LineString"),
        (fc(feature("X", "strait", LINE)), "a strait zone is a Polygon"),
        (fc(feature("X", "port", LINE)), "a port is a Point or a Polygon"),
        (
            fc(
                feature(
                    "X",
                    "eez",
                    {"type": "Polygon", "coordinates": [[[0, 0], [2, 2], [2, 0], [0, 2], [0, 0]]]},
                )
            ),
            "invalid polygon",
        ),
        (fc(feature("X", "eez", box(100, 0, 200, 1))), "not a longitude, latitude pair"),
        (
            fc(feature("X", "eez", {"type": "Polygon", "coordinates": "nope"})),
            "bad Polygon geometry",
        ),
        (
            fc(feature("X", "eez", box(0, 0, 1, 1)), feature("X", "eez", box(2, 0, 3, 1))),
            "two zones are named 'X'",
        ),
        (fc(feature("X", "eez", box(0, 0, 1, 1), rules=[1])), "'rules' must be an object"),
    ],
)
def test_bad_geojson_is_a_clear_error(doc: dict[str, Any], message: str) -> None:
    with pytest.raises(ZoneError, match=message):
        parse_zones(doc)


def test_error_names_the_feature(tmp_path: Path) -> None:
    p = tmp_path / "z.geojson"
    p.write_text(
        json.dumps(fc(feature("Good", "eez", box(0, 0, 1, 1)), feature("Bad", "cable", LINE)))
    )
    with pytest.raises(ZoneError, match=r"z.geojson: zone 'Bad' \(feature 1\): a cable needs"):
        load_zones(p)
    p.write_text("{not json")
    with pytest.raises(ZoneError, match="not valid JSON"):
        load_zones(p)


def test_bad_rule_override_is_a_zone_error() -> None:
    from aiswatch.watch import WatchEngine

    zones = make_zones(rules={"cable.loiter_minutes": 5})
    with pytest.raises(ZoneError, match="zone 'Test Cable': bad rule override"):
        WatchEngine(zones)


def test_bundled_zones_load() -> None:
    for name in ("taiwan", "baltic"):
        zs = load_zones(name)
        assert zs.of_kind("cable") and zs.of_kind("port")
        assert all(z.corridor_m > 0 for z in zs.of_kind("cable", "pipeline"))


def test_lookup_matches_brute_force() -> None:
    zs = load_zones("taiwan")
    zs.set_reach({"port": 10000.0, "anchorage": 10000.0, "cable": 9260.0})
    rng = random.Random(7)
    polys = [z for z in zs if not z.is_line and not z.is_point]
    lines = zs.of_kind("cable")
    checked = 0
    for _ in range(4000):
        # points near the zones, where the exact answers change
        z = rng.choice([*polys, *lines])
        x0, y0, x1, y1 = z.geometry.bounds
        lat = rng.uniform(y0 - 0.05, y1 + 0.05)
        lon = rng.uniform(x0 - 0.05, x1 + 0.05)
        place = zs.place(lat, lon)
        inside = {zz.name for zz in place.inside()} if place else set()
        for p in polys:
            assert (p.name in inside) == p.contains(lat, lon), (p.name, lat, lon)
        best = min(
            ((polyline_distance_m(lat, lon, c.coords[0]), c) for c in lines), key=lambda x: x[0]
        )
        hit = place.corridor() if place else None
        if best[0] <= best[1].corridor_m:
            assert hit is not None and hit[0] is best[1] and abs(hit[1] - best[0]) < 1e-6
            checked += 1
        else:
            assert hit is None
        for a in zs.of_kind("anchorage"):
            near = place.near("anchorage", 10000.0) if place else None
            d = a.distance_m(lat, lon)
            if d <= 9990.0:
                assert near is not None
    assert checked > 50


def test_empty_zone_set() -> None:
    zs = ZoneSet()
    assert zs.place(24.0, 119.5) is None and len(zs) == 0
