"""Log files to columnar batches, in whole-line chunks of bounded size."""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from pathlib import Path

import numpy as np

from aiswatch.columnar.decode import Batch, ColumnarDecoder
from aiswatch.nmea import Problem
from aiswatch.sources import open_stream

#: The chunk size read by default. Each chunk costs the same whatever its size for every
#: group of one type and length decoded in bulk (~100 in a buffer of the real logs' mix),
#: and a larger one faults in more fresh pages in a new process: 24 MiB decodes the real mix
#: 5 % faster than 16 MiB in a new process, the simulated logs within 2 % (bench/RESULTS.md).
CHUNK_BYTES = 24 << 20
#: Lines held back at a chunk's end at most (a $PGHP line, a lone tag block and a first
#: fragment waiting for what follows); more such lines in a row are cut anyway.
HOLD_LINES = 3
#: Bytes without a newline after which they are passed on anyway (far past any line the
#: reader accepts: 2,000 characters).
LONGEST_PIECE = 1 << 16
#: The largest chunk asked for: with the lines carried over, under the columnar decoder's
#: buffer limit (`frame.MAX_BUFFER`, 2 GiB).
MAX_CHUNK_BYTES = 1 << 30
#: Bytes at a chunk's end read first to find where it ends (more if its lines need).
TAIL_BYTES = 1 << 16


def iter_chunks(path: str | Path, chunk_bytes: int = CHUNK_BYTES) -> Iterator[bytes | memoryview]:
    """Whole-line chunks of a (possibly compressed) file, about `chunk_bytes` each; two-part
    messages are not split between chunks when their fragments are adjacent. Memory stays
    bounded: a "line" that runs on for more than `chunk_bytes` (and 64 KiB) without a newline
    (binary junk) is passed on in pieces, each reported as an over-long line.

    Each chunk is read straight into a buffer of its own behind the bytes the last one
    carried over, neither copied nor zero-filled first: a new process touches half the fresh
    memory it did when a read chunk was joined to the carry (bench/RESULTS.md)."""
    if not 0 < chunk_bytes <= MAX_CHUNK_BYTES:
        raise ValueError(f"chunk_bytes={chunk_bytes:,}: expected 1 to {MAX_CHUNK_BYTES:,} "
                         "(a chunk and the lines carried with it are framed as one buffer, "
                         "of 2 GiB at most)")  # fmt: skip
    with ExitStack() as stack:
        fh = open_stream(str(path), stack)
        carry = b""
        while True:
            held = len(carry)
            view = np.empty(held + chunk_bytes, np.uint8).data  # a memoryview of it
            view[:held] = carry
            got = _read_into(fh, view[held:])
            if not got:
                if carry:
                    yield carry
                return
            data = view[: held + got]
            cut = _cut(data)
            if cut == 0:  # no newline
                if len(data) > max(chunk_bytes, LONGEST_PIECE):
                    carry = b""
                    yield data
                else:
                    carry = data.tobytes()
                continue
            carry = data[cut:].tobytes()
            yield data[:cut]


def _read_into(fh: io.BufferedIOBase, view: memoryview) -> int:
    """Fill `view` from `fh` (less only at the end of the input); returns the bytes read."""
    got = 0
    while got < len(view):
        n = fh.readinto(view[got:])
        if not n:
            break
        got += n
    return got


def _cut(data: memoryview) -> int:
    """Where the chunk `data` ends: after its last newline (0 if none), less the lines kept
    for the next chunk. Only its tail is read, as bytes: a window growing until it holds
    every line the decision looks at."""
    window = TAIL_BYTES
    while True:
        base = max(0, len(data) - window)
        cut = _cut_tail(data[base:].tobytes(), whole=base == 0)
        if cut is not None:
            return base + cut
        window *= 4


def _cut_tail(data: bytes, whole: bool) -> int | None:
    """`_cut` within `data`, the chunk's tail (all of it if `whole`); None where a line the
    decision needs may start before the tail."""
    cut = data.rfind(b"\n") + 1
    if cut == 0:
        return 0 if whole else None
    # Keep a trailing first fragment of a two-part message with its second part, and a
    # trailing $PGHP line or lone tag block with the sentence it dates.
    end = cut
    for _ in range(HOLD_LINES + 1):
        if not cut:
            break
        prev = data.rfind(b"\n", 0, cut - 1) + 1
        if prev == 0 and not whole:
            return None
        last = data[prev:cut].rstrip()
        if not (b",2,1," in last or last.startswith(b"$PGHP")
                or (last.startswith(b"\\") and last.endswith(b"\\"))):  # fmt: skip
            break
        cut = prev
    else:
        cut = end  # a run of such lines: nothing to keep them together for
    if cut == 0:
        cut = end
    return cut


def final_chunks(
    path: str | Path, chunk_bytes: int = CHUNK_BYTES
) -> Iterator[tuple[bytes | memoryview, bool]]:
    """`iter_chunks` with whether each chunk is the file's last (the decoder then closes
    its open groups); an empty file gives one empty last chunk."""
    chunks = iter_chunks(path, chunk_bytes)
    pending = next(chunks, None)
    if pending is None:
        yield b"", True
        return
    while pending is not None:
        nxt = next(chunks, None)
        yield pending, nxt is None
        pending = nxt


def decode_file(
    path: str | Path,
    *,
    chunk_bytes: int = CHUNK_BYTES,
    on_problem: Callable[[Problem], None] | None = None,
) -> Iterator[Batch]:
    """Decode a log file chunk by chunk (bounded memory whatever the file size). The next
    chunk is read once the last one is decoded and let go, not before (`final_chunks`
    reads one ahead: a chunk's buffer more, fresh pages in a new process); so the groups
    still open at the end are closed after the last chunk, their counts added to its
    batch, as decoding it with `final` would have."""
    dec = ColumnarDecoder(str(path), on_problem=on_problem)
    try:
        chunks = iter_chunks(path, chunk_bytes)
        data = next(chunks, None)
        if data is None:
            yield dec.decode(b"", final=True)
            return
        while data is not None:
            batch = dec.decode(data)
            data = None  # the buffer goes before the next one is read
            data = next(chunks, None)
            if data is None:
                closing = dec.decode(b"", final=True)
                batch.nmea.merge(closing.nmea)
                batch.decode.messages.update(closing.decode.messages)
                batch.decode.errors.update(closing.decode.errors)
                dec.close()  # before the last batch is handed on: done with it
            yield batch
    finally:
        dec.close()
