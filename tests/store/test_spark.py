"""Apache Spark reads the exported Parquet directly: same rows, same values, partition keys
from the folder names.

pyspark (and a Java runtime) is a heavy optional peer, not one of the project's pinned test
dependencies: this test runs where it is installed (``pip install pyspark==3.5.3``, Java 17)
and is skipped, with that reason, elsewhere. bench/RESULTS.md records a run.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import duckdb
import pytest

from aiswatch.store import MESSAGE_TABLES, connect, export_parquet, ingest_file
from tests.store.logs import write_log

pyspark_sql = pytest.importorskip(
    "pyspark.sql", reason="pyspark is not installed (optional: pip install pyspark==3.5.3)"
)
if shutil.which("java") is None:  # pragma: no cover - depends on the machine
    pytest.skip("no Java runtime for Spark", allow_module_level=True)


@pytest.fixture(scope="module")
def spark() -> Iterator[Any]:
    session = (
        pyspark_sql.SparkSession.builder.master("local[1]")
        .appName("aiswatch-parquet")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.session.timeZone", "UTC")
        .getOrCreate()
    )
    yield session
    session.stop()


def test_spark_reads_every_table_as_duckdb_wrote_it(tmp_path: Path, spark: Any) -> None:
    con = connect(tmp_path / "s.duckdb")
    ingest_file(con, write_log(tmp_path / "timed.nmea", 400, step=600.0))  # ~2.8 days
    ingest_file(con, write_log(tmp_path / "untimed.nmea", 40, timed=False, seed=3))
    out = tmp_path / "pq"
    res = export_parquet(con, out)
    for table in MESSAGE_TABLES:
        if not (out / table).exists():
            continue
        df = spark.read.parquet(str(out / table))
        assert df.count() == res.dated[table], table
        # The date comes back as a partition column (a date), equal to the UTC date.
        assert dict(df.dtypes)["date"] == "date", table
        assert df.filter("date != to_date(time)").count() == 0, table
    # Values: positions read by Spark equal the store's, row for row.
    cols = ["mmsi", "lat", "lon", "sog", "msg_type"]
    got = sorted(
        tuple(r) for r in spark.read.parquet(str(out / "positions")).select(*cols).collect()
    )
    want = sorted(
        con.execute(f"SELECT {', '.join(cols)} FROM positions WHERE time IS NOT NULL").fetchall()
    )
    assert got == want and len(got) > 100
    undated = spark.read.parquet(str(out / "undated" / "positions.parquet"))
    assert undated.count() == res.undated["positions"] > 0
    log = spark.read.parquet(str(out / "ingest_log.parquet"))
    assert (
        log.count()
        == duckdb.connect()
        .execute(f"SELECT count(*) FROM '{out / 'ingest_log.parquet'}'")
        .fetchall()[0][0]
        == 2
    )
