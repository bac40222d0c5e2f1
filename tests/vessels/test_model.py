"""Reports from decoded messages and from table rows."""

from __future__ import annotations

from datetime import UTC, datetime

from aiswatch.ais import Message
from aiswatch.vessels import PositionReport, StaticReport, reports_from_message

from .scenarios import T0


def test_position_from_class_a_message() -> None:
    msg = Message.build(
        1, mmsi=244123000, lat=52.1, lon=3.2, speed=12.3, course=45.5, heading=46, status=0
    )
    r = PositionReport.from_message(msg, T0, station="rx1", line=7)
    assert r == PositionReport(244123000, T0, 52.1, 3.2, 12.3, 45.5, 46, 0, 1, "A", "rx1", None, 7)


def test_position_not_available_and_null_island_are_skipped() -> None:
    assert PositionReport.from_message(Message.build(1, mmsi=244123000), T0) is None
    assert PositionReport.from_message(Message.build(1, mmsi=1, lat=0.0, lon=0.0), T0) is None
    assert PositionReport.from_message(Message.build(5, mmsi=244123000), T0) is None


def test_type_19_gives_position_and_static() -> None:
    msg = Message.build(
        19,
        mmsi=338123456,
        lat=40.5,
        lon=-70.25,
        speed=5.0,
        shipname="SEA BIRD",
        shiptype=37,
        to_bow=8,
        to_stern=4,
        to_port=2,
        to_starboard=2,
    )
    reps = reports_from_message(msg, T0)
    assert [type(r) for r in reps] == [PositionReport, StaticReport]
    p, s = reps
    assert isinstance(p, PositionReport) and p.cls == "B" and p.sog == 5.0
    assert isinstance(s, StaticReport)
    assert (s.name, s.shiptype, s.dims, s.lat, s.lon) == (
        "SEA BIRD",
        37,
        (8, 4, 2, 2),
        40.5,
        -70.25,
    )
    assert s.callsign is None and s.imo is None


def test_static_normalisation() -> None:
    msg = Message.build(
        5, mmsi=244123000, shipname="  MY  SHIP", imo=None, callsign="", shiptype=0, destination=""
    )
    s = StaticReport.from_message(msg, T0)
    assert s is not None
    assert (s.name, s.callsign, s.imo, s.shiptype, s.dims, s.destination) == (
        "MY SHIP",
        None,
        None,
        None,
        None,
        None,
    )


def test_type_24_parts() -> None:
    a = StaticReport.from_message(Message.build(24, mmsi=338000001, partno=0, shipname="X"), T0)
    b = StaticReport.from_message(
        Message.build(
            24,
            mmsi=338000001,
            partno=1,
            callsign="CS1",
            shiptype=37,
            to_bow=3,
            to_stern=2,
            to_port=1,
            to_starboard=1,
        ),
        T0,
    )
    assert a is not None and b is not None
    assert (a.part, a.name, a.callsign, a.dims) == ("A", "X", None, None)
    assert (b.part, b.name, b.callsign, b.shiptype, b.dims) == ("B", None, "CS1", 37, (3, 2, 1, 1))


def test_store_rows() -> None:
    when = datetime(2025, 1, 1, tzinfo=UTC)
    p = PositionReport.from_row(
        {
            "mmsi": 1,
            "time": when,
            "lat": 1.0,
            "lon": 2.0,
            "sog": 3.0,
            "cog": None,
            "msg_type": 18,
            "class": "B",
            "source_file": "f.nmea",
            "line": 3,
        }
    )
    assert p is not None and (p.time, p.cls, p.source, p.line) == (T0, "B", "f.nmea", 3)
    naive = datetime(2025, 1, 1)  # TIMESTAMP without zone: UTC
    s = StaticReport.from_row(
        {
            "mmsi": 1,
            "time": naive,
            "msg_type": 24,
            "part": "B",
            "callsign": "AB",
            "shiptype": 30,
            "to_bow": 1,
            "to_stern": 1,
            "to_port": 1,
            "to_starboard": 1,
        }
    )
    assert s is not None and (s.time, s.part, s.callsign) == (T0, "B", "AB")
    assert PositionReport.from_row({"mmsi": 1, "time": None, "lat": 1.0, "lon": 2.0}) is None
