"""JSON text written row by row from columns, in one compiled pass.

A row's text is a template: literals (``{"lat":``, ``,"lon":``, ``}``) between member
values. Each value comes from a column, as one of these kinds:

- `INT`: a decimal integer;
- `BOOL`: ``true`` / ``false``;
- `DECIMAL`: a float that is the double nearest to a decimal of `dec` fraction digits
  (what ``round(x, dec)`` returns; `appjson` checks the range), printed as Python's
  `repr` prints it: the shortest digits that round-trip, which for a decimal of at most 15
  significant digits are its own, trailing zeros dropped (``12.5``, ``3.0``, ``-0.0``);
- `RAW`: text already written (inserted as it is);
- `QUOTED`: text to quote, with ``"`` and ``\\`` escaped (six-bit text has no other
  character JSON escapes).

`INT`, `BOOL` and `DECIMAL` values may be "not available": ``null``.
"""

from __future__ import annotations

import math

import numba
import numpy as np

from aiswatch.columnar.bytecopy import copy_bytes
from aiswatch.columnar.kernels import kernel

INT, BOOL, DECIMAL, RAW, QUOTED = range(5)

#: Powers of ten, for the decimals' digits.
_POW10 = np.array([10**i for i in range(19)], np.uint64)


@numba.njit(cache=True, inline="always")
def _digits(out, k, v):  # type: ignore[no-untyped-def]
    """The decimal digits of `v` (unsigned) at out[k:]; returns the position after them.
    Counted first, then written from the last (unsigned division by a constant is a
    multiplication)."""
    n = 1
    while n < 19 and v >= _POW10[n]:
        n += 1
    for j in range(n - 1, -1, -1):
        out[k + j] = np.uint8(48 + v % np.uint64(10))
        v //= np.uint64(10)
    return k + n


@kernel
@numba.njit(cache=True)
def write_rows(lit, lit_at, kinds, raw_rows, value_rows, decs, has_na, na_value, raws, floats,  # type: ignore[no-untyped-def]
               strs, str_at, out, out_at):  # fmt: skip
    """Write every row: literal 0, value 0, literal 1, ..., value m-1, literal m (literal j
    is lit[lit_at[j]:lit_at[j + 1]]). Value j is of kind kinds[j]: INT and BOOL from row
    raw_rows[j] of `raws`; DECIMAL from row value_rows[j] of `floats`, with decs[j]
    digits; these null where has_na[j] and the raw value is na_value[j]; RAW and QUOTED
    from strs[str_at[s, r]:str_at[s, r + 1]], s = value_rows[j]. Row r goes to
    out[out_at[r]:out_at[r + 1]] (`out` must be large enough); returns the bytes written."""
    n = out_at.size - 1
    m = kinds.size
    k = 0
    for r in range(n):
        out_at[r] = k
        for j in range(m + 1):
            a = lit_at[j]
            copy_bytes(out, k, lit, a, lit_at[j + 1] - a)  # a memcpy: 4.7x a byte loop
            k += lit_at[j + 1] - a
            if j == m:
                break
            kind = kinds[j]
            s = raw_rows[j]
            if kind >= RAW:  # RAW or QUOTED
                a, b = str_at[value_rows[j], r], str_at[value_rows[j], r + 1]
                if kind == RAW:
                    copy_bytes(out, k, strs, a, b - a)
                    k += b - a
                    continue
                out[k] = 34
                k += 1
                for q in range(a, b):
                    c = strs[q]
                    if c == 34 or c == 92:
                        out[k] = 92
                        k += 1
                    out[k] = c
                    k += 1
                out[k] = 34
                k += 1
            elif has_na[j] and raws[s, r] == na_value[j]:
                out[k] = 110  # null
                out[k + 1] = 117
                out[k + 2] = 108
                out[k + 3] = 108
                k += 4
            elif kind == BOOL:
                if raws[s, r] != 0:
                    out[k] = 116  # true
                    out[k + 1] = 114
                    out[k + 2] = 117
                    out[k + 3] = 101
                    k += 4
                else:
                    out[k] = 102  # false
                    out[k + 1] = 97
                    out[k + 2] = 108
                    out[k + 3] = 115
                    out[k + 4] = 101
                    k += 5
            elif kind == INT:
                v = raws[s, r]
                if v < 0:
                    out[k] = 45
                    k += 1
                k = _digits(out, k, np.uint64(abs(v)))
            else:  # DECIMAL
                x = floats[value_rows[j], r]
                d = decs[j]
                p = _POW10[d]
                whole = np.uint64(np.rint(abs(x) * np.float64(p)))  # the decimal, exactly
                if math.copysign(1.0, x) < 0:  # -0.0 too, as Python prints it
                    out[k] = 45
                    k += 1
                k = _digits(out, k, whole // p)
                out[k] = 46
                k += 1
                frac = whole % p
                if frac == 0:
                    out[k] = 48
                    k += 1
                    continue
                while frac % np.uint64(10) == 0:  # trailing zeros dropped
                    frac //= np.uint64(10)
                    d -= 1
                for q in range(d - 1, -1, -1):
                    out[k + q] = np.uint8(48 + frac % np.uint64(10))
                    frac //= np.uint64(10)
                k += d
    out_at[n] = k
    return k
