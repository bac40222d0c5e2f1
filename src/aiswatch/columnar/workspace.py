"""The arrays the framing scan writes (`frame.frame_lines`), kept from one buffer to the
next and handed from decoder to decoder.

A new process faults in fresh pages for each buffer's framing otherwise: the heap, holding
the last buffer's tables in between, rarely gives the same blocks back (~5,000 pages over a
million real sentences, ~10 ms). The arrays are mapped pages of their own, not NumPy's:
NumPy asks for huge pages for arrays of 4 MiB and more, a buffer's framing writes only the
start of each (messages are fewer than lines) where a huge page is cleared whole, and on a
virtual machine that returns free memory to its host a huge page also costs a stall now
and then (0.2 s for 240 MB, bench/RESULTS.md).
"""

from __future__ import annotations

import mmap
import threading
from typing import Any

import numpy as np
from numpy.typing import NDArray

#: Rows of the int32, float64 and lone-fragment matrices (the scan's own constants name
#: them: `frame.LINE_START` ...; it frames nothing without as many, and `frame_lines` says so).
INT_ROWS, FLOAT_ROWS, LONE_ROWS = 18, 3, 6


class Workspace:
    """The arrays `frame_lines` writes, kept by a decoder from one buffer to the next. They
    grow to the largest buffer seen (lines, bytes); what `frame_lines` returns are views of
    them, valid until the next buffer is framed."""

    def __init__(self) -> None:
        self.ints = np.empty((INT_ROWS, 0), np.int32)
        self.floats = np.empty((FLOAT_ROWS, 0), np.float64)  # times: message, both fragments
        self.lone = np.empty((LONE_ROWS, 0), np.float64)
        self.kind = np.empty(0, np.int8)
        self.channel = np.empty(0, np.uint8)
        self.seq = np.empty(0, np.int16)
        self.refused_sum = np.empty(0, np.int64)
        self.values = np.empty(0, np.uint8)

    @staticmethod
    def take() -> Workspace:
        """One given back by a decoder done with it (its pages already in), else a new one."""
        with _SPARE_LOCK:
            return _SPARE.pop() if _SPARE else Workspace()

    def give_back(self) -> None:
        """For the next decoder to take: the last one given back is kept, if it is no
        larger than `SPARE_BYTES` (one that framed a huge buffer is let go: its pages are
        unmapped with it)."""
        with _SPARE_LOCK:
            _SPARE[:] = [self] if self.nbytes() <= SPARE_BYTES else []

    def nbytes(self) -> int:
        return sum(a.nbytes for a in self.arrays())

    def fits(self, lines: int, nbytes: int) -> bool:
        """Whether a buffer of `lines` lines and `nbytes` bytes has room (as `_scan` tests)."""
        rows = (self.ints.shape[0], self.floats.shape[0], self.lone.shape[0])
        return rows == (INT_ROWS, FLOAT_ROWS, LONE_ROWS) and (
                min(self.ints.shape[1], self.floats.shape[1], self.lone.shape[1],
                    self.kind.size, self.channel.size, self.seq.size,
                    self.refused_sum.size) >= lines and self.values.size >= nbytes)  # fmt: skip

    def arrays(self) -> tuple[NDArray[Any], ...]:
        return (self.ints, self.floats, self.lone, self.kind, self.channel, self.seq,
                self.refused_sum, self.values)  # fmt: skip

    def fit(self, lines: int, nbytes: int) -> None:
        """Room for a buffer of `lines` lines and `nbytes` bytes (a quarter more, so that
        slightly larger buffers do not grow it each time)."""
        if self.kind.size < lines:
            n = lines + lines // 4
            self.ints = _pages((INT_ROWS, n), np.int32)
            self.floats = _pages((FLOAT_ROWS, n), np.float64)
            self.lone = _pages((LONE_ROWS, n), np.float64)
            self.kind = _pages((n,), np.int8)
            self.channel = _pages((n,), np.uint8)
            self.seq = _pages((n,), np.int16)
            self.refused_sum = _pages((n,), np.int64)
        if self.values.size < nbytes:
            self.values = _pages((nbytes + nbytes // 4,), np.uint8)


#: The largest workspace kept for the next decoder (one framing 24 MiB chunks of the real
#: logs' mix maps ~90 MiB, about half of it written).
SPARE_BYTES = 256 << 20
_SPARE: list[Workspace] = []
_SPARE_LOCK = threading.Lock()


def _pages(shape: tuple[int, ...], dtype: type) -> NDArray[Any]:
    """An uninitialised array in anonymous private pages of its own (ordinary pages, faulted
    in as written, unmapped with the array); NumPy's own memory where there is no such
    mapping (Windows)."""
    nbytes = max(1, int(np.prod(shape)) * np.dtype(dtype).itemsize)
    flags = getattr(mmap, "MAP_PRIVATE", None), getattr(mmap, "MAP_ANONYMOUS", None)
    if None in flags:
        return np.empty(shape, dtype)
    pages = mmap.mmap(-1, nbytes, flags=flags[0] | flags[1])  # type: ignore[operator]
    return np.frombuffer(pages, dtype, int(np.prod(shape))).reshape(shape)
