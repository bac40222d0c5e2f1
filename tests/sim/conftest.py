"""Fixtures for the simulator tests: small, fast runs of scenarios built from the bundled
ones (same zones and receivers, compressed incidents, few background vessels)."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from aiswatch.sim.engine import Engine, World
from aiswatch.sim.scenario import Scenario, load_scenario, parse_scenario, resolve
from aiswatch.sim.world import build_world
from tests.sim.helpers import Rx, read_file, read_log, select_mmsi


def mini(name: str, incidents: list[dict[str, Any]], *, duration: str, vessels: int) -> Scenario:
    """A bundled scenario with its incidents, duration and vessel count replaced."""
    path = resolve(name)
    doc = tomllib.loads(path.read_text(encoding="utf-8"))
    doc.update(duration=duration, vessels=vessels, incidents=incidents)
    return parse_scenario(doc, path)


def run(world: World, seed: int, path: Path) -> None:
    with open(path, "wb") as f:
        for chunk in Engine(world, seed).run():
            f.write(chunk.data())


@dataclass
class Run:
    scenario: Scenario
    world: World
    path: Path
    msgs: list[Rx]
    aliases: dict[str, str] = field(default_factory=dict)  # test id -> scenario id

    def truth(self, rid: str) -> Any:
        rid = self.aliases.get(rid, rid)
        for r in self.world.truth:
            if r.id == rid:
                return r
        raise KeyError(rid)

    def epoch(self, t: float) -> float:
        return self.world.start_epoch + t


TAIWAN_INCIDENTS: list[dict[str, Any]] = [
    {
        "kind": "anchor_drift",
        "id": "hong-tai-58",
        "mmsi": 671000058,
        "name": "HONG TAI 58",
        "profile": "cargo",
        "cable": "Taiwan-Penghu No.3",
        "site": [120.028, 23.286],
        "approach_from": [119.9, 23.15],
        "at": "30min",
        "loiter": "45min",
        "duration": "3h",
        "drift_kn": 0.5,
        "amplitude_nm": 0.4,
        "depart_to": [119.95, 22.9],
    },
    {
        "kind": "shared_mmsi",
        "id": "shared",
        "mmsi": 671000058,
        "at": "1h",
        "duration": "3h",
        "ships": [
            {
                "name": "HONG TAI 16",
                "route": [[118.25, 24.15], [118.7, 23.8], [119.1, 23.45]],
                "speed_kn": 9.0,
            },
            {
                "name": "HUNG TAI",
                "route": [[120.3, 25.75], [120.9, 25.55], [121.4, 25.42]],
                "speed_kn": 8.0,
            },
        ],
    },
    {
        "kind": "mmsi_swap",
        "id": "shunxing-39",
        "centre": [121.64, 25.415],
        "at": "2h",
        "cable": "TPE (Taiwan segment)",
        "old": {"mmsi": 613003889, "name": "SHUN XING 39"},
        "new": {"mmsi": 677087200, "name": "XING SHUN 39", "imo": 8358427},
    },
    {
        "kind": "name_change",
        "id": "renamed",
        "mmsi": 538009911,
        "profile": "tanker",
        "name_before": "OCEAN LOTUS",
        "name_after": "LOTUS 8",
        "callsign_after": "V7LT8",
        "route": [[120.15, 22.45], [119.6, 22.95], [118.9, 23.7]],
        "speed_kn": 11.5,
        "at": "1h30m",
    },
    {
        "kind": "spoof_land",
        "id": "on-land",
        "mmsi": 477801060,
        "profile": "container",
        "route": [[120.35, 24.35], [120.05, 23.75], [119.98, 23.2]],
        "speed_kn": 15.0,
        "at": "1h",
        "duration": "30min",
        "land": [120.68, 24.15],
    },
    {
        "kind": "encounter",
        "id": "sts",
        "site": [119.55, 24.02],
        "at": "1h30m",
        "duration": "2h30m",
        "separation_m": 150.0,
        "a": {
            "profile": "tanker",
            "mmsi": 477287474,
            "name": "PACIFIC MIRACLE",
            "from": [118.7, 23.3],
            "to": [118.2, 24.3],
        },
        "b": {
            "profile": "tanker",
            "mmsi": 416965624,
            "name": "SEA HARMONY 7",
            "from": [120.3, 25.3],
            "to": [120.25, 22.5],
        },
    },
]

BALTIC_INCIDENTS: list[dict[str, Any]] = [
    {
        "kind": "anchor_drag",
        "id": "yi-peng-3",
        "mmsi": 414270000,
        "name": "YI PENG 3",
        "route": [[20.8, 56.3], [19.8, 56.8], [18.9, 56.95], [18.6, 56.7]],
        "cables": ["BCS East-West Interlink", "C-Lion1"],
        "at": "30min",
        "speed_kn": 10.0,
        "drag_kn": 7.0,
        "crossing_kn": 3.0,
        "crossing_min": 15,
        "drop_before_nm": 5,
        "drag_after_nm": 4,
        "gap_after": "2h",
        "gap": "30min",
        "drift": "30min",
    },
    {
        "kind": "reporting_gap",
        "id": "eagle-s",
        "mmsi": 518998865,
        "name": "EAGLE S",
        "profile": "tanker",
        "cable": "Estlink 2",
        "route": [[27.6, 59.93], [26.8, 59.93], [25.8, 59.88], [24.9, 59.74]],
        "at": "1h30m",
        "gap": "90min",
        "gap_nmi": 3.0,
    },
    {
        "kind": "speed_drop",
        "id": "polar-bear",
        "mmsi": 477000001,
        "name": "NEWNEW POLAR BEAR",
        "profile": "container",
        "cable": "Balticconnector",
        "route": [[22.7, 59.45], [23.5, 59.6], [24.4, 59.76], [25.4, 59.88]],
        "speed_kn": 11.0,
        "drop_kn": 9.0,
        "drop_min": 6,
        "at": "2h",
    },
    {
        "kind": "spoof_circle",
        "id": "circle",
        "mmsi": 275976959,
        "profile": "tanker",
        "route": [[18.9, 54.55], [19.1, 54.8], [19.4, 55.4], [20.0, 56.2]],
        "speed_kn": 12.0,
        "at": "1h",
        "duration": "1h",
        "centre": [19.25, 54.95],
        "radius_nm": 1.0,
        "circle_kn": 8.0,
    },
    {
        "kind": "spoof_jump",
        "id": "jump",
        "mmsi": 275474663,
        "route": [[23.0, 59.47], [24.5, 59.8], [26.0, 59.93]],
        "speed_kn": 12.0,
        "start": "2h",
        "at": "2h30m",
        "duration": "1h",
        "burst": "5min",
        "target": [20.51, 54.71],
    },
    {
        "kind": "strait_transit",
        "id": "oresund",
        "mmsi": 220852662,
        "strait": "Oresund",
        "route": [
            [12.3, 56.3],
            [12.58, 56.12],
            [12.66, 56.02],
            [12.64, 55.93],
            [12.7, 55.84],
            [12.78, 55.76],
            [12.86, 55.6],
            [12.86, 55.48],
            [12.75, 55.36],
            [12.9, 55.15],
            [13.4, 54.9],
        ],
        "speed_kn": 12.0,
        "at": "0h",
    },
]


@pytest.fixture(scope="session")
def taiwan_run(tmp_path_factory: pytest.TempPathFactory) -> Run:
    sc = mini("taiwan", TAIWAN_INCIDENTS, duration="5h", vessels=6)
    world = build_world(sc, 7)
    path = tmp_path_factory.mktemp("sim") / "taiwan-mini.nmea"
    run(world, 7, path)
    return Run(sc, world, path, read_file(path))


@pytest.fixture(scope="session")
def baltic_run(tmp_path_factory: pytest.TempPathFactory) -> Run:
    sc = mini("baltic", BALTIC_INCIDENTS, duration="6h30m", vessels=4)
    world = build_world(sc, 11)
    path = tmp_path_factory.mktemp("sim") / "baltic-mini.nmea"
    run(world, 11, path)
    return Run(sc, world, path, read_file(path))


BUNDLED_ALIASES = {
    "taiwan": {
        "shared": "hong-tai-58-shared-mmsi",
        "renamed": "renamed-tanker",
        "on-land": "spoof-on-land",
        "sts": "sts-strait",
    },
    "baltic": {
        "polar-bear": "newnew-polar-bear",
        "circle": "spoof-circle",
        "jump": "spoof-jump",
        "oresund": "oresund-transit",
    },
}


def bundled_run(name: str, path: Path) -> Run:
    """The whole bundled scenario without background traffic; only the messages of the
    incident MMSIs are decoded."""
    sc = load_scenario(name)
    world = build_world(sc, 1, vessels=0)
    run(world, 1, path)
    mmsis = {m for r in world.truth for m in r.mmsi}
    with open(path, "rb") as f:
        msgs, reader = read_log(select_mmsi(f, mmsis))
    assert reader.stats.error_count == 0
    return Run(sc, world, path, msgs, BUNDLED_ALIASES[name])


@pytest.fixture(scope="session")
def bundled_taiwan(tmp_path_factory: pytest.TempPathFactory) -> Run:
    return bundled_run("taiwan", tmp_path_factory.mktemp("sim") / "taiwan.nmea")


@pytest.fixture(scope="session")
def bundled_baltic(tmp_path_factory: pytest.TempPathFactory) -> Run:
    return bundled_run("baltic", tmp_path_factory.mktemp("sim") / "baltic.nmea")
