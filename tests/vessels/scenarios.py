"""Report sequences for the vessels tests, built with our own encoder: every report goes
through `Message.build` (encode and decode) and the vessels package's constructors."""

from __future__ import annotations

import math
from collections.abc import Iterator

from aiswatch.ais import Message
from aiswatch.vessels import PositionReport, Report, StaticReport

T0 = 1735689600.0  # 2025-01-01T00:00:00Z
NM_PER_DEG = 60.0


def pos(
    mmsi: int,
    t: float,
    lat: float,
    lon: float,
    speed: float = 10.0,
    course: float = 90.0,
    msg_type: int = 1,
) -> PositionReport:
    msg = Message.build(
        msg_type,
        mmsi=mmsi,
        lat=lat,
        lon=lon,
        speed=speed,
        course=course,
        heading=round(course) % 360,
    )
    r = PositionReport.from_message(msg, t)
    assert r is not None
    return r


def static5(
    mmsi: int,
    t: float,
    name: str,
    *,
    imo: int | None = None,
    callsign: str = "",
    shiptype: int = 70,
    dims: tuple[int, int, int, int] = (80, 20, 6, 6),
    destination: str = "",
) -> StaticReport:
    msg = Message.build(
        5,
        mmsi=mmsi,
        shipname=name,
        imo=imo,
        callsign=callsign,
        shiptype=shiptype,
        to_bow=dims[0],
        to_stern=dims[1],
        to_port=dims[2],
        to_starboard=dims[3],
        destination=destination,
        draught=5.5,
    )
    r = StaticReport.from_message(msg, t)
    assert r is not None
    return r


def part_a(mmsi: int, t: float, name: str) -> StaticReport:
    r = StaticReport.from_message(Message.build(24, mmsi=mmsi, partno=0, shipname=name), t)
    assert r is not None
    return r


def part_b(
    mmsi: int, t: float, callsign: str, shiptype: int = 37, dims: tuple[int, ...] = (6, 4, 2, 2)
) -> StaticReport:
    msg = Message.build(
        24,
        mmsi=mmsi,
        partno=1,
        callsign=callsign,
        shiptype=shiptype,
        vendorid="ABC",
        to_bow=dims[0],
        to_stern=dims[1],
        to_port=dims[2],
        to_starboard=dims[3],
    )
    r = StaticReport.from_message(msg, t)
    assert r is not None
    return r


def offset(lat: float, lon: float, north_m: float, east_m: float) -> tuple[float, float]:
    dlat = north_m / 1852.0 / NM_PER_DEG
    dlon = east_m / 1852.0 / NM_PER_DEG / math.cos(math.radians(lat))
    return lat + dlat, lon + dlon


def track(
    mmsi: int,
    t0: float,
    lat: float,
    lon: float,
    *,
    speed: float,
    course: float,
    n: int,
    dt: float,
    msg_type: int = 1,
) -> Iterator[PositionReport]:
    """n positions dt seconds apart along a rhumb line (flat-earth steps)."""
    for k in range(n):
        d_m = speed * 1852.0 / 3600.0 * dt * k
        la, lo = offset(
            lat, lon, d_m * math.cos(math.radians(course)), d_m * math.sin(math.radians(course))
        )
        yield pos(mmsi, t0 + k * dt, la, lo, speed, course, msg_type)


def by_time(*streams: list[Report]) -> list[Report]:
    return sorted((r for s in streams for r in s), key=lambda r: r.time)


def shunxing_swap(*, old_keeps_going: bool = False) -> list[Report]:
    """Shunxing-39 (../shared/incidents.md): MMSI 613003889 "SHUN XING 39" loiters north of
    Keelung, vanishes, and MMSI 677087200 "XING SHUN 39" (IMO 8358427) appears a minute
    later ~15 m away and loiters on. With ``old_keeps_going`` the first MMSI does not stop
    (two ships side by side), which is no swap."""
    old, new = 613003889, 677087200
    lat, lon = 25.20, 121.75
    a: list[Report] = []
    b: list[Report] = []
    for k in range(120):  # two hours at 0.5 kn, a report a minute, static every 6 min
        la, lo = offset(lat, lon, 0.0, k * 15.4)  # 0.5 kn ~ 15.4 m/min
        a.append(pos(old, T0 + 60 * k, la, lo, 0.5, 90.0))
        if k % 6 == 0:
            a.append(static5(old, T0 + 60 * k + 1, "SHUN XING 39", callsign="TJA1"))
    t_stop = T0 + 60 * 119
    la_end, lo_end = offset(lat, lon, 0.0, 119 * 15.4)
    la2, lo2 = offset(la_end, lo_end, 9.0, 12.0)  # 15 m away
    for k in range(60):
        la, lo = offset(la2, lo2, 0.0, k * 15.4)
        b.append(pos(new, t_stop + 60 + 60 * k, la, lo, 0.5, 90.0))
        if k % 6 == 0:
            b.append(
                static5(new, t_stop + 61 + 60 * k, "XING SHUN 39", imo=8358427, callsign="5IM720")
            )
        if old_keeps_going:
            la, lo = offset(la_end, lo_end, -300.0, k * 15.4)
            a.append(pos(old, t_stop + 90 + 60 * k, la, lo, 0.5, 90.0))
    return by_time(a, b)


def shared_mmsi(mmsi: int = 416123456) -> list[Report]:
    """One MMSI used by two ships ~200 km apart at the same time, each with its own name:
    "HONG TAI 58" in the Taiwan Strait and "HONG TAI 168" 1.8 degrees further north."""
    a: list[Report] = list(track(mmsi, T0, 22.90, 119.90, speed=10, course=90, n=180, dt=20))
    b: list[Report] = list(track(mmsi, T0 + 10, 24.70, 119.90, speed=10, course=270, n=180, dt=20))
    a += [static5(mmsi, T0 + 360 * k + 3, "HONG TAI 58") for k in range(10)]
    b += [static5(mmsi, T0 + 360 * k + 13, "HONG TAI 168") for k in range(10)]
    return by_time(a, b)


def name_change(mmsi: int = 244123000) -> list[Report]:
    """Six hours under way at 12 kn; the name changes three hours in."""
    a: list[Report] = list(track(mmsi, T0, 52.0, 3.0, speed=12, course=45, n=360, dt=60))
    for k in range(60):  # static every 6 minutes
        name = "OLD NAME" if k < 30 else "NEW NAME"
        a.append(
            static5(
                mmsi, T0 + 360 * k + 30, name, imo=9074729, callsign="PBAA", destination="ROTTERDAM"
            )
        )
    return by_time(a)


def to_message(r: Report) -> Message:
    """The message a report came from (for writing logs)."""
    if isinstance(r, PositionReport):
        return Message.build(
            r.msg_type,
            mmsi=r.mmsi,
            lat=r.lat,
            lon=r.lon,
            speed=r.sog,
            course=r.cog,
            heading=r.heading,
        )
    if r.msg_type == 24:
        if r.part == "A":
            return Message.build(24, mmsi=r.mmsi, partno=0, shipname=r.name or "")
        dims = r.dims or (0, 0, 0, 0)
        return Message.build(
            24,
            mmsi=r.mmsi,
            partno=1,
            callsign=r.callsign or "",
            shiptype=r.shiptype or 0,
            vendorid="ABC",
            to_bow=dims[0],
            to_stern=dims[1],
            to_port=dims[2],
            to_starboard=dims[3],
        )
    dims = r.dims or (0, 0, 0, 0)
    return Message.build(
        5,
        mmsi=r.mmsi,
        shipname=r.name or "",
        imo=r.imo,
        callsign=r.callsign or "",
        shiptype=r.shiptype or 0,
        to_bow=dims[0],
        to_stern=dims[1],
        to_port=dims[2],
        to_starboard=dims[3],
        destination=r.destination or "",
        draught=r.draught,
    )


def class_b(mmsi: int = 338000001) -> list[Report]:
    """A Class B yacht: positions (type 18) and type 24 parts A and B every 6 minutes."""
    a: list[Report] = list(
        track(mmsi, T0, 41.0, -70.0, speed=6, course=180, n=60, dt=30, msg_type=18)
    )
    for k in range(5):
        a.append(part_a(mmsi, T0 + 360 * k + 5, "SEA BIRD"))
        a.append(part_b(mmsi, T0 + 360 * k + 6, "WDA1234"))
    return by_time(a)


def write_log(path: str, reports: list[Report]) -> None:
    """An NMEA log of the reports, each line with a tag block carrying its time."""
    from aiswatch.nmea import tag_block

    with open(path, "w", encoding="ascii") as fh:
        for seq, r in enumerate(reports):
            for s in to_message(r).sentences(seq_id=seq % 10):
                fh.write(tag_block(time=r.time, station="rx1") + s + "\n")
