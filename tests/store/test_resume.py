"""Resumption: interrupt `aiswatch ingest` mid-file (SIGKILL, or SIGINT as Ctrl-C), rerun it,
and compare the store with a clean ingest row for row."""

from __future__ import annotations

import queue
import re
import signal
import subprocess
import sys
import threading
import time
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
CHUNK = 128 << 10
COMMITTED = re.compile(r"chunk (\d+) committed")


def cli(*args: str) -> list[str]:
    return [sys.executable, "-c", APP, *args]


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


def interrupt_after(cmd: list[str], chunks: int, sig: int, timeout: float = 60.0) -> int:
    """Start `cmd`, wait until its stderr says chunk `chunks` is committed, send `sig`;
    the process's return code."""
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    assert proc.stderr is not None
    lines: queue.Queue[str | None] = queue.Queue()

    def pump() -> None:
        assert proc.stderr is not None
        for line in proc.stderr:
            lines.put(line)
        lines.put(None)

    threading.Thread(target=pump, daemon=True).start()
    deadline = time.monotonic() + timeout
    seen: list[str] = []
    try:
        while True:
            line = lines.get(timeout=max(0.1, deadline - time.monotonic()))
            if line is None:
                pytest.fail("ingest ended before it could be interrupted:\n" + "".join(seen))
            seen.append(line)
            m = COMMITTED.search(line)
            if m and int(m.group(1)) >= chunks:
                proc.send_signal(sig)
                break
        return proc.wait(timeout=timeout)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGINT], ids=["kill-9", "ctrl-c"])
def test_interrupted_ingest_resumes_without_duplicates_or_gaps(
    tmp_path: Path, big_log: Path, clean_db: Path, sig: int
) -> None:
    db = tmp_path / "resumed.duckdb"
    args = ["ingest", str(big_log), "--db", str(db), "--chunk-bytes", str(CHUNK), "-v"]
    rc = interrupt_after(cli(*args), chunks=2, sig=sig)
    assert rc == (-signal.SIGKILL if sig == signal.SIGKILL else 130)
    status, chunks_done, lines_done, *_ = log_row(db)
    total_lines = big_log.read_bytes().count(b"\n")
    assert status == "running" and chunks_done >= 2 and 0 < lines_done < total_lines
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
