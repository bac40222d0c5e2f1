"""What the vessels package consumes: one position report or one static report per message.

Both are small frozen records with scaled units (degrees, knots, Unix seconds), built from a
decoded `aiswatch.ais.Message` plus its receive time, or from a row of the columnar decoder's
Arrow tables (gpsd member names: ``speed``, ``course``, ``rxtime``, ``shipname``...) or of the
store's tables (``sog``, ``cog``, ``time``...). "Not available" values are ``None``.

Static data is normalised once here: text trimmed and blank text made ``None``, IMO 0, ship
type 0 and all-zero dimensions made ``None``; identities compare these normalised values.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Final, Literal

from aiswatch.ais import Message

__all__ = [
    "CLASS_BY_TYPE",
    "POSITION_TYPES",
    "STATIC_TYPES",
    "Dims",
    "PositionReport",
    "Report",
    "StaticReport",
    "reports_from_message",
    "reports_from_rows",
    "reports_from_tables",
    "reports_from_tables_unordered",
]

Dims = tuple[int, int, int, int]
"""Dimensions to bow, stern, port and starboard from the position reference, in metres."""

PartName = Literal["A", "B"]

CLASS_BY_TYPE: Final[Mapping[int, str]] = {
    1: "A",
    2: "A",
    3: "A",
    27: "LR",
    18: "B",
    19: "B",
    9: "SAR",
    21: "AtoN",
    4: "base",
    11: "base",
    5: "A",
    24: "B",
}
"""Station class by message type (ITU-R M.1371-5): Class A position reports 1-3 and static
type 5; Class B 18, 19 and 24; long-range (satellite) broadcast 27; SAR aircraft 9; aid to
navigation 21; base station 4 and 11."""

POSITION_TYPES: Final = frozenset({1, 2, 3, 9, 18, 19, 21, 27})
"""Types carrying a station position. Base stations (4, 11) are left out: they do not move."""
STATIC_TYPES: Final = frozenset({5, 19, 21, 24})
"""Types carrying identity data (name, call sign, IMO, type, dimensions, destination)."""
_COLUMN_TYPES: Final = POSITION_TYPES - STATIC_TYPES
"""Position-only types, read straight from the columns."""


@dataclass(frozen=True, slots=True)
class PositionReport:
    """One position of one station."""

    mmsi: int
    time: float
    lat: float
    lon: float
    sog: float | None = None
    cog: float | None = None
    heading: int | None = None
    status: int | None = None
    msg_type: int = 1
    cls: str = "A"
    station: str | None = None
    source: str | None = None
    line: int | None = None

    @staticmethod
    def from_message(
        msg: Message,
        time: float,
        *,
        station: str | None = None,
        source: str | None = None,
        line: int | None = None,
    ) -> PositionReport | None:
        """The position in a decoded message; None for other types or no usable position."""
        if msg.type not in POSITION_TYPES:
            return None
        return PositionReport.from_row(
            msg.json(), time=time, msg_type=msg.type, station=station, source=source, line=line
        )

    @staticmethod
    def from_row(
        row: Mapping[str, Any],
        *,
        time: float | None = None,
        msg_type: int | None = None,
        station: str | None = None,
        source: str | None = None,
        line: int | None = None,
    ) -> PositionReport | None:
        """From a gpsd-style JSON object, a columnar-table row or a store row; None where the
        row has no time or no valid position (lat/lon missing, out of range, or 0/0)."""
        t = _time(row) if time is None else time
        lat, lon = _num(row.get("lat")), _num(row.get("lon"))
        if t is None or lat is None or lon is None or not _valid_position(lat, lon):
            return None
        mt = msg_type if msg_type is not None else _int(row.get("msg_type", row.get("type")))
        mt = mt if mt is not None else 1
        cls = row.get("class")
        return PositionReport(
            mmsi=int(row["mmsi"]),
            time=t,
            lat=lat,
            lon=lon,
            sog=_num(row.get("sog", row.get("speed"))),
            cog=_num(row.get("cog", row.get("course"))),
            heading=_int(row.get("heading")),
            status=_int(row.get("status")),
            msg_type=mt,
            cls=str(cls) if cls else CLASS_BY_TYPE.get(mt, "A"),
            station=station if station is not None else _str(row.get("station")),
            source=source if source is not None else _str(row.get("source_file")),
            line=line if line is not None else _int(row.get("line")),
        )


@dataclass(frozen=True, slots=True)
class StaticReport:
    """Identity and voyage data from one message (type 5, 19, 21 or one part of 24).

    ``part`` is "A" or "B" for type 24 (part A carries the name only; part B the ship type,
    vendor, call sign and dimensions), None otherwise. ``lat``/``lon`` are where the station
    was when it sent this (the position in types 19 and 21; for others filled in by the
    registry from the station's last position, or left None)."""

    mmsi: int
    time: float
    msg_type: int
    name: str | None = None
    callsign: str | None = None
    imo: int | None = None
    shiptype: int | None = None
    dims: Dims | None = None
    destination: str | None = None
    draught: float | None = None
    eta: tuple[int | None, int | None, int | None, int | None] | None = None
    part: PartName | None = None
    lat: float | None = None
    lon: float | None = None
    station: str | None = None
    source: str | None = None
    line: int | None = None

    @staticmethod
    def from_message(
        msg: Message,
        time: float,
        *,
        station: str | None = None,
        source: str | None = None,
        line: int | None = None,
    ) -> StaticReport | None:
        """The identity data in a decoded message; None for other types."""
        if msg.type not in STATIC_TYPES:
            return None
        return StaticReport.from_row(
            msg.json(), time=time, msg_type=msg.type, station=station, source=source, line=line
        )

    @staticmethod
    def from_row(
        row: Mapping[str, Any],
        *,
        time: float | None = None,
        msg_type: int | None = None,
        station: str | None = None,
        source: str | None = None,
        line: int | None = None,
    ) -> StaticReport | None:
        """From a gpsd-style JSON object, a columnar-table row or a store ``static_voyage``
        row; None where it has no time. Type 24 parts come from ``partno`` (0 = A, 1 = B) or
        ``part`` ("A"/"B" or 0/1)."""
        t = _time(row) if time is None else time
        if t is None:
            return None
        part = _part(row.get("part", row.get("partno")))
        mt = msg_type if msg_type is not None else _int(row.get("msg_type", row.get("type")))
        if mt is None:
            mt = 24 if part else (5 if _has_voyage(row) else 19)
        if mt == 24 and part is None:
            part = "B" if row.get("callsign") or row.get("shiptype") else "A"
        if mt != 24:
            part = None
        name = _text(row.get("shipname", row.get("name")))
        if mt == 21 and name:
            ext = _text(row.get("name_ext"))
            name = name + ext if ext else name
        dims = _dims(row)
        if mt == 24 and part == "B" and _int(row.get("mothership_mmsi")):
            dims = None  # an auxiliary craft's part B has the mother ship in place of dims
        lat, lon = _num(row.get("lat")), _num(row.get("lon"))
        if lat is None or lon is None or not _valid_position(lat, lon):
            lat = lon = None
        eta = None
        if mt == 5:
            eta = (
                _int(row.get("month", row.get("eta_month"))),
                _int(row.get("day", row.get("eta_day"))),
                _int(row.get("hour", row.get("eta_hour"))),
                _int(row.get("minute", row.get("eta_minute"))),
            )
        imo = _int(row.get("imo"))
        shiptype = _int(row.get("shiptype"))
        return StaticReport(
            mmsi=int(row["mmsi"]),
            time=t,
            msg_type=mt,
            name=name if part != "B" else None,
            callsign=_text(row.get("callsign")) if mt in (5, 24) and part != "A" else None,
            imo=imo if mt == 5 and imo else None,
            shiptype=shiptype if shiptype and (mt in (5, 19) or part == "B") else None,
            dims=dims if part != "A" else None,
            destination=_text(row.get("destination")) if mt == 5 else None,
            draught=(_num(row.get("draught")) or None) if mt == 5 else None,
            eta=eta,
            part=part,
            lat=lat,
            lon=lon,
            station=station if station is not None else _str(row.get("station")),
            source=source if source is not None else _str(row.get("source_file")),
            line=line if line is not None else _int(row.get("line")),
        )


Report = PositionReport | StaticReport


def reports_from_message(
    msg: Message,
    time: float,
    *,
    station: str | None = None,
    source: str | None = None,
    line: int | None = None,
) -> list[Report]:
    """Every report in one message: a position, static data, or both (types 19 and 21)."""
    out: list[Report] = []
    if msg.type not in POSITION_TYPES and msg.type not in STATIC_TYPES:
        return out
    obj = msg.json()
    if msg.type in POSITION_TYPES:
        p = PositionReport.from_row(
            obj, time=time, msg_type=msg.type, station=station, source=source, line=line
        )
        if p is not None:
            out.append(p)
    if msg.type in STATIC_TYPES:
        s = StaticReport.from_row(
            obj, time=time, msg_type=msg.type, station=station, source=source, line=line
        )
        if s is not None:
            out.append(s)
    return out


def reports_from_rows(rows: Iterable[Mapping[str, Any]], msg_type: int) -> Iterator[Report]:
    """Reports from rows of one message type's table (columnar decoder: ``rxtime``; store:
    ``time``); rows without a time or position are skipped."""
    pos, static = msg_type in POSITION_TYPES, msg_type in STATIC_TYPES
    for row in rows:
        if pos:
            p = PositionReport.from_row(row, msg_type=msg_type)
            if p is not None:
                yield p
        if static:
            s = StaticReport.from_row(row, msg_type=msg_type)
            if s is not None:
                yield s


def reports_from_tables(tables: Mapping[int, Any]) -> list[Report]:
    """Reports from one `aiswatch.columnar.Batch`'s tables (type -> pyarrow.Table), in input
    line order (rows without a line number last, by time)."""
    keyed: list[tuple[float, float, int, Report]] = []
    seq = 0
    for msg_type, table in tables.items():
        if msg_type not in POSITION_TYPES and msg_type not in STATIC_TYPES:
            continue
        for r in reports_from_rows(table.to_pylist(), msg_type):
            line = math.inf if r.line is None else float(r.line)
            keyed.append((line, r.time, seq, r))
            seq += 1
    keyed.sort(key=lambda k: k[:3])
    return [k[3] for k in keyed]


def _col(table: Any, name: str) -> list[Any]:
    if name in table.column_names:
        return list(table.column(name).to_pylist())
    return [None] * table.num_rows


def reports_from_tables_unordered(
    tables: Mapping[int, Any], source: str | None = None
) -> list[Report]:
    """Reports from one columnar batch (type -> pyarrow.Table), unordered: position-only
    types straight from the columns (no dictionary per row), the others through
    `reports_from_rows`. Rows without a time or a valid position are skipped."""
    out: list[Report] = []
    for msg_type, table in tables.items():
        if not table.num_rows:
            continue
        if msg_type in _COLUMN_TYPES:
            cls = CLASS_BY_TYPE.get(msg_type, "A")
            cols = [_col(table, n) for n in ("mmsi", "rxtime", "lat", "lon", "speed", "course",
                                               "heading", "status", "station", "line")]  # fmt: skip
            for mmsi, t, lat, lon, sog, cog, hdg, st, station, line in zip(*cols, strict=True):
                if t is None or lat is None or lon is None:
                    continue
                if not _valid_position(lat, lon):
                    continue
                out.append(PositionReport(mmsi, t, lat, lon, sog, cog, hdg, st, msg_type, cls,
                                          station, source, line))  # fmt: skip
        elif msg_type in POSITION_TYPES or msg_type in STATIC_TYPES:
            out.extend(reports_from_rows(table.to_pylist(), msg_type))
    return out


# -- helpers ------------------------------------------------------------------------------


def _valid_position(lat: float, lon: float) -> bool:
    return -90.0 <= lat <= 90.0 and -180.0 <= lon <= 180.0 and not (lat == 0.0 and lon == 0.0)


def _num(v: Any) -> float | None:
    if v is None or isinstance(v, str | bool):
        return None
    f = float(v)
    return None if math.isnan(f) else f


def _int(v: Any) -> int | None:
    if v is None or isinstance(v, str):
        return None
    if isinstance(v, float):
        return None if math.isnan(v) else int(v)
    return int(v)


def _str(v: Any) -> str | None:
    return None if v is None else str(v)


def _text(v: Any) -> str | None:
    """Six-bit text trimmed of padding and spaces; blank -> None."""
    if v is None:
        return None
    s = " ".join(str(v).replace("@", " ").split())
    return s or None


def _time(row: Mapping[str, Any]) -> float | None:
    v = row.get("time", row.get("rxtime"))
    if v is None:
        return None
    if isinstance(v, datetime):  # from a TIMESTAMP column: naive means UTC
        return (v if v.tzinfo else v.replace(tzinfo=UTC)).timestamp()
    return _num(v)


def _part(v: Any) -> PartName | None:
    if v is None:
        return None
    if v in (0, "0", "A", "a"):
        return "A"
    if v in (1, "1", "B", "b"):
        return "B"
    return None


def _dims(row: Mapping[str, Any]) -> Dims | None:
    vals = [_int(row.get(k)) for k in ("to_bow", "to_stern", "to_port", "to_starboard")]
    if any(v is None for v in vals):
        return None
    dims = (vals[0] or 0, vals[1] or 0, vals[2] or 0, vals[3] or 0)
    return dims if any(dims) else None


def _has_voyage(row: Mapping[str, Any]) -> bool:
    return bool(row.get("imo") or row.get("destination") or row.get("draught"))
