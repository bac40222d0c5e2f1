"""The `aiswatch` command line."""

from __future__ import annotations

import gc

import typer

from aiswatch.cli.decode import decode_command
from aiswatch.cli.demo import demo_command
from aiswatch.cli.simulate import simulate_cli
from aiswatch.cli.store import export_command, ingest_command
from aiswatch.cli.vessels import track_command, vessel_command
from aiswatch.cli.watch import watch_command

app = typer.Typer(
    name="aiswatch",
    help="Decode, store and watch AIS traffic (ITU-R M.1371-5).",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
app.command("decode")(decode_command)
app.command("simulate")(simulate_cli)
app.command("ingest")(ingest_command)
app.command("export")(export_command)
app.command("vessel")(vessel_command)
app.command("track")(track_command)
app.command("watch")(watch_command)
app.command("demo")(demo_command)


@app.command("schema")
def schema_command() -> None:
    """Print the JSON Schema of `aiswatch decode` output (generated from the field tables)."""
    import json

    from aiswatch.ais.schema import json_schema

    print(json.dumps(json_schema(), indent=2))


@app.command("kernels")
def kernels_command(
    build: bool = typer.Option(False, "--build", help="Compile them ahead of time if stale."),
    force: bool = typer.Option(False, "--force", help="With --build: even if current."),
) -> None:
    """Say which columnar kernels serve (built ahead of time, or numba's JIT), or build them:
    built, a new process decodes without numba's start-up (about 0.15 s)."""
    import time

    from aiswatch.columnar import kernels

    if build and (force or not kernels.current()):
        t = time.perf_counter()
        typer.echo("kernels: compiling ahead of time (about a minute) ...", err=True)
        try:
            path = kernels.build()
        except Exception as exc:  # no C compiler, an installation one may not write to ...
            typer.echo(f"kernels: cannot build ({type(exc).__name__}: {exc}); numba's JIT "
                       "serves instead (building needs a C compiler and a writable "
                       "installation)", err=True)  # fmt: skip
            raise typer.Exit(1) from None
        typer.echo(f"kernels: built {path} in {time.perf_counter() - t:.0f} s")
        return
    typer.echo(f"kernels: {kernels.status()}")


@app.callback()
def _root() -> None:
    """aiswatch: decode, store and watch AIS traffic."""


def main() -> None:
    # What the imports built (numba's, pyarrow's and duckdb's registries: about 100,000
    # objects) lives as long as the process. Frozen, it is left out of the garbage
    # collector's full collections, each of which would otherwise walk it again: one
    # fell inside the first chunk of every ingest, 30 ms (bench/RESULTS.md).
    gc.freeze()
    app()
