"""The reader on bad and unusual lines: each problem located, neighbours unharmed."""

from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from aiswatch.nmea import NmeaReader, Problem, RawMessage, Stats, frame, with_checksum

GOOD = "!AIVDM,1,1,,B,177KQJ5000G?tO`K>RA1wUbN0TKH,0*5C"
GOOD_PAYLOAD = "177KQJ5000G?tO`K>RA1wUbN0TKH"
TWO = frame("55P5TL01VIaAL@7WKO@mBplU@<PDhh000000001S;AJ::4A80?4i@E531@0000000000000", 2, seq_id=3)


def run(
    lines: list[str | bytes], **kwargs: object
) -> tuple[list[RawMessage], list[Problem], Stats]:
    problems: list[Problem] = []
    reader = NmeaReader(on_problem=problems.append, **kwargs)  # type: ignore[arg-type]
    msgs = list(reader.read(lines, "f.nmea"))
    return msgs, problems, reader.stats


BAD_LINES: list[tuple[str | bytes, str]] = [
    ("!AIVDM,1,1,,B,177KQJ5000G?tO`K>RA1wUbN0TKH,0*5D", "bad-checksum"),
    (with_checksum("AIVDM,1,1,,B,177KQJ5000G?tO`K>RA1wUbN0TKx,0"), "illegal-character"),
    (with_checksum("AIVDM,1,1,,B,177KQJ5000G?tO`K>RA1wUbN0TKH,7"), "bad-fill-bits"),
    (with_checksum("AIVDM,0,1,,B,177KQJ5000G?tO`K>RA1wUbN0TKH,0"), "bad-fragment-count"),
    ("!AIVDM,1,1,,B,177KQJ5000G?tO`K", "malformed-sentence"),  # truncated
    ("!AIVDM,1,1,,B,,0*25", "empty-payload"),
    ("!" + "A" * 1_000_000, "line-too-long"),
    (b"!AIVDM,1,1,,B,177KQJ5000\xff\xfeG?tO`K>RA1wUbN0TKH,0*5C", "binary-junk"),
    ("!AIVDM,1,1,,B,177KQJ\x00000G?tO`K>RA1wUbN0TKH,0*5C", "binary-junk"),
    ("\\c:1241544035*00\\", "bad-tag-block"),
    ("\\c:1241544035*00", "bad-tag-block"),
    ("IamNotAnAisMessage1111", "not-nmea"),
    ("$PGHP,1,2010,13,11,11,46,11,390,231,45,992190934,1,2B", "bad-gatehouse"),
    (with_checksum("PGHP,1,2010,13,11,11,46,11,390,231,45,992190934,1,2B", "$"), "bad-gatehouse"),
]


@pytest.mark.parametrize(("bad", "reason"), BAD_LINES)
@pytest.mark.parametrize("as_bytes", [False, True])
def test_bad_line_is_located_and_isolated(bad: str | bytes, reason: str, as_bytes: bool) -> None:
    if as_bytes and isinstance(bad, str):
        bad = bad.encode("latin-1")
    lines: list[str | bytes] = [GOOD, TWO[0], bad, TWO[1], GOOD + "\r\n"]
    msgs, problems, stats = run(lines)
    assert [(p.reason, p.line, p.source) for p in problems] == [(reason, 3, "f.nmea")]
    assert problems[0].detail and len(problems[0].text) <= 120
    assert problems[0].text.isprintable()
    assert [m.line for m in msgs] == [1, 2, 5]
    assert [len(m.sentences) for m in msgs] == [1, 2, 1]
    assert stats.errors == {reason: 1} and stats.lines == 5


def test_random_binary_lines_never_raise() -> None:
    rng = random.Random(1371)
    lines: list[str | bytes] = []
    for _ in range(300):
        lines.append(bytes(rng.randrange(256) for _ in range(rng.randrange(1, 120))))
        lines.append(GOOD.encode())
    msgs, problems, stats = run(lines)
    assert [m.payload for m in msgs] == [GOOD_PAYLOAD] * 300
    assert "internal-error" not in stats.errors
    assert len(problems) == sum(stats.errors.values())


def test_huge_line_is_quick_and_reported() -> None:
    msgs, problems, _ = run([b"!" * 5_000_000, GOOD])
    assert [p.reason for p in problems] == ["line-too-long"]
    assert len(msgs) == 1


def test_lenient_checksum() -> None:
    bad = "!AIVDM,1,1,,B,177KQJ5000G?tO`K>RA1wUbN0TKH,0*5D"
    msgs, problems, stats = run([bad], strict_checksum=False)
    assert [(m.payload, m.checksum_ok) for m in msgs] == [(GOOD_PAYLOAD, False)]
    assert stats.errors == {"bad-checksum-accepted": 1}
    assert [p.reason for p in problems] == ["bad-checksum-accepted"]
    msgs, problems, stats = run([bad])
    assert msgs == [] and stats.errors == {"bad-checksum": 1}


def test_lenient_checksum_in_multipart() -> None:
    broken = TWO[1][:-2] + "00"
    msgs, _, _ = run([TWO[0], broken], strict_checksum=False)
    assert [m.checksum_ok for m in msgs] == [False]
    msgs, _, stats = run([TWO[0], broken])
    assert msgs == [] and stats.incomplete == 1


def test_counters() -> None:
    lines: list[str | bytes] = [
        "",
        "   \r\n",
        "# comment",
        "$GPRMC,195719,A,5310.8115,N,00525.7025,E,0.0,0.0,160414,0.7,E,A*10",
        "!AIABK,1,2,3*00",
        "$PGHP,1,2010,6,11,11,46,11,390,231,45,992190934,1,2B*5B",
        GOOD,
        *TWO,
    ]
    msgs, problems, stats = run(lines)
    assert problems == [] and len(msgs) == 2
    assert (stats.lines, stats.blank, stats.comments, stats.other_nmea) == (9, 2, 1, 2)
    assert (stats.metadata, stats.sentences, stats.messages) == (1, 3, 2)


def test_glued_sentences_on_one_line() -> None:
    line = TWO[0] + "\\r\\n" + TWO[1]
    msgs, problems, stats = run([line, GOOD])
    assert problems == [] and stats.sentences == 3
    assert [(len(m.sentences), m.line) for m in msgs] == [(2, 1), (1, 2)]


def test_tab_separated_prefix_and_unknown_prefix() -> None:
    msgs, problems, _ = run(["1550303566\t" + GOOD, "AIS: " + GOOD])
    assert problems == [] and [m.time for m in msgs] == [1550303566.0, None]


def test_stats_merge() -> None:
    _, _, a = run([GOOD, "!AIVDM,1,1,,B,,0*25"])
    _, _, b = run([GOOD, "", TWO[0]])
    a.merge(b)
    assert (a.lines, a.messages, a.sentences, a.blank, a.incomplete) == (5, 2, 3, 1, 1)
    assert a.errors == {"empty-payload": 1, "incomplete-group": 1}
    assert a.as_dict()["errors"] == {"empty-payload": 1, "incomplete-group": 1}


def test_shared_stats_object() -> None:
    stats = Stats()
    list(NmeaReader(stats=stats).read([GOOD]))
    list(NmeaReader(stats=stats).read([GOOD]))
    assert stats.messages == 2


def test_callback_exception_propagates() -> None:
    def boom(problem: Problem) -> None:
        raise RuntimeError(problem.reason)

    reader = NmeaReader(on_problem=boom)
    with pytest.raises(RuntimeError, match="empty-payload"):
        reader.feed("!AIVDM,1,1,,B,,0*25", "x", 1)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(st.text(max_size=120), st.binary(max_size=120)), max_size=20))
def test_fuzz_never_raises(lines: list[str | bytes]) -> None:
    msgs, problems, stats = run([*lines, GOOD])
    assert msgs[-1].payload == GOOD_PAYLOAD
    assert "internal-error" not in stats.errors
    assert len(problems) == sum(stats.errors.values())


NMEA_PIECES = ["!AIVDM", "1", "2", "", "A", "B", "15", "\\", "*", "c:1", "g:1-2-3", ",", "$PGHP"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(NMEA_PIECES), max_size=25))
def test_fuzz_nmea_like_never_raises(pieces: list[str]) -> None:
    line = "".join(pieces)
    _, _, stats = run([line, with_checksum(line.lstrip("!$\\")), GOOD])
    assert "internal-error" not in stats.errors


@pytest.mark.parametrize("later", [1030.0, 1059.0, 1061.0, 1200.0])
def test_skip_with_the_latest_time_expires_as_without_it(later: float) -> None:
    # An open group received at 1000 s; skipped lines with fragments received up to
    # `later`. Told the latest time, the reader may leave the times unread when no group
    # can expire by them: the groups, problems and line count must not change either way.
    def reader_after(latest: float | None) -> tuple[list[tuple[int, str, str]], int, int]:
        problems: list[Problem] = []
        r = NmeaReader(on_problem=problems.append)
        r.feed("\\c:1000*" + f"{with_checksum('c:1000', '')[-2:]}\\" + TWO[0], "s", 1)
        times = [(5, 1010.0), (40, (1010.0 + later) / 2), (70, later)]
        r.skip(90, iter(times), latest)
        r.skip(30)
        r.feed(GOOD, "s", 122)
        r.flush()
        return [(p.line, p.reason, p.detail) for p in problems], r.open_groups, r.stats.lines

    assert reader_after(later) == reader_after(None)
    expired = reader_after(later)[0]
    assert len(expired) == 1 and expired[0][2].endswith(" s") == (later > 1060.0)
