"""Benchmark: identities and segmentation over simulated positions.

    .venv/bin/python bench/vessels.py                  # 10 million positions, 5,000 vessels
    .venv/bin/python bench/vessels.py --positions 1e6  # a quicker look

Tracks are generated with numpy (no NMEA, no decoding): each vessel starts somewhere in a
10 x 20 degree box, sails at 0-20 kn with a slowly wandering course and reports every 2-30 s
(Class A under way: 2-10 s; Class B: 30 s; ITU-R M.1371-5), plus a type 5 static report
every 6 minutes. 1 % of the MMSIs are shared by two ships ~100 nmi apart (two transmitters:
overlapping segments and impossible jumps), 0.1 % of positions are bad fixes (jumps), and 1 %
of the vessels change name half way. Everything goes through one `VesselRegistry` in time
order: positions through `add_position` (the scalar fast path a decoder or the live service
calls) and static reports through `update` (``--objects``: positions as `PositionReport`
objects through `update`, as file ingest does). Positions/s counts every report's full cost, the
Python loop included; the generation is not timed.
"""

from __future__ import annotations

import argparse
import math
import time

import numpy as np

from aiswatch.ais.tables import MID_TABLE
from aiswatch.vessels import PositionReport, StaticReport, VesselRegistry


def generate(
    n_positions: int, n_vessels: int, seed: int = 1
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """(mmsi, time, lat, lon, sog, cog) arrays, sorted by time."""
    rng = np.random.default_rng(seed)
    per = n_positions // n_vessels
    n = per * n_vessels
    mids = np.array(sorted(MID_TABLE), dtype=np.int64)  # allocated MIDs: valid ship MMSIs
    mmsi_v = rng.choice(mids, n_vessels) * 1_000_000 + rng.choice(1_000_000, n_vessels)
    mmsi_v = np.unique(mmsi_v)
    while mmsi_v.size < n_vessels:
        extra = rng.choice(mids, n_vessels) * 1_000_000 + rng.choice(1_000_000, n_vessels)
        mmsi_v = np.unique(np.concatenate([mmsi_v, extra]))
    mmsi_v = rng.permutation(mmsi_v[:n_vessels])
    dt_v = rng.choice([2.0, 3.3, 6.0, 10.0, 30.0], n_vessels, p=[0.1, 0.2, 0.3, 0.3, 0.1])
    t0_v = 1_735_689_600.0 + rng.uniform(0, 600, n_vessels)
    lat0 = rng.uniform(30, 40, n_vessels)
    lon0 = rng.uniform(-20, 0, n_vessels)
    sog_v = rng.uniform(0, 20, n_vessels)
    crs0 = rng.uniform(0, 360, n_vessels)

    k = np.arange(per, dtype=np.float64)
    t = t0_v[:, None] + k[None, :] * dt_v[:, None] + rng.uniform(0, 0.5, (n_vessels, per))
    turn = np.cumsum(rng.normal(0, 0.5, (n_vessels, per)), axis=1)
    cog = (crs0[:, None] + turn) % 360.0
    step_nm = sog_v[:, None] * dt_v[:, None] / 3600.0
    dlat = step_nm * np.cos(np.radians(cog)) / 60.0
    lat = lat0[:, None] + np.cumsum(dlat, axis=1)
    dlon = step_nm * np.sin(np.radians(cog)) / 60.0 / np.cos(np.radians(lat))
    lon = lon0[:, None] + np.cumsum(dlon, axis=1)
    sog = np.broadcast_to(sog_v[:, None], (n_vessels, per)) + rng.normal(0, 0.2, (n_vessels, per))
    mmsi = np.broadcast_to(mmsi_v[:, None], (n_vessels, per)).copy()
    # 1 % of MMSIs shared: vessel i+1's positions carry vessel i's MMSI, moved ~100 nmi
    shared = np.arange(0, n_vessels - 1, 100)
    mmsi[shared + 1] = mmsi_v[shared][:, None]
    lat[shared + 1] = lat[shared] + 1.7
    lon[shared + 1] = lon[shared]
    fm, ft, fla, flo = mmsi.ravel(), t.ravel(), lat.ravel(), lon.ravel()
    fs, fc = sog.ravel(), cog.ravel()
    bad = rng.choice(n, n // 1000, replace=False)  # bad fixes
    fla[bad] += rng.uniform(-5, 5, bad.size)
    order = np.argsort(ft, kind="stable")
    return (
        fm[order],
        ft[order],
        np.clip(fla[order], -89.9, 89.9),
        (flo[order] + 180.0) % 360.0 - 180.0,
        np.round(fs[order], 1),
        np.round(fc[order], 1),
    )


def statics(mmsi: np.ndarray, t: np.ndarray) -> list[StaticReport]:
    """A type 5 report per MMSI every 6 minutes of its span; 1 % rename half way."""
    out = []
    uniq = np.unique(mmsi)
    first = {int(m): float("inf") for m in uniq}
    last = {int(m): float("-inf") for m in uniq}
    # spans from a sample (cheap and close enough)
    for m, tt in zip(mmsi[::97].tolist(), t[::97].tolist(), strict=True):
        first[m] = min(first[m], tt)
        last[m] = max(last[m], tt)
    for i, m in enumerate(uniq.tolist()):
        if not math.isfinite(first[m]):
            continue
        n = int((last[m] - first[m]) // 360) + 1
        for j in range(n):
            name = f"VESSEL {i}" if (i % 100 or j < n // 2) else f"RENAMED {i}"
            out.append(
                StaticReport(
                    m, first[m] + 360 * j, 5, name, f"C{i}", None, 70, (50, 20, 5, 5), "ROTTERDAM"
                )
            )
    out.sort(key=lambda r: r.time)
    return out


def run(
    n_positions: int, n_vessels: int, chunk: int = 1_000_000, objects: bool = False
) -> dict[str, float]:
    g0 = time.perf_counter()
    mmsi, t, lat, lon, sog, cog = generate(n_positions, n_vessels)
    st = statics(mmsi, t)
    gen_s = time.perf_counter() - g0
    reg = VesselRegistry()
    add, update = reg.add_position, reg.update
    n_events = 0
    si = 0
    n_st = len(st)
    t_start = time.perf_counter()
    c_start = time.process_time()
    for c0 in range(0, t.size, chunk):
        ms, ts, las, los, ss, cs = (
            a[c0 : c0 + chunk].tolist() for a in (mmsi, t, lat, lon, sog, cog)
        )
        for k in range(len(ms)):
            tk = ts[k]
            while si < n_st and st[si].time <= tk:
                n_events += len(update(st[si]))
                si += 1
            if objects:
                evs = update(PositionReport(ms[k], tk, las[k], los[k], ss[k], cs[k]))
            else:
                evs = add(ms[k], tk, las[k], los[k], ss[k], cs[k])
            if evs:
                n_events += len(evs)
    while si < n_st:
        n_events += len(update(st[si]))
        si += 1
    n_events += len(reg.flush())
    elapsed = time.perf_counter() - t_start
    cpu = time.process_time() - c_start
    seg = reg.segmenter.stats()
    return {
        "positions": float(t.size),
        "statics": float(n_st),
        "vessels": float(n_vessels),
        "seconds": elapsed,
        "cpu_s": cpu,
        "generate_s": gen_s,
        "reports_per_s": (t.size + n_st) / elapsed,
        "us_per_report": elapsed / (t.size + n_st) * 1e6,
        "events": float(n_events),
        "segments": float(seg["segments"]),
        "links": float(len(reg.links())),
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--positions", type=float, default=10e6)
    ap.add_argument("--vessels", type=int, default=5000)
    ap.add_argument(
        "--objects", action="store_true", help="build a PositionReport per position and call update"
    )
    args = ap.parse_args()
    r = run(int(args.positions), args.vessels, objects=args.objects)
    print(
        ("[PositionReport objects] " if args.objects else "")
        + f"{r['positions']:,.0f} positions + {r['statics']:,.0f} static reports of "
        f"{r['vessels']:,.0f} vessels in {r['seconds']:.1f} s ({r['cpu_s']:.1f} s CPU): "
        f"{r['reports_per_s']:,.0f} "
        f"reports/s ({r['us_per_report']:.2f} us each); {r['events']:,.0f} events, "
        f"{r['segments']:,.0f} segments, {r['links']:,.0f} links "
        f"(generation {r['generate_s']:.1f} s, not timed)"
    )


if __name__ == "__main__":
    main()
