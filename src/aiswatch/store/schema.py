"""The store's tables, and how each AIS message type's columnar table maps onto them.

Every message table starts with the same columns (`mmsi`, `time`, `time_known`, `msg_type`,
`repeat`) and ends with where the row came from (`source_file`, `line`, `station`,
`channel`): `line` is the 1-based line of the message's first sentence in `source_file`, so
(`source_file`, `line`) names a row in a table. `time` is the receive time (TIMESTAMPTZ,
UTC) from the log's own convention (tag block `c:`, Gatehouse `$PGHP`, leading or trailing
timestamps); when the log gives none it is NULL and `time_known` is false, never invented.

Message types go to:

================== ===========================================================
positions          1, 2, 3 (class A), 18, 19 (class B), 9 (SAR), 27 (LR)
static_voyage      5, 19 (its static part, beside its position row), 24 (part A or B)
base_stations      4, 11
binary_messages    6, 8, 25, 26
aids_to_navigation 21
other_messages     every other type, members as JSON text (`fields`)
================== ===========================================================

Units are the decoder's: degrees, knots, degrees; "not available" is NULL.
"""

from __future__ import annotations

from dataclasses import dataclass

import pyarrow as pa

from aiswatch.columnar import type_schema

HEAD = [("mmsi", "BIGINT"), ("time", "TIMESTAMPTZ"), ("time_known", "BOOLEAN"),
        ("msg_type", "UTINYINT"), ("repeat", "UTINYINT")]  # fmt: skip
TAIL = [("source_file", "VARCHAR"), ("line", "BIGINT"), ("station", "VARCHAR"),
        ("channel", "VARCHAR")]  # fmt: skip

_I, _D, _B, _S, _L = "INTEGER", "DOUBLE", "BOOLEAN", "VARCHAR", "BIGINT"
DIMENSIONS = [("to_bow", _I), ("to_stern", _I), ("to_port", _I), ("to_starboard", _I)]

BODY: dict[str, list[tuple[str, str]]] = {
    "positions": [
        ("class", _S), ("lat", _D), ("lon", _D), ("sog", _D), ("cog", _D), ("heading", _I),
        ("status", _I), ("turn", _D), ("rot", _I), ("accuracy", _B), ("raim", _B),
        ("second", _I), ("maneuver", _I), ("alt", _I), ("assigned", _B), ("gnss", _I),
        ("dte", _B), ("regional", _I), ("reserved", _I), ("cs", _B), ("display", _B),
        ("dsc", _B), ("band", _B), ("msg22", _B), ("radio", _I),
    ],
    "static_voyage": [
        ("part", _S), ("imo", _L), ("callsign", _S), ("shipname", _S), ("shiptype", _I),
        *DIMENSIONS, ("epfd", _I), ("draught", _D), ("destination", _S), ("eta_month", _I),
        ("eta_day", _I), ("eta_hour", _I), ("eta_minute", _I), ("ais_version", _I),
        ("dte", _B), ("vendorid", _S), ("model", _I), ("serial", _I),
        ("mothership_mmsi", _L),
    ],
    "base_stations": [
        ("utc", "TIMESTAMPTZ"), ("lat", _D), ("lon", _D), ("accuracy", _B), ("epfd", _I),
        ("raim", _B), ("year", _I), ("month", _I), ("day", _I), ("hour", _I), ("minute", _I),
        ("second", _I), ("radio", _I),
    ],
    "binary_messages": [
        ("dac", _I), ("fid", _I), ("dest_mmsi", _L), ("seqno", _I), ("retransmit", _B),
        ("addressed", _B), ("structured", _B), ("data", _S), ("app", "JSON"), ("radio", _I),
    ],
    "aids_to_navigation": [
        ("aid_type", _I), ("name", _S), ("name_ext", _S), ("lat", _D), ("lon", _D),
        ("accuracy", _B), *DIMENSIONS, ("epfd", _I), ("second", _I), ("off_position", _B),
        ("regional", _I), ("raim", _B), ("virtual_aid", _B), ("assigned", _B),
    ],
    "other_messages": [("fields", "JSON")],
}  # fmt: skip

MESSAGE_TABLES = list(BODY)

INGEST_LOG = """
CREATE TABLE IF NOT EXISTS ingest_log (
    file_id VARCHAR PRIMARY KEY,   -- sha256 of (size, sha256 of first MiB, of last MiB)
    path VARCHAR NOT NULL,         -- absolute path at first ingest (rows' source_file)
    size BIGINT NOT NULL,          -- bytes on disk
    mtime TIMESTAMPTZ,
    head_sha256 VARCHAR NOT NULL,
    tail_sha256 VARCHAR NOT NULL,
    chunk_bytes BIGINT NOT NULL,   -- chunking used (a resumed run reuses it)
    status VARCHAR NOT NULL,       -- 'running' or 'complete'
    bytes_done BIGINT NOT NULL,    -- decompressed bytes of the committed chunks
    lines_done BIGINT NOT NULL,
    chunks_done BIGINT NOT NULL,
    sentences BIGINT NOT NULL,
    messages BIGINT NOT NULL,      -- messages decoded = rows in the message tables
    rows BIGINT NOT NULL,          -- rows written (type 19 writes two)
    unknown_time BIGINT NOT NULL,  -- messages with no receive time in the log
    errors BIGINT NOT NULL,
    errors_by_reason JSON,
    runs INTEGER NOT NULL,         -- 1, plus one per resumption
    started TIMESTAMPTZ NOT NULL,
    updated TIMESTAMPTZ NOT NULL,
    finished TIMESTAMPTZ,
    tool_version VARCHAR NOT NULL
)"""


def columns(table: str) -> list[tuple[str, str]]:
    """(name, SQL type) of a message table, in order."""
    return [*HEAD, *BODY[table], *TAIL]


def ddl() -> list[str]:
    """CREATE statements for every table (idempotent)."""
    out = []
    for table in MESSAGE_TABLES:
        cols = ",\n    ".join(f'"{n}" {t}' for n, t in columns(table))
        out.append(f"CREATE TABLE IF NOT EXISTS {table} (\n    {cols}\n)")
    out.append(INGEST_LOG)
    return out


# -- routes: message type -> [(table, {column: SQL expression over the type's table})] ----

_COMMON = {
    "time": "time",  # the writer adds it: rxtime as timestamp[us, UTC]
    "time_known": "rxtime IS NOT NULL",
    "msg_type": "type",
    "source_file": "$source",
}
_CLASS = {1: "A", 2: "A", 3: "A", 18: "B", 19: "B", 9: "SAR", 27: "LR"}
_RENAMES = {
    "positions": {"sog": "speed", "cog": "course"},
    "static_voyage": {
        "eta_month": "month",
        "eta_day": "day",
        "eta_hour": "hour",
        "eta_minute": "minute",
    },
}
_UTC = ("try(timezone('UTC', make_timestamp(year, month, day, hour, minute, "
        "second::DOUBLE)))")  # fmt: skip


def _table_for(msg_type: int) -> list[str]:
    if msg_type in _CLASS:
        return ["positions", "static_voyage"] if msg_type == 19 else ["positions"]
    for table, types in (("static_voyage", (5, 24)), ("base_stations", (4, 11)),
                         ("binary_messages", (6, 8, 25, 26)),
                         ("aids_to_navigation", (21,))):  # fmt: skip
        if msg_type in types:
            return [table]
    return ["other_messages"]


@dataclass(frozen=True)
class Route:
    """One INSERT: a message type's rows into one table."""

    msg_type: int
    table: str
    exprs: dict[str, str]

    def sql(self, view: str) -> str:
        names = ", ".join(f'"{n}"' for n in self.exprs)
        values = ", ".join(self.exprs.values())
        return f"INSERT INTO {self.table} ({names}) SELECT {values} FROM {view}"


def _route(msg_type: int, table: str) -> Route:
    source = {f.name: f.type for f in type_schema(msg_type)}
    renames = _RENAMES.get(table, {})
    exprs: dict[str, str] = {}
    for name, sqltype in columns(table):
        src = renames.get(name, name)
        if name in _COMMON:
            exprs[name] = _COMMON[name]
        elif name == "class":
            exprs[name] = f"'{_CLASS[msg_type]}'"
        elif name == "part" and msg_type == 24:
            exprs[name] = "CASE partno WHEN 0 THEN 'A' WHEN 1 THEN 'B' END"
        elif name == "utc":
            exprs[name] = _UTC
        elif name == "fields":
            skip = {"line", "rxtime", "station", "channel", "type", "repeat", "mmsi"}
            members = [n for n in source if n not in skip]
            exprs[name] = "json_object(" + ", ".join(f"'{n}', \"{n}\"" for n in members) + ")"
        elif src in source:
            cast = sqltype if _needs_cast(source[src], sqltype) else None
            exprs[name] = f'"{src}"::{cast}' if cast else f'"{src}"'
    return Route(msg_type, table, exprs)


def _needs_cast(arrow: pa.DataType, sqltype: str) -> bool:
    natural = {pa.int64(): "BIGINT", pa.float64(): "DOUBLE", pa.bool_(): "BOOLEAN",
               pa.string(): "VARCHAR"}  # fmt: skip
    return natural.get(arrow) != sqltype


ROUTES: dict[int, list[Route]] = {
    t: [_route(t, table) for table in _table_for(t)] for t in range(1, 28)
}
