"""When stations transmit: ITU-R M.1371-5 reporting intervals, and report times.

Class A autonomous mode (ITU-R M.1371-5, Annex 1, Table 1):

====================================================  ===========
ship's dynamic conditions                             interval
====================================================  ===========
at anchor or moored, not moving faster than 3 kn      3 min
at anchor or moored, moving faster than 3 kn          10 s
0-14 kn                                               10 s
0-14 kn and changing course                           3 1/3 s
14-23 kn                                              6 s
14-23 kn and changing course                          2 s
over 23 kn                                            2 s
over 23 kn and changing course                        2 s
====================================================  ===========

Class B "CS" (Table 2): 3 min at 2 kn or less, 30 s above. Static and voyage data (type 5,
type 24 parts A and B) every 6 min; base stations (type 4) every 10 s; aids to navigation
(type 21) every 3 min; long-range broadcasts (type 27) every 3 min (Annex 4).
"""

from __future__ import annotations

import math

import numpy as np
import numpy.typing as npt

F64 = npt.NDArray[np.float64]

STATIC_INTERVAL = 360.0
BASE_STATION_INTERVAL = 10.0
ATON_INTERVAL = 180.0
LONG_RANGE_INTERVAL = 180.0
ANCHORED_INTERVAL = 180.0
CLASS_B_INTERVAL = 30.0
CLASS_B_SLOW_INTERVAL = 180.0


def interval_a(sog: F64, status: npt.NDArray[np.int64], turning: npt.NDArray[np.bool_]) -> F64:
    """Class A reporting interval (seconds) for speed, navigational status and turning."""
    moored = ((status == 1) | (status == 5)) & (sog <= 3.0)
    iv = np.where(
        sog > 23.0,
        2.0,
        np.where(sog > 14.0, np.where(turning, 2.0, 6.0), np.where(turning, 10.0 / 3.0, 10.0)),
    )
    return np.asarray(np.where(moored, ANCHORED_INTERVAL, iv), dtype=np.float64)


def interval_b(sog: F64) -> F64:
    """Class B "CS" reporting interval (seconds)."""
    return np.asarray(
        np.where(sog > 2.0, CLASS_B_INTERVAL, CLASS_B_SLOW_INTERVAL), dtype=np.float64
    )


def schedule(breaks: F64, intervals: F64, start: float, c0: float, c1: float) -> tuple[F64, float]:
    """Report times in [c0, c1) following the interval regimes, from the first report due at
    `start` (>= c0); returns (times, time of the next report due after them).

    Each report is due one interval (the one in force when it was sent) after the last."""
    out: list[F64] = []
    t = start
    nb = len(breaks)
    while t < c1:
        k = int(np.searchsorted(breaks, t, side="right")) - 1
        if k < 0:
            t = float(breaks[0])
            continue
        iv = float(intervals[k])
        nxt = float(breaks[k + 1]) if k + 1 < nb else math.inf
        stop = min(nxt, c1)
        n = max(1, math.ceil((stop - t) / iv - 1e-9))
        out.append(np.asarray(t + iv * np.arange(n), dtype=np.float64))
        t = t + n * iv
    if not out:
        return np.zeros(0), t
    return np.concatenate(out), t


def periodic(first: float, interval: float, c0: float, c1: float) -> tuple[F64, float]:
    """Times first + k * interval inside [c0, c1) (first >= c0); and the next one after."""
    if first >= c1:
        return np.zeros(0), first
    n = math.ceil((c1 - first) / interval - 1e-9)
    ts = np.asarray(first + interval * np.arange(n), dtype=np.float64)
    return ts, first + n * interval


# --------------------------------------------------------- communication state (radio)


def sotdma_state(t: F64, interval: F64, rng: np.random.Generator) -> npt.NDArray[np.int64]:
    """Plausible 19-bit SOTDMA communication states (Annex 2, 3.3.7.2.2): UTC direct sync,
    slot time-out counting down, and the sub-message the time-out calls for."""
    n = len(t)
    timeout = rng.integers(0, 8, n)
    slot = ((t % 60.0) * 37.5).astype(np.int64) % 2250
    sec = t.astype(np.int64)
    hour = (sec // 3600) % 24
    minute = (sec // 60) % 60
    stations = rng.integers(2, 60, n)
    offset = np.minimum((interval * 37.5).astype(np.int64), 2249)
    sub = np.where(
        timeout == 0,
        offset,
        np.where(
            timeout == 1,
            (hour << 9) | (minute << 2),
            np.where(timeout % 2 == 0, slot, stations),
        ),
    )
    return np.asarray((timeout << 14) | sub, dtype=np.int64)


def itdma_state(interval: F64, rng: np.random.Generator) -> npt.NDArray[np.int64]:
    """19-bit ITDMA communication states (Annex 2, 3.3.7.3.2): slot increment to the next
    transmission, one slot, keep flag."""
    inc = np.minimum((interval * 37.5).astype(np.int64), 8191)
    keep = rng.integers(0, 2, len(interval))
    return np.asarray((inc << 4) | keep, dtype=np.int64)


CLASS_B_CS_RADIO = (1 << 19) | 0b1100000000000000110
"""The fixed communication state Class B "CS" units send (ITDMA selector set), as seen in
receiver logs (AIVDM.adoc, type 18: "commstate_flag" 1 for CS units)."""
