"""Incidents laid over background traffic, after the signatures of published cases
(../shared/incidents.md): each kind is a small class that overrides one method.

======================  ==============================================  ====================
kind                    after                                           expected detection
======================  ==============================================  ====================
``anchor_drift``        Hong Tai 58, Taiwan-Penghu No.3, Feb 2025       cable_loitering
``speed_drop``          NewNew Polar Bear, Balticconnector, Oct 2023    cable_speed_drop
``anchor_drag``         Yi Peng 3, BCS and C-Lion1, Nov 2024            anchor_drag
``reporting_gap``       Eagle S, Estlink 2, Dec 2024                    ais_gap_over_cable
``mmsi_swap``           Shunxing-39, TPE off Keelung, Jan 2025          identity_swap
``shared_mmsi``         Hong Tai 58's MMSI used by other named ships    mmsi_conflict
``name_change``         a ship renamed mid-voyage                       identity_change
``spoof_land``          positions on land                               position_on_land
``spoof_circle``        positions running in circles                    circle_spoofing
``spoof_jump``          positions jumping far away and back             position_jump
``encounter``           ship-to-ship meeting at sea (GFW definition)    encounter
``strait_transit``      a transit through a strait zone                 strait_transit
======================  ==============================================  ====================

Incident tables in a scenario (``[[incidents]]``) give ``kind``, an ``id``, times (``at``,
``duration``... as offsets from the scenario start or date-times), places (``[lon, lat]``
pairs, routes as lists of pairs, zone names for cables and straits) and the identity
(``mmsi``, ``name``, ``imo``, ``callsign``, ``shiptype``, ``profile``); anything left out takes a
default.
"""

from __future__ import annotations

import itertools
import math
from abc import ABC, abstractmethod
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, ClassVar

import numpy as np
import numpy.typing as npt

from aiswatch.sim import geo
from aiswatch.sim.routes import Router
from aiswatch.sim.scenario import Scenario, parse_duration
from aiswatch.sim.traffic import Identities, transponder_for
from aiswatch.sim.truth import TruthRecord
from aiswatch.sim.vessel import (
    AT_ANCHOR,
    PROFILES,
    UNDER_WAY,
    Static,
    Track,
    TrackBuilder,
    Transponder,
    Vessel,
)
from aiswatch.sim.zones import Zone

F64 = npt.NDArray[np.float64]


@dataclass
class Context:
    """What incidents build with."""

    scenario: Scenario
    router: Router
    rng: np.random.Generator
    ids: Identities
    duration: float


@dataclass
class Outcome:
    vessels: list[Vessel]
    truth: list[TruthRecord]


class Incident(ABC):
    """Base class: reads the incident table; subclasses override `build`."""

    kind: ClassVar[str] = ""
    expected: ClassVar[str] = ""
    default_profile: ClassVar[str] = "cargo"

    def __init__(self, spec: Mapping[str, Any], ctx: Context) -> None:
        self.spec = dict(spec)
        self.ctx = ctx
        self.id = str(spec.get("id", self.kind))
        self.source = str(spec.get("source", ""))

    # -- reading the table ---------------------------------------------------------
    def has(self, key: str) -> bool:
        return key in self.spec

    def time(self, key: str, default: Any = None) -> float:
        v = self.spec.get(key, default)
        if v is None:
            raise ValueError(f"incident {self.id!r}: {key!r} is required")
        return self.ctx.scenario.offset(v)

    def seconds(self, key: str, default: Any = None) -> float:
        v = self.spec.get(key, default)
        if v is None:
            raise ValueError(f"incident {self.id!r}: {key!r} is required")
        return parse_duration(v)

    def num(self, key: str, default: float) -> float:
        return float(self.spec.get(key, default))

    def point(self, key: str, default: tuple[float, float] | None = None) -> tuple[float, float]:
        v = self.spec.get(key, default)
        if v is None:
            raise ValueError(f"incident {self.id!r}: {key!r} ([lon, lat]) is required")
        return float(v[0]), float(v[1])

    def path(self, key: str = "route") -> F64:
        v = self.spec.get(key)
        if v is None:
            raise ValueError(f"incident {self.id!r}: {key!r} (a list of [lon, lat]) is required")
        return geo.as_path(v)

    def zone(self, key: str) -> Zone:
        name = self.spec.get(key)
        if name is None:
            raise ValueError(f"incident {self.id!r}: {key!r} (a zone name) is required")
        return self.ctx.scenario.zones.get(str(name))

    # -- identities ---------------------------------------------------------------
    def identity(
        self, spec: Mapping[str, Any] | None = None, *, profile: str | None = None
    ) -> tuple[int, Static, str]:
        """(mmsi, Static, profile name) from the table (or a sub-table), defaults drawn."""
        s = self.spec if spec is None else spec
        pname = str(s.get("profile", profile or self.default_profile))
        prof = PROFILES[pname]
        ids = self.ctx.ids
        mmsi = int(s["mmsi"]) if "mmsi" in s else ids.mmsi(int(s["mid"]) if "mid" in s else None)
        ids.reserve(mmsi)
        base = ids.static(prof, mmsi, name=str(s["name"]) if "name" in s else None)
        static = Static(
            name=base.name,
            callsign=str(s.get("callsign", base.callsign))[:7],
            imo=int(s.get("imo", base.imo)),
            shiptype=int(s.get("shiptype", base.shiptype)),
            to_bow=base.to_bow,
            to_stern=base.to_stern,
            to_port=base.to_port,
            to_starboard=base.to_starboard,
            draught=float(s.get("draught", base.draught)),
            vendorid=base.vendorid,
        )
        return mmsi, static, pname

    def transponder(self, mmsi: int, static: Static, pname: str, track: Track) -> Transponder:
        tp = transponder_for(mmsi, PROFILES[pname], track, static, self.ctx.rng)
        tp.mix = (0.92, 0.0, 0.08)
        tp.long_range = False
        return tp

    def vessel(
        self, track: Track, *, spec: Mapping[str, Any] | None = None, label: str | None = None
    ) -> Vessel:
        mmsi, static, pname = self.identity(spec)
        return Vessel(
            label or self.id, pname, track, [self.transponder(mmsi, static, pname, track)]
        )

    def record(
        self, vessel: Vessel, start: float, end: float, lon: float, lat: float, **kw: Any
    ) -> TruthRecord:
        tp = vessel.transponders[0]
        mmsi = kw.pop("mmsi", [tp.mmsi])
        name = kw.pop("name", tp.static_at(start).name)
        return TruthRecord(
            id=kw.pop("id", self.id),
            kind=kw.pop("kind", self.kind),
            expected=kw.pop("expected", self.expected),
            mmsi=mmsi,
            name=name,
            start=start,
            end=end,
            lon=lon,
            lat=lat,
            source=kw.pop("source", self.source),
            **kw,
        )

    def start_before(self, path: F64, s_at: float, t_at: float, speed: float) -> TrackBuilder:
        """A builder at the start of `path`, timed to be `s_at` nm along it at `t_at`."""
        return TrackBuilder(t_at - s_at / speed * 3600.0, float(path[0, 0]), float(path[0, 1]))

    def finish(self, b: TrackBuilder) -> TrackBuilder:
        """At the end of its route the ship anchors and waits out the run."""
        rest = max(self.ctx.duration - b.now, 0.0) + 3600.0
        return b.stay(rest, AT_ANCHOR, swing_m=120.0, rng=self.ctx.rng)

    @abstractmethod
    def build(self) -> Outcome:
        """The incident's track(s), identities and ground truth."""


def _bbox(track: Track, t0: float, t1: float) -> tuple[float, float, float, float]:
    ts = np.linspace(t0, t1, 200)
    s = track.sample(ts)
    return (
        float(s["lon"].min()),
        float(s["lat"].min()),
        float(s["lon"].max()),
        float(s["lat"].max()),
    )


def _nearest_on(line: F64, lon: float, lat: float) -> tuple[float, float, float]:
    """Nearest point of a polyline to (lon, lat) and the line's bearing there."""
    best = (math.inf, lon, lat, 0.0)
    coslat = math.cos(math.radians(lat))
    for a, b in itertools.pairwise(line):
        ax, ay, bx, by = a[0] * coslat, a[1], b[0] * coslat, b[1]
        vx, vy = bx - ax, by - ay
        vv = vx * vx + vy * vy or 1e-18
        u = min(max(((lon * coslat - ax) * vx + (lat - ay) * vy) / vv, 0.0), 1.0)
        x, y = (ax + u * vx) / coslat, ay + u * vy
        d = float(geo.dist_nm(lon, lat, x, y))
        if d < best[0]:
            best = (d, x, y, float(geo.bearing_deg(a[0], a[1], b[0], b[1])))
    return best[1], best[2], best[3]


def _first_crossing(path: F64, zone: Zone, who: str) -> tuple[float, float, float]:
    xs = geo.crossings(path, zone.coords)
    if not xs:
        raise ValueError(f"incident {who!r}: the route does not cross {zone.name!r}")
    return xs[0]


# ============================================================================ cables


class AnchorDrift(Incident):
    """Signature (a): loiters near a cable, then lies "at anchor" and drifts zigzag back and
    forth over it at under 1 kn for hours (Hong Tai 58, Taiwan-Penghu No.3, 22-25 Feb 2025:
    loitering from 19:10 about 0.5 nmi from the cable, drifting over it 22:00 - 03:00 three
    days later, under way at 03:08)."""

    kind = "anchor_drift"
    expected = "cable_loitering"

    def build(self) -> Outcome:
        cable = self.zone("cable")
        mid = cable.coords[len(cable.coords) // 2]
        site = self.point("site", (float(mid[0]), float(mid[1])))
        cx, cy, beta = _nearest_on(cable.coords, *site)
        off = self.num("offset_nm", 0.5)
        side = 1.0 if float(geo.angle_diff(beta, geo.bearing_deg(cx, cy, *site))) >= 0 else -1.0
        lx, ly = geo.offset(cx, cy, beta + 90.0 * side, off)
        at = self.time("at")
        loiter = self.seconds("loiter", "3h")
        drift = self.seconds("duration", "6h")
        rng = self.ctx.rng
        frm = self.point("approach_from")
        approach_kn = self.num("approach_kn", 8.0)
        d = float(geo.dist_nm(*frm, lx, ly))
        b = TrackBuilder(at - d / approach_kn * 3600.0, *frm)
        b.to(lx, ly, approach_kn)
        b.zigzag(
            (lx, ly),
            beta,
            0.15,
            0.2,
            loiter,
            self.num("loiter_kn", 1.5),
            UNDER_WAY,
            drift_nm=0.8,
            rng=rng,
        )
        t_drift = b.now
        amp = self.num("amplitude_nm", 0.4)
        b.zigzag(
            (cx, cy),
            beta,
            amp,
            0.05,
            drift,
            self.num("drift_kn", 0.5),
            AT_ANCHOR,
            drift_nm=0.3,
            rng=rng,
        )
        t_end = b.now
        b.to(*self.point("depart_to"), self.num("depart_kn", 8.0))
        track = self.finish(b).build()
        v = self.vessel(track)
        box = _bbox(track, t_drift, t_end)
        s = track.sample(np.linspace(t_drift, t_end, 400))
        maxd = float(geo.distance_to_polyline_nm(s["lon"], s["lat"], cable.coords).max())
        details = {
            "loiter_start": at,
            "drift_start": t_drift,
            "max_distance_nm": round(maxd, 3),
            "max_speed_kn": self.num("drift_kn", 0.5),
            "status": "at anchor",
        }
        truth = [self.record(v, t_drift, t_end, cx, cy, bbox=box, zone=cable.name, details=details)]
        for z in self.ctx.scenario.zones.of_kind("no_anchoring"):
            if z.contains(cx, cy)[0]:
                truth.append(
                    self.record(
                        v,
                        t_drift,
                        t_end,
                        cx,
                        cy,
                        id=f"{self.id}-no-anchoring",
                        expected="no_anchoring_violation",
                        bbox=box,
                        zone=z.name,
                        details={"status": "at anchor"},
                    )
                )
        return Outcome([v], truth)


class SpeedDrop(Incident):
    """Signature (b): a 15-30 % speed drop for 5-35 min while crossing a cable, then the old
    speed again (NewNew Polar Bear at the Balticconnector, 8 Oct 2023: ~11 kn to 9.5 kn for
    about 5 minutes, 01:19-01:24 local)."""

    kind = "speed_drop"
    expected = "cable_speed_drop"

    def build(self) -> Outcome:
        cable = self.zone("cable")
        path = self.path()
        s_c, xl, yl = _first_crossing(path, cable, self.id)
        speed = self.num("speed_kn", 11.0)
        drop = self.num("drop_kn", 9.0)
        minutes = self.num("drop_min", 6.0)
        at = self.time("at")
        dd = drop * minutes / 60.0
        s0, s1 = s_c - dd / 2, s_c + dd / 2
        t0 = at - minutes * 30.0
        b = self.start_before(path, s0, t0, speed)
        b.sail(geo.cut_path(path, 0.0, s0), speed)
        b.sail(geo.cut_path(path, s0, s1), drop)
        b.sail(geo.cut_path(path, s1, float(geo.cumulative_nm(path)[-1])), speed)
        track = self.finish(b).build()
        v = self.vessel(track)
        details = {
            "speed_kn": speed,
            "drop_kn": drop,
            "drop_pct": round(100 * (1 - drop / speed), 1),
            "minutes": minutes,
        }
        return Outcome(
            [v], [self.record(v, t0, t0 + minutes * 60, xl, yl, zone=cable.name, details=details)]
        )


class AnchorDrag(Incident):
    """Signature (c): drops anchor while under way and drags it 100-180 km, slowing with
    course changes at each cable crossing; transponder off for part of it; drifts back and
    forth at the end (Yi Peng 3, BCS East-West Interlink and C-Lion1, 17-18 Nov 2024)."""

    kind = "anchor_drag"
    expected = "anchor_drag"

    def build(self) -> Outcome:
        path = self.path()
        cables = [self.ctx.scenario.zones.get(str(n)) for n in self.spec.get("cables", [])]
        if not cables:
            raise ValueError(f"incident {self.id!r}: 'cables' is required")
        xs = []
        for c in cables:
            hits = geo.crossings(path, c.coords)
            if not hits:
                raise ValueError(f"incident {self.id!r}: the route does not cross {c.name!r}")
            xs.append((hits[0][0], hits[0][1], hits[0][2], c.name))
        xs.sort()
        total = float(geo.cumulative_nm(path)[-1])
        speed = self.num("speed_kn", 10.0)
        drag = self.num("drag_kn", 6.5)
        slow = self.num("crossing_kn", 3.0)
        slow_min = self.num("crossing_min", 20.0)
        status = int(self.num("drag_status", UNDER_WAY))
        at = self.time("at")
        s_drop = max(xs[0][0] - self.num("drop_before_nm", 8.0), 0.0)
        s_stop = min(xs[-1][0] + self.num("drag_after_nm", 10.0), total)
        rng = self.ctx.rng
        b = self.start_before(path, s_drop, at, speed)
        b.sail(geo.cut_path(path, 0.0, s_drop), speed)
        s = s_drop
        crossing_times: list[dict[str, Any]] = []
        half = slow * slow_min / 60.0 / 2
        for s_c, xl, yl, name in xs:
            b.sail(geo.cut_path(path, s, s_c - half), drag, status)
            t_slow = b.now
            # slow S-turn over the cable: course changes either side of the line
            seg = geo.cut_path(path, s_c - half, s_c + half)
            brg = float(geo.bearing_deg(seg[0, 0], seg[0, 1], seg[-1, 0], seg[-1, 1]))
            mid1 = geo.point_along(seg, half * 0.5)
            mid2 = geo.point_along(seg, half * 1.5)
            w1 = geo.offset(*mid1, brg + 90, 0.3 * half)
            w2 = geo.offset(*mid2, brg - 90, 0.3 * half)
            b.sail([w1, (xl, yl), w2, tuple(seg[-1])], slow, status)
            crossing_times.append(
                {"cable": name, "start": t_slow, "end": b.now, "lon": xl, "lat": yl}
            )
            s = s_c + half
        b.sail(geo.cut_path(path, s, s_stop), drag, status)
        t_stop = b.now
        drift = self.seconds("drift", "1h")
        here = b.pos
        b.zigzag(
            here, float(rng.uniform(0, 360)), 0.3, 0.1, drift, 0.8, status, drift_nm=0.3, rng=rng
        )
        b.stay(max(self.ctx.duration - b.now, 0.0) + 3600.0, AT_ANCHOR, swing_m=150.0, rng=rng)
        track = b.build()
        v = self.vessel(track)
        tp = v.transponders[0]
        truth = []
        if self.has("gap_after"):
            g0 = at + self.seconds("gap_after")
            g1 = g0 + self.seconds("gap", "1h")
            tp.on = [(-math.inf, g0), (g1, math.inf)]
            gx, gy = track.sample(np.array([g0]))["lon"][0], track.sample(np.array([g0]))["lat"][0]
            truth.append(
                self.record(
                    v,
                    g0,
                    g1,
                    float(gx),
                    float(gy),
                    id=f"{self.id}-gap",
                    kind="reporting_gap",
                    expected="ais_gap",
                )
            )
        dist_km = (s_stop - s_drop) * geo.NM_M / 1000.0
        box = _bbox(track, at, t_stop)
        ax, ay = geo.point_along(path, s_drop)
        main = self.record(
            v,
            at,
            t_stop,
            ax,
            ay,
            bbox=box,
            zone=", ".join(c[3] for c in xs),
            details={
                "drag_km": round(dist_km, 1),
                "drag_kn": drag,
                "crossings": crossing_times,
                "drift_back_s": drift,
            },
        )
        truth.insert(0, main)
        for k, cx in enumerate(crossing_times, 1):
            truth.append(
                self.record(
                    v,
                    cx["start"],
                    cx["end"],
                    cx["lon"],
                    cx["lat"],
                    id=f"{self.id}-crossing-{k}",
                    expected="cable_speed_drop",
                    zone=cx["cable"],
                    details={"speed_kn": slow, "before_kn": drag},
                )
            )
        return Outcome([v], truth)


class ReportingGap(Incident):
    """Signature (e): a reporting gap while over a cable (Eagle S, Estlink 2, 25 Dec 2024:
    8.5 kn at 11:00, 6.3 kn at 11:35, no reports until 13:05 at 7.5 kn; a 3-mile stretch took
    1.5 h)."""

    kind = "reporting_gap"
    expected = "ais_gap_over_cable"

    def build(self) -> Outcome:
        cable = self.zone("cable")
        path = self.path()
        s_c, xl, yl = _first_crossing(path, cable, self.id)
        speed = self.num("speed_kn", 8.5)
        slow = self.num("slow_kn", 6.3)
        slow_min = self.num("slow_min", 35.0)
        gap = self.seconds("gap", "90min")
        gap_nm = self.num("gap_nmi", 3.0)
        resume = self.num("resume_kn", 7.5)
        at = self.time("at")  # last report before the gap
        g0, g1 = s_c - gap_nm / 2, s_c + gap_nm / 2
        s_slow = g0 - slow * slow_min / 60.0
        b = self.start_before(path, s_slow, at - slow_min * 60.0, speed)
        b.sail(geo.cut_path(path, 0.0, s_slow), speed)
        b.sail(geo.cut_path(path, s_slow, g0), slow)
        b.sail(geo.cut_path(path, g0, g1), gap_nm / (gap / 3600.0))
        b.sail(geo.cut_path(path, g1, float(geo.cumulative_nm(path)[-1])), resume)
        track = self.finish(b).build()
        v = self.vessel(track)
        v.transponders[0].on = [(-math.inf, at), (at + gap, math.inf)]
        details = {"speed_kn": speed, "slow_kn": slow, "resume_kn": resume, "gap_nmi": gap_nm}
        return Outcome(
            [v], [self.record(v, at, at + gap, xl, yl, zone=cable.name, details=details)]
        )


# ======================================================================== identities


class MmsiSwap(Incident):
    """Signature (d): one hull, two transponders: one MMSI stops and another appears about
    a minute later metres away (Shunxing-39 off Keelung, 3 Jan 2025: MMSI 613003889 "Shun
    Xing 39" vanished at 16:51, MMSI 677087200 "Xing Shun 39" appeared a minute later ~15 m
    away, after a month of zigzag loitering)."""

    kind = "mmsi_swap"
    expected = "identity_swap"

    def build(self) -> Outcome:
        centre = self.point("centre")
        axis = self.num("axis_deg", 60.0)
        at = self.time("at")
        delay = self.seconds("delay", 60)
        rng = self.ctx.rng
        start = self.time("start", 0) - 600.0
        b = TrackBuilder(start, *centre)
        kn = self.num("loiter_kn", 2.0)
        hw = self.num("half_width_nm", 0.8)
        b.zigzag(centre, axis, hw, 0.3, at - 300.0 - b.now, kn, UNDER_WAY, drift_nm=3.0, rng=rng)
        b.stay(600.0, UNDER_WAY)  # lying stopped while the units are swapped
        end = self.ctx.duration + 3600.0
        b.zigzag(
            centre, axis, hw, 0.3, max(end - b.now, 3600.0), kn, UNDER_WAY, drift_nm=3.0, rng=rng
        )
        track = b.build()
        old = dict(self.spec.get("old", {}))
        new = dict(self.spec.get("new", {}))
        m1, s1, p1 = self.identity(old, profile="cargo")
        m2, s2, p2 = self.identity(new, profile="cargo")
        t1 = self.transponder(m1, s1, p1, track)
        t2 = self.transponder(m2, s2, p2, track)
        t1.on = [(-math.inf, at)]
        t2.on = [(at + delay, math.inf)]
        dist = self.num("distance_m", 15.0)
        brg = float(rng.uniform(0, 360))
        t2.antenna_m = (dist * math.sin(math.radians(brg)), dist * math.cos(math.radians(brg)))
        v = Vessel(self.id, p1, track, [t1, t2])
        p = track.sample(np.array([at]))
        x, y = float(p["lon"][0]), float(p["lat"][0])
        truth = [
            self.record(
                v,
                at,
                at + delay,
                x,
                y,
                mmsi=[m1, m2],
                name=f"{s1.name} / {s2.name}",
                details={
                    "old": {"mmsi": m1, "name": s1.name},
                    "new": {"mmsi": m2, "name": s2.name, "imo": s2.imo},
                    "distance_m": dist,
                },
            )
        ]
        if self.has("cable"):
            cable = self.zone("cable")
            truth.append(
                self.record(
                    v,
                    max(track.start, 0.0),
                    self.ctx.duration,
                    *centre,
                    id=f"{self.id}-loitering",
                    kind="loitering",
                    expected="cable_loitering",
                    mmsi=[m1, m2],
                    name=f"{s1.name} / {s2.name}",
                    zone=cable.name,
                    bbox=_bbox(track, 0.0, self.ctx.duration),
                    details={"speed_kn": kn},
                )
            )
        return Outcome([v], truth)


class SharedMmsi(Incident):
    """Signature (d): one MMSI used at the same time by ships with different names far apart
    (Hong Tai 58's MMSI was also used by two other named ships)."""

    kind = "shared_mmsi"
    expected = "mmsi_conflict"

    def build(self) -> Outcome:
        mmsi = int(self.spec["mmsi"])
        self.ctx.ids.reserve(mmsi)
        at = self.time("at", 0)
        dur = self.seconds("duration", "6h")
        ships = list(self.spec.get("ships", []))
        if not ships:
            raise ValueError(
                f"incident {self.id!r}: 'ships' (tables with name and route) is required"
            )
        vessels = []
        names = []
        for k, ship in enumerate(ships):
            path = geo.as_path(ship["route"])
            speed = float(ship.get("speed_kn", 10.0))
            b = TrackBuilder(at, float(path[0, 0]), float(path[0, 1]))
            b.sail(path, speed)
            if b.now < at + dur:
                b.stay(at + dur - b.now, AT_ANCHOR, swing_m=100.0, rng=self.ctx.rng)
            track = b.build()
            sub = {**ship, "mmsi": mmsi}
            mm, st, pn = self.identity(sub)
            tp = self.transponder(mm, st, pn, track)
            tp.on = [(at, at + dur)]
            vessels.append(Vessel(f"{self.id}-{k}", pn, track, [tp]))
            names.append(st.name)
        p = vessels[0].track.sample(np.array([at]))
        rec = self.record(
            vessels[0],
            at,
            at + dur,
            float(p["lon"][0]),
            float(p["lat"][0]),
            name=" / ".join(names),
            details={"names": names},
        )
        return Outcome(vessels, [rec])


class NameChange(Incident):
    """Signature (d): the name in the static data changes mid-voyage (also call sign, IMO
    when given)."""

    kind = "name_change"
    expected = "identity_change"

    def build(self) -> Outcome:
        path = self.path()
        speed = self.num("speed_kn", 12.0)
        at = self.time("at")
        start = self.time("start", 0) - 60.0
        b = TrackBuilder(start, float(path[0, 0]), float(path[0, 1]))
        b.sail(path, speed)
        track = self.finish(b).build()
        spec = dict(self.spec)
        if "name_before" in spec:
            spec["name"] = spec["name_before"]
        v = self.vessel(track, spec=spec)
        tp = v.transponders[0]
        s1 = tp.statics[0][1]
        s2 = Static(
            name=str(self.spec["name_after"])[:20],
            callsign=str(self.spec.get("callsign_after", s1.callsign))[:7],
            imo=int(self.spec.get("imo_after", s1.imo)),
            shiptype=s1.shiptype,
            to_bow=s1.to_bow,
            to_stern=s1.to_stern,
            to_port=s1.to_port,
            to_starboard=s1.to_starboard,
            draught=s1.draught,
            vendorid=s1.vendorid,
        )
        tp.statics.append((at, s2))
        p = track.sample(np.array([at]))
        rec = self.record(
            v,
            at,
            at + 360.0,
            float(p["lon"][0]),
            float(p["lat"][0]),
            name=f"{s1.name} -> {s2.name}",
            details={
                "before": s1.name,
                "after": s2.name,
                "callsign_after": s2.callsign,
                "imo_after": s2.imo,
            },
        )
        return Outcome([v], [rec])


# ============================================================================ spoofing


class Spoof(Incident):
    """A ship on a route whose reported positions are falsified over a window; subclasses
    override `spoof` (rewrite the kinematics sampled at the report times)."""

    expected = "position_spoofing"

    @abstractmethod
    def spoof(self, ts: F64, kin: dict[str, F64]) -> dict[str, F64]:
        """The falsified kinematics at the report times `ts`."""

    def truth_point(self, track: Track, at: float) -> tuple[float, float]:
        p = track.sample(np.array([at]))
        return float(p["lon"][0]), float(p["lat"][0])

    def build(self) -> Outcome:
        path = self.path()
        speed = self.num("speed_kn", 12.0)
        at = self.time("at")
        dur = self.seconds("duration", "1h")
        start = self.time("start", 0) - 60.0
        b = TrackBuilder(start, float(path[0, 0]), float(path[0, 1]))
        b.sail(path, speed)
        track = self.finish(b).build()
        v = self.vessel(track)
        v.transponders[0].spoofs.append((at, at + dur, self.spoof))
        x, y = self.truth_point(track, at)
        return Outcome([v], [self.record(v, at, at + dur, x, y, details=self.details())])

    def details(self) -> dict[str, Any]:
        return {}


class SpoofLand(Spoof):
    """Positions reported at a fixed point on land (GNSS spoofing), speed near zero."""

    kind = "spoof_land"
    expected = "position_on_land"

    def spoof(self, ts: F64, kin: dict[str, F64]) -> dict[str, F64]:
        x, y = self.point("land")
        n = len(ts)
        jitter = np.sin(ts * 0.37) * 1e-5
        return {
            **kin,
            "lon": np.full(n, x) + jitter,
            "lat": np.full(n, y) - jitter,
            "sog": np.full(n, 0.0),
            "rot": np.zeros(n),
        }

    def truth_point(self, track: Track, at: float) -> tuple[float, float]:
        return self.point("land")

    def details(self) -> dict[str, Any]:
        return {"land": list(self.point("land"))}


class SpoofCircle(Spoof):
    """Positions running round a circle (as in the circle spoofing seen off ports and
    military sites), at a steady speed with the course along the circle."""

    kind = "spoof_circle"
    expected = "circle_spoofing"

    def spoof(self, ts: F64, kin: dict[str, F64]) -> dict[str, F64]:
        cx, cy = self.point("centre")
        r = self.num("radius_nm", 1.0)
        v = self.num("circle_kn", 8.0)
        ang = (ts * v / 3600.0 / r) % (2 * math.pi)  # radians, clockwise from north
        lat = cy + r * np.cos(ang) / geo.DEG_NM
        lon = cx + r * np.sin(ang) / (geo.DEG_NM * math.cos(math.radians(cy)))
        cog = (np.degrees(ang) + 90.0) % 360.0
        n = len(ts)
        return {
            **kin,
            "lon": lon,
            "lat": lat,
            "cog": cog,
            "sog": np.full(n, v),
            "heading": cog,
            "rot": np.full(n, math.degrees(v / 60.0 / r)),
        }

    def truth_point(self, track: Track, at: float) -> tuple[float, float]:
        return self.point("centre")

    def details(self) -> dict[str, Any]:
        return {"centre": list(self.point("centre")), "radius_nm": self.num("radius_nm", 1.0)}


class SpoofJump(Spoof):
    """Positions jumping to a far point and back, in bursts (every other `burst` seconds)."""

    kind = "spoof_jump"
    expected = "position_jump"

    def spoof(self, ts: F64, kin: dict[str, F64]) -> dict[str, F64]:
        x, y = self.point("target")
        burst = self.seconds("burst", "5min")
        at = self.time("at")
        fake = ((ts - at) // burst) % 2 == 1
        out = dict(kin)
        out["lon"] = np.where(fake, x + np.sin(ts) * 2e-4, kin["lon"])
        out["lat"] = np.where(fake, y + np.cos(ts) * 2e-4, kin["lat"])
        return out

    def details(self) -> dict[str, Any]:
        return {"target": list(self.point("target")), "burst_s": self.seconds("burst", "5min")}


# ========================================================================== movements


class Encounter(Incident):
    """Two ships meet at sea and lie side by side, both under 2 kn, for hours (GFW
    encounter: within 500 m for at least 2 h, both under 2 kn, at least 10 km from an
    anchorage)."""

    kind = "encounter"
    expected = "encounter"
    default_profile = "tanker"

    def build(self) -> Outcome:
        site = self.point("site")
        at = self.time("at")
        dur = self.seconds("duration", "3h")
        sep = self.num("separation_m", 150.0) / geo.NM_M
        drift_kn = self.num("drift_kn", 0.6)
        rng = self.ctx.rng
        drift_brg = float(rng.uniform(0, 360))
        end_pt = geo.offset(*site, drift_brg, drift_kn * dur / 3600.0)
        vessels = []
        for k, key in enumerate(("a", "b")):
            sub = dict(self.spec.get(key, {}))
            frm = (float(sub["from"][0]), float(sub["from"][1]))
            to = (float(sub["to"][0]), float(sub["to"][1]))
            kn = float(sub.get("speed_kn", 11.0))
            side = 0.0 if k == 0 else sep
            p0 = geo.offset(*site, drift_brg + 90.0, side)
            p1 = geo.offset(*end_pt, drift_brg + 90.0, side)
            route_in = self.ctx.router.route(frm, p0)
            d = float(geo.cumulative_nm(route_in)[-1])
            b = TrackBuilder(at - d / kn * 3600.0, *frm)
            b.sail(route_in, kn)
            b.to(*p1, drift_kn, UNDER_WAY)
            b.sail(self.ctx.router.route(p1, to), kn)
            vessels.append(self.vessel(self.finish(b).build(), spec=sub, label=f"{self.id}-{key}"))
        rec = self.record(
            vessels[0],
            at,
            at + dur,
            *site,
            mmsi=[v.transponders[0].mmsi for v in vessels],
            name=" / ".join(v.transponders[0].static_at(at).name for v in vessels),
            details={"separation_m": self.num("separation_m", 150.0), "drift_kn": drift_kn},
        )
        return Outcome(vessels, [rec])


class StraitTransit(Incident):
    """A ship sails a route through a strait zone; truth gives the entry and exit times."""

    kind = "strait_transit"
    expected = "strait_transit"

    def build(self) -> Outcome:
        strait = self.zone("strait")
        path = self.path()
        speed = self.num("speed_kn", 14.0)
        start = self.time("at", 0)
        b = TrackBuilder(start, float(path[0, 0]), float(path[0, 1]))
        b.sail(path, speed)
        track = self.finish(b).build()
        v = self.vessel(track)
        ts = np.arange(track.start, track.end, 30.0)
        s = track.sample(ts)
        inside = strait.contains(s["lon"], s["lat"])
        if not inside.any():
            raise ValueError(f"incident {self.id!r}: the route never enters {strait.name!r}")
        k = np.nonzero(inside)[0]
        t0, t1 = float(ts[k[0]]), float(ts[k[-1]])
        x, y = strait.point
        return Outcome(
            [v],
            [
                self.record(
                    v,
                    t0,
                    t1,
                    x,
                    y,
                    zone=strait.name,
                    bbox=_bbox(track, t0, t1),
                    details={"speed_kn": speed},
                )
            ],
        )


INCIDENTS: dict[str, type[Incident]] = {
    c.kind: c
    for c in (
        AnchorDrift,
        SpeedDrop,
        AnchorDrag,
        ReportingGap,
        MmsiSwap,
        SharedMmsi,
        NameChange,
        SpoofLand,
        SpoofCircle,
        SpoofJump,
        Encounter,
        StraitTransit,
    )
}


def build_incident(spec: Mapping[str, Any], ctx: Context) -> Outcome:
    kind = str(spec.get("kind", ""))
    cls = INCIDENTS.get(kind)
    if cls is None:
        raise ValueError(f"unknown incident kind {kind!r} (known: {', '.join(sorted(INCIDENTS))})")
    return cls(spec, ctx).build()
