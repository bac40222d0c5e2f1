"""Field tables of AIS message types 1-27 (ITU-R M.1371-5, Annex 8).

Offsets, widths and member names follow the tables of AIVDM.adoc (gpsd 3.22, BSD-2-Clause),
which names fields as gpsd's JSON-AIS does. Spare fields are named and kept raw so that a
decoded message re-encodes bit for bit; they are left out of JSON output.
"""

from __future__ import annotations

from collections.abc import Mapping

from aiswatch.ais import apps
from aiswatch.ais.fields import (
    Field,
    Group,
    Item,
    Kind,
    MessageType,
    Switch,
    Value,
    b,
    d,
    e,
    header,
    lat,
    lon,
    t,
    tp,
    u,
    x,
)

SPEED = Field("speed", 10, Kind.UINT, scale=10.0, na=1023, decimals=1, units="kn")
COURSE = Field("course", 12, Kind.UINT, scale=10.0, na=3600, decimals=1, units="deg")
HEADING = u("heading", 9, na=511, units="deg")
SECOND = u("second", 6, na=60, units="s")
TURN = Field("turn", 8, Kind.INT, na=-128, special="rot", decimals=3, units="deg/min")
DRAUGHT = Field("draught", 8, Kind.UINT, scale=10.0, na=0, decimals=1, units="m")
DIMENSIONS = (
    u("to_bow", 9, units="m"),
    u("to_stern", 9, units="m"),
    u("to_port", 6, units="m"),
    u("to_starboard", 6, units="m"),
)
RADIO_19 = u("radio", 19, doc="SOTDMA/ITDMA communication state")
RADIO_20 = u("radio", 20, doc="communication state selector bit + 19-bit state")


def _position_a() -> tuple[Item, ...]:
    """Common navigation block of types 1, 2 and 3."""
    return (
        *header(),
        e("status", 4, na=15),
        TURN,
        SPEED,
        b("accuracy"),
        lon(),
        lat(),
        COURSE,
        HEADING,
        SECOND,
        e("maneuver", 2, na=0),
        x("spare", 3),
        b("raim"),
        RADIO_19,
    )


def _base_station() -> tuple[Item, ...]:
    """Types 4 and 11."""
    return (
        *header(),
        u("year", 14, na=0),
        u("month", 4, na=0),
        u("day", 5, na=0),
        u("hour", 5, na=24),
        u("minute", 6, na=60),
        u("second", 6, na=60),
        b("accuracy"),
        lon(),
        lat(),
        e("epfd", 4, na=0),
        x("spare", 10),
        b("raim"),
        RADIO_19,
    )


def _acknowledge() -> tuple[Item, ...]:
    """Types 7 and 13: one to four acknowledged MMSIs."""
    groups = tuple(Group((u(f"mmsi{k}", 30), u(f"mmsiseq{k}", 2))) for k in (2, 3, 4))
    return (*header(), x("spare", 2), u("mmsi1", 30), u("mmsiseq1", 2), *groups)


def _binary_switch(msg_type: int, data_bits: int) -> Switch:
    return Switch(
        key=lambda r: (r["dac"], r["fid"]),
        reads=("dac", "fid"),
        cases=apps.layouts(msg_type),
        default=(d("data", data_bits),),
        doc="binary application selected by DAC and FI; unknown ones stay raw data",
        fallback=True,
    )


def _slot_binary(msg_type: int, data_bits: int, radio: bool) -> tuple[Item, ...]:
    """Types 25 and 26: optional destination, optional application id, data."""
    tail: tuple[Field, ...] = (RADIO_20,) if radio else ()
    structured = (u("dac", 10), u("fid", 6), d("data", data_bits - 16), *tail)
    unstructured = (d("data", data_bits), *tail)
    body = Switch(
        key=lambda r: bool(r["structured"]),
        cases={True: structured},
        default=unstructured,
        reads=("structured",),
    )
    return (
        *header(),
        b("addressed"),
        b("structured"),
        Switch(
            key=lambda r: bool(r["addressed"]),
            reads=("addressed",),
            cases={True: (u("dest_mmsi", 30), body)},
            default=(body,),
        ),
    )


def _is_auxiliary(r: Mapping[str, Value]) -> bool:
    """Type 24 part B: a 98MIDxxxx MMSI (auxiliary craft) carries its mother ship's MMSI in
    place of the dimensions (AIVDM.adoc, Type 24; ITU-R M.585)."""
    return 980000000 <= int(r["mmsi"]) <= 989999999  # type: ignore[arg-type]


_PART_B_COMMON = (
    e("shiptype", 8, na=0),
    t("vendorid", 18),
    u("model", 4),
    u("serial", 20),
    t("callsign", 42),
)

TYPES: dict[int, MessageType] = {}


def _add(number: int, title: str, items: tuple[Item, ...], min_bits: int, max_bits: int) -> None:
    TYPES[number] = MessageType(number, title, items, min_bits, max_bits)


for _n, _title in ((1, "Position report class A"), (2, "Position report class A (assigned)")):
    _add(_n, _title, _position_a(), 168, 168)
_add(3, "Position report class A (response to interrogation)", _position_a(), 168, 168)
_add(4, "Base station report", _base_station(), 168, 168)
_add(
    5,
    "Static and voyage related data",
    (
        *header(),
        u("ais_version", 2),
        u("imo", 30, na=0),
        t("callsign", 42),
        t("shipname", 120),
        e("shiptype", 8, na=0),
        *DIMENSIONS,
        e("epfd", 4, na=0),
        u("month", 4, na=0),
        u("day", 5, na=0),
        u("hour", 5, na=24),
        u("minute", 6, na=60),
        DRAUGHT,
        tp("destination", 120),
        b("dte"),
        x("spare", 1),
    ),
    # 424 bits by the standard; 420 and 422 are common in the wild (AIVDM.adoc, Type 5),
    # so a destination cut short is accepted.
    402,
    424,
)
_add(
    6,
    "Binary addressed message",
    (
        *header(),
        u("seqno", 2),
        u("dest_mmsi", 30),
        b("retransmit"),
        x("spare", 1),
        u("dac", 10),
        u("fid", 6),
        _binary_switch(6, 920),
    ),
    88,
    1008,
)
_add(7, "Binary acknowledge", _acknowledge(), 72, 168)
_add(
    8,
    "Binary broadcast message",
    (*header(), x("spare", 2), u("dac", 10), u("fid", 6), _binary_switch(8, 952)),
    56,
    1008,
)
_add(
    9,
    "Standard SAR aircraft position report",
    (
        *header(),
        u("alt", 12, na=4095, units="m"),
        u("speed", 10, na=1023, units="kn"),
        b("accuracy"),
        lon(),
        lat(),
        COURSE,
        SECOND,
        u("regional", 8),
        b("dte"),
        x("spare", 3),
        b("assigned"),
        b("raim"),
        RADIO_20,
    ),
    168,
    168,
)
_add(
    10,
    "UTC/date inquiry",
    (*header(), x("spare", 2), u("dest_mmsi", 30), x("spare2", 2)),
    72,
    72,
)
_add(11, "UTC/date response", _base_station(), 168, 168)
_add(
    12,
    "Addressed safety-related message",
    (
        *header(),
        u("seqno", 2),
        u("dest_mmsi", 30),
        b("retransmit"),
        x("spare", 1),
        t("text", 936, variable=True),
    ),
    72,
    1008,
)
_add(13, "Safety-related acknowledge", _acknowledge(), 72, 168)
_add(
    14,
    "Safety-related broadcast message",
    (*header(), x("spare", 2), t("text", 968, variable=True)),
    40,
    1008,
)
_add(
    15,
    "Interrogation",
    (
        *header(),
        x("spare", 2),
        u("mmsi1", 30),
        u("type1_1", 6),
        u("offset1_1", 12),
        Group((x("spare2", 2), u("type1_2", 6), u("offset1_2", 12))),
        Group((x("spare3", 2), u("mmsi2", 30), u("type2_1", 6), u("offset2_1", 12))),
        Group((x("spare4", 2),)),
    ),
    88,
    160,
)
_add(
    16,
    "Assignment mode command",
    (
        *header(),
        x("spare", 2),
        u("mmsi1", 30),
        u("offset1", 12),
        u("increment1", 10),
        Group((u("mmsi2", 30), u("offset2", 12), u("increment2", 10))),
        Group((x("spare2", 4),)),
    ),
    92,
    144,
)
_add(
    17,
    "DGNSS broadcast binary message",
    (
        *header(),
        x("spare", 2),
        lon(width=18, scale=600.0),
        lat(width=17, scale=600.0),
        x("spare2", 5),
        d("data", 736),
    ),
    80,
    816,
)
_add(
    18,
    "Standard class B CS position report",
    (
        *header(),
        u("reserved", 8),
        SPEED,
        b("accuracy"),
        lon(),
        lat(),
        COURSE,
        HEADING,
        SECOND,
        u("regional", 2),
        b("cs"),
        b("display"),
        b("dsc"),
        b("band"),
        b("msg22"),
        b("assigned"),
        b("raim"),
        RADIO_20,
    ),
    168,
    168,
)
_add(
    19,
    "Extended class B position report",
    (
        *header(),
        u("reserved", 8),
        SPEED,
        b("accuracy"),
        lon(),
        lat(),
        COURSE,
        HEADING,
        SECOND,
        u("regional", 4),
        t("shipname", 120),
        e("shiptype", 8, na=0),
        *DIMENSIONS,
        e("epfd", 4, na=0),
        b("raim"),
        b("dte"),
        b("assigned"),
        x("spare", 4),
    ),
    312,
    312,
)
_slots = tuple(
    Group((u(f"offset{k}", 12), u(f"number{k}", 4), u(f"timeout{k}", 3), u(f"increment{k}", 11)))
    for k in (2, 3, 4)
)
_add(
    20,
    "Data link management",
    (
        *header(),
        x("spare", 2),
        u("offset1", 12),
        u("number1", 4),
        u("timeout1", 3),
        u("increment1", 11),
        *_slots,
        Group((x("spare2", 2),)),
        Group((x("spare3", 2),)),
    ),
    70,
    160,
)
_add(
    21,
    "Aid-to-navigation report",
    (
        *header(),
        e("aid_type", 5, na=0),
        t("name", 120),
        b("accuracy"),
        lon(),
        lat(),
        *DIMENSIONS,
        e("epfd", 4, na=0),
        SECOND,
        b("off_position"),
        u("regional", 8),
        b("raim"),
        b("virtual_aid"),
        b("assigned"),
        x("spare", 1),
        t("name_ext", 88, variable=True),
    ),
    272,
    360,
)
_area = (
    lon("ne_lon", 18, 600.0),
    lat("ne_lat", 17, 600.0),
    lon("sw_lon", 18, 600.0),
    lat("sw_lat", 17, 600.0),
)
_add(
    22,
    "Channel management",
    (
        *header(),
        x("spare", 2),
        u("channel_a", 12),
        u("channel_b", 12),
        u("txrx", 4),
        b("power"),
        Switch(
            # The addressed flag sits after the area, at bit 139: the decoder peeks at it
            # (PEEKS below); the encoder finds it in the record.
            key=lambda r: bool(r.get("addressed")),
            reads=("addressed",),
            cases={True: (u("dest1", 30), x("spare2", 5), u("dest2", 30), x("spare3", 5))},
            default=_area,
            doc="addressed (two destination MMSIs) or broadcast (a rectangle)",
        ),
        b("addressed"),
        b("band_a"),
        b("band_b"),
        u("zonesize", 3),
        x("spare4", 23),
    ),
    168,
    168,
)
_add(
    23,
    "Group assignment command",
    (
        *header(),
        x("spare", 2),
        *_area,
        e("station_type", 4),
        e("ship_type", 8),
        x("spare2", 22),
        u("txrx", 2),
        e("interval", 4),
        u("quiet", 4),
        x("spare3", 6),
    ),
    160,
    160,
)
_add(
    24,
    "Static data report",
    (
        *header(),
        u("partno", 2),
        Switch(
            key=lambda r: int(r["partno"]),  # type: ignore[arg-type]
            reads=("partno",),
            cases={
                0: (t("shipname", 120), Group((x("spare", 8),))),
                1: (
                    *_PART_B_COMMON,
                    Switch(
                        key=_is_auxiliary,
                        reads=("mmsi",),
                        cases={True: (u("mothership_mmsi", 30),)},
                        default=DIMENSIONS,
                    ),
                    x("spare", 6),
                ),
            },
            doc="part A (name) or part B (type, vendor, call sign, dimensions)",
        ),
    ),
    160,
    168,
)
_add(25, "Single slot binary message", _slot_binary(25, 128, radio=False), 40, 168)
_add(26, "Multiple slot binary message", _slot_binary(26, 1004, radio=True), 60, 1064)
_add(
    27,
    "Long range AIS broadcast",
    (
        *header(),
        b("accuracy"),
        b("raim"),
        e("status", 4, na=15),
        lon(width=18, scale=600.0),
        lat(width=17, scale=600.0),
        u("speed", 6, na=63, units="kn"),
        u("course", 9, na=511, units="deg"),
        u("gnss", 1),
        x("spare", 1),
    ),
    # 96 bits by the standard; some stations send a full 168-bit slot (AIVDM.adoc, Type 27).
    96,
    168,
)

PEEKS: dict[int, tuple[str, int]] = {22: ("addressed", 139)}
"""Flags a layout needs before reaching them in order: (field, bit offset)."""
