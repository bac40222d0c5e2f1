"""Check that Apache Spark reads `aiswatch export --parquet` output directly.

    .venv/bin/pip install pyspark==3.5.3     # plus a Java 17 runtime; not a project dependency
    .venv/bin/python bench/spark_read.py

Simulates 30 h of the `baltic` scenario (60 vessels, so the data spans two UTC dates and
carries base station reports, whose own year/month/day columns once clashed with the
partition keys), ingests it into a fresh DuckDB store, exports Parquet and reads every table
back with Spark in local mode: the same row count as the store, a `date` partition column
typed as a date and equal to the UTC date of `time`, and positions equal to the store's row
for row. Prints one line per table and exits non-zero on any difference. pyspark and Java are
heavy and only this check needs them, so they are not in the pinned test dependencies; the
result is recorded in bench/RESULTS.md.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path


def main() -> int:
    try:
        from pyspark.sql import SparkSession
    except ImportError:
        print("pyspark is not installed: .venv/bin/pip install pyspark==3.5.3", file=sys.stderr)
        return 2
    if shutil.which("java") is None:
        print("no Java runtime on PATH (Spark needs Java 17)", file=sys.stderr)
        return 2
    from aiswatch.sim.cli import simulate_command
    from aiswatch.store import MESSAGE_TABLES, connect, export_parquet, ingest_file

    with tempfile.TemporaryDirectory() as tmp:
        log = Path(tmp) / "baltic.nmea"
        simulate_command("baltic", log, duration=30 * 3600, vessels=60, seed=1)
        con = connect(Path(tmp) / "store.duckdb")
        ingest_file(con, log)
        out = Path(tmp) / "pq"
        res = export_parquet(con, out)
        spark = (
            SparkSession.builder.master("local[1]")
            .appName("aiswatch-parquet-check")
            .config("spark.ui.enabled", "false")
            .config("spark.sql.session.timeZone", "UTC")
            .getOrCreate()
        )
        spark.sparkContext.setLogLevel("ERROR")
        failures = 0
        try:
            for table in MESSAGE_TABLES:
                if not (out / table).exists():
                    continue
                df = spark.read.parquet(str(out / table))
                rows, want = df.count(), res.dated[table]
                date_type = dict(df.dtypes).get("date")
                wrong = df.filter("date != to_date(time)").count() if date_type else rows
                days = df.select("date").distinct().count() if date_type else 0
                ok = rows == want and date_type == "date" and wrong == 0
                failures += not ok
                print(f"{table:20} rows {rows:>9,} (store {want:,})  date column {date_type}  "
                      f"dates {days}  wrong dates {wrong}  {'ok' if ok else 'DIFFERS'}")  # fmt: skip
            cols = ["mmsi", "lat", "lon", "sog", "msg_type"]
            got = sorted(
                tuple(r) for r in spark.read.parquet(str(out / "positions")).select(*cols).collect()
            )
            want_rows = sorted(
                con.execute(
                    f"SELECT {', '.join(cols)} FROM positions WHERE time IS NOT NULL"
                ).fetchall()
            )
            same = got == want_rows
            failures += not same
            print(f"positions values: {len(got):,} rows, equal to the store's: {same}")
        finally:
            spark.stop()
    print(f"pyspark {__import__('pyspark').__version__}: {'ok' if not failures else 'FAILED'}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
