"""End to end on the bundled scenarios: simulate (full duration, few background ships, so
that it runs in seconds), decode, watch; every incident the log can show is found, and the
background ships raise no security alerts."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from aiswatch.sim.cli import simulate_command
from aiswatch.watch import Alert, watch_files
from aiswatch.watch.replay import reports_from_files

ACCEPT = {"ais_gap": {"ais_gap", "ais_gap_over_cable"}}


def _t(s: str) -> float:
    return datetime.strptime(s, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC).timestamp()


def _seen(log: Path, mmsis: set[int]) -> dict[int, list[float]]:
    out: dict[int, list[float]] = {m: [] for m in mmsis}
    for r in reports_from_files([log]):
        if r.mmsi in out and hasattr(r, "lat") and getattr(r, "sog", 0) is not None:
            out[r.mmsi].append(r.time)
    return out


def _found(rec: dict, alerts: list[Alert], tol: float = 1800.0) -> bool:  # type: ignore[type-arg]
    kinds = ACCEPT.get(rec["expected"], {rec["expected"]})
    t0, t1 = _t(rec["start"]), _t(rec["end"])
    return any(
        a.kind in kinds
        and set(rec["mmsi"]) & set(a.mmsi)
        and a.start <= t1 + tol
        and a.end >= t0 - tol
        for a in alerts
    )


@pytest.mark.parametrize(("scenario", "seed"), [("taiwan", 3), ("baltic", 3)])
def test_every_observable_incident_is_found(tmp_path: Path, scenario: str, seed: int) -> None:
    log = tmp_path / f"{scenario}.nmea"
    sim = simulate_command(scenario, log, seed=seed, vessels=8)
    truth = [json.loads(x) for x in Path(str(sim.truth)).read_text().splitlines() if x]
    assert truth
    alerts = watch_files([log], scenario).alerts
    incident = {m for rec in truth for m in rec["mmsi"]}
    seen = _seen(log, incident)
    missed = []
    for rec in truth:
        t0, t1 = _t(rec["start"]), _t(rec["end"])
        gap = rec["expected"].startswith("ais_gap")
        observable = any(
            (any(x <= t0 + 60 for x in seen[m]) and any(x >= t1 - 60 for x in seen[m]))
            if gap
            else any(t0 <= x <= t1 for x in seen[m])
            for m in rec["mmsi"]
        )
        if observable and not _found(rec, alerts):
            missed.append(f"{rec['id']} ({rec['expected']})")
    assert missed == []
    background = [a for a in alerts if a.severity != "info" and not set(a.mmsi) & incident]
    assert background == [], [a.summary for a in background]
