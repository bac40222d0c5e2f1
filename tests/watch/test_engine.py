"""The engine: repeated receptions, small disorder, identities in alerts, statistics."""

from __future__ import annotations

import random

from aiswatch.vessels.model import PositionReport
from aiswatch.watch import WatchEngine
from tests.watch.helpers import T0, lie, make_zones, merge, only, sail, static

M = 563000001
SPOT = (24.0027, 119.4)


def _scene() -> list:  # type: ignore[type-arg]
    inbound = sail(M, T0, [(24.1, 119.4), SPOT], 10.0)
    return [
        static(M, T0 - 60, "RED ANCHOR"),
        *inbound,
        *lie(M, inbound[-1].time + 180, *SPOT, 7200),
    ]


def _summary(reports: list) -> list[tuple[str, float, float]]:  # type: ignore[type-arg]
    alerts = WatchEngine(make_zones()).run(reports)
    return [(a.kind, a.start, a.end) for a in alerts]


def test_repeated_receptions_are_dropped() -> None:
    reps = _scene()
    twice = merge(reps, [PositionReport(r.mmsi, r.time + 0.4, r.lat, r.lon, r.sog, r.cog, None, r.status,
                                        station="B") for r in reps if isinstance(r, PositionReport)])  # fmt: skip
    eng = WatchEngine(make_zones())
    eng.run(twice)
    n = sum(isinstance(r, PositionReport) for r in reps)
    assert eng.stats.positions == n and eng.stats.duplicates == n
    assert _summary(twice) == _summary(reps)


def test_small_disorder_changes_nothing() -> None:
    reps = _scene()
    rng = random.Random(1)
    jittered = sorted(reps, key=lambda r: r.time + rng.uniform(-3.0, 3.0))
    assert _summary(jittered) == _summary(reps)


def test_alerts_carry_identity_at_the_time() -> None:
    alerts = WatchEngine(make_zones()).run(_scene())
    a = only(alerts, "cable_loitering")[0]
    v = a.vessels[0]
    assert (v.mmsi, v.name, v.callsign, v.imo, v.flag, v.shiptype) == (
        M,
        "RED ANCHOR",
        "ABCD",
        9074729,
        "SG",
        70,
    )


def test_stats() -> None:
    eng = WatchEngine(make_zones())
    eng.run(_scene())
    assert eng.stats.statics == 1 and eng.stats.tracks == 1 and eng.stats.jumps == 0
    assert eng.stats.first_time == T0 - 60
