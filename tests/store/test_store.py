"""The store: row counts, idempotency, receive times, Parquet export, and the stored
positions against the scalar decoder on real logs."""

from __future__ import annotations

import math
import shutil
from collections import Counter
from pathlib import Path
from typing import Any

import duckdb
import pytest

from aiswatch.ais import DecodeError, Message
from aiswatch.columnar import type_schema
from aiswatch.nmea import NmeaReader
from aiswatch.sources import open_lines
from aiswatch.store import MESSAGE_TABLES, ROUTES, connect, export_parquet, ingest_file
from tests.conftest import real_log_params
from tests.store.logs import T0, write_log


def scalar_messages(path: Path) -> list[tuple[Message, Any]]:
    out = []
    for raw in NmeaReader().read(open_lines(path), str(path)):
        try:
            out.append((Message.decode(raw.payload, raw.fill), raw))
        except DecodeError:
            continue
    return out


def expected_rows(path: Path) -> Counter[str]:
    want: Counter[str] = Counter()
    for msg, _ in scalar_messages(path):
        for route in ROUTES[msg.type]:
            want[route.table] += 1
    return want


def table_counts(con: Any) -> Counter[str]:
    out: Counter[str] = Counter()
    for t in MESSAGE_TABLES:
        n = con.execute(f"SELECT count(*) FROM {t}").fetchall()[0][0]
        if n:
            out[t] = n
    return out


@pytest.fixture
def log(tmp_path: Path) -> Path:
    return write_log(tmp_path / "gen.nmea", 400)


def test_row_counts_equal_decoded_messages(tmp_path: Path, log: Path) -> None:
    con = connect(tmp_path / "s.duckdb")
    res = ingest_file(con, log, chunk_bytes=4096)  # many chunks, type 5 split across some
    want = expected_rows(log)
    assert set(want) == set(MESSAGE_TABLES)  # the log feeds every table
    assert table_counts(con) == want
    assert res.rows == want
    status, messages, rows, errors = con.execute(
        "SELECT status, messages, rows, errors FROM ingest_log"
    ).fetchall()[0]
    assert status == "complete"
    assert messages == len(scalar_messages(log)) == res.messages
    assert rows == sum(want.values())  # type 19 counts in two tables
    assert errors == sum(res.errors.values()) > 0  # the bad lines, located and counted
    dup = con.execute(
        "SELECT count(*) FROM (SELECT line FROM positions GROUP BY source_file, line "
        "HAVING count(*) > 1)"
    ).fetchall()[0][0]
    assert dup == 0


def test_same_file_twice_adds_nothing(tmp_path: Path, log: Path) -> None:
    con = connect(tmp_path / "s.duckdb")
    first = ingest_file(con, log)
    before = table_counts(con)
    second = ingest_file(con, log)
    assert (first.outcome, second.outcome) == ("complete", "skipped")
    assert second.already_as == str(log.resolve()) and not second.rows
    copy = shutil.copy(log, tmp_path / "renamed.nmea")
    assert ingest_file(con, copy).outcome == "skipped"  # same content, another name
    assert table_counts(con) == before
    assert con.execute("SELECT count(*) FROM ingest_log").fetchall()[0][0] == 1


def test_times_from_tag_blocks_or_unknown(tmp_path: Path) -> None:
    con = connect(tmp_path / "s.duckdb")
    timed = write_log(tmp_path / "timed.nmea", 50, step=60.0, bad_every=0)
    untimed = write_log(tmp_path / "untimed.nmea", 50, timed=False, bad_every=0, seed=2)
    ingest_file(con, timed)
    res = ingest_file(con, untimed)
    assert res.unknown_time == res.messages > 0
    rows = con.execute(
        "SELECT source_file, line, epoch(time), time_known FROM positions ORDER BY source_file, line"
    ).fetchall()
    by_file: dict[str, list[tuple[Any, ...]]] = {}
    for r in rows:
        by_file.setdefault(Path(r[0]).name, []).append(r)
    assert all(r[2] is None and r[3] is False for r in by_file["untimed.nmea"])
    # The generator writes message i at T0 + 60 i; messages are one line each except the
    # two-part type 5, so check against the scalar reader's times instead of guessing.
    want = {raw.line: raw.time for m, raw in scalar_messages(timed) if m.type in (1, 3, 18)}
    got = {r[1]: r[2] for r in by_file["timed.nmea"] if r[1] in want}
    assert got and all(math.isclose(got[k], want[k]) for k in got)
    assert min(got.values()) == T0
    unknown = con.execute("SELECT unknown_time FROM ingest_log ORDER BY path").fetchall()
    assert [u[0] for u in unknown] == [0, res.messages]


def test_export_parquet_partitioned_by_date(tmp_path: Path) -> None:
    con = connect(tmp_path / "s.duckdb")
    ingest_file(con, write_log(tmp_path / "timed.nmea", 400, step=600.0))  # ~2.8 days
    ingest_file(con, write_log(tmp_path / "untimed.nmea", 40, timed=False, seed=3))
    out = tmp_path / "pq"
    res = export_parquet(con, out)
    days = sorted(p.relative_to(out / "positions").as_posix()
                  for p in (out / "positions").glob("date=*"))  # fmt: skip
    assert days == ["date=2024-05-17", "date=2024-05-18", "date=2024-05-19"]
    rd = duckdb.connect()
    for table in MESSAGE_TABLES:
        n = con.execute(f"SELECT count(*) FROM {table}").fetchall()[0][0]
        dated = undated = 0
        if (out / table).exists():
            dated = rd.execute(
                f"SELECT count(*) FROM read_parquet('{out / table}/**/*.parquet', "
                "hive_partitioning = true)"
            ).fetchall()[0][0]
        if (out / "undated" / f"{table}.parquet").exists():
            undated = rd.execute(
                f"SELECT count(*) FROM '{out / 'undated' / table}.parquet'"
            ).fetchall()[0][0]
        assert dated + undated == n, table
        assert res.dated.get(table, 0) == dated and res.undated.get(table, 0) == undated
    # The partition key comes back from the folder names, equal to the UTC date, in every
    # table (base station reports carry year/month/day columns of their own).
    for table in MESSAGE_TABLES:
        if (out / table).exists():
            bad = rd.execute(
                f"SELECT count(*) FROM read_parquet('{out / table}/**/*.parquet', "
                "hive_partitioning = true) WHERE date != CAST(timezone('UTC', time) AS DATE)"
            ).fetchall()[0][0]
            assert bad == 0, table
    with pytest.raises(FileExistsError):
        export_parquet(con, out)
    export_parquet(con, out, overwrite=True)


def test_routes_store_every_member() -> None:
    # Nothing decoded is dropped: every member of every type is a column or in `fields`.
    import re

    for msg_type, routes in ROUTES.items():
        used: set[str] = set()
        for r in routes:
            for expr in r.exprs.values():
                used |= set(re.findall(r"\w+", expr))
        assert set(type_schema(msg_type).names) <= used, msg_type


POSITION_TYPES = {1, 2, 3, 9, 18, 19, 27}


@pytest.mark.parametrize("path", real_log_params(), ids=lambda p: getattr(p, "name", "none"))
def test_positions_match_scalar_decoder(tmp_path: Path, path: Path) -> None:
    """Differential check: the store's positions equal the scalar decoder's messages."""
    con = connect(tmp_path / "s.duckdb")
    ingest_file(con, path, chunk_bytes=32768)
    got = con.execute(
        "SELECT line, mmsi, msg_type, lat, lon, sog, cog, heading, status, turn, "
        "epoch(time), time_known, station FROM positions ORDER BY line"
    ).fetchall()
    want = []
    for msg, raw in scalar_messages(path):
        if msg.type not in POSITION_TYPES:
            continue
        j = msg.json()
        turn = j.get("turn")
        want.append((raw.line, msg.mmsi, msg.type, j.get("lat"), j.get("lon"), j.get("speed"),
                     j.get("course"), j.get("heading"), j.get("status"),
                     turn if isinstance(turn, float | int) else None, raw.time,
                     raw.time is not None, raw.station))  # fmt: skip
    assert len(got) == len(want), path.name
    for g, w in zip(got, want, strict=True):
        for a, b in zip(g, w, strict=True):
            if isinstance(a, float) and isinstance(b, float | int):
                assert math.isclose(a, b, abs_tol=1e-6), (path.name, g, w)
            else:
                assert a == b, (path.name, g, w)
