"""The columnar decoder agrees with the scalar decoder, row for row and field for field."""

from __future__ import annotations

import math
from collections import defaultdict
from pathlib import Path
from typing import Any

import pytest

from aiswatch.ais import DecodeError, Message
from aiswatch.columnar import decode_file, record_row
from aiswatch.nmea import NmeaReader, Stats
from aiswatch.sources import open_lines
from tests.conftest import real_log_params, real_logs


def scalar_rows(path: Path, stats: Stats | None = None) -> dict[int, list[dict[str, Any]]]:
    out: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for raw in NmeaReader(stats=stats).read(open_lines(path), str(path)):
        try:
            msg = Message.decode(raw.payload, raw.fill)
        except DecodeError:
            continue
        out[msg.type].append(record_row(msg, raw))
    return out


def columnar_rows(
    path: Path, chunk_bytes: int = 16 << 20, stats: Stats | None = None
) -> dict[int, list[dict[str, Any]]]:
    out: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for batch in decode_file(path, chunk_bytes=chunk_bytes):
        if stats is not None:
            stats.merge(batch.nmea)
        for t, table in batch.tables.items():
            out[t].extend(table.to_pylist())
    return out


def same(a: Any, b: Any, tol: float = 1e-9) -> bool:
    if isinstance(a, float) and isinstance(b, float | int):
        return math.isclose(a, b, rel_tol=0, abs_tol=tol)
    return bool(a == b)


def assert_agree(path: Path, chunk_bytes: int = 16 << 20) -> int:
    want_stats, got_stats = Stats(), Stats()
    want = scalar_rows(path, want_stats)
    got = columnar_rows(path, chunk_bytes, got_stats)
    # The same counts of lines, sentences, messages, skipped lines and errors by reason.
    assert got_stats.as_dict() == want_stats.as_dict(), path.name
    assert sorted(got) == sorted(want), path
    compared = 0
    for t, rows in want.items():
        assert len(got[t]) == len(rows), (path, t)
        for w, g in zip(rows, got[t], strict=True):
            for name, value in w.items():
                if name in g:  # columns of other variants are null in the table
                    tol = 1e-6 if name == "rxtime" else 1e-9  # receive times: microseconds
                    assert same(g[name], value, tol), (
                        path.name,
                        t,
                        w["line"],
                        name,
                        g[name],
                        value,
                    )
                    compared += 1
            extra = {k for k, v in g.items() if v is not None and k not in w}
            assert not extra, (path.name, t, w["line"], extra)
    return compared


@pytest.mark.parametrize("path", real_log_params(), ids=lambda p: getattr(p, "name", "none"))
def test_real_log_columnar_equals_scalar(path: Path) -> None:
    assert assert_agree(path) > 0


def test_small_chunks_change_nothing() -> None:
    # Chunk boundaries fall everywhere, including between two fragments of a message.
    logs = [p for p in real_logs() if p.name.startswith(("dma_stream", "kystverket", "goais"))]
    for path in logs:
        assert assert_agree(path, chunk_bytes=4096) > 0
