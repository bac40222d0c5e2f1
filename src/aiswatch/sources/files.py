"""Opening AIS logs: plain, gzip, bzip2 or zstd files and stdin, read line by line.

Compression is recognised by its magic bytes (so a compressed file without the usual
extension, or stdin, works too); anything else is read as plain text.  Lines are yielded as
raw bytes with their endings; a physical line longer than :data:`MAX_LINE_BYTES` is cut to
that length and the rest of it skipped, so memory stays bounded whatever the input.
"""

from __future__ import annotations

import bz2
import gzip
import io
import sys
from collections.abc import Iterator, Sequence
from contextlib import ExitStack
from pathlib import Path
from typing import cast

import zstandard

from aiswatch.nmea import NmeaReader, Problem, RawMessage

__all__ = [
    "MAX_LINE_BYTES",
    "detect_compression",
    "iter_lines",
    "open_lines",
    "open_stream",
    "read_messages",
]

#: Longest physical line kept whole; longer ones are truncated (the reader then rejects them).
MAX_LINE_BYTES = 64 * 1024

_MAGIC = (
    (b"\x1f\x8b", "gzip"),
    (b"BZh", "bzip2"),
    (b"\x28\xb5\x2f\xfd", "zstd"),
)
# Errors a decompressor raises on a truncated or corrupt stream.
_READ_ERRORS = (EOFError, OSError, ValueError, zstandard.ZstdError)


def detect_compression(head: bytes) -> str | None:
    """``"gzip"``, ``"bzip2"``, ``"zstd"`` or None (plain) from the first bytes of a stream."""
    for magic, kind in _MAGIC:
        if head.startswith(magic):
            return kind
    return None


def _decompress(raw: io.BufferedReader, stack: ExitStack) -> io.BufferedIOBase:
    kind = detect_compression(raw.peek(4)[:4])
    if kind == "gzip":
        return stack.enter_context(gzip.GzipFile(fileobj=raw, mode="rb"))
    if kind == "bzip2":
        return stack.enter_context(bz2.BZ2File(raw, mode="rb"))
    if kind == "zstd":
        reader = zstandard.ZstdDecompressor().stream_reader(
            raw, read_across_frames=True, closefd=False
        )
        return stack.enter_context(io.BufferedReader(cast(io.RawIOBase, reader), 1 << 16))
    return raw


def open_stream(path: str | Path, stack: ExitStack) -> io.BufferedIOBase:
    """Open ``path`` (``"-"`` = stdin) for binary reading, decompressing if needed.

    Everything opened is registered on ``stack`` (stdin itself is never closed).  Raises
    ``OSError`` (``FileNotFoundError`` ...) if the file cannot be opened.
    """
    raw: io.BufferedReader
    if str(path) == "-":
        stdin = sys.stdin.buffer
        if isinstance(stdin, io.BufferedReader):
            raw = stdin
        else:  # stdin replaced by something without peek()
            raw = io.BufferedReader(cast(io.RawIOBase, stdin))
    else:
        raw = stack.enter_context(open(path, "rb"))  # noqa: SIM115 - closed by the stack
    return _decompress(raw, stack)


def iter_lines(stream: io.BufferedIOBase, limit: int = MAX_LINE_BYTES) -> Iterator[bytes]:
    """Lines of ``stream`` with their endings; overlong lines cut to ``limit`` bytes."""
    readline = stream.readline
    while line := readline(limit):
        if len(line) == limit and not line.endswith(b"\n"):
            while more := readline(limit):  # skip the rest of the physical line
                if more.endswith(b"\n"):
                    break
        yield line


def open_lines(path: str | Path) -> Iterator[bytes]:
    """Raw lines (endings included) of a plain or compressed file, or of stdin for ``"-"``.

    The file is opened when iteration starts and closed when it ends.
    """
    with ExitStack() as stack:
        yield from iter_lines(open_stream(path, stack))


def _guarded(stream: io.BufferedIOBase, name: str, reader: NmeaReader) -> Iterator[bytes]:
    """``iter_lines`` that turns a decompression/read failure into a ``read-error`` problem."""
    count = 0
    try:
        for line in iter_lines(stream):
            count += 1
            yield line
    except _READ_ERRORS as exc:
        reader.report(
            Problem(
                name,
                count + 1,
                "read-error",
                f"reading stopped: {type(exc).__name__}: {exc}",
                "",
            )
        )


def read_messages(paths: Sequence[str | Path], reader: NmeaReader) -> Iterator[RawMessage]:
    """Messages of every file in turn; the source name is the path as given.

    A file that cannot be opened raises ``OSError``; a file that breaks while being read
    (truncated archive, corrupt stream) is reported as a ``read-error`` problem located after
    its last good line, and reading goes on with the next file.  Each file ends with
    ``reader.flush()``, so no multi-sentence group spans two files.
    """
    for path in paths:
        name = str(path)
        with ExitStack() as stack:
            stream = open_stream(path, stack)
            yield from reader.read(_guarded(stream, name, reader), name)
