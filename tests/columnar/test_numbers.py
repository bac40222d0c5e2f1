"""A layout's numeric fields in one compiled pass (`columnar.numbers`) against the scalar
decoder's own scaling, value by value, and the narrow column types against the fields'
ranges."""

from __future__ import annotations

import numpy as np
import pyarrow as pa
import pytest

from aiswatch.ais import TYPES
from aiswatch.ais.fields import Field, Kind, Repeat
from aiswatch.ais.layout import all_fields
from aiswatch.ais.message import _scale
from aiswatch.ais.messages import TURN
from aiswatch.columnar import numbers
from aiswatch.columnar.layout import Placed
from aiswatch.columnar.numbers import NumberPlan, int_class
from aiswatch.columnar.tables import APP_FIELDS, SCHEMAS
from tests.columnar.test_extract import _bits

NUMERIC = (Kind.UINT, Kind.INT, Kind.ENUM, Kind.BOOL)


def _fields() -> list[Field]:
    """Every numeric field of every message type (applications' members too), once."""
    seen: dict[tuple[object, ...], Field] = {}
    for mt in TYPES.values():
        for f, _ in all_fields(mt.items):
            if isinstance(f, Field) and f.kind in NUMERIC and f.width:
                seen.setdefault((f.name, f.width, f.kind, f.scale, f.offset, f.na, f.special,
                                 f.decimals), f)  # fmt: skip
    return list(seen.values())


def _decode(fields: list[Field], mat: np.ndarray, gap: int = 3) -> tuple[list[Placed], list[tuple[str, Placed, list[object]]]]:  # fmt: skip
    """The fields laid out one after the other (`gap` bits apart), decoded: the columns
    (name, field, values: None where null), as the tables hold them."""
    laid, at = [], 1
    for f in fields:
        laid.append(Placed(f, at, f.width))
        at += f.width + gap
    plan = NumberPlan.of(laid)
    out, na = numbers.decode(plan, mat)
    got = []
    by_field = {id(p.field): p for p in laid}
    for name, f, cls, row, na_row in plan.columns:
        v = out[cls][row]
        assert v.dtype == numbers.DTYPES[cls]
        marks = na[na_row] if na_row >= 0 else np.zeros(v.size, bool)
        vals = v.view(np.bool_) if f.kind is Kind.BOOL else v
        values = [None if m else x for x, m in zip(vals.tolist(), marks.tolist(), strict=True)]
        got.append((name, by_field[id(f)], values))
    return laid, got


def _want(name: str, f: Field, raw: int) -> object:
    """The scalar decoder's value, as the table holds it (the rate of turn's "fast turn"
    codes, text, null in its numeric column; its raw value in `rot`)."""
    if f.kind is Kind.BOOL:
        return bool(raw)
    if name == "rot":
        return raw
    value = _scale(f, raw)
    return None if isinstance(value, str) else value


def test_every_field_decodes_as_the_scalar_decoder_scales_it() -> None:
    rng = np.random.default_rng(11)
    fields = _fields()
    for start in range(0, len(fields), 12):  # a dozen at a time: a layout's worth
        group = fields[start : start + 12]
        nbits = 1 + sum(f.width + 3 for f in group)
        mat = rng.integers(0, 64, (300, (nbits + 5) // 6), dtype=np.uint8)
        mat[0] = 63  # all ones, all zeros: the sign and range edges
        mat[1] = 0
        laid, got = _decode(group, mat)
        # Every "not available" value too: written into row 2 + k for field k.
        for k, p in enumerate(laid):
            if p.field.na is not None:
                raw = p.field.na & ((1 << p.width) - 1)
                bits = "".join(format(int(v), "06b") for v in mat[2 + k])
                bits = bits[: p.offset] + format(raw, f"0{p.width}b") + bits[p.offset + p.width :]
                mat[2 + k] = [int(bits[i : i + 6], 2) for i in range(0, len(bits), 6)]
        laid, got = _decode(group, mat)
        for name, p, values in got:
            for r, value in enumerate(values):
                want = _want(name, p.field, _bits(mat[r], p.offset, p.width, p.field.signed))
                assert value == want and type(value) is type(want), (name, r, value, want)


def test_rounding_boundaries_are_rounded_by_python() -> None:
    # raw / 40 to two decimals: a sixth of the values lie within the arithmetic's error of a
    # boundary, where the nearest integer of x * 100 and Python's round differ (rint gives
    # 0.03 for 1 / 40 where Python, reading 0.025 as the double below it, gives 0.02).
    f = Field("x", 12, Kind.UINT, scale=40.0, decimals=2, na=4095)
    g = Field("y", 9, Kind.INT, scale=80.0, offset=-3.0, decimals=1)
    rows = 400
    raws = np.arange(rows) * 7 % 4096
    raws[-1] = 4095  # "not available": null, and not on the list
    mat = np.zeros((rows, 4), np.uint8)
    for r, raw in enumerate(raws.tolist()):
        bits = format(raw, "012b") + format((r * 5) % 512, "09b") + "000"
        mat[r] = [int(bits[i : i + 6], 2) for i in range(0, 24, 6)]
    plan = NumberPlan.of([Placed(f, 0, 12), Placed(g, 12, 9)])
    out, na = numbers.decode(plan, mat)
    x, y = out[numbers.F64].tolist()
    for r, raw in enumerate(raws.tolist()):
        assert (x[r] if not na[0][r] else None) == _scale(f, raw), (r, raw)
        assert y[r] == _scale(g, _bits(mat[r], 12, 9, True)), r
    # The kernel's list of such rows grew past its first 16.
    close = numbers.decode_numbers(mat, plan.spec, plan.scales, *plan.outputs(rows))
    assert close.shape[1] > 16 and 4095 not in close[2].tolist()


@pytest.mark.parametrize(
    ("width", "signed", "dtype"),
    [
        (1, False, np.int8),
        (7, False, np.int8),
        (8, False, np.int16),
        (8, True, np.int8),
        (15, False, np.int16),
        (16, True, np.int16),
        (30, False, np.int32),
        (31, False, np.int32),
        (32, False, np.int64),
        (32, True, np.int32),
    ],
)
def test_integer_classes_are_the_narrowest_that_hold_the_field(width: int, signed: bool,
                                                              dtype: type) -> None:  # fmt: skip
    assert numbers.DTYPES[int_class(width, signed)] == np.dtype(dtype)


def test_every_table_column_holds_its_fields_range() -> None:
    for t, mt in TYPES.items():
        schema = SCHEMAS[t]
        for f, _ in all_fields(mt.items):
            if isinstance(f, Repeat) or f.kind not in NUMERIC or f.name in APP_FIELDS[t]:
                continue
            typ = schema.field(f.name).type
            if f.kind is Kind.BOOL:
                assert typ == pa.bool_()
            elif f.scaled:
                assert typ == pa.float64()
                if f.special == "rot":
                    assert schema.field("rot").type == pa.int8()
            else:
                info = np.iinfo(typ.to_pandas_dtype())
                low, high = (-(1 << (f.width - 1)), (1 << (f.width - 1)) - 1) if f.signed else (
                    0, (1 << f.width) - 1)  # fmt: skip
                assert info.min <= low and high <= info.max, (t, f.name, typ)
    assert SCHEMAS[1].field("mmsi").type == pa.int32()
    assert SCHEMAS[1].field("repeat").type == pa.int8()
    assert SCHEMAS[1].field("heading").type == pa.int16()


def test_rate_of_turn_gives_turn_and_its_raw_value() -> None:
    raws = [-128, -127, 127, 0, 5, -5, 126, -126, 1]
    mat = np.array([[(r & 0xFF) >> 2, (r & 3) << 4] for r in raws], np.uint8)
    plan = NumberPlan.of([Placed(TURN, 0, 8)])
    out, na = numbers.decode(plan, mat)
    columns = {name: (cls, row, na_row) for name, _, cls, row, na_row in plan.columns}
    cls, row, na_row = columns["turn"]
    turn = [None if m else v for v, m in zip(out[cls][row].tolist(), na[na_row].tolist(),
                                              strict=True)]  # fmt: skip
    want = [_scale(TURN, r) for r in raws]
    assert turn == [None if isinstance(w, str) else w for w in want]
    assert want[1:3] == ["fastleft", "fastright"] and turn[:3] == [None, None, None]
    cls, row, na_row = columns["rot"]
    assert out[cls][row].tolist() == raws and na_row == -1 and out[cls].dtype == np.int8


@pytest.mark.parametrize(
    ("scale", "decimals"), [(10.0, 1), (600000.0, 4), (1000.0, 2), (3.0, 3), (7.0, 0), (40.0, 2)]
)
def test_scaled_columns_round_as_python_at_every_scale(scale: float, decimals: int) -> None:
    rng = np.random.default_rng(7)
    raws = rng.integers(-(2**27), 2**27, 50_000)
    f = Field("v", 28, Kind.INT, scale=scale, decimals=decimals)
    bits = (raws & ((1 << 28) - 1)).astype(np.int64)
    mat = np.array([(bits >> (24 - 6 * c)) & 63 for c in range(5)], np.uint8).T.copy()
    out, _ = numbers.decode(NumberPlan.of([Placed(f, 2, 28)]), mat)
    assert out[numbers.F64][0].tolist() == [_scale(f, r) for r in raws.tolist()]


def test_a_rate_of_turn_without_its_own_not_available_value() -> None:
    # Its "fast turn" codes are null all the same; -128 is then a value like any other.
    f = Field("turn", 8, Kind.INT, special="rot", decimals=3)
    raws = [-128, 127, -127, 3]
    mat = np.array([[(r & 0xFF) >> 2, (r & 3) << 4] for r in raws], np.uint8)
    plan = NumberPlan.of([Placed(f, 0, 8)])
    out, na = numbers.decode(plan, mat)
    _, _, cls, row, na_row = plan.columns[0]
    got = [None if m else v for v, m in zip(out[cls][row].tolist(), na[na_row].tolist(),
                                             strict=True)]  # fmt: skip
    assert got == [None if isinstance(w, str) else w for w in (_scale(f, r) for r in raws)]
    assert got[0] is not None and got[1:3] == [None, None]


def test_a_special_scaling_the_kernel_does_not_know_is_refused() -> None:
    with pytest.raises(ValueError, match="no columnar scaling"):
        NumberPlan.of([Placed(Field("x", 8, Kind.INT, special="log"), 0, 8)])
    with pytest.raises(ValueError, match="no columnar scaling"):
        numbers.number_type(Field("x", 8, Kind.INT, special="log"))
