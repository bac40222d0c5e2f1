"""`aiswatch ingest` (NMEA logs into the DuckDB store) and `aiswatch export` (Parquet)."""

from __future__ import annotations

import time
from collections import Counter
from pathlib import Path
from typing import Annotated

import duckdb
import typer
import zstandard
from rich.console import Console
from rich.progress import (
    BarColumn,
    DownloadColumn,
    Progress,
    ProgressColumn,
    Task,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
)
from rich.table import Table
from rich.text import Text

from aiswatch.cli.report import ECHO_LIMIT, ProblemLog
from aiswatch.sources import detect_compression
from aiswatch.store import (
    DEFAULT_CHUNK_BYTES,
    MESSAGE_TABLES,
    IngestResult,
    connect,
    export_parquet,
    ingest_file,
)
from aiswatch.store import Progress as Step

DEFAULT_DB = Path("aiswatch.duckdb")


class RateColumn(ProgressColumn):
    """Sentences per second of the chunks written in this run."""

    def render(self, task: Task) -> Text:
        elapsed = task.finished_time if task.finished else task.elapsed
        n = int(task.fields.get("sentences", 0))
        rate = n / elapsed if elapsed else 0.0
        return Text(f"{rate:,.0f} sentences/s", style="progress.data.speed")


def say(console: Console, text: str) -> None:
    console.print(text, markup=False, highlight=False, soft_wrap=True)


def _task(progress: Progress, task: TaskID) -> Task:
    return progress.tasks[progress.task_ids.index(task)]


def _total(path: Path) -> int | None:
    """Bytes to expect (None for compressed files: their decoded size is unknown)."""
    try:
        with path.open("rb") as fh:
            if detect_compression(fh.read(4)) is not None:
                return None
        return path.stat().st_size
    except OSError:
        return None


def ingest_command(
    files: Annotated[list[Path], typer.Argument(help="NMEA logs (.gz/.bz2/.zst ok)")],
    db: Annotated[
        Path, typer.Option("--db", help="DuckDB store file (created if missing)")
    ] = DEFAULT_DB,
    errors: Annotated[
        Path | None, typer.Option("--errors", help="Write every problem as JSON lines here")
    ] = None,
    verbose: Annotated[
        bool, typer.Option("--verbose", "-v", help="Print a line per committed chunk")
    ] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress or summary")] = False,
    chunk_bytes: Annotated[
        int, typer.Option("--chunk-bytes", hidden=True, help="Bytes per chunk (transaction)")
    ] = DEFAULT_CHUNK_BYTES,
) -> None:
    """Decode NMEA logs into the store (default ./aiswatch.duckdb).

    Idempotent: a file already ingested (same content, whatever its name) adds nothing.
    Resumable: after Ctrl-C or a kill, the same command completes the file with no
    duplicates and no gaps (each chunk is committed with its progress in one transaction).
    Receive times come from the log (tag blocks, $PGHP, timestamps); rows without one have
    time NULL and time_known false."""
    problems = ProblemLog(errors, echo=not quiet)
    console = problems.console
    try:
        con = connect(db)
    except duckdb.IOException as exc:  # e.g. another process holds the store's lock
        raise typer.BadParameter(f"cannot open the store {db}: {exc}") from None
    results: list[IngestResult] = []
    failed = 0
    progress = Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        DownloadColumn(),
        RateColumn(),
        TimeElapsedColumn(),
        console=console,
        disable=quiet,
    )
    t0 = time.perf_counter()
    try:
        with progress:
            for path in files:
                if str(path) == "-":
                    failed += 1
                    say(console, "-: standard input cannot be ingested (ingest is idempotent "
                                 "by file identity); save it to a file first")  # fmt: skip
                    continue
                task = progress.add_task(path.name, total=_total(path), sentences=0)

                def step(s: Step, task: TaskID = task) -> None:
                    done = _task(progress, task)
                    written = 0 if s.replayed else s.sentences
                    progress.update(task, advance=s.nbytes,
                                    sentences=int(done.fields["sentences"]) + written)  # fmt: skip
                    if verbose and not s.replayed:
                        say(progress.console, f"{s.path}: chunk {s.chunks_done} committed "
                                              f"({s.lines_done:,} lines done)")  # fmt: skip

                try:
                    res = ingest_file(con, path, chunk_bytes=chunk_bytes,
                                      on_problem=problems.add, on_progress=step)  # fmt: skip
                except OSError as exc:
                    failed += 1
                    say(console, f"{path}: {exc.strerror or exc}")
                    continue
                except (EOFError, ValueError, zstandard.ZstdError) as exc:  # truncated, corrupt
                    failed += 1
                    say(console, f"{path}: read error: {exc}; the chunks before it are kept")
                    continue
                results.append(res)
                if res.stale:
                    say(progress.console, f"{path}: warning: an unfinished ingest of this path "
                        f"with other content left {res.stale:,} rows in the store")  # fmt: skip
                if res.outcome == "skipped":
                    progress.remove_task(task)
                    if not quiet:
                        say(progress.console, f"{path}: already ingested (as {res.already_as});"
                                              " nothing added")  # fmt: skip
                else:
                    progress.update(task, total=_task(progress, task).completed)
    except (KeyboardInterrupt, duckdb.InterruptException):  # Ctrl-C inside a query
        problems.close()
        con.close()
        say(console, "interrupted: the chunks committed so far are kept; run the same "
                     "command again to resume")  # fmt: skip
        raise typer.Exit(130) from None
    problems.close()
    if not quiet:
        print_ingest_summary(console, con, results, problems, time.perf_counter() - t0)
    con.close()
    if failed:
        raise typer.Exit(1)


def print_ingest_summary(
    console: Console, con: object, results: list[IngestResult], problems: ProblemLog,
    seconds: float,
) -> None:  # fmt: skip
    if problems.count > ECHO_LIMIT:
        console.print(f"... {problems.count - ECHO_LIMIT} more problems (see --errors FILE)")
    rows: Counter[str] = Counter()
    errs: Counter[str] = Counter()
    for r in results:
        rows.update(r.rows)
        errs.update(r.errors)
    outcomes = Counter(r.outcome for r in results)
    sentences = sum(r.sentences for r in results)
    t = Table(title="aiswatch ingest", show_header=False, title_justify="left")
    t.add_row("files", ", ".join(f"{k}: {v}" for k, v in sorted(outcomes.items())) or "-")
    t.add_row("AIS sentences", f"{sentences:,}")
    t.add_row("messages stored", f"{sum(r.messages for r in results):,}")
    t.add_row("rate", f"{sentences / seconds:,.0f} sentences/s" if seconds else "-")
    for table in MESSAGE_TABLES:
        if rows[table]:
            t.add_row(f"  {table}", f"+{rows[table]:,}")
    t.add_row("unknown receive time", f"{sum(r.unknown_time for r in results):,} messages")
    t.add_row("errors", ", ".join(f"{k}: {v:,}" for k, v in sorted(errs.items())) or "none")
    console.print(t)


def export_command(
    parquet: Annotated[Path, typer.Option("--parquet", help="Output folder")],
    db: Annotated[Path, typer.Option("--db", help="DuckDB store file")] = DEFAULT_DB,
    overwrite: Annotated[
        bool, typer.Option("--overwrite", help="Replace a non-empty output folder")
    ] = False,
) -> None:
    """Write the store as Parquet partitioned by UTC date (DIR/<table>/date=YYYY-MM-DD/);
    rows with unknown time go to DIR/undated/<table>.parquet."""
    console = Console(stderr=True, highlight=False)
    if not db.exists():
        raise typer.BadParameter(f"no store at {db}")
    con = connect(db, read_only=True)
    try:
        res = export_parquet(con, parquet, overwrite=overwrite)
    except FileExistsError as exc:
        raise typer.BadParameter(str(exc)) from None
    finally:
        con.close()
    t = Table(title=f"aiswatch export -> {parquet}", title_justify="left")
    t.add_column("table")
    t.add_column("dated rows", justify="right")
    t.add_column("undated rows", justify="right")
    for table in MESSAGE_TABLES:
        if table in res.dated or table in res.undated:
            t.add_row(table, f"{res.dated.get(table, 0):,}", f"{res.undated.get(table, 0):,}")
    console.print(t)
    console.print(f"{res.files} Parquet files")
