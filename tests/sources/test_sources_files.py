"""Opening plain and compressed files and stdin, line by line."""

from __future__ import annotations

import bz2
import gzip
import io
import random
import subprocess
import sys
from pathlib import Path

import pytest
import zstandard
from tests.conftest import shared_path

from aiswatch.nmea import ARMOUR, NmeaReader, Problem, frame
from aiswatch.sources import (
    MAX_LINE_BYTES,
    detect_compression,
    iter_lines,
    open_lines,
    read_messages,
)

GOOD = b"!AIVDM,1,1,,B,177KQJ5000G?tO`K>RA1wUbN0TKH,0*5C"
TWO = [s.encode() for s in frame("5" * 80, 2, seq_id=1)]
SAMPLE = b"\r\n".join([GOOD, b"", b"# c", *TWO, GOOD]) + b"\n" + GOOD  # mixed endings, no final


def compress(kind: str, data: bytes) -> bytes:
    if kind == "gz":
        return gzip.compress(data)
    if kind == "bz2":
        return bz2.compress(data)
    if kind in ("zst", "zstd"):
        return zstandard.ZstdCompressor().compress(data)
    return data


@pytest.mark.parametrize("kind", ["txt", "gz", "bz2", "zst", "zstd"])
def test_compressed_files_read_back_identically(tmp_path: Path, kind: str) -> None:
    path = tmp_path / f"log.{kind}"
    path.write_bytes(compress(kind, SAMPLE))
    lines = list(open_lines(path))
    assert b"".join(lines) == SAMPLE
    assert lines == SAMPLE.splitlines(keepends=True)
    # without the extension: recognised by magic bytes
    bare = tmp_path / "bare"
    bare.write_bytes(compress(kind, SAMPLE))
    assert list(open_lines(str(bare))) == lines


def test_real_log_compressed_round_trip(tmp_path: Path) -> None:
    original = shared_path("data", "ais", "kystverket_2019-08-07_1000lines.nm4")
    data = original.read_bytes()
    results = []
    for kind in ("txt", "gz", "bz2", "zst"):
        path = tmp_path / f"k.{kind}"
        path.write_bytes(compress(kind, data))
        reader = NmeaReader()
        results.append([(m.payload, m.time, m.line) for m in read_messages([path], reader)])
    assert len(results[0]) == 877
    assert all(r == results[0] for r in results)


def test_multi_frame_zstd(tmp_path: Path) -> None:
    path = tmp_path / "two-frames.zst"
    c = zstandard.ZstdCompressor()
    path.write_bytes(c.compress(GOOD + b"\n") + c.compress(GOOD + b"\n"))
    assert list(open_lines(path)) == [GOOD + b"\n"] * 2


def test_detect_compression() -> None:
    assert detect_compression(gzip.compress(b"x")) == "gzip"
    assert detect_compression(bz2.compress(b"x")) == "bzip2"
    assert detect_compression(zstandard.ZstdCompressor().compress(b"x")) == "zstd"
    assert detect_compression(GOOD) is None
    assert detect_compression(b"") is None


def test_long_line_is_cut_and_numbering_kept(tmp_path: Path) -> None:
    path = tmp_path / "long.gz"
    path.write_bytes(gzip.compress(GOOD + b"\n" + b"A" * 3_000_000 + b"\n" + GOOD + b"\n"))
    lines = list(open_lines(path))
    assert len(lines) == 3 and len(lines[1]) == MAX_LINE_BYTES and lines[2] == GOOD + b"\n"
    problems: list[Problem] = []
    msgs = list(read_messages([path], NmeaReader(on_problem=problems.append)))
    assert [m.line for m in msgs] == [1, 3]
    assert [(p.line, p.reason) for p in problems] == [(2, "line-too-long")]


def test_iter_lines_edge_cases() -> None:
    assert list(iter_lines(io.BytesIO(b""))) == []
    assert list(iter_lines(io.BytesIO(b"ab"))) == [b"ab"]
    assert list(iter_lines(io.BytesIO(b"abcd\nef"), limit=4)) == [b"abcd", b"ef"]
    assert list(iter_lines(io.BytesIO(b"abcdefgh\nx\n"), limit=4)) == [b"abcd", b"x\n"]


def test_read_messages_sources_and_flush(tmp_path: Path) -> None:
    a = tmp_path / "a.nmea"
    b = tmp_path / "b.nmea.gz"
    a.write_bytes(GOOD + b"\n" + TWO[0] + b"\n")  # group cut off at the end of a
    b.write_bytes(gzip.compress(TWO[1] + b"\n" + GOOD + b"\n"))
    problems: list[Problem] = []
    reader = NmeaReader(on_problem=problems.append)
    msgs = list(read_messages([str(a), b], reader))
    assert [(m.source, m.line) for m in msgs] == [(str(a), 1), (str(b), 2)]
    assert [(p.source, p.line, p.reason) for p in problems] == [
        (str(a), 2, "incomplete-group"),
        (str(b), 1, "orphan-fragment"),
    ]
    assert reader.stats.lines == 4


def test_truncated_archive_is_a_problem(tmp_path: Path) -> None:
    rng = random.Random(5)
    payloads = ("".join(rng.choice(ARMOUR) for _ in range(28)) for _ in range(3000))
    data = b"".join(frame(p, 0)[0].encode() + b"\n" for p in payloads)
    packed = gzip.compress(data)
    broken = tmp_path / "broken.gz"
    broken.write_bytes(packed[: len(packed) // 2])
    good = tmp_path / "good.txt"
    good.write_bytes(GOOD + b"\n")
    problems: list[Problem] = []
    reader = NmeaReader(on_problem=problems.append)
    msgs = list(read_messages([broken, good], reader))
    assert msgs[-1].source == str(good)
    read_errors = [p for p in problems if p.reason == "read-error"]
    assert len(read_errors) == 1 and read_errors[0].source == str(broken)
    assert read_errors[0].line > 1000
    assert len(msgs) > 1000


def test_missing_file_raises(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        list(read_messages([tmp_path / "nope"], NmeaReader()))
    with pytest.raises(FileNotFoundError):
        list(open_lines(tmp_path / "nope"))


@pytest.mark.parametrize("kind", ["txt", "gz", "zst"])
def test_stdin(kind: str) -> None:
    code = (
        "import sys\n"
        "from aiswatch.nmea import NmeaReader\n"
        "from aiswatch.sources import read_messages\n"
        "for m in read_messages(['-'], NmeaReader()):\n"
        "    print(m.source, m.line, m.payload)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        input=compress(kind, SAMPLE),
        capture_output=True,
        check=True,
    ).stdout.decode()
    assert out.splitlines() == [
        "- 1 177KQJ5000G?tO`K>RA1wUbN0TKH",
        f"- 4 {'5' * 80}",
        "- 6 177KQJ5000G?tO`K>RA1wUbN0TKH",
        "- 7 177KQJ5000G?tO`K>RA1wUbN0TKH",
    ]
