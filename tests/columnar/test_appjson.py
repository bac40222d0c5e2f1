"""Binary application JSON written from columns, and scaling, equal Python's, value for value."""

from __future__ import annotations

import json
from collections.abc import Sequence

import numpy as np
import pytest

from aiswatch.ais import apps
from aiswatch.ais.bits import SIXBIT, clean_text
from aiswatch.ais.fields import Field, Kind
from aiswatch.ais.message import _scale
from aiswatch.columnar.appjson import _max_chars, _plan, app_json
from aiswatch.columnar.extract import data_texts, extract_text
from aiswatch.columnar.frame import ARMOUR_VALUE
from aiswatch.columnar.layout import Placed, PlacedArray
from aiswatch.columnar.scaling import scaled_values


def _matrix(fields: Sequence[Field], rows: Sequence[Sequence[int]]) -> np.ndarray:
    """Six-bit values of rows of raw integers laid end to end (`fields`' widths)."""
    nbits = sum(f.width for f in fields)
    nchars = (nbits + 5) // 6
    mat = np.zeros((len(rows), nchars), np.uint8)
    for r, row in enumerate(rows):
        v = 0
        for f, raw in zip(fields, row, strict=True):
            v = (v << f.width) | (raw & ((1 << f.width) - 1))
        v <<= 6 * nchars - nbits
        for c in range(nchars):
            mat[r, c] = (v >> (6 * (nchars - 1 - c))) & 63
    return mat


def _placed(fields: Sequence[Field]) -> list[Placed]:
    out, pos = [], 0
    for f in fields:
        out.append(Placed(f, pos, f.width))
        pos += f.width
    return out


def _scalar_json(fields: Sequence[Field], row: Sequence[int]) -> str:
    obj = {}
    for f, raw in zip(fields, row, strict=True):
        if f.kind is Kind.SPARE:
            continue
        if f.kind is Kind.BOOL:
            obj[f.name] = _scale(f, bool(raw))
        elif f.kind is Kind.INT:
            obj[f.name] = _scale(f, raw - (1 << f.width) if raw >> (f.width - 1) else raw)
        else:
            obj[f.name] = _scale(f, raw)
    return json.dumps(obj, separators=(",", ":"))


def _random_rows(fields: Sequence[Field], n: int, seed: int) -> list[list[int]]:
    """Unsigned raw values: random, with the edges, "not available" and values near zero
    (negative ones that round to -0.0) often."""
    rng = np.random.default_rng(seed)
    rows = []
    for _ in range(n):
        row = []
        for f in fields:
            top = 1 << f.width
            pick = rng.integers(6)
            if pick == 0:
                v = int(rng.choice([0, 1, top - 1, top >> 1, (top >> 1) - 1]))
            elif pick == 1 and f.na is not None:
                v = f.na % top
            elif pick == 2:
                v = int(rng.integers(-9, 10)) % top
            else:
                v = int(rng.integers(top))
            row.append(v)
        rows.append(row)
    return rows


# Scaled members as the application tables have them (every one rounded to its decimals),
# and some beyond: wide values, many decimals, offsets, scales below one.
SCALED = [
    Field("a", 11, Kind.INT, scale=10.0, na=-1024, decimals=1),
    Field("b", 28, Kind.INT, scale=600000.0, na=0x6791AC0, decimals=6),
    Field("c", 27, Kind.INT, scale=60000.0, decimals=4),
    Field("d", 10, Kind.UINT, scale=10.0, offset=-10.0, decimals=1),
    Field("e", 8, Kind.UINT, scale=1 / 45, decimals=1),
    Field("f", 12, Kind.UINT, scale=100.0, offset=-180.0, decimals=2),
    Field("g", 9, Kind.INT, scale=10.0, decimals=0),
    Field("h", 7, Kind.UINT, scale=2.0, decimals=1),
    Field("i", 40, Kind.INT, scale=7.0, decimals=3),
    Field("j", 30, Kind.INT, scale=10.0, offset=0.5, decimals=2),
    Field("k", 14, Kind.UINT, scale=20.0, decimals=2, na=16383),
    Field("m", 16, Kind.INT, scale=8.0, decimals=2, na=-32768),  # ties: x.xx5, Python's round
]


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_scaled_members_print_as_python_does(seed: int) -> None:
    rows = _random_rows(SCALED, 3000, seed)
    got = app_json(_matrix(SCALED, rows), _placed(SCALED)).to_pylist()
    assert got == [_scalar_json(SCALED, r) for r in rows]


def test_negative_values_rounding_to_zero_print_minus_zero() -> None:
    f = Field("x", 9, Kind.INT, scale=10.0, decimals=0)
    rows = [[v % 512] for v in (-4, -1, 0, 4, -5, -6, 5, 15, -15, -25)]
    got = app_json(_matrix([f], rows), _placed([f])).to_pylist()
    assert got == [_scalar_json([f], r) for r in rows]
    assert got[0] == '{"x":-0.0}' and got[2] == '{"x":0.0}'


def test_values_python_prints_otherwise_are_printed_by_python() -> None:
    # Below 1e-4 Python writes an exponent; scaled without decimals, the shortest repr of a
    # float that is no short decimal; special members go through `_scale` itself.
    tiny = Field("t", 20, Kind.INT, scale=1e6, decimals=6)
    loose = Field("l", 20, Kind.INT, scale=7.0)
    rot = Field("r", 8, Kind.INT, special="rot", na=-128)
    fields = [tiny, loose, rot]
    rows = [[v % (1 << f.width) for f, v in zip(fields, vals, strict=True)]
            for vals in ([1, 3, 127], [-55, -1, -127], [0, 0, -128], [123456, 22, 5])]  # fmt: skip
    got = app_json(_matrix(fields, rows), _placed(fields)).to_pylist()
    assert got == [_scalar_json(fields, r) for r in rows]
    assert '"t":1e-06' in got[0]


def test_integers_booleans_enums_and_not_available() -> None:
    fields = [Field("n", 8), Field("s", 12, Kind.INT, na=-2048), Field("b", 1, Kind.BOOL),
              Field("e", 4, Kind.ENUM, na=15), Field("k", 7, na=127),
              Field("x", 2, Kind.SPARE), Field("w", 58, Kind.INT)]  # fmt: skip
    rows = _random_rows(fields, 2000, 5)
    got = app_json(_matrix(fields, rows), _placed(fields)).to_pylist()
    assert got == [_scalar_json(fields, r) for r in rows]
    assert any('"s":null' in g for g in got) and any('"e":15' in g for g in got)


def test_text_is_quoted_and_escaped_and_names_keep_their_first_place() -> None:
    text = Field("name", 60, Kind.TEXT)
    n = Field("n", 6)
    again = Field("n", 6)  # a name given twice: first place, last value (as a dict)
    values = SIXBIT.index('"'), SIXBIT.index("\\"), SIXBIT.index("@"), SIXBIT.index(" ")
    chars = [[values[0], 1, values[1], 2, values[3]] + [values[3]] * 5,
             [values[2]] * 10, [8] * 10, [values[1]] * 3 + [values[2]] + [9] * 6]  # fmt: skip
    rows = []
    for k, cs in enumerate(chars):
        t = 0
        for c in cs:
            t = (t << 6) | c
        rows.append([k, t, 40 + k])
    got = app_json(_matrix([n, text, again], rows), _placed([n, text, again])).to_pylist()
    want = [json.dumps({"n": 40 + k, "name": clean_text("".join(SIXBIT[c] for c in cs))},
                       separators=(",", ":"))
            for k, cs in enumerate(chars)]  # fmt: skip
    assert got == want
    assert got[0] == '{"n":40,"name":"\\"A\\\\B"}'


def test_scaled_values_equal_the_scalar_scaling_exactly() -> None:
    # As binary applications' members are scaled before they are written as JSON.
    rng = np.random.default_rng(3)
    raw = rng.integers(-(2**27), 2**27, 100_000)
    raw[::97] = 0x6791AC0  # lon "not available"
    for f in (
        Field("lon", 28, Kind.INT, scale=600000.0, na=0x6791AC0, decimals=6),
        Field("t", 11, Kind.INT, scale=10.0, offset=-60.0, decimals=1),
        Field("x", 28, Kind.INT, scale=7.0),
        Field("h", 28, Kind.INT, scale=8.0, decimals=2),  # every eighth value a tie
    ):
        want = [_scale(f, int(r)) for r in raw.tolist()]
        for into in (None, np.empty(raw.size)):
            v, na = scaled_values(f, raw, into)
            got = [None if na is not None and m else x
                   for x, m in zip(v.tolist(), (na if na is not None else raw * 0).tolist(),
                                   strict=True)]  # fmt: skip
            assert got == want, f.name


def test_huge_scaled_values_are_printed_by_python() -> None:
    # Beyond 15 significant digits a decimal is not its own shortest repr (nor below 1e16
    # Python's exponent form): such members go to Python, value for value.
    f = Field("z", 58, Kind.INT, scale=10.0, decimals=1)
    rows = [[v % (1 << 58)] for v in (2**57 - 1, -(2**57), 10**16 + 7, 123, -5)]
    got = app_json(_matrix([f], rows), _placed([f])).to_pylist()
    assert got == [_scalar_json([f], r) for r in rows]
    assert "e+16" in got[0]


@pytest.mark.parametrize("width", [1, 2, 5, 8, 12, 27, 30, 40])
def test_a_members_text_is_never_longer_than_its_bound(width: int) -> None:
    # The output buffer is sized from each member's longest text (`_max_chars`): the
    # extreme raw values of every kind and scaling must fit.
    fields = [Field("i", width, Kind.INT, na=-(1 << (width - 1))), Field("u", width),
              Field("e", width, Kind.ENUM), Field("b", 1, Kind.BOOL),
              Field("s", width, Kind.INT, scale=60000.0, decimals=4),
              Field("o", width, Kind.UINT, scale=1 / 45, offset=-200.0, decimals=1),
              Field("t", width, Kind.INT, scale=10.0, offset=0.5, decimals=6)]  # fmt: skip
    extremes = [0, 1, (1 << width) - 1, 1 << (width - 1), (1 << (width - 1)) - 1]
    for f in fields:
        p = Placed(f, 0, f.width)
        kind = _plan([p]).kinds[0]
        longest = max(len(_scalar_json([f], [v % (1 << f.width)])) for v in extremes)
        assert longest - len(f'{{"{f.name}":}}') <= _max_chars(p, int(kind)), f


def test_the_output_bound_stays_close_to_the_text() -> None:
    # Sized at twice the text, a group of capability replies (64 booleans) made the buffer
    # limit (2 GiB) fail at a quarter of it. For every sample application without text
    # (counted apart, from its own bytes): its row fits the bound, and the bound of one
    # with arrays is within half again of the row.
    from aiswatch.columnar.layout import place_arrays
    from tests.ais.test_applications import HEADER_BITS, SAMPLES, _build

    checked = 0
    for msg_type, dac, fid, values, _ in SAMPLES:
        payload, fill = _build(msg_type, dac, fid, values).encode()
        mat = ARMOUR_VALUE[np.frombuffer(payload.encode(), np.uint8)].reshape(1, -1)
        laid = place_arrays(apps.layouts(msg_type)[(dac, fid)], 6 * len(payload) - fill,
                            HEADER_BITS[msg_type])  # fmt: skip
        if not isinstance(laid, list) or any(
            isinstance(p, Placed) and p.field.kind in (Kind.TEXT, Kind.DATA) for p in laid
        ):
            continue
        text = app_json(mat, laid).to_pylist()[0]
        bound = _plan(laid).row_bytes
        assert len(text) <= bound, (msg_type, dac, fid)
        if any(isinstance(p, PlacedArray) for p in laid):
            assert bound <= 1.5 * len(text), (msg_type, dac, fid, bound, len(text))
            checked += 1
    assert checked >= 3


def test_offsets_beyond_2_gib_are_refused_clearly() -> None:
    big = np.broadcast_to(np.zeros((1, 200), np.uint8), (2 * 10**7, 200))  # no memory
    with pytest.raises(OverflowError, match="2 GiB"):
        data_texts(big, 0, 1000)
    with pytest.raises(OverflowError, match="2 GiB"):
        extract_text(big, 0, 6 * 199)
