"""Hand-made known-answer vectors, one or more per message type.

Each vector spells a payload field by field, in the order and widths of ITU-R M.1371-5
(as tabulated in AIVDM.adoc), and armours it with a few lines written here from the
standard's armour table, independently of aiswatch's encoder. The expected decoded values
are stated by hand.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


def armour_bits(bitstring: str) -> tuple[str, int]:
    """Six bits per character: value v -> chr(v + 48), or chr(v + 56) when v > 39."""
    fill = (-len(bitstring)) % 6
    bitstring += "0" * fill
    out = []
    for k in range(0, len(bitstring), 6):
        v = int(bitstring[k : k + 6], 2)
        out.append(chr(v + 48) if v < 40 else chr(v + 56))
    return "".join(out), fill


def f(value: int, width: int) -> str:
    """A field as bits, two's complement for negatives."""
    return format(value & ((1 << width) - 1), f"0{width}b")


def text(s: str, nchars: int) -> str:
    """Six-bit text: '@'..'_' -> 0-31, ' '..'?' -> 32-63, padded with '@'."""
    s = s.ljust(nchars, "@")
    return "".join(f(ord(c) - 64 if ord(c) >= 64 else ord(c), 6) for c in s)


@dataclass
class Vector:
    name: str
    bits: str
    expect: dict[str, Any]  # raw values expected in Message.fields
    scaled: dict[str, Any]  # values expected in Message.json()

    @property
    def payload(self) -> tuple[str, int]:
        return armour_bits(self.bits)


HDR = lambda t, mmsi, rep=0: f(t, 6) + f(rep, 2) + f(mmsi, 30)  # noqa: E731

VECTORS: list[Vector] = [
    Vector(
        "type1 moving, ROT right, SOTDMA slot offset",
        HDR(1, 413270000)
        + f(0, 4)  # status: under way using engine
        + f(20, 8)  # ROT_AIS 20 -> (20/4.733)^2 = 17.9 deg/min right
        + f(123, 10)  # 12.3 kn
        + f(1, 1)
        + f(int(121.5 * 600000), 28)
        + f(int(25.25 * 600000), 27)
        + f(1234, 12)  # 123.4 deg
        + f(122, 9)
        + f(42, 6)
        + f(1, 2)
        + f(0, 3)
        + f(1, 1)
        + f((0 << 17) | (0 << 14) | 2250, 19),
        {
            "type": 1,
            "mmsi": 413270000,
            "status": 0,
            "turn": 20,
            "speed": 123,
            "lon": 72900000,
            "lat": 15150000,
            "course": 1234,
            "heading": 122,
            "second": 42,
            "maneuver": 1,
            "raim": True,
            "accuracy": True,
        },
        {
            "speed": 12.3,
            "lon": 121.5,
            "lat": 25.25,
            "course": 123.4,
            "turn": 17.856,
            "status_text": "Under way using engine",
            "slot_timeout": 0,
            "slot_offset": 2250,
        },
    ),
    Vector(
        "type1 all not available",
        HDR(1, 257000000)
        + f(15, 4)
        + f(-128, 8)
        + f(1023, 10)
        + f(0, 1)
        + f(0x6791AC0, 28)
        + f(0x3412140, 27)
        + f(3600, 12)
        + f(511, 9)
        + f(60, 6)
        + f(0, 2)
        + f(0, 3)
        + f(0, 1)
        + f(0, 19),
        {
            "turn": -128,
            "speed": 1023,
            "lon": 108600000,
            "lat": 54600000,
            "course": 3600,
            "heading": 511,
            "second": 60,
        },
        {
            "turn": None,
            "speed": None,
            "lon": None,
            "lat": None,
            "course": None,
            "heading": None,
            "second": None,
            "status": 15,
        },
    ),
    Vector(
        "type2 west/south negative position, fast left",
        HDR(2, 366000001)
        + f(1, 4)
        + f(-127, 8)
        + f(0, 10)
        + f(0, 1)
        + f(-int(70.5 * 600000), 28)
        + f(-int(33.25 * 600000), 27)
        + f(0, 12)
        + f(0, 9)
        + f(0, 6)
        + f(0, 2)
        + f(0, 3)
        + f(0, 1)
        + f((1 << 17) | (1 << 14) | (13 << 9) | (7 << 2), 19),
        {"type": 2, "lon": -42300000, "lat": -19950000, "turn": -127},
        {
            "lon": -70.5,
            "lat": -33.25,
            "turn": "fastleft",
            "status_text": "At anchor",
            "utc_hour": 13,
            "utc_minute": 7,
            "sync_state": 1,
        },
    ),
    Vector(
        "type3 ITDMA",
        HDR(3, 219000123)
        + f(5, 4)
        + f(0, 8)
        + f(0, 10)
        + f(0, 1)
        + f(6000000, 28)
        + f(33000000, 27)
        + f(0, 12)
        + f(90, 9)
        + f(10, 6)
        + f(0, 2)
        + f(0, 3)
        + f(0, 1)
        + f((2 << 17) | (1000 << 4) | (3 << 1) | 1, 19),
        {"type": 3, "status": 5, "heading": 90},
        {"lon": 10.0, "lat": 55.0, "slot_increment": 1000, "slots": 3, "keep": 1, "sync_state": 2},
    ),
    Vector(
        "type4 base station",
        HDR(4, 2190048)
        + f(2010, 14)
        + f(6, 4)
        + f(11, 5)
        + f(11, 5)
        + f(46, 6)
        + f(11, 6)
        + f(1, 1)
        + f(int(12.5 * 600000), 28)
        + f(int(55.5 * 600000), 27)
        + f(7, 4)
        + f(0, 10)
        + f(0, 1)
        + f((3 << 14) | 17, 19),
        {
            "mmsi": 2190048,
            "year": 2010,
            "month": 6,
            "day": 11,
            "hour": 11,
            "minute": 46,
            "second": 11,
            "epfd": 7,
        },
        {"lon": 12.5, "lat": 55.5, "epfd_text": "Surveyed", "received_stations": 17},
    ),
    Vector(
        "type5 static and voyage",
        HDR(5, 613003889)
        + f(0, 2)
        + f(8358427, 30)
        + text("TJABC", 7)
        + text("SHUN XING 39", 20)
        + f(70, 8)
        + f(60, 9)
        + f(20, 9)
        + f(5, 6)
        + f(7, 6)
        + f(1, 4)
        + f(1, 4)
        + f(3, 5)
        + f(16, 5)
        + f(51, 6)
        + f(55, 8)
        + text("KEELUNG", 20)
        + f(0, 1)
        + f(0, 1),
        {
            "imo": 8358427,
            "callsign": "TJABC",
            "shipname": "SHUN XING 39",
            "shiptype": 70,
            "to_bow": 60,
            "to_stern": 20,
            "to_port": 5,
            "to_starboard": 7,
            "month": 1,
            "day": 3,
            "hour": 16,
            "minute": 51,
            "draught": 55,
            "destination": "KEELUNG",
            "dte": False,
        },
        {"draught": 5.5, "shiptype_text": "Cargo, all ships of this type"},
    ),
    Vector(
        "type6 addressed binary, unknown application stays data",
        HDR(6, 211000000)
        + f(1, 2)
        + f(244000000, 30)
        + f(0, 1)
        + f(0, 1)
        + f(0, 10)
        + f(1, 6)
        + f(0xABCD, 16),
        {"seqno": 1, "dest_mmsi": 244000000, "dac": 0, "fid": 1},
        {"data": "16:abcd"},
    ),
    Vector(
        "type7 binary acknowledge, two MMSIs",
        HDR(7, 2190048) + f(0, 2) + f(211000001, 30) + f(1, 2) + f(211000002, 30) + f(3, 2),
        {"mmsi1": 211000001, "mmsiseq1": 1, "mmsi2": 211000002, "mmsiseq2": 3},
        {},
    ),
    Vector(
        "type8 broadcast binary, unknown application",
        HDR(8, 366000002) + f(0, 2) + f(366, 10) + f(63, 6) + f(0b101, 3),
        {"dac": 366, "fid": 63},
        {"data": "3:a0"},
    ),
    Vector(
        "type9 SAR aircraft",
        HDR(9, 111265000)
        + f(300, 12)
        + f(140, 10)
        + f(0, 1)
        + f(int(18.0 * 600000), 28)
        + f(int(59.0 * 600000), 27)
        + f(2700, 12)
        + f(5, 6)
        + f(0, 8)
        + f(1, 1)
        + f(0, 3)
        + f(0, 1)
        + f(0, 1)
        + f((1 << 19) | (3 << 4), 20),
        {"alt": 300, "speed": 140, "course": 2700, "second": 5},
        {"lon": 18.0, "lat": 59.0, "course": 270.0, "commstate_flag": 1, "slot_increment": 3},
    ),
    Vector(
        "type10 UTC inquiry",
        HDR(10, 211000003) + f(0, 2) + f(2190048, 30) + f(0, 2),
        {"dest_mmsi": 2190048},
        {},
    ),
    Vector(
        "type11 UTC response",
        HDR(11, 211000004)
        + f(2025, 14)
        + f(2, 4)
        + f(25, 5)
        + f(3, 5)
        + f(24, 6)
        + f(0, 6)
        + f(0, 1)
        + f(0x6791AC0, 28)
        + f(0x3412140, 27)
        + f(1, 4)
        + f(0, 10)
        + f(0, 1)
        + f(0, 19),
        {"year": 2025, "month": 2, "day": 25, "hour": 3, "minute": 24, "epfd": 1},
        {"lon": None, "lat": None},
    ),
    Vector(
        "type12 addressed safety text",
        HDR(12, 211000005)
        + f(2, 2)
        + f(211000006, 30)
        + f(1, 1)
        + f(0, 1)
        + text("ANCHOR DRAGGING", 15),
        {"seqno": 2, "dest_mmsi": 211000006, "retransmit": True, "text": "ANCHOR DRAGGING"},
        {},
    ),
    Vector(
        "type13 safety acknowledge",
        HDR(13, 211000006) + f(0, 2) + f(211000005, 30) + f(2, 2),
        {"mmsi1": 211000005, "mmsiseq1": 2},
        {},
    ),
    Vector(
        "type14 safety broadcast",
        HDR(14, 970012345) + f(0, 2) + text("SART ACTIVE", 11),
        {"text": "SART ACTIVE"},
        {},
    ),
    Vector(
        "type15 interrogation, two requests",
        HDR(15, 2190048)
        + f(0, 2)
        + f(211000007, 30)
        + f(5, 6)
        + f(0, 12)
        + f(0, 2)
        + f(24, 6)
        + f(100, 12)
        + f(0, 2),
        {"mmsi1": 211000007, "type1_1": 5, "offset1_1": 0, "type1_2": 24, "offset1_2": 100},
        {},
    ),
    Vector(
        "type16 assignment, one station",
        HDR(16, 2190048) + f(0, 2) + f(211000008, 30) + f(200, 12) + f(750, 10) + f(0, 4),
        {"mmsi1": 211000008, "offset1": 200, "increment1": 750},
        {},
    ),
    Vector(
        "type17 DGNSS",
        HDR(17, 2734450)
        + f(0, 2)
        + f(int(30.5 * 600), 18)
        + f(int(60.25 * 600), 17)
        + f(0, 5)
        + f(0xFF00, 16),
        {"lon": 18300, "lat": 36150},
        {"lon": 30.5, "lat": 60.25, "data": "16:ff00"},
    ),
    Vector(
        "type18 class B CS",
        HDR(18, 244000009)
        + f(0, 8)
        + f(55, 10)
        + f(0, 1)
        + f(int(4.5 * 600000), 28)
        + f(int(52.0 * 600000), 27)
        + f(900, 12)
        + f(511, 9)
        + f(30, 6)
        + f(0, 2)
        + f(1, 1)
        + f(0, 1)
        + f(1, 1)
        + f(1, 1)
        + f(1, 1)
        + f(0, 1)
        + f(0, 1)
        + f((1 << 19) | 0x60006, 20),
        {"speed": 55, "cs": True, "dsc": True, "band": True, "msg22": True, "heading": 511},
        {
            "speed": 5.5,
            "course": 90.0,
            "heading": None,
            "lon": 4.5,
            "lat": 52.0,
            "commstate_flag": 1,
        },
    ),
    Vector(
        "type19 extended class B",
        HDR(19, 244000010)
        + f(0, 8)
        + f(0, 10)
        + f(0, 1)
        + f(int(5.0 * 600000), 28)
        + f(int(53.0 * 600000), 27)
        + f(0, 12)
        + f(0, 9)
        + f(1, 6)
        + f(0, 4)
        + text("ZEEMEEUW", 20)
        + f(36, 8)
        + f(8, 9)
        + f(4, 9)
        + f(2, 6)
        + f(2, 6)
        + f(1, 4)
        + f(0, 1)
        + f(1, 1)
        + f(0, 1)
        + f(0, 4),
        {"shipname": "ZEEMEEUW", "shiptype": 36, "to_bow": 8, "dte": True},
        {"shiptype_text": "Sailing"},
    ),
    Vector(
        "type20 data link management, two blocks",
        HDR(20, 2190048)
        + f(0, 2)
        + f(1000, 12)
        + f(2, 4)
        + f(7, 3)
        + f(225, 11)
        + f(1500, 12)
        + f(1, 4)
        + f(3, 3)
        + f(750, 11),
        {
            "offset1": 1000,
            "number1": 2,
            "timeout1": 7,
            "increment1": 225,
            "offset2": 1500,
            "number2": 1,
            "timeout2": 3,
            "increment2": 750,
        },
        {},
    ),
    Vector(
        "type21 aid to navigation with name extension",
        HDR(21, 992191234)
        + f(9, 5)
        + text("NORDRE ROSE CARDINAL", 20)
        + f(1, 1)
        + f(int(12.75 * 600000), 28)
        + f(int(55.5 * 600000), 27)
        + f(1, 9)
        + f(1, 9)
        + f(1, 6)
        + f(1, 6)
        + f(7, 4)
        + f(60, 6)
        + f(1, 1)
        + f(0, 8)
        + f(0, 1)
        + f(1, 1)
        + f(0, 1)
        + f(0, 1)
        + text(" NORTH", 6),
        {
            "aid_type": 9,
            "name": "NORDRE ROSE CARDINAL",
            "off_position": True,
            "virtual_aid": True,
            "name_ext": " NORTH",
        },
        {"aid_type_text": "Beacon, Cardinal N", "lon": 12.75, "lat": 55.5},
    ),
    Vector(
        "type22 channel management, broadcast area",
        HDR(22, 2190048)
        + f(0, 2)
        + f(2087, 12)
        + f(2088, 12)
        + f(0, 4)
        + f(1, 1)
        + f(int(13.0 * 600), 18)
        + f(int(56.0 * 600), 17)
        + f(int(11.0 * 600), 18)
        + f(int(54.5 * 600), 17)
        + f(0, 1)
        + f(0, 1)
        + f(0, 1)
        + f(4, 3)
        + f(0, 23),
        {"channel_a": 2087, "channel_b": 2088, "power": True, "addressed": False, "zonesize": 4},
        {"ne_lon": 13.0, "ne_lat": 56.0, "sw_lon": 11.0, "sw_lat": 54.5},
    ),
    Vector(
        "type22 channel management, addressed",
        HDR(22, 2190048)
        + f(0, 2)
        + f(2087, 12)
        + f(2088, 12)
        + f(1, 4)
        + f(0, 1)
        + f(211000011, 30)
        + f(0, 5)
        + f(211000012, 30)
        + f(0, 5)
        + f(1, 1)
        + f(1, 1)
        + f(0, 1)
        + f(2, 3)
        + f(0, 23),
        {"dest1": 211000011, "dest2": 211000012, "addressed": True, "band_a": True},
        {},
    ),
    Vector(
        "type23 group assignment",
        HDR(23, 2190048)
        + f(0, 2)
        + f(int(13.0 * 600), 18)
        + f(int(56.0 * 600), 17)
        + f(int(11.0 * 600), 18)
        + f(int(54.5 * 600), 17)
        + f(2, 4)
        + f(0, 8)
        + f(0, 22)
        + f(1, 2)
        + f(5, 4)
        + f(3, 4)
        + f(0, 6),
        {"station_type": 2, "txrx": 1, "interval": 5, "quiet": 3},
        {"ne_lon": 13.0, "sw_lat": 54.5},
    ),
    Vector(
        "type24 part A",
        HDR(24, 244000013) + f(0, 2) + text("BLUE MOON", 20) + f(0, 8),
        {"partno": 0, "shipname": "BLUE MOON"},
        {},
    ),
    Vector(
        "type24 part B",
        HDR(24, 244000013)
        + f(1, 2)
        + f(37, 8)
        + text("SRT", 3)
        + f(2, 4)
        + f(12345, 20)
        + text("PD1234", 7)
        + f(6, 9)
        + f(4, 9)
        + f(2, 6)
        + f(1, 6)
        + f(0, 6),
        {
            "partno": 1,
            "shiptype": 37,
            "vendorid": "SRT",
            "model": 2,
            "serial": 12345,
            "callsign": "PD1234",
            "to_bow": 6,
            "to_stern": 4,
            "to_port": 2,
            "to_starboard": 1,
        },
        {"shiptype_text": "Pleasure Craft"},
    ),
    Vector(
        "type24 part B of an auxiliary craft carries the mother ship",
        HDR(24, 982440001)
        + f(1, 2)
        + f(0, 8)
        + text("", 3)
        + f(0, 4)
        + f(0, 20)
        + text("", 7)
        + f(244000013, 30)
        + f(0, 6),
        {"mothership_mmsi": 244000013},
        {},
    ),
    Vector(
        "type25 broadcast unstructured",
        HDR(25, 211000014) + f(0, 1) + f(0, 1) + f(0xDEADBEEF, 32),
        {"addressed": False, "structured": False},
        {"data": "32:deadbeef"},
    ),
    Vector(
        "type25 addressed structured",
        HDR(25, 211000014) + f(1, 1) + f(1, 1) + f(211000015, 30) + f(1, 10) + f(0, 6) + f(0xAB, 8),
        {"addressed": True, "structured": True, "dest_mmsi": 211000015, "dac": 1, "fid": 0},
        {"data": "8:ab"},
    ),
    Vector(
        "type26 broadcast structured with radio",
        HDR(26, 211000016)
        + f(0, 1)
        + f(1, 1)
        + f(200, 10)
        + f(10, 6)
        + f(0x1234, 16)
        + f(0, 4)
        + f((0 << 19) | (3 << 14) | 9, 20),
        {"dac": 200, "fid": 10},
        {"data": "20:123400", "commstate_flag": 0, "received_stations": 9},
    ),
    Vector(
        "type27 long range",
        HDR(27, 413270000)
        + f(1, 1)
        + f(0, 1)
        + f(1, 4)
        + f(int(120.0 * 600), 18)
        + f(int(23.5 * 600), 17)
        + f(4, 6)
        + f(270, 9)
        + f(0, 1)
        + f(0, 1),
        {"accuracy": True, "status": 1, "speed": 4, "course": 270, "gnss": 0},
        {"lon": 120.0, "lat": 23.5, "speed": 4, "course": 270, "status_text": "At anchor"},
    ),
]
