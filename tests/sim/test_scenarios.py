"""Bundled scenarios and zones, the CLI functions, and realism checks against Natural Earth
(../shared, skipped when absent)."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import numpy as np
import pytest

from aiswatch.sim import drawzones, geo
from aiswatch.sim.cli import list_scenarios, simulate_command
from aiswatch.sim.scenario import load_scenario, parse_duration
from aiswatch.sim.truth import read_truth
from aiswatch.sim.world import build_world
from aiswatch.sim.zones import KINDS, load_zones, zones_dir
from tests.conftest import shared_path


def test_list_scenarios() -> None:
    infos = {s.name: s for s in list_scenarios()}
    assert {"taiwan", "baltic"} <= set(infos)
    assert any("anchor_drift" in i for i in infos["taiwan"].incidents)
    assert any("anchor_drag" in i for i in infos["baltic"].incidents)
    for s in infos.values():
        assert s.duration_s > 0 and s.vessels > 0 and s.title


@pytest.mark.parametrize("name", ["taiwan", "baltic"])
def test_bundled_zones_are_drawn_by_us(name: str) -> None:
    path = zones_dir() / f"{name}.geojson"
    assert path.read_text(encoding="utf-8") == drawzones.render(name)  # in sync with the code
    doc = json.loads(path.read_text(encoding="utf-8"))
    for f in doc["features"]:
        p = f["properties"]
        assert p["name"] and p["kind"] in KINDS and p["source"]
        if f["geometry"]["type"] == "LineString":
            assert p["corridor_m"] > 0
    zones = load_zones(name)
    assert zones.of_kind("cable") and zones.of_kind("port") and zones.of_kind("strait")


def test_durations() -> None:
    assert parse_duration("90min") == 5400
    assert parse_duration("2h30m") == 9000
    assert parse_duration("1d") == 86400
    assert parse_duration(45) == 45
    assert parse_duration("-10s") == -10
    with pytest.raises(ValueError):
        parse_duration("soon")


def test_simulate_command_writes_log_and_truth(tmp_path: Path) -> None:
    out = tmp_path / "t.nmea"
    s = simulate_command("taiwan", out, duration="3h", vessels=5, seed=2)
    assert s.sentences == out.read_bytes().count(b"\n") and s.records <= s.sentences
    assert s.truth == f"{out}.truth.jsonl"
    recs = read_truth(Path(s.truth))
    assert len(recs) == s.truth_records > 0
    for r in recs:
        assert set(r) >= {
            "scenario",
            "kind",
            "expected",
            "mmsi",
            "name",
            "start",
            "end",
            "lon",
            "lat",
            "zone",
        }
        assert (
            r["scenario"] == "taiwan"
            and "2025-02-22T10:00:00Z" <= r["start"] <= r["end"] <= "2025-02-22T13:00:00Z"
        )


def test_simulate_command_errors(tmp_path: Path) -> None:
    with pytest.raises(ValueError):
        simulate_command("taiwan")
    with pytest.raises(FileNotFoundError):
        simulate_command("atlantis", tmp_path / "x.nmea")


def test_custom_scenario_file(tmp_path: Path) -> None:
    toml = tmp_path / "mine.toml"
    toml.write_text(
        'name = "mine"\nstart = 2024-06-01T00:00:00Z\nduration = "30min"\nvessels = 3\nzones = "baltic.geojson"\n'
        '[traffic]\nports = ["Helsinki", "Tallinn"]\nmix = { cargo = 1.0 }\nflags = { 230 = 1.0 }\n'
        '[[receivers]]\nstation = "X"\nlon = 24.9\nlat = 59.8\nrange_nmi = 60\n',
        encoding="utf-8",
    )
    s = simulate_command(str(toml), tmp_path / "m.nmea", seed=1)
    assert s.scenario == "mine" and s.sentences > 0


@pytest.mark.parametrize("name", ["taiwan", "baltic"])
def test_bundled_incident_geometry(name: str) -> None:
    """Ground truth of the full bundled runs, from the tracks (no NMEA needed)."""
    sc = load_scenario(name)
    world = build_world(sc, 0, vessels=0)
    by_id = {r.id: r for r in world.truth}
    if name == "taiwan":
        r = by_id["hong-tai-58"]
        assert r.end - r.start == 8 * 3600 and r.details["max_distance_nm"] < 1.0
        assert "shunxing-39" in by_id and by_id["hong-tai-58-no-anchoring"].zone
    else:
        r = by_id["yi-peng-3"]
        assert 100 <= r.details["drag_km"] <= 250  # "dragged 111 miles (~180 km)"
        assert [c["cable"] for c in r.details["crossings"]] == [
            "BCS East-West Interlink",
            "C-Lion1",
        ]
        assert (
            by_id["eagle-s"].zone == "Estlink 2"
            and by_id["newnew-polar-bear"].zone == "Balticconnector"
        )
    assert all(0 <= r.start <= r.end <= world.duration for r in world.truth)


# ------------------------------------------------------------------ Natural Earth


@pytest.fixture(scope="module")
def land():  # type: ignore[no-untyped-def]
    shapely = pytest.importorskip("shapely")
    from shapely.strtree import STRtree

    base = shared_path("data", "geo", "naturalearth")
    docs = [
        json.loads(gzip.decompress((base / "ne_10m_land.json.gz").read_bytes())),
        json.loads((base / "ne_10m_minor_islands.json").read_text(encoding="utf-8")),
    ]
    geoms = [shapely.geometry.shape(f["geometry"]) for d in docs for f in d["features"]]

    def on_land(lon: np.ndarray, lat: np.ndarray) -> np.ndarray:
        # clip the continents to the points' box first: whole-continent tests are slow
        box = (lon.min() - 1, lat.min() - 1, lon.max() + 1, lat.max() + 1)
        parts = [c for g in geoms if not (c := shapely.clip_by_rect(g, *box)).is_empty]
        shapely.prepare(parts)
        hit = STRtree(parts).query(shapely.points(lon, lat), predicate="intersects")
        out = np.zeros(len(lon), dtype=bool)
        out[hit[0]] = True
        return out

    return on_land


@pytest.mark.parametrize("name", ["taiwan", "baltic"])
def test_traffic_stays_at_sea(name: str, land) -> None:  # type: ignore[no-untyped-def]
    sc = load_scenario(name)
    world = build_world(sc, 4, duration=6 * 3600.0)
    lon, lat = [], []
    for v in world.vessels:
        ts = np.arange(0.0, world.duration, 300.0)
        s = v.track.sample(ts[(ts >= v.track.start) & (ts <= v.track.end)])
        lon.append(s["lon"])
        lat.append(s["lat"])
    x, y = np.concatenate(lon), np.concatenate(lat)
    # the 1:10m coastline is coarse in harbours: a few positions at berths fall inside it
    assert land(x, y).mean() < 0.03
    spoof = sc.incidents
    for inc in spoof:
        if inc["kind"] == "spoof_land":
            assert land(np.array([inc["land"][0]]), np.array([inc["land"][1]]))[0]


OPEN_ENDED = {"TPE (Taiwan segment)"}  # drawn only as far as it leaves the area


@pytest.mark.parametrize("name", ["taiwan", "baltic"])
def test_cable_landings_are_on_the_coast(name: str, land) -> None:  # type: ignore[no-untyped-def]
    for z in load_zones(name):
        if z.kind in ("cable", "pipeline"):
            pts = z.coords[1:-1]
            assert not land(pts[:, 0], pts[:, 1]).any(), z.name  # bends at sea
            ends = [z.coords[0]] if z.name in OPEN_ENDED else [z.coords[0], z.coords[-1]]
            for end in ends:
                ring = [geo.offset(end[0], end[1], b, 1.5) for b in range(0, 360, 30)]
                hits = land(
                    np.array([p[0] for p in ring] + [end[0]]),
                    np.array([p[1] for p in ring] + [end[1]]),
                )
                assert hits.any() and not hits.all(), (z.name, end)  # within ~3 km of the coast
