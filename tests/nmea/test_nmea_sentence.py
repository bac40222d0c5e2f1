"""Parsing one VDM/VDO sentence: fields, armour and the reasons it can be refused."""

from __future__ import annotations

import pytest

from aiswatch.nmea import ARMOUR, is_armour, with_checksum
from aiswatch.nmea.sentence import SentenceError, ais_header, parse_sentence


def sentence(body: str) -> str:
    return with_checksum(body)


def test_armour_alphabet() -> None:
    assert len(ARMOUR) == 64
    assert ARMOUR[0] == "0" and ARMOUR[39] == "W" and ARMOUR[40] == "`" and ARMOUR[-1] == "w"
    assert is_armour(ARMOUR)
    for bad in ("X", "_", "x", " ", "!", "é"):
        assert not is_armour("15" + bad)


def test_fields() -> None:
    frag = parse_sentence(
        "!AIVDM,2,1,3,B,55P5TL01VIaAL@7WKO@mBplU@<PDhh000000001S;AJ::4A80?4i@E53,0*3E"
    )
    assert (frag.talker, frag.own, frag.count, frag.number) == ("AI", False, 2, 1)
    assert (frag.seq, frag.channel, frag.fill, frag.checksum_ok) == ("3", "B", 0, True)
    assert frag.payload.startswith("55P5TL01") and frag.tail == ""


@pytest.mark.parametrize("talker", ["AI", "AB", "AD", "AN", "AR", "AS", "AT", "AX", "BS", "SA"])
def test_talkers_and_vdo(talker: str) -> None:
    text = sentence(f"{talker}VDO,1,1,,,11auciwP00GRV:4CBpK8N?wF2000,0")
    assert ais_header(text)
    frag = parse_sentence(text)
    assert frag.talker == talker and frag.own and frag.channel == ""


def test_not_ais_header() -> None:
    assert not ais_header("!AIABK,1,2,3*00")
    assert not ais_header("$GPRMC,1,2*00")
    assert not ais_header("!AIVDMX,1")
    assert not ais_header("!aivdm,1,1,,A,1,0*00")


def test_gofree_eighth_field() -> None:
    frag = parse_sentence("!AIVDM,1,1,1,,13aI8e?P00PGpU:NR6s00?vT2000,0,0*1C")
    assert frag.fill == 0 and frag.seq == "1" and frag.channel == ""
    frag = parse_sentence("!AIVDM,1,1,0,,E>jN6<0W6@1WPab3bPa2@LtP0000:uoH?9Ur@00000000?,4,4*76")
    assert frag.fill == 4


def test_tail_kept() -> None:
    frag = parse_sentence("!AIVDM,1,1,,A,15B4FT5000JRP>PE6E68Nbkl0PS5,0*70,b003669794,1272412827")
    assert frag.tail == ",b003669794,1272412827"
    assert frag.sentence == "!AIVDM,1,1,,A,15B4FT5000JRP>PE6E68Nbkl0PS5,0*70"


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("!AIVDM,1,1,,B,177KQJ5000G?tO`K>RA1wUbN0TKH,0*5D", "bad-checksum"),
        ("!AIVDM,1,1,,B,177KQJ5000G?tO`K>RA1wUbN0TKH,0", "malformed-sentence"),
        ("!AIVDM,1,1,,B,177KQJ5000G?tO`K>RA1wUbN0TKH,0*Z1", "malformed-sentence"),
        (sentence("AIVDM,1,1,B,177KQJ5000G?tO`K>RA1wUbN0TKH,0"), "malformed-sentence"),
        (sentence("AIVDM,1,1,,B,177KQJ5000G?tO`K>RA1wUbN0TKH,0,0,0"), "malformed-sentence"),
        (sentence("AIVDM,0,1,,B,177KQJ5000G?tO`K>RA1wUbN0TKH,0"), "bad-fragment-count"),
        (sentence("AIVDM,2,3,,B,177KQJ5000G?tO`K>RA1wUbN0TKH,0"), "bad-fragment-count"),
        (sentence("AIVDM,10,1,,B,177KQJ5000G?tO`K>RA1wUbN0TKH,0"), "bad-fragment-count"),
        (sentence("AIVDM,x,1,,B,177KQJ5000G?tO`K>RA1wUbN0TKH,0"), "bad-fragment-count"),
        (sentence("AIVDM,1,1,,B,177KQJ5000G?tO`K>RA1wUbN0TKH,6"), "bad-fill-bits"),
        (sentence("AIVDM,1,1,,B,177KQJ5000G?tO`K>RA1wUbN0TKH,"), "bad-fill-bits"),
        (sentence("AIVDM,1,1,,B,177KQJ5000G?tO`K>RA1wUbN0TKH,-1"), "bad-fill-bits"),
        ("!AIVDM,1,1,,B,,0*25", "empty-payload"),
        (sentence("AIVDM,1,1,,B,177KQJ5000G?tO`K>RA1wUbN0TKH x,0"), "illegal-character"),
        (sentence("AIVDM,1,1,,B,177KQJ5000G?tO`K>RA1wUbN0TKH_,0"), "illegal-character"),
    ],
)
def test_refused(text: str, reason: str) -> None:
    with pytest.raises(SentenceError) as info:
        parse_sentence(text)
    assert info.value.reason == reason
    assert info.value.detail


def test_lenient_checksum() -> None:
    text = "!AIVDM,1,1,,B,177KQJ5000G?tO`K>RA1wUbN0TKH,0*5D"
    frag = parse_sentence(text, strict_checksum=False)
    assert not frag.checksum_ok and frag.payload == "177KQJ5000G?tO`K>RA1wUbN0TKH"
