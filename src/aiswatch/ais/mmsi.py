"""MMSI (Maritime Mobile Service Identity) kinds, MIDs and flags; IMO number check digits.

Sources:

* AIVDM.adoc (../shared/reference/AIVDM.adoc), table "MID formats", which follows ITU-R M.585
  ("<<MMSI>>" in that document). Formats, with MID a three-digit Maritime Identification Digit
  from 201 to 775 and n any digit::

      MIDnnnnnn  ship                      8MIDnnnnn  diver's radio
      0MIDnnnnn  group of ships            00MIDnnnn  coast station
      111MIDnnn  SAR aircraft              99MIDnnnn  aid to navigation
      98MIDnnnn  craft associated with a parent ship (auxiliary craft)
      970MIDnnn  AIS-SART                  972nnnnnn  man-overboard (MOB) device
      974nnnnnn  EPIRB-AIS

* ITU-R M.585-9 for what the table above lacks: 979nnnnnn identifies an autonomous maritime
  radio device (AMRD, "group B"), and the six digits after 970, 972 and 974 are a two-digit
  manufacturer ID and a four-digit serial number rather than a MID. M.585-9 names the 8MIDnnnnn
  format "handheld VHF transceiver with DSC and GNSS"; AIVDM.adoc calls it a diver's radio.
* IMO Resolution A.1117(30), "IMO ship identification number scheme", for the check digit.

An MMSI is handled as an integer and read as the nine-digit, zero-padded decimal string (group
and coast-station MMSIs start with zeros). AIVDM.adoc warns that U.S. vessels sometimes drop the
leading "3" and send eight-digit MMSIs starting with 669; those read here as group MMSIs of MID
669 (Eswatini) -- no attempt is made to repair them.
"""

from __future__ import annotations

import enum
from typing import Final

from aiswatch.ais.tables import MID_ISO2, MID_TABLE

__all__ = [
    "MMSI_MAX",
    "MmsiKind",
    "imo_valid",
    "mmsi_flag",
    "mmsi_kind",
    "mmsi_mid",
    "mmsi_str",
    "mmsi_valid",
]

MMSI_MAX: Final = 999_999_999
"""Largest MMSI: nine decimal digits (the 30-bit AIS field could hold more)."""


class MmsiKind(enum.StrEnum):
    """The kind of station an MMSI identifies, from its format."""

    SHIP = "ship"
    GROUP = "group"
    COAST_STATION = "coast_station"
    SAR_AIRCRAFT = "sar_aircraft"
    AID_TO_NAVIGATION = "aid_to_navigation"
    AUXILIARY_CRAFT = "auxiliary_craft"
    SART = "sart"
    MOB = "mob"
    EPIRB = "epirb"
    DIVER = "diver"
    AMRD = "amrd"
    INVALID = "invalid"


# (prefix, kind, index of the MID's first digit in the nine-digit string or None). Checked in
# order, so longer prefixes come before shorter ones that they extend ("00" before "0"). A ship's
# MMSI starts with its MID, and MIDs run from 201 to 775 (AIVDM.adoc), so ships start with 2-7;
# an MMSI starting with 1 (other than 111) or 9 (other than 970/972/974/979/98/99) has no format.
_FORMATS: Final[tuple[tuple[str, MmsiKind, int | None], ...]] = (
    ("970", MmsiKind.SART, 3),
    ("972", MmsiKind.MOB, None),
    ("974", MmsiKind.EPIRB, None),
    ("979", MmsiKind.AMRD, None),
    ("98", MmsiKind.AUXILIARY_CRAFT, 2),
    ("99", MmsiKind.AID_TO_NAVIGATION, 2),
    ("111", MmsiKind.SAR_AIRCRAFT, 3),
    ("00", MmsiKind.COAST_STATION, 2),
    ("0", MmsiKind.GROUP, 1),
    ("8", MmsiKind.DIVER, 1),
    *((d, MmsiKind.SHIP, 0) for d in "234567"),
)

# Kinds whose digits after the prefix are not a MID under ITU-R M.585-9 (manufacturer ID and
# serial number), so that they need not hold an allocated MID.
_NO_MID_CHECK: Final = frozenset({MmsiKind.SART, MmsiKind.MOB, MmsiKind.EPIRB, MmsiKind.AMRD})


def mmsi_str(mmsi: int) -> str:
    """The MMSI as nine zero-padded digits; ValueError when it is outside 0-999999999."""
    if not 0 <= mmsi <= MMSI_MAX:
        raise ValueError(f"MMSI out of range: {mmsi}")
    return f"{mmsi:09d}"


def _classify(mmsi: int) -> tuple[MmsiKind, int | None]:
    """Kind of an MMSI and the digits in its format's MID position (None where it has none)."""
    if not 0 <= mmsi <= MMSI_MAX:
        return MmsiKind.INVALID, None
    digits = f"{mmsi:09d}"
    for prefix, kind, at in _FORMATS:
        if not digits.startswith(prefix):
            continue
        if at is None:
            return kind, None
        if digits[at] == "0":
            # No MID starts with 0: more leading zeros than the format has (000MIDnnn, ...),
            # or, after 970, a manufacturer ID (M.585-9) that is no MID at all.
            return (kind, None) if kind in _NO_MID_CHECK else (MmsiKind.INVALID, None)
        return kind, int(digits[at : at + 3])
    return MmsiKind.INVALID, None


def mmsi_kind(mmsi: int) -> MmsiKind:
    """The station kind by the "MID formats" table; INVALID outside 0-999999999 or no format.

    The kind follows from the prefix alone; the MID is not looked up (see mmsi_valid), so
    981234567 is an AUXILIARY_CRAFT with the unallocated MID 123. INVALID: a first digit 1
    other than 111, a first digit 9 other than 970/972/974/979/98/99, and a 0 where a format's
    MID starts (000MIDnnn, 980MIDnnn, ...: no MID starts with 0), e.g. 123 = "000000123".
    """
    return _classify(mmsi)[0]


def mmsi_mid(mmsi: int) -> int | None:
    """The MID of the MMSI's format, or None where it has none; it need not be allocated.

    Digits 1-3 for ships, 2-4 for groups and divers' radios, 3-5 for coast stations, aids to
    navigation and auxiliary craft, 4-6 for SAR aircraft and AIS-SARTs (970MIDnnn per
    AIVDM.adoc; None when digit 4 is 0, as M.585-9 has a manufacturer ID there). None for MOB
    (972...), EPIRB (974...), AMRD (979...) and INVALID MMSIs.
    """
    return _classify(mmsi)[1]


def mmsi_flag(mmsi: int) -> tuple[str | None, str | None]:
    """(ISO 3166-1 alpha-2 code, ITU "allocated to" text) of the MMSI's MID.

    ``(None, None)`` when the MMSI has no MID or its MID is not allocated.
    """
    mid = mmsi_mid(mmsi)
    if mid is None or mid not in MID_TABLE:
        return None, None
    return MID_ISO2.get(mid), MID_TABLE[mid]


def mmsi_valid(mmsi: int) -> bool:
    """Whether an MMSI is well formed.

    Rule: the value is 0-999999999 and, read as nine zero-padded digits, matches a format of
    the "MID formats" table (so it is >= 100000000 unless it is a group, 0MIDnnnnn, or a coast
    station, 00MIDnnnn); where the format has a MID (ship, group, coast station, SAR aircraft,
    aid to navigation, auxiliary craft, diver's radio) that MID is allocated in MID_TABLE.
    AIS-SART, MOB, EPIRB and AMRD identities are valid by their prefix alone, their other
    digits being manufacturer ID and serial number under ITU-R M.585-9.
    """
    kind, mid = _classify(mmsi)
    if kind is MmsiKind.INVALID:
        return False
    if kind in _NO_MID_CHECK:
        return True
    return mid is not None and mid in MID_TABLE


# IMO ship identification number scheme (IMO Resolution A.1117(30)): an IMO ship number is "IMO" and seven digits, the last a check
# digit: the first six digits weighted 7, 6, 5, 4, 3, 2 from the left are summed and the last
# digit of the sum is the check digit.
_IMO_WEIGHTS: Final = (7, 6, 5, 4, 3, 2)


def imo_valid(imo: int) -> bool:
    """Whether ``imo`` is a seven-digit IMO ship number whose check digit is right.

    ``imo_valid(9074729)``: 9*7 + 0*6 + 7*5 + 4*4 + 7*3 + 2*2 = 139, last digit 9 -> True.
    Zero, numbers of other than seven digits (leading zeros included) -> False.
    """
    if not 1_000_000 <= imo <= 9_999_999:
        return False
    digits = [int(c) for c in str(imo)]
    total = sum(w * d for w, d in zip(_IMO_WEIGHTS, digits[:6], strict=True))
    return total % 10 == digits[6]
