"""`aiswatch ingest` and `aiswatch export` through typer (in process)."""

from __future__ import annotations

from pathlib import Path

import typer
from typer.testing import CliRunner

from aiswatch.cli.store import export_command, ingest_command
from aiswatch.store import connect
from tests.store.logs import write_log

app = typer.Typer(add_completion=False, pretty_exceptions_enable=False)
app.command("ingest")(ingest_command)
app.command("export")(export_command)


def test_ingest_twice_then_export(tmp_path: Path) -> None:
    log = write_log(tmp_path / "gen.nmea", 300)
    db = tmp_path / "s.duckdb"
    errors = tmp_path / "errors.jsonl"
    runner = CliRunner()
    first = runner.invoke(app, ["ingest", str(log), "--db", str(db), "--errors", str(errors)])
    assert first.exit_code == 0, first.output
    assert "positions" in first.output and "unknown receive time" in first.output
    assert f"{log}:" in first.output  # problems located as file:line: reason
    assert len(errors.read_text().splitlines()) == 3  # bad lines 97, 194 and 291
    con = connect(db, read_only=True)
    n = con.execute("SELECT count(*) FROM positions").fetchall()[0][0]
    con.close()
    again = runner.invoke(app, ["ingest", str(log), "--db", str(db)])
    assert again.exit_code == 0 and "already ingested" in again.output
    con = connect(db, read_only=True)
    assert con.execute("SELECT count(*) FROM positions").fetchall()[0][0] == n
    con.close()
    out = tmp_path / "pq"
    res = runner.invoke(app, ["export", "--db", str(db), "--parquet", str(out)])
    assert res.exit_code == 0, res.output
    assert (out / "positions").is_dir() and (out / "ingest_log.parquet").exists()
    assert runner.invoke(app, ["export", "--db", str(db), "--parquet", str(out)]).exit_code != 0
    missing = runner.invoke(app, ["ingest", str(tmp_path / "nope.nmea"), "--db", str(db)])
    assert missing.exit_code == 1 and "nope.nmea" in missing.output


def test_truncated_compressed_file_is_reported(tmp_path: Path) -> None:
    import gzip

    data = gzip.compress(write_log(tmp_path / "gen.nmea", 2000).read_bytes())
    bad = tmp_path / "cut.nmea.gz"
    bad.write_bytes(data[: len(data) // 2])
    res = CliRunner().invoke(app, ["ingest", str(bad), "--db", str(tmp_path / "s.duckdb")])
    assert res.exit_code == 1 and "read error" in res.output, res.output
