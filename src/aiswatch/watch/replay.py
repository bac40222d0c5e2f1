"""Files in: decoded reports in time order, for the watch (the I/O edge).

`reports_from_files` decodes NMEA logs with the columnar decoder chunk by chunk, turns the
rows into `PositionReport` / `StaticReport` (positions straight from the columns, with no
per-row dictionaries) and yields them in receive-time order: each chunk is sorted, and
reports within ``reorder_s`` of the chunk's latest time wait for the next chunk, so lines
that reached the log late (a receiver's buffer) still come in order. Several files are merged
by time.
"""

from __future__ import annotations

import heapq
from bisect import bisect_right
from collections.abc import Iterable, Iterator, Mapping
from operator import attrgetter
from pathlib import Path
from typing import Any

from aiswatch.vessels.model import (
    CLASS_BY_TYPE,
    POSITION_TYPES,
    STATIC_TYPES,
    PositionReport,
    Report,
    reports_from_rows,
)

__all__ = ["reports_from_files", "reports_from_tables_fast"]

_TIME = attrgetter("time")
_FAST_TYPES = frozenset(POSITION_TYPES - STATIC_TYPES)


def _col(table: Any, name: str) -> list[Any]:
    if name in table.column_names:
        return list(table.column(name).to_pylist())
    return [None] * table.num_rows


def reports_from_tables_fast(tables: Mapping[int, Any], source: str | None = None) -> list[Report]:
    """Reports from one columnar batch (type -> pyarrow.Table), unordered. Rows without a
    time or a valid position are skipped, as in `aiswatch.vessels.model`."""
    out: list[Report] = []
    for msg_type, table in tables.items():
        if not table.num_rows:
            continue
        if msg_type in _FAST_TYPES:
            cls = CLASS_BY_TYPE.get(msg_type, "A")
            cols = [_col(table, n) for n in ("mmsi", "rxtime", "lat", "lon", "speed", "course",
                                               "heading", "status", "station", "line")]  # fmt: skip
            for mmsi, t, lat, lon, sog, cog, hdg, st, station, line in zip(*cols, strict=True):
                if t is None or lat is None or lon is None:
                    continue
                if not (-90.0 <= lat <= 90.0 and -180.0 <= lon <= 180.0) or (
                    lat == 0.0 and lon == 0.0
                ):
                    continue
                out.append(PositionReport(mmsi, t, lat, lon, sog, cog, hdg, st, msg_type, cls,
                                          station, source, line))  # fmt: skip
        elif msg_type in POSITION_TYPES or msg_type in STATIC_TYPES:
            out.extend(reports_from_rows(table.to_pylist(), msg_type))
    return out


def _one_file(path: str | Path, reorder_s: float) -> Iterator[Report]:
    from aiswatch.columnar import decode_file

    carry: list[Report] = []
    latest = float("-inf")
    src = str(path)
    for batch in decode_file(path):
        reps = reports_from_tables_fast(batch.tables, src)
        if not reps:
            continue
        pending = carry + reps
        pending.sort(key=_TIME)
        latest = max(latest, pending[-1].time)
        cut = bisect_right(pending, latest - reorder_s, key=_TIME)
        yield from pending[:cut]
        carry = pending[cut:]
    yield from carry


def reports_from_files(
    paths: Iterable[str | Path], *, reorder_s: float = 120.0
) -> Iterator[Report]:
    """Reports of every file, merged in time order."""
    streams = [_one_file(p, reorder_s) for p in paths]
    if len(streams) == 1:
        return streams[0]
    return heapq.merge(*streams, key=_TIME)
