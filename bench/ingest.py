"""Ingest benchmark: NMEA file -> DuckDB store rows per second, beside decoding alone.

    .venv/bin/python bench/ingest.py            # the >= 1,000,000-sentence inputs of decode.py
    .venv/bin/python bench/ingest.py --quick    # 100,000 sentences

Same inputs as bench/decode.py (real, sim, baltic; built there, under bench/data/). Each
measurement (best of --repeat, default 3: the machine is shared) runs in its own process
pinned to one core (DuckDB `threads = 1`): first decoding alone (`aiswatch.columnar.
decode_file`, every field into Arrow), then `aiswatch.store.ingest_file` into a new store
file (decode + insert + one transaction per 16 MiB chunk with its
ingest_log progress), the engine behind `aiswatch ingest FILE --db PATH`.
"""

from __future__ import annotations

import argparse
import gc
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from decode import DATA, SHARED_LOGS, prepare, revision, run_child


def worker(mode: str, path: str) -> None:
    import pyarrow as pa

    pa.set_cpu_count(1)
    pa.set_io_thread_count(1)
    if mode == "decode":
        from aiswatch.columnar import decode_file

        gc.freeze()  # as the aiswatch command does (see bench/decode.py)
        t = time.perf_counter()
        rows = sum(b.rows for b in decode_file(path))
        out = {"rows": rows, "messages": rows, "seconds": time.perf_counter() - t}
    else:
        from aiswatch.store import connect, ingest_file

        db = DATA / "bench.duckdb"
        for p in (db, db.with_name(db.name + ".wal")):
            p.unlink(missing_ok=True)
        con = connect(db)
        con.execute("SET threads = 1")
        gc.freeze()
        t = time.perf_counter()
        res = ingest_file(con, path)
        con.close()
        seconds = time.perf_counter() - t
        out = {"rows": sum(res.rows.values()), "messages": res.messages, "seconds": seconds,
               "db_bytes": db.stat().st_size, "tables": dict(res.rows)}  # fmt: skip
    print(json.dumps(out))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--inputs", default="real,sim,baltic")
    ap.add_argument("--repeat", type=int, default=3, help="best of N runs (shared machine)")
    ap.add_argument("--worker", nargs=2, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.worker:
        return worker(*args.worker)
    n = 100_000 if args.quick else 1_000_000
    rev = revision()
    lines = ["| input | step | sentences | messages | rows | seconds | sentences/s | rows/s "
             "| peak RSS MB | store MB |", "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|"]  # fmt: skip
    for name in args.inputs.split(","):
        if name == "real" and not SHARED_LOGS.is_dir():
            print(f"note: real logs skipped ({SHARED_LOGS} absent)")
            continue
        path, _, sentences = prepare(name, n)
        for mode in ("decode", "ingest"):
            cmd = [sys.executable, str(Path(__file__).resolve()), "--worker", mode, str(path)]
            runs = []
            for _ in range(args.repeat):
                out, _wall, rss, rc = run_child(cmd)
                if rc == 0:
                    runs.append((json.loads(out.strip().splitlines()[-1]), rss))
            if not runs:
                print(f"note: {mode} on {name} failed (exit {rc})")
                continue
            r = min(runs, key=lambda x: float(x[0]["seconds"]))[0]
            rss = max(x[1] for x in runs)
            print(f"{name:6} {mode:6} runs {[round(x[0]['seconds'], 2) for x in runs]}",
                  file=sys.stderr)  # fmt: skip
            s = r["seconds"]
            store = f"{r['db_bytes'] / 1e6:,.0f}" if "db_bytes" in r else "-"
            lines.append(f"| {name} | {mode} | {sentences:,} | {r['messages']:,} | "
                         f"{r['rows']:,} | {s:.2f} | {sentences / s:,.0f} | "
                         f"{r['rows'] / s:,.0f} | {rss / 1e6:,.0f} | {store} |")  # fmt: skip
            print(f"{name:5} {mode:7} {r['rows'] / s:>12,.0f} rows/s  {s:6.2f} s", file=sys.stderr)
            if "tables" in r:
                print(f"{name:5} rows by table: {r['tables']}", file=sys.stderr)
    end = revision()
    print(rev if end == rev else f"{rev} at the start, {end} at the end (changed during the run)")
    print("\n".join(lines))
    return None


if __name__ == "__main__":
    main()
