"""Entry points for ``aiswatch simulate`` (the typer command wraps these).

simulate_command("taiwan", "taiwan.nmea", duration="6h", vessels=40, seed=1)
simulate_command("baltic", tcp="127.0.0.1:10110", speed=60)
list_scenarios()
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from aiswatch.sim.engine import Engine
from aiswatch.sim.scenario import bundled, load_scenario, parse_duration
from aiswatch.sim.truth import truth_path, write_truth
from aiswatch.sim.world import build_world
from aiswatch.sim.writer import FileSink, Sink, TcpSink, UdpSink, pump


@dataclass(frozen=True)
class ScenarioInfo:
    name: str
    title: str
    description: str
    start: str
    duration_s: float
    vessels: int
    incidents: list[str]
    path: str


@dataclass
class SimulationSummary:
    scenario: str
    seed: int
    duration_s: float
    vessels: int
    records: int
    sentences: int
    bytes: int
    elapsed_s: float
    out: str | None = None
    truth: str | None = None
    truth_records: int = 0
    streams: list[str] = field(default_factory=list)

    @property
    def sentences_per_s(self) -> float:
        return self.sentences / self.elapsed_s if self.elapsed_s > 0 else 0.0


def list_scenarios() -> list[ScenarioInfo]:
    """The bundled scenarios (``aiswatch simulate --list``)."""
    out = []
    for name in bundled():
        sc = load_scenario(name)
        out.append(
            ScenarioInfo(
                name=sc.name,
                title=sc.title,
                description=sc.description,
                start=sc.start.strftime("%Y-%m-%dT%H:%M:%SZ"),
                duration_s=sc.duration,
                vessels=sc.vessels,
                incidents=[f"{i.get('id', i.get('kind'))} ({i.get('kind')})" for i in sc.incidents],
                path=str(sc.path),
            )
        )
    return out


def simulate_command(
    scenario: str,
    out: str | Path | None = None,
    *,
    duration: str | float | None = None,
    vessels: int | None = None,
    seed: int = 0,
    tcp: str | None = None,
    udp: str | None = None,
    speed: float = 1.0,
    truth: str | Path | None = None,
    echo: Callable[[str], None] | None = None,
) -> SimulationSummary:
    """Simulate `scenario` (a bundled name or a .toml path).

    `out`: NMEA file to write ("-" for stdout); its ground truth goes to
    ``<out>.truth.jsonl`` unless `truth` names another path. `tcp` / `udp` ("HOST:PORT")
    stream the lines, paced at `speed` times real time (0: as fast as possible); a file
    alone is written as fast as possible. `duration` ("6h", "90min" or seconds) and
    `vessels` (background vessels) override the scenario's; `seed` makes the run
    reproducible (same seed, same bytes). Raises ValueError / FileNotFoundError /
    OSError for bad arguments, scenarios or sockets.
    """
    if out is None and tcp is None and udp is None:
        raise ValueError("give an output file (--out), --tcp HOST:PORT or --udp HOST:PORT")
    sc = load_scenario(scenario)
    dur = parse_duration(duration) if duration is not None else None
    world = build_world(sc, seed, duration=dur, vessels=vessels)
    sinks: list[Sink] = []
    streams = []
    try:
        if out is not None:
            sinks.append(FileSink(out))
        if tcp is not None:
            sinks.append(TcpSink(tcp))
            streams.append(f"tcp://{tcp}")
        if udp is not None:
            sinks.append(UdpSink(udp))
            streams.append(f"udp://{udp}")
        pace = speed if (tcp is not None or udp is not None) else None
        if echo:
            echo(
                f"simulating {sc.name}: {world.duration / 3600:.1f} h, {len(world.vessels)} vessels, "
                f"{len(world.network.receivers)} receivers, seed {seed}"
            )
        t0 = time.perf_counter()
        written = pump(Engine(world, seed).run(), sinks, speed=pace)
        elapsed = time.perf_counter() - t0
    finally:
        for s in sinks:
            s.close()
    tpath: Path | None = None
    if truth is not None:
        tpath = Path(truth)
    elif out is not None and str(out) != "-":
        tpath = truth_path(Path(out))
    nt = write_truth(tpath, world.truth, sc.name, world.start_epoch) if tpath is not None else 0
    summary = SimulationSummary(
        scenario=sc.name,
        seed=seed,
        duration_s=world.duration,
        vessels=len(world.vessels),
        records=written.records,
        sentences=written.sentences,
        bytes=written.bytes,
        elapsed_s=elapsed,
        out=None if out is None else str(out),
        truth=None if tpath is None else str(tpath),
        truth_records=nt,
        streams=streams,
    )
    if echo:
        echo(
            f"{summary.sentences:,} sentences ({summary.bytes / 1e6:.1f} MB) in {elapsed:.1f} s"
            + (f"; ground truth: {summary.truth} ({nt} records)" if summary.truth else "")
        )
    return summary
