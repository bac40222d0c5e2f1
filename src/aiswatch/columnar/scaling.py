"""Linear scaling of raw field values, exactly as the scalar path scales them.

`aiswatch.ais.message._scale` turns one raw integer into its unit value: "not available"
to None, then raw / scale + offset, rounded with Python's `round(x, n)`. Here the same is
done for a whole column (binary applications' members: `appjson`; a layout's own fields are
scaled in `numbers`, the same way), rounding as `round` does: through the nearest integer
of x * 10**n, with the rare values that sit on a rounding boundary within the product's
error (1e-6) left to Python itself.
"""

from __future__ import annotations

import numba
import numpy as np
from numpy.typing import NDArray

from aiswatch.ais.fields import Field, Kind
from aiswatch.columnar.kernels import kernel

F64 = NDArray[np.float64]
I64 = NDArray[np.int64]


def scaled_values(f: Field, raw: I64, into: F64 | None = None) -> tuple[F64 | I64, NDArray[np.bool_] | None]:  # fmt: skip
    """The unit values of a linear field and its "not available" mask (None: none).
    `into`: where scaled values go, which may be `raw`'s own memory viewed as float64 (a
    column of fresh values fewer: the caller no longer needs the raw integers)."""
    has_na = f.na is not None and f.kind is not Kind.ENUM
    if f.scale != 1.0 or f.offset:
        dec = -1 if f.decimals is None else f.decimals
        v = np.empty(raw.size, np.float64) if into is None else into
        mask, close, close_raw = _scale_linear(raw, v, f.scale, f.offset, dec, f.na or 0,
                                               has_na)  # fmt: skip
        # On a rounding boundary within the product's error: Python's own round.
        for i, r in zip(close.tolist(), close_raw.tolist(), strict=True):
            v[i] = round(r / f.scale + f.offset, dec)
        return v, mask if has_na else None
    return raw, raw == f.na if has_na else None


_BLOCK = 512  # values scaled at a time (see `_scale_linear`)


@kernel
@numba.njit(cache=True)
def _scale_linear(raw, out, scale, offset, dec, na, has_na):  # type: ignore[no-untyped-def]
    """raw / scale + offset into `out`, rounded to `dec` decimals (none if negative) as
    Python's `round` does (see above); "not available" rows masked (and 0 in `out`).
    `out` may be `raw`'s memory: each value is read before its place is written.
    Returns the mask, and the rows left to Python's `round` with their raw values.

    In passes with no branch in their loops, so that they are vectorised: the rows on a
    rounding boundary are counted, and found with their raw values where there are any,
    before `out` is written. No array is made but the mask (empty without `has_na`)."""
    n = raw.size
    mask = np.zeros(n if has_na else 0, np.bool_)
    if has_na:
        for i in range(n):
            mask[i] = raw[i] == na
    p = 10.0**dec if dec >= 0 else 1.0
    nc = 0
    if dec >= 0:
        for i in range(n):  # a count (masked rows too: the next pass skips them)
            y = (raw[i] / scale + offset) * p
            nc += abs(y - np.floor(y) - 0.5) < 1e-6
    k = 0
    close = np.empty(nc, np.int64)
    close_raw = np.empty(nc, np.int64)
    if nc:
        for i in range(n):
            y = (raw[i] / scale + offset) * p
            if abs(y - np.floor(y) - 0.5) < 1e-6 and not (has_na and mask[i]):
                close[k] = i
                close_raw[k] = raw[i]
                k += 1
    # Block by block through a buffer of its own: written straight into `raw`'s memory, the
    # loop would not be vectorised (the compiler's overlap test fails, the same address).
    block = np.empty(_BLOCK, np.float64)
    if dec < 0:  # (the choice outside the loops: inside, they are not vectorised)
        for base in range(0, n, _BLOCK):
            m = min(_BLOCK, n - base)
            for j in range(m):
                r = raw[base + j]
                block[j] = 0.0 if (r == na) & has_na else r / scale + offset  # no branch
            for j in range(m):
                out[base + j] = block[j]
    else:
        for base in range(0, n, _BLOCK):
            m = min(_BLOCK, n - base)
            for j in range(m):
                r = raw[base + j]
                v = np.rint((r / scale + offset) * p) / p
                block[j] = 0.0 if (r == na) & has_na else v
            for j in range(m):
                out[base + j] = block[j]
    return mask, close[:k], close_raw[:k]
