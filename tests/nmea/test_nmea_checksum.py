"""Checksum of NMEA sentences and tag blocks."""

from __future__ import annotations

from aiswatch.nmea import checksum, format_checksum, with_checksum
from aiswatch.nmea.checksum import parse_checksum

# Examples from the AIVDM reference (AIVDM/AIVDO Sentence Layer, NMEA Tag Blocks).
TYPE1 = "!AIVDM,1,1,,B,177KQJ5000G?tO`K>RA1wUbN0TKH,0*5C"
FRAG1 = "!AIVDM,2,1,3,B,55P5TL01VIaAL@7WKO@mBplU@<PDhh000000001S;AJ::4A80?4i@E53,0*3E"
FRAG2 = "!AIVDM,2,2,3,B,1@0000000000000,2*55"


def test_checksum_of_body() -> None:
    assert checksum(TYPE1[1 : TYPE1.index("*")]) == 0x5C


def test_checksum_accepts_whole_sentence() -> None:
    for sentence in (TYPE1, FRAG1, FRAG2):
        assert format_checksum(checksum(sentence)) == sentence[-2:]


def test_checksum_of_tag_block_content() -> None:
    assert checksum("g:1-2-73874,n:157036,s:r003669945,c:1241544035") == 0x4A
    assert checksum("\\g:1-2-73874,n:157036,s:r003669945,c:1241544035*4A\\") == 0x4A


def test_checksum_empty_and_dollar() -> None:
    assert checksum("") == 0
    assert checksum("$GPR00,A,B,C*29") == 0x29


def test_with_checksum_round_trip() -> None:
    body = TYPE1[1 : TYPE1.index("*")]
    assert with_checksum(body) == TYPE1
    assert with_checksum("PFOO,1", "$") == f"$PFOO,1*{checksum('PFOO,1'):02X}"


def test_parse_checksum_field() -> None:
    assert parse_checksum("5C") == 0x5C
    assert parse_checksum("5c") == 0x5C
    for bad in ("", "5", "5C0", "G1", " 5", "+5"):
        assert parse_checksum(bad) is None
