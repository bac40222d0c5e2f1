"""Lone first fragments settled by the fast path (`handover.settle_lone_fragments`): with
small group age limits, so that many expire within a file, every file decodes as the
scalar path decodes it (rows, counts, problems), whole and in buffers of a few lines."""

from __future__ import annotations

import io
import random
from collections import defaultdict
from typing import Any

import pytest

from aiswatch.columnar import ColumnarDecoder, handover
from aiswatch.nmea import NmeaReader, Problem, Stats
from tests.columnar.test_framing_edges import F1, F2, V, body, lines, seal, tb

PA, PB, FB = body(F1).split(",")[5], body(F2).split(",")[5], body(F2).split(",")[6]


def _frag(number: int, seq: str, ch: str, talker: str = "AI") -> str:
    payload, fill = (PA, "0") if number == 1 else (PB, FB)
    return seal(f"{talker}VDM,2,{number},{seq},{ch},{payload},{fill}")


def _log(rnd: random.Random, age_s: float, calm: float) -> bytes:
    """Lines of lone first and second fragments among pairs, single sentences and lines
    the reader reads (junk, lone tag blocks, two-digit sequence ids, $PGHP lines), dated
    by tag blocks or leading times that now and then jump past the time limit. With
    `calm` (0 to 1), that much of the time a line is a pair or a single sentence."""
    out, t = [], 1_000_000.0
    for _ in range(rnd.randint(30, 150)):
        t += rnd.choice([0, 0, 1, 2]) if rnd.random() < 0.9 else age_s * rnd.choice([1, 2])
        pre = rnd.choice([tb(f"c:{t:.0f}"), tb(f"c:{t:.0f}"), f"{t:.0f}000 ", ""])
        if rnd.random() < 0.05:
            out.append(seal(f"PGHP,1,2010,6,11,11,{rnd.randint(0, 59)},1,390,231,45,99,1,2B", "$"))
        seq, ch = rnd.choice("0123456789"), rnd.choice("AB")
        x = rnd.random() * 0.5 if rnd.random() < calm else rnd.random()
        if x < 0.3:
            out.append(pre + V)
        elif x < 0.5:
            out += [pre + _frag(1, seq, ch), _frag(2, seq, ch)]
        elif x < 0.75:
            out.append(pre + _frag(1, seq, ch))
        elif x < 0.82:
            out.append(pre + _frag(2, seq, ch))
        else:
            out.append(rnd.choice(["foobar", tb(f"c:{t:.0f}"), "", pre + _frag(1, seq + "1", ch),
                                   pre + _frag(1, seq, ch, "BS")]))  # fmt: skip
    return lines(*out)


Result = tuple[dict[int, list[Any]], dict[str, Any], list[tuple[Any, ...]]]


def _scalar(data: bytes, age_lines: int, age_s: float) -> Result:
    probs: list[Problem] = []
    reader = NmeaReader(on_problem=probs.append, max_group_age_lines=age_lines,
                        max_group_age_s=age_s)  # fmt: skip
    raws = sorted((r.line, r.payload, r.time) for r in reader.read(io.BytesIO(data), "x"))
    return (
        {0: raws},
        reader.stats.as_dict(),
        sorted((p.line, p.reason, p.detail, p.text) for p in probs),
    )


def _columnar(data: bytes, age_lines: int, age_s: float, every: int | None) -> Result:
    probs: list[Problem] = []
    dec = ColumnarDecoder("x", on_problem=probs.append, max_group_age_lines=age_lines,
                          max_group_age_s=age_s)  # fmt: skip
    pieces = [data]
    if every:
        ls = data.splitlines(keepends=True)
        pieces = [b"".join(ls[i : i + every]) for i in range(0, len(ls), every)]
    rows: dict[int, list[Any]] = defaultdict(list)
    stats = Stats()
    for k, piece in enumerate(pieces):
        batch = dec.decode(piece, final=k == len(pieces) - 1)
        stats.merge(batch.nmea)
        for table in batch.tables.values():
            rows[0] += [(r["line"], r["rxtime"]) for r in table.to_pylist()]
    return (
        {0: sorted(rows[0])},
        stats.as_dict(),
        sorted((p.line, p.reason, p.detail, p.text) for p in probs),
    )


@pytest.mark.parametrize(("age_lines", "age_s", "calm"), [(3, 2.0, 0.0), (5, 3.0, 0.3),
                                                        (12, 10.0, 0.8)])  # fmt: skip
def test_lone_fragments_settled_here_decode_as_the_reader_reads_them(
    age_lines: int, age_s: float, calm: float, monkeypatch: pytest.MonkeyPatch
) -> None:
    settled = []
    settle = handover.settle_lone_fragments

    def counted(fr: Any, *args: Any) -> Any:
        out = settle(fr, *args)
        settled.append(out.expired.line.size)
        return out

    monkeypatch.setattr(handover, "settle_lone_fragments", counted)
    rnd = random.Random(age_lines)
    for _ in range(40):
        data = _log(rnd, age_s, calm)
        want = _scalar(data, age_lines, age_s)
        for every in (None, rnd.randint(1, 30)):
            got = _columnar(data, age_lines, age_s, every)
            assert [(line, t) for line, _, t in want[0][0]] == got[0][0], data
            assert got[1:] == want[1:], data
    assert sum(settled) > 20  # the fast path settled lone fragments, not only the reader
