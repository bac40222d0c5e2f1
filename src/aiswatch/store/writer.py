"""Decoded batches into DuckDB: each type's Arrow table is scanned in place (no copy)
by one INSERT ... SELECT per destination table."""

from __future__ import annotations

from collections import Counter
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from aiswatch.columnar import Batch
from aiswatch.store.schema import ROUTES, ddl

_VIEW = "aiswatch_batch"


def create_tables(con: Any) -> None:
    """Create the store's tables where missing; work in UTC."""
    con.execute("SET TimeZone = 'UTC'")
    for stmt in ddl():
        con.execute(stmt)


def write_batch(con: Any, batch: Batch, source_file: str) -> Counter[str]:
    """Insert every message of `batch` (inside the caller's transaction); rows per table."""
    rows: Counter[str] = Counter()
    for msg_type, table in batch.tables.items():
        if table.num_rows:
            write_table(con, msg_type, table, source_file, rows)
    return rows


def write_table(
    con: Any, msg_type: int, table: pa.Table, source_file: str, rows: Counter[str]
) -> None:
    con.register(_VIEW, with_time(table))
    try:
        for route in ROUTES[msg_type]:
            con.execute(route.sql(_VIEW), {"source": source_file})
            rows[route.table] += table.num_rows
    finally:
        con.unregister(_VIEW)


def with_time(table: pa.Table) -> pa.Table:
    """`table` with a `time` column: `rxtime` (float Unix seconds) as microseconds UTC."""
    rx = table.column("rxtime").to_numpy(zero_copy_only=False)
    missing = np.isnan(rx)
    us = np.round(np.where(missing, 0.0, rx) * 1e6).astype(np.int64)
    time = pa.array(us, type=pa.timestamp("us", tz="UTC"), mask=missing)
    return table.append_column("time", time)


def unknown_times(batch: Batch) -> int:
    """Messages of the batch with no receive time."""
    return sum(int(pc.sum(pc.is_null(t.column("rxtime"))).as_py() or 0)
               for t in batch.tables.values())  # fmt: skip
