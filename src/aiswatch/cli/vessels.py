"""`aiswatch vessel QUERY` (a dossier: identities over time, linked MMSIs, track segments,
last position, flags) and `aiswatch track MMSI` (GeoJSON, KML with gx:Track, or CSV), both
over the DuckDB store."""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from aiswatch.ais.tables import ship_type_text
from aiswatch.vessels.export import iso, to_csv, to_geojson, to_kml
from aiswatch.vessels.query import (
    Match,
    connect,
    dossier_from_store,
    find_vessels,
    track_from_store,
)
from aiswatch.vessels.registry import Dossier

DEFAULT_DB = Path("aiswatch.duckdb")


class TrackFormat(StrEnum):
    geojson = "geojson"
    kml = "kml"
    csv = "csv"


def _open(db: Path) -> Any:
    try:
        return connect(db)
    except FileNotFoundError:
        raise typer.BadParameter(f"no such store: {db}", param_hint="--db") from None


def vessel_command(
    query: Annotated[
        str, typer.Argument(help="An MMSI, an IMO number (7 digits or 'IMO n'), or a name")
    ],
    db: Annotated[Path, typer.Option("--db", help="DuckDB store file")] = DEFAULT_DB,
    as_json: Annotated[bool, typer.Option("--json", help="JSON for machines")] = False,
    limit: Annotated[
        int, typer.Option("--limit", "-n", help="Dossiers for at most this many MMSIs")
    ] = 5,
) -> None:
    """Who is who, over time: the dossier of every MMSI matching QUERY.

    Names match fuzzily (Jaro-Winkler, substrings), so one query can find an MMSI's other
    names and the other MMSIs of a name. Exit status 1 when nothing matches."""
    con = _open(db)
    try:
        matches = find_vessels(con, query, limit=limit)
        dossiers = [dossier_from_store(con, m.mmsi) for m in _unique(matches)]
    finally:
        con.close()
    if as_json:
        out = {
            "query": query,
            "matches": [
                {"mmsi": m.mmsi, "by": m.by, "value": m.value, "score": m.score} for m in matches
            ],
            "dossiers": [{**d.to_dict(), "stats": stats} for d, stats in dossiers],
        }
        sys.stdout.write(json.dumps(out, indent=2) + "\n")
    else:
        console = Console(highlight=False)
        if not matches:
            console.print(f"no vessel matches {query!r}")
        elif len(matches) > 1 or matches[0].by != "mmsi":
            console.print(_matches_table(query, matches))
        for d, stats in dossiers:
            print_dossier(console, d, stats)
    if not matches:
        raise typer.Exit(1)


def _unique(matches: list[Match]) -> list[Match]:
    seen: set[int] = set()
    out = []
    for m in matches:
        if m.mmsi not in seen:
            seen.add(m.mmsi)
            out.append(m)
    return out


def _matches_table(query: str, matches: list[Match]) -> Table:
    t = Table(title=f"matches for {query!r}", title_justify="left")
    for col in ("MMSI", "by", "value", "score"):
        t.add_column(col)
    for m in matches:
        t.add_row(str(m.mmsi), m.by, m.value, f"{m.score:.3f}")
    return t


def _fmt(v: Any) -> str:
    return "" if v is None else str(v)


def _where(lat: float | None, lon: float | None) -> str:
    return "" if lat is None or lon is None else f"{lat:.5f}, {lon:.5f}"


def print_dossier(console: Console, d: Dossier, stats: dict[str, Any]) -> None:
    cur = d.identity
    title = cur.key.name if cur and cur.key.name else "(no name)"
    console.rule(f"[bold]{title}[/bold]  MMSI {d.mmsi}")
    flag = f"{d.flag} {d.country}" if d.flag else (d.country or "no allocated MID")
    console.print(
        f"kind: {d.kind}   flag: {flag}" + (f"   [red]{d.problem}[/red]" if d.problem else "")
    )
    if stats.get("first") is not None:
        classes = ", ".join(f"{k} {v}" for k, v in sorted(stats["positions_by_class"].items()))
        console.print(
            f"reports: {stats['reports']} from {iso(stats['first'])} to {iso(stats['last'])}"
            f"; positions by class: {classes or 'none'}; stations: {len(stats['stations'])}"
            + (
                f"; {stats['rows_without_time']} rows without time"
                if stats["rows_without_time"]
                else ""
            )
        )
    console.print("flags: " + (", ".join(f"[yellow]{f}[/yellow]" for f in d.flags) or "none"))
    if d.last_position:
        lp = d.last_position
        sog = f", {lp['sog']} kn" if lp.get("sog") is not None else ""
        console.print(f"last position: {_where(lp['lat'], lp['lon'])} at {iso(lp['time'])}{sog}")
    if d.voyage.get("draught") is not None:
        console.print(f"draught: {d.voyage['draught']} m")

    t = Table(title="identities", title_justify="left")
    for col in (
        "first seen",
        "last seen",
        "msgs",
        "name",
        "call sign",
        "IMO",
        "type",
        "dims (b/s/p/s)",
        "destination",
        "first where",
        "last where",
    ):
        t.add_column(col)
    for i in d.identities:
        k = i.key
        t.add_row(
            iso(i.first_seen),
            iso(i.last_seen),
            str(i.count),
            _fmt(k.name),
            _fmt(k.callsign),
            _fmt(k.imo),
            f"{k.shiptype} {ship_type_text(k.shiptype)}" if k.shiptype else "",
            "/".join(map(str, k.dims)) if k.dims else "",
            _fmt(k.destination),
            _where(i.first_lat, i.first_lon),
            _where(i.last_lat, i.last_lon),
        )
    if d.identities:
        console.print(t)
    changes = [c for c in d.changes if c.old is not None]
    if changes:
        t = Table(
            title=f"identity changes ({d.change_count - 1} in all, last 20)", title_justify="left"
        )
        for col in ("time", "where", "changes", "seen before"):
            t.add_column(col)
        for c in changes[-20:]:
            what = "; ".join(f"{x.field}: {_fmt(x.old)} -> {_fmt(x.new)}" for x in c.changes)
            t.add_row(iso(c.time), _where(c.lat, c.lon), what, "yes" if c.seen_before else "")
        console.print(t)
    if d.links:
        t = Table(title="links", title_justify="left")
        for col in ("kind", "MMSIs", "value", "detail"):
            t.add_column(col)
        for x in d.links:
            t.add_row(x.kind.value, " ".join(map(str, x.mmsis)), _fmt(x.value), x.detail)
        console.print(t)
    if d.segments:
        t = Table(title="track segments", title_justify="left")
        for col in (
            "id",
            "start",
            "end",
            "positions",
            "nmi",
            "opened",
            "closed",
            "flags",
            "last where",
        ):
            t.add_column(col)
        for s in d.segments[-50:]:
            flags = []
            if s.overlap:
                flags.append("overlap with " + ",".join(map(str, s.overlap_with)))
            if s.jumps:
                flags.append(f"{s.jumps} impossible jumps")
            t.add_row(
                str(s.id),
                iso(s.start),
                iso(s.end),
                str(s.positions),
                f"{s.distance_nm:.1f}",
                s.opened.value,
                s.closed.value if s.closed else "open",
                "; ".join(flags),
                _where(s.last_lat, s.last_lon),
            )
        console.print(t)


def track_command(
    mmsi: Annotated[int, typer.Argument(help="The MMSI")],
    db: Annotated[Path, typer.Option("--db", help="DuckDB store file")] = DEFAULT_DB,
    fmt: Annotated[
        TrackFormat, typer.Option("--format", "-f", help="geojson, kml (gx:Track) or csv")
    ] = TrackFormat.geojson,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write here instead of stdout")
    ] = None,
) -> None:
    """Export an MMSI's track, split into segments (one per transmitter and per 24 h gap).

    GeoJSON: a feature per segment with its summary and per-position times; KML: a
    placemark per segment with a gx:Track for Google Earth; CSV: a row per position."""
    con = _open(db)
    try:
        points, segments = track_from_store(con, mmsi)
        name = None
        row = con.execute(
            "SELECT shipname FROM static_voyage WHERE mmsi = ? AND shipname IS NOT NULL"
            " AND time IS NOT NULL ORDER BY time DESC LIMIT 1",
            [mmsi],
        ).fetchone()
        if row:
            name = str(row[0])
    finally:
        con.close()
    if not points:
        typer.echo(f"no positions for MMSI {mmsi} in {db}", err=True)
        raise typer.Exit(1)
    if fmt is TrackFormat.geojson:
        text = json.dumps(to_geojson(mmsi, points, segments, name)) + "\n"
    elif fmt is TrackFormat.kml:
        text = to_kml(mmsi, points, segments, name)
    else:
        text = to_csv(mmsi, points)
    if output:
        output.write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
