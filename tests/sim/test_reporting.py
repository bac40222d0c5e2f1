"""Reporting intervals (ITU-R M.1371-5 Tables 1 and 2, static data, base stations, AtoN)
checked statistically on hand-built vessels under a receiver that hears everything."""

from __future__ import annotations

import math
from collections import defaultdict

import numpy as np
import pytest

from aiswatch.sim import geo
from aiswatch.sim.engine import Aton, Engine, World
from aiswatch.sim.reception import Network, Receiver
from aiswatch.sim.reporting import interval_a, interval_b
from aiswatch.sim.vessel import (
    AT_ANCHOR,
    MOORED,
    PROFILES,
    Static,
    TrackBuilder,
    Transponder,
    Vessel,
)
from tests.sim.helpers import read_log, unique

START = 1_740_000_000.0
HOURS = 3.0


def _vessel(label: str, mmsi: int, cls: str, builder: TrackBuilder) -> Vessel:
    track = builder.build()
    tp = Transponder(
        mmsi,
        cls,
        track,
        [(-math.inf, Static(name=label.upper(), shiptype=70 if cls == "A" else 37))],
    )
    tp.mix = (1.0, 0.0, 0.0)
    return Vessel(label, "test", track, [tp])


def _straight(speed: float, lat: float) -> TrackBuilder:
    b = TrackBuilder(-60.0, 20.0, lat)
    end = geo.offset(20.0, lat, 90.0, speed * (HOURS + 1))
    return b.to(*end, speed)


def _zigzag(speed: float) -> TrackBuilder:
    b = TrackBuilder(-60.0, 21.0, 55.0)
    return b.zigzag((21.0, 55.0), 0.0, 2.0, 2.0, (HOURS + 1) * 3600, speed, drift_nm=20.0)


@pytest.fixture(scope="module")
def by_vessel() -> dict[int, dict[int, list[float]]]:
    rng = np.random.default_rng(0)
    vessels = [
        _vessel("a12", 1, "A", _straight(12.0, 55.1)),
        _vessel("a18", 2, "A", _straight(18.0, 55.2)),
        _vessel("a26", 3, "A", _straight(26.0, 55.3)),
        _vessel("turning", 4, "A", _zigzag(12.0)),
        _vessel(
            "anchor",
            5,
            "A",
            TrackBuilder(-60.0, 20.5, 55.5).stay(
                (HOURS + 1) * 3600, AT_ANCHOR, swing_m=150, rng=rng
            ),
        ),
        _vessel("moored", 6, "A", TrackBuilder(-60.0, 20.6, 55.5).stay((HOURS + 1) * 3600, MOORED)),
        _vessel("b6", 7, "B", _straight(6.0, 55.4)),
        _vessel("bslow", 8, "B", TrackBuilder(-60.0, 20.7, 55.5).stay((HOURS + 1) * 3600, MOORED)),
    ]
    rx = Receiver("rALL", 20.5, 55.3, range_nm=2000.0, p_near=1.0, base_mmsi=2190001)
    world = World(
        "intervals",
        START,
        HOURS * 3600,
        vessels,
        Network((rx,), late_share=0.0),
        atons=[Aton(992191001, "TEST MARK", 20.4, 55.3)],
    )
    data = b"".join(c.data() for c in Engine(world, 5).run())
    msgs, reader = read_log(data.splitlines(keepends=True))
    assert reader.stats.error_count == 0
    out: dict[int, dict[int, list[float]]] = defaultdict(lambda: defaultdict(list))
    for m in unique(msgs):
        key = m.type if m.type != 24 else 240 + int(m.msg["partno"])
        out[m.mmsi][key].append(m.time)
    return out


def _intervals(times: list[float]) -> np.ndarray:
    return np.diff(np.sort(np.array(times)))


@pytest.mark.parametrize(("mmsi", "want"), [(1, 10.0), (2, 6.0), (3, 2.0), (5, 180.0), (6, 180.0)])
def test_class_a_intervals(
    by_vessel: dict[int, dict[int, list[float]]], mmsi: int, want: float
) -> None:
    d = _intervals(by_vessel[mmsi][1])
    assert len(d) > 10
    # receive times are whole seconds plus up to 0.6 s latency: the mean is exact, each
    # interval within a second
    assert np.median(d) == pytest.approx(want, abs=1.0)
    assert d.mean() == pytest.approx(want, rel=0.05)


def test_class_a_turning_reports_faster(by_vessel: dict[int, dict[int, list[float]]]) -> None:
    d = _intervals(by_vessel[4][1])
    fast = d[d <= 4.5]
    assert len(fast) > 20  # 3 1/3 s while changing course
    assert fast.mean() == pytest.approx(10 / 3, abs=0.4)
    assert np.median(d[d > 5]) == pytest.approx(10.0, abs=1.0)  # 10 s on the straight legs


@pytest.mark.parametrize(("mmsi", "want"), [(7, 30.0), (8, 180.0)])
def test_class_b_intervals(
    by_vessel: dict[int, dict[int, list[float]]], mmsi: int, want: float
) -> None:
    d = _intervals(by_vessel[mmsi][18])
    assert len(d) > 10
    assert np.median(d) == pytest.approx(want, abs=1.0)


def test_static_data_every_six_minutes(by_vessel: dict[int, dict[int, list[float]]]) -> None:
    for mmsi in (1, 2, 5):
        assert np.median(_intervals(by_vessel[mmsi][5])) == pytest.approx(360.0, abs=1.0)
    for part in (240, 241):
        assert np.median(_intervals(by_vessel[7][part])) == pytest.approx(360.0, abs=1.0)


def test_base_station_and_aton_intervals(by_vessel: dict[int, dict[int, list[float]]]) -> None:
    assert np.median(_intervals(by_vessel[2190001][4])) == pytest.approx(10.0, abs=1.0)
    assert np.median(_intervals(by_vessel[992191001][21])) == pytest.approx(180.0, abs=1.0)


def test_interval_tables() -> None:
    sog = np.array([0.0, 2.0, 5.0, 13.9, 15.0, 22.0, 25.0, 5.0, 18.0, 30.0, 4.0])
    status = np.array([1, 5, 0, 0, 0, 0, 0, 0, 0, 0, 1])
    turning = np.array([0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 0], dtype=bool)
    assert list(interval_a(sog, status, turning)) == pytest.approx(
        [180, 180, 10, 10, 6, 6, 2, 10 / 3, 2, 2, 10]
    )
    assert list(interval_b(np.array([0.0, 2.0, 2.1, 20.0]))) == [180, 180, 30, 30]
    assert PROFILES["leisure"].cls == "B"
