"""The columnar decoder agrees with the scalar decoder, row for row and field for field."""

from __future__ import annotations

import math
import random
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
import pytest

from aiswatch.ais import DecodeError, Message, apps
from aiswatch.ais.bits import SIXBIT
from aiswatch.ais.fields import Field, Group, Kind, Repeat
from aiswatch.columnar import decode, decode_file, record_row, tables
from aiswatch.columnar.decode import _combinations
from aiswatch.columnar.frame import frame_lines
from aiswatch.columnar.layout import PlacedArray
from aiswatch.columnar.tables import _put, assemble, reorder
from aiswatch.nmea import NmeaReader, Problem, RawMessage, Stats, frame, with_checksum
from aiswatch.nmea.checksum import checksum_bytes
from aiswatch.sim.cli import simulate_command
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
        # A table's rows come in the order of their first line (the scalar reader emits a
        # multi-part message when its last fragment arrives).
        rows = sorted(rows, key=lambda r: r["line"])
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


@pytest.mark.parametrize("scenario", ["baltic", "taiwan"])
def test_simulated_log_columnar_equals_scalar(tmp_path: Path, scenario: str) -> None:
    # Half an hour of 300 vessels (~40,000 sentences): tables of thousands of rows, where
    # the columnar path takes its bulk branches (validity bitmaps, runs of rows).
    path = tmp_path / f"{scenario}.nmea"
    summary = simulate_command(scenario, path, duration=1800, vessels=300, seed=3)
    assert summary.sentences > 20_000
    assert assert_agree(path) > 0
    assert assert_agree(path, chunk_bytes=1 << 18) > 0  # and across chunk boundaries


ARMOUR = "0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVW`abcdefghijklmnopqrstuvw"


def _random_raw(f: Field, rng: random.Random) -> Any:
    """A raw value for `f`: any its width holds, "not available" or small ones often."""
    if f.kind is Kind.SPARE:
        return 0
    if f.kind is Kind.BOOL:
        return rng.random() < 0.5
    if f.kind is Kind.TEXT:
        n = rng.randint(0, f.width // 6) if f.variable else f.width // 6
        return "".join(rng.choice(SIXBIT[1:]) for _ in range(n)).rstrip()  # no '@'
    if f.kind is Kind.DATA:
        return None  # kept as it is
    if f.na is not None and rng.random() < 0.15:
        return f.na
    if f.kind is Kind.INT:
        half = 1 << (f.width - 1)
        return rng.randint(-9, 9) if rng.random() < 0.3 else rng.randint(-half, half - 1)
    return rng.randint(0, (1 << f.width) - 1)


def _vary(items: Sequence[Any], rec: dict[str, Any], rng: random.Random) -> None:
    """Random values in the fields of `items` that `rec` holds, and arrays of flat records
    of every length; what sits in a switch or a non-flat array is left as it is."""
    for it in items:
        if isinstance(it, Field) and it.name in rec:
            v = _random_raw(it, rng)
            if v is not None:
                rec[it.name] = v
        elif isinstance(it, Repeat) and all(isinstance(f, Field) for f in it.items):
            rec[it.name] = [{f.name: _random_raw(f, rng) for f in it.items
                             if isinstance(f, Field) and f.kind is not Kind.DATA}
                            for _ in range(rng.randint(0, it.max_count))]  # fmt: skip
        elif isinstance(it, Group):
            _vary(it.items, rec, rng)


def test_binary_applications_in_bulk_equal_scalar(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
    # Every registered application with random values, its arrays of every length, many
    # rows each: the application JSON written from columns (arrays of flat records too)
    # must equal the scalar path's, byte for byte.
    from tests.ais.test_applications import SAMPLES, _build

    arrays: list[int] = []
    real_app_json = decode.app_json

    def spy(mat: Any, app: Any) -> Any:
        arrays.append(sum(isinstance(p, PlacedArray) for p in app))
        return real_app_json(mat, app)

    monkeypatch.setattr(decode, "app_json", spy)
    rng = random.Random(11)
    lines = []
    for msg_type, dac, fid, values, _ in SAMPLES:
        base = _build(msg_type, dac, fid, values)
        case = apps.layouts(msg_type)[(dac, fid)]
        for k in range(40):
            rec = dict(base.fields)
            _vary(case, rec, rng)
            try:
                payload, fill = Message(rec).encode()
            except (ValueError, KeyError, OverflowError):
                continue
            if k % 3 == 0:  # bits beyond the layout: ignored, or not this application
                payload += "".join(rng.choices(ARMOUR, k=rng.randint(1, 12)))
                fill = 0
            lines += frame(payload, fill, channel="AB"[k % 2], seq_id=k % 10)
    path = tmp_path / "apps.nmea"
    path.write_text("\n".join(lines) + "\n")
    assert len(lines) > 2000
    assert assert_agree(path) > 0
    assert assert_agree(path, chunk_bytes=1 << 14) > 0
    assert sum(arrays) > 100  # arrays were laid out in bulk


def test_small_chunks_change_nothing() -> None:
    # Chunk boundaries fall everywhere, including between two fragments of a message.
    logs = [p for p in real_logs() if p.name.startswith(("dma_stream", "kystverket", "goais"))]
    for path in logs:
        assert assert_agree(path, chunk_bytes=4096) > 0


def _problems(
    path: Path, with_decoder: bool = False
) -> tuple[list[tuple[int, str, str, str]], list[tuple[int, str, str, str]], set[str]]:
    """Problems of the scalar path (reader, and with `with_decoder` the scalar decoder's,
    quoting the first sentence) and of the columnar decoder; the latter without decoder
    problems unless `with_decoder`."""
    want: list[Problem] = []
    for raw in NmeaReader(on_problem=want.append).read(open_lines(path), str(path)):
        if not with_decoder:
            continue
        try:
            Message.decode(raw.payload, raw.fill)
        except DecodeError as exc:
            text = (raw.sentences[0] if raw.sentences else raw.payload)[:120]
            want.append(Problem(raw.source, raw.line, exc.reason, exc.detail, text))
    got: list[Problem] = []
    decode_errors: set[str] = set()
    for batch in decode_file(path, chunk_bytes=1 << 16, on_problem=got.append):
        decode_errors |= set(batch.decode.errors)
    if not with_decoder:
        got = [p for p in got if p.reason not in decode_errors]
    key = lambda p: (p.line, p.reason, p.detail, p.text)  # noqa: E731
    return sorted(map(key, want)), sorted(map(key, got)), decode_errors


@pytest.mark.parametrize("path", real_log_params(), ids=lambda p: getattr(p, "name", "none"))
def test_real_log_problems_equal_the_readers(path: Path) -> None:
    # Whichever path frames a line, its problems read the same: line, reason, detail, text
    # (decoder problems quote the sentence, as the scalar decoder does).
    want, got, _ = _problems(path, with_decoder=True)
    assert got == want


def test_empty_payloads_are_counted_and_reported_in_bulk(tmp_path: Path) -> None:
    def nmea(body: str, mark: str = "!") -> str:
        return f"{mark}{body}*{checksum_bytes(body.encode()):02X}"

    tag = nmea("s:r1,c:1700000000", "\\")
    lines = [
        nmea("AIVDM,1,1,,B,,0"),
        tag + "\\" + nmea("AIVDM,1,1,,A,,0"),
        nmea("AIVDM,1,1,,A,13u?etPv2;0n:dDPwUM1U1Cb069D,0"),
        "1700000000123 " + nmea("AIVDM,1,1,,B,,0"),
        nmea("AIVDM,2,1,7,B,,0"),  # an empty first fragment: the reader's to frame
        nmea("AIVDM,1,1,,B,,0") + ",b003669794,1272412827",  # USCG fields: the reader's
    ]
    path = tmp_path / "empty.nmea"
    path.write_text("\n".join(lines) + "\n")
    want, got, _ = _problems(path)
    assert [(p[0], p[1]) for p in got] == [(n, "empty-payload") for n in (1, 2, 4, 5, 6)]
    assert got == want
    assert assert_agree(path) > 0
    stats = Stats()
    columnar_rows(path, stats=stats)
    assert stats.errors["empty-payload"] == 5 and stats.lines == 6 and stats.messages == 1
    # The single-sentence ones were counted by the compiled pass, not the reader.
    framed = frame_lines(np.frombuffer(path.read_bytes(), np.uint8))
    assert framed.refused.tolist() == [0, 1, 3] and framed.slow.tolist() == [4, 5]


def test_overlong_payloads_do_not_pass_for_another_type(tmp_path: Path) -> None:
    # 711 characters = 4,266 bits: a (type, length) key must not wrap into type 2's range.
    def nmea(body: str) -> str:
        return f"!{body}*{checksum_bytes(body.encode()):02X}"

    good = nmea("AIVDM,1,1,,A,13u?etPv2;0n:dDPwUM1U1Cb069D,0")
    lines = [
        nmea("AIVDM,1,1,,A,1" + "0" * 710 + ",0"),
        good,
        nmea("AIVDM,1,1,,B,8" + "1" * 180 + ",0"),
    ]
    path = tmp_path / "long.nmea"
    path.write_text("\n".join(lines) + "\n")
    assert assert_agree(path) > 0
    tables = {t: tb.num_rows for b in decode_file(path) for t, tb in b.tables.items()}
    assert 2 not in tables and tables[1] == 1


def test_lengths_laid_out_alike_decode_as_one_group_in_line_order(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Type 1 of 168 and 174 bits (six bits past its last field), type 27 of 96 and 102: one
    # group each, their rows put back in line order (each table is that one part).
    def nmea(body: str) -> str:
        return f"!{body}*{checksum_bytes(body.encode()):02X}"

    pos = "13u?etPv2;0n:dDPwUM1U1Cb069D"
    long_range = "KC5E2b@U19PFdLbL"
    lines = []
    for k in range(12):
        tail = "0" if k % 3 else ""
        lines.append(nmea(f"AIVDM,1,1,,A,{pos}{tail},0"))
        lines.append(nmea(f"AIVDM,1,1,,B,{long_range}{tail},0"))
    path = tmp_path / "lengths.nmea"
    path.write_text("\n".join(lines) + "\n")
    emitted: list[int] = []
    real_emit = decode.ColumnarDecoder._emit

    def spy(self: Any, t: int, mat: Any, laid: Any, rows: Any, parts: Any) -> None:
        emitted.append(t)
        real_emit(self, t, mat, laid, rows, parts)

    monkeypatch.setattr(decode.ColumnarDecoder, "_emit", spy)
    assert assert_agree(path) > 0
    assert sorted(emitted) == [1, 27], emitted
    got = {t: tb for b in decode_file(path) for t, tb in b.tables.items()}
    assert got[1].num_rows == 12 and got[27].num_rows == 12
    for t in (1, 27):
        line = got[t].column("line").to_pylist()
        assert line == sorted(line)


def test_length_errors_are_reported_as_the_scalar_decoder_words_them(tmp_path: Path) -> None:
    def nmea(payload: str, fill: int = 0) -> str:
        body = f"AIVDM,1,1,,A,{payload},{fill}"
        return f"!{body}*{checksum_bytes(body.encode()):02X}"

    good = "13u?etPv2;0n:dDPwUM1U1Cb069D"
    lines = [
        nmea(good[:10]),  # type 1, 60 bits: too short
        nmea(good + "0000"),  # type 1, 192 bits: too long
        nmea("t" + good[1:]),  # type 60: unknown
        nmea("1", 2),  # 4 bits: no type at all
        nmea(good),
    ]
    path = tmp_path / "lengths.nmea"
    path.write_text("\n".join(lines) + "\n")
    want = []
    for n, line in enumerate(lines, 1):
        payload, fill = line.split(",")[5], int(line.split(",")[6][0])
        try:
            Message.decode(payload, fill)
        except DecodeError as exc:
            want.append((n, exc.reason, exc.detail, line[:120]))
    got: list[Problem] = []
    rows = sum(b.rows for b in decode_file(path, on_problem=got.append))
    assert rows == 1 and len(want) == 4
    assert sorted((p.line, p.reason, p.detail, p.text) for p in got) == want


@pytest.mark.parametrize("runs", [1, 2, 7, 300])
def test_reorder_copies_runs_or_gathers_rows_alike(runs: int) -> None:
    # Parts of a table interleave in runs; long runs are sliced and copied, short ones
    # gathered. Either way the rows come out in `order`, as one chunk.
    n = 3000
    table = pa.table({"line": np.arange(n) * 10, "name": [f"v{i}" for i in range(n)]})
    cuts = np.sort(np.random.default_rng(runs).choice(np.arange(1, n), runs - 1, replace=False))
    pieces = np.split(np.arange(n), cuts)
    order = np.concatenate(pieces[1::2] + pieces[0::2])  # runs, shuffled
    got = reorder(table, order)
    assert got.equals(table.take(pa.array(order)))
    assert all(c.num_chunks == 1 for c in got.columns)


@pytest.mark.parametrize("dtype", [np.int64, np.float64, np.bool_, np.int32, np.int16, np.int8])
def test_compiled_scatter_places_rows_as_numpy_does(dtype: Any) -> None:
    # Large parts are placed by a compiled loop over the values' bits (8- and 1-byte items;
    # numpy places 2- and 4-byte ones): every value, negative, NaN and boolean alike, lands
    # where numpy would put it.
    rng = np.random.default_rng(3)
    n = 5000
    src = (rng.normal(size=n) * 100).astype(dtype)
    if dtype is np.float64:
        src[::7] = np.nan
    src = src[::2]  # a strided view, as a column cut from a wider array may be
    where = rng.permutation(n)[: src.size]
    want = np.zeros(n, dtype)
    want[where] = src
    got = np.zeros(n, dtype)
    _put(got, where, src)
    assert where.size >= tables.SCATTER_ROWS
    np.testing.assert_array_equal(got, want)


@pytest.mark.parametrize("path", real_log_params(), ids=lambda p: getattr(p, "name", "none"))
def test_parts_placed_by_the_compiled_scatter_equal_scalar(
    path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The real logs' tables are too small for the compiled scatter (and are gathered): every
    # part takes it here.
    monkeypatch.setattr(tables, "SCATTER_ROWS", 0)
    monkeypatch.setattr(tables, "GATHER_ROWS", 0)
    assert assert_agree(path) > 0


@pytest.mark.parametrize("widths", [[2, 1, 30], [40, 30]], ids=["packed", "as-columns"])
def test_combinations_group_rows_by_their_field_values(widths: list[int]) -> None:
    # A switch's case is chosen once per distinct combination of the fields its key reads.
    rng = np.random.default_rng(5)
    # Raw values within their widths: unsigned, and small signed ones (two's complement).
    low = {1: 0, 2: 0, 30: -2, 40: -2}
    values = [rng.integers(low[w], low[w] + 4 if w > 1 else 2, 500) for w in widths]
    first, inverse = _combinations(values, widths)
    combos = list(zip(*(v.tolist() for v in values), strict=True))
    assert len(first) == len(set(combos))
    for row, j in enumerate(inverse.tolist()):
        assert combos[first[j]] == combos[row]
        assert first[j] <= row


@pytest.mark.parametrize("path", real_log_params(), ids=lambda p: getattr(p, "name", "none"))
def test_reader_messages_in_bulk_equal_scalar(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Messages of lines the scalar reader reads (odd prefixes, split groups) are decoded in
    # groups once a buffer has BULK_RAWS of them: at any number, the same rows and problems.
    monkeypatch.setattr(decode, "BULK_RAWS", 1)
    assert assert_agree(path) > 0
    want, got, _ = _problems(path, with_decoder=True)
    assert got == want


def _raw(payload: str, line: int, fill: int = 0, time: float | None = None) -> RawMessage:
    return RawMessage(payload, fill, "B" if line % 2 else "", "AI", False, time,
                      "st1" if time else None, "f.nmea", line, (f"!AIVDM,{payload}",), True)  # fmt: skip


def test_reader_messages_in_bulk_leave_the_refused_to_the_scalar_decoder() -> None:
    type5 = ("552H<Dl00001HDL62210ThuB08t5B1HDL622220j1083340Ht3h00000" + "0" * 15, 2)
    raws = [
        _raw("15N9?cP01BGR1ttC>C03Tjon00S@", 3, time=1715904000.5),
        _raw("15N9?cP01BG!1ttC>C03Tjon00S@", 4),  # illegal armour character
        _raw(type5[0], 5, fill=type5[1]),
        _raw("15N9?cP01BGR", 6),  # too short for type 1
        _raw("B5NIeAP00=qmw14cRKvQSwm5WP06", 7, time=1715904001.0),
        _raw("15N9?cP01BGR1ttC>C03Tjon00S@", 8, fill=6),  # fill bits out of range
        _raw("403OtUAv6gEcaoNubBCQ2wO028HW", 9),
        _raw("35Mvli=000oRo`<CDfKJh1sF053k", 10),
    ]
    refused = {4, 6, 8}

    def run(bulk_from: int) -> tuple[dict[int, list[dict[str, Any]]], list[Problem], Any]:
        problems: list[Problem] = []
        dec = decode.ColumnarDecoder("f.nmea", on_problem=problems.append)
        parts: dict[int, list[dict[str, Any]]] = defaultdict(list)
        scalar_lines: list[int] = []
        to_scalar = dec._decode_raws

        def spy(raws: list[RawMessage], parts: dict[int, list[Any]]) -> None:
            scalar_lines.extend(r.line for r in raws)
            to_scalar(raws, parts)

        empty = np.zeros(0, np.uint8)
        fr = frame_lines(empty)
        with pytest.MonkeyPatch.context() as mp:
            mp.setattr(decode, "BULK_RAWS", bulk_from)
            mp.setattr(dec, "_decode_raws", spy)
            rr, scalar = decode.reader_rows(list(raws), 0)
            dec._fast(empty, fr, rr, parts)
            dec._decode_raws(scalar, parts)
        if bulk_from <= len(raws):
            assert rr is not None and set(scalar_lines) == refused
        else:
            assert rr is None and sorted(scalar_lines) == [r.line for r in raws]
        tables = {t: assemble(t, p, empty, fr, 0, rr).to_pylist() for t, p in parts.items()}
        return tables, problems, dec.dstats

    bulk, scalar = run(1), run(len(raws) + 1)
    assert bulk[0] == scalar[0]
    assert sorted(bulk[0]) == [1, 3, 4, 5, 18]
    assert [r["line"] for r in bulk[0][1]] == [3]
    assert bulk[0][1][0]["station"] == "st1" and bulk[0][1][0]["channel"] == "B"
    assert [(p.line, p.reason) for p in bulk[1]] == [(p.line, p.reason) for p in scalar[1]]
    assert {p.line for p in bulk[1]} == refused
    assert bulk[2] == scalar[2]


@pytest.mark.parametrize("channel", ["B", "AB"])
def test_framed_and_reader_rows_of_one_table_keep_their_metadata(tmp_path: Path,
                                                                  channel: str) -> None:  # fmt: skip
    # Rows framed here and rows of the reader (a sentence dated by a lone tag block line,
    # one with a two-character channel) in one table: line, time, station and channel of
    # each, in line order, as the scalar path gives them.
    from aiswatch.nmea import tag_block

    pos = Message.build(1, mmsi=211000001, lat=55.0, lon=10.0).encode()[0]

    def sentence(ch: str) -> str:
        return with_checksum(f"AIVDM,1,1,,{ch},{pos},0")

    lines = [
        tag_block(time=1000, station="rx1") + sentence("A"),
        sentence("B"),
        tag_block(time=1010, station="rx2"),  # dates the next sentence: the reader's
        sentence(channel),
        sentence("A"),
        tag_block(time=1020) + sentence("B"),
    ] * 3
    path = tmp_path / "mixed.nmea"
    path.write_text("\n".join(lines) + "\n")
    assert assert_agree(path) > 0
    rows = columnar_rows(path)[1]
    assert [(r["line"], r["station"], r["channel"], r["rxtime"]) for r in rows[:5]] == [
        (1, "rx1", "A", 1000.0), (2, None, "B", None), (4, "rx2", channel, 1010.0),
        (5, None, "A", None), (6, None, "B", 1020.0)]  # fmt: skip
