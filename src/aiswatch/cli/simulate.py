"""`aiswatch simulate`: realistic AIS traffic and incidents, to a file or a socket."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table


def simulate_cli(
    scenario: Annotated[
        str | None, typer.Argument(help="Bundled scenario name (see --list) or a .toml file")
    ] = None,
    out: Annotated[Path | None, typer.Option("--out", "-o", help="NMEA file to write")] = None,
    duration: Annotated[
        str | None, typer.Option(help="Override the scenario's duration: 6h, 90min, seconds")
    ] = None,
    vessels: Annotated[int | None, typer.Option(help="Background vessels")] = None,
    seed: Annotated[int, typer.Option(help="Same seed, same bytes")] = 0,
    tcp: Annotated[str | None, typer.Option(help="Stream to HOST:PORT over TCP")] = None,
    udp: Annotated[str | None, typer.Option(help="Stream to HOST:PORT over UDP")] = None,
    speed: Annotated[
        float, typer.Option(help="Pace of --tcp/--udp: x real time (0 = as fast as possible)")
    ] = 1.0,
    list_: Annotated[bool, typer.Option("--list", help="List the bundled scenarios")] = False,
) -> None:
    """Simulate a scenario: background traffic plus incidents, with ground truth written
    beside the log (<out>.truth.jsonl) for scoring detectors."""
    from aiswatch.sim.cli import list_scenarios, simulate_command

    err = Console(stderr=True, highlight=False)
    if list_:
        t = Table("name", "title", "duration", "vessels", "incidents")
        for s in list_scenarios():
            t.add_row(s.name, s.title, f"{s.duration_s / 3600:.0f} h", str(s.vessels),
                      ", ".join(s.incidents))  # fmt: skip
        Console().print(t)
        return
    if scenario is None:
        raise typer.BadParameter("name a scenario (see aiswatch simulate --list)")
    try:
        simulate_command(
            scenario, out, duration=duration, vessels=vessels, seed=seed, tcp=tcp, udp=udp,
            speed=speed, echo=lambda s: err.print(s, markup=False),
        )  # fmt: skip
    except (ValueError, FileNotFoundError, OSError) as exc:
        err.print(f"aiswatch simulate: {exc}", markup=False)
        raise typer.Exit(2) from None
