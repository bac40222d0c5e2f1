"""`aiswatch demo`: the Taiwan scenario end to end on the embedded defaults."""

from __future__ import annotations

import time
from collections import Counter
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table


def demo_command(
    workdir: Annotated[Path, typer.Option(help="Where the demo writes its files")] = Path(
        "demo-out"
    ),
    duration: Annotated[str, typer.Option(help="Simulated time")] = "12h",
    seed: Annotated[int, typer.Option(help="Simulation seed")] = 1,
) -> None:
    """Simulate traffic off Taiwan with a cable incident, decode it and summarise."""
    from aiswatch.columnar import decode_file
    from aiswatch.sim.cli import simulate_command

    con = Console()
    workdir.mkdir(parents=True, exist_ok=True)
    log = workdir / "taiwan.nmea"
    con.rule("1. simulate")
    summary = simulate_command("taiwan", log, duration=duration, seed=seed,
                               echo=lambda s: con.print(s, markup=False))  # fmt: skip
    con.rule("2. decode (columnar)")
    t0 = time.perf_counter()
    by_type: Counter[int] = Counter()
    errors: Counter[str] = Counter()
    lines = 0
    for batch in decode_file(log):
        lines += batch.nmea.lines
        for t, table in batch.tables.items():
            by_type[t] += table.num_rows
        errors.update(batch.nmea.errors)
        errors.update(batch.decode.errors)
    dt = time.perf_counter() - t0
    tab = Table("type", "messages", title=f"{lines:,} lines decoded in {dt:.2f} s")
    for t, n in sorted(by_type.items()):
        tab.add_row(str(t), f"{n:,}")
    con.print(tab)
    con.print(f"errors: {dict(errors) or 'none'}; ground truth: {summary.truth}")
