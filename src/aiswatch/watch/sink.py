"""Alerts into the DuckDB store (the I/O edge): an ``alerts`` table, upserted by alert id,
so re-running the watch over the same input updates rows instead of adding duplicates.

Columns: ``id`` (primary key), ``kind``, ``severity``, ``status`` (open / closed), ``mmsi``
(BIGINT[]), ``names`` (VARCHAR[], the vessels' names when the alert was raised), ``start``
and ``end`` (TIMESTAMP, UTC; quote them in SQL: ``"end"``), ``lat``, ``lon``, ``zone``,
``summary``, ``vessels``, ``evidence`` and ``details`` (JSON text), ``updates`` and
``updated`` (stream time of the last update).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from aiswatch.watch.alerts import Alert

__all__ = ["ALERTS_DDL", "create_alerts_table", "store_alerts", "write_alerts"]

ALERTS_DDL = """
CREATE TABLE IF NOT EXISTS alerts (
    id VARCHAR PRIMARY KEY,
    kind VARCHAR NOT NULL,
    severity VARCHAR NOT NULL,
    status VARCHAR NOT NULL,
    mmsi BIGINT[] NOT NULL,
    names VARCHAR[],
    "start" TIMESTAMP NOT NULL,
    "end" TIMESTAMP NOT NULL,
    lat DOUBLE,
    lon DOUBLE,
    zone VARCHAR,
    summary VARCHAR,
    vessels VARCHAR,
    evidence VARCHAR,
    details VARCHAR,
    updates INTEGER,
    updated TIMESTAMP
)
"""

_COLUMNS = ("id", "kind", "severity", "status", "mmsi", "names", '"start"', '"end"', "lat",
            "lon", "zone", "summary", "vessels", "evidence", "details", "updates", "updated")  # fmt: skip
_UPSERT = (
    f"INSERT INTO alerts ({', '.join(_COLUMNS)}) VALUES ({', '.join('?' * len(_COLUMNS))}) "
    "ON CONFLICT (id) DO UPDATE SET "
    + ", ".join(f"{c} = excluded.{c}" for c in _COLUMNS if c != "id")
)


def _ts(t: float) -> datetime:
    return datetime.fromtimestamp(t, UTC).replace(tzinfo=None)


def _row(a: Alert) -> list[Any]:
    d = a.to_dict()
    return [
        a.id,
        a.kind,
        a.severity,
        a.status,
        list(a.mmsi),
        a.names,
        _ts(a.start),
        _ts(a.end),
        a.lat,
        a.lon,
        a.zone,
        a.summary,
        json.dumps(d["vessels"]),
        json.dumps(d["evidence"]),
        json.dumps(d["details"], default=str),
        a.updates,
        _ts(a.updated),
    ]


def create_alerts_table(con: Any) -> None:
    con.execute(ALERTS_DDL)


def write_alerts(con: Any, alerts: Iterable[Alert]) -> int:
    """Upsert alerts into an open DuckDB connection; returns how many were written."""
    create_alerts_table(con)
    rows = [_row(a) for a in alerts]
    if rows:
        con.executemany(_UPSERT, rows)
    return len(rows)


def store_alerts(db: str | Path, alerts: Iterable[Alert]) -> int:
    """Upsert alerts into the DuckDB file ``db`` (created if need be)."""
    import duckdb

    con = duckdb.connect(str(db))
    try:
        return write_alerts(con, alerts)
    finally:
        con.close()
