"""NMEA 4.x tag blocks: parsing, checksum quirks and building."""

from __future__ import annotations

import pytest

from aiswatch.nmea import TagBlockError, parse_tag_block, tag_block


def content(block: str) -> str:
    assert block[0] == "\\" and block[-1] == "\\"
    return block[1:-1]


def test_reference_example() -> None:
    tb = parse_tag_block("g:1-2-73874,n:157036,s:r003669945,c:1241544035*4A")
    assert tb.group == (1, 2, "73874")
    assert tb.line_count == 157036
    assert tb.station == "r003669945"
    assert tb.time == 1241544035.0
    assert tb.quirk is None


def test_orbcomm_unknown_keys_ignored() -> None:
    tb = parse_tag_block("s:rORBCOMM104,q:u,c:1418172113,T:2014-12-10 00.41.53*55")
    assert tb.station == "rORBCOMM104" and tb.time == 1418172113.0 and tb.group is None


def test_milliseconds() -> None:
    block = tag_block(station="x")
    assert parse_tag_block(content(block)).time is None
    body = "c:1418172113500"
    tb = parse_tag_block(f"{body}*{_cs(body)}")
    assert tb.time == pytest.approx(1418172113.5)


def _cs(body: str) -> str:
    from aiswatch.nmea import checksum

    return f"{checksum(body):02X}"


def test_iec_group_form() -> None:
    tb = parse_tag_block("1G2:0125,c:1354719387*0D")
    assert tb.group == (1, 2, "0125") and tb.time == 1354719387.0
    tb = parse_tag_block("2G2:0125*7B")
    assert tb.group == (2, 2, "0125")


def test_station_with_colon_and_empty_key() -> None:
    assert parse_tag_block("s:b:2,c:1364272372*57").station == "b:2"
    assert parse_tag_block(":,c:1364272372*4E").time == 1364272372.0


def test_kystverket_checksum_quirk() -> None:
    # The checksum covers "c:1565218798" only, not the leading g: field.
    tb = parse_tag_block("g:1-2-9999,c:1565218798*53")
    assert tb.group == (1, 2, "9999") and tb.time == 1565218798.0
    assert tb.quirk == "checksum-without-group"


@pytest.mark.parametrize(
    "text",
    [
        "c:1241544035",  # no checksum
        "c:1241544035*4",  # one hex digit
        "g:1-2-73874*A",
        "c:1241544035*00",  # wrong checksum
    ],
)
def test_bad_checksum(text: str) -> None:
    with pytest.raises(TagBlockError):
        parse_tag_block(text)


@pytest.mark.parametrize("body", ["c:12x4", "g:1-2", "g:3-2-5", "g:a-2-5", "c:"])
def test_bad_fields(body: str) -> None:
    with pytest.raises(TagBlockError):
        parse_tag_block(f"{body}*{_cs(body)}")


def test_build_order_and_round_trip() -> None:
    block = tag_block(time=1418169601.9, station="rORBCOMM008", group=(1, 2, 1234), text="hi there")
    assert block.startswith("\\g:1-2-1234,s:rORBCOMM008,c:1418169601,t:hi there*")
    assert block.endswith("\\")
    tb = parse_tag_block(content(block))
    assert tb.group == (1, 2, "1234")
    assert tb.station == "rORBCOMM008"
    assert tb.time == 1418169601.0
    assert tb.text == "hi there"
    assert tb.quirk is None


def test_build_empty_and_invalid() -> None:
    assert tag_block() == ""
    with pytest.raises(ValueError):
        tag_block(station="a,b")
    with pytest.raises(ValueError):
        tag_block(text="back\\slash")
    with pytest.raises(ValueError):
        tag_block(group=(3, 2, 1))
    with pytest.raises(ValueError):
        tag_block(time=float("nan"))
