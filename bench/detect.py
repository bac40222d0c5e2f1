"""Score the watch against the simulator's ground truth, and time it.

    .venv/bin/python bench/detect.py                    # every bundled scenario, then 10 M positions
    .venv/bin/python bench/detect.py --no-throughput    # scoring only
    .venv/bin/python bench/detect.py --duration 8h --seed 2 --throughput-positions 2e6

For each bundled scenario: simulate it into a temporary folder (`aiswatch.sim.cli.
simulate_command`), run the watch over the log with the scenario's zones, and match alerts to
the truth records (``<log>.truth.jsonl``): an alert matches a record when its kind is the
record's ``expected`` detection (a gap over a cable also counts as a gap), it shares an MMSI,
and its time span overlaps the record's, give or take ``--tolerance`` minutes.

Printed per alert kind: truth records, observable records (the log holds positions of the
vessel in the record's window: a ship out of every receiver's range cannot be watched), found
records, recall (found / observable), alerts, matched alerts and precision (matched / alerts).
Zone events (info severity: transits, port visits, entries) are real events for every ship,
so their precision counts only alerts on incident vessels. Then the false alerts on
background traffic: alerts of low severity or more involving no incident vessel, per 1,000
vessel-hours of background traffic (hours between each background MMSI's first and last
position).

The throughput run simulates the Baltic with more ships over a longer time until the log
holds about ``--throughput-positions`` position reports, and times decode + watch over it.
Its background ships (every ship but the scenario's incident vessels) give a second, larger
false-alert count. Results are appended under a "watch" heading to bench/RESULTS.md
(``--results``).
"""

from __future__ import annotations

import argparse
import json
import math
import tempfile
import time
import tomllib
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from aiswatch.sim.cli import list_scenarios, simulate_command
from aiswatch.vessels.model import PositionReport, Report
from aiswatch.watch import Alert, WatchEngine, load_rules, load_zones
from aiswatch.watch.replay import reports_from_files
from aiswatch.watch.rules import severity_rank

ACCEPT: dict[str, set[str]] = {"ais_gap": {"ais_gap", "ais_gap_over_cable"}}
INFO_KINDS = {"strait_transit", "port_visit", "zone_entry", "zone_exit"}
RESULTS = Path(__file__).resolve().parent / "RESULTS.md"


def _ts(s: str) -> float:
    return datetime.strptime(s, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC).timestamp()


@dataclass
class Truth:
    scenario: str
    id: str
    expected: str
    mmsi: set[int]
    start: float
    end: float
    observable: bool = False
    found: bool = False


@dataclass
class Score:
    records: Counter[str] = field(default_factory=Counter)
    observable: Counter[str] = field(default_factory=Counter)
    found: Counter[str] = field(default_factory=Counter)
    alerts: Counter[str] = field(default_factory=Counter)
    matched: Counter[str] = field(default_factory=Counter)
    background_alerts: int = 0
    background_hours: float = 0.0
    incident_unlisted: list[str] = field(default_factory=list)
    background: list[str] = field(default_factory=list)
    missed: list[str] = field(default_factory=list)
    positions: int = 0
    seconds: float = 0.0


class Tap:
    """Passes reports through, noting each MMSI's position times (for observability and
    vessel-hours)."""

    def __init__(self, reports: Iterator[Report]) -> None:
        self.reports = reports
        self.first: dict[int, float] = {}
        self.last: dict[int, float] = {}
        self.times: dict[int, list[float]] = defaultdict(list)
        self.positions = 0
        self.watch: set[int] = set()

    def __iter__(self) -> Iterator[Report]:
        for r in self.reports:
            if type(r) is PositionReport:
                self.positions += 1
                m = r.mmsi
                if m not in self.first:
                    self.first[m] = r.time
                self.last[m] = r.time
                if m in self.watch:
                    self.times[m].append(r.time)
            yield r


def _observable(t: Truth, tap: Tap, slack: float) -> bool:
    for m in t.mmsi:
        ts = tap.times.get(m, [])
        if t.expected in ("ais_gap", "ais_gap_over_cable"):
            before = any(t.start - 6 * 3600 <= x <= t.start + slack for x in ts)
            after = any(t.end - slack <= x <= t.end + 6 * 3600 for x in ts)
            if before and after:
                return True
        elif any(t.start - 300 <= x <= t.end + 300 for x in ts):
            return True
    return False


def _matches(a: Alert, t: Truth, tol: float) -> bool:
    kinds = ACCEPT.get(t.expected, {t.expected})
    return (
        a.kind in kinds
        and bool(t.mmsi & set(a.mmsi))
        and a.start <= t.end + tol
        and a.end >= t.start - tol
    )


def zones_of(scenario_path: str) -> Path:
    with open(scenario_path, "rb") as fh:
        doc = tomllib.load(fh)
    return Path(scenario_path).resolve().parents[1] / "zones" / str(doc["zones"])


def score_scenario(
    name: str, path: str, workdir: Path, args: argparse.Namespace, score: Score
) -> list[Alert]:
    log = workdir / f"{name}.nmea"
    sim = simulate_command(name, log, duration=args.duration, seed=args.seed)
    truth_rows = [json.loads(x) for x in Path(sim.truth or "").read_text().splitlines() if x]
    truth = [
        Truth(name, r["id"], r["expected"], set(r["mmsi"]), _ts(r["start"]), _ts(r["end"]))
        for r in truth_rows
    ]
    incident = set().union(*(t.mmsi for t in truth)) if truth else set()
    engine = WatchEngine(load_zones(zones_of(path)), load_rules())
    tap = Tap(iter(reports_from_files([log])))
    tap.watch = incident
    t0 = time.perf_counter()
    alerts = engine.run(tap)
    score.seconds += time.perf_counter() - t0
    score.positions += tap.positions
    tol = args.tolerance * 60.0
    matched_ids: set[str] = set()
    for t in truth:
        t.observable = _observable(t, tap, tol)
        score.records[t.expected] += 1
        score.observable[t.expected] += t.observable
        hits = [a for a in alerts if _matches(a, t, tol)]
        if hits:
            t.found = True
            score.found[t.expected] += 1
            matched_ids.update(a.id for a in hits)
        else:
            why = "" if t.observable else " (not observable: no positions in its window)"
            score.missed.append(f"{name}/{t.id} ({t.expected}){why}")
    for a in alerts:
        on_incident = bool(set(a.mmsi) & incident)
        if a.kind in INFO_KINDS and not on_incident:
            continue
        score.alerts[a.kind] += 1
        if a.id in matched_ids:
            score.matched[a.kind] += 1
        elif on_incident:
            score.incident_unlisted.append(f"{name}: {a.kind} {list(a.mmsi)} - {a.summary}")
        elif severity_rank(a.severity) >= severity_rank("low"):
            score.background_alerts += 1
            score.background.append(f"{name}: {a.kind} {list(a.mmsi)} - {a.summary}")
    for m, first in tap.first.items():
        if m not in incident:
            score.background_hours += (tap.last[m] - first) / 3600.0
    return alerts


def print_table(score: Score) -> list[str]:
    kinds = sorted(set(score.records) | set(score.alerts))
    head = f"{'kind':24} {'truth':>5} {'obs.':>5} {'found':>5} {'recall':>7} {'alerts':>6} {'match':>5} {'precision':>9}"
    lines = [head, "-" * len(head)]
    for k in kinds:
        obs = score.observable[k]
        rec = f"{score.found[k] / obs:.2f}" if obs else "-"
        al = score.alerts[k]
        prec = f"{score.matched[k] / al:.2f}" if al else "-"
        lines.append(
            f"{k:24} {score.records[k]:5d} {obs:5d} {score.found[k]:5d} {rec:>7} {al:6d} {score.matched[k]:5d} {prec:>9}"
        )
    rate = (
        1000.0 * score.background_alerts / score.background_hours
        if score.background_hours
        else math.nan
    )
    lines.append("")
    lines.append(
        f"false alerts on background traffic: {score.background_alerts} in "
        f"{score.background_hours:,.0f} vessel-hours = {rate:.2f} per 1,000 vessel-hours"
    )
    for line in lines:
        print(line)
    return lines


def throughput(args: argparse.Namespace, workdir: Path) -> dict[str, Any]:
    """Simulate the Baltic up to ~N position reports, then decode + watch it."""
    target = float(args.throughput_positions)
    # calibrate: a short run gives positions per vessel-hour
    probe = workdir / "probe.nmea"
    simulate_command("baltic", probe, duration="2h", vessels=200, seed=args.seed)
    n = sum(1 for r in reports_from_files([probe]) if type(r) is PositionReport)
    per_vh = n / (200 * 2.0)
    probe.unlink()
    hours = 24.0
    vessels = max(100, int(target / per_vh / hours))
    log = workdir / "throughput.nmea"
    t0 = time.perf_counter()
    sim = simulate_command("baltic", log, duration=f"{hours:.0f}h", vessels=vessels, seed=args.seed)
    sim_s = time.perf_counter() - t0
    engine = WatchEngine(load_zones("baltic"), load_rules())
    tap = Tap(iter(reports_from_files([log])))
    t0 = time.perf_counter()
    alerts = engine.run(tap)
    watch_s = time.perf_counter() - t0
    truth = [json.loads(x) for x in Path(sim.truth or "").read_text().splitlines() if x]
    incident = {m for r in truth for m in r["mmsi"]}
    bg = [a for a in alerts if a.severity != "info" and not set(a.mmsi) & incident]
    bg_hours = sum((tap.last[m] - f) / 3600.0 for m, f in tap.first.items() if m not in incident)
    return {
        "background_alerts": len(bg),
        "background_hours": bg_hours,
        "background_kinds": Counter(a.kind for a in bg).most_common(),
        "background_examples": [f"{a.kind} {list(a.mmsi)} - {a.summary}" for a in bg[:10]],
        "vessels": vessels,
        "hours": hours,
        "records": sim.records,
        "bytes": sim.bytes,
        "simulate_s": sim_s,
        "positions": tap.positions,
        "unique_positions": engine.stats.positions,
        "mmsis": len(engine.vessels),
        "alerts": len(alerts),
        "alerts_by_kind": Counter(a.kind for a in alerts).most_common(),
        "watch_s": watch_s,
        "rate": tap.positions / watch_s,
    }


def main() -> None:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--duration", default=None, help="override every scenario's duration (e.g. 8h)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument(
        "--tolerance", type=float, default=30.0, help="minutes of slack when matching times"
    )
    ap.add_argument(
        "--throughput-positions",
        type=float,
        default=10e6,
        help="aim (the probe underestimates: ask ~12e6 for 10 M)",
    )
    ap.add_argument("--no-throughput", action="store_true")
    ap.add_argument(
        "--results", type=Path, default=RESULTS, help="append results here ('-': don't)"
    )
    ap.add_argument(
        "--verbose", "-v", action="store_true", help="list unlisted and background alerts"
    )
    args = ap.parse_args()
    score = Score()
    with tempfile.TemporaryDirectory(prefix="aiswatch-bench-") as tmp:
        work = Path(tmp)
        for sc in list_scenarios():
            print(
                f"== {sc.name}: simulating {args.duration or f'{sc.duration_s / 3600:.0f}h'}, seed {args.seed}"
            )
            score_scenario(sc.name, sc.path, work, args, score)
        print()
        table = print_table(score)
        if score.missed:
            print("\nmissed: " + "; ".join(score.missed))
        if args.verbose or len(score.background) <= 20:
            for line in score.background:
                print("background:", line)
        if args.verbose:
            for line in score.incident_unlisted:
                print("incident vessel, not in truth:", line)
        print(
            f"\nscoring runs: {score.positions:,} position reports watched in {score.seconds:.1f} s"
        )
        tp = None
        if not args.no_throughput:
            print(f"\n== throughput: simulating ~{args.throughput_positions:,.0f} position reports")
            tp = throughput(args, work)
            print(
                f"{tp['positions']:,} position reports ({tp['unique_positions']:,} after dropping repeated "
                f"receptions), {tp['mmsis']:,} MMSIs, {tp['vessels']} simulated vessels over {tp['hours']:.0f} h: "
                f"decode + watch {tp['watch_s']:.1f} s = {tp['rate']:,.0f} positions/s; {tp['alerts']} alerts"
            )
            rate = (
                1000.0 * tp["background_alerts"] / tp["background_hours"]
                if tp["background_hours"]
                else math.nan
            )
            print(
                f"background traffic of the throughput run: {tp['background_alerts']} alerts in "
                f"{tp['background_hours']:,.0f} vessel-hours = {rate:.2f} per 1,000 vessel-hours "
                f"({', '.join(f'{k} {n}' for k, n in tp['background_kinds'])})"
            )
            for line in tp["background_examples"]:
                print("  background:", line)
    if str(args.results) != "-":
        write_results(args, table, score, tp)


def write_results(
    args: argparse.Namespace, table: list[str], score: Score, tp: dict[str, Any] | None
) -> None:
    import os
    import platform

    when = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    pinned = "pinned to 1 core (taskset -c 0)" if cores == 1 else f"{cores} cores available"
    out = [
        "",
        "## watch",
        "",
        f"`python bench/detect.py{' --duration ' + args.duration if args.duration else ''} --seed {args.seed}"
        f"{'' if args.no_throughput else f' --throughput-positions {args.throughput_positions:.3g}'}` "
        f"({when}, {platform.machine()}, Python {platform.python_version()}, {pinned}; the watch "
        "itself is one Python thread)",
        "",
        "Detection against the simulator's ground truth (every bundled scenario, full duration):",
        "",
        "```",
        *table,
        "```",
        "",
    ]
    if score.missed:
        out += ["Missed: " + "; ".join(score.missed), ""]
    if tp is not None:
        out += [
            "Throughput (decode + registry + every detector, one process):",
            "",
            f"- {tp['positions']:,} position reports ({tp['unique_positions']:,} after dropping repeated receptions), "
            f"{tp['mmsis']:,} MMSIs: Baltic scenario, {tp['vessels']} simulated vessels over {tp['hours']:.0f} h, "
            f"{tp['bytes'] / 1e9:.2f} GB of NMEA",
            f"- {tp['watch_s']:.0f} s, {tp['rate']:,.0f} position reports per second; {tp['alerts']} alerts "
            f"({', '.join(f'{k} {n}' for k, n in tp['alerts_by_kind'])})",
            f"- false alerts on its background traffic (low severity or more, no incident vessel): "
            f"{tp['background_alerts']} in {tp['background_hours']:,.0f} vessel-hours = "
            f"{1000.0 * tp['background_alerts'] / max(tp['background_hours'], 1e-9):.2f} per 1,000 vessel-hours"
            + (
                f" ({', '.join(f'{k} {n}' for k, n in tp['background_kinds'])})"
                if tp["background_kinds"]
                else ""
            ),
            "",
        ]
    with args.results.open("a", encoding="utf-8") as fh:
        fh.write("\n".join(out))
    print(f"appended to {args.results}")


if __name__ == "__main__":
    main()
