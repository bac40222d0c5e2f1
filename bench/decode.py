"""Decoding benchmark: aiswatch (columnar and scalar) against pyais, gpsdecode and aiscat.

    .venv/bin/python bench/decode.py            # >= 1,000,000 sentences per input
    .venv/bin/python bench/decode.py --quick    # 100,000 sentences per input
    .venv/bin/python bench/decode.py --big      # also: columnar peak memory on a 3+ GB input

Inputs (built once under bench/data/, which git ignores):

* ``real``: every log in ../shared/data/ais concatenated and repeated (their mixed
  conventions: tag blocks, $PGHP, leading and trailing timestamps, other NMEA, errors);
* ``baltic`` (or another scenario name): the project's simulator, ``aiswatch.sim``
  (1,500 vessels, about 3 h of traffic for 1 M sentences);
* ``sim``: a synthetic multi-vessel log written with aiswatch's encoder (class A types 1/3
  every 10 s, class B type 18 every 30 s, two-part type 5 and type 24 A/B every 6 min per
  vessel, base stations (4) every 10 s, aids to navigation (21) every 3 min, tag blocks with
  receive time, station and g: groups on multi-part messages, 0.1 % bad checksums).

Each decoder runs alone in its own process pinned to one core (``taskset -c N``, N the
idlest core over the 0.3 s before the start; one thread for numba/OpenMP/Arrow) on the same file, decoding every field of every message
into tables (one per message type): aiswatch columnar -> Arrow; aiswatch scalar, pyais and
aiscat -> dicts -> ``pyarrow.Table.from_pylist`` every 50,000 rows; gpsdecode -> JSON to
/dev/null. gpsdecode cannot read tag blocks or other wrappers: it gets the same sentences
without them (``*.bare.nmea``). Sentences = AIS sentences (``!xxVDM``/``!xxVDO``) in the
input. Time is measured inside the worker from before opening the file to the last table
(imports and interpreter start excluded, numba's cached-code load included, where the
kernels are not built ahead of time -- `make kernels`, see columnar/kernels.py; the first
line of the output says which served, and ``AISWATCH_KERNELS=jit`` measures the JIT; the objects
the imports made are frozen out of the garbage collector first, `gc.freeze()`, for every
tool, as the aiswatch command does); the
``aiswatch-columnar-warm`` row times the same decoder after a warm-up on 1 MB, and
``aiswatch-columnar-steady`` the second of two decodes of the whole file in one process (a
long-running ingest: the allocator already holds its pages). Each tool runs ``--repeat``
times (default 3; the scalar decoder once) and the fastest run is reported, as the machine
is shared. Peak RSS is the worker's VmHWM.
"""

from __future__ import annotations

import argparse
import gc
import json
import math
import os
import random
import re
import shutil
import subprocess
import sys
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "bench" / "data"
SHARED_LOGS = ROOT.parent / "shared" / "data" / "ais"
SENTENCE = re.compile(rb"![A-Z]{2}VD[MO],[^*\r\n]*\*[0-9A-Fa-f]{2}")
FLUSH_ROWS = 50_000
T0 = 1715904000  # 2024-05-17T00:00:00Z

# -- inputs -----------------------------------------------------------------------------


def count_sentences(path: Path) -> int:
    n = 0
    with path.open("rb") as fh:
        while block := fh.read(64 << 20):
            n += len(SENTENCE.findall(block))
    return n


def bare_copy(path: Path, out: Path) -> None:
    """The AIS sentences of `path` alone, one per line (for gpsdecode)."""
    with path.open("rb") as src, out.open("wb") as dst:
        for line in src:
            m = SENTENCE.search(line)
            if m:
                dst.write(m.group(0) + b"\n")


def real_log(out: Path, min_sentences: int) -> None:
    logs = sorted(p for p in SHARED_LOGS.iterdir() if p.suffix not in {".md", ".csv"})
    blob = b"".join(p.read_bytes().rstrip(b"\r\n") + b"\n" for p in logs)
    per = len(SENTENCE.findall(blob))
    with out.open("wb") as fh:
        for _ in range(math.ceil(min_sentences / per)):
            fh.write(blob)


def _sentences(msg: dict[str, Any]) -> list[str]:
    from aiswatch.ais import Message
    from aiswatch.nmea import frame

    payload, fill = Message.from_json(msg).encode()
    return frame(payload, fill, channel="AB"[msg["mmsi"] % 2], seq_id=msg["mmsi"] % 10)


def synth_lines(min_sentences: int, seed: int = 7) -> Iterator[str]:
    """A synthetic multi-vessel log (see the module doc), at least `min_sentences`."""
    from aiswatch.nmea import tag_block

    rnd = random.Random(seed)
    n_a, n_b, n_base, n_aton = 1000, 500, 20, 50
    vessels = []
    for i in range(n_a + n_b):
        cls = "A" if i < n_a else "B"
        vessels.append({"mmsi": (211000000 if cls == "A" else 244000000) + i, "cls": cls,
                        "lat": rnd.uniform(53.5, 56.0), "lon": rnd.uniform(3.0, 12.0),
                        "sog": rnd.uniform(0, 22), "cog": rnd.uniform(0, 359.9),
                        "phase": rnd.randrange(360)})  # fmt: skip
    buckets: dict[tuple[str, int], list[dict[str, Any]]] = defaultdict(list)
    for v in vessels:
        every = 10 if v["cls"] == "A" else 30
        buckets[(v["cls"], v["phase"] % every)].append(v)
    written = 0
    group = 0
    t = 0
    while written < min_sentences:
        now = T0 + t
        msgs: list[tuple[dict[str, Any], str]] = []
        for cls, every in (("A", 10), ("B", 30)):
            for v in buckets[(cls, t % every)]:
                rad = math.radians(v["cog"])
                dist = v["sog"] * every / 3600 / 60  # degrees of latitude
                v["lat"] += dist * math.cos(rad)
                v["lon"] += dist * math.sin(rad) / math.cos(math.radians(v["lat"]))
                if rnd.random() < 0.02:
                    v["cog"] = (v["cog"] + rnd.uniform(-30, 30)) % 360
                pos = {"mmsi": v["mmsi"], "lat": round(v["lat"], 5), "lon": round(v["lon"], 5),
                       "speed": round(v["sog"], 1), "course": round(v["cog"], 1),
                       "heading": round(v["cog"]) % 360, "second": now % 60}  # fmt: skip
                if cls == "A":
                    msgs.append(({"type": 1 if t % 20 else 3, **pos, "status": 0,
                                  "turn": 0.0}, f"r{v['mmsi'] % 7}"))  # fmt: skip
                else:
                    msgs.append(({"type": 18, **pos, "cs": True}, f"r{v['mmsi'] % 7}"))
                if (t + v["phase"]) % 360 < every:
                    msgs.extend((m, f"r{v['mmsi'] % 7}") for m in _static(v))
        if t % 10 == 0:
            for b in range(n_base):
                msgs.append(({"type": 4, "mmsi": 2190000 + b, "year": 2024, "month": 5,
                              "day": 17 + (t // 86400), "hour": (t // 3600) % 24,
                              "minute": (t // 60) % 60, "second": t % 60, "epfd": 7,
                              "lat": 55.0 + b * 0.05, "lon": 8.0 + b * 0.1}, f"r{b % 7}"))  # fmt: skip
        if t % 180 == 0:
            for a in range(n_aton):
                msgs.append(({"type": 21, "mmsi": 992190000 + a, "aid_type": 1 + a % 30,
                              "name": f"BUOY {a}", "lat": 55.5 + a * 0.01, "lon": 9 + a * 0.01,
                              "epfd": 1}, f"r{a % 7}"))  # fmt: skip
        for msg, station in msgs:
            parts = _sentences(msg)
            group += 1
            for k, s in enumerate(parts, 1):
                g = (k, len(parts), group % 10000) if len(parts) > 1 else None
                if rnd.random() < 0.001:
                    s = s[:-2] + ("00" if s[-2:] != "00" else "01")  # bad checksum
                yield tag_block(time=now, station=station, group=g) + s
                written += 1
        t += 1


def _static(v: dict[str, Any]) -> list[dict[str, Any]]:
    m = v["mmsi"]
    if v["cls"] == "A":
        return [{"type": 5, "mmsi": m, "imo": 9000000 + m % 1000000, "callsign": f"C{m % 99999}",
                 "shipname": f"VESSEL {m % 100000}", "shiptype": 70 + m % 10, "to_bow": 120,
                 "to_stern": 30, "to_port": 12, "to_starboard": 12, "epfd": 1, "month": 5,
                 "day": 20, "hour": 6, "minute": 30, "draught": 8.2,
                 "destination": "ROTTERDAM"}]  # fmt: skip
    return [{"type": 24, "mmsi": m, "partno": 0, "shipname": f"YACHT {m % 100000}"},
            {"type": 24, "mmsi": m, "partno": 1, "shiptype": 37, "vendorid": "AIS",
             "callsign": f"Y{m % 9999}", "to_bow": 8, "to_stern": 4, "to_port": 2,
             "to_starboard": 2}]  # fmt: skip


def sim_log(out: Path, min_sentences: int) -> None:
    with out.open("w", encoding="ascii") as fh:
        for line in synth_lines(min_sentences):
            fh.write(line + "\n")


def scenario_log(out: Path, min_sentences: int, scenario: str = "baltic") -> None:
    """The project's simulator (`aiswatch simulate`): 1,500 vessels for as long as it takes
    (about 3 h for 1 M sentences), the log repeated if still short."""
    from aiswatch.sim.cli import simulate_command

    hours = max(0.25, 3.0 * min_sentences / 1_000_000)
    tmp = out.with_suffix(".once")
    s = simulate_command(scenario, tmp, duration=hours * 3600, vessels=1500, seed=1)
    data = tmp.read_bytes()
    with out.open("wb") as fh:
        for _ in range(math.ceil(min_sentences / max(1, s.sentences))):
            fh.write(data)
    tmp.unlink()
    for extra in out.parent.glob(tmp.name + "*"):
        extra.unlink()  # ground truth files


def prepare(name: str, n: int) -> tuple[Path, Path, int]:
    """(log, bare log, AIS sentences) of input `name` with at least `n` sentences."""
    DATA.mkdir(parents=True, exist_ok=True)
    path, bare, meta = (DATA / f"{name}_{n}.nmea", DATA / f"{name}_{n}.bare.nmea",
                        DATA / f"{name}_{n}.json")  # fmt: skip
    if not meta.exists():
        t = time.perf_counter()
        build = {"real": real_log, "sim": sim_log}.get(name)
        if build is None:  # a scenario of the project's simulator
            scenario_log(path, n, name)
        else:
            build(path, n)
        bare_copy(path, bare)
        meta.write_text(json.dumps({"sentences": count_sentences(path)}))
        print(f"built {path.name} ({path.stat().st_size / 1e6:.0f} MB) in "
              f"{time.perf_counter() - t:.0f} s", file=sys.stderr)  # fmt: skip
    return path, bare, int(json.loads(meta.read_text())["sentences"])


def big_input(src: Path, min_bytes: int) -> Path:
    out = DATA / f"big_{src.stem}.nmea"
    if not out.exists() or out.stat().st_size < min_bytes:
        data = src.read_bytes()
        with out.open("wb") as fh:
            for _ in range(math.ceil(min_bytes / len(data))):
                fh.write(data)
    return out


# -- workers (run in their own process) -------------------------------------------------


def _tables(rows: dict[Any, list[dict[str, Any]]], out: list[Any]) -> None:
    """Dict rows -> one Arrow table per type; a column Arrow cannot type as it is (mixed
    kinds, objects) becomes text."""
    import pyarrow as pa

    for rs in rows.values():
        try:
            out.append(pa.Table.from_pylist(rs))
        except (pa.ArrowInvalid, pa.ArrowTypeError, pa.ArrowNotImplementedError):
            keys = dict.fromkeys(k for r in rs for k in r)
            cols = {}
            for k in keys:
                vals = [r.get(k) for r in rs]
                kinds = {type(v) for v in vals if v is not None}
                if (not kinds <= {int, float} and len(kinds) != 1) or not kinds <= _SIMPLE:
                    vals = [None if v is None else str(v) for v in vals]
                cols[k] = vals
            out.append(pa.table(cols))
    rows.clear()


_SIMPLE = {bool, int, float, str}


def work_columnar(path: str) -> int:
    from aiswatch.columnar import decode_file

    return sum(b.rows for b in decode_file(path))


def work_columnar_warm(path: str) -> int:
    """Steady state: the same decoder after a warm-up decode of a small buffer (numba's
    cached machine code loaded, first-call costs paid) -- the fixed start-up cost apart."""
    from aiswatch.columnar import ColumnarDecoder, decode_file

    with open(path, "rb") as fh:
        head = fh.read(1 << 20)
    ColumnarDecoder().decode(head[: head.rfind(b"\n") + 1], final=True)
    gc.freeze()  # numba's start-up objects too: start-up, like the imports
    t = time.perf_counter()
    n = sum(b.rows for b in decode_file(path))
    _TIMED_FROM[0] = t
    return n


_TIMED_FROM = [0.0]  # where a worker's timed part starts, if not at its call (warm, steady)


def work_columnar_steady(path: str) -> int:
    """A long-running process: the second of two decodes of the whole file (the allocator
    has its pages, every code path has run once)."""
    from aiswatch.columnar import decode_file

    sum(b.rows for b in decode_file(path))
    t = time.perf_counter()
    n = sum(b.rows for b in decode_file(path))
    _TIMED_FROM[0] = t
    return n


def scalar_tables(raws: Iterable[Any], flush_rows: int) -> int:
    """The scalar path from the reader's messages `raws`: decoded, as JSON dicts with
    their receive metadata, into a table per message type every `flush_rows` rows."""
    from aiswatch.ais import DecodeError, Message

    rows: dict[Any, list[dict[str, Any]]] = defaultdict(list)
    tables: list[Any] = []
    n = 0
    for raw in raws:
        try:
            msg = Message.decode(raw.payload, raw.fill)
        except DecodeError:
            continue
        d = msg.json()
        d["rxtime"], d["station"], d["line"] = raw.time, raw.station, raw.line
        rows[msg.type].append(d)
        n += 1
        if n % flush_rows == 0:
            _tables(rows, tables)
    _tables(rows, tables)
    return n


def pyais_tables(sentences: Iterable[Any], flush_rows: int) -> int:
    """pyais from its sentences: decoded, as dicts, into a table per message type every
    `flush_rows` rows."""
    rows: dict[Any, list[dict[str, Any]]] = defaultdict(list)
    tables: list[Any] = []
    n = 0
    for sentence in sentences:
        try:
            d = sentence.decode().asdict()
        except Exception:  # pyais raises several kinds on bad payloads
            continue
        rows[d["msg_type"]].append(d)
        n += 1
        if n % flush_rows == 0:
            _tables(rows, tables)
    _tables(rows, tables)
    return n


def work_scalar(path: str) -> int:
    from aiswatch.nmea import NmeaReader
    from aiswatch.sources import open_lines

    return scalar_tables(NmeaReader().read(open_lines(path), path), FLUSH_ROWS)


def work_pyais(path: str) -> int:
    from pyais.stream import FileReaderStream

    return pyais_tables(FileReaderStream(path), FLUSH_ROWS)


def _aiscat(path: str, to_tables: bool) -> int:
    import aiscat

    rows: dict[Any, list[dict[str, Any]]] = defaultdict(list)
    tables: list[Any] = []
    n = 0
    dec = aiscat.Decoder()
    with open(path, "rb") as fh:
        while block := fh.read(1 << 20):
            dec.feed(block)
            while (msg := dec.next()) is not None:
                n += 1
                if to_tables:
                    rows[msg.get("type")].append(msg)
                    if n % FLUSH_ROWS == 0:
                        _tables(rows, tables)
    _tables(rows, tables)
    return n


def work_aiscat(path: str) -> int:
    return _aiscat(path, True)


def work_aiscat_dicts(path: str) -> int:
    return _aiscat(path, False)


WORKERS: dict[str, Callable[[str], int]] = {
    "aiswatch-columnar": work_columnar,
    "aiswatch-columnar-warm": work_columnar_warm,
    "aiswatch-columnar-steady": work_columnar_steady,
    "aiswatch-scalar": work_scalar,
    "pyais": work_pyais,
    "aiscat": work_aiscat,
    "aiscat-dicts-only": work_aiscat_dicts,
}


MODULES = {
    "aiswatch-columnar": ["aiswatch.columnar"],
    "aiswatch-columnar-warm": ["aiswatch.columnar"],
    "aiswatch-columnar-steady": ["aiswatch.columnar"],
    "aiswatch-scalar": ["aiswatch.ais", "aiswatch.nmea", "aiswatch.sources"],
    "pyais": ["pyais.stream"],
    "aiscat": ["aiscat"],
    "aiscat-dicts-only": ["aiscat"],
}


def worker_main(tool: str, path: str) -> None:
    import importlib

    import pyarrow as pa

    pa.set_cpu_count(1)
    pa.set_io_thread_count(1)
    for name in MODULES[tool]:  # imports are not decoding: outside the timing
        importlib.import_module(name)
    gc.freeze()  # as the aiswatch command does: the imports' objects stay out of collections
    t = time.perf_counter()
    n = WORKERS[tool](path)
    end = time.perf_counter()
    if _TIMED_FROM[0]:
        t = _TIMED_FROM[0]
    print(json.dumps({"messages": n, "seconds": end - t, "hwm": vm_hwm("self")}))


def vm_hwm(pid: int | str) -> int:
    """Peak resident memory (bytes) of a live process's current image (VmHWM; unlike
    ru_maxrss it does not count the parent's memory before exec)."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


# -- driver -----------------------------------------------------------------------------

ONE_CORE_ENV = {"OMP_NUM_THREADS": "1", "NUMBA_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1",
                "MKL_NUM_THREADS": "1", "ARROW_NUM_THREADS": "1"}  # fmt: skip


def _cpu_idle() -> dict[str, int]:
    out = {}
    for line in Path("/proc/stat").read_text().splitlines():
        parts = line.split()
        if parts[0].startswith("cpu") and parts[0] != "cpu":
            out[parts[0][3:]] = int(parts[4]) + int(parts[5])  # idle + iowait
    return out


def idlest_core(sample: float = 0.3) -> str:
    """The core with the most idle time over `sample` seconds (the machine is shared: a
    pinned job on a busy core measures the other job too)."""
    try:
        a = _cpu_idle()
        time.sleep(sample)
        b = _cpu_idle()
        return max(b, key=lambda c: b[c] - a.get(c, 0))
    except (OSError, ValueError, IndexError):
        return "0"


def pinned(cmd: list[str]) -> list[str]:
    return ["taskset", "-c", idlest_core(), *cmd] if shutil.which("taskset") else cmd


def run_child(
    cmd: list[str], stdin: Path | None = None, discard: bool = False, quiet: bool = False
) -> tuple[str, float, int, int]:
    """(stdout, wall seconds, peak RSS bytes, return code) of one pinned process. The peak
    is its VmHWM polled every 5 ms (a worker also reports its own at the end)."""
    env = {**os.environ, **ONE_CORE_ENV}
    out_path = Path(os.devnull) if discard else DATA / ".child.out"
    peak = 0
    with (stdin or Path(os.devnull)).open("rb") as fin, out_path.open("wb") as fout:
        err = subprocess.DEVNULL if quiet else None  # gpsdecode complains per bad sentence
        t = time.perf_counter()
        proc = subprocess.Popen(pinned(cmd), stdin=fin, stdout=fout, stderr=err, env=env)
        while proc.poll() is None:
            peak = max(peak, vm_hwm(proc.pid))
            time.sleep(0.005)
        wall = time.perf_counter() - t
    text = "" if discard else out_path.read_text(errors="replace")
    return text, wall, peak, int(proc.returncode)


def ensure_aiscat() -> str | None:
    """None if aiscat imports (installing it into this venv if needed), else why not."""
    try:
        import aiscat  # noqa: F401

        return None
    except ImportError:
        pass
    r = subprocess.run([sys.executable, "-m", "pip", "install", "-q", "aiscat"],
                       capture_output=True, text=True)  # fmt: skip
    if r.returncode != 0:
        return "pip install aiscat failed: " + (r.stderr.strip().splitlines() or ["?"])[-1]
    return None


def measure(tool: str, path: Path, bare: Path) -> dict[str, Any]:
    if tool == "gpsdecode":
        out, wall, rss, rc = run_child(["gpsdecode", "-j"], stdin=bare, discard=True, quiet=True)
        return {"seconds": wall, "messages": None, "rss": rss, "rc": rc, "input": bare.name}
    cmd = [sys.executable, str(Path(__file__).resolve()), "--worker", tool, str(path)]
    out, wall, rss, rc = run_child(cmd)
    res = json.loads(out.strip().splitlines()[-1]) if rc == 0 else {}
    return {"seconds": res.get("seconds", wall), "wall": wall, "messages": res.get("messages"),
            "rss": max(rss, res.get("hwm", 0)), "rc": rc, "input": path.name}  # fmt: skip


def best_of(repeat: int, tool: str, path: Path, bare: Path) -> dict[str, Any]:
    """The fastest of `repeat` runs (the machine is shared: slower runs measure others)."""
    runs = [measure(tool, path, bare) for _ in range(repeat)]
    ok = [r for r in runs if r["rc"] == 0] or runs
    best = min(ok, key=lambda r: r["seconds"])
    best["rss"] = max(r["rss"] for r in ok)
    best["runs"] = [round(r["seconds"], 2) for r in ok]
    return best


DECODER_PATHS = [f"src/aiswatch/{p}" for p in ("ais", "nmea", "sources", "columnar", "store")]


def revision() -> str:
    """The last commit of the decoder's packages, and those of their files that differ."""

    def git(*args: str) -> str:
        return subprocess.run(["git", *args], cwd=ROOT, capture_output=True,
                              text=True).stdout  # fmt: skip

    head = git("log", "-1", "--format=%h", "--", *DECODER_PATHS).strip()
    changed = [ln[3:] for ln in git("status", "--short", *DECODER_PATHS).split("\n")
               if ln[:2].strip() == "M"]  # fmt: skip
    from aiswatch.columnar.kernels import status  # what the workers, in this environment, run

    return f"decoder at commit {head}" + (f" + uncommitted changes to {', '.join(changed)}"
                                          if changed else "") + f"; kernels: {status()}"  # fmt: skip


def table(rows: list[dict[str, Any]]) -> str:
    head = ("| input | tool | sentences | messages | seconds | sentences/s | peak RSS MB "
            "| columnar / tool | columnar-warm / tool | columnar-steady / tool |\n"
            "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|")  # fmt: skip
    lines = [head]
    for r in rows:
        msgs = f"{r['messages']:,}" if r["messages"] is not None else "-"
        lines.append(f"| {r['name']} | {r['tool']} | {r['sentences']:,} | {msgs} | "
                     f"{r['seconds']:.2f} | {r['rate']:,.0f} | {r['rss'] / 1e6:,.0f} | "
                     f"{r['ratio']:.1f}x | {r['ratio_warm']:.1f}x | "
                     f"{r['ratio_steady']:.1f}x |")  # fmt: skip
    return "\n".join(lines)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--quick", action="store_true", help="100,000 sentences per input")
    ap.add_argument("--big", action="store_true", help="columnar peak RSS on a 3+ GB input")
    ap.add_argument("--inputs", default="real,sim,baltic")
    ap.add_argument("--repeat", type=int, default=3, help="best of N runs (scalar: 1)")
    ap.add_argument("--tools", default=",".join([*WORKERS, "gpsdecode"]))
    ap.add_argument("--worker", nargs=2, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.worker:
        return worker_main(*args.worker)
    n = 100_000 if args.quick else 1_000_000
    rev = revision()
    tools = args.tools.split(",")
    notes: list[str] = []
    if any(t.startswith("aiscat") for t in tools) and (why := ensure_aiscat()):
        notes.append(f"aiscat skipped: {why}")
        tools = [t for t in tools if not t.startswith("aiscat")]
    if "gpsdecode" in tools and not shutil.which("gpsdecode"):
        notes.append("gpsdecode skipped: not installed (apt-get install gpsd-clients)")
        tools.remove("gpsdecode")
    results: list[dict[str, Any]] = []
    for name in args.inputs.split(","):
        if name == "real" and not SHARED_LOGS.is_dir():
            notes.append(f"real logs skipped: {SHARED_LOGS} is absent")
            continue
        path, bare, sentences = prepare(name, n)
        rows = []
        for tool in tools:
            r = best_of(1 if tool == "aiswatch-scalar" else args.repeat, tool, path, bare)
            if r["rc"] != 0:
                notes.append(f"{tool} on {name}: exit status {r['rc']}")
                continue
            r.update(name=name, tool=tool, sentences=sentences, rate=sentences / r["seconds"])
            rows.append(r)
            print(f"{name:5} {tool:22} {r['rate']:>12,.0f} sentences/s  "
                  f"{r['seconds']:7.2f} s  {r['rss'] / 1e6:6.0f} MB  runs {r['runs']}",
                  file=sys.stderr)  # fmt: skip
        base = next((r for r in rows if r["tool"] == "aiswatch-columnar"), None)
        warm = next((r for r in rows if r["tool"] == "aiswatch-columnar-warm"), None)
        steady = next((r for r in rows if r["tool"] == "aiswatch-columnar-steady"), None)
        for r in rows:
            r["ratio"] = base["rate"] / r["rate"] if base else float("nan")
            r["ratio_warm"] = warm["rate"] / r["rate"] if warm else float("nan")
            r["ratio_steady"] = steady["rate"] / r["rate"] if steady else float("nan")
        results.extend(rows)
    end = revision()
    print(rev if end == rev else f"{rev} at the start, {end} at the end (changed during the run)")
    print(table(results))
    if args.big:
        src, _, _ = prepare("sim", n)
        big = big_input(src, 3_200_000_000)
        r = measure("aiswatch-columnar", big, big)
        print(f"\ncolumnar on {big.name} ({big.stat().st_size / 1e9:.2f} GB): "
              f"{r['seconds']:.1f} s, {r['messages']:,} messages, peak RSS "
              f"{r['rss'] / 1e6:,.0f} MB")  # fmt: skip
    for note in notes:
        print(f"note: {note}")
    return None


if __name__ == "__main__":
    main()
