"""Each incident's signature (../shared/incidents.md) is in the NMEA output, read back through
our reader and decoder, at the times its ground truth states."""

from __future__ import annotations

import numpy as np
import pytest

from aiswatch.sim import geo
from aiswatch.sim.scenario import parse_duration
from tests.sim.conftest import Run
from tests.sim.helpers import track, unique


def _window(tr: dict[str, np.ndarray], t0: float, t1: float) -> dict[str, np.ndarray]:
    m = (tr["t"] >= t0) & (tr["t"] <= t1)
    return {k: v[m] for k, v in tr.items()}


def _near(tr: dict[str, np.ndarray], lon: float, lat: float, nm: float) -> dict[str, np.ndarray]:
    m = geo.dist_nm(tr["lon"], tr["lat"], lon, lat) <= nm
    return {k: v[m] for k, v in tr.items()}


def _names(run: Run, mmsi: int) -> list[tuple[float, str]]:
    return [(m.time, m.msg["shipname"]) for m in unique(run.msgs) if m.mmsi == mmsi and m.type == 5]


# ------------------------------------------------------------------ Taiwan incidents


def test_anchor_drift_over_cable(taiwan_run: Run) -> None:
    """Hong Tai 58: at anchor, under 1 kn, within 1 nmi of the cable, zigzagging across
    it, for the stated hours (positions of the same MMSI elsewhere are other ships)."""
    r = taiwan_run.truth("hong-tai-58")
    assert r.kind == "anchor_drift" and r.expected == "cable_loitering"
    spec = next(i for i in taiwan_run.scenario.incidents if i["kind"] == "anchor_drift")
    assert r.end - r.start == pytest.approx(
        parse_duration(spec["duration"]), abs=60
    )  # stated hours
    cable = taiwan_run.scenario.zones.get("Taiwan-Penghu No.3")
    tr = _near(track(taiwan_run.msgs, 671000058), r.lon, r.lat, 10.0)
    w = _window(tr, taiwan_run.epoch(r.start), taiwan_run.epoch(r.end))
    assert len(w["t"]) >= 3 * 3600 / 180 * 0.8  # every 3 min at anchor
    assert w["t"][0] - taiwan_run.epoch(r.start) < 400
    assert taiwan_run.epoch(r.end) - w["t"][-1] < 400
    assert np.diff(w["t"]).max() < 15 * 60
    assert (cable.distance_nm(w["lon"], w["lat"]) < 1.0).all()
    assert (w["sog"] < 1.0).all()
    assert (w["status"] == 1).all()
    # zigzag back and forth across the cable: the side of the cable changes many times
    cx, cy = cable.coords[0]
    dx, dy = cable.coords[-1] - cable.coords[0]
    side = np.sign((w["lon"] - cx) * dy - (w["lat"] - cy) * dx)
    assert (np.diff(side) != 0).sum() >= 2
    # loitering first, under way near the cable, inside the no-anchoring area
    before = _window(tr, taiwan_run.epoch(r.start - 40 * 60), taiwan_run.epoch(r.start - 60))
    assert len(before["t"]) > 50
    assert (cable.distance_nm(before["lon"], before["lat"]) < 1.0).all()
    assert 0.5 < np.median(before["sog"]) < 2.5
    zone = taiwan_run.scenario.zones.get("Taiwan-Penghu No.3 no-anchoring area")
    assert zone.contains(w["lon"], w["lat"]).mean() > 0.95
    assert taiwan_run.truth("hong-tai-58-no-anchoring").expected == "no_anchoring_violation"


def test_mmsi_swap(taiwan_run: Run) -> None:
    """Shunxing-39: one MMSI stops, another appears about a minute later within 50 m."""
    r = taiwan_run.truth("shunxing-39")
    old = track(taiwan_run.msgs, 613003889)
    new = track(taiwan_run.msgs, 677087200)
    t_swap = taiwan_run.epoch(r.start)
    assert old["t"].max() <= t_swap + 2
    assert new["t"].min() >= t_swap
    gap = new["t"].min() - old["t"].max()
    assert 45 <= gap <= 90
    d_m = (
        float(geo.haversine_nm(old["lon"][-1], old["lat"][-1], new["lon"][0], new["lat"][0]))
        * geo.NM_M
    )
    assert d_m < 50
    assert {n for _, n in _names(taiwan_run, 613003889)} == {"SHUN XING 39"}
    assert {n for _, n in _names(taiwan_run, 677087200)} == {"XING SHUN 39"}
    imos = {m.msg["imo"] for m in taiwan_run.msgs if m.mmsi == 677087200 and m.type == 5}
    assert imos == {8358427}
    # loitering by the cable before and after
    cable = taiwan_run.scenario.zones.get("TPE (Taiwan segment)")
    both = np.concatenate((old["lon"], new["lon"])), np.concatenate((old["lat"], new["lat"]))
    assert np.median(cable.distance_nm(*both)) < 3.0
    assert np.median(np.concatenate((old["sog"], new["sog"]))) < 3.0


def test_shared_mmsi(taiwan_run: Run) -> None:
    r = taiwan_run.truth("shared")
    t0, t1 = taiwan_run.epoch(r.start), taiwan_run.epoch(r.end)
    names = {n for t, n in _names(taiwan_run, 671000058) if t0 <= t <= t1}
    assert {"HONG TAI 58", "HONG TAI 16", "HUNG TAI"} <= names
    tr = _window(track(taiwan_run.msgs, 671000058), t0, t1)
    # reports of the one MMSI a few minutes apart are tens of miles apart
    jumps = geo.dist_nm(tr["lon"][:-1], tr["lat"][:-1], tr["lon"][1:], tr["lat"][1:])
    dt_h = np.diff(tr["t"]) / 3600
    assert ((jumps > 50) & (dt_h < 0.1)).sum() > 10


def test_name_change(taiwan_run: Run) -> None:
    r = taiwan_run.truth("renamed")
    at = taiwan_run.epoch(r.start)
    seen = _names(taiwan_run, 538009911)
    assert {n for t, n in seen if t < at} == {"OCEAN LOTUS"}
    after = [(t, n) for t, n in seen if t >= at]
    assert {n for _, n in after} == {"LOTUS 8"}
    assert after[0][0] - at <= 12 * 60  # the next static report, or the one after a miss
    calls = {
        m.msg["callsign"]
        for m in taiwan_run.msgs
        if m.mmsi == 538009911 and m.type == 5 and m.time > at
    }
    assert calls == {"V7LT8"}


def test_spoof_on_land(taiwan_run: Run) -> None:
    r = taiwan_run.truth("on-land")
    land = (120.68, 24.15)
    tr = track(taiwan_run.msgs, 477801060)
    w = _window(tr, taiwan_run.epoch(r.start) + 2, taiwan_run.epoch(r.end) - 2)
    assert len(w["t"]) > 50
    assert (geo.dist_nm(w["lon"], w["lat"], *land) < 0.1).all()
    rest = _window(tr, taiwan_run.epoch(r.start - 1800), taiwan_run.epoch(r.start - 10))
    assert (geo.dist_nm(rest["lon"], rest["lat"], *land) > 10).all()


def test_encounter(taiwan_run: Run) -> None:
    r = taiwan_run.truth("sts")
    a, b = (
        _window(
            track(taiwan_run.msgs, m), taiwan_run.epoch(r.start) + 30, taiwan_run.epoch(r.end) - 30
        )
        for m in r.mmsi
    )  # clear of the edges, where a report stamped a second late may be from under way
    assert len(a["t"]) > 100 and len(b["t"]) > 100
    # pair each report of a with b's nearest in time
    k = np.clip(np.searchsorted(b["t"], a["t"]), 0, len(b["t"]) - 1)
    close = np.abs(b["t"][k] - a["t"]) < 15
    d_m = (
        geo.haversine_nm(a["lon"][close], a["lat"][close], b["lon"][k][close], b["lat"][k][close])
        * geo.NM_M
    )
    assert close.sum() > 50
    assert d_m.max() < 500 and np.median(d_m) < 300
    assert (a["sog"] < 2).all() and (b["sog"] < 2).all()
    assert r.end - r.start >= 2 * 3600
    for z in taiwan_run.scenario.zones.of_kind("anchorage"):
        assert (z.distance_nm(a["lon"], a["lat"]) * geo.NM_M > 10_000).all()


# ------------------------------------------------------------------ Baltic incidents


def test_anchor_drag(baltic_run: Run) -> None:
    """Yi Peng 3: slower under way after the anchor drops, slowing with course changes at
    each cable crossing, silent for part of it, drifting back and forth at the end."""
    r = baltic_run.truth("yi-peng-3")
    tr = track(baltic_run.msgs, 414270000)
    e = baltic_run.epoch
    before = _window(tr, e(r.start - 1800), e(r.start - 60))
    drag = _window(tr, e(r.start + 120), e(r.end - 60))
    assert np.median(before["sog"]) > 9.0
    assert 5.0 < np.median(drag["sog"]) < 7.5 and drag["sog"].max() < 7.6
    assert r.details["drag_km"] > 50
    for k, cable in enumerate(("BCS East-West Interlink", "C-Lion1"), 1):
        c = baltic_run.truth(f"yi-peng-3-crossing-{k}")
        assert c.zone == cable
        w = _window(tr, e(c.start + 30), e(c.end - 30))
        assert len(w["t"]) > 20
        assert (w["sog"] < 3.5).all()
        turns = np.abs(geo.angle_diff(w["cog"][:-1], w["cog"][1:]))
        assert (np.abs(geo.angle_diff(w["cog"].min(), w["cog"].max())) > 20) or turns.sum() > 40
        z = baltic_run.scenario.zones.get(cable)
        assert z.distance_nm(w["lon"], w["lat"]).min() < 0.2
    g = baltic_run.truth("yi-peng-3-gap")
    assert g.expected == "ais_gap"
    assert len(_window(tr, e(g.start + 1), e(g.end - 1))["t"]) == 0
    # heard on both sides of the silence (the area is at the edge of coverage)
    assert len(_window(tr, e(g.start - 1200), e(g.start))["t"]) > 0
    assert len(_window(tr, e(g.end), e(g.end + 1200))["t"]) > 0
    drift = _window(tr, e(r.end + 60), e(r.end + 1700))
    assert (drift["sog"] < 1.5).all()


def test_reporting_gap_over_cable(baltic_run: Run) -> None:
    """Eagle S: 8.5 kn, then 6.3 kn, then silent over the cable for 1.5 h, then 7.5 kn."""
    r = baltic_run.truth("eagle-s")
    tr = track(baltic_run.msgs, 518998865)
    t0, t1 = baltic_run.epoch(r.start), baltic_run.epoch(r.end)
    assert len(_window(tr, t0 + 1, t1 - 1)["t"]) == 0
    last = _window(tr, t0 - 120, t0)
    first = _window(tr, t1, t1 + 120)
    assert len(last["t"]) and len(first["t"])
    assert np.median(last["sog"]) == pytest.approx(6.3, abs=0.3)
    assert np.median(first["sog"]) == pytest.approx(7.5, abs=0.3)
    assert np.median(_window(tr, t0 - 3 * 3600, t0 - 45 * 60)["sog"]) == pytest.approx(8.5, abs=0.3)
    cable = baltic_run.scenario.zones.get("Estlink 2")
    hop = np.array([[last["lon"][-1], last["lat"][-1]], [first["lon"][0], first["lat"][0]]])
    assert geo.crossings(hop, cable.coords)  # the silence spans the crossing
    assert float(geo.dist_nm(*hop[0], *hop[1])) == pytest.approx(3.0, abs=0.5)


def test_speed_drop_at_cable(baltic_run: Run) -> None:
    """NewNew Polar Bear: a 15-30 % speed drop for 5-35 minutes at the pipeline."""
    r = baltic_run.truth("polar-bear")
    tr = track(baltic_run.msgs, 477000001)
    e = baltic_run.epoch
    base = np.median(_window(tr, e(r.start - 3600), e(r.start - 120))["sog"])
    around = _window(tr, e(r.start - 3600), e(r.end + 3600))
    slow = around["sog"] < 0.9 * base
    ts = around["t"][slow]
    minutes = (ts.max() - ts.min()) / 60
    drop = 1 - np.median(around["sog"][slow]) / base
    assert 5 <= minutes + 10 / 60 <= 35
    assert 0.15 <= drop <= 0.30
    cable = baltic_run.scenario.zones.get("Balticconnector")
    assert cable.distance_nm(around["lon"][slow], around["lat"][slow]).max() < 1.0
    assert np.median(_window(tr, e(r.end + 120), e(r.end + 3600))["sog"]) == pytest.approx(
        base, abs=0.3
    )


def test_spoof_circle(baltic_run: Run) -> None:
    r = baltic_run.truth("circle")
    w = _window(
        track(baltic_run.msgs, 275976959),
        baltic_run.epoch(r.start) + 2,
        baltic_run.epoch(r.end) - 2,
    )  # receive times are whole seconds after the transmission: keep clear of the edges
    cx, cy = r.details["centre"]
    d = geo.dist_nm(w["lon"], w["lat"], cx, cy)
    assert len(d) > 100
    assert np.abs(d - r.details["radius_nm"]).max() < 0.05
    ang = np.unwrap(np.arctan2((w["lon"] - cx) * np.cos(np.radians(cy)), w["lat"] - cy))
    assert abs(ang[-1] - ang[0]) >= 2 * np.pi  # at least one full turn


def test_spoof_jump(baltic_run: Run) -> None:
    r = baltic_run.truth("jump")
    w = _window(
        track(baltic_run.msgs, 275474663), baltic_run.epoch(r.start), baltic_run.epoch(r.end)
    )
    at_target = geo.dist_nm(w["lon"], w["lat"], *r.details["target"]) < 1.0
    assert 0.2 < at_target.mean() < 0.8
    hops = geo.dist_nm(w["lon"][:-1], w["lat"][:-1], w["lon"][1:], w["lat"][1:])
    assert (hops > 100).sum() >= 4


def test_strait_transit(baltic_run: Run) -> None:
    r = baltic_run.truth("oresund")
    strait = baltic_run.scenario.zones.get("Oresund")
    tr = track(baltic_run.msgs, 220852662)
    inside = strait.contains(tr["lon"], tr["lat"])
    t_in = tr["t"][inside]
    assert t_in.min() == pytest.approx(baltic_run.epoch(r.start), abs=120)
    assert t_in.max() == pytest.approx(baltic_run.epoch(r.end), abs=120)
    assert not inside[tr["t"] < baltic_run.epoch(r.start) - 120].any()
    assert not inside[tr["t"] > baltic_run.epoch(r.end) + 120].any()


def test_truth_records_are_complete(taiwan_run: Run, baltic_run: Run) -> None:
    kinds = {r.kind for run in (taiwan_run, baltic_run) for r in run.world.truth}
    assert kinds >= {
        "anchor_drift",
        "speed_drop",
        "anchor_drag",
        "reporting_gap",
        "mmsi_swap",
        "shared_mmsi",
        "name_change",
        "spoof_land",
        "spoof_circle",
        "spoof_jump",
        "encounter",
        "strait_transit",
    }
    for run in (taiwan_run, baltic_run):
        for r in run.world.truth:
            doc = r.as_json(run.scenario.name, run.world.start_epoch)
            assert doc["start"] <= doc["end"] and doc["start"].endswith("Z")
            assert doc["mmsi"] and doc["expected"] and doc["kind"]
