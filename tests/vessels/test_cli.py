"""`aiswatch vessel` and `aiswatch track` on a real DuckDB store, filled by the store's own
ingest from a log written with our encoder."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
import typer
from typer.testing import CliRunner

from aiswatch.cli.vessels import track_command, vessel_command
from aiswatch.columnar import decode_file
from aiswatch.store import connect, ingest_file
from aiswatch.vessels import Report, VesselRegistry, event_to_dict, reports_from_tables

from .scenarios import by_time, class_b, name_change, shared_mmsi, shunxing_swap, write_log

app = typer.Typer()
app.command("vessel")(vessel_command)
app.command("track")(track_command)
runner = CliRunner()


def _reports() -> list[Report]:
    return by_time(shunxing_swap(), shared_mmsi(), name_change(), class_b())


@pytest.fixture(scope="module")
def log(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("vessels") / "scenarios.nmea"
    write_log(str(path), _reports())
    return path


@pytest.fixture(scope="module")
def db(log: Path) -> Path:
    path = log.with_suffix(".duckdb")
    con = connect(path)
    ingest_file(con, log)
    con.close()
    return path


def _vessel(db: Path, *args: str) -> dict[str, Any]:
    res = runner.invoke(app, ["vessel", *args, "--db", str(db), "--json"])
    assert res.exit_code == 0, res.output
    out: dict[str, Any] = json.loads(res.stdout)
    return out


def test_file_ingest_and_direct_replay_agree(log: Path) -> None:
    direct = VesselRegistry()
    ev_direct = [event_to_dict(e) for e in direct.update_many(_reports())]
    from_file = VesselRegistry()
    ev_file = []
    for batch in decode_file(log):
        ev_file += [
            event_to_dict(e) for e in from_file.update_many(reports_from_tables(batch.tables))
        ]
    assert ev_file == ev_direct
    bulk = VesselRegistry()
    ev_bulk = []
    for batch in decode_file(log):
        ev_bulk += [event_to_dict(e) for e in bulk.update_tables(batch.tables)]
    assert ev_bulk == ev_direct


def test_vessel_by_mmsi_shows_the_swap(db: Path) -> None:
    out = _vessel(db, "677087200")
    assert out["matches"] == [{"mmsi": 677087200, "by": "mmsi", "value": "677087200", "score": 1.0}]
    (d,) = out["dossiers"]
    assert d["flag"] == "TZ" and d["identity"]["name"] == "XING SHUN 39"
    assert d["identity"]["imo"] == 8358427
    swaps = [x for x in d["links"] if x["kind"] == "possible_swap"]
    assert [x["mmsis"] for x in swaps] == [[613003889, 677087200]]
    assert "possible_swap" in d["flags"]
    assert d["stats"]["positions_by_class"] == {"A": 60}
    # the other side sees it too (it stopped where the new one started)
    (d,) = _vessel(db, "613003889")["dossiers"]
    assert [x["mmsis"] for x in d["links"] if x["kind"] == "possible_swap"] == [
        [613003889, 677087200]
    ]


def test_vessel_by_imo(db: Path) -> None:
    out = _vessel(db, "8358427")
    assert [m["mmsi"] for m in out["matches"]] == [677087200]
    assert out["matches"][0]["by"] == "imo"
    assert _vessel(db, "IMO 9074729")["dossiers"][0]["mmsi"] == 244123000


def test_vessel_by_fuzzy_name(db: Path) -> None:
    out = _vessel(db, "hong tai")
    assert [m["mmsi"] for m in out["matches"]] == [416123456]
    (d,) = out["dossiers"]
    assert {"multi_name", "overlap", "impossible_jump"} <= set(d["flags"])
    assert len(d["segments"]) == 2 and sorted(s["positions"] for s in d["segments"]) == [180, 180]
    assert sorted(i["name"] for i in d["identities"]) == ["HONG TAI 168", "HONG TAI 58"]
    out = _vessel(db, "XING SHUN 3")  # a typo-ish partial name
    assert out["matches"][0]["mmsi"] == 677087200


def test_name_change_and_class_b_join(db: Path) -> None:
    (d,) = _vessel(db, "244123000")["dossiers"]
    assert [i["name"] for i in d["identities"]] == ["OLD NAME", "NEW NAME"]
    assert [c["changes"] for c in d["changes"] if c["old"]] == [
        [{"field": "name", "old": "OLD NAME", "new": "NEW NAME"}]
    ]
    (d,) = _vessel(db, "338000001")["dossiers"]
    (ident,) = d["identities"]
    assert (ident["name"], ident["callsign"], ident["shiptype"]) == ("SEA BIRD", "WDA1234", 37)
    assert ident["count"] == 9  # the first part A waited for its part B


def test_vessel_text_and_no_match(db: Path) -> None:
    res = runner.invoke(app, ["vessel", "hong tai", "--db", str(db)])
    assert res.exit_code == 0, res.output
    assert "HONG TAI 168" in res.stdout and "overlap" in res.stdout
    res = runner.invoke(app, ["vessel", "999999999", "--db", str(db)])
    assert res.exit_code == 1
    res = runner.invoke(app, ["vessel", "1", "--db", str(db.with_name("missing.duckdb"))])
    assert res.exit_code != 0


def test_track_exports(db: Path, tmp_path: Path) -> None:
    res = runner.invoke(app, ["track", "416123456", "--db", str(db), "--format", "geojson"])
    assert res.exit_code == 0, res.output
    fc = json.loads(res.stdout)
    assert [f["geometry"]["type"] for f in fc["features"]] == ["LineString", "LineString"]
    assert [len(f["properties"]["coordTimes"]) for f in fc["features"]] == [180, 180]
    assert all(f["properties"]["overlap"] for f in fc["features"])
    lats = [f["geometry"]["coordinates"][0][1] for f in fc["features"]]
    assert abs(lats[0] - lats[1]) > 1.7  # two ships, never mixed

    out = tmp_path / "t.kml"
    res = runner.invoke(app, ["track", "416123456", "--db", str(db), "-f", "kml", "-o", str(out)])
    assert res.exit_code == 0, res.output
    root = ET.parse(out).getroot()
    ns = {"k": "http://www.opengis.net/kml/2.2", "gx": "http://www.google.com/kml/ext/2.2"}
    tracks = root.findall(".//gx:Track", ns)
    assert len(tracks) == 2
    for tr in tracks:
        assert len(tr.findall("k:when", ns)) == len(tr.findall("gx:coord", ns)) == 180
    first_when = tracks[0].find("k:when", ns)
    assert first_when is not None and first_when.text == "2025-01-01T00:00:00Z"

    res = runner.invoke(app, ["track", "244123000", "--db", str(db), "-f", "csv"])
    rows = list(csv.DictReader(io.StringIO(res.stdout)))
    assert len(rows) == 360 and {r["segment"] for r in rows} == {rows[0]["segment"]}
    assert rows[0]["time"] == "2025-01-01T00:00:00Z" and float(rows[0]["sog"]) == 12.0

    res = runner.invoke(app, ["track", "111111111", "--db", str(db)])
    assert res.exit_code == 1
