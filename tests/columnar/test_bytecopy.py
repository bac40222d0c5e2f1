"""The memcpy intrinsic of the compiled loops (`columnar.bytecopy`)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import numba
import numpy as np
import pytest
from numba.core.errors import TypingError

from aiswatch.columnar.bytecopy import copy_bytes


@numba.njit
def _copy(dst, a, src, b, n):  # type: ignore[no-untyped-def]
    copy_bytes(dst, a, src, b, n)


def test_copies_the_bytes_asked_for() -> None:
    src = np.arange(10, dtype=np.uint8)
    for a, b, n in ((0, 0, 10), (2, 3, 4), (9, 0, 1), (5, 5, 0)):
        dst = np.zeros(10, np.uint8)
        _copy(dst, a, src, b, n)
        want = np.zeros(10, np.uint8)
        want[a : a + n] = src[b : b + n]
        assert dst.tolist() == want.tolist(), (a, b, n)


def test_refuses_strided_sources_and_read_only_targets() -> None:
    # A memcpy reads contiguous bytes and writes whatever it is given: a strided view would
    # be read wrong and a read-only array (over `bytes`) overwritten.
    src = np.arange(10, dtype=np.uint8)
    with pytest.raises(TypingError):
        _copy(np.zeros(4, np.uint8), 0, src[::2], 0, 4)
    frozen = np.frombuffer(b"abcdef", np.uint8)
    with pytest.raises(TypingError):
        _copy(frozen, 0, src, 0, 3)
    with pytest.raises(TypingError):
        _copy(np.zeros(4, np.int64), 0, src, 0, 3)


def test_a_bounds_checked_build_tests_its_bounds(tmp_path: Path) -> None:
    # `make test` runs the columnar tests once with NUMBA_BOUNDSCHECK=1; the copies are then
    # tested too (in a new process: the setting is read when numba compiles).
    code = (
        "import numpy as np, numba\n"
        "from aiswatch.columnar.bytecopy import copy_bytes\n"
        "@numba.njit\n"
        "def f(d, s):\n    copy_bytes(d, 2, s, 0, 4)\n"
        "try:\n    f(np.zeros(5, np.uint8), np.zeros(8, np.uint8))\n"
        "except IndexError as e:\n    print('IndexError', e)\n"
    )
    env = {**os.environ, "NUMBA_BOUNDSCHECK": "1", "NUMBA_CACHE_DIR": str(tmp_path)}
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True,
                         text=True, timeout=120, check=True).stdout  # fmt: skip
    assert out.startswith("IndexError copy_bytes: out of bounds")
