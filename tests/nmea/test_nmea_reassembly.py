"""Multi-sentence reassembly: interleaving, duplicates, order, loss and expiry."""

from __future__ import annotations

from aiswatch.nmea import NmeaReader, Problem, RawMessage, frame, tag_block

P1 = "55P5TL01VIaAL@7WKO@mBplU@<PDhh000000001S;AJ::4A80?4i@E531@0000000000000"
P2 = "53aGE04000010C;7CV0dtDLDiLTD<f222222220`0hN4540Ht3U1DThj1C2CQp888888880"
P3 = "E02E340W6@1WPab3bPa200000000:uoH?9Ur000003v010"  # single sentence
SINGLE = frame(P3, 4)[0]


def run(lines: list[str], **kwargs: object) -> tuple[list[RawMessage], list[Problem], NmeaReader]:
    problems: list[Problem] = []
    reader = NmeaReader(on_problem=problems.append, **kwargs)  # type: ignore[arg-type]
    return list(reader.read(lines, "t")), problems, reader


def test_in_order() -> None:
    a = frame(P1, 2, seq_id=1)
    msgs, problems, reader = run([*a])
    assert [(m.payload, m.fill, m.line) for m in msgs] == [(P1, 2, 1)]
    assert msgs[0].sentences == tuple(a)
    assert problems == [] and reader.stats.sentences == 2 and reader.stats.messages == 1


def test_interleaved_groups_and_singles() -> None:
    a = frame(P1, 2, seq_id=1, channel="A")
    b = frame(P2, 0, seq_id=2, channel="A")
    c = frame(P2, 0, seq_id=1, channel="B")  # same seq id, other channel
    lines = [a[0], b[0], SINGLE, c[0], a[1], SINGLE, c[1], b[1]]
    msgs, problems, _ = run(lines)
    assert [(m.payload, m.channel, m.line) for m in msgs] == [
        (P3, "A", 3),
        (P1, "A", 1),
        (P3, "A", 6),
        (P2, "B", 4),
        (P2, "A", 2),
    ]
    assert problems == []


def test_out_of_order() -> None:
    parts = frame(P1 + P2, 3, seq_id=5, max_chars=30)
    assert len(parts) == 5
    msgs, problems, _ = run([parts[4], parts[1], parts[0], parts[3], parts[2]])
    (msg,) = msgs
    assert msg.payload == P1 + P2 and msg.fill == 3
    assert msg.sentences == tuple(parts)
    assert msg.line == 3  # the line of fragment 1
    assert problems == []


def test_duplicate_fragment_ignored() -> None:
    a = frame(P1, 2, seq_id=1)
    msgs, problems, reader = run([a[0], a[0], a[1], a[1]])
    assert [m.payload for m in msgs] == [P1]
    assert reader.stats.duplicates == 1
    # the second a[1] arrives after completion: it opens a new group, cut off at the end
    assert [(p.reason, p.line) for p in problems] == [
        ("duplicate-fragment", 2),
        ("orphan-fragment", 4),
    ]
    assert reader.stats.incomplete == 1


def test_missing_fragment_never_emitted() -> None:
    a = frame(P1, 2, seq_id=1)
    b = frame(P2, 0, seq_id=2)
    msgs, problems, reader = run([a[0], SINGLE, b[0], b[1]])
    assert [m.payload for m in msgs] == [P3, P2]
    assert [(p.reason, p.line, p.source) for p in problems] == [("incomplete-group", 1, "t")]
    assert reader.stats.incomplete == 1 and reader.stats.errors["incomplete-group"] == 1


def test_new_first_fragment_restarts_group() -> None:
    a = frame(P1, 2, seq_id=1)
    b = frame(P2, 0, seq_id=1)
    msgs, problems, _ = run([a[0], b[0], b[1]])
    assert [m.payload for m in msgs] == [P2]
    assert [(p.reason, p.line) for p in problems] == [("incomplete-group", 1)]


def test_different_count_restarts_group() -> None:
    a = frame(P1, 2, seq_id=1)
    b = frame(P1 + P2, 0, seq_id=1)
    assert len(b) == 3
    msgs, problems, _ = run([a[0], *b])
    assert [m.payload for m in msgs] == [P1 + P2]
    assert [p.reason for p in problems] == ["incomplete-group"]


def test_expiry_by_lines() -> None:
    a = frame(P1, 2, seq_id=1)
    lines = [a[0]] + [SINGLE] * 5 + [a[1]]
    msgs, problems, _ = run(lines, max_group_age_lines=3)
    assert [m.payload for m in msgs] == [P3] * 5
    assert [p.reason for p in problems] == ["incomplete-group", "orphan-fragment"]
    msgs, problems, _ = run(lines, max_group_age_lines=10)
    assert [m.payload for m in msgs] == [P3] * 5 + [P1] and problems == []


def test_expiry_by_receive_time() -> None:
    a = frame(P1, 2, seq_id=1)
    t0 = 1_600_000_000
    lines = [
        tag_block(time=t0) + a[0],
        tag_block(time=t0 + 120) + SINGLE,
        tag_block(time=t0 + 121) + a[1],
    ]
    msgs, problems, _ = run(lines, max_group_age_s=60)
    assert [m.payload for m in msgs] == [P3]
    assert [p.reason for p in problems] == ["incomplete-group", "orphan-fragment"]
    msgs, problems, _ = run(lines, max_group_age_s=300)
    assert [m.payload for m in msgs] == [P3, P1] and msgs[1].time == t0


def test_tag_block_groups_with_reused_ids() -> None:
    # Kystverket reuses one group id everywhere; sequence id and channel still separate them.
    a = frame(P1, 2, seq_id=1, channel="A")
    b = frame(P2, 0, seq_id=2, channel="A")
    g = [tag_block(time=100 + i, group=(i % 2 + 1, 2, 9999)) for i in range(4)]
    msgs, problems, _ = run([g[0] + a[0], g[1] + b[0]])
    assert msgs == [] and len(problems) == 2
    msgs, problems, _ = run([g[0] + a[0], g[2] + b[0], g[1] + a[1], g[3] + b[1]])
    assert [(m.payload, m.time) for m in msgs] == [(P1, 100.0), (P2, 102.0)]
    assert problems == []


def test_group_metadata_from_any_fragment() -> None:
    a = frame(P1, 2, seq_id=1)
    msgs, _, _ = run([tag_block(group=(1, 2, 7)) + a[0], tag_block(time=5, group=(2, 2, 7)) + a[1]])
    assert msgs[0].time == 5.0
    msgs, _, _ = run(
        [tag_block(time=1, station="s1", group=(1, 2, 7)) + a[0], tag_block(group=(2, 2, 7)) + a[1]]
    )
    assert (msgs[0].time, msgs[0].station) == (1.0, "s1")


def test_groups_do_not_cross_sources() -> None:
    a = frame(P1, 2, seq_id=1)
    reader = NmeaReader()
    assert reader.feed(a[0], "one", 1) == []
    assert reader.feed(a[1], "two", 1) == []
    assert reader.open_groups == 2
    reader.flush()
    assert reader.open_groups == 0 and reader.stats.incomplete == 2
