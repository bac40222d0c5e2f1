"""Build the bundled land mask, src/aiswatch/data/land/land_2min.npz, from Natural Earth.

Run once by a developer (Natural Earth is not shipped with aiswatch; the output is):

    .venv/bin/python bench/make_land_mask.py ../shared/data/geo/naturalearth/ne_10m_land.json.gz

Natural Earth 1:10m land polygons (public domain, naturalearthdata.com) are rasterised on a
global grid of 2 arc-minutes (10800 x 5400 cells): a cell is land when its centre lies inside
a land polygon (even-odd rule over every ring, by scanlines). The bits are packed row by
row, north to south, west to east, and stored deflated.
"""

from __future__ import annotations

import argparse
import gzip
import json
import time
from pathlib import Path
from typing import Any

import numpy as np

CELLS_PER_DEG = 30  # 2 arc-minutes
OUT = Path(__file__).resolve().parents[1] / "src" / "aiswatch" / "data" / "land" / "land_2min.npz"


def rings(doc: dict[str, Any]) -> list[np.ndarray]:
    out = []
    for feat in doc["features"]:
        g = feat["geometry"]
        polys = g["coordinates"] if g["type"] == "MultiPolygon" else [g["coordinates"]]
        for poly in polys:
            for ring in poly:
                out.append(np.asarray(ring, dtype=np.float64)[:, :2])
    return out


def rasterise(all_rings: list[np.ndarray], n: int = CELLS_PER_DEG) -> np.ndarray:
    """Even-odd fill of cell centres: rows from 90 N down, columns from 180 W east."""
    nrows, ncols = 180 * n, 360 * n
    x0 = np.concatenate([r[:-1, 0] for r in all_rings])
    y0 = np.concatenate([r[:-1, 1] for r in all_rings])
    x1 = np.concatenate([r[1:, 0] for r in all_rings])
    y1 = np.concatenate([r[1:, 1] for r in all_rings])
    # rows whose centre latitude c satisfies min(y) <= c < max(y) (half-open: no double count)
    ylo, yhi = np.minimum(y0, y1), np.maximum(y0, y1)
    # centre of row i: 90 - (i + 0.5) / n  ->  i = (90 - c) * n - 0.5
    i_first = np.ceil((90.0 - yhi) * n - 0.5).astype(np.int64)  # c <= yhi ... strict below
    i_last = np.floor((90.0 - ylo) * n - 0.5).astype(np.int64)
    lat_first = 90.0 - (i_first + 0.5) / n
    i_first = np.where(lat_first >= yhi, i_first + 1, i_first)  # c < yhi
    i_first = np.clip(i_first, 0, nrows - 1)
    i_last = np.clip(i_last, 0, nrows - 1)
    count = np.maximum(i_last - i_first + 1, 0)
    edge = np.repeat(np.arange(len(x0)), count)
    row = np.repeat(i_first, count) + (
        np.arange(count.sum()) - np.repeat(np.cumsum(count) - count, count)
    )
    c = 90.0 - (row + 0.5) / n
    ex0, ey0, ex1, ey1 = x0[edge], y0[edge], x1[edge], y1[edge]
    keep = (np.minimum(ey0, ey1) <= c) & (c < np.maximum(ey0, ey1))
    row, c, ex0, ey0, ex1, ey1 = row[keep], c[keep], ex0[keep], ey0[keep], ex1[keep], ey1[keep]
    xc = ex0 + (c - ey0) * (ex1 - ex0) / (ey1 - ey0)
    # column boundary crossed: cells whose centre x > xc toggle
    col = np.ceil((xc + 180.0) * n - 0.5).astype(np.int64)
    col = np.clip(col, 0, ncols)
    toggles = np.zeros((nrows, ncols + 1), dtype=np.uint8)
    np.add.at(toggles, (row, col), 1)
    return (np.cumsum(toggles[:, :ncols], axis=1) & 1).astype(bool)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("source", type=Path, help="ne_10m_land.json(.gz)")
    ap.add_argument("--out", type=Path, default=OUT)
    a = ap.parse_args()
    t0 = time.perf_counter()
    opener = gzip.open if a.source.suffix == ".gz" else open
    with opener(a.source, "rt", encoding="utf-8") as fh:
        doc = json.load(fh)
    land = rasterise(rings(doc))
    packed = np.packbits(land, axis=1)
    a.out.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(
        a.out,
        bits=packed,
        cells_per_deg=np.int64(CELLS_PER_DEG),
        source=np.array("Natural Earth 1:10m land (ne_10m_land), public domain"),
    )
    print(
        f"{a.out}: {land.mean() * 100:.1f} % land, {a.out.stat().st_size / 1e6:.2f} MB, "
        f"{time.perf_counter() - t0:.1f} s"
    )


if __name__ == "__main__":
    main()
