"""`aiswatch watch`: table, JSON lines, the DuckDB alerts table, errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from aiswatch.cli.watch import watch_command
from aiswatch.sim.cli import simulate_command

app = typer.Typer()
app.command()(watch_command)


@pytest.fixture(scope="module")
def log(tmp_path_factory: pytest.TempPathFactory) -> Path:
    p = tmp_path_factory.mktemp("watch") / "taiwan.nmea"
    simulate_command("taiwan", p, duration="8h", vessels=6, seed=5)
    return p


def test_json_lines(log: Path) -> None:
    res = CliRunner().invoke(app, [str(log), "--zones", "taiwan", "--json", "--quiet"])
    assert res.exit_code == 0, res.output
    rows = [json.loads(x) for x in res.stdout.splitlines()]
    assert rows
    for row in rows:
        assert {"kind", "mmsi", "start", "end", "lat", "lon", "zone", "severity", "summary"} <= set(
            row
        )
        assert row["start"].endswith("Z") and row["end"] >= row["start"]
    kinds = {r["kind"] for r in rows}
    assert {"mmsi_conflict", "position_on_land", "cable_loitering"} <= kinds


def test_table_and_db(log: Path, tmp_path: Path) -> None:
    import duckdb

    db = tmp_path / "a.duckdb"
    for _ in range(2):  # twice: upserts, no duplicates
        res = CliRunner(env={"COLUMNS": "200"}).invoke(
            app, [str(log), "--zones", "taiwan", "--db", str(db)]
        )
        assert res.exit_code == 0, res.output
        assert "alerts" in res.stdout and "cable_loitering" in res.stdout
    con = duckdb.connect(str(db))
    n, ids = con.execute("SELECT count(*), count(DISTINCT id) FROM alerts").fetchone()  # type: ignore[misc]
    assert n == ids > 0
    row = con.execute(
        'SELECT kind, mmsi, "start", "end", evidence FROM alerts ORDER BY "start" LIMIT 1'
    ).fetchone()
    assert row is not None and isinstance(row[1], list) and json.loads(row[4])


def test_bad_zones_exit_2(log: Path, tmp_path: Path) -> None:
    bad = tmp_path / "bad.geojson"
    bad.write_text('{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": '
                   '{"name": "X", "kind": "cable"}, "geometry": {"type": "LineString", '
                   '"coordinates": [[0, 0], [1, 1]]}}]}')  # fmt: skip
    res = CliRunner().invoke(app, [str(log), "--zones", str(bad)])
    assert res.exit_code == 2
    assert "needs 'corridor_m'" in res.output
    res = CliRunner().invoke(app, [str(tmp_path / "missing.nmea")])
    assert res.exit_code == 2 and "no such file" in res.output
