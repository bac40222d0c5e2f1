"""Borrowed array views (`columnar.borrow`): no reference count, same data."""

from __future__ import annotations

import sys
from typing import Any

import numba
import numpy as np
from numba import types
from numba.extending import intrinsic

from aiswatch.columnar.borrow import borrowed


@intrinsic
def _meminfo(typingctx: Any, arr: types.Array) -> Any:
    """The address of an array's reference counter (0: none)."""

    def codegen(context: Any, builder: Any, signature: Any, args: Any) -> Any:
        view = context.make_array(arr)(context, builder, value=args[0])
        return builder.ptrtoint(view.meminfo, context.get_value_type(types.intp))

    return types.intp(arr), codegen


@numba.njit
def _counters(a):  # type: ignore[no-untyped-def]
    return _meminfo(a), _meminfo(borrowed(a))


@numba.njit(inline="always")
def _bump(v, k):  # type: ignore[no-untyped-def]
    v[k] += k
    return v[k]


@numba.njit
def _through_view(a):  # type: ignore[no-untyped-def]
    v = borrowed(a)
    total = 0
    for k in range(v.size):
        total += _bump(v, k)
    return total


@numba.njit
def _local():  # type: ignore[no-untyped-def]
    own = np.zeros(5, np.int64)
    v = borrowed(own)
    for k in range(5):
        _bump(v, k)
    return own  # the owner, used after the loop: alive throughout


def test_a_borrowed_view_has_no_counter() -> None:
    counted, view = _counters(np.zeros(3))
    assert counted != 0
    assert view == 0


def test_writes_through_a_view_reach_the_array_and_counts_stay_balanced() -> None:
    a = np.arange(6, dtype=np.int64)
    before = sys.getrefcount(a)
    for _ in range(100):
        _through_view(a)
    assert sys.getrefcount(a) == before
    assert a.tolist() == [k + 100 * k for k in range(6)]
    assert _local().tolist() == [0, 1, 2, 3, 4]
