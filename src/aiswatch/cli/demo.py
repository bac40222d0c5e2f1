"""`aiswatch demo`: the Taiwan scenario end to end on the embedded defaults.

Simulate traffic off Taiwan with the Hong Tai 58 cable incident and the other bundled
incidents, ingest the log into a DuckDB file, run the watch with the bundled zones, then
print the alerts and the suspect vessel's dossier.
"""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console


def demo_command(
    workdir: Annotated[Path, typer.Option(help="Where the demo writes its files")] = Path(
        "demo-out"
    ),
    duration: Annotated[
        str | None, typer.Option(help="Simulated time (default: the scenario's 16 h)")
    ] = None,
    seed: Annotated[int, typer.Option(help="Simulation seed")] = 1,
) -> None:
    """Simulate, ingest, watch and explain the Taiwan scenario."""
    from aiswatch.cli.vessels import print_dossier
    from aiswatch.cli.watch import render_alerts
    from aiswatch.sim.cli import simulate_command
    from aiswatch.store import connect, ingest_file
    from aiswatch.vessels.query import dossier_from_store
    from aiswatch.watch import watch_files
    from aiswatch.watch.sink import store_alerts

    con = Console()
    workdir.mkdir(parents=True, exist_ok=True)
    log = workdir / "taiwan.nmea"
    db = workdir / "aiswatch.duckdb"
    for stale in (db, Path(f"{db}.wal")):
        stale.unlink(missing_ok=True)

    con.rule("1. simulate")
    summary = simulate_command("taiwan", log, duration=duration, seed=seed,
                               echo=lambda s: con.print(s, markup=False))  # fmt: skip

    con.rule("2. ingest")
    t0 = time.perf_counter()
    store = connect(db)
    try:
        res = ingest_file(store, log)
    finally:
        store.close()
    con.print(f"{res.messages:,} messages from {res.sentences:,} sentences into {db} "
              f"in {time.perf_counter() - t0:.1f} s", markup=False)  # fmt: skip

    con.rule("3. watch")
    t0 = time.perf_counter()
    result = watch_files([log], "taiwan")
    store_alerts(db, result.alerts)
    con.print(f"{result.stats.positions:,} positions watched in {time.perf_counter() - t0:.1f} s; "
              f"{len(result.alerts)} alerts stored in {db} (table alerts)", markup=False)  # fmt: skip
    render_alerts(result.alerts, con)

    con.rule("4. the suspect")
    suspect = _suspect(summary.truth)
    if suspect is None:
        con.print("no incident vessel in the ground truth")
        return
    store = connect(db, read_only=True)
    try:
        dossier, stats = dossier_from_store(store, suspect)
    finally:
        store.close()
    print_dossier(con, dossier, stats)
    con.print(f"\nFiles: {log}, {summary.truth}, {db}. Next: aiswatch vessel {suspect} "
              f"--db {db}; aiswatch track {suspect} --db {db} --format kml", markup=False)  # fmt: skip


def _suspect(truth: str | None) -> int | None:
    """The vessel of the scenario's first cable incident (Hong Tai 58 in `taiwan`)."""
    if truth is None or not Path(truth).exists():
        return None
    records = [json.loads(line) for line in Path(truth).read_text().splitlines() if line]
    for rec in records:
        if str(rec.get("expected", "")).startswith("cable") and rec.get("mmsi"):
            return int(rec["mmsi"][0])
    return int(records[0]["mmsi"][0]) if records and records[0].get("mmsi") else None
