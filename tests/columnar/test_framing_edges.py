"""Lines at the edge of what the compiled framing takes: for each, the columnar decoder's
rows, counts and problem reports equal the scalar path's (reader + scalar decoder).

Each case was once framed differently by the fast path (found in review): a '*' channel,
a $PGHP line with an early '*', tag block fields the reader judges (bad or bare groups,
bare keys), fragments the reader keeps apart (other talker, VDO, other group id, over
60 s apart), metadata the reader holds across other lines or buffers, chains of multi-part
messages that meet fragments it holds, over-long lines, numbers past int64, and problem
texts.
"""

from __future__ import annotations

import io
import random
from collections import defaultdict
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from aiswatch.ais import DecodeError, Message
from aiswatch.ais.stream import DecodeStats
from aiswatch.columnar import ColumnarDecoder, decode_file, frame, record_row, workspace
from aiswatch.columnar.frame import ARMOUR_VALUE, frame_lines
from aiswatch.columnar.gather import NO_OTHER_PAYLOADS, payload_matrix
from aiswatch.nmea import NmeaReader, Problem, Stats
from aiswatch.nmea.checksum import checksum_bytes
from tests.ais.vectors import VECTORS

P1 = "177KQJ5000G?tO`K>RA1wUbN0TKH"


def seal(body: str, mark: str = "!") -> str:
    return f"{mark}{body}*{checksum_bytes(body.encode()):02X}"


def tb(content: str) -> str:
    return "\\" + f"{content}*{checksum_bytes(content.encode()):02X}" + "\\"


def lines(*xs: str) -> bytes:
    return ("\n".join(xs) + "\n").encode("latin-1")


def _two_part() -> tuple[str, str]:
    for v in VECTORS:
        ss = Message.decode(*v.payload).sentences(seq_id=3)
        if len(ss) == 2:
            return ss[0], ss[1]
    raise AssertionError("no two-part vector")


F1, F2 = _two_part()
V = seal(f"AIVDM,1,1,,A,{P1},0")
PGHP = seal("PGHP,1,2010,6,11,11,46,11,390,231,45,992190934,1,2B", "$")


def body(s: str) -> str:
    return s[1 : s.index("*")]


PAY1, PAY2 = body(F1).split(",")[5], body(F2).split(",")[5]
PAY = PAY1 + PAY2


def frag(number: int, seq: int, payload: str, fill: int) -> str:
    return seal(f"AIVDM,2,{number},{seq},A,{payload},{fill}")


Row = dict[str, Any]
Key = tuple[int, str, str, str]


def scalar(
    data: bytes, strict: bool = True
) -> tuple[dict[int, list[Row]], dict[str, Any], DecodeStats, list[Key]]:
    probs: list[Problem] = []
    reader = NmeaReader(on_problem=probs.append, strict_checksum=strict)
    rows: dict[int, list[Row]] = defaultdict(list)
    ds = DecodeStats()
    for raw in reader.read(io.BytesIO(data), "x"):
        try:
            m = Message.decode(raw.payload, raw.fill)
        except DecodeError as exc:
            ds.errors[exc.reason] += 1
            text = (raw.sentences[0] if raw.sentences else raw.payload)[:120]
            probs.append(Problem(raw.source, raw.line, exc.reason, exc.detail, text))
            continue
        ds.messages[m.type] += 1
        rows[m.type].append(record_row(m, raw))
    return (
        dict(rows),
        reader.stats.as_dict(),
        ds,
        [(p.line, p.reason, p.detail, p.text) for p in probs],
    )


def columnar(
    data: bytes, chunks: list[bytes] | None = None, strict: bool = True
) -> tuple[dict[int, list[Row]], dict[str, Any], DecodeStats, list[Key]]:
    probs: list[Problem] = []
    dec = ColumnarDecoder("x", on_problem=probs.append, strict_checksum=strict)
    rows: dict[int, list[Row]] = defaultdict(list)
    stats, ds = Stats(), DecodeStats()
    pieces = chunks or [data]
    for k, piece in enumerate(pieces):
        batch = dec.decode(piece, final=k == len(pieces) - 1)
        stats.merge(batch.nmea)
        ds.messages += batch.decode.messages
        ds.errors += batch.decode.errors
        for t, table in batch.tables.items():
            rows[t].extend(table.to_pylist())
    return dict(rows), stats.as_dict(), ds, [(p.line, p.reason, p.detail, p.text) for p in probs]


def _norm(rows: dict[int, list[Row]]) -> dict[int, list[Row]]:
    """Rows without nulls, in the order of their first line: a table's order (the scalar
    reader emits a multi-part message when its last fragment arrives instead)."""
    return {
        t: sorted(
            ({k: v for k, v in r.items() if v is not None} for r in rs), key=lambda r: r["line"]
        )
        for t, rs in rows.items()
    }


def assert_same(data: bytes, chunks: list[bytes] | None = None, strict: bool = True) -> None:
    want, got = scalar(data, strict), columnar(data, chunks, strict)
    assert _norm(got[0]) == _norm(want[0])
    assert got[1] == want[1]
    assert (got[2].messages, got[2].errors) == (want[2].messages, want[2].errors)
    assert sorted(got[3]) == sorted(want[3])


CASES = {
    "channel is a star": lines(seal(f"AIVDM,1,1,,*,{P1},0")),
    "PGHP with an early star": lines(
        seal("PGHP,1,2010,6,11,11,46,11,390,231,4*,992190934,1,2B", "$"), V
    ),
    "bad group numbering": lines(tb("g:3-2-1,c:1000") + V),
    "bad NMEA 4 group key": lines(tb("3G2:1,c:1000") + V),
    "NMEA 4 group pair": lines(tb("1G2:0125,c:1000") + F1, tb("2G2:0125") + F2),
    "NMEA 4 group ids differ": lines(tb("1G2:0125,c:1000") + F1, tb("2G2:0126") + F2),
    "NMEA 4 group id with a dash": lines(tb("1G2:01-25,c:1000") + F1, tb("2G2:01-25") + F2),
    "NMEA 4 then g: group": lines(tb("1G2:7,c:1000") + F1, tb("g:2-2-7") + F2),
    "NMEA 4 group with leading zeros": lines(tb("01G02:7,c:1000") + F1, tb("2G2:7") + F2),
    "NMEA 4 key with two Gs": lines(tb("1G2G3:7,c:1000") + V),
    "NMEA 4 key without a count": lines(tb("12G:7,c:1000") + V),
    "NMEA 4 group id with a colon": lines(tb("1G2:a:b,c:1000") + F1, tb("2G2:a:b") + F2),
    "bare c key": lines(tb("s:foo,c") + V),
    "bare s key": lines(tb("s,c:1000") + V),
    "group ids differ": lines(tb("g:1-2-100,c:1000") + F1, tb("g:2-2-200") + F2),
    "same group id": lines(tb("g:1-2-100,c:1000") + F1, tb("g:2-2-100") + F2),
    "talkers differ": lines(F1, seal("BS" + body(F2)[2:])),
    "VDM then VDO": lines(F1, seal(body(F2).replace("VDM", "VDO"))),
    "fragments 100 s apart": lines(tb("c:1000") + F1, tb("c:1100") + F2),
    "fragments 50 s apart": lines(tb("c:1000") + F1, tb("c:1050") + F2),
    "lone tag block, other sentence, VDM": lines(tb("c:1000"), seal("AIABK,1,2,3,4,5"), V),
    "PGHP, junk line, VDM": lines(PGHP, "hello", V),
    "PGHP, blank and comment, VDM": lines(PGHP, "", "# note", V),
    "two PGHP lines": lines(PGHP, PGHP.replace(",45,", ",46,"), V),
    "PGHP then a pair handed over": lines(F2, PGHP, F1, F2),
    "leading number past int64": lines("9999999999999999999 " + V),
    "USCG time of 19 digits": lines(V + ",b003669794,1550303566167726840"),
    "empty payload with a junk tail": lines(seal("AIVDM,1,1,,A,,0") + "\x01*AB"),
    "over-long USCG tail": lines(V + "," + "r" * 2100),
    "over-long eighth field": lines(seal(f"AIVDM,1,1,,A,{P1},0," + "x" * 2100)),
    "over-long comment": lines("#" + "x" * 1999),
    "line at the length limit": lines("y" * 1999),
    "length error under a tag block": lines(tb("c:1000") + seal("AIVDM,1,1,,A,1,0")),
    "length error after a leading time": lines("1000 " + seal("AIVDM,1,1,,A,w" + "0" * 200 + ",0")),
    "chained pairs after a lone fragment": lines(
        F2, *[V] * 48, F1, F2, *[V] * 68, F1, F2, *[V] * 48
    ),
    # Metadata the reader keeps after lines it is handed (second review).
    "tag block before $PGHP": lines(tb("c:5") + PGHP, V),
    "leading time before $PGHP": lines("1000 " + PGHP, V),
    "space before $PGHP": lines(" " + PGHP, V),
    "space before a lone tag block": lines(" " + tb("c:1000"), V),
    "space after a lone tag block": lines(tb("c:1000") + " ", V),
    "leading time before a lone tag block": lines("1000 " + tb("c:1000"), V),
    "$PGHP glued after a sentence": lines(V + "\\r\\n" + PGHP, V),
    "lone tag block glued after a sentence": lines(V + "\\r\\n" + tb("c:1000"), V),
    "$PGHP, sentence with a junk tail, sentence": lines(PGHP, V + "\x01", V),
    "lone tag block, sentence with a junk tail, sentence": lines(tb("c:1000"), V + "\x01", V),
    "lone tag block, sentence with a non-ASCII tail": lines(tb("c:1000"), V + "\xe9", V),
    "$PGHP, empty payload with a junk tail": lines(PGHP, seal("AIVDM,1,1,,A,,0") + "\x01", V),
    "stale metadata would date a fragment": lines(
        tb("c:5") + PGHP, V, F1, V, tb("c:1276256871") + F2
    ),
    # Every fragment of a line handed to the reader can meet a later pair.
    "glued fragments then a pair with the second's sequence id": lines(
        frag(1, 3, PAY[:40], 0) + "\\r\\n" + frag(2, 7, "W" + PAY[41:], 2),
        frag(1, 7, PAY[:40], 0),
        frag(2, 7, PAY[40:], 2),
    ),
    # A group completed after a later one: rows in the order of their first line.
    "group completed late": lines(frag(1, 5, PAY1, 0), F1, F2, frag(2, 5, PAY2, 2)),
    # The reader's lines are searched for fragments together: one cut after its channel
    # does not hide the fragment on the next (whose group the pair after it replaces).
    "fragment after a line cut in its channel": lines(
        "foo !AIVDM,2,1,3,A", "  " + frag(1, 4, PAY1, 0), frag(1, 4, PAY1, 0), frag(2, 4, PAY2, 2)
    ),
}


@pytest.mark.parametrize("name", list(CASES))
def test_edge_case_decodes_as_the_scalar_path(name: str) -> None:
    assert_same(CASES[name])


def test_metadata_held_across_buffers() -> None:
    first, second = lines(tb("c:1000"), ""), lines(V)
    assert_same(first + second, chunks=[first, second])
    first, second = lines(PGHP, "# end of buffer"), lines(V)
    assert_same(first + second, chunks=[first, second])
    rows = columnar(first + second, chunks=[first, second])[0]
    assert rows[1][0]["rxtime"] is not None  # the $PGHP time reached the next buffer


def test_fast_pair_times_expire_groups_the_reader_holds() -> None:
    # The reader expires an open 3-part group when a later fragment's time is 70 s on; the
    # fast pair never reaches it, so the skipped lines carry their times to it.
    b3 = seal(f"AIVDM,3,1,5,A,{P1[:10]},0")
    data = lines(tb("c:1000") + b3, tb("c:1070") + F1, F2)
    assert_same(data)
    assert "expired after 70 s" in columnar(data)[3][0][2]


def test_chunks_stay_bounded_on_runs_of_held_lines_and_newline_free_junk(tmp_path: Any) -> None:
    from aiswatch.columnar import iter_chunks

    # Thousands of first fragments in a row: chunks are still cut near their size.
    path = tmp_path / "firsts.nmea"
    path.write_bytes(lines(*[F1] * 5000))
    sizes = [len(c) for c in iter_chunks(path, chunk_bytes=4096)]
    assert max(sizes) <= 4096 + 2 * len(F1) + 2 and sum(sizes) == path.stat().st_size
    # A file without a newline does not pile up in memory.
    junk = tmp_path / "junk.bin"
    junk.write_bytes(b"x" * 500_000)
    sizes = [len(c) for c in iter_chunks(junk, chunk_bytes=4096)]
    assert max(sizes) <= (1 << 16) + 4096 and sum(sizes) == 500_000
    # Ordinary lines longer than a tiny chunk are not cut.
    path.write_bytes(lines(tb("c:1000"), "", V))
    assert [bytes(c) for c in iter_chunks(path, chunk_bytes=13)][-1] == lines(V)


def test_held_pghp_goes_to_the_reader_with_a_line_that_may_hold_metadata() -> None:
    # A $PGHP line held here, then a line for the reader that might leave it holding
    # metadata (binary junk ending in a backslash or holding "$PGHP", an over-long line):
    # the next sentence goes to the reader, which must have seen the $PGHP line to date
    # it (a review found the held line applied to the sentence after instead).
    for mid in ("#\x01\\", "#\x01$PGHP", "$GP\x01$PGHP", "$PGHP" + "x" * 2100):
        assert_same(lines(PGHP, mid, V, V))


def test_checksum_mismatches_are_counted_here_as_the_reader_counts_them() -> None:
    # The reader tests a sentence's checksum first: a mismatch on a line nothing else needs
    # the reader for is counted and reported here, with the reader's words; elsewhere (a
    # $PGHP line waiting, text after the checksum, a fragment of two, a lenient reader
    # that takes the sentence) the line is the reader's.
    def spoil(sentence: str) -> str:
        return sentence[:-2] + ("00" if sentence[-2:] != "00" else "01")

    bad, bad_empty = spoil(V), spoil(seal("AIVDM,1,1,,A,,0"))
    data = lines(V, bad, tb("s:r1,c:1000") + bad, V, bad_empty, F1, bad, F2, spoil(F1), F2,
                 F1, spoil(F2), PGHP, bad, V, bad + ",b003669794,1272412827", V,
                 spoil(seal("AIVDM,1,1,,A,13u@wD?P000qjJLPBKstogvN2H8P,0,0")), V)  # fmt: skip
    for strict in (True, False):
        assert_same(data, strict=strict)
    cut = len(lines(V, bad, tb("s:r1,c:1000") + bad, V, bad_empty, F1))  # F1 ends a chunk
    assert_same(data, chunks=[data[:cut], data[cut:]])
    framed = frame_lines(np.frombuffer(data, np.uint8))
    assert framed.refused.tolist() == [1, 2, 4, 6, 17]
    assert columnar(data)[1]["errors"]["bad-checksum"] == 9
    assert frame_lines(np.frombuffer(data, np.uint8), strict=False).refused.size == 0


def test_tag_block_times_of_every_length_and_alignment() -> None:
    # c: values are read eight digits at a time where they have eight: every length the
    # fast path takes (1-18 digits) and the reader's (longer), at every offset in a word,
    # with a non-digit at each place, dated as the reader dates them.
    rows = []
    for pad in range(8):
        for n in range(1, 21):
            digits = "".join(str((7 * i + n) % 10) for i in range(n))
            rows.append(tb(f"s:{'x' * pad},c:{digits}") + V)
            for bad in range(min(n, 9)):
                odd = digits[:bad] + rng_char(bad) + digits[bad + 1 :]
                rows.append(tb(f"s:{'x' * pad},c:{odd}") + V)
    assert_same(lines(*rows))


def rng_char(i: int) -> str:
    return "/:a 9"[i % 5] if i % 5 != 4 else "-"


@pytest.mark.parametrize("bulk_from", [1, 16])
def test_long_payloads_framed_and_read_decode_as_the_scalar_path(
    bulk_from: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Payloads of 1,023 bits and more (no type has them), and of a type's longest length,
    # framed here and read by the reader (a lone tag block dates the sentence after it),
    # with the reader's messages decoded in groups with the framed ones or not.
    from aiswatch.columnar import decode

    monkeypatch.setattr(decode, "BULK_RAWS", bulk_from)
    long_payloads = [("1" + "0" * 170, 0), ("1" + "0" * 170, 3), ("8" + "0" * 167, 0),
                     ("8" + "0" * 168, 0), ("5" + "0" * 70, 2)]  # fmt: skip
    body_lines = [V]
    for payload, fill in long_payloads:
        sentence = seal(f"AIVDM,1,1,,B,{payload},{fill}")
        body_lines += [sentence, tb("c:1700000000"), sentence, V]
    assert_same(lines(*body_lines))


def test_buffers_and_chunks_past_the_32_bit_positions_are_refused(tmp_path: Any) -> None:
    # Positions within a buffer are 32-bit: a larger buffer is refused before it is read
    # (np.zeros: pages never touched), and so is a chunk size that could make one.
    from aiswatch.columnar import files, iter_chunks
    from aiswatch.columnar.frame import MAX_BUFFER

    with pytest.raises(ValueError, match="2 GiB at most"):
        frame_lines(np.zeros(MAX_BUFFER + 1, np.uint8))
    path = tmp_path / "one.nmea"
    path.write_bytes(lines(V))
    for size in (0, files.MAX_CHUNK_BYTES + 1):
        with pytest.raises(ValueError, match="chunk_bytes"):
            next(iter_chunks(path, chunk_bytes=size))
    assert b"".join(iter_chunks(path, chunk_bytes=files.MAX_CHUNK_BYTES)) == lines(V)


def test_chunks_are_cut_alike_whatever_tail_is_read_first(
    tmp_path: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Where a chunk ends is decided on its tail, read first: a tail too short for the lines
    # the decision looks at (held first fragments, $PGHP lines, long lines) is widened, and
    # the chunks are those of a decision over the whole chunk.
    from aiswatch.columnar import files, iter_chunks

    rng = random.Random(11)
    shapes = [F1, F2, V, "$PGHP,1,2013,3,18,9,19,14,546,219,,2190075,1,09*11", tb("c:1000"),
              "", "x" * 3000]  # fmt: skip
    path = tmp_path / "mixed.nmea"
    path.write_bytes(lines(*[rng.choice(shapes) for _ in range(600)]) + b"no newline")
    for chunk_bytes in (1, 100, 4096, 20_000):
        monkeypatch.setattr(files, "TAIL_BYTES", 1 << 30)  # the whole chunk at once
        whole = [bytes(c) for c in iter_chunks(path, chunk_bytes)]
        for tail in (1, 16, 300):
            monkeypatch.setattr(files, "TAIL_BYTES", tail)
            assert [bytes(c) for c in iter_chunks(path, chunk_bytes)] == whole
        assert b"".join(whole) == path.read_bytes()


def test_metadata_held_across_file_chunks(tmp_path: Any) -> None:
    from aiswatch.columnar import decode_file

    path = tmp_path / "held.nmea"
    path.write_bytes(lines(tb("c:1000"), "", V))
    got = [
        r
        for b in decode_file(path, chunk_bytes=13)
        for t in b.tables.values()
        for r in t.to_pylist()
    ]
    assert [r["rxtime"] for r in got] == [1000.0]


def test_a_file_closes_its_open_groups_in_its_last_batch(tmp_path: Any) -> None:
    # decode_file reads the next chunk only after decoding the last one: the groups open at
    # the end are closed after it, counted in the last batch, as the reader counts them.
    from aiswatch.columnar import decode_file

    path = tmp_path / "open.nmea"
    data = lines(V, F1, F2, V, F1, "$GPGGA,1*00", V, F1)  # the last first fragment left open
    path.write_bytes(data)
    want = scalar(data)
    for chunk_bytes in (1, 40, 1 << 20):
        probs: list[Problem] = []
        batches = list(decode_file(path, chunk_bytes=chunk_bytes, on_problem=probs.append))
        stats = Stats()
        for b in batches:
            stats.merge(b.nmea)
        assert stats.as_dict() == want[1]
        assert batches[-1].nmea.incomplete == 1  # the group open at the end, closed there
        assert sorted((p.line, p.reason, p.detail, p.text) for p in probs) == sorted(want[3])
        rows = sum(t.num_rows for b in batches for t in b.tables.values())
        assert rows == sum(len(r) for r in want[0].values())
    empty = tmp_path / "empty.nmea"
    empty.write_bytes(b"")
    assert [b.rows for b in decode_file(empty)] == [0]


def test_framing_lays_each_messages_six_bit_values_end_to_end() -> None:
    # The payload values of every fast message, written during the scan, are its payload's
    # armour values: single sentences, adjacent pairs, pairs glued on one line, and around
    # a first fragment that joins nothing (its values are written, then left behind).
    glued = F1 + "\\r\\n" + F2
    buf = np.frombuffer(lines(V, F1, F2, F1, V, glued, PGHP, V, F1, F2, V), np.uint8)
    fr = frame_lines(buf)
    assert fr.msg_line.size == 7 and (fr.value2 >= 0).sum() == 3
    for m in range(fr.msg_line.size):
        s1, l1 = int(fr.seg1[m]), int(fr.len1[m])
        want = ARMOUR_VALUE[buf[s1 : s1 + l1]]
        if fr.seg2[m] >= 0:
            s2, l2 = int(fr.seg2[m]), int(fr.len2[m])
            want = np.concatenate((want, ARMOUR_VALUE[buf[s2 : s2 + l2]]))
            got2 = fr.values[fr.value2[m] : fr.value2[m] + l2]
            assert (got2 == want[l1:]).all()
        assert (fr.values[fr.value1[m] : fr.value1[m] + l1] == want[:l1]).all()
        mat = payload_matrix(fr.values, fr.value1, fr.len1, fr.value2, np.array([m]),
                             want.size, *NO_OTHER_PAYLOADS)  # fmt: skip
        assert (mat[0] == want).all()


def test_printable_reads_words_and_bytes_alike() -> None:
    # Eight bytes at a time where aligned words fit, byte by byte around them: every
    # offset and length, with tabs (allowed) and each kind of refused byte in each place.
    from aiswatch.columnar.frame import _words
    from aiswatch.columnar.lineparts import printable

    rng = np.random.default_rng(7)
    base = rng.integers(32, 127, 64, dtype=np.uint8)
    for bad in (None, 9, 0, 31, 127, 128, 255):
        for where in range(0, 40, 3):
            buf = base.copy()
            if bad is not None:
                buf[where] = bad
            words = _words(buf)
            for s in range(0, 12):
                for e in range(s, 48):
                    want = all(b == 9 or 32 <= b <= 126 for b in buf[s:e].tolist())
                    assert printable(buf, words, s, e) == want, (bad, where, s, e)


def test_reader_only_tables_come_in_line_order() -> None:
    # Two three-part messages (the reader's alone), the second finishing first: the reader
    # hands them over in that order, each dated by its first line; the table still comes
    # in line order (found in review).
    from aiswatch.nmea.framing import frame

    pay, fill = Message.decode(P1, 0).encode()
    a = frame(pay, fill, seq_id=1, max_chars=10)
    b = frame(pay, fill, seq_id=2, max_chars=10)
    assert len(a) == 3
    batch = ColumnarDecoder().decode(lines(a[0], b[0], b[1], b[2], a[1], a[2]), final=True)
    assert batch.tables[1].column("line").to_pylist() == [1, 2]
    assert batch.tables[1].column("mmsi").to_pylist() == [Message.decode(P1, 0).fields["mmsi"]] * 2


def test_scan_refuses_scratch_space_too_small() -> None:
    # The scan's views of its scratch space are not bounds-checked: it checks their size.
    from aiswatch.columnar.frame import MONTH_DAYS, WORK_INTS, _scan, _words

    buf = np.frombuffer(b"!AIVDM,1,1,,A,13u@wD?P000qjJLPBKstogvN2H8P,0*00\n", np.uint8).copy()
    args = (buf, _words(buf), MONTH_DAYS, 2000, False, True, 60.0)
    ws = workspace.Workspace()
    ws.fit(2, buf.size)
    with pytest.raises(ValueError, match="scratch space"):
        _scan(*args, np.empty(WORK_INTS - 1, np.int64), np.empty(1), *ws.arrays())
    with pytest.raises(ValueError, match="scratch space"):
        _scan(*args, np.empty(WORK_INTS, np.int64), np.empty(0), *ws.arrays())
    assert _scan(*args, np.empty(WORK_INTS, np.int64), np.empty(1), *ws.arrays())[0].size == 1


def test_a_workspace_too_small_frames_nothing_and_grows() -> None:
    # Where the workspace has no room for a buffer's lines or bytes, the scan frames nothing
    # (its arrays are written unchecked) and says how many lines it counted.
    from aiswatch.columnar.frame import MONTH_DAYS, WORK_INTS, _scan, _words

    line = (seal(f"AIVDM,1,1,,A,{P1},0") + "\n").encode()
    buf = np.frombuffer(line * 5, np.uint8).copy()
    args = (buf, _words(buf), MONTH_DAYS, 2000, False, True, 60.0,
            np.empty(WORK_INTS, np.int64), np.empty(1))  # fmt: skip
    for lines, nbytes in ((5, buf.size), (6, buf.size - 1), (0, 0)):
        ws = workspace.Workspace()
        ws.fit(lines, nbytes)
        ws.values = ws.values[:nbytes]
        ws.kind = ws.kind[:lines]
        found = _scan(*args, *ws.arrays())
        assert found[0].size == 0 and found[3].size == 0 and found[-1] == 6
    ws = workspace.Workspace()
    fresh = frame_lines(buf)
    for _ in range(2):  # the workspace grown, then reused
        again = frame_lines(buf, workspace=ws)
        assert again.line_start.tolist() == fresh.line_start.tolist()
        assert again.msg_line.size == 5 and ws.kind.size >= 6


def test_workspaces_pass_from_decoder_to_decoder_within_a_size(tmp_path: Path) -> None:
    workspace._SPARE.clear()
    dec = ColumnarDecoder()
    ws = dec.workspace
    dec.decode((seal(f"AIVDM,1,1,,A,{P1},0") + "\n").encode() * 10)
    dec.close()
    dec.close()  # twice: the empty one made by the first does not replace it
    assert [ws] == workspace._SPARE and ws.kind.size >= 11
    assert ColumnarDecoder().workspace is ws and workspace._SPARE == []
    big = workspace.Workspace()
    big.fit(1 << 20, workspace.SPARE_BYTES)  # over the limit: let go
    big.give_back()
    assert workspace._SPARE == []
    # decode_file gives its decoder's workspace back before its last batch.
    path = tmp_path / "five.nmea"
    path.write_text((seal(f"AIVDM,1,1,,A,{P1},0") + "\n") * 5)
    batches = decode_file(path)
    assert next(batches).rows == 5 and len(workspace._SPARE) == 1
    assert next(batches, None) is None


def test_a_workspace_unlike_the_scans_rows_is_refused_clearly() -> None:
    assert frame.REFUSED_AT + 1 == workspace.INT_ROWS  # the scan's last int32 row
    buf = np.frombuffer((seal(f"AIVDM,1,1,,A,{P1},0") + "\n").encode() * 3, np.uint8)
    ws = workspace.Workspace()
    ws.fit(8, buf.size)
    ws.ints = ws.ints[: workspace.INT_ROWS - 1]  # a row short: refused before any is read
    assert not ws.fits(4, buf.size)
    with pytest.raises(ValueError, match="workspace matrices of too few rows"):
        frame_lines(buf, workspace=ws)


def test_a_workspace_holds_only_the_last_buffer() -> None:
    # One decoder frames its buffers into one workspace: tables made from a buffer hold
    # none of it (the next buffer overwrites it), so a batch kept reads the same after.
    a = "".join(tb("c:1700000000,s:rA") + seal(f"AIVDM,1,1,,A,{P1},0") + "\n" for _ in range(40))
    b = "".join(tb(f"c:{1800000000 + k},s:rBB") + seal("AIVDM,1,1,,B,15N9?cP01BGR1ttC>C03Tjon00S@,0")
                + "\n" for k in range(60))  # fmt: skip
    dec = ColumnarDecoder()
    first = dec.decode(a.encode())
    before = {t: table.to_pylist() for t, table in first.tables.items()}
    assert before[1][0]["station"] == "rA" and len(before[1]) == 40
    second = dec.decode(b.encode())
    assert second.tables[1].num_rows == 60
    assert {t: table.to_pylist() for t, table in first.tables.items()} == before


def _pghp_variants() -> list[str]:
    """$PGHP lines the reader takes, refuses or reads no time from: every byte of the
    line's body replaced in turn (by separators, the checksum delimiter, bytes it refuses,
    digits and letters), fields emptied, added, lengthened and dropped, dates and times out
    of range, other PGHP types, checksums spoiled, each placed at every alignment."""
    base = "PGHP,1,2010,6,11,11,46,11,390,231,45,992190934,1,2B"
    bodies = {
        base,
        base.replace(",1,", ",2,", 1),
        base.replace(",45,992190934,", ",,,"),
        base.replace(",45,992190934,", ",0,,"),
        base.replace(",45,992190934,", ",,7,"),
    }
    for i in range(5, len(base)):
        for c in (",", "*", " ", "\x7f", "\x1f", "\xe9", "!", "~", "0", "9", "A", ""):
            bodies.add(base[:i] + c + base[i + 1 :])
    fields = base.split(",")
    for n in range(1, 20):  # fewer and more fields than the 14 of type 1
        bodies.add(",".join((fields + ["7"] * 8)[:n]))
    for k in range(1, 14):
        for value in ("", "0", "123456789", "1234567890", "99", "-1", "+1", "1.5"):
            f = list(fields)
            f[k] = value
            bodies.add(",".join(f))
    for date in (
        "2012,2,29",
        "2011,2,29",
        "2000,2,29",
        "1900,2,29",
        "2010,13,1",
        "2010,4,31",
        "0,1,1",
        "9999,12,31",
        "10000,1,1",
        "2010,0,1",
        "2010,1,0",
    ):
        bodies.add(base.replace("2010,6,11", date))
    for clock in ("23,59,59,999", "24,0,0,0", "0,60,0,0", "0,0,60,0", "0,0,0,1000"):
        bodies.add(base.replace("11,46,11,390", clock))
    out = []
    for k, b in enumerate(sorted(bodies)):
        line = f"${b}*{checksum_bytes(b.encode('latin-1')):02X}"
        if k % 7 == 0:
            line = line[:-2] + ("00" if line[-2:] != "00" else "01")
        out.append(" " * (k % 8) + line if k % 16 >= 8 else line)
    return out


def test_pghp_lines_are_read_as_the_reader_reads_them() -> None:
    # Each variant dates the sentence after it (or not) exactly as the reader does.
    variants = _pghp_variants()
    assert len(variants) > 600
    for start in range(0, len(variants), 50):
        assert_same(lines(*(x for v in variants[start : start + 50] for x in (v, V))))
