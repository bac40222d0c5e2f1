"""A layout's numeric fields into their columns in one compiled pass, each in the narrowest
integer type that holds it.

A group of messages of one layout (`layout.place`) has a dozen numeric fields. They are
extracted from the six-bit values (`extract`), "not available" values marked, linear
scaling applied as the scalar decoder applies it (`scaling`), and each written into a row of
the matrix of its column's type: scaled fields as float64, integers as int8, int16, int32
or int64 by their width and sign (a 30-bit MMSI as int32, a 2-bit repeat indicator as int8),
booleans as int8 0/1 read as bool. Each column is then one row of a matrix, no copy.

One call a group, where a call a field cost ~2 us each in Python (a mixed log has ~100
groups of a few dozen rows a buffer); and the narrow columns take 40 % less memory than
64-bit ones: fewer fresh pages for a new process, less to write and to read.

`extract.py` inlines `extract_into` from here: numba's cache of its kernels does not see a
change to it (`make clean-jit`; the kernels built ahead of time hash both files).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numba
import numpy as np
import pyarrow as pa
from numpy.typing import NDArray

from aiswatch.ais.fields import Field, Kind
from aiswatch.ais.message import ROT_FACTOR
from aiswatch.columnar.kernels import kernel
from aiswatch.columnar.layout import Placed

#: The column types, by class: a scaled field's, then integers from the widest.
F64, I64, I32, I16, I8 = range(5)
DTYPES: tuple[np.dtype[Any], ...] = tuple(
    np.dtype(d) for d in (np.float64, np.int64, np.int32, np.int16, np.int8)
)
ARROW = (pa.float64(), pa.int64(), pa.int32(), pa.int16(), pa.int8())
#: A field's entry in `NumberPlan.spec`: its bits, how it is scaled (`LINEAR`, `TURN`: the
#: rate of turn, whose raw value is also kept, in row RAW_ROW of the int8 matrix), its
#: output and its "not available" value.
OFFSET, WIDTH, SIGNED, SCALED, CLASS, ROW, NA_ROW, NA_VALUE, DECIMALS, RAW_ROW = range(10)
LINEAR, TURN = 1, 2


def int_class(width: int, signed: bool) -> int:
    """The narrowest integer class that holds a field of `width` bits (unsigned ones need
    a bit more, as the types are signed: Arrow's signed integers are what every reader
    takes)."""
    bits = width if signed else width + 1
    return I8 if bits <= 8 else I16 if bits <= 16 else I32 if bits <= 32 else I64


def scaling(f: Field) -> int:
    """How a numeric field is scaled: 0 (not: an integer column), `LINEAR` or `TURN`."""
    if f.special == "rot":
        return TURN
    if f.special:
        raise ValueError(f"field {f.name!r}: no columnar scaling for special {f.special!r}")
    return LINEAR if f.scale != 1.0 or f.offset != 0.0 else 0


def number_class(f: Field) -> int:
    """The class of a numeric field's values in `decode_numbers`' output: float64 if
    scaled, int8 (0 or 1) for a boolean, else the narrowest integer type."""
    if scaling(f):
        return F64
    return I8 if f.kind is Kind.BOOL else int_class(f.width, f.signed)


def number_type(f: Field) -> pa.DataType:
    """The Arrow type of a numeric field's column (its `number_class`, booleans as bool)."""
    return pa.bool_() if f.kind is Kind.BOOL else ARROW[number_class(f)]


@dataclass(frozen=True)
class NumberPlan:
    """How a layout's numeric fields are decoded (`decode_numbers`): one row of `spec` a
    field (see OFFSET ...), its scale and offset in `scales`, the rows of each class's
    matrix and of the "not available" matrix, and the columns: (name, field, class, row,
    NA row or -1). The rate of turn gives two: `turn` in deg/min, null where not
    available or a "fast turn" code (+-127), and `rot`, its raw value."""

    spec: NDArray[np.int64]
    scales: NDArray[np.float64]
    rows: tuple[int, int, int, int, int]
    na_rows: int
    columns: list[tuple[str, Field, int, int, int]]

    @staticmethod
    def of(nums: list[Placed]) -> NumberPlan:
        spec = np.full((len(nums), 10), -1, np.int64)
        scales = np.zeros((len(nums), 2), np.float64)
        rows = [0] * 5
        na_rows = 0
        columns = []

        def take(cls: int) -> int:
            rows[cls] += 1
            return rows[cls] - 1

        for k, p in enumerate(nums):
            f = p.field
            scaled = scaling(f)
            turn = scaled == TURN
            cls = number_class(f)
            # As `scaling.scaled_values`: an enumeration's "not available" is a value of it.
            # The rate of turn's "fast turn" codes are null too, whatever its own.
            has_na = (f.na is not None and f.kind not in (Kind.ENUM, Kind.BOOL)) or turn
            na_row = -1
            if has_na:
                na_row, na_rows = na_rows, na_rows + 1
            row = take(cls)
            decimals = (f.decimals or 3) if turn else -1 if f.decimals is None else f.decimals
            na_value = f.na if f.na is not None else 1 << 62  # (no raw value is so large)
            spec[k, :RAW_ROW] = (p.offset, p.width, f.signed, scaled, cls, row, na_row,
                                 na_value, decimals)  # fmt: skip
            scales[k] = (ROT_FACTOR, 0.0) if turn else (f.scale, f.offset)
            columns.append((f.name, f, cls, row, na_row))
            if turn:
                if int_class(f.width, f.signed) != I8:  # the kernel writes it as int8
                    raise ValueError(f"field {f.name!r}: a rate of turn of {f.width} bits")
                spec[k, RAW_ROW] = take(I8)
                columns.append(("rot", f, I8, int(spec[k, RAW_ROW]), -1))
        return NumberPlan(spec, scales, (rows[0], rows[1], rows[2], rows[3], rows[4]), na_rows,
                          columns)  # fmt: skip

    def outputs(self, n: int) -> list[NDArray[np.generic]]:
        """The matrices `decode_numbers` writes for `n` rows: one a class, then the "not
        available" marks."""
        out: list[NDArray[np.generic]] = [
            np.empty((k, n), d) for k, d in zip(self.rows, DTYPES, strict=True)
        ]
        out.append(np.empty((self.na_rows, n), np.bool_))
        return out


def decode(plan: NumberPlan, mat: NDArray[np.uint8]) -> tuple[list[NDArray[np.generic]], NDArray[np.bool_]]:  # fmt: skip
    """The numeric fields of every row of `mat` (a group's six-bit values) laid out as
    `plan`: the matrices of each class, and the "not available" marks. Values on a
    rounding boundary within the arithmetic's error are rounded by Python's own `round`,
    as the scalar decoder rounds."""
    *out, na = plan.outputs(mat.shape[0])
    close = decode_numbers(mat, plan.spec, plan.scales, *out, na)
    if close.shape[1]:
        floats = out[F64]
        for k, i, raw in close.T.tolist():
            scale, add = plan.scales[k].tolist()
            dec = int(plan.spec[k, DECIMALS])
            if plan.spec[k, SCALED] == TURN:
                value = round(math.copysign((raw / scale) ** 2, raw), dec)
            else:
                value = round(raw / scale + add, dec)
            floats[plan.spec[k, ROW], i] = value
    return out, na  # type: ignore[return-value]


@kernel
@numba.njit(cache=True)
def decode_numbers(mat, spec, scales, out_f64, out_i64, out_i32, out_i16, out_i8, na):  # type: ignore[no-untyped-def]
    """Every field of `spec` (see `NumberPlan`) for every row of `mat`, into its row of
    its class's matrix; where it has a "not available" value, its row of `na` marks it
    (and a scaled value there is 0). Scaled values are raw / scale + offset, rounded to
    the field's decimals (none if negative) through the nearest integer of x * 10**n, as
    `scaling` rounds. Returns the rows left to Python's `round` (field, row, raw value,
    one a column): those within 1e-6 of a rounding boundary.

    Field by field: an integer is extracted straight into its column; a scaled field's raw
    values into a buffer first, then scaled in passes with no branch (vectorised)."""
    n = mat.shape[0]
    raw = np.empty(0, np.int64)
    close = np.empty((3, 16), np.int64)
    nc = 0
    for k in range(spec.shape[0]):
        offset, width, signed = spec[k, OFFSET], spec[k, WIDTH], spec[k, SIGNED] != 0
        row, na_row, na_value = spec[k, ROW], spec[k, NA_ROW], spec[k, NA_VALUE]
        if not spec[k, SCALED]:
            cls = spec[k, CLASS]
            if cls == I8:
                extract_into(out_i8[row], mat, offset, width, signed)
                _mark(na, na_row, out_i8[row], na_value)
            elif cls == I16:
                extract_into(out_i16[row], mat, offset, width, signed)
                _mark(na, na_row, out_i16[row], na_value)
            elif cls == I32:
                extract_into(out_i32[row], mat, offset, width, signed)
                _mark(na, na_row, out_i32[row], na_value)
            else:
                extract_into(out_i64[row], mat, offset, width, signed)
                _mark(na, na_row, out_i64[row], na_value)
            continue
        if raw.size == 0:
            raw = np.empty(n, np.int64)
        extract_into(raw, mat, offset, width, signed)
        scale, add = scales[k, 0], scales[k, 1]
        dec = spec[k, DECIMALS]
        dest = out_f64[row]
        if spec[k, SCALED] == TURN:
            nc, close = _turn(raw, dest, out_i8[spec[k, RAW_ROW]], na[na_row], scale, dec,
                              na_value, k, close, nc)  # fmt: skip
            continue
        _mark(na, na_row, raw, na_value)
        has_na = na_row >= 0
        if dec < 0:
            for i in range(n):
                r = raw[i]
                dest[i] = 0.0 if (r == na_value) & has_na else r / scale + add  # no branch
            continue
        p = 10.0**dec
        near = 0
        for i in range(n):  # a count first: a column of none is the rule
            y = (raw[i] / scale + add) * p
            near += abs(y - np.floor(y) - 0.5) < 1e-6
        if near:
            for i in range(n):
                r = raw[i]
                y = (r / scale + add) * p
                if abs(y - np.floor(y) - 0.5) < 1e-6 and not (has_na and r == na_value):
                    close = _keep(close, nc, k, i, r)
                    nc += 1
        for i in range(n):
            r = raw[i]
            v = np.rint((r / scale + add) * p) / p
            dest[i] = 0.0 if (r == na_value) & has_na else v
    return close[:, :nc]


@numba.njit(cache=True)
def _turn(raw, dest, raw_out, marks, factor, dec, na_value, k, close, nc):  # type: ignore[no-untyped-def]
    """Rate of turn (`aiswatch.ais.message._scale`): (raw / factor) ** 2 deg/min, signed as
    the raw value, rounded to `dec` decimals as `scaling` rounds; null where not
    available or a "fast turn" code (+-127, the scalar decoder's "fastright"/"fastleft",
    text in a numeric column); the raw value into `raw_out`. Rows on a rounding boundary
    are added to `close` (as `decode_numbers`); returns their count and `close`."""
    p = 10.0**dec
    for i in range(raw.size):
        r = raw[i]
        raw_out[i] = r
        marks[i] = (r == na_value) | (r == 127) | (r == -127)
        v = np.copysign((r / factor) ** 2, r)
        y = v * p
        if abs(y - np.floor(y) - 0.5) < 1e-6:
            close = _keep(close, nc, k, i, r)
            nc += 1
        dest[i] = np.rint(y) / p
    return nc, close


@numba.njit(cache=True, inline="always")
def _keep(close, nc, k, i, r):  # type: ignore[no-untyped-def]
    """`close` with (field k, row i, raw value r) as its column nc (grown, doubled, when
    full): a row left to Python's `round`."""
    if nc == close.shape[1]:
        grown = np.empty((3, 2 * nc), np.int64)
        grown[:, :nc] = close
        close = grown
    close[0, nc] = k
    close[1, nc] = i
    close[2, nc] = r
    return close


@numba.njit(cache=True, inline="always")
def _mark(na, na_row, values, na_value):  # type: ignore[no-untyped-def]
    """Row `na_row` of `na` (none if negative): where `values` is `na_value`."""
    if na_row >= 0:
        marks = na[na_row]
        for i in range(values.size):
            marks[i] = values[i] == na_value


@numba.njit(cache=True, inline="always")
def extract_into(out, mat, offset, width, signed):  # type: ignore[no-untyped-def]
    """One field of every row into `out`: the six-bit values it spans, shifted and masked
    (two's complement if `signed`). The row loop is compiled once per number of values
    spanned (1 to 6, a constant in each): unrolled, a third faster than one loop that
    reads the span from a variable (kept for wider peeks)."""
    if width == 0:
        out[:] = 0
        return
    c0 = offset // 6
    c1 = (offset + width - 1) // 6
    shift = 6 * (c1 + 1) - (offset + width)
    mask = (np.int64(1) << width) - 1
    top = np.int64(1) << (width - 1)
    span = c1 - c0 + 1
    if span == 1:
        _rows(out, mat, c0, 1, shift, mask, top, signed)
    elif span == 2:
        _rows(out, mat, c0, 2, shift, mask, top, signed)
    elif span == 3:
        _rows(out, mat, c0, 3, shift, mask, top, signed)
    elif span == 4:
        _rows(out, mat, c0, 4, shift, mask, top, signed)
    elif span == 5:
        _rows(out, mat, c0, 5, shift, mask, top, signed)
    elif span == 6:
        _rows(out, mat, c0, 6, shift, mask, top, signed)
    else:  # wider than the field tables' numbers (up to 58 bits: 11 values)
        _rows(out, mat, c0, span, shift, mask, top, signed)


@numba.njit(cache=True, inline="always")
def _rows(out, mat, c0, span, shift, mask, top, signed):  # type: ignore[no-untyped-def]
    for r in range(mat.shape[0]):
        v = np.int64(0)
        ru = np.uint64(r)  # unsigned indexes: no negative-index test (a quarter faster)
        for c in range(span):
            v = (v << 6) | np.int64(mat[ru, np.uint64(c0 + c)])
        v = (v >> shift) & mask
        if signed and v >= top:
            v -= top << 1
        out[ru] = v
