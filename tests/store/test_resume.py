"""Resumption: interrupt `aiswatch ingest` mid-file (SIGKILL, or SIGINT as Ctrl-C), rerun it,
and compare the store with a clean ingest row for row."""

from __future__ import annotations

import signal
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from aiswatch.store import MESSAGE_TABLES, Progress, columns, connect, ingest_file
from tests.store.logs import boundaries_in_groups, write_log

# The sub-commands as the lead registers them (`aiswatch ingest` / `aiswatch export`).
APP = (
    "import typer; from aiswatch.cli.store import ingest_command, export_command; "
    "app = typer.Typer(add_completion=False, pretty_exceptions_enable=False); "
    "app.command('ingest')(ingest_command); app.command('export')(export_command); app()"
)
# The same, with the process signalling itself once chunk `after` is committed: a real
# signal to the real command, mid-file at a known point. (Sent from outside on seeing the
# chunk's progress line, it could land after the last chunk: the whole file takes a
# fraction of a second.)
APP_INTERRUPTED = (
    "import os, sys, typer; import aiswatch.cli.store as cli; "
    "after, sig = int(sys.argv.pop(1)), int(sys.argv.pop(1)); real = cli.ingest_file\n"
    "def ingest_file(*a, on_progress, **k):\n"
    "    def step(p):\n"
    "        on_progress(p)\n"
    "        if not p.replayed and p.chunks_done >= after: os.kill(os.getpid(), sig)\n"
    "    return real(*a, on_progress=step, **k)\n"
    "cli.ingest_file = ingest_file\n"
    "app = typer.Typer(add_completion=False, pretty_exceptions_enable=False); "
    "app.command('ingest')(cli.ingest_command); app()"
)
CHUNK = 128 << 10


def cli(*args: str) -> list[str]:
    return [sys.executable, "-c", APP, *args]


def interrupted(chunks: int, sig: int, *args: str) -> subprocess.CompletedProcess[str]:
    """`aiswatch ingest ARGS`, sent `sig` by itself once chunk `chunks` is committed."""
    cmd = [sys.executable, "-c", APP_INTERRUPTED, str(chunks), str(int(sig)), *args]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=120)


@pytest.fixture(scope="module")
def big_log(tmp_path_factory: pytest.TempPathFactory) -> Path:
    # ~2 MB, ~27k lines: about 16 chunks of 128 KiB; two-part type 5 messages fall across
    # some chunk boundaries.
    return write_log(tmp_path_factory.mktemp("logs") / "big.nmea", 25_000, step=1.0)


@pytest.fixture(scope="module")
def clean_db(big_log: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("clean") / "clean.duckdb"
    con = connect(db)
    assert ingest_file(con, big_log).outcome == "complete"  # one 16 MB chunk
    con.close()
    return db


def dump(db: Path) -> dict[str, list[tuple[Any, ...]]]:
    con = connect(db, read_only=True)
    try:
        out = {}
        for table in MESSAGE_TABLES:
            cols = ", ".join(f'"{n}"' for n, _ in columns(table))
            out[table] = con.execute(
                f"SELECT {cols} FROM {table} ORDER BY source_file, line"
            ).fetchall()
        return out
    finally:
        con.close()


def log_row(db: Path) -> tuple[Any, ...]:
    con = connect(db, read_only=True)
    try:
        rows = con.execute(
            "SELECT status, chunks_done, lines_done, messages, rows, runs FROM ingest_log"
        ).fetchall()
        assert len(rows) == 1
        return tuple(rows[0])
    finally:
        con.close()


@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGINT], ids=["kill-9", "ctrl-c"])
def test_interrupted_ingest_resumes_without_duplicates_or_gaps(
    tmp_path: Path, big_log: Path, clean_db: Path, sig: int
) -> None:
    db = tmp_path / "resumed.duckdb"
    args = ["ingest", str(big_log), "--db", str(db), "--chunk-bytes", str(CHUNK), "-v"]
    first = interrupted(2, sig, *args)
    assert first.returncode == (-signal.SIGKILL if sig == signal.SIGKILL else 130), first.stderr
    if sig == signal.SIGINT:
        assert "interrupted: the chunks committed so far are kept" in first.stderr
    status, chunks_done, lines_done, *_ = log_row(db)
    total_lines = big_log.read_bytes().count(b"\n")
    assert (status, chunks_done) == ("running", 2) and 0 < lines_done < total_lines
    partial = sum(len(v) for v in dump(db).values())
    assert partial > 0

    done = subprocess.run(cli(*args), capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    status, chunks_done, lines_done, messages, rows, runs = log_row(db)
    assert (status, lines_done, runs) == ("complete", total_lines, 2)
    got, want = dump(db), dump(clean_db)
    for table in MESSAGE_TABLES:
        assert len(got[table]) == len(want[table]), table
        assert got[table] == want[table], table
    assert rows == sum(len(v) for v in want.values())
    assert log_row(clean_db)[3] == messages

    again = subprocess.run(cli(*args), capture_output=True, text=True, timeout=120)
    assert again.returncode == 0 and "already ingested" in again.stderr
    assert dump(db) == want


def test_resume_across_an_open_multipart_group(tmp_path: Path, big_log: Path,
                                               clean_db: Path) -> None:  # fmt: skip
    """Interrupted right after a chunk that ends between the two parts of a message: the
    resumed run must rebuild the open group and write that message exactly once."""
    inside = boundaries_in_groups(big_log, CHUNK)
    assert inside, "the generated log must put a chunk boundary inside a two-part group"
    stop = inside[0]
    db = tmp_path / "resumed.duckdb"
    con = connect(db)

    def interrupt(p: Progress) -> None:
        if p.chunks_done == stop + 1:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        ingest_file(con, big_log, chunk_bytes=CHUNK, on_progress=interrupt)
    res = ingest_file(con, big_log, chunk_bytes=1 << 30)  # the logged chunk size wins
    assert (res.outcome, res.chunks_skipped) == ("resumed", stop + 1)
    con.close()
    assert dump(db) == dump(clean_db)
