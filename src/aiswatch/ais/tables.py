"""AIS reference tables: controlled vocabularies of messages 1-27 (MID table: `mid`).

Sources (facts carried over, named next to each table):

* ``AIVDM.adoc`` -- Eric S. Raymond, "AIVDM/AIVDO protocol decoding" (the copy in
  ``../shared/reference/AIVDM.adoc``), which follows ITU-R M.1371 and IALA's
  "Technical Clarifications on Recommendation ITU-R M.1371".
* ITU-R M.1371-5 itself, where AIVDM.adoc leaves a code undefined (marked as such).
* ITU MARS "Table of Maritime Identification Digits", as exported to
  ``../shared/data/geo/ports/itu_MaritimeIdentificationDigits.csv`` (columns
  ``MID,Allocated_to``; 294 rows, 292 distinct MIDs).

Every ``*_text`` function takes any ``int`` and never raises: a code outside the table yields a
text that still names the code, so that a decoder can pass through junk values seen in the wild.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Final

__all__ = [
    "AID_TYPES",
    "BLUE_SIGN",
    "EPFD_TYPES",
    "MANEUVER_INDICATORS",
    "MID_ISO2",
    "MID_TABLE",
    "MID_TERRITORIES",
    "NAV_STATUS",
    "SHIP_TYPES",
    "SHIP_TYPE_CATEGORIES",
    "STATION_INTERVALS",
    "STATION_TYPES",
    "TRANSMIT_MODES",
    "VOCABULARIES",
    "aid_type_text",
    "blue_sign_text",
    "controlled_texts",
    "epfd_text",
    "interval_text",
    "maneuver_text",
    "mid_country",
    "mid_iso2",
    "nav_status_text",
    "ship_type_category",
    "ship_type_text",
    "station_type_text",
    "txrx_text",
]


# ---------------------------------------------------------------------------------------------
# Controlled vocabularies of message types 1-27 (AIVDM.adoc unless noted)
# ---------------------------------------------------------------------------------------------

# AIVDM.adoc, table "Navigation Status" (types 1-3 and 27, field ``status``; 4 bits).
NAV_STATUS: Final[tuple[str, ...]] = (
    "Under way using engine",  # 0
    "At anchor",  # 1
    "Not under command",  # 2
    "Restricted manoeuverability",  # 3
    "Constrained by her draught",  # 4
    "Moored",  # 5
    "Aground",  # 6
    "Engaged in Fishing",  # 7
    "Under way sailing",  # 8
    "Reserved for future amendment of Navigational Status for HSC",  # 9
    "Reserved for future amendment of Navigational Status for WIG",  # 10
    "Reserved for future use",  # 11
    "Reserved for future use",  # 12
    "Reserved for future use",  # 13
    "AIS-SART is active",  # 14
    "Not defined (default)",  # 15
)

# AIVDM.adoc, table "Maneuver Indicator" (types 1-3, field ``maneuver``; 2 bits). Value 3 is not
# in the table; ITU-R M.1371-5 marks it "not used".
MANEUVER_INDICATORS: Final[tuple[str, ...]] = (
    "Not available (default)",  # 0
    "No special maneuver",  # 1
    "Special maneuver (such as regional passing arrangement)",  # 2
    "Not used",  # 3 (ITU-R M.1371-5)
)

# AIVDM.adoc, table "Blue Sign": the same 2 bits as the maneuver indicator, as read by Inland AIS.
BLUE_SIGN: Final[tuple[str, ...]] = (
    "Not available (default)",  # 0
    "No",  # 1
    "Yes",  # 2
    "Not used",  # 3 (ITU-R M.1371-5)
)

# AIVDM.adoc, table "EPFD Fix Types" (types 4, 5, 11, 19, 21, field ``epfd``; 4 bits). The doc
# notes 9-15 are "not used" per IALA and that 15 is common in the wild as "undefined";
# ITU-R M.1371-5 names 15 "internal GNSS".
EPFD_TYPES: Final[tuple[str, ...]] = (
    "Undefined (default)",  # 0
    "GPS",  # 1
    "GLONASS",  # 2
    "Combined GPS/GLONASS",  # 3
    "Loran-C",  # 4
    "Chayka",  # 5
    "Integrated navigation system",  # 6
    "Surveyed",  # 7
    "Galileo",  # 8
    *(("Not used",) * 6),  # 9-14
    "Internal GNSS",  # 15 (ITU-R M.1371-5)
)

# AIVDM.adoc, table "Codes for Ship Type" (types 5, 19, 24 ``shiptype``; type 23 ``ship_type``;
# 8 bits). Codes above 99 are junk; the doc advises treating them like 0 (see ship_type_text).
SHIP_TYPES: Final[tuple[str, ...]] = (
    "Not available (default)",  # 0
    *(("Reserved for future use",) * 19),  # 1-19
    "Wing in ground (WIG), all ships of this type",  # 20
    "Wing in ground (WIG), Hazardous category A",  # 21
    "Wing in ground (WIG), Hazardous category B",  # 22
    "Wing in ground (WIG), Hazardous category C",  # 23
    "Wing in ground (WIG), Hazardous category D",  # 24
    "Wing in ground (WIG), Reserved for future use",  # 25
    "Wing in ground (WIG), Reserved for future use",  # 26
    "Wing in ground (WIG), Reserved for future use",  # 27
    "Wing in ground (WIG), Reserved for future use",  # 28
    "Wing in ground (WIG), Reserved for future use",  # 29
    "Fishing",  # 30
    "Towing",  # 31
    "Towing: length exceeds 200m or breadth exceeds 25m",  # 32
    "Dredging or underwater ops",  # 33
    "Diving ops",  # 34
    "Military ops",  # 35
    "Sailing",  # 36
    "Pleasure Craft",  # 37
    "Reserved",  # 38
    "Reserved",  # 39
    "High speed craft (HSC), all ships of this type",  # 40
    "High speed craft (HSC), Hazardous category A",  # 41
    "High speed craft (HSC), Hazardous category B",  # 42
    "High speed craft (HSC), Hazardous category C",  # 43
    "High speed craft (HSC), Hazardous category D",  # 44
    "High speed craft (HSC), Reserved for future use",  # 45
    "High speed craft (HSC), Reserved for future use",  # 46
    "High speed craft (HSC), Reserved for future use",  # 47
    "High speed craft (HSC), Reserved for future use",  # 48
    "High speed craft (HSC), No additional information",  # 49
    "Pilot Vessel",  # 50
    "Search and Rescue vessel",  # 51
    "Tug",  # 52
    "Port Tender",  # 53
    "Anti-pollution equipment",  # 54
    "Law Enforcement",  # 55
    "Spare - Local Vessel",  # 56
    "Spare - Local Vessel",  # 57
    "Medical Transport",  # 58
    "Noncombatant ship according to RR Resolution No. 18",  # 59
    "Passenger, all ships of this type",  # 60
    "Passenger, Hazardous category A",  # 61
    "Passenger, Hazardous category B",  # 62
    "Passenger, Hazardous category C",  # 63
    "Passenger, Hazardous category D",  # 64
    "Passenger, Reserved for future use",  # 65
    "Passenger, Reserved for future use",  # 66
    "Passenger, Reserved for future use",  # 67
    "Passenger, Reserved for future use",  # 68
    "Passenger, No additional information",  # 69
    "Cargo, all ships of this type",  # 70
    "Cargo, Hazardous category A",  # 71
    "Cargo, Hazardous category B",  # 72
    "Cargo, Hazardous category C",  # 73
    "Cargo, Hazardous category D",  # 74
    "Cargo, Reserved for future use",  # 75
    "Cargo, Reserved for future use",  # 76
    "Cargo, Reserved for future use",  # 77
    "Cargo, Reserved for future use",  # 78
    "Cargo, No additional information",  # 79
    "Tanker, all ships of this type",  # 80
    "Tanker, Hazardous category A",  # 81
    "Tanker, Hazardous category B",  # 82
    "Tanker, Hazardous category C",  # 83
    "Tanker, Hazardous category D",  # 84
    "Tanker, Reserved for future use",  # 85
    "Tanker, Reserved for future use",  # 86
    "Tanker, Reserved for future use",  # 87
    "Tanker, Reserved for future use",  # 88
    "Tanker, No additional information",  # 89
    "Other Type, all ships of this type",  # 90
    "Other Type, Hazardous category A",  # 91
    "Other Type, Hazardous category B",  # 92
    "Other Type, Hazardous category C",  # 93
    "Other Type, Hazardous category D",  # 94
    "Other Type, Reserved for future use",  # 95
    "Other Type, Reserved for future use",  # 96
    "Other Type, Reserved for future use",  # 97
    "Other Type, Reserved for future use",  # 98
    "Other Type, no additional information",  # 99
)

# Short categories for SHIP_TYPES, one per code 0-99 (ours, derived from the groups of the
# "Codes for Ship Type" table). Codes outside 0-99 fall in "unknown", like code 0.
_SHIP_TYPE_CATEGORY_RANGES: Final[tuple[tuple[int, int, str], ...]] = (
    (0, 0, "unknown"),
    (1, 19, "reserved"),
    (20, 29, "wig"),
    (30, 30, "fishing"),
    (31, 32, "towing"),
    (33, 33, "dredging"),
    (34, 34, "diving"),
    (35, 35, "military"),
    (36, 36, "sailing"),
    (37, 37, "pleasure"),
    (38, 39, "reserved"),
    (40, 49, "hsc"),
    (50, 50, "pilot"),
    (51, 51, "sar"),
    (52, 52, "tug"),
    (53, 53, "port_tender"),
    (54, 54, "anti_pollution"),
    (55, 55, "law_enforcement"),
    (56, 57, "local"),
    (58, 58, "medical"),
    (59, 59, "noncombatant"),
    (60, 69, "passenger"),
    (70, 79, "cargo"),
    (80, 89, "tanker"),
    (90, 99, "other"),
)
_SHIP_CATEGORY_BY_CODE: Final[tuple[str, ...]] = tuple(
    cat for lo, hi, cat in _SHIP_TYPE_CATEGORY_RANGES for _ in range(lo, hi + 1)
)
SHIP_TYPE_CATEGORIES: Final[tuple[str, ...]] = tuple(
    dict.fromkeys(cat for _, _, cat in _SHIP_TYPE_CATEGORY_RANGES)
)
"""Every value ship_type_category can return, in code order."""

# AIVDM.adoc, table "Navaid Types" (type 21, field ``aid_type``; 5 bits; per IALA 1-15 are fixed
# and 16-31 floating aids). Code 3 also carries the note "This code should identify an
# obstruction that is fitted with an Aid-to-Navigation AIS station", left out of the text.
AID_TYPES: Final[tuple[str, ...]] = (
    "Default, Type of Aid to Navigation not specified",  # 0
    "Reference point",  # 1
    "RACON (radar transponder marking a navigation hazard)",  # 2
    "Fixed structure off shore, such as oil platforms, wind farms, rigs",  # 3
    "Spare, Reserved for future use",  # 4
    "Light, without sectors",  # 5
    "Light, with sectors",  # 6
    "Leading Light Front",  # 7
    "Leading Light Rear",  # 8
    "Beacon, Cardinal N",  # 9
    "Beacon, Cardinal E",  # 10
    "Beacon, Cardinal S",  # 11
    "Beacon, Cardinal W",  # 12
    "Beacon, Port hand",  # 13
    "Beacon, Starboard hand",  # 14
    "Beacon, Preferred Channel port hand",  # 15
    "Beacon, Preferred Channel starboard hand",  # 16
    "Beacon, Isolated danger",  # 17
    "Beacon, Safe water",  # 18
    "Beacon, Special mark",  # 19
    "Cardinal Mark N",  # 20
    "Cardinal Mark E",  # 21
    "Cardinal Mark S",  # 22
    "Cardinal Mark W",  # 23
    "Port hand Mark",  # 24
    "Starboard hand Mark",  # 25
    "Preferred Channel Port hand",  # 26
    "Preferred Channel Starboard hand",  # 27
    "Isolated danger",  # 28
    "Safe Water",  # 29
    "Special Mark",  # 30
    "Light Vessel / LANBY / Rigs",  # 31
)

# AIVDM.adoc, table "Station Types" (type 23, field ``station_type``; 4 bits). The doc adds
# that Inland AIS uses 6 (only) for inland waterways, keeping 7-9 for other regional uses.
STATION_TYPES: Final[tuple[str, ...]] = (
    "All types of mobiles (default)",  # 0
    "Reserved for future use",  # 1
    "All types of Class B mobile stations",  # 2
    "SAR airborne mobile station",  # 3
    "Aid to Navigation station",  # 4
    "Class B shipborne mobile station (IEC62287 only)",  # 5
    *(("Regional use and inland waterways",) * 4),  # 6-9
    *(("Reserved for future use",) * 6),  # 10-15
)

# AIVDM.adoc, table "Transmit Modes" (type 23 ``txrx``, 2 bits; type 22 ``txrx`` uses the same
# two low bits of its 4-bit field).
TRANSMIT_MODES: Final[tuple[str, ...]] = (
    "TxA/TxB, RxA/RxB (default)",  # 0
    "TxA, RxA/RxB",  # 1
    "TxB, RxA/RxB",  # 2
    "Reserved for Future Use",  # 3
)

# AIVDM.adoc, table "Station Intervals" (type 23, field ``interval``; 4 bits).
STATION_INTERVALS: Final[tuple[str, ...]] = (
    "As given by the autonomous mode",  # 0
    "10 Minutes",  # 1
    "6 Minutes",  # 2
    "3 Minutes",  # 3
    "1 Minute",  # 4
    "30 Seconds",  # 5
    "15 Seconds",  # 6
    "10 Seconds",  # 7
    "5 Seconds",  # 8
    "Next Shorter Reporting Interval",  # 9
    "Next Longer Reporting Interval",  # 10
    *(("Reserved for future use",) * 5),  # 11-15
)


def _lookup(table: tuple[str, ...], code: int) -> str:
    """The table's text for ``code``, or a text naming the out-of-range code."""
    if 0 <= code < len(table):
        return table[code]
    return f"Invalid code {code}"


def nav_status_text(code: int) -> str:
    """Navigation status (types 1-3, 27 ``status``) as text."""
    return _lookup(NAV_STATUS, code)


def maneuver_text(code: int) -> str:
    """Maneuver indicator (types 1-3 ``maneuver``) as text."""
    return _lookup(MANEUVER_INDICATORS, code)


def blue_sign_text(code: int) -> str:
    """Inland AIS "blue sign" reading of the types 1-3 maneuver bits as text."""
    return _lookup(BLUE_SIGN, code)


def epfd_text(code: int) -> str:
    """Type of electronic position fixing device (types 4, 5, 11, 19, 21 ``epfd``) as text."""
    return _lookup(EPFD_TYPES, code)


def ship_type_text(code: int) -> str:
    """Ship and cargo type (types 5, 19, 24 ``shiptype``, 23 ``ship_type``) as text.

    Codes above 99 are unassigned junk that transmitters emit when the field was never set;
    following AIVDM.adoc they read like code 0 ("Not available"), with the raw code kept in the
    text so that nothing is lost: ``ship_type_text(137) == "Not available (code 137)"``.
    """
    if 0 <= code < len(SHIP_TYPES):
        return SHIP_TYPES[code]
    return f"Not available (code {code})"


def ship_type_category(code: int) -> str:
    """Short category of a ship type code; one of SHIP_TYPE_CATEGORIES.

    ``"unknown"`` for 0 and for anything outside 0-99; ``"reserved"`` for 1-19, 38 and 39.
    """
    if 0 <= code < len(_SHIP_CATEGORY_BY_CODE):
        return _SHIP_CATEGORY_BY_CODE[code]
    return "unknown"


def aid_type_text(code: int) -> str:
    """Aid-to-navigation type (type 21 ``aid_type``, 0-31) as text."""
    return _lookup(AID_TYPES, code)


def station_type_text(code: int) -> str:
    """Station type (type 23 ``station_type``, 0-15) as text."""
    return _lookup(STATION_TYPES, code)


def txrx_text(code: int) -> str:
    """Transmit/receive mode (type 23 ``txrx``; the two low bits of type 22 ``txrx``) as text."""
    return _lookup(TRANSMIT_MODES, code)


def interval_text(code: int) -> str:
    """Reporting interval (type 23 ``interval``, 0-15) as text."""
    return _lookup(STATION_INTERVALS, code)


# gpsd's JSON-AIS "_text" members: AIVDM.adoc, "JSON-AIS encoding", table "Special fields",
# column "Controlled Vocabularies", for types 1-27 (the 6/8 binary subtypes are not covered).
# Notes on the mapping:
# * the table's row "22-23 | shiptype,stationtype" names type 23's members ``ship_type`` and
#   ``station_type`` (type 23's field table); type 22 has no such fields, so it has no entry;
# * type 27 carries the same ``status`` vocabulary as types 1-3 (its field table says "See
#   Common Navigation Block"), so it is listed although the table shows "-" for it.
VOCABULARIES: Final[dict[tuple[int, str], Callable[[int], str]]] = {
    (1, "status"): nav_status_text,
    (2, "status"): nav_status_text,
    (3, "status"): nav_status_text,
    (4, "epfd"): epfd_text,
    (11, "epfd"): epfd_text,
    (5, "shiptype"): ship_type_text,
    (5, "epfd"): epfd_text,
    (19, "shiptype"): ship_type_text,
    (19, "epfd"): epfd_text,
    (21, "aid_type"): aid_type_text,
    (21, "epfd"): epfd_text,
    (23, "ship_type"): ship_type_text,
    (23, "station_type"): station_type_text,
    (24, "shiptype"): ship_type_text,
    (27, "status"): nav_status_text,
}
"""(message type, member name) -> function giving the member's ``<member>_text`` value."""


def controlled_texts(msg_type: int, fields: Mapping[str, object]) -> dict[str, str]:
    """The gpsd-style ``<member>_text`` members for a decoded message's fields.

    ``fields`` maps member names (AIVDM.adoc "Member" column) to values; every integer member
    with a vocabulary for ``msg_type`` in VOCABULARIES gets a ``"<member>_text"`` entry.
    Absent members and non-integer values (``None``, booleans) are skipped.
    """
    out: dict[str, str] = {}
    for name, value in fields.items():
        fn = VOCABULARIES.get((msg_type, name))
        if fn is not None and isinstance(value, int) and not isinstance(value, bool):
            out[f"{name}_text"] = fn(value)
    return out


# The MID table lives in its own module; re-exported here for convenience.
from aiswatch.ais.mid import (  # noqa: E402
    MID_ISO2,
    MID_TABLE,
    MID_TERRITORIES,
    mid_country,
    mid_iso2,
)
