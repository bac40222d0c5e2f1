"""`aiswatch demo` end to end: simulate, ingest, watch, alerts and the suspect's dossier."""

from __future__ import annotations

from pathlib import Path

import duckdb
from typer.testing import CliRunner

from aiswatch.cli import app


def test_demo_runs_end_to_end(tmp_path: Path) -> None:
    work = tmp_path / "demo"
    result = CliRunner().invoke(
        app, ["demo", "--workdir", str(work), "--duration", "6h"], terminal_width=200
    )
    assert result.exit_code == 0, result.output
    out = result.output
    # The Hong Tai 58 drift over the Taiwan-Penghu No.3 cable is found and explained ...
    assert "cable_loitering" in out and "Taiwan-Penghu No.3" in out
    assert "HONG TAI 58" in out
    # ... and the dossier of its MMSI follows, with the names it has used.
    assert "671000058" in out and "multi_name" in out
    con = duckdb.connect(str(work / "aiswatch.duckdb"), read_only=True)
    try:
        positions = con.execute("SELECT count(*) FROM positions").fetchone()
        kinds = {k for (k,) in con.execute("SELECT DISTINCT kind FROM alerts").fetchall()}
    finally:
        con.close()
    assert positions is not None and positions[0] > 10_000
    assert "cable_loitering" in kinds
