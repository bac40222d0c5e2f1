"""Reading simulator output back for the tests: our NMEA reader and decoder, one record per
received message (duplicates from several receivers kept)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from aiswatch.ais import Message
from aiswatch.ais.bits import unarmour
from aiswatch.nmea import NmeaReader


@dataclass
class Rx:
    """One received message: receive time (Unix s), station, payload and decoded JSON."""

    time: float
    station: str
    payload: str
    msg: dict[str, Any]

    @property
    def type(self) -> int:
        return int(self.msg["type"])

    @property
    def mmsi(self) -> int:
        return int(self.msg["mmsi"])


_SCALE = {"lon": 600000.0, "lat": 600000.0, "speed": 10.0, "course": 10.0}
_NA = {"lon": 181 * 600000, "lat": 91 * 600000, "speed": 1023, "course": 3600}


def scaled(fields: dict[str, Any]) -> dict[str, Any]:
    """Raw fields with position, speed and course in units (None where not available).
    Type 27's coarse fields are scaled by the message type."""
    out = dict(fields)
    if fields.get("type") == 27:
        for k in ("lon", "lat"):
            if k in out:
                out[k] = out[k] / 600.0
        return out
    for k, s in _SCALE.items():
        if k in out and isinstance(out[k], int):
            out[k] = None if out[k] == _NA[k] else out[k] / s
    return out


def read_log(lines: Iterable[bytes | str]) -> tuple[list[Rx], NmeaReader]:
    reader = NmeaReader()
    out = []
    for raw in reader.read(lines, "sim"):
        m = Message.decode(raw.payload, raw.fill)
        assert raw.time is not None and raw.station is not None
        out.append(Rx(raw.time, raw.station, raw.payload, scaled(m.fields)))
    return out, reader


def read_file(path: Path) -> list[Rx]:
    with open(path, "rb") as f:
        msgs, reader = read_log(f)
    assert reader.stats.error_count == 0, reader.stats.errors
    return msgs


def unique(msgs: Iterable[Rx]) -> list[Rx]:
    """One record per transmission, in time order: receptions of the same payload within
    2 s of each other are one transmission (static payloads repeat every few minutes)."""
    groups: dict[str, list[Rx]] = defaultdict(list)
    for m in msgs:
        groups[m.payload].append(m)
    out = []
    for same in groups.values():
        same.sort(key=lambda m: m.time)
        last = -1e18
        for m in same:
            if m.time - last > 2.0:
                out.append(m)
                last = m.time
    return sorted(out, key=lambda m: (m.time, m.payload))


def by_mmsi(msgs: Iterable[Rx]) -> dict[int, list[Rx]]:
    out: dict[int, list[Rx]] = defaultdict(list)
    for m in msgs:
        out[m.mmsi].append(m)
    return out


POSITION_TYPES = frozenset({1, 2, 3, 18, 19})


def track(msgs: Iterable[Rx], mmsi: int) -> dict[str, np.ndarray]:
    """Time-ordered unique position reports of one MMSI as arrays."""
    pos = [m for m in unique(msgs) if m.mmsi == mmsi and m.type in POSITION_TYPES]
    return {
        "t": np.array([m.time for m in pos], dtype=float),
        "lon": np.array([m.msg["lon"] for m in pos], dtype=float),
        "lat": np.array([m.msg["lat"] for m in pos], dtype=float),
        "sog": np.array(
            [m.msg["speed"] if m.msg["speed"] is not None else np.nan for m in pos], dtype=float
        ),
        "cog": np.array(
            [m.msg["course"] if m.msg["course"] is not None else np.nan for m in pos], dtype=float
        ),
        "status": np.array([m.msg.get("status", -1) for m in pos], dtype=float),
    }


def select_mmsi(lines: Iterable[bytes], mmsis: set[int]) -> Iterator[bytes]:
    """The lines of messages from the given MMSIs (both parts of a two-part message),
    picked from the payload's first characters without decoding."""
    pending: bytes | None = None
    for line in lines:
        fields = line.split(b"!", 1)[1].split(b",")
        if fields[1] == b"2" and fields[2] == b"2":  # second part: follows its first
            if pending is not None:
                yield pending
                yield line
            pending = None
            continue
        value, _ = unarmour(fields[5][:7].decode("ascii"))
        if (value >> 4) & ((1 << 30) - 1) in mmsis:
            if fields[1] == b"2":
                pending = line
            else:
                yield line
        else:
            pending = None
