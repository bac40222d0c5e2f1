"""Tests for aiswatch.ais.mmsi: MMSI formats (AIVDM.adoc "MID formats") and IMO check digits."""

from __future__ import annotations

import pytest

from aiswatch.ais.mmsi import (
    MMSI_MAX,
    MmsiKind,
    imo_valid,
    mmsi_flag,
    mmsi_kind,
    mmsi_mid,
    mmsi_str,
    mmsi_valid,
)
from aiswatch.ais.tables import MID_TABLE

K = MmsiKind


@pytest.mark.parametrize(
    ("mmsi", "kind", "mid", "iso2", "valid"),
    [
        (413000000, K.SHIP, 413, "CN", True),
        (414270000, K.SHIP, 414, "CN", True),
        (613003889, K.SHIP, 613, "CM", True),
        (677087200, K.SHIP, 677, "TZ", True),
        (518998865, K.SHIP, 518, "CK", True),
        (366999999, K.SHIP, 366, "US", True),
        (477123400, K.SHIP, 477, "HK", True),
        (216000000, K.SHIP, 216, "AM", True),
        (217000000, K.SHIP, 217, None, False),  # MID 217 unallocated
        (36699999, K.GROUP, 366, "US", True),  # 036699999
        (3669999, K.COAST_STATION, 366, "US", True),  # 003669999: 00MIDXXXX
        (2190048, K.COAST_STATION, 219, "DK", True),  # 002190048
        (111219000, K.SAR_AIRCRAFT, 219, "DK", True),
        (992191000, K.AID_TO_NAVIGATION, 219, "DK", True),
        (992351234, K.AID_TO_NAVIGATION, 235, "GB", True),
        (981234567, K.AUXILIARY_CRAFT, 123, None, False),  # MID 123 unallocated
        (982191234, K.AUXILIARY_CRAFT, 219, "DK", True),
        (823012345, K.DIVER, 230, "FI", True),
        (970123456, K.SART, 123, None, True),  # digits 4-6 are no MID under M.585-9
        (970012345, K.SART, None, None, True),
        (970219123, K.SART, 219, "DK", True),
        (972123456, K.MOB, None, None, True),
        (974123456, K.EPIRB, None, None, True),
        (979123456, K.AMRD, None, None, True),
    ],
)
def test_known_mmsis(
    mmsi: int, kind: MmsiKind, mid: int | None, iso2: str | None, valid: bool
) -> None:
    assert mmsi_kind(mmsi) is kind
    assert mmsi_mid(mmsi) == mid
    flag = mmsi_flag(mmsi)
    assert flag[0] == iso2
    assert flag[1] == (MID_TABLE[mid] if iso2 is not None and mid is not None else None)
    assert mmsi_valid(mmsi) is valid


def test_flag_texts() -> None:
    assert mmsi_flag(613003889) == ("CM", "Cameroon (Republic of)")
    assert mmsi_flag(677087200) == ("TZ", "Tanzania (United Republic of)")
    assert mmsi_flag(518998865) == ("CK", "New Zealand - Cook Islands")
    assert mmsi_flag(414270000) == ("CN", "China (People's Republic of)")
    assert mmsi_flag(2190048) == ("DK", "Denmark")
    assert mmsi_flag(972123456) == (None, None)


@pytest.mark.parametrize(
    "mmsi",
    [
        -1,
        MMSI_MAX + 1,
        2**30 - 1,  # largest value of the 30-bit field
        0,
        123,  # 000000123: no MID starts with 0
        123456789,  # 1 other than 111
        110000000,
        912345678,  # 9 other than 97x/98/99
        971123456,
        973123456,
        975123456,
        980123456,  # 98 then a 0 where the MID starts
        990123456,
        111012345,
        800123456,
    ],
)
def test_invalid_formats(mmsi: int) -> None:
    assert mmsi_kind(mmsi) is K.INVALID
    assert mmsi_mid(mmsi) is None
    assert mmsi_flag(mmsi) == (None, None)
    assert mmsi_valid(mmsi) is False


def test_coast_station_with_mid_starting_1_is_unallocated() -> None:
    # 001234567 reads as 00 + MID 123 + 4567: a coast-station format with an unallocated MID.
    assert mmsi_kind(1234567) is K.COAST_STATION
    assert mmsi_mid(1234567) == 123
    assert mmsi_valid(1234567) is False


def test_every_allocated_mid_makes_valid_mmsis() -> None:
    for mid in MID_TABLE:
        for mmsi, kind in (
            (mid * 1_000_000 + 1, K.SHIP),
            (mid * 100_000, K.GROUP),
            (mid * 10_000 + 1, K.COAST_STATION),
            (111_000_000 + mid * 1000, K.SAR_AIRCRAFT),
            (990_000_000 + mid * 10_000, K.AID_TO_NAVIGATION),
            (980_000_000 + mid * 10_000, K.AUXILIARY_CRAFT),
            (800_000_000 + mid * 100_000, K.DIVER),
        ):
            assert mmsi_kind(mmsi) is kind, mmsi
            assert mmsi_mid(mmsi) == mid, mmsi
            assert mmsi_valid(mmsi), mmsi
            assert mmsi_flag(mmsi)[1] == MID_TABLE[mid]


def test_mmsi_str() -> None:
    assert mmsi_str(2190048) == "002190048"
    assert mmsi_str(413000000) == "413000000"
    with pytest.raises(ValueError):
        mmsi_str(MMSI_MAX + 1)
    with pytest.raises(ValueError):
        mmsi_str(-1)


def test_kind_is_str_enum() -> None:
    assert MmsiKind.SHIP.value == "ship"
    assert str(MmsiKind.AID_TO_NAVIGATION) == "aid_to_navigation"
    assert len({k.value for k in MmsiKind}) == len(MmsiKind)


# IMO numbers from the brief, each checked by hand (digits 1-6 weighted 7, 6, 5, 4, 3, 2 and
# summed; the sum's last digit is digit 7): 9074729 -> 139, 9307839 -> 139, 9203588 -> 118,
# 8358427 -> 147, 1000007 -> 7, 9999993 -> 243.
@pytest.mark.parametrize("imo", [9074729, 9307839, 9203588, 8358427, 1000007, 9999993])
def test_imo_valid(imo: int) -> None:
    assert imo_valid(imo)


@pytest.mark.parametrize(
    "imo",
    [
        0,
        9074728,  # last digit changed
        9074720,
        9704729,  # two digits swapped: 9*7+7*6+0+4*4+7*3+2*2 = 146 -> 6
        9307838,
        9203589,
        8358428,
        907472,  # six digits
        90747290,  # eight digits
        -9074729,
        999999,
    ],
)
def test_imo_invalid(imo: int) -> None:
    assert not imo_valid(imo)
