"""The simulator's fast encoder against the reference codec, and its NMEA lines against the
NMEA package's writer."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

from aiswatch.ais import TYPES, Message
from aiswatch.ais.fields import Field, Kind
from aiswatch.ais.layout import walk
from aiswatch.nmea import frame, tag_block
from aiswatch.sim.encode import Packer, nmea_records, split_records

TEXT = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 -./"

CASES: list[tuple[int, dict[str, Any]]] = [
    (1, {}),
    (2, {}),
    (3, {}),
    (4, {}),
    (5, {}),
    (18, {}),
    (19, {}),
    (21, {}),
    (24, {"partno": 0}),
    (24, {"partno": 1}),
    (27, {}),
]


def _random_records(
    msg_type: int, case: dict[str, Any], n: int, rng: np.random.Generator
) -> list[dict[str, Any]]:
    """Random raw records over the whole range of every field the packer lays out."""
    recs: list[dict[str, Any]] = [{"type": msg_type, **case} for _ in range(n)]
    for f in walk(TYPES[msg_type].items, {"type": msg_type, "mmsi": 0, **case}):
        assert isinstance(f, Field)
        if f.name in ("type", *case) or (f.variable and not f.pad):
            continue
        for rec in recs:
            if f.kind is Kind.TEXT:
                k = int(rng.integers(0, f.width // 6 + 1))
                rec[f.name] = "".join(TEXT[int(i)] for i in rng.integers(0, len(TEXT), k)).strip()
            elif f.kind is Kind.BOOL:
                rec[f.name] = bool(rng.integers(0, 2))
            elif f.kind is Kind.INT:
                rec[f.name] = int(rng.integers(-(1 << (f.width - 1)), 1 << (f.width - 1)))
            else:
                rec[f.name] = int(rng.integers(0, 1 << f.width))
    for rec in recs:  # keep type 24 part B out of the auxiliary-craft layout
        if msg_type == 24 and case.get("partno") == 1:
            rec["mmsi"] %= 980_000_000
    return recs


@pytest.mark.parametrize(("msg_type", "case"), CASES)
def test_packer_matches_reference_encoder(msg_type: int, case: dict[str, Any]) -> None:
    rng = np.random.default_rng(msg_type * 10 + len(case))
    n = 300
    recs = _random_records(msg_type, case, n, rng)
    packer = Packer(msg_type, case)
    cols: dict[str, Any] = {}
    for name in recs[0]:
        vals = [r[name] for r in recs]
        cols[name] = (
            np.array(vals, dtype=np.str_)
            if isinstance(vals[0], str)
            else np.array(vals, dtype=np.int64)
        )
    got = packer.payloads(n, cols)
    for rec, payload in zip(recs, got, strict=True):
        want, fill = Message.from_json(rec, scaled=False).encode()
        assert (payload, packer.fill) == (want, fill), rec


def test_packer_matches_message_build_in_scaled_units() -> None:
    """The brief's reference: Message.build(...).encode() for random position reports."""
    rng = np.random.default_rng(1)
    packer = Packer(1)
    for _ in range(200):
        lon = round(float(rng.uniform(-180, 180)), 4)
        lat = round(float(rng.uniform(-90, 90)), 4)
        speed = round(float(rng.uniform(0, 102.2)), 1)
        course = round(float(rng.uniform(0, 359.9)), 1)
        heading = int(rng.integers(0, 360))
        status = int(rng.integers(0, 16))
        second = int(rng.integers(0, 60))
        mmsi = int(rng.integers(200_000_000, 800_000_000))
        radio = int(rng.integers(0, 1 << 19))
        m = Message.build(
            1,
            mmsi=mmsi,
            status=status,
            turn=0.0,
            speed=speed,
            accuracy=True,
            lon=lon,
            lat=lat,
            course=course,
            heading=heading,
            second=second,
            radio=radio,
        )
        cols = {
            "mmsi": np.array([mmsi]),
            "status": status,
            "turn": 0,
            "speed": np.array([round(speed * 10)]),
            "accuracy": 1,
            "lon": np.array([round(lon * 600000)]),
            "lat": np.array([round(lat * 600000)]),
            "course": np.array([round(course * 10)]),
            "heading": np.array([heading]),
            "second": np.array([second]),
            "radio": radio,
        }
        assert packer.payloads(1, cols)[0] == m.encode()[0]


def test_packer_rejects_unknown_fields() -> None:
    with pytest.raises(KeyError):
        Packer(1).pack(1, {"shipname": "X"})


@pytest.mark.parametrize("msg_type", [1, 5])
def test_nmea_records_match_tag_block_and_frame(msg_type: int) -> None:
    rng = np.random.default_rng(3)
    recs = _random_records(msg_type, {}, 50, rng)
    packer = Packer(msg_type)
    cols = {
        name: (
            np.array([r[name] for r in recs], dtype=np.str_)
            if isinstance(recs[0][name], str)
            else np.array([r[name] for r in recs], dtype=np.int64)
        )
        for name in recs[0]
    }
    block = packer.pack(50, cols)
    chan = rng.choice([65, 66], 50).astype(np.uint8)
    times = rng.integers(1_000_000_000, 9_999_999_999, 50)
    seq = rng.integers(0, 10, 50)
    gid = rng.integers(1000, 10000, 50)
    buf, width = nmea_records(
        block, packer.fill, channel=chan, time=times, station="rTEST-1", seq=seq, group=gid
    )
    records = split_records(buf, width)
    payloads = packer.payloads(50, cols)
    for k, rec in enumerate(records):
        parts = frame(payloads[k], packer.fill, channel=chr(chan[k]), seq_id=int(seq[k]))
        if len(parts) == 1:
            want = [tag_block(station="rTEST-1", time=float(times[k])) + parts[0]]
        else:
            want = [
                tag_block(
                    group=(i, len(parts), int(gid[k])), station="rTEST-1", time=float(times[k])
                )
                + p
                for i, p in enumerate(parts, 1)
            ]
        assert rec.decode("ascii") == "".join(line + "\n" for line in want)
