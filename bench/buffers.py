"""Decoding small buffers, as a live feed delivers them: columnar against scalar and pyais.

    .venv/bin/python bench/buffers.py                      # 100 kB and 1 MB of each input
    .venv/bin/python bench/buffers.py --sizes 20000 --inputs real

A live feed hands the decoder a few hundred or thousand lines at a time, so the fixed costs
per call (per message type and length, per table) weigh more than on a whole file
(`bench/decode.py`). Each tool decodes the same buffer (the first SIZE bytes of an input
of `bench/decode.py`, cut at a line end) into one Arrow table per message type, again and
again, in this one process pinned to one core:

* ``aiswatch-columnar``: one `ColumnarDecoder` per stream, `decode(buffer)` per buffer;
* ``aiswatch-scalar``: `NmeaReader` + `Message.decode`, dicts, `pyarrow.Table.from_pylist`
  per type per buffer;
* ``pyais``: `pyais.stream.IterMessages` over the buffer's lines, dicts, the same tables.

It prints the best of --rounds rounds (milliseconds per buffer, AIS sentences per second)
and the columnar decoder's speed-up over each peer.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from decode import (  # bench/decode.py
    ONE_CORE_ENV,
    SENTENCE,
    _cpu_idle,
    prepare,
    pyais_tables,
    scalar_tables,
)


def columnar_tool() -> Callable[[bytes], int]:
    from aiswatch.columnar import ColumnarDecoder

    dec = ColumnarDecoder("feed")

    def run(buf: bytes) -> int:
        return dec.decode(buf).rows

    return run


def scalar_tool() -> Callable[[bytes], int]:
    from aiswatch.nmea import NmeaReader

    reader = NmeaReader()
    line_no = [0]

    def raws(buf: bytes) -> Iterator[Any]:
        for line in buf.splitlines(keepends=True):
            line_no[0] += 1
            yield from reader.feed(line, "feed", line_no[0])

    return lambda buf: scalar_tables(raws(buf), sys.maxsize)


def pyais_tool() -> Callable[[bytes], int]:
    from pyais.stream import IterMessages

    return lambda buf: pyais_tables(IterMessages(buf.splitlines()), sys.maxsize)


TOOLS = {"aiswatch-columnar": columnar_tool, "aiswatch-scalar": scalar_tool,
         "pyais": pyais_tool}  # fmt: skip


def best_ms(run: Callable[[bytes], int], buf: bytes, rounds: int, min_s: float) -> float:
    """Best time per buffer (ms) over `rounds` rounds, each repeating the buffer for at
    least `min_s` seconds (after one warm-up call)."""
    run(buf)
    t = time.perf_counter()
    run(buf)
    once = max(time.perf_counter() - t, 1e-6)
    reps = max(1, int(min_s / once))
    best = float("inf")
    for _ in range(rounds):
        t = time.perf_counter()
        for _ in range(reps):
            run(buf)
        best = min(best, (time.perf_counter() - t) / reps)
    return best * 1000


def pin_to_idlest_core() -> int:
    before = _cpu_idle()
    time.sleep(0.3)
    after = _cpu_idle()
    core = max(after, key=lambda c: after[c] - before.get(c, 0))
    os.sched_setaffinity(0, {int(core)})
    return int(core)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--inputs", default="real,sim,baltic")
    ap.add_argument("--sizes", default="100000,1000000", help="buffer sizes in bytes")
    ap.add_argument("--tools", default=",".join(TOOLS))
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--min-seconds", type=float, default=0.4, help="per round and tool")
    args = ap.parse_args()
    os.environ.update(ONE_CORE_ENV)  # before numba and pyarrow start their thread pools

    import pyarrow as pa

    import aiswatch

    pa.set_cpu_count(1)
    pa.set_io_thread_count(1)
    core = pin_to_idlest_core()
    src = Path(aiswatch.__file__).parent
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True,
                            text=True, cwd=src).stdout.strip()  # fmt: skip
    print(f"decoder at commit {commit} ({src}); pinned to core {core}\n")
    tools = args.tools.split(",")
    print("| input | buffer | sentences | " + " | ".join(f"{t} ms" for t in tools)
          + " | sentences/s columnar | " + " | ".join(f"columnar vs {t}" for t in tools[1:])
          + " |")  # fmt: skip
    print("|---|---:|---:|" + "---:|" * (2 * len(tools)))
    for name in args.inputs.split(","):
        path, _, _ = prepare(name, 1_000_000)
        with path.open("rb") as fh:
            head = fh.read(max(int(s) for s in args.sizes.split(",")) + 4096)
        for size in (int(s) for s in args.sizes.split(",")):
            buf = head[: head.rfind(b"\n", 0, size) + 1]
            sentences = len(SENTENCE.findall(buf))
            ms = {t: best_ms(TOOLS[t](), buf, args.rounds, args.min_seconds) for t in tools}
            col = ms[tools[0]]
            print(f"| {name} | {len(buf):,} B | {sentences:,} | "
                  + " | ".join(f"{ms[t]:.2f}" for t in tools)
                  + f" | {sentences / (col / 1000):,.0f} | "
                  + " | ".join(f"{ms[t] / col:.1f}x" for t in tools[1:]) + " |",
                  flush=True)  # fmt: skip


if __name__ == "__main__":
    main()
