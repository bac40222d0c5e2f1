"""Every real log under ../shared/data/ais: nothing raises, counts verified by hand.

The expected numbers were checked independently with grep (see the comments).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.conftest import real_logs, shared_path

from aiswatch.nmea import NmeaReader, Problem, RawMessage, Stats


def read(path: Path) -> tuple[list[RawMessage], list[Problem], Stats]:
    problems: list[Problem] = []
    reader = NmeaReader(on_problem=problems.append)
    with path.open("rb") as f:
        msgs = list(reader.read(f, path.name))
    return msgs, problems, reader.stats


def test_every_log_reads_cleanly() -> None:
    logs = real_logs()
    assert len(logs) >= 15
    for path in logs:
        msgs, problems, stats = read(path)
        assert "internal-error" not in stats.errors, path.name
        assert msgs, path.name
        assert stats.messages == len(msgs)
        assert len(problems) == sum(stats.errors.values())
        # every valid sentence ends in a message, an incomplete group or a duplicate
        in_messages = sum(len(m.sentences) for m in msgs)
        assert in_messages <= stats.sentences, path.name
        for m in msgs:
            assert m.payload and 0 <= m.fill <= 5 and len(m.talker) == 2
            assert m.source == path.name and m.line >= 1


EXPECTED = {
    # name: (lines, sentences, messages, errors, incomplete)
    # 3602 "VDx,1,1" + 449 "2,1"/"2,2" pairs; one $PGHP before every message
    "dma_stream_example_2010-06-11.txt": (8551, 4500, 4051, {}, 0),
    # 754 singles + 123 "\g:1-2-9999" / "\g:2-2-9999" pairs
    "kystverket_2019-08-07_1000lines.nm4": (1000, 1000, 877, {}, 0),
    # 820 singles, 90 "2,1" and 88 "2,2" of which 86 pair up
    "goais_aistest_2019.nmea": (
        998,
        998,
        906,
        {"incomplete-group": 4, "orphan-fragment": 2},
        6,
    ),
    # 878 singles of which 100 "!AIVDM,1,1,,x,,0*2x" empties; 20 "2,1" without their "2,2"
    "pyais_nmea_data_sample.txt": (
        898,
        798,
        778,
        {"empty-payload": 100, "incomplete-group": 20},
        20,
    ),
    # 1411 singles + 48 pairs, 4817 other NMEA sentences
    "signalk_gofree-merrimac_2014-04-16.log": (6324, 1507, 1459, {}, 0),
    # 263 sentences, two 2-part messages
    "libais_test.aivdm": (345, 263, 261, {}, 0),
    # 243 lines, 8 of which hold two sentences glued by a literal "\r\n"
    "dma_ais250.txt": (243, 251, 243, {}, 0),
    "libais_tagblock.nmea": (5, 5, 4, {}, 0),
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_counts(name: str) -> None:
    lines, sentences, messages, errors, incomplete = EXPECTED[name]
    msgs, _, stats = read(shared_path("data", "ais", name))
    assert (stats.lines, stats.sentences, len(msgs), dict(stats.errors), stats.incomplete) == (
        lines,
        sentences,
        messages,
        errors,
        incomplete,
    )


def test_pyais_mixed_problems_located() -> None:
    msgs, problems, stats = read(shared_path("data", "ais", "pyais_mixed.txt"))
    assert len(msgs) == 12 and stats.other_nmea == 4 and stats.comments == 5
    assert [(p.line, p.reason) for p in problems] == [
        (14, "not-nmea"),  # foobar
        (21, "not-nmea"),  # IamNotAnAisMessage1111
        (23, "bad-tag-block"),  # "*A" one-digit tag block checksum ...
        (23, "malformed-sentence"),  # ... and a sentence without '*'
        (26, "bad-tag-block"),
        (27, "bad-tag-block"),
        (35, "bad-checksum"),  # $PGHP edited without fixing its checksum
    ]
    # the "SAVDM" tag-block group is reassembled, with its station
    (sa,) = [m for m in msgs if m.talker == "SA"]
    assert len(sa.sentences) == 2 and sa.station == "b003669710" and sa.time == 1428621738.0


def test_dma_small_cb_example() -> None:
    msgs, problems, stats = read(shared_path("data", "ais", "dma_small_cb_example.txt"))
    assert [(p.line, p.reason) for p in problems] == [(26, "orphan-fragment")]
    assert len(msgs) == 11 and stats.other_nmea == 1  # $PFOO,INVALID
    assert {m.talker for m in msgs} == {"AI", "BS", "--"}
    iec = [m for m in msgs if m.line == 13]  # \1G2:0125 ... \2G2:0125
    assert len(iec) == 1 and len(iec[0].sentences) == 2


def test_kystverket_groups_reassembled() -> None:
    msgs, _, _ = read(shared_path("data", "ais", "kystverket_2019-08-07_1000lines.nm4"))
    multi = [m for m in msgs if len(m.sentences) == 2]
    assert len(multi) == 123
    assert all(m.payload[0] == "5" for m in multi)
    assert all(len(m.payload) in (71, 72) and m.fill == 2 for m in multi if m.payload[0] == "5")


def test_gofree_extra_field_and_own_ship() -> None:
    msgs, _, stats = read(shared_path("data", "ais", "signalk_gofree-merrimac_2014-04-16.log"))
    assert stats.other_nmea == 4817
    assert {m.fill for m in msgs if m.payload[0] == "E"} == {4}
    assert all(m.channel == "" for m in msgs)
