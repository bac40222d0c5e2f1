"""`aiswatch watch`: run the maritime-security detectors over NMEA logs and print the alerts.

aiswatch watch day.nmea --zones taiwan.geojson
aiswatch watch day.nmea --zones zones.geojson --rules strict.toml --json > alerts.jsonl
aiswatch watch day.nmea --zones zones.geojson --db aiswatch.duckdb
"""

from __future__ import annotations

import json
import sys
import time
from collections import Counter
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated, TextIO

import typer
from rich.console import Console
from rich.table import Table

from aiswatch.watch.alerts import Alert
from aiswatch.watch.rules import SEVERITIES, severity_rank

__all__ = ["alerts_table", "render_alerts", "watch_command", "write_alerts_jsonl"]

_STYLE = {"critical": "bold red", "high": "red", "medium": "yellow", "low": "cyan", "info": "dim"}


def _hm(t: float) -> str:
    return datetime.fromtimestamp(t, UTC).strftime("%Y-%m-%d %H:%MZ")


def alerts_table(alerts: Sequence[Alert], title: str | None = None) -> Table:
    """A rich table of alerts, one row each."""
    tab = Table(title=title, show_lines=True, expand=True)
    tab.add_column("from / to (UTC)", no_wrap=True)
    tab.add_column("alert", no_wrap=True)
    tab.add_column("what happened", ratio=1, min_width=30)
    for a in alerts:
        kind = f"{a.kind}\n[{_STYLE.get(a.severity, '')}]{a.severity}[/]"
        if a.zone:
            kind += f"\n[dim]{a.zone}[/]"
        tab.add_row(
            f"{_hm(a.start)}\n{_hm(a.end)}" + ("" if a.status == "closed" else "\n(open)"),
            kind,
            a.summary,
        )
    return tab


def render_alerts(
    alerts: Sequence[Alert], console: Console | None = None, min_severity: str = "low"
) -> int:
    """Print the alerts at ``min_severity`` or above as a table; returns how many."""
    con = console or Console()
    rank = severity_rank(min_severity)
    shown = [a for a in alerts if severity_rank(a.severity) >= rank]
    hidden = len(alerts) - len(shown)
    title = f"{len(shown)} alerts" + (
        f" ({hidden} below {min_severity} not shown)" if hidden else ""
    )
    con.print(alerts_table(shown, title))
    return len(shown)


def write_alerts_jsonl(alerts: Sequence[Alert], out: TextIO, min_severity: str = "info") -> int:
    """One JSON object per alert and line (``kind``, ``mmsi`` (a list for several vessels),
    ``start``, ``end``, ``lat``, ``lon``, ``zone``, ``severity``, ``summary`` and more)."""
    rank = severity_rank(min_severity)
    n = 0
    for a in alerts:
        if severity_rank(a.severity) >= rank:
            out.write(json.dumps(a.to_dict(), ensure_ascii=False, default=str) + "\n")
            n += 1
    return n


def watch_command(
    files: Annotated[list[Path], typer.Argument(help="NMEA logs (plain, .gz, .bz2, .zst)")],
    zones: Annotated[
        list[str] | None,
        typer.Option(
            "--zones", "-z", help="Zones GeoJSON (repeatable; or a bundled name: taiwan, baltic)"
        ),
    ] = None,
    rules: Annotated[
        Path | None, typer.Option("--rules", "-r", help="Rules TOML laid over the bundled rules")
    ] = None,
    db: Annotated[
        Path | None,
        typer.Option("--db", help="Store the alerts in this DuckDB file (table alerts)"),
    ] = None,
    json_: Annotated[
        bool, typer.Option("--json", help="One JSON object per alert and line")
    ] = False,
    min_severity: Annotated[
        str | None,
        typer.Option(
            help=f"Show alerts from this severity up ({', '.join(SEVERITIES)}); "
            "default: low for the table, info (all) for --json"
        ),
    ] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No summary on stderr")] = False,
) -> None:
    """Watch AIS logs for cable risks, anchor drags, dark periods, spoofing, identity tricks,
    encounters, loitering and zone events; print the alerts, explained."""
    from aiswatch.watch import RulesError, ZoneError, load_rules, load_zones, watch_files

    err = Console(stderr=True, highlight=False)
    if min_severity is not None and min_severity not in SEVERITIES:
        raise typer.BadParameter(f"--min-severity must be one of {', '.join(SEVERITIES)}")
    for f in files:
        if not f.exists():
            err.print(f"aiswatch watch: {f}: no such file", markup=False)
            raise typer.Exit(2)
    try:
        zs = load_zones(*zones) if zones else None
        rs = load_rules(rules)
    except (ZoneError, RulesError, FileNotFoundError, OSError) as exc:
        err.print(f"aiswatch watch: {exc}", markup=False)
        raise typer.Exit(2) from None
    if zs is None and not quiet:
        err.print("aiswatch watch: no --zones: cable, no-anchoring, strait and port checks are off")
    t0 = time.perf_counter()
    try:
        result = watch_files(files, zs, rs)
    except (ZoneError, RulesError) as exc:
        err.print(f"aiswatch watch: {exc}", markup=False)
        raise typer.Exit(2) from None
    elapsed = time.perf_counter() - t0
    alerts = result.alerts
    if json_:
        write_alerts_jsonl(alerts, sys.stdout, min_severity or "info")
    else:
        render_alerts(alerts, Console(), min_severity or "low")
    if db is not None:
        from aiswatch.watch.sink import store_alerts

        n = store_alerts(db, alerts)
        if not quiet:
            err.print(f"{n} alerts stored in {db} (table alerts)", markup=False)
    if not quiet:
        st = result.stats
        kinds = Counter(a.kind for a in alerts)
        err.print(
            f"{st.positions:,} positions ({st.duplicates:,} repeated receptions dropped), "
            f"{len(result.engine.vessels):,} MMSIs, {len(alerts)} alerts in {elapsed:.1f} s: "
            + ", ".join(f"{k} {n}" for k, n in kinds.most_common()),
            markup=False,
        )
