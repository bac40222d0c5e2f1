"""Spoofing on hand-made tracks: jumps, positions on land, circles, shared MMSIs, bad MMSIs."""

from __future__ import annotations

import math
from collections.abc import Callable

from aiswatch.vessels.model import PositionReport
from aiswatch.watch.detectors.spoofing import fit_circle
from tests.watch.helpers import SEA, T0, merge, offset, only, run, sail, static

M = 371000004
LAND = (24.15, 120.68)  # Taichung, inland


def _route(t0: float, hours: float, kn: float = 12.0) -> list[PositionReport]:
    a = SEA
    b = offset(*a, 200.0, kn * 1852.0 * hours)
    return sail(M, t0, [a, b], kn)


def _replace(
    reps: list[PositionReport], t0: float, t1: float,
    fake: Callable[[float], tuple[float, float] | None],
) -> list[PositionReport]:  # fmt: skip
    """The reports with positions in [t0, t1) replaced by ``fake(time)`` where it gives one."""
    out = []
    for r in reps:
        p = fake(r.time) if t0 <= r.time < t1 else None
        if p is not None:
            r = PositionReport(r.mmsi, r.time, p[0], p[1], r.sog, r.cog, None, r.status)
        out.append(r)
    return out


def test_jumps_away_and_back() -> None:
    reps = _route(T0, 3.0)
    target = (22.5, 121.5)  # far away at sea
    # every other 5 minutes between T0+1h and T0+2h the position is elsewhere
    reps = _replace(reps, T0 + 3600, T0 + 7200,
                    lambda t: target if int((t - T0 - 3600) // 300) % 2 else None)  # fmt: skip
    alerts = run([static(M, T0 - 60, "JUMPER"), *reps])
    jumps = only(alerts, "position_jump")
    assert len(jumps) == 1
    a = jumps[0]
    assert a.details["jumps"] == 6
    assert T0 + 3600 <= a.start <= T0 + 3900
    assert a.end <= T0 + 7300
    assert "and back, 6 times" in a.summary
    assert only(alerts, "mmsi_conflict") == [] and only(alerts, "position_on_land") == []


def test_positions_on_land_after_a_jump() -> None:
    reps = _route(T0, 3.0)
    reps = _replace(reps, T0 + 3600, T0 + 3600 + 2700, lambda t: LAND)
    alerts = run([static(M, T0 - 60, "LANDLUBBER"), *reps])
    land = only(alerts, "position_on_land")
    assert len(land) == 1
    assert abs(land[0].start - (T0 + 3600)) <= 10
    assert abs(land[0].end - (T0 + 3600 + 2700)) <= 310
    assert only(alerts, "position_jump") == []


def test_circle_after_a_jump() -> None:
    reps = _route(T0, 3.0)
    centre = offset(*SEA, 90.0, 30000.0)
    r_m = 1.2 * 1852.0

    def circle(t: float) -> tuple[float, float]:
        ang = (t - T0) * 8.0 * 1852.0 / 3600.0 / r_m
        return offset(*centre, math.degrees(ang), r_m)

    reps = _replace(reps, T0 + 3600, T0 + 3600 + 3600, circle)
    alerts = run([static(M, T0 - 60, "ROUNDABOUT"), *reps])
    circ = only(alerts, "circle_spoofing")
    assert len(circ) == 1
    assert abs(circ[0].details["radius_nm"] - 1.2) < 0.05
    assert circ[0].start == T0 + 3600
    assert only(alerts, "position_jump") == []


def test_one_round_turn_is_seamanship() -> None:
    lat, lon = SEA
    r_m = 400.0
    pts = [offset(lat, lon, b, r_m) for b in range(0, 361, 10)]
    reps = sail(M, T0, [(lat + 0.05, lon), *pts, (lat - 0.1, lon)], 10.0)
    assert only(run([static(M, T0 - 60, "TURNER"), *reps]), "circle_spoofing") == []


def test_two_ships_on_one_mmsi() -> None:
    a = sail(M, T0, [SEA, offset(*SEA, 90.0, 30000.0)], 10.0, interval=10.0)
    far = offset(*SEA, 180.0, 100000.0)
    b = sail(M, T0 + 5, [far, offset(*far, 270.0, 30000.0)], 10.0, interval=10.0)
    alerts = run([static(M, T0 - 60, "TWIN"), *merge(a, b)])
    conflicts = only(alerts, "mmsi_conflict")
    assert len(conflicts) == 1
    assert "transmitted from 2 places at once" in conflicts[0].summary
    assert only(alerts, "position_jump") == []


def test_invalid_mmsi() -> None:
    bad = 12345
    alerts = run(sail(bad, T0, [SEA, offset(*SEA, 0.0, 5000.0)], 10.0))
    inv = only(alerts, "invalid_mmsi")
    assert len(inv) == 1 and inv[0].mmsi == (bad,) and inv[0].severity == "low"


def test_fit_circle() -> None:
    pts = [(100.0 + 50.0 * math.cos(a / 10), -20.0 + 50.0 * math.sin(a / 10)) for a in range(40)]
    fit = fit_circle(pts)
    assert fit is not None
    cx, cy, r, cv = fit
    assert abs(cx - 100.0) < 1e-6 and abs(cy + 20.0) < 1e-6 and abs(r - 50.0) < 1e-6 and cv < 1e-9
    assert fit_circle(pts[:3]) is None
