"""Parquet export that DuckDB, Spark, pandas and Arrow read directly.

Layout under DIR (Hive-style partitions by the UTC date of the receive time)::

    DIR/positions/date=2024-05-17/data_0.parquet
    DIR/static_voyage/date=.../...
    ...                         (one folder per message table, only where it has rows)
    DIR/undated/positions.parquet   rows whose receive time is unknown (time IS NULL),
    DIR/undated/...                 one file per table that has any
    DIR/ingest_log.parquet

`date` is the partition key (the folder name, read back as a date), not a column inside the
files; one key named apart from every column (base station reports carry their own `year`,
`month` and `day`). Read it back with Hive partitioning, e.g. in DuckDB
``read_parquet('DIR/positions/**/*.parquet', hive_partitioning = true)`` and in Spark
``spark.read.parquet('DIR/positions')``. `time` is a UTC timestamp (Parquet
isAdjustedToUTC).
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from aiswatch.store.schema import MESSAGE_TABLES

PARTITION = "strftime(timezone('UTC', time), '%Y-%m-%d') AS date"


@dataclass
class ExportResult:
    dated: dict[str, int] = field(default_factory=dict)
    undated: dict[str, int] = field(default_factory=dict)
    files: int = 0


def _q(path: Path) -> str:
    return "'" + str(path).replace("'", "''") + "'"


def export_parquet(con: Any, out: str | Path, *, overwrite: bool = False) -> ExportResult:
    """Write every table of the store under `out` (see the module doc for the layout).
    Refuses a non-empty `out` unless `overwrite` (which empties it first)."""
    root = Path(out)
    if root.exists() and any(root.iterdir()):
        if not overwrite:
            raise FileExistsError(f"{root} is not empty (use --overwrite to replace it)")
        shutil.rmtree(root)
    root.mkdir(parents=True, exist_ok=True)
    res = ExportResult()
    for table in MESSAGE_TABLES:
        dated, undated = con.execute(
            f"SELECT count(time), count(*) - count(time) FROM {table}"
        ).fetchall()[0]
        if dated:
            con.execute(
                f"COPY (SELECT *, {PARTITION} FROM {table} WHERE time IS NOT NULL) "
                f"TO {_q(root / table)} (FORMAT PARQUET, PARTITION_BY (date))"
            )
            res.dated[table] = int(dated)
        if undated:
            (root / "undated").mkdir(exist_ok=True)
            con.execute(
                f"COPY (SELECT * FROM {table} WHERE time IS NULL) "
                f"TO {_q(root / 'undated' / (table + '.parquet'))} (FORMAT PARQUET)"
            )
            res.undated[table] = int(undated)
    con.execute(f"COPY ingest_log TO {_q(root / 'ingest_log.parquet')} (FORMAT PARQUET)")
    res.files = sum(1 for p in root.rglob("*.parquet"))
    return res
