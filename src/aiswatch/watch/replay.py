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
from collections.abc import Iterable, Iterator
from operator import attrgetter
from pathlib import Path

from aiswatch.vessels.model import Report, reports_from_tables_unordered

__all__ = ["reports_from_files"]

_TIME = attrgetter("time")


def _one_file(path: str | Path, reorder_s: float) -> Iterator[Report]:
    from aiswatch.columnar import decode_file

    carry: list[Report] = []
    latest = float("-inf")
    src = str(path)
    for batch in decode_file(path):
        reps = reports_from_tables_unordered(batch.tables, src)
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
