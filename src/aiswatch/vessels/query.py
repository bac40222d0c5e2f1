"""Vessels from the DuckDB store (`aiswatch.store`): find an MMSI by MMSI, IMO number or
(fuzzy) name, and build its dossier or its track by replaying its rows through the same
`VesselRegistry` the live service runs.

Tables read (see `aiswatch.store.schema`): ``positions`` (types 1-3, 9, 18, 19, 27),
``static_voyage`` (5, 19, 24 with ``part`` 'A'/'B') and ``aids_to_navigation`` (21). Rows
with no receive time (``time`` NULL) cannot be placed on a track and are counted, not used.

Links the replay of one MMSI cannot see come from SQL over the whole store: other MMSIs
with the same IMO number or name, and MMSI swaps (another MMSI falling silent where and when
this one starts a segment, or starting where and when this one falls silent), with the
registry's thresholds.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Final

from aiswatch.vessels.events import Link, LinkKind, OpenReason, SegmentInfo
from aiswatch.vessels.model import CLASS_BY_TYPE, PositionReport, Report, StaticReport
from aiswatch.vessels.registry import Dossier, RegistryConfig, VesselRegistry, dossier_flags
from aiswatch.vessels.segments import Segmenter, distance_nm

__all__ = [
    "Match",
    "TrackPoint",
    "connect",
    "dossier_from_store",
    "find_vessels",
    "load_reports",
    "track_from_store",
]

_POS_SQL: Final = """
SELECT mmsi, epoch(time), lat, lon, sog, cog, heading, status, msg_type, class, station,
       source_file, line
FROM positions WHERE mmsi = ? AND time IS NOT NULL AND lat IS NOT NULL AND lon IS NOT NULL
"""
_ATON_SQL: Final = """
SELECT mmsi, epoch(time), lat, lon, name, name_ext, to_bow, to_stern, to_port, to_starboard,
       station, source_file, line
FROM aids_to_navigation WHERE mmsi = ? AND time IS NOT NULL
"""
_STATIC_COLS: Final = [
    "mmsi",
    "time",
    "msg_type",
    "part",
    "shipname",
    "callsign",
    "imo",
    "shiptype",
    "to_bow",
    "to_stern",
    "to_port",
    "to_starboard",
    "destination",
    "draught",
    "eta_month",
    "eta_day",
    "eta_hour",
    "eta_minute",
    "mothership_mmsi",
    "station",
    "source_file",
    "line",
]
_STATIC_SQL: Final = (
    "SELECT "
    + ", ".join("epoch(time)" if c == "time" else c for c in _STATIC_COLS)
    + " FROM static_voyage WHERE mmsi = ? AND time IS NOT NULL"
)
_NAMES_SQL: Final = """
WITH names AS (
    SELECT mmsi, upper(trim(regexp_replace(shipname, '\\s+', ' ', 'g'))) AS name, count(*) AS n
    FROM static_voyage WHERE shipname IS NOT NULL AND trim(shipname) <> '' GROUP BY ALL
    UNION ALL
    SELECT mmsi, upper(trim(regexp_replace(name, '\\s+', ' ', 'g'))), count(*)
    FROM aids_to_navigation WHERE name IS NOT NULL AND trim(name) <> '' GROUP BY ALL
), scored AS (
    SELECT mmsi, name, n,
           greatest(jaro_winkler_similarity(name, $q),
                    CASE WHEN contains(name, $q) THEN 0.9 ELSE 0 END) AS score
    FROM names
)
SELECT mmsi, arg_max(name, score) AS name, max(score) AS score, sum(n) AS n
FROM scored WHERE score >= $min GROUP BY mmsi ORDER BY score DESC, n DESC, mmsi LIMIT $limit
"""


@dataclass(frozen=True, slots=True)
class Match:
    """An MMSI found for a query: ``by`` is "mmsi", "imo" or "name"."""

    mmsi: int
    by: str
    value: str
    score: float = 1.0


@dataclass(frozen=True, slots=True)
class TrackPoint:
    time: float
    lat: float
    lon: float
    sog: float | None
    cog: float | None
    heading: int | None
    status: int | None
    msg_type: int
    segment: int


def connect(db: str | Path) -> Any:
    """Open a store file read-only (UTC). FileNotFoundError when it does not exist."""
    import duckdb

    if not Path(db).exists():
        raise FileNotFoundError(str(db))
    con = duckdb.connect(str(db), read_only=True)
    con.execute("SET TimeZone = 'UTC'")
    return con


def _tables(con: Any) -> set[str]:
    return {r[0] for r in con.execute("SELECT table_name FROM duckdb_tables()").fetchall()}


def find_vessels(con: Any, query: str, *, limit: int = 10, min_score: float = 0.85) -> list[Match]:
    """MMSIs matching ``query``: nine digits (or "MMSI n") an MMSI; seven digits (or "IMO n")
    an IMO number, then an MMSI of that value if one exists; anything else a name,
    matched by Jaro-Winkler similarity (DuckDB's) on upper-case names, substrings scoring
    at least 0.9, best first."""
    q = " ".join(query.strip().upper().split())
    tables = _tables(con)
    m = re.fullmatch(r"(MMSI|IMO)?\s*:?\s*(\d{1,10})", q)
    out: list[Match] = []
    if m:
        kind, digits = m.group(1), m.group(2)
        n = int(digits)
        if kind == "IMO" or (kind is None and len(digits) == 7):
            rows = con.execute(
                "SELECT mmsi, count(*) FROM static_voyage WHERE imo = ? GROUP BY mmsi"
                " ORDER BY 2 DESC, 1",
                [n],
            ).fetchall()
            out += [Match(int(r[0]), "imo", str(n)) for r in rows]
        if kind != "IMO" and _mmsi_exists(con, n, tables):
            out.append(Match(n, "mmsi", str(n)))
        return out[:limit]
    if not q:
        return []
    rows = con.execute(_NAMES_SQL, {"q": q, "min": min_score, "limit": limit}).fetchall()
    return [Match(int(r[0]), "name", str(r[1]), round(float(r[2]), 3)) for r in rows]


def _mmsi_exists(con: Any, mmsi: int, tables: set[str]) -> bool:
    for t in ("positions", "static_voyage", "aids_to_navigation"):
        if (
            t in tables
            and con.execute(f"SELECT 1 FROM {t} WHERE mmsi = ? LIMIT 1", [mmsi]).fetchone()
        ):
            return True
    return False


def _between(since: float | None, until: float | None) -> tuple[str, list[Any]]:
    sql, params = "", []
    if since is not None:
        sql += " AND time >= to_timestamp(?)"
        params.append(since)
    if until is not None:
        sql += " AND time <= to_timestamp(?)"
        params.append(until)
    return sql, params


def load_reports(
    con: Any, mmsi: int, *, since: float | None = None, until: float | None = None
) -> tuple[list[Report], int]:
    """The MMSI's reports in time order (positions before static data at equal times), and
    the number of its rows left out for having no receive time."""
    tables = _tables(con)
    cond, params = _between(since, until)
    keyed: list[tuple[float, int, int, Report]] = []
    if "positions" in tables:
        for r in con.execute(_POS_SQL + cond, [mmsi, *params]).fetchall():
            t, lat, lon = float(r[1]), float(r[2]), float(r[3])
            if not (-90.0 <= lat <= 90.0 and -180.0 <= lon <= 180.0) or (lat == 0 and lon == 0):
                continue
            mt = int(r[8]) if r[8] is not None else 1
            p = PositionReport(
                int(r[0]),
                t,
                lat,
                lon,
                r[4],
                r[5],
                r[6],
                r[7],
                mt,
                r[9] or CLASS_BY_TYPE.get(mt, "A"),
                r[10],
                r[11],
                r[12],
            )
            keyed.append((t, 0, r[12] or 0, p))
    if "static_voyage" in tables:
        for r in con.execute(_STATIC_SQL + cond, [mmsi, *params]).fetchall():
            s = StaticReport.from_row(dict(zip(_STATIC_COLS, r, strict=True)))
            if s is not None:
                keyed.append((s.time, 1, s.line or 0, s))
    if "aids_to_navigation" in tables:
        cols = [
            "mmsi",
            "time",
            "lat",
            "lon",
            "name",
            "name_ext",
            "to_bow",
            "to_stern",
            "to_port",
            "to_starboard",
            "station",
            "source_file",
            "line",
        ]
        for r in con.execute(_ATON_SQL + cond, [mmsi, *params]).fetchall():
            row = dict(zip(cols, r, strict=True))
            row["msg_type"] = 21
            for rep in (PositionReport.from_row(row), StaticReport.from_row(row)):
                if rep is not None:
                    keyed.append(
                        (rep.time, 0 if isinstance(rep, PositionReport) else 1, rep.line or 0, rep)
                    )
    keyed.sort(key=lambda k: k[:3])
    return [k[3] for k in keyed], _unknown_time(con, mmsi, tables)


def _unknown_time(con: Any, mmsi: int, tables: set[str]) -> int:
    n = 0
    for t in ("positions", "static_voyage", "aids_to_navigation"):
        if t in tables:
            row = con.execute(
                f"SELECT count(*) FROM {t} WHERE mmsi = ? AND time IS NULL", [mmsi]
            ).fetchone()
            n += int(row[0]) if row else 0
    return n


def dossier_from_store(
    con: Any, mmsi: int, config: RegistryConfig | None = None
) -> tuple[Dossier, dict[str, Any]]:
    """The MMSI's dossier from its rows, with links found across the store; and
    statistics (rows by class, stations, rows without time, time span)."""
    cfg = config or RegistryConfig()
    reg = VesselRegistry(replace(cfg, swaps=False))
    reports, unknown = load_reports(con, mmsi)
    reg.update_many(reports)
    d = reg.dossier(mmsi)
    links = list(d.links)
    have = {(x.kind, x.mmsis, x.value) for x in links}
    extra = [
        *_shared_imo(con, mmsi, [i.key.imo for i in d.identities if i.key.imo]),
        *_shared_name(con, mmsi, [i.key.name for i in d.identities if i.key.name]),
        *_swaps(con, mmsi, d.segments, cfg),
    ]
    for x in extra:
        if (x.kind, x.mmsis, x.value) not in have:
            have.add((x.kind, x.mmsis, x.value))
            links.append(x)
    d.links = links
    d.flags = dossier_flags(links, d.segments)
    classes: dict[str, int] = {}
    stations: set[str] = set()
    for r in reports:
        if isinstance(r, PositionReport):
            classes[r.cls] = classes.get(r.cls, 0) + 1
        if r.station:
            stations.add(r.station)
    stats = {
        "reports": len(reports),
        "positions_by_class": classes,
        "stations": sorted(stations),
        "rows_without_time": unknown,
        "first": reports[0].time if reports else None,
        "last": reports[-1].time if reports else None,
    }
    return d, stats


def _shared_imo(con: Any, mmsi: int, imos: Sequence[int]) -> list[Link]:
    out = []
    for imo in sorted(set(imos)):
        rows = con.execute(
            "SELECT DISTINCT mmsi FROM static_voyage WHERE imo = ? ORDER BY mmsi", [imo]
        ).fetchall()
        ms = tuple(int(r[0]) for r in rows)
        if len(ms) > 1:
            out.append(Link(LinkKind.SAME_IMO, ms, imo, f"IMO {imo} on {len(ms)} MMSIs"))
    return out


def _shared_name(con: Any, mmsi: int, names: Sequence[str]) -> list[Link]:
    out = []
    for name in sorted({" ".join(n.upper().split()) for n in names}):
        rows = con.execute(
            "SELECT DISTINCT mmsi FROM static_voyage"
            " WHERE upper(trim(regexp_replace(shipname, '\\s+', ' ', 'g'))) = ? ORDER BY mmsi",
            [name],
        ).fetchall()
        ms = tuple(int(r[0]) for r in rows)
        if len(ms) > 1:
            out.append(Link(LinkKind.SAME_NAME, ms, name, f"name {name!r} on {len(ms)} MMSIs"))
    return out


def _box(lat: float, lon: float, metres: float) -> tuple[float, float, float, float]:
    dlat = metres / 1852.0 / 60.0
    dlon = dlat / max(math.cos(math.radians(lat)), 0.01)
    return lat - dlat, lat + dlat, lon - dlon, lon + dlon


def _values(rows: Sequence[tuple[float, ...]]) -> str:
    """An inline VALUES list of numbers (repr of floats: exact, and no injection)."""
    return ", ".join("(" + ", ".join(repr(float(v)) for v in r) + ")" for r in rows)


_NEAR_SQL: Final = """
WITH b(idx, t0, t1, la0, la1, lo0, lo1) AS (VALUES {values})
SELECT b.idx::INTEGER, p.mmsi, {agg}(epoch(p.time)), {arg}(p.lat, p.time),
       {arg}(p.lon, p.time), {arg}(p.sog, p.time)
FROM positions p JOIN b
  ON p.time {lo_op} to_timestamp(b.t0) AND p.time <= to_timestamp(b.t1)
 AND p.lat BETWEEN b.la0 AND b.la1 AND p.lon BETWEEN b.lo0 AND b.lo1
WHERE p.mmsi <> ?
GROUP BY ALL
"""


def _swaps(con: Any, mmsi: int, segments: Sequence[SegmentInfo], cfg: RegistryConfig) -> list[Link]:
    """MMSI swaps around this MMSI's segment starts and ends, by the registry's rule: the
    old MMSI's last position within ``swap_window_s`` before the new one's first and within
    ``swap_distance_m`` (plus the old one's drift at its last speed), the new one silent for
    ``max_gap_s`` before (so that it starts a segment), and the old one silent for
    ``swap_confirm_s`` after the new one's first report. Candidates near every segment start
    and end come from two range joins; only the few near enough are checked one by one."""
    if not segments:
        return []
    row = con.execute("SELECT epoch(max(time)) FROM positions").fetchone()
    data_end = float(row[0]) if row and row[0] is not None else -math.inf
    reach = cfg.swap_distance_m + 30.0 * 1852.0 / 3600.0 * cfg.swap_window_s
    w = cfg.swap_window_s
    out: list[Link] = []
    seen: set[tuple[int, int]] = set()

    def one(sql: str, params: list[Any]) -> Any:
        return con.execute(sql, params).fetchone()

    def silent(m: int, after: float, until: float) -> bool:
        if until > data_end:
            return False  # the store ends before the confirmation time
        for table in ("positions", "static_voyage"):
            if one(
                f"SELECT 1 FROM {table} WHERE mmsi = ? AND time > to_timestamp(?)"
                " AND time <= to_timestamp(?) LIMIT 1",
                [m, after, until],
            ):
                return False
        return True

    def started(m: int, t: float) -> bool:
        """Whether MMSI m starts a segment at t: nothing in the gap limit before."""
        r = one(
            "SELECT 1 FROM positions WHERE mmsi = ? AND time < to_timestamp(?)"
            " AND time >= to_timestamp(?) LIMIT 1",
            [m, t, t - cfg.max_gap_s],
        )
        return r is None

    def near_enough(
        last: tuple[float, float, float, float | None], t: float, lat: float, lon: float
    ) -> tuple[float, float] | None:
        gap = t - last[0]
        if not 0.0 <= gap <= w:
            return None
        d_m = distance_nm(last[1], last[2], lat, lon) * 1852.0
        if d_m > cfg.swap_distance_m + (last[3] or 0.0) * 1852.0 / 3600.0 * gap:
            return None
        return gap, d_m

    def add(old: int, new: int, gap: float, d_m: float) -> None:
        seen.add((old, new))
        out.append(
            Link(
                LinkKind.POSSIBLE_SWAP,
                (old, new),
                f"{gap:.0f} s, {d_m:.0f} m",
                f"MMSI {old} stopped and {new} started {gap:.0f} s later {d_m:.0f} m away",
            )
        )

    # this MMSI starts a segment: which other MMSI was last heard there just before?
    starts = [s for s in segments if s.opened is not OpenReason.JUMP]
    if starts:
        vals = _values(
            [
                (i, s.start - w, s.start, *_box(s.first_lat, s.first_lon, reach))
                for i, s in enumerate(starts)
            ]
        )
        sql = _NEAR_SQL.format(values=vals, agg="max", arg="arg_max", lo_op=">=")
        for idx, old, t_last, lat, lon, sog in con.execute(sql, [mmsi]).fetchall():
            s = starts[idx]
            hit = near_enough((t_last, lat, lon, sog), s.start, s.first_lat, s.first_lon)
            if hit is None or (int(old), mmsi) in seen:
                continue
            if silent(int(old), t_last, s.start + cfg.swap_confirm_s):
                add(int(old), mmsi, *hit)
    # this MMSI falls silent: which other MMSI started there just after?
    vals = _values(
        [
            (i, s.end, s.end + w, *_box(s.last_lat, s.last_lon, reach))
            for i, s in enumerate(segments)
        ]
    )
    sql = _NEAR_SQL.format(values=vals, agg="min", arg="arg_min", lo_op=">")
    for idx, new, t_first, lat, lon, _ in con.execute(sql, [mmsi]).fetchall():
        s = segments[idx]
        hit = near_enough((s.end, s.last_lat, s.last_lon, s.last_sog), t_first, lat, lon)
        if hit is None or (mmsi, int(new)) in seen:
            continue
        if started(int(new), t_first) and silent(mmsi, s.end, t_first + cfg.swap_confirm_s):
            add(mmsi, int(new), *hit)
    return out


def track_from_store(
    con: Any,
    mmsi: int,
    *,
    since: float | None = None,
    until: float | None = None,
    config: RegistryConfig | None = None,
) -> tuple[list[TrackPoint], list[SegmentInfo]]:
    """The MMSI's positions, each with the id of the segment it joined, and the segments."""
    cfg = config or RegistryConfig()
    seg = Segmenter(
        max_speed_kn=cfg.max_speed_kn,
        max_gap_s=cfg.max_gap_s,
        noise_nm=cfg.noise_nm,
        max_open=cfg.max_open,
        keep_closed=1 << 30,
    )
    reports, _ = load_reports(con, mmsi, since=since, until=until)
    points = list(_attach(seg, reports))
    return points, seg.segments(mmsi)


def _attach(seg: Segmenter, reports: Sequence[Report]) -> Iterator[TrackPoint]:
    for r in reports:
        if isinstance(r, PositionReport):
            seg.add(r.mmsi, r.time, r.lat, r.lon, r.sog, r.cog)
            yield TrackPoint(
                r.time,
                r.lat,
                r.lon,
                r.sog,
                r.cog,
                r.heading,
                r.status,
                r.msg_type,
                seg.last_segment,
            )
