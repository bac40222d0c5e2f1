"""The ingest engine: NMEA logs into the store, idempotent and resumable.

A file is known by its identity: its size and the SHA-256 of its first and last MiB as
stored on disk (`file_id`). `ingest_log` holds one row per identity.

* The file is cut into whole-line chunks (`aiswatch.columnar.iter_chunks`, `chunk_bytes`
  each); every chunk's rows are inserted in ONE DuckDB transaction together with the
  update of the file's `ingest_log` row (bytes, lines and chunks done, counters). A chunk
  is therefore in the store entirely, with its progress, or not at all, whatever stops the
  process (Ctrl-C, kill -9, power loss: DuckDB's write-ahead log replays committed
  transactions on the next open).
* Idempotent: a file whose identity is logged `complete` is skipped; nothing is added.
  A copy of it under another name is the same file.
* Resumable: a file logged `running` is restarted with the chunk size it was started
  with, so chunk boundaries are the same; the committed chunks are decoded again (open
  multi-part groups must be rebuilt) but not written, and writing resumes at the first
  uncommitted chunk. No row is written twice and none is skipped: a message belongs to the
  chunk in which it completes.
"""

from __future__ import annotations

import contextlib
import hashlib
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import aiswatch
from aiswatch.columnar import ColumnarDecoder, final_chunks
from aiswatch.nmea import Problem
from aiswatch.store.writer import create_tables, unknown_times, write_batch

HASH_SPAN = 1 << 20
#: 16 MiB, not the decoder's 24 MiB (`columnar.files.CHUNK_BYTES`): with 24 the real mix
#: ingests faster (1.8 against 2.8 s) but the baltic scenario slower (2.1 against 1.6 s) and
#: into a larger store (38 against 26 MB): DuckDB's inserts, not decoding (bench/RESULTS.md).
DEFAULT_CHUNK_BYTES = 16 << 20


@dataclass(frozen=True)
class FileIdentity:
    path: str
    size: int
    mtime: datetime
    head_sha256: str
    tail_sha256: str

    @property
    def file_id(self) -> str:
        key = f"{self.size}:{self.head_sha256}:{self.tail_sha256}"
        return hashlib.sha256(key.encode()).hexdigest()


def identify(path: str | Path) -> FileIdentity:
    """Identity of a file on disk (reads at most 2 MiB)."""
    p = Path(path).resolve()
    st = p.stat()
    with p.open("rb") as fh:
        head = hashlib.sha256(fh.read(HASH_SPAN)).hexdigest()
        fh.seek(max(0, st.st_size - HASH_SPAN))
        tail = hashlib.sha256(fh.read(HASH_SPAN)).hexdigest()
    return FileIdentity(str(p), st.st_size, datetime.fromtimestamp(st.st_mtime, UTC), head, tail)


@dataclass
class Progress:
    """What the engine tells its caller after each chunk (decoded, and committed or
    skipped as already in the store)."""

    path: str
    nbytes: int
    sentences: int
    replayed: bool
    chunks_done: int
    lines_done: int


@dataclass
class IngestResult:
    path: str
    file_id: str
    outcome: str = "complete"  # complete | resumed | skipped | interrupted
    already_as: str | None = None  # for skipped: the path it was ingested from
    stale: int = 0  # rows left by an unfinished ingest of this path with other content
    rows: Counter[str] = field(default_factory=Counter)
    sentences: int = 0
    messages: int = 0
    unknown_time: int = 0
    errors: Counter[str] = field(default_factory=Counter)
    chunks: int = 0
    chunks_skipped: int = 0
    bytes: int = 0
    seconds: float = 0.0


@dataclass
class _Log:
    """The counters of one ingest_log row."""

    bytes_done: int = 0
    lines_done: int = 0
    chunks_done: int = 0
    sentences: int = 0
    messages: int = 0
    rows: int = 0
    unknown_time: int = 0
    errors: Counter[str] = field(default_factory=Counter)


def connect(db: str | Path, read_only: bool = False) -> Any:
    """Open (creating) a store file."""
    import duckdb

    con = duckdb.connect(str(db), read_only=read_only)
    if read_only:
        con.execute("SET TimeZone = 'UTC'")
    else:
        create_tables(con)
    return con


def _now() -> datetime:
    return datetime.now(UTC)


def _errors_json(c: Counter[str]) -> str:
    import json

    return json.dumps(dict(sorted(c.items())))


def ingest_file(
    con: Any,
    path: str | Path,
    *,
    chunk_bytes: int = DEFAULT_CHUNK_BYTES,
    on_problem: Callable[[Problem], None] | None = None,
    on_progress: Callable[[Progress], None] | None = None,
) -> IngestResult:
    """Ingest one file into the open store `con`. KeyboardInterrupt propagates after the
    current chunk's transaction is rolled back (the committed chunks stay)."""
    ident = identify(path)
    fid = ident.file_id
    t0 = time.perf_counter()
    found = con.execute(
        "SELECT status, path, chunk_bytes, bytes_done, lines_done, chunks_done, sentences,"
        " messages, rows, unknown_time, errors_by_reason FROM ingest_log WHERE file_id = ?",
        [fid],
    ).fetchall()
    row = found[0] if found else None
    result = IngestResult(str(path), fid)
    log = _Log()
    if row is not None and row[0] == "complete":
        result.outcome, result.already_as = "skipped", row[1]
        return result
    if row is not None:  # interrupted earlier: resume
        import json

        result.outcome = "resumed"
        source, chunk_bytes = row[1], int(row[2])
        b, li, c, s, m, r, u = (int(v) for v in row[3:10])
        log = _Log(b, li, c, s, m, r, u, Counter(json.loads(row[10] or "{}")))
        con.execute("UPDATE ingest_log SET runs = runs + 1, updated = ? WHERE file_id = ?",
                    [_now(), fid])  # fmt: skip
    else:
        source = ident.path
        stale = con.execute(
            "SELECT coalesce(sum(rows), 0) FROM ingest_log WHERE path = ? AND status = 'running'",
            [ident.path],
        ).fetchall()
        result.stale = int(stale[0][0])
        con.execute(
            "INSERT INTO ingest_log VALUES (?, ?, ?, ?, ?, ?, ?, 'running', 0, 0, 0, 0, 0, 0,"
            " 0, 0, '{}', 1, ?, ?, NULL, ?)",
            [fid, ident.path, ident.size, ident.mtime, ident.head_sha256, ident.tail_sha256,
             chunk_bytes, _now(), _now(), aiswatch.__version__],
        )  # fmt: skip
    skip = log.chunks_done
    replaying = [skip > 0]

    def problem(p: Problem) -> None:
        if not replaying[0] and on_problem is not None:
            on_problem(p)

    dec = ColumnarDecoder(str(path), on_problem=problem)
    try:
        for index, (data, final) in enumerate(final_chunks(path, chunk_bytes)):
            replaying[0] = index < skip
            batch = dec.decode(data, final=final)
            sentences = batch.nmea.sentences
            if index < skip:
                result.chunks_skipped += 1
            else:
                errors = batch.nmea.errors + batch.decode.errors
                unknown = unknown_times(batch)
                con.execute("BEGIN TRANSACTION")
                try:
                    rows = write_batch(con, batch, source)
                    log.bytes_done += len(data)
                    log.lines_done = dec.lines_done
                    log.chunks_done = index + 1
                    log.sentences += sentences
                    log.messages += batch.rows
                    log.rows += sum(rows.values())
                    log.unknown_time += unknown
                    log.errors.update(errors)
                    con.execute(
                        "UPDATE ingest_log SET bytes_done = ?, lines_done = ?, chunks_done = ?,"
                        " sentences = ?, messages = ?, rows = ?, unknown_time = ?, errors = ?,"
                        " errors_by_reason = ?, updated = ? WHERE file_id = ?",
                        [log.bytes_done, log.lines_done, log.chunks_done, log.sentences,
                         log.messages, log.rows, log.unknown_time, log.errors.total(),
                         _errors_json(log.errors), _now(), fid],
                    )  # fmt: skip
                    con.execute("COMMIT")
                except BaseException:
                    _rollback(con)
                    result.outcome = "interrupted"
                    result.seconds = time.perf_counter() - t0
                    raise
                result.rows.update(rows)
                result.sentences += sentences
                result.messages += batch.rows
                result.unknown_time += unknown
                result.errors.update(errors)
                result.chunks += 1
                result.bytes += len(data)
            if on_progress is not None:
                on_progress(Progress(str(path), len(data), sentences, index < skip,
                                     index + 1, dec.lines_done))  # fmt: skip
    finally:
        dec.close()  # framing's arrays to the next file's decoder
    con.execute(
        "UPDATE ingest_log SET status = 'complete', finished = ?, updated = ? WHERE file_id = ?",
        [_now(), _now(), fid],
    )
    result.seconds = time.perf_counter() - t0
    return result


def _rollback(con: Any) -> None:
    """Roll back the open transaction, if any (an interrupt may land after COMMIT)."""
    import duckdb

    with contextlib.suppress(duckdb.Error):
        con.execute("ROLLBACK")
