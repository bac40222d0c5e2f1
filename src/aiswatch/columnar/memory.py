"""Keep freed memory for reuse (glibc), so each buffer's arrays do not fault in fresh pages.

The columnar decoder allocates and frees the same large arrays for every buffer (framing,
payload matrices, columns). glibc serves blocks above 128 KiB with fresh `mmap` pages and
returns them on `free`, so every buffer pays the kernel's page faults again (~10 % of the
decoding time here). Raising the mmap and trim thresholds lets glibc keep those blocks in
its heap and reuse them. Peak memory is unchanged (it is reached anyway); the heap simply
does not shrink below it. The setting is process-wide: `ColumnarDecoder` applies it when
first created, so a program that embeds the decoder keeps its own heap at its peak too.
Elsewhere (musl, macOS, Windows) this does nothing.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import functools
import sys

_M_TRIM_THRESHOLD = -1  # <malloc.h>
_M_MMAP_THRESHOLD = -3
_LIMIT = 1 << 30  # blocks up to 1 GiB come from (and go back to) the heap


@functools.cache
def keep_freed_memory() -> bool:
    """Ask glibc to reuse freed blocks instead of unmapping them; True if it agreed."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        mallopt = libc.mallopt
    except (OSError, AttributeError):
        return False
    mallopt.argtypes = [ctypes.c_int, ctypes.c_int]
    mallopt.restype = ctypes.c_int
    return bool(mallopt(_M_MMAP_THRESHOLD, _LIMIT)) and bool(mallopt(_M_TRIM_THRESHOLD, _LIMIT))
