"""Track exports: GeoJSON (a feature per segment), KML with ``gx:Track`` for Google Earth
(a placemark per segment, times and speed/course arrays) and CSV (a row per position).

Pure functions of the points (each tagged with its segment) and the segments' summaries.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any, Protocol
from xml.sax.saxutils import escape

from aiswatch.vessels.events import SegmentInfo

__all__ = ["iso", "to_csv", "to_geojson", "to_kml"]


class Point(Protocol):
    """What the exports need of a position (`aiswatch.vessels.query.TrackPoint` has it)."""

    @property
    def time(self) -> float: ...
    @property
    def lat(self) -> float: ...
    @property
    def lon(self) -> float: ...
    @property
    def sog(self) -> float | None: ...
    @property
    def cog(self) -> float | None: ...
    @property
    def heading(self) -> int | None: ...
    @property
    def status(self) -> int | None: ...
    @property
    def segment(self) -> int: ...


def iso(t: float) -> str:
    """ISO 8601 UTC with a Z, whole seconds unless the time has a fraction."""
    dt = datetime.fromtimestamp(t, UTC)
    s = dt.isoformat(timespec="milliseconds" if t % 1 else "seconds")
    return s.replace("+00:00", "Z")


def _by_segment(points: Sequence[Point]) -> dict[int, list[Point]]:
    out: dict[int, list[Point]] = {}
    for p in points:
        out.setdefault(p.segment, []).append(p)
    for pts in out.values():
        pts.sort(key=lambda p: p.time)
    return out


def _props(mmsi: int, name: str | None, s: SegmentInfo | None, seg_id: int) -> dict[str, Any]:
    props: dict[str, Any] = {"mmsi": mmsi, "name": name, "segment": seg_id}
    if s is not None:
        props.update(
            start=iso(s.start),
            end=iso(s.end),
            positions=s.positions,
            distance_nm=round(s.distance_nm, 3),
            opened=s.opened.value,
            overlap=s.overlap,
            overlap_with=list(s.overlap_with),
            jumps=s.jumps,
        )
    return props


def to_geojson(
    mmsi: int, points: Sequence[Point], segments: Sequence[SegmentInfo], name: str | None = None
) -> dict[str, Any]:
    """A FeatureCollection: per segment a LineString (a Point when it has one position) with
    the segment's summary and per-position ``coordTimes``, ``sog`` and ``cog``."""
    info = {s.id: s for s in segments}
    features = []
    for seg_id, pts in sorted(_by_segment(points).items()):
        coords = [[round(p.lon, 6), round(p.lat, 6)] for p in pts]
        geom: dict[str, Any] = (
            {"type": "LineString", "coordinates": coords}
            if len(coords) > 1
            else {"type": "Point", "coordinates": coords[0]}
        )
        props = _props(mmsi, name, info.get(seg_id), seg_id)
        props["coordTimes"] = [iso(p.time) for p in pts]
        props["sog"] = [p.sog for p in pts]
        props["cog"] = [p.cog for p in pts]
        features.append({"type": "Feature", "geometry": geom, "properties": props})
    return {"type": "FeatureCollection", "features": features}


def to_kml(
    mmsi: int, points: Sequence[Point], segments: Sequence[SegmentInfo], name: str | None = None
) -> str:
    """KML 2.2 with the Google extension: per segment a Placemark holding a ``gx:Track``
    (``when`` / ``gx:coord`` pairs) and speed and course as ``gx:SimpleArrayData``."""
    info = {s.id: s for s in segments}
    title = f"{name} ({mmsi})" if name else str(mmsi)
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<kml xmlns="http://www.opengis.net/kml/2.2" xmlns:gx="http://www.google.com/kml/ext/2.2">',
        "<Document>",
        f"<name>{escape(title)}</name>",
        '<Schema id="ais" name="ais">',
        '<gx:SimpleArrayField name="sog" type="float"><displayName>SOG (kn)</displayName>'
        "</gx:SimpleArrayField>",
        '<gx:SimpleArrayField name="cog" type="float"><displayName>COG (deg)</displayName>'
        "</gx:SimpleArrayField>",
        "</Schema>",
        '<Style id="track"><IconStyle><Icon><href>'
        "http://earth.google.com/images/kml-icons/track-directional/track-0.png"
        "</href></Icon></IconStyle><LineStyle><color>ff0000ff</color><width>2</width>"
        "</LineStyle></Style>",
        '<Style id="overlap"><LineStyle><color>ff00ffff</color><width>3</width></LineStyle>'
        "</Style>",
    ]
    for seg_id, pts in sorted(_by_segment(points).items()):
        s = info.get(seg_id)
        style = "overlap" if s is not None and s.overlap else "track"
        desc = ""
        if s is not None:
            desc = (
                f"{s.positions} positions, {s.distance_nm:.1f} nmi, {iso(s.start)} - "
                f"{iso(s.end)}; opened: {s.opened.value}"
                + ("; overlaps another transmitter" if s.overlap else "")
            )
        out += [
            "<Placemark>",
            f"<name>{escape(title)} segment {seg_id}</name>",
            f"<description>{escape(desc)}</description>",
            f"<styleUrl>#{style}</styleUrl>",
            "<gx:Track>",
            "<altitudeMode>clampToGround</altitudeMode>",
        ]
        out += [f"<when>{iso(p.time)}</when>" for p in pts]
        out += [f"<gx:coord>{p.lon:.6f} {p.lat:.6f} 0</gx:coord>" for p in pts]
        out.append('<ExtendedData><SchemaData schemaUrl="#ais">')
        for field in ("sog", "cog"):
            out.append(f'<gx:SimpleArrayData name="{field}">')
            for p in pts:
                v = getattr(p, field)
                out.append(f"<gx:value>{'' if v is None else v}</gx:value>")
            out.append("</gx:SimpleArrayData>")
        out += ["</SchemaData></ExtendedData>", "</gx:Track>", "</Placemark>"]
    out += ["</Document>", "</kml>", ""]
    return "\n".join(out)


CSV_COLUMNS = ["mmsi", "segment", "time", "lat", "lon", "sog", "cog", "heading", "status"]


def to_csv(mmsi: int, points: Sequence[Point]) -> str:
    """A row per position in time order: mmsi, segment, ISO time, lat, lon, sog, cog,
    heading, status (empty where not available)."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(CSV_COLUMNS)
    for p in sorted(points, key=lambda p: p.time):
        w.writerow(
            [
                "" if v is None else v
                for v in (
                    mmsi,
                    p.segment,
                    iso(p.time),
                    p.lat,
                    p.lon,
                    p.sog,
                    p.cog,
                    p.heading,
                    p.status,
                )
            ]
        )
    return buf.getvalue()
