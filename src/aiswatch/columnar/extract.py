"""Field extraction over a matrix of six-bit payload values, driven by the field tables.

Each message is a row of six-bit values (its armoured payload through the armour table). A
field at bit offset `o` of width `w` spans at most six such values (w <= 30); they are
combined into one 64-bit integer per row, shifted and masked. Text fields are read six bits
at a time and cleaned as the scalar decoder does (cut at '@', trailing spaces dropped).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numba
import numpy as np
import pyarrow as pa
from numpy.typing import NDArray

from aiswatch.ais.fields import Field, Kind
from aiswatch.columnar.kernels import kernel
from aiswatch.columnar.layout import Placed
from aiswatch.columnar.numbers import extract_into, number_type

U8 = NDArray[np.uint8]
I64 = NDArray[np.int64]


@kernel
@numba.njit(cache=True)
def extract_fields(mat, offsets, widths, signed):  # type: ignore[no-untyped-def]
    """All fields of one layout for every row, as an (n fields, n rows) int64 matrix."""
    out = np.empty((offsets.size, mat.shape[0]), np.int64)
    for f in range(offsets.size):  # field by field: each output row is written in order
        extract_into(out[f], mat, offsets[f], widths[f], signed[f])
    return out


_HEX = np.frombuffer(b"0123456789abcdef", np.uint8)


@kernel
@numba.njit(cache=True)
def _data_texts(mat, offset, width, prefix, hex_digits):  # type: ignore[no-untyped-def]
    """gpsd's text of `width` bits from `offset` of every row: `prefix` ("<width>:"), then
    the bits left-aligned in whole bytes, in lower-case hex; rows of one length laid end to
    end. The six-bit values are shifted into a word and the bytes taken from its top."""
    n = mat.shape[0]
    nbytes = (width + 7) // 8
    size = prefix.size + 2 * nbytes
    out = np.empty(n * size, np.uint8)
    c0 = offset // 6
    skip = offset % 6  # bits of the first six-bit value before the field
    for r in range(n):
        k = r * size
        for j in range(prefix.size):
            out[k + j] = prefix[j]
        k += prefix.size
        acc = np.uint64(0)
        have = 0  # bits in `acc`
        left = width  # bits of the field still to read
        c = c0
        first = True
        for _ in range(nbytes):
            while have < 8 and left > 0:
                v = np.uint64(mat[r, c])
                c += 1
                bits = 6
                if first:  # drop the bits before the field
                    v &= np.uint64((1 << (6 - skip)) - 1)
                    bits = 6 - skip
                    first = False
                if bits > left:  # drop the bits after it
                    v >>= np.uint64(bits - left)
                    bits = left
                acc = (acc << np.uint64(bits)) | v
                have += bits
                left -= bits
            if have >= 8:
                byte = (acc >> np.uint64(have - 8)) & np.uint64(255)
                have -= 8
            else:  # the last bits, left-aligned
                byte = (acc << np.uint64(8 - have)) & np.uint64(255)
                have = 0
            out[k] = hex_digits[byte >> np.uint64(4)]
            out[k + 1] = hex_digits[byte & np.uint64(15)]
            k += 2
    return out


def data_buffers(mat: U8, offset: int, width: int) -> tuple[NDArray[np.int32], U8]:
    """Binary data fields as gpsd's "<bits>:<hex>" text: string offsets and bytes."""
    prefix = np.frombuffer(f"{width}:".encode("ascii"), np.uint8)
    size = prefix.size + 2 * ((width + 7) // 8)
    _fits_offsets(mat.shape[0] * size, "binary data")
    data = _data_texts(mat, offset, width, prefix, _HEX)
    return np.arange(0, (mat.shape[0] + 1) * size, size, dtype=np.int32), data


def _fits_offsets(size: int, what: str) -> None:
    """Arrow's string offsets are 32-bit: a column of more bytes is refused, clearly."""
    if size >= 1 << 31:
        raise OverflowError(f"{what} of {size:,} bytes in one column exceeds 2 GiB: "
                            "decode smaller buffers")  # fmt: skip


def data_texts(mat: U8, offset: int, width: int) -> pa.Array:
    """Binary data fields as gpsd's "<bits>:<hex>" text, an Arrow string array."""
    offsets, data = data_buffers(mat, offset, width)
    return pa.StringArray.from_buffers(mat.shape[0], pa.py_buffer(offsets), pa.py_buffer(data))


@kernel
@numba.njit(cache=True)
def _extract_one(mat, offset, width, signed):  # type: ignore[no-untyped-def]
    """One field of every row (one compiled call: a group of a few rows is common)."""
    out = np.empty(mat.shape[0], np.int64)
    extract_into(out, mat, offset, width, signed)
    return out


def extract_uint(mat: U8, offset: int, width: int) -> I64:
    """Unsigned field at `offset`/`width` (width <= 58) of every row."""
    return _extract_one(mat, offset, width, False)  # type: ignore[no-any-return]


def extract_int(mat: U8, offset: int, width: int) -> I64:
    return _extract_one(mat, offset, width, True)  # type: ignore[no-any-return]


@kernel
@numba.njit(cache=True)
def _text_buffers(mat, offset, nchars):  # type: ignore[no-untyped-def]
    """Arrow string buffers of six-bit text: cut at the first '@', trailing spaces dropped.
    A character is one six-bit value where the text is aligned to them, else the end of one
    and the start of the next; values 0-31 are '@'-'_' (64-95), 32-63 themselves."""
    n = mat.shape[0]
    offsets = np.zeros(n + 1, np.int32)
    data = np.empty(n * nchars, np.uint8)
    c0 = np.uint64(offset // 6)
    sh = np.uint8(offset % 6)
    k = 0
    for r in range(n):
        start = k
        length = 0
        for c in range(nchars):
            j = np.uint64(c) + c0  # unsigned indexes: no negative-index test
            if sh == 0:
                v = mat[r, j]
            else:
                v = ((mat[r, j] << sh) | (mat[r, j + np.uint64(1)] >> (np.uint8(6) - sh))) & 63
            if v == 0:  # '@' ends the text
                break
            ch = np.uint8(v + 64 if v < 32 else v)
            data[np.uint64(start + c)] = ch
            if ch != 32:
                length = c + 1
        k = start + length
        offsets[r + 1] = k
    return offsets, data[:k]


def text_buffers(mat: U8, offset: int, width: int) -> tuple[NDArray[np.int32], U8]:
    """Six-bit text of `width` bits from `offset`, cleaned: string offsets and bytes."""
    nchars = width // 6
    n = mat.shape[0]
    if nchars == 0:
        return np.zeros(n + 1, np.int32), np.zeros(0, np.uint8)
    _fits_offsets(n * nchars, "six-bit text")
    return _text_buffers(mat, offset, nchars)  # type: ignore[no-any-return]


def extract_text(mat: U8, offset: int, width: int) -> pa.Array:
    """Six-bit text, cleaned, as an Arrow string array built straight from buffers."""
    offsets, data = text_buffers(mat, offset, width)
    return pa.StringArray.from_buffers(mat.shape[0], pa.py_buffer(offsets), pa.py_buffer(data))


def column_type(f: Field) -> pa.DataType:
    """Arrow type of a field's scaled column (the columnar twin of `Message.json`): text,
    or a number (`numbers.number_type`: integers in the narrowest type that holds them)."""
    if f.kind in (Kind.TEXT, Kind.DATA):
        return pa.string()
    return number_type(f)


@dataclass(frozen=True, slots=True)
class Values:
    """A numeric column kept in numpy until its table is built (`tables.assemble` places
    the rows of a table's parts at once): the values, and the null rows (None: none)."""

    v: NDArray[Any]
    na: NDArray[np.bool_] | None = None

    def arrow(self) -> pa.Array:
        return masked(self.v, self.na)


def masked(v: NDArray[Any], na: NDArray[np.bool_] | None) -> pa.Array:
    """`pa.array(v, mask=na)` (`na`: null rows), from the buffers: the validity bitmap
    packed by numpy (pyarrow's own conversion of a mask costs ~1 ns a row, 14 times
    more), booleans packed into bits. Not through `pa.array`, which looks for numpy's
    masked arrays and so imports `numpy.ma` at its first call (~10 ms of a new process's
    first buffer)."""
    if not v.flags.c_contiguous:
        v = np.ascontiguousarray(v)
    data = np.packbits(v, bitorder="little") if v.dtype == np.bool_ else v
    valid = None
    if na is not None and na.any():
        valid = pa.py_buffer(np.packbits(~na, bitorder="little"))
    typ = _ARROW_TYPES.get(v.dtype) or pa.from_numpy_dtype(v.dtype)
    return pa.Array.from_buffers(typ, v.size, [valid, pa.py_buffer(data)],
                                 null_count=0 if valid is None else -1)  # fmt: skip


_ARROW_TYPES = {np.dtype(d): pa.from_numpy_dtype(d)
                for d in (np.int64, np.int32, np.int16, np.int8, np.float64, np.bool_)}  # fmt: skip


def placed_values(mat: U8, p: Placed) -> I64:
    """The raw integers of a placed numeric field, every row."""
    if p.field.kind is Kind.INT:
        return extract_int(mat, p.offset, p.width)
    return extract_uint(mat, p.offset, p.width)
