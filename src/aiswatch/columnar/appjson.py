"""The `app` column: a binary application's members as JSON text, from a group's columns.

The scalar path writes `json.dumps` (compact) of the members that
`aiswatch.ais.message._scale` returns, arrays (`Repeat`) as lists of objects. Here the rows
of a group of one layout get the same text, byte for byte, in one compiled pass
(`jsontext.write_rows`): the layout gives a template (member names, punctuation, the
records of arrays) and each member a column of values:

- integers in decimal, booleans as true/false, "not available" as null;
- scaled members, rounded to their decimals (as every application's are), as Python's
  `repr` prints such a float (see `jsontext`); other floats (none in the tables today) and
  special members are printed by Python itself, value by value;
- six-bit text quoted, with `"` and `\\` escaped; binary data as gpsd's "<bits>:<hex>".

A name given twice keeps its first place and its last value, as a dict does.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pyarrow as pa
from numpy.typing import NDArray

from aiswatch.ais.fields import Field, Kind
from aiswatch.ais.message import _scale
from aiswatch.columnar import jsontext
from aiswatch.columnar.extract import data_buffers, extract_fields, text_buffers
from aiswatch.columnar.layout import Placed, PlacedArray
from aiswatch.columnar.scaling import scaled_values

I64 = NDArray[np.int64]
F64 = NDArray[np.float64]
U8 = NDArray[np.uint8]
Item = Placed | PlacedArray


def app_json(mat: U8, app: Sequence[Item]) -> pa.Array:
    """The `app` column of a group of rows (`mat`, their six-bit values) laid out as `app`
    (the application's placed members, in layout order)."""
    plan = _plan(app)
    n = mat.shape[0]
    kinds, rows = plan.kinds, plan.value_rows
    raws = extract_fields(mat, plan.offsets, plan.widths, plan.signed)
    floats = np.empty((len(plan.decimals), n), np.float64)
    texts = [_text(mat, p) for p in plan.texts]
    texts += [_python(f, raws[plan.raw_rows[j]]) for j, f in plan.python]
    for k, (j, f) in enumerate(plan.decimals):
        scaled_values(f, raws[plan.raw_rows[j]], floats[k])  # into its row of `floats`
        if not _decimal(f, floats[k]):  # printed by Python after all (see `_decimal`)
            if kinds is plan.kinds:
                kinds, rows = kinds.copy(), rows.copy()
            kinds[j], rows[j] = jsontext.RAW, len(texts)
            texts.append(_python(f, raws[plan.raw_rows[j]]))
    strs = np.concatenate([d for _, d in texts]) if texts else np.zeros(0, np.uint8)
    str_at = np.empty((len(texts), n + 1), np.int64)
    base = text_bytes = 0
    for s, (offsets, data) in enumerate(texts):
        np.add(offsets, base, out=str_at[s])
        base += data.size
        # Quoted text: two quotes, and every character escaped at most; the rest as it is.
        text_bytes += 2 * data.size + 2 * n if s < len(plan.texts) else data.size
    bound = n * plan.row_bytes + text_bytes
    if bound >= 1 << 31:  # Arrow's string offsets are 32-bit
        raise OverflowError(f"binary application JSON of {n} rows may exceed 2 GiB "
                            f"({bound:,} bytes at most): decode smaller buffers")  # fmt: skip
    out = np.empty(bound, np.uint8)
    out_at = np.empty(n + 1, np.int32)
    size = jsontext.write_rows(plan.lit, plan.lit_at, kinds, plan.raw_rows, rows, plan.decs,
                               plan.has_na, plan.na_value, raws, floats, strs, str_at, out,
                               out_at)  # fmt: skip
    data = out[:size]
    if bound - size > 1 << 20:  # not to hold the unused rest while the table lives
        data = data.copy()
    return pa.StringArray.from_buffers(n, pa.py_buffer(out_at), pa.py_buffer(data))


@dataclass(frozen=True)
class _Plan:
    """How a layout's rows are written (`jsontext.write_rows`' arguments that do not
    depend on the rows), and the members whose values Python prepares: numeric members
    extracted together (`offsets`, `widths`, `signed`: the rows of `raws`), `decimals`
    scaled into the rows of `floats`, then strings: `texts` (six-bit text, binary data)
    and `python` (special members, floats that are not rounded), in this order."""

    lit: U8
    lit_at: I64
    kinds: I64
    raw_rows: I64
    value_rows: I64
    decs: I64
    has_na: NDArray[np.bool_]
    na_value: I64
    offsets: I64
    widths: I64
    signed: NDArray[np.bool_]
    decimals: list[tuple[int, Field]]
    texts: list[Placed]
    python: list[tuple[int, Field]]
    row_bytes: int  # a row's bytes at most, strings apart (`_max_chars`)


#: Plans by the identities of the layout's items (`place_arrays`' own objects, kept alive
#: by the entry, so an identity cannot be reused).
_PLANS: dict[tuple[int, ...], tuple[tuple[Item, ...], _Plan]] = {}
_PLANS_MAX = 1 << 12


def _plan(app: Sequence[Item]) -> _Plan:
    key = tuple(map(id, app))
    hit = _PLANS.get(key)
    if hit is not None:
        return hit[1]
    t = _Template()
    t.record(app)
    plan = t.plan()
    if len(_PLANS) >= _PLANS_MAX:
        _PLANS.clear()
    _PLANS[key] = (tuple(app), plan)
    return plan


class _Template:
    """A layout's literals and members, in row order (literal j comes before member j;
    one more literal ends the row)."""

    def __init__(self) -> None:
        self.lits = [""]
        self.members: list[Placed] = []

    def record(self, items: Sequence[Item]) -> None:
        """One JSON object of `items` (spare fields left out, as the scalar path does)."""
        members: dict[str, Item] = {}
        for it in items:
            if isinstance(it, PlacedArray) or it.field.kind is not Kind.SPARE:
                members[it.name if isinstance(it, PlacedArray) else it.field.name] = it
        self.lits[-1] += "{"
        for k, (name, it) in enumerate(members.items()):
            self.lits[-1] += ("," if k else "") + json.dumps(name) + ":"
            if isinstance(it, PlacedArray):
                self.lits[-1] += "["
                for e, rec in enumerate(it.records):
                    self.lits[-1] += "," if e else ""
                    self.record(rec)
                self.lits[-1] += "]"
            else:
                self.members.append(it)
                self.lits.append("")
        self.lits[-1] += "}"

    def plan(self) -> _Plan:
        m = len(self.members)
        kinds, raw_rows, value_rows, decs = (np.zeros(m, np.int64) for _ in range(4))
        has_na, na_value = np.zeros(m, np.bool_), np.zeros(m, np.int64)
        numeric: list[Placed] = []
        decimals: list[tuple[int, Field]] = []
        texts = [p for p in self.members if p.field.kind in (Kind.TEXT, Kind.DATA)]
        python: list[tuple[int, Field]] = []
        for j, p in enumerate(self.members):
            f = p.field
            if f.kind in (Kind.TEXT, Kind.DATA):
                kinds[j], value_rows[j] = jsontext.QUOTED, texts.index(p)
                continue
            raw_rows[j] = len(numeric)
            numeric.append(p)
            if f.kind is Kind.BOOL:
                kinds[j] = jsontext.BOOL
            elif f.special or (f.scaled and f.decimals is None):
                kinds[j], value_rows[j] = jsontext.RAW, len(texts) + len(python)
                python.append((j, f))
            else:
                has_na[j] = f.na is not None and f.kind is not Kind.ENUM
                na_value[j] = f.na or 0
                if f.scaled:
                    assert f.decimals is not None
                    kinds[j], value_rows[j], decs[j] = (jsontext.DECIMAL, len(decimals),
                                                        f.decimals)  # fmt: skip
                    decimals.append((j, f))
                else:
                    kinds[j] = jsontext.INT
        lit = "".join(self.lits).encode("ascii")
        lit_at = np.zeros(len(self.lits) + 1, np.int64)
        np.cumsum([len(s) for s in self.lits], out=lit_at[1:])
        return _Plan(
            np.frombuffer(lit, np.uint8), lit_at, kinds, raw_rows, value_rows, decs, has_na,
            na_value, np.array([p.offset for p in numeric], np.int64),
            np.array([p.width for p in numeric], np.int64),
            np.array([p.field.kind is Kind.INT for p in numeric], np.bool_),
            decimals, texts, python,
            len(lit) + sum(_max_chars(p, int(kind)) for p, kind in zip(self.members, kinds,
                                                                        strict=True)),
        )  # fmt: skip


def _max_chars(p: Placed, kind: int) -> int:
    """Characters member `p`'s value takes at most in a row ("null" included); strings
    apart (they are counted from their own data)."""
    f, w = p.field, p.width
    if kind in (jsontext.RAW, jsontext.QUOTED):
        return 0
    if kind == jsontext.BOOL:
        return 5  # false
    if kind == jsontext.INT:
        widest = -(1 << (w - 1)) if f.kind is Kind.INT and w else (1 << w) - 1
        return max(4, len(str(widest)))
    # A decimal: its sign, its integer part (at most the largest raw value scaled, plus one
    # for the rounding), the point and its decimals.
    top = int((1 << w) / abs(f.scale) + abs(f.offset)) + 1
    return max(4, 3 + len(str(top)) + max(1, f.decimals or 0))


def _text(mat: U8, p: Placed) -> tuple[I64, U8]:
    """String offsets and bytes of a text or data member."""
    buffers = data_buffers if p.field.kind is Kind.DATA else text_buffers
    offsets, data = buffers(mat, p.offset, p.width)
    return offsets.astype(np.int64), data


def _python(f: Field, raw: I64) -> tuple[I64, U8]:
    """JSON texts of a member's values through the scalar path's own scaling."""
    return _strings([json.dumps(_scale(f, r)) for r in raw.tolist()])


def _strings(texts: list[str]) -> tuple[I64, U8]:
    data = np.frombuffer("".join(texts).encode("ascii"), np.uint8)
    offsets = np.zeros(len(texts) + 1, np.int64)
    np.cumsum(np.fromiter(map(len, texts), np.int64, len(texts)), out=offsets[1:])
    return offsets, data


def _decimal(f: Field, v: F64) -> bool:
    """Whether the scaled values `v` of `f` print as decimals of `f.decimals` digits (see
    `jsontext`): rounded to them, of at most 15 significant digits and outside Python's
    exponent range (below 1e-4)."""
    if f.decimals is None or not 0 <= f.decimals <= 15:
        return False
    a = np.abs(v)
    return bool((a * 10.0**f.decimals < 1e15).all() and ((a == 0) | (a >= 1e-4)).all())
