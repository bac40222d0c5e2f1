"""Land and shore: is a position well inside land, is it far from any shore.

The bundled mask (``aiswatch/data/land/land_2min.npz``, from Natural Earth 1:10m land,
public domain; see the README there and ``bench/make_land_mask.py``) marks each 2 arc-minute
cell (3.7 km north-south) whose centre is on land. A position counts as *inland* when its
cell and the eight around it are all land, so the coast's own cells, harbours and narrow
waters are never inland; Natural Earth keeps large lakes and rivers as land, which is why the
spoofing detector asks for an impossible jump as well (see `aiswatch.watch.detectors.spoofing`).

`LandMask.from_polygons` builds a mask from any (lon, lat) polygons, for tests and for users
who bring their own coastline.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from importlib import resources
from pathlib import Path
from typing import Final

import numpy as np
import numpy.typing as npt

__all__ = ["LandMask", "default_land"]

_NM_PER_CELL_LAT: Final = 2.0  # 2 arc-minutes of latitude = 2 nmi


class LandMask:
    """A global bitmask: ``bits[row, col // 8]``, rows from 90 N south, columns from 180 W
    east, ``n`` cells per degree."""

    def __init__(self, bits: npt.NDArray[np.uint8], n: int, source: str = "") -> None:
        self.n = int(n)
        self.rows = 180 * self.n
        self.cols = 360 * self.n
        if bits.shape != (self.rows, (self.cols + 7) // 8):
            raise ValueError(f"land mask of shape {bits.shape} does not fit {self.n} cells/degree")
        self._bytes = bits.tobytes()
        self._stride = bits.shape[1]
        self.source = source
        self._shore: dict[tuple[int, int, int], bool] = {}

    @classmethod
    def load(cls, path: str | Path) -> LandMask:
        with np.load(Path(path)) as z:
            return cls(z["bits"], int(z["cells_per_deg"]), str(z["source"]))

    @classmethod
    def from_polygons(
        cls, polygons: Iterable[Sequence[tuple[float, float]]], n: int = 30
    ) -> LandMask:
        """A mask from (lon, lat) rings (even-odd fill of cell centres)."""
        rows, cols = 180 * n, 360 * n
        mask = np.zeros((rows, cols), dtype=bool)
        for ring in polygons:
            pts = np.asarray(ring, dtype=np.float64)
            x0, y0 = pts[:, 0].min(), pts[:, 1].min()
            x1, y1 = pts[:, 0].max(), pts[:, 1].max()
            r0, r1 = max(int((90 - y1) * n) - 1, 0), min(int((90 - y0) * n) + 1, rows - 1)
            c0, c1 = max(int((x0 + 180) * n) - 1, 0), min(int((x1 + 180) * n) + 1, cols - 1)
            rr, cc = np.mgrid[r0 : r1 + 1, c0 : c1 + 1]
            lat = 90.0 - (rr + 0.5) / n
            lon = (cc + 0.5) / n - 180.0
            inside = np.zeros(lat.shape, dtype=bool)
            xs, ys = pts[:, 0], pts[:, 1]
            for i in range(len(pts) - 1):
                xa, ya, xb, yb = xs[i], ys[i], xs[i + 1], ys[i + 1]
                if ya == yb:
                    continue
                crosses = (ya <= lat) != (yb <= lat)
                xc = xa + (lat - ya) * (xb - xa) / (yb - ya)
                inside ^= crosses & (lon < xc)
            mask[r0 : r1 + 1, c0 : c1 + 1] ^= inside
        return cls(np.packbits(mask, axis=1), n, "polygons")

    def _bit(self, row: int, col: int) -> bool:
        if row < 0 or row >= self.rows:
            return row >= self.rows  # beyond the poles: Antarctica below, sea above
        col %= self.cols
        return bool((self._bytes[row * self._stride + (col >> 3)] >> (7 - (col & 7))) & 1)

    def _cell(self, lat: float, lon: float) -> tuple[int, int]:
        row = int((90.0 - lat) * self.n)
        col = int((lon + 180.0) * self.n)
        return min(max(row, 0), self.rows - 1), col % self.cols

    def is_land(self, lat: float, lon: float) -> bool:
        """The cell's centre is on land."""
        return self._bit(*self._cell(lat, lon))

    def inland(self, lat: float, lon: float) -> bool:
        """Well inside land: the cell and its eight neighbours are land."""
        row, col = self._cell(lat, lon)
        if not self._bit(row, col):
            return False
        for dr in (-1, 0, 1):
            for dc in (-1, 0, 1):
                if (dr or dc) and not self._bit(row + dr, col + dc):
                    return False
        return True

    def far_from_shore(self, lat: float, lon: float, nm: float) -> bool:
        """No land cell within ``nm`` nautical miles (a box of that half-size), cached per
        cell."""
        row, col = self._cell(lat, lon)
        key = (row, col, int(nm * 10))
        v = self._shore.get(key)
        if v is None:
            v = self._shore[key] = not self._any_land(row, col, nm, lat)
        return v

    def _any_land(self, row: int, col: int, nm: float, lat: float) -> bool:
        cells_lat = nm / (60.0 / self.n)
        dr = math.ceil(cells_lat)
        coslat = max(math.cos(math.radians(min(abs(lat) + nm / 60.0, 89.0))), 1e-3)
        dc = min(math.ceil(cells_lat / coslat), self.cols // 2)
        for r in range(row - dr, row + dr + 1):
            if r < 0 or r >= self.rows:
                if r >= self.rows:
                    return True
                continue
            c0, c1 = col - dc, col + dc
            base = r * self._stride
            for c in range(c0, c1 + 1):
                cc = c % self.cols
                if (self._bytes[base + (cc >> 3)] >> (7 - (cc & 7))) & 1:
                    return True
        return False


_DEFAULT: LandMask | None = None


def default_land() -> LandMask:
    """The bundled mask (loaded once)."""
    global _DEFAULT
    if _DEFAULT is None:
        path = Path(str(resources.files("aiswatch") / "data" / "land" / "land_2min.npz"))
        _DEFAULT = LandMask.load(path)
    return _DEFAULT
