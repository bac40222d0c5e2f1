"""Receive-time conventions: hand-made lines, then the real logs that use each one."""

from __future__ import annotations

import calendar
from pathlib import Path

import pytest
from tests.conftest import shared_path

from aiswatch.nmea import NmeaReader, RawMessage, frame, tag_block, unix_seconds
from aiswatch.nmea.timeconv import parse_leading_time, parse_pghp, parse_uscg_tail

TYPE1 = "!AIVDM,1,1,,B,177KQJ5000G?tO`K>RA1wUbN0TKH,0*5C"
PAYLOAD = "177KQJ5000G?tO`K>RA1wUbN0TKH"


def read(*lines: str) -> list[RawMessage]:
    return list(NmeaReader().read(lines, "hand"))


def read_file(name: str) -> tuple[list[RawMessage], NmeaReader]:
    path: Path = shared_path("data", "ais", name)
    reader = NmeaReader()
    with path.open("rb") as f:
        return list(reader.read(f, name)), reader


def test_unit_by_magnitude() -> None:
    assert unix_seconds(1550303566) == 1550303566.0
    assert unix_seconds(1550303566167) == pytest.approx(1550303566.167, abs=1e-5)
    assert unix_seconds(1550303566167726) == pytest.approx(1550303566.167726, abs=1e-5)
    assert unix_seconds(1550303566167726840) == pytest.approx(1550303566.1677268, abs=1e-5)


@pytest.mark.parametrize(
    ("prefix", "expected"),
    [
        ("1550303566167726840 ", 1550303566.1677268),
        ("1550303566167726 ", 1550303566.167726),
        ("1550303566167\t", 1550303566.167),
        ("1550303566.25;", 1550303566.25),
        ("1550303566,", 1550303566.0),
        ("2019-02-16T07:52:46Z ", 1550303566.0),
        ("2019-02-16 07:52:46.5 ", 1550303566.5),
        ("[1550303566] ", 1550303566.0),
        ("rx: ", None),
        ("12ab ", None),
    ],
)
def test_leading_time(prefix: str, expected: float | None) -> None:
    got = parse_leading_time(prefix)
    assert got == (None if expected is None else pytest.approx(expected, abs=1e-5))
    (msg,) = read(prefix + TYPE1)
    assert msg.payload == PAYLOAD
    assert msg.time == got


def test_tag_block_time_and_station() -> None:
    (msg,) = read(tag_block(time=1418169601, station="rORBCOMM008") + TYPE1)
    assert msg.time == 1418169601.0 and msg.station == "rORBCOMM008"


def test_uscg_trailing_fields() -> None:
    assert parse_uscg_tail(",b003669794,1272412827") == ("b003669794", 1272412827.0)
    assert parse_uscg_tail(",1357134218") == (None, 1357134218.0)
    assert parse_uscg_tail(",1daasd4218,,1357134222") == (None, 1357134222.0)
    assert parse_uscg_tail(",d-127,S2136,t021956.00,T56.97696219,r003669946,1272421197") == (
        "r003669946",
        1272421197.0,
    )
    assert parse_uscg_tail(",rCUDJOE_01,1272672306") == ("rCUDJOE_01", 1272672306.0)
    assert parse_uscg_tail(",garbage") == (None, None)
    (msg,) = read(TYPE1 + ",s1234,d-119,T12.34567123,r003669958,1085889680")
    assert msg.station == "r003669958" and msg.time == 1085889680.0
    assert msg.sentences == (TYPE1,)


def test_pghp() -> None:
    when, station = parse_pghp("PGHP,1,2010,6,11,11,46,11,390,231,45,992190934,1,2B")
    assert when == calendar.timegm((2010, 6, 11, 11, 46, 11)) + 0.39
    assert station == "992190934"
    assert parse_pghp("PGHP,1,2010,6,11,11,46,11,929,244,0,,1,72")[1] is None
    assert parse_pghp("PGHP,1,2008,5,9,0,0,0,10,338,2,,1,09")[1] == "2"
    assert parse_pghp("PGHP,2,foo") == (None, None)


def test_pghp_applies_to_next_message_only() -> None:
    pghp = "$PGHP,1,2010,6,11,11,46,11,390,231,45,992190934,1,2B*5B"
    first, second = read(pghp, "# comment", "", *frame(PAYLOAD * 3, 2, seq_id=4), TYPE1)
    assert first.time == pytest.approx(1276256771.39, abs=1e-5) and first.station == "992190934"
    assert len(first.sentences) == 2
    assert second.time is None and second.station is None


def test_lone_tag_block_applies_to_next_sentence() -> None:
    first, second = read(tag_block(time=1354719388), TYPE1, TYPE1)
    assert first.time == 1354719388.0 and second.time is None


def test_precedence_tag_block_over_trailing_over_leading() -> None:
    block = tag_block(time=1000000001)
    (msg,) = read("1000000003 " + block + TYPE1 + ",r1,1000000002")
    assert msg.time == 1000000001.0 and msg.station == "r1"
    (msg,) = read("1000000003 " + TYPE1 + ",r1,1000000002")
    assert msg.time == 1000000002.0


# --- the real logs ------------------------------------------------------------------------


def test_kystverket_every_message_timed() -> None:
    msgs, _ = read_file("kystverket_2019-08-07_1000lines.nm4")
    assert msgs and all(m.time is not None for m in msgs)
    assert all(1565218790 <= m.time <= 1565218830 for m in msgs if m.time is not None)


def test_goais_nanosecond_prefix() -> None:
    msgs, _ = read_file("goais_aistest_2019.nmea")
    assert msgs and all(m.time is not None for m in msgs)
    times = [m.time for m in msgs if m.time is not None]
    assert min(times) >= 1550303566 and max(times) < 1550303566 + 60
    assert msgs[0].time == pytest.approx(1550303566.167727, abs=1e-5)


def test_libais_uscg_stations() -> None:
    msgs, _ = read_file("libais_test.aivdm")
    assert msgs and all(m.time is not None for m in msgs)
    stations = [m.station for m in msgs]
    assert all(s is not None and s[0] in "rb" for s in stations)
    assert stations[0] == "b003669794" and msgs[0].time == 1272412827.0
    assert sum(1 for s in stations if s is not None and s.startswith("b")) >= 30


def test_dma_gatehouse_stream() -> None:
    msgs, reader = read_file("dma_stream_example_2010-06-11.txt")
    assert len(msgs) == 4051 == reader.stats.metadata  # one $PGHP per message
    assert all(m.time is not None for m in msgs)
    start = calendar.timegm((2010, 6, 11, 11, 46, 0))
    assert all(start <= m.time <= start + 60 for m in msgs if m.time is not None)
    assert msgs[0].time == pytest.approx(start + 11.390, abs=1e-5)
    assert msgs[0].station == "992190934"


def test_dma_comment_blocks_and_trailing_times() -> None:
    msgs, _ = read_file("dma_small_cb_example.txt")
    assert [m.time for m in msgs[:2]] == [1357134218.0, 1357134222.0]
    assert msgs[2].station == "b:2" and msgs[2].time == 1364272372.0
    assert all(m.time is not None for m in msgs)


def test_libais_tagblock_orbcomm() -> None:
    msgs, _ = read_file("libais_tagblock.nmea")
    assert [m.station for m in msgs] == ["rORBCOMM104", "rORBCOMM008", "rORBCOMM007", "rORBCOMM007"]
    assert [m.time for m in msgs] == [1418172113.0, 1418169601.0, 1418171722.0, 1418171561.0]
