"""The vessel store: decoded AIS messages in one DuckDB file.

>>> con = connect("aiswatch.duckdb")                       # doctest: +SKIP
>>> ingest_file(con, "day.nmea.gz")                         # doctest: +SKIP
>>> export_parquet(con, "parquet/")                         # doctest: +SKIP

Tables and the type routing: `aiswatch.store.schema`; the idempotency and resumption
design: `aiswatch.store.ingest`; the Parquet layout: `aiswatch.store.export`.
"""

from aiswatch.store.export import ExportResult, export_parquet
from aiswatch.store.ingest import (
    DEFAULT_CHUNK_BYTES,
    FileIdentity,
    IngestResult,
    Progress,
    connect,
    identify,
    ingest_file,
)
from aiswatch.store.schema import MESSAGE_TABLES, ROUTES, columns, ddl
from aiswatch.store.writer import create_tables, write_batch

__all__ = [
    "DEFAULT_CHUNK_BYTES",
    "MESSAGE_TABLES",
    "ROUTES",
    "ExportResult",
    "FileIdentity",
    "IngestResult",
    "Progress",
    "columns",
    "connect",
    "create_tables",
    "ddl",
    "export_parquet",
    "identify",
    "ingest_file",
    "write_batch",
]
