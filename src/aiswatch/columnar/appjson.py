"""Column-wise JSON text for the `app` column and Python-identical scaling.

The scalar path writes a binary application's members with `json.dumps` of the values that
`aiswatch.ais.message._scale` returns. Doing that row by row costs a Python call per value;
here each member becomes one Arrow string column of JSON value texts, and Arrow joins the
columns into objects, so the text is the same byte for byte:

- integers print in decimal, booleans as true/false, "not available" as null;
- floats as Python's `repr` (shortest round-trip digits, as Arrow's cast prints them, with
  Python's ".0" on whole numbers; exponent forms, rare here, are printed by Python itself);
- six-bit text quoted with `"` and `\\` escaped (the only six-bit characters JSON escapes).
"""

from __future__ import annotations

import functools
import json
from collections.abc import Sequence
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
from numpy.typing import NDArray

from aiswatch.ais.fields import Field, Kind
from aiswatch.ais.message import _scale
from aiswatch.columnar.extract import data_strings, extract_text, placed_values
from aiswatch.columnar.layout import Placed
from aiswatch.columnar.scaling import scaled_values

F64 = NDArray[np.float64]
I64 = NDArray[np.int64]
FEW_ROWS = 32  # app JSON for fewer rows is written row by row (see `app_json`)


@functools.cache
def _lit(text: str) -> pa.Scalar:
    """A string scalar, made once: pyarrow's conversion of a Python str costs ~50 us."""
    return pa.scalar(text, pa.string())


def _float_texts(v: F64) -> pa.Array:
    text = pc.cast(pa.array(v), pa.string())
    # Python prints exponents below 1e-4 and from 1e16; Arrow at other magnitudes. Those
    # (rare here) are printed by Python itself.
    a = np.abs(v)
    odd = ((a < 1e-4) & (a > 0)) | ~np.isfinite(v)
    odd |= pc.match_substring(text, "e").to_numpy(zero_copy_only=False)
    whole = ~odd & (v == np.floor(v))
    text = pc.if_else(
        pa.array(whole), pc.binary_join_element_wise(text, _lit(".0"), _lit("")), text
    )
    rows = np.flatnonzero(odd)
    if rows.size:
        fixed = text.to_pylist()
        for i in rows.tolist():
            fixed[i] = repr(float(v[i]))
        text = pa.array(fixed, pa.string())
    return text


def quoted(f: Field, text: pa.Array) -> pa.Array:
    """JSON texts of a text or data member from its string column."""
    if f.kind is Kind.TEXT:
        text = pc.replace_substring(text, "\\", "\\\\")
        text = pc.replace_substring(text, '"', '\\"')
    return pc.binary_join_element_wise(_lit('"'), text, _lit('"'), _lit(""))


def member_texts(fields: Sequence[Field], raws: Sequence[I64]) -> list[pa.Array]:
    """JSON texts of numeric members (one array of raw integers each, all of one length).
    Members of a kind are converted together, as one long array cut into slices: Arrow's
    calls cost the same for a few rows as for many."""
    n = raws[0].size if raws else 0
    out: list[pa.Array | None] = [None] * len(fields)
    bools: list[int] = []
    floats: list[tuple[int, F64, NDArray[np.bool_] | None]] = []
    ints: list[tuple[int, F64 | I64, NDArray[np.bool_] | None]] = []
    for i, (f, raw) in enumerate(zip(fields, raws, strict=True)):
        if f.kind is Kind.BOOL:
            bools.append(i)
        elif f.special:
            vals = [_scale(f, v) for v in raw.tolist()]
            out[i] = pa.array(["null" if x is None else json.dumps(x) for x in vals], pa.string())
        else:
            v, na = scaled_values(f, raw)
            if v.dtype.kind == "f":
                floats.append((i, v.astype(np.float64), na))
            else:
                ints.append((i, v, na))
    if bools:
        flags = np.concatenate([raws[i] != 0 for i in bools])
        _cut(out, bools, pc.if_else(pa.array(flags), _lit("true"), _lit("false")), n)
    for group, texts in ((floats, _float_texts), (ints, _int_texts)):
        if not group:
            continue
        values = np.concatenate([v for _, v, _ in group])
        col = texts(values)
        if any(na is not None for _, _, na in group):
            na_all = np.concatenate([np.zeros(n, bool) if na is None else na
                                     for _, _, na in group])  # fmt: skip
            if na_all.any():
                col = pc.if_else(pa.array(na_all), _lit("null"), col)
        _cut(out, [i for i, _, _ in group], col, n)
    return [c for c in out if c is not None]


def _int_texts(v: F64 | I64) -> pa.Array:
    return pc.cast(pa.array(v), pa.string())


def _cut(out: list[pa.Array | None], at: list[int], col: pa.Array, n: int) -> None:
    """Slices of `n` rows of `col`, in turn, to the members at `at`."""
    if isinstance(col, pa.ChunkedArray):
        col = col.combine_chunks()
    for k, i in enumerate(at):
        out[i] = col.slice(k * n, n)


def objects(names: Sequence[str], values: Sequence[pa.Array]) -> pa.Array:
    """Rows of compact JSON objects {"name":value,...} from per-member value texts."""
    pieces: list[pa.Array | pa.Scalar] = []
    for k, (name, col) in enumerate(zip(names, values, strict=True)):
        pieces.append(_lit(("{" if k == 0 else ",") + f'"{name}":'))
        pieces.append(col)
    pieces.append(_lit("}"))
    if not values:
        return pa.array([], pa.string())
    return pc.binary_join_element_wise(*pieces, _lit(""))


def app_json(mat: NDArray[np.uint8], app: Sequence[Placed]) -> pa.Array:
    """The `app` column: the application's members as the scalar path writes them (scaled
    alike, in layout order, compact JSON), built column by column (see above)."""
    names = [p.field.name for p in app]
    # A repeated name: the dict keeps one, as json does. A few rows: json.dumps per row
    # costs less than Arrow's dozen calls per member (live feeds decode small buffers).
    if len(set(names)) != len(names) or mat.shape[0] < FEW_ROWS:
        return pa.array(_app_json_rows(mat, app), pa.string())
    numeric = [k for k, p in enumerate(app) if p.field.kind not in (Kind.TEXT, Kind.DATA)]
    cols = member_texts(
        [app[k].field for k in numeric], [placed_values(mat, app[k]) for k in numeric]
    )
    texts = dict(zip(numeric, cols, strict=True))
    for k, p in enumerate(app):
        f = p.field
        if f.kind is Kind.TEXT:
            texts[k] = quoted(f, extract_text(mat, p.offset, p.width))
        elif f.kind is Kind.DATA:
            texts[k] = quoted(f, pa.array(data_strings(mat, p.offset, p.width)))
    values = [texts[k] for k in range(len(app))]
    return objects(names, values)


def _app_json_rows(mat: NDArray[np.uint8], app: Sequence[Placed]) -> list[str]:
    """The `app` column row by row, through the scalar path's own scaling."""
    values: list[list[Any]] = []
    for p in app:
        f = p.field
        if f.kind is Kind.TEXT:
            values.append(extract_text(mat, p.offset, p.width).to_pylist())
        elif f.kind is Kind.DATA:
            values.append(data_strings(mat, p.offset, p.width))
        else:
            raw = placed_values(mat, p).tolist()
            values.append([_scale(f, bool(v) if f.kind is Kind.BOOL else v) for v in raw])
    names = [p.field.name for p in app]
    dumps = json.dumps
    return [
        dumps(dict(zip(names, row, strict=True)), separators=(",", ":"))
        for row in zip(*values, strict=True)
    ]
