"""The columnar decoder's tables: one Arrow schema per message type, and the assembly of a
type's parts (groups decoded in bulk, rows from the scalar path) into one table whose rows
come in the order of their first line, with receive metadata (line, time, station,
channel).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
import pyarrow as pa
import pyarrow.compute  # Arrow's `take` imports it at its first call otherwise (~30 ms)
from numpy.typing import NDArray

from aiswatch.ais import TYPES, Message, apps
from aiswatch.ais.fields import Kind, Repeat
from aiswatch.ais.layout import all_fields
from aiswatch.columnar.extract import Values, column_type, masked
from aiswatch.columnar.frame import Framed
from aiswatch.columnar.gather import receive_metadata, scatter
from aiswatch.columnar.layout import Placed, PlacedArray
from aiswatch.columnar.numbers import ARROW, I8, NumberPlan
from aiswatch.nmea import RawMessage

if TYPE_CHECKING:
    from aiswatch.columnar.decode import ReaderRows

ROWS = "__rows"  # a vectorised part's message indices within its buffer
RUN_ROWS = 128  # rows per run at least for `reorder` to copy runs rather than gather rows
META = [("line", pa.int64()), ("rxtime", pa.float64()), ("station", pa.string()),
        ("channel", pa.string())]  # fmt: skip


def _app_fields(msg_type: int) -> frozenset[str]:
    """Member names of the binary applications a type can carry (they share names with
    different meanings, so they travel together as JSON in the `app` column)."""
    if msg_type not in apps.CARRIERS:
        return frozenset()
    return frozenset(f.name for case in apps.layouts(msg_type).values()
                     for f, _ in all_fields(case))  # fmt: skip


APP_FIELDS = {t: _app_fields(t) for t in TYPES}


def type_schema(msg_type: int) -> pa.Schema:
    """Columns of one message type's table: receive metadata, then every member, `rot`
    beside `turn`, arrays as JSON text, binary application members as JSON in `app`."""
    cols: dict[str, pa.DataType] = dict(META)
    app_names = APP_FIELDS[msg_type]
    for f, _ in all_fields(TYPES[msg_type].items):
        if f.name in app_names and f.name not in ("data",):
            continue
        if isinstance(f, Repeat):
            cols.setdefault(f.name, pa.string())
        elif f.kind is not Kind.SPARE:
            cols.setdefault(f.name, column_type(f))
            if f.special == "rot":
                cols.setdefault("rot", ARROW[I8])  # its raw value (`NumberPlan`)
    if app_names:
        cols["app"] = pa.string()
    return pa.schema(list(cols.items()))


SCHEMAS = {t: type_schema(t) for t in TYPES}
FIELDS = {t: [(f.name, f.type) for f in schema] for t, schema in SCHEMAS.items()}


@dataclass(frozen=True)
class ColumnPlan:
    """How the columnar decoder turns a group of one layout into columns: binary-
    application members (JSON in `app`), data fields, numeric fields (extracted together:
    their offsets, widths and signs) and text fields."""

    app: list[Placed | PlacedArray]
    data: list[Placed]
    numbers: NumberPlan
    texts: list[Placed]


#: Plans by message type and the identities of the layout's placed fields (`place`'s own
#: objects, kept alive by the entry, so an identity cannot be reused).
_PLANS: dict[tuple[int, ...], tuple[tuple[Placed | PlacedArray, ...], ColumnPlan]] = {}
_PLANS_MAX = 1 << 12


def column_plan(t: int, laid: Sequence[Placed | PlacedArray]) -> ColumnPlan:
    """The plan of type `t`'s layout `laid` (`layout.place`'s result), worked out once: a
    buffer has a few hundred groups, most of them of layouts seen before."""
    key = (t, *map(id, laid))
    hit = _PLANS.get(key)
    if hit is not None:
        return hit[1]
    app_names = APP_FIELDS[t] - {"data"}
    # Arrays (laid out only within binary applications) are members of `app`.
    app = [p for p in laid if isinstance(p, PlacedArray)
           or (p.field.name in app_names and p.field.kind is not Kind.SPARE)]  # fmt: skip
    own = [p for p in laid if isinstance(p, Placed) and p.field.name not in app_names]
    nums = [p for p in own if p.field.kind not in (Kind.SPARE, Kind.TEXT, Kind.DATA)]
    plan = ColumnPlan(
        app=app,
        data=[p for p in own if p.field.kind is Kind.DATA],
        numbers=NumberPlan.of(nums),
        texts=[p for p in own if p.field.kind is Kind.TEXT],
    )
    if len(_PLANS) >= _PLANS_MAX:
        _PLANS.clear()
    _PLANS[key] = (tuple(laid), plan)
    return plan


def assemble(t: int, parts: list[dict[str, Any]], buf: NDArray[np.uint8], fr: Framed | None,
             lines_done: int, rr: ReaderRows | None = None) -> pa.Table:  # fmt: skip
    """Type `t`'s table from its parts, rows in line order. Parts decoded in groups carry
    their rows (`ROWS`): message indices within the buffer `buf` framed as `fr`, or -1 - k
    for the reader's message k of `rr`; their receive metadata is gathered here (line
    numbers after `lines_done`). The other parts (the scalar decoder's) carry every column
    themselves. Numeric columns still in numpy (`Values`) are placed in line order there,
    the rest by Arrow."""
    schema = SCHEMAS[t]
    fields = FIELDS[t]
    fast = [c for c in parts if ROWS in c]
    mine = rr.meta if rr is not None else _NO_OTHERS  # the reader's rows of groups
    meta: dict[str, Any] = {}
    if fast and len(fast) == len(parts):
        # A group's rows are in line order: the metadata of every row at once, sorted.
        assert fr is not None
        rows = [c[ROWS] for c in parts]
        keys = np.concatenate(rows) if len(rows) > 1 else rows[0]
        order = np.argsort(row_lines(keys, fr, rr), kind="stable") if len(rows) > 1 else None
        meta = meta_columns(buf, fr, keys if order is None else keys[order], lines_done, mine)
    else:
        others = _other_metadata([c for c in parts if ROWS not in c], lines_done) if fast else None
        if others is None:
            for c in fast:
                assert fr is not None
                c.update(meta_columns(buf, fr, c.pop(ROWS), lines_done, mine))
        # The reader hands a multi-part message over at its last fragment but dates it by
        # its first line: its rows need sorting even where they are the only part.
        lines = np.concatenate([row_lines(c[ROWS], fr, rr) + (lines_done + 1)  # type: ignore[arg-type]
                                if ROWS in c else _numbers(c["line"]) for c in parts])  # fmt: skip
        order = None
        if len(parts) > 1 or (lines[1:] < lines[:-1]).any():
            order = np.argsort(lines, kind="stable")
        if others is not None:
            # The metadata of every row at once, in line order: a framed message's from the
            # buffer, the reader's from `rr` and the scalar decoder's rows from their
            # columns (after the reader's: row k of them as -1 - (len(rr.raws) + k)).
            assert fr is not None
            sources, k = [], 0 if rr is None else len(rr.raws)
            for c in parts:
                if ROWS in c:
                    sources.append(c[ROWS])
                else:
                    sources.append(-1 - np.arange(k, k + _size(c)))
                    k += _size(c)
            src = np.concatenate(sources)
            meta = meta_columns(buf, fr, src if order is None else src[order], lines_done,
                                _joined(mine, others))  # fmt: skip
    sizes = [_size(c) for c in parts]
    if order is None:
        arrays = [_arrow(meta.get(name, parts[0].get(name)), typ, sizes[0])
                  for name, typ in fields]  # fmt: skip
        return pa.Table.from_arrays(arrays, schema=schema)
    gather = order.size <= GATHER_ROWS
    if not gather:
        at = np.empty(order.size, np.intp)  # where each row of the parts, end to end, goes
        at[order] = np.arange(order.size)
        bounds = np.cumsum([0, *sizes])
    placed: dict[str, pa.Array] = {}
    rest: list[tuple[str, pa.DataType]] = []
    for name, typ in fields:
        if name in meta:
            continue
        pieces = [c.get(name) for c in parts]
        col = (_gathered(pieces, typ, order, sizes) if gather
               else _placed(pieces, typ, at, bounds))  # fmt: skip
        if col is None:
            rest.append((name, typ))
        else:
            placed[name] = col
    if rest:  # text, JSON, the scalar decoder's rows: parts end to end, then in line order
        table = pa.Table.from_arrays(
            [pa.concat_arrays([_arrow(c.get(name), typ, k) for c, k in zip(parts, sizes,
                                                                           strict=True)])
             for name, typ in rest],
            names=[name for name, _ in rest],
        )  # fmt: skip
        table = reorder(table, order)
        placed.update((name, table.column(name)) for name, _ in rest)
    arrays = [_arrow(meta[name], typ, order.size) if name in meta else placed[name]
              for name, typ in fields]  # fmt: skip
    return pa.Table.from_arrays(arrays, schema=schema)


def row_lines(rows: NDArray[np.int64], fr: Framed, rr: ReaderRows | None) -> NDArray[np.int64]:
    """The lines (0-based within the buffer) of a group's rows (`assemble`)."""
    if rr is None:
        return fr.msg_line[rows].astype(np.int64)  # line numbers are added: 64-bit
    lines = np.empty(rows.size, np.int64)
    framed = rows >= 0
    lines[framed] = fr.msg_line[rows[framed]]
    lines[~framed] = rr.at[-1 - rows[~framed]]
    return lines


_NUMPY: dict[pa.DataType, np.dtype[Any]] = {
    t: np.dtype(t.to_pandas_dtype())
    for t in (pa.int64(), pa.int32(), pa.int16(), pa.int8(), pa.float64(), pa.bool_())
}


def _placed(pieces: list[Any], typ: pa.DataType, at: NDArray[np.intp],
            bounds: NDArray[np.int64]) -> pa.Array | None:  # fmt: skip
    """A numeric column whose parts are all in numpy (or absent: null), its rows put at
    `at` in one pass; None where a part is an Arrow array or of another dtype."""
    dtype = _NUMPY.get(typ)
    if dtype is None or not all(p is None or (isinstance(p, Values) and p.v.dtype == dtype)
                                for p in pieces):  # fmt: skip
        return None
    n = at.size
    absent = any(p is None for p in pieces)
    v = np.zeros(n, dtype) if absent else np.empty(n, dtype)  # every row is written
    na = None
    if absent or any(p.na is not None for p in pieces):
        na = np.zeros(n, np.bool_)
    for k, p in enumerate(pieces):
        where = at[bounds[k] : bounds[k + 1]]
        if p is None:
            na[where] = True  # type: ignore[index]
            continue
        _put(v, where, p.v)
        if p.na is not None:
            _put(na, where, p.na)  # type: ignore[arg-type]
    return masked(v, na)


def _gathered(pieces: list[Any], typ: pa.DataType, order: NDArray[np.intp],
              sizes: list[int]) -> pa.Array | None:  # fmt: skip
    """`_placed` for a small table of many parts: the parts end to end, then taken in line
    order (`order`), a few calls a column where placing costs a few a part."""
    dtype = _NUMPY.get(typ)
    if dtype is None or not all(p is None or (isinstance(p, Values) and p.v.dtype == dtype)
                                for p in pieces):  # fmt: skip
        return None
    v = np.concatenate([np.zeros(k, dtype) if p is None else p.v
                        for p, k in zip(pieces, sizes, strict=True)])[order]  # fmt: skip
    na = None
    if any(p is None or p.na is not None for p in pieces):
        na = np.concatenate([np.ones(k, np.bool_) if p is None
                             else np.zeros(k, np.bool_) if p.na is None else p.na
                             for p, k in zip(pieces, sizes, strict=True)])[order]  # fmt: skip
    return masked(v, na)


#: Rows up to which a table of several parts is gathered in line order (`_gathered`); a
#: larger one has its parts placed (`_placed`: one pass, no copy of the parts end to end).
GATHER_ROWS = 1 << 16
SCATTER_ROWS = 1024  # rows from which a part is placed by the compiled `scatter`
_UNSIGNED = {8: np.uint64, 1: np.uint8}


def _put(dst: NDArray[Any], where: NDArray[np.intp], src: NDArray[Any]) -> None:
    """dst[where] = src; large parts through the compiled scatter (as unsigned integers of
    the same size: one compiled version serves int64 and float64, another bool)."""
    u = _UNSIGNED.get(dst.dtype.itemsize)
    if where.size < SCATTER_ROWS or u is None:  # (no compiled scatter of 16 or 32 bits)
        dst[where] = src
        return
    scatter(dst.view(u), where, np.ascontiguousarray(src).view(u))


def _arrow(col: Any, typ: pa.DataType, n: int) -> pa.Array:
    """A part's column as an Arrow array of `typ`: nulls where the part has none (other
    variants)."""
    if col is None:
        return pa.nulls(n, typ)
    if isinstance(col, Values):
        col = col.arrow()
    return col if col.type == typ else col.cast(typ)


def _size(cols: dict[str, Any]) -> int:
    if ROWS in cols:
        return int(cols[ROWS].size)
    return len(cols["line"].v if isinstance(cols["line"], Values) else cols["line"])


def _numbers(col: Values | pa.Array) -> NDArray[np.int64]:
    """A part's line numbers (never null) as numpy."""
    v = col.v if isinstance(col, Values) else col.to_numpy()
    return np.asarray(v, np.int64)


def reorder(table: pa.Table, order: NDArray[np.intp]) -> pa.Table:
    """`table.take(order)` as one chunk. The parts of a table (groups, the reader's rows)
    interleave in long runs of consecutive rows: where runs are long, they are sliced and
    copied whole, about twice as fast as gathering row by row."""
    n = order.size
    if n == 0:
        return table.combine_chunks()
    breaks = np.flatnonzero(np.diff(order) != 1) + 1
    if (breaks.size + 1) * RUN_ROWS > n:
        rows = pa.py_buffer(np.ascontiguousarray(order, np.int64))
        return table.take(pa.Array.from_buffers(pa.int64(), n, [None, rows]))
    starts = [0, *breaks.tolist()]
    ends = [*breaks.tolist(), n]
    firsts = order[starts].tolist()
    pieces = [table.slice(f, b - a) for f, a, b in zip(firsts, starts, ends, strict=True)]
    return pa.concat_tables(pieces).combine_chunks()


def record_row(msg: Message, raw: RawMessage) -> dict[str, Any]:
    """One scalar-decoded message as a row of its type's table."""
    row: dict[str, Any] = msg.json(extras=False)
    turn = row.get("turn")
    if "turn" in row:
        row["rot"] = msg.fields["turn"]
        if isinstance(turn, str):
            row["turn"] = None
    app_names = APP_FIELDS[msg.type]
    if app_names:
        app = {k: row.pop(k) for k in list(row) if k in app_names and k != "data"}
        row["app"] = json.dumps(app, separators=(",", ":")) if app else None
    for k, v in row.items():
        if isinstance(v, list):
            row[k] = json.dumps(v, separators=(",", ":"))
    row["line"] = raw.line
    row["rxtime"] = raw.time
    row["station"] = raw.station
    row["channel"] = raw.channel or None
    return row


def _other_metadata(parts: list[dict[str, Any]], done: int) -> tuple[NDArray[Any], ...] | None:
    """The receive metadata of parts that carry it as columns (the scalar decoder's rows),
    end to end, as `receive_metadata`'s other rows (lines counted as framed ones are, from
    `done` + 1); None where a channel is longer than one character (framed messages have
    none)."""
    channels = [ch for c in parts for ch in _texts(c["channel"])]
    if any(ch is not None and len(ch) > 1 for ch in channels):
        return None
    return _metadata(np.concatenate([_numbers(c["line"]) for c in parts]) - (done + 1),
                     np.concatenate([_times(c["rxtime"]) for c in parts]),
                     [st for c in parts for st in _texts(c["station"])], channels)  # fmt: skip


def raw_metadata(raws: list[RawMessage], at: NDArray[np.int64]) -> tuple[NDArray[Any], ...]:
    """The receive metadata of the reader's messages (channels of one character at most),
    lines `at` within their buffer, as `receive_metadata`'s other rows."""
    times = np.array([np.nan if r.time is None else r.time for r in raws], np.float64)
    return _metadata(at, times, [r.station for r in raws], [r.channel for r in raws])


def _metadata(lines: NDArray[np.int64], times: NDArray[np.float64], stations: list[str | None],
              channels: list[str | None]) -> tuple[NDArray[Any], ...]:  # fmt: skip
    data = [b"" if st is None else st.encode("utf-8") for st in stations]
    at = np.zeros(len(data) + 1, np.int64)
    np.cumsum([len(d) for d in data], out=at[1:])
    return (
        lines,
        times,
        np.frombuffer(b"".join(data), np.uint8),
        at,
        np.array([st is not None for st in stations], np.bool_),
        np.array([ord(ch) if ch else 0 for ch in channels], np.uint8),
    )


def _joined(a: tuple[NDArray[Any], ...], b: tuple[NDArray[Any], ...]) -> tuple[NDArray[Any], ...]:
    """Two sets of `receive_metadata`'s other rows, `b`'s after `a`'s."""
    if not a[0].size:
        return b
    (la, ta, sa, aa, oka, cha), (lb, tb, sb, ab, okb, chb) = a, b
    return (np.concatenate((la, lb)), np.concatenate((ta, tb)), np.concatenate((sa, sb)),
            np.concatenate((aa, ab[1:] + aa[-1])), np.concatenate((oka, okb)),
            np.concatenate((cha, chb)))  # fmt: skip


def _texts(col: pa.Array) -> list[str | None]:
    return col.to_pylist()  # type: ignore[no-any-return]


def _times(col: Values | pa.Array) -> NDArray[np.float64]:
    """A part's receive times as numpy, NaN where unknown."""
    if isinstance(col, Values):
        v = col.v.astype(np.float64)
        if col.na is not None:
            v[col.na] = np.nan
        return v
    return np.asarray(col.to_numpy(zero_copy_only=False), np.float64)


#: `receive_metadata`'s other rows, where there are none.
_NO_OTHERS = (np.zeros(0, np.int64), np.zeros(0, np.float64), np.zeros(0, np.uint8),
              np.zeros(1, np.int64), np.zeros(0, np.bool_), np.zeros(0, np.uint8))  # fmt: skip


def meta_columns(buf: NDArray[np.uint8], fr: Framed, rows: NDArray[np.int64], done: int,
                 others: tuple[NDArray[Any], ...] = _NO_OTHERS) -> dict[str, Values | pa.Array]:  # fmt: skip
    """Line (after `done` lines), receive time, station and channel of messages `rows`; a
    negative row -1 - k is row k of `others` (`_other_metadata`)."""
    (line, t, t_na, st_offsets, st_data, st_valid, st_null, ch_offsets, ch_data, ch_valid,
     ch_null) = receive_metadata(buf, rows, fr.msg_line, fr.time, fr.station_start,
                                 fr.station_len, fr.channel, *others)  # fmt: skip
    n = rows.size
    line += done + 1
    return {
        "line": Values(line),
        "rxtime": Values(t, t_na),
        "station": pa.StringArray.from_buffers(
            n, pa.py_buffer(st_offsets), pa.py_buffer(st_data),
            pa.py_buffer(st_valid) if st_null else None, st_null),
        "channel": pa.StringArray.from_buffers(
            n, pa.py_buffer(ch_offsets), pa.py_buffer(ch_data),
            pa.py_buffer(ch_valid) if ch_null else None, ch_null),
    }  # fmt: skip
