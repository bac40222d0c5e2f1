"""Imperfect reception: which coastal receivers hear which transmission, and when their
lines reach the log.

A receiver hears a Class A ship with probability `p_near` out to 60 % of its range, falling
linearly to 0 at the range; Class B sets (2 W instead of 12.5 W) reach 70 % as far. Random
losses (slot collisions, noise) come on top through `p_near` < 1. Two receivers in range of
the same ship both log it, each with its own ``s:`` station and a receive time a fraction of
a second apart, so duplicates are natural. A small share of lines is held back in a
receiver's buffer for a few seconds and reaches the log after later ones: out of order.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from aiswatch.sim.geo import DEG_NM

F64 = npt.NDArray[np.float64]
I64 = npt.NDArray[np.int64]

CLASS_B_RANGE = 0.7
NEAR = 0.6


@dataclass(frozen=True, slots=True)
class Receiver:
    """A shore receiver; `base_mmsi` > 0 makes it a base station sending type 4."""

    station: str
    lon: float
    lat: float
    range_nm: float = 40.0
    p_near: float = 0.96
    base_mmsi: int = 0


@dataclass(frozen=True, slots=True)
class Reception:
    """Who heard what: parallel arrays over receptions."""

    tx: I64  # index of the transmission
    rx: I64  # index of the receiver
    time: F64  # receive time, seconds from the scenario start
    order: F64  # when the line reaches the log (time + buffering delay)


@dataclass(frozen=True, slots=True)
class Network:
    """The receivers of a scenario and the reception model's knobs."""

    receivers: tuple[Receiver, ...]
    late_share: float = 0.004  # lines held back in a buffer
    late_s: tuple[float, float] = (2.0, 25.0)
    latency_s: float = 0.6  # receive time spread after the transmission

    def hear(
        self,
        lon: F64,
        lat: F64,
        t: F64,
        rng: np.random.Generator,
        *,
        class_b: npt.NDArray[np.bool_] | None = None,
        own: I64 | None = None,
    ) -> Reception:
        """Receptions of transmissions at (lon, lat) sent at times t. `own` gives, per
        transmission, the receiver that is its own base station (always heard), or -1.

        Only transmissions inside a receiver's latitude band are looked at (a sorted
        slice), so the cost grows with the receptions, not with transmissions x receivers."""
        n = len(lon)
        if n == 0 or not self.receivers:
            z = np.zeros(0, dtype=np.int64)
            return Reception(z, z, np.zeros(0), np.zeros(0))
        order = np.argsort(lat, kind="stable")
        lat_sorted = lat[order]
        txs: list[I64] = []
        rxs: list[I64] = []
        for r, rx in enumerate(self.receivers):
            band = rx.range_nm / DEG_NM
            lo = int(np.searchsorted(lat_sorted, rx.lat - band, side="left"))
            hi = int(np.searchsorted(lat_sorted, rx.lat + band, side="right"))
            idx = order[lo:hi]
            if not len(idx):
                continue
            coslat = math.cos(math.radians(rx.lat))
            dx = (lon[idx] - rx.lon) * (DEG_NM * coslat)
            near = np.abs(dx) <= rx.range_nm
            idx, dx = idx[near], dx[near]
            dy = (lat[idx] - rx.lat) * DEG_NM
            d = np.sqrt(dx * dx + dy * dy)
            reach = np.full(len(idx), rx.range_nm)
            if class_b is not None:
                reach = np.where(class_b[idx], rx.range_nm * CLASS_B_RANGE, reach)
            p = rx.p_near * np.clip((reach - d) / (reach * (1.0 - NEAR)), 0.0, 1.0)
            if own is not None:
                p = np.where(own[idx] == r, 1.0, p)
            heard = rng.random(len(idx)) < p
            txs.append(idx[heard])
            rxs.append(np.full(int(heard.sum()), r, dtype=np.int64))
        tx = np.concatenate(txs) if txs else np.zeros(0, dtype=np.int64)
        rxa = np.concatenate(rxs) if rxs else np.zeros(0, dtype=np.int64)
        m = len(tx)
        time = t[tx] + rng.random(m) * self.latency_s
        late = rng.random(m) < self.late_share
        delay = np.where(late, rng.uniform(self.late_s[0], self.late_s[1], m), 0.0)
        return Reception(tx.astype(np.int64), rxa, time, time + delay)
