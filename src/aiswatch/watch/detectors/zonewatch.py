"""Zone events: entries and exits, strait transits, port visits, anchoring where it is banned.

* ``zone_entry`` / ``zone_exit`` for zones of the kinds in ``zones.entry_exit_kinds`` (EEZs
  by default; a busy strait or corridor would list thousands of ordinary crossings);
* ``strait_transit``: a track enters a strait zone and leaves it at least
  ``zones.transit_min_share`` of the strait's length from where it came in, after
  ``zones.transit_min_s`` inside (a ship that goes in and comes back out the same side
  visited, it did not transit); reported at the exit, from entry to exit;
* ``port_visit`` (GFW anchorages): within ``zones.port_enter_m`` of a port point (or inside a
  port polygon), stopping below ``zones.stop_kn``; ends beyond ``zones.port_exit_m``;
* ``no_anchoring_violation``: inside a no-anchoring area, "at anchor" status or under
  ``zones.no_anchoring_kn`` for ``zones.no_anchoring_min_s`` (signature (a): Hong Tai 58 lay
  inside the no-anchoring zone over Taiwan-Penghu No.3). Craft exempt from cable alerts
  (``cable.exempt_shiptypes``, ``cable.exempt_status``) are exempt here too.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field

from aiswatch.watch.alerts import Evidence, Signal
from aiswatch.watch.detectors.base import NONE, Detector, Fix, details, duration_text
from aiswatch.watch.geo import haversine_m
from aiswatch.watch.zones import Zone

__all__ = ["ZoneEvents"]

WATCHED = ("strait", "eez", "no_anchoring")
GRACE_S = 600.0
UPDATE_S = 300.0
PORT_UPDATE_S = 900.0  # a visit in progress is refreshed this often (alerts close when quiet)


@dataclass(slots=True)
class _In:
    zone: Zone
    time: float
    lat: float
    lon: float
    known: bool  # the entry was seen (not the track's first position)
    last: float
    last_lat: float
    last_lon: float


@dataclass(slots=True)
class _State:
    inside: dict[int, _In] = field(default_factory=dict)
    port: Zone | None = None
    port_in: float = 0.0
    port_last: float = 0.0
    port_ev: Evidence | None = None
    port_open: bool = False
    port_signal: float = -math.inf
    ban: Zone | None = None
    ban_start: float | None = None
    ban_last: float = 0.0
    ban_first: Evidence | None = None
    ban_open: bool = False
    ban_signal: float = -math.inf
    ban_anchor: bool = False


class ZoneEvents(Detector):
    name = "zones"
    kinds = ("zone_entry", "zone_exit", "strait_transit", "port_visit", "no_anchoring_violation")

    def on_position(self, fix: Fix) -> Sequence[Signal]:
        place = fix.place
        st: _State | None = fix.track.state.get(self.name)
        if place is None and (st is None or (not st.inside and st.port is None and st.ban is None)):
            return NONE
        if st is None:
            st = fix.track.state[self.name] = _State()
        r = fix.r
        t = r.time
        out: list[Signal] = []
        rules = self.rules.zones
        now_in = [z for z in place.inside() if z.kind in WATCHED] if place is not None else []
        ids = {z.index for z in now_in}
        for zi in [k for k in st.inside if k not in ids]:
            out.extend(self._exit(fix, st.inside.pop(zi)))
        for z in now_in:
            e = st.inside.get(z.index)
            if e is None:
                st.inside[z.index] = _In(z, t, r.lat, r.lon, not fix.new_track, t, r.lat, r.lon)
                if z.kind in rules.entry_exit_kinds and not fix.new_track:
                    out.append(self._event("zone_entry", fix, z, "entered"))
            else:
                e.last, e.last_lat, e.last_lon = t, r.lat, r.lon
        out.extend(self._port(fix, st))
        out.extend(self._ban(fix, st, [z for z in now_in if z.kind == "no_anchoring"]))
        return out

    def flush(self, now: float) -> Sequence[Signal]:
        out = []
        for v, tr, st in self.open_states():
            if st.port_open and st.port is not None:
                out.append(self._visit(self.fix_at(v, tr, st.port_last), st))
            if st.ban_open and st.ban is not None and st.ban_start is not None:
                out.append(self._ban_signal(self.fix_at(v, tr, st.ban_last), st))
        return out

    # -- entries, exits, transits -----------------------------------------------------
    def _event(self, kind: str, fix: Fix, z: Zone, verb: str) -> Signal:
        r = fix.r
        summary = f"{self.ctx.label(r.mmsi)} {verb} {z.name} ({z.kind})."
        return Signal(kind, (r.mmsi,), r.time, r.lat, r.lon, summary, zone=z.name,
                      evidence=[fix.evidence(verb)], close=True)  # fmt: skip

    def _exit(self, fix: Fix, e: _In) -> Sequence[Signal]:
        z = e.zone
        rules = self.ctx.rules_at(z).zones
        out: list[Signal] = []
        if z.kind in rules.entry_exit_kinds:
            out.append(self._event("zone_exit", fix, z, "left"))
        if z.kind == "strait" and e.known:
            dur = e.last - e.time
            apart = haversine_m(e.lat, e.lon, e.last_lat, e.last_lon)
            if dur >= rules.transit_min_s and apart >= rules.transit_min_share * z.length_m:
                r = fix.r
                summary = (
                    f"{self.ctx.label(r.mmsi)} transited {z.name} in {duration_text(dur)}, "
                    f"{apart / 1852.0:.0f} nmi from entry to exit."
                )
                out.append(
                    Signal(
                        "strait_transit",
                        (r.mmsi,),
                        e.last,
                        e.last_lat,
                        e.last_lon,
                        summary,
                        zone=z.name,
                        start=e.time,
                        evidence=[
                            Evidence(e.time, r.mmsi, e.lat, e.lon, note="entered"),
                            Evidence(e.last, r.mmsi, e.last_lat, e.last_lon, note="left"),
                        ],
                        details=details(duration_s=dur, apart_m=apart),
                        close=True,
                    )
                )
        return out

    # -- port visits ------------------------------------------------------------------
    def _port(self, fix: Fix, st: _State) -> Sequence[Signal]:
        r = fix.r
        t = r.time
        place = fix.place
        rules = self.rules.zones
        if st.port is None:
            z = place.near("port", rules.port_enter_m) if place is not None else None
            if z is None:
                return NONE
            st.port, st.port_in, st.port_last, st.port_open = z, t, t, False
            st.port_ev = fix.evidence("arrived")
        z = st.port
        still = place is not None and place.near("port", rules.port_exit_m) is z
        if not still:
            out: Sequence[Signal] = NONE
            if st.port_open:
                out = (self._visit(fix, st, close=True),)
            st.port = None
            return out
        st.port_last = t
        if not st.port_open and r.sog is not None and r.sog < rules.stop_kn:
            st.port_open = True
            st.port_signal = t
            return (self._visit(fix, st),)
        if st.port_open and t - st.port_signal >= PORT_UPDATE_S:
            st.port_signal = t
            return (self._visit(fix, st),)
        return NONE

    def _visit(self, fix: Fix, st: _State, close: bool = False) -> Signal:
        assert st.port is not None
        r = fix.r
        end = st.port_last
        if close:
            summary = f"{self.ctx.label(r.mmsi)} visited {st.port.name} for {duration_text(end - st.port_in)}."
        else:
            summary = f"{self.ctx.label(r.mmsi)} has been at {st.port.name} for {duration_text(end - st.port_in)}."
        ev = [st.port_ev] if st.port_ev is not None else []
        st.port_ev = None
        if close or not ev:
            ev.append(fix.evidence("left" if close else "stopped"))
        return Signal("port_visit", (r.mmsi,), end, st.port.lat, st.port.lon, summary,
                      zone=st.port.name, start=st.port_in, evidence=ev, close=close)  # fmt: skip

    # -- no anchoring -----------------------------------------------------------------
    def _ban(self, fix: Fix, st: _State, areas: list[Zone]) -> Sequence[Signal]:
        r = fix.r
        t = r.time
        cable = self.rules.cable
        z = areas[0] if areas else None
        rules = self.ctx.rules_at(z).zones
        anchored = r.status == 1
        cond = (
            z is not None
            and not fix.inland
            and (anchored or (r.sog is not None and r.sog < rules.no_anchoring_kn))
            and not self.exempt(fix.vessel, r.status, cable.exempt_shiptypes, cable.exempt_status)
        )
        if cond and st.ban is not None and z is not st.ban:
            cond = False
        if not cond:
            if st.ban_start is not None and (
                z is None or z is not st.ban or t - st.ban_last > GRACE_S
            ):
                out: Sequence[Signal] = NONE
                if st.ban_open:
                    out = (self._ban_signal(fix, st, close=True),)
                st.ban, st.ban_start, st.ban_open, st.ban_first = None, None, False, None
                st.ban_anchor = False
                st.ban_signal = -math.inf
                return out
            return NONE
        assert z is not None
        if st.ban_start is None:
            st.ban, st.ban_start, st.ban_first = z, t, fix.evidence("stopped")
        st.ban_last = t
        st.ban_anchor = st.ban_anchor or anchored
        if t - st.ban_start >= rules.no_anchoring_min_s and t - st.ban_signal >= UPDATE_S:
            st.ban_signal = t
            return (self._ban_signal(fix, st),)
        return NONE

    def _ban_signal(self, fix: Fix, st: _State, close: bool = False) -> Signal:
        assert st.ban is not None and st.ban_start is not None
        st.ban_open = True
        r = fix.r
        end = st.ban_last if close else r.time
        how = 'with "at anchor" status' if st.ban_anchor else "stopped or drifting under 1 kn"
        verb = "lay" if close else "has lain"
        summary = (
            f"{self.ctx.label(r.mmsi)} {verb} {how} inside {st.ban.name}, where anchoring is "
            f"forbidden, for {duration_text(end - st.ban_start)}."
        )
        ev = [] if close else [fix.evidence()]
        if st.ban_first is not None:
            ev.insert(0, st.ban_first)
            st.ban_first = None
        return Signal("no_anchoring_violation", (r.mmsi,), end, r.lat, r.lon, summary,
                      zone=st.ban.name, start=st.ban_start, evidence=ev, close=close)  # fmt: skip
