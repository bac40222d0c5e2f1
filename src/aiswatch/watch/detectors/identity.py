"""Identity tricks (signature (d) of the published cases).

``identity_change``: a station's name, call sign, IMO number or flag (``identity.fields``)
changes, from the vessel registry's `IdentityChange` events. A change stands once the old
identity has not come back for ``identity.confirm_s``: two stations alternating on one MMSI
flip back and forth, and that is an ``mmsi_conflict`` (spoofing detector), not a rename.

``identity_swap``: the registry's `PossibleSwap` events, checked further: one MMSI falls
silent and another starts transmitting within ``identity.swap_max_gap_s`` and
``identity.swap_max_distance_m`` of where the first would be by now (its last position
carried on at its last speed and course, with 10 % of the distance sailed as slack); the
first was well heard up to its silence (``identity.swap_min_reception``: a ship fading out
of range is no swap) and stays silent for ``identity.swap_confirm_s``; not in port
(``identity.swap_port_exempt``). Shunxing-39: MMSI 613003889 vanished at 16:51, 677087200
appeared a minute later ~15 m away. The engine passes the gap, distance and confirmation
rules to the registry it builds.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from aiswatch.vessels.events import Event, IdentityChange, IdentityKey, PossibleSwap
from aiswatch.watch.alerts import Evidence, Signal, country_name
from aiswatch.watch.detectors.base import (
    NONE,
    Detector,
    Fix,
    WatchContext,
    details,
    duration_text,
    nm_text,
)
from aiswatch.watch.detectors.dark import Dark
from aiswatch.watch.geo import KN_MS, M_PER_DEG, haversine_m

__all__ = ["IdentityWatch"]


@dataclass(slots=True)
class _Seen:
    time: float
    lat: float
    lon: float
    sog: float | None = None
    cog: float | None = None
    status: int | None = None


@dataclass(slots=True)
class _Pending:
    time: float
    old: IdentityKey
    new: IdentityKey
    fields: tuple[str, ...]
    lat: float | None
    lon: float | None


@dataclass(slots=True)
class _Swap:
    old: int
    new: int
    old_seen: _Seen
    first: Evidence
    distance_m: float


class IdentityWatch(Detector):
    name = "identity"
    kinds = ("identity_change", "identity_swap")

    def __init__(self, ctx: WatchContext) -> None:
        super().__init__(ctx)
        self._pending: dict[int, _Pending] = {}
        self._current: dict[int, IdentityKey] = {}
        self._left: dict[tuple[int, IdentityKey], float] = {}  # when an identity was left
        self._reported: set[tuple[int, int]] = set()

    # -- changes -----------------------------------------------------------------------
    def on_event(self, ev: Event) -> Sequence[Signal]:
        if isinstance(ev, IdentityChange):
            return self._change(ev)
        if isinstance(ev, PossibleSwap):
            seen = _Seen(ev.time - ev.gap_s, ev.lat, ev.lon)
            if self.rules.identity.swap_port_exempt:
                place = self.ctx.zones.place(ev.lat, ev.lon)
                if place is not None and place.near("port", self.rules.zones.port_enter_m):
                    return NONE  # ships in port switch transponders on and off all day
            old = self.ctx.vessels.get(ev.old_mmsi)
            dist = ev.distance_m
            if old is not None and old.tracks:
                tr = max(old.tracks, key=lambda x: x.last_time)
                seen = _Seen(tr.last_time, tr.lat, tr.lon, tr.sog, tr.cog, tr.status)
                gap = ev.time - tr.last_time
                plat, plon = _ahead(seen, gap)
                dist = haversine_m(plat, plon, ev.lat, ev.lon)
                sailed = (tr.sog or 0.0) * KN_MS * max(gap, 0.0) if (tr.sog or 0.0) < 102.2 else 0.0
                if dist > self.rules.identity.swap_max_distance_m + 0.1 * sailed:
                    return NONE  # not where the old one would be: two ships, not one
                window = self.rules.dark.reception_window_s
                if (
                    Dark.reception(tr, old.cls, tr.last_time, window, False)
                    < self.rules.identity.swap_min_reception
                ):
                    return NONE  # the old one faded out of range: not switched off
            sw = _Swap(ev.old_mmsi, ev.mmsi, seen,
                       Evidence(ev.time, ev.mmsi, ev.lat, ev.lon, note="new MMSI"), dist)  # fmt: skip
            return self._swap_signal(sw, ev.time)
        return NONE

    def _change(self, ev: IdentityChange) -> Sequence[Signal]:
        self._current[ev.mmsi] = ev.new
        if ev.old is None:
            return NONE
        self._left[(ev.mmsi, ev.old)] = ev.time
        left = self._left.get((ev.mmsi, ev.new))
        if left is not None and ev.time - left <= self.rules.identity.return_window_s:
            self._pending.pop(ev.mmsi, None)  # back to a recent identity: alternating, not renamed
            return NONE
        watched = set(self.rules.identity.fields)
        fields = tuple(c.field for c in ev.changes if c.field in watched and c.old is not None)
        pend = self._pending.get(ev.mmsi)
        if not fields:
            return NONE
        if pend is not None:
            # a further change before the first one stood: keep the first old identity
            self._pending[ev.mmsi] = _Pending(pend.time, pend.old, ev.new,
                                              tuple(dict.fromkeys(pend.fields + fields)), ev.lat, ev.lon)  # fmt: skip
        else:
            self._pending[ev.mmsi] = _Pending(ev.time, ev.old, ev.new, fields, ev.lat, ev.lon)
        return NONE

    def _confirm(self, now: float) -> list[Signal]:
        out = []
        limit = self.rules.identity.confirm_s
        for mmsi, p in list(self._pending.items()):
            if now - p.time < limit:
                continue
            del self._pending[mmsi]
            if self._current.get(mmsi) != p.new:
                continue
            fields = tuple(f for f in p.fields if getattr(p.old, f) != getattr(p.new, f))
            if fields:
                out.append(self._change_signal(mmsi, p, fields))
        return out

    def _change_signal(self, mmsi: int, p: _Pending, fields: tuple[str, ...]) -> Signal:
        words = {"name": "name", "callsign": "call sign", "imo": "IMO number", "flag": "flag"}
        parts = []
        for f in fields:
            parts.append(f"its {words.get(f, f)} from {getattr(p.old, f)} to {getattr(p.new, f)}")
        old_name = p.old.name or "unnamed vessel"
        country = country_name(mmsi)
        who = f"{old_name} (MMSI {mmsi}{', ' + country if country else ''})"
        where = f" at {p.lat:.4f}, {p.lon:.4f}" if p.lat is not None and p.lon is not None else ""
        summary = f"{who} changed {' and '.join(parts)}{where}."
        ev = []
        if p.lat is not None and p.lon is not None:
            ev.append(Evidence(p.time, mmsi, p.lat, p.lon, note="identity changed"))
        return Signal(
            "identity_change",
            (mmsi,),
            p.time,
            p.lat if p.lat is not None else 0.0,
            p.lon if p.lon is not None else 0.0,
            summary,
            start=p.time,
            evidence=ev,
            details={
                "fields": list(fields),
                "old": {f: getattr(p.old, f) for f in fields},
                "new": {f: getattr(p.new, f) for f in fields},
            },
            close=True,
        )

    # -- swaps -------------------------------------------------------------------------
    def on_position(self, fix: Fix) -> Sequence[Signal]:
        return NONE

    def on_tick(self, now: float) -> Sequence[Signal]:
        return self._confirm(now)

    def _swap_signal(self, sw: _Swap, now: float) -> Sequence[Signal]:
        key = (sw.old, sw.new)
        if key in self._reported:
            return NONE
        self._reported.add(key)
        old = self.ctx.identify(sw.old)
        new = self.ctx.identify(sw.new)
        gap = sw.first.time - sw.old_seen.time
        flags = ""
        if old.flag != new.flag and old.flag and new.flag:
            fo, fn = country_name(sw.old) or old.flag, country_name(sw.new) or new.flag
            flags = f", changing flag from {fo} to {fn}"
        summary = (
            f"{old.label()} fell silent and {duration_text(gap)} later {new.label()} began "
            f"transmitting {nm_text(sw.distance_m)} from where it would be: one ship switching "
            f"identity{flags}."
        )
        s = sw.old_seen
        return (
            Signal(
                "identity_swap",
                (sw.old, sw.new),
                sw.first.time,
                sw.first.lat,
                sw.first.lon,
                summary,
                start=s.time,
                evidence=[
                    Evidence(
                        s.time, sw.old, s.lat, s.lon, s.sog, s.cog, s.status, "old MMSI last heard"
                    ),
                    sw.first,
                ],
                details=details(
                    gap_s=gap, distance_m=sw.distance_m, old_mmsi=sw.old, new_mmsi=sw.new
                ),
                close=True,
            ),
        )


def _ahead(s: _Seen, dt: float) -> tuple[float, float]:
    """Where a station would be ``dt`` seconds after its last report at its last speed and
    course (under 0.5 kn, or without speed or course, it stays put)."""
    if s.sog is None or s.cog is None or s.sog < 0.5 or s.sog >= 102.2 or s.cog >= 360.0:
        return s.lat, s.lon
    d = s.sog * KN_MS * max(dt, 0.0)
    a = math.radians(s.cog)
    dlat = d * math.cos(a) / M_PER_DEG
    dlon = d * math.sin(a) / (M_PER_DEG * max(math.cos(math.radians(s.lat)), 1e-6))
    return s.lat + dlat, s.lon + dlon
