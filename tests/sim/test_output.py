"""The NMEA output of a bundled scenario: decodes without errors (our reader and decoder,
and pyais), has a receiver-like message mix, duplicates from several receivers, a few
lines out of order, and is byte-identical for the same seed."""

from __future__ import annotations

import itertools
import re
from collections import Counter
from pathlib import Path

import pytest

from aiswatch.nmea import checksum
from aiswatch.sim.cli import simulate_command
from tests.sim.helpers import Rx, read_file, unique

TAG = re.compile(rb"^\\([^*]*)\*([0-9A-F]{2})\\(![^*]*)\*([0-9A-F]{2})$")


@pytest.fixture(scope="module")
def taiwan_2h(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[Rx]]:
    out = tmp_path_factory.mktemp("out") / "taiwan.nmea"
    simulate_command("taiwan", out, duration="2h", seed=3)
    return out, read_file(out)


def test_every_line_is_well_formed(taiwan_2h: tuple[Path, list[Rx]]) -> None:
    path, _ = taiwan_2h
    lines = path.read_bytes().splitlines()
    assert len(lines) > 20_000
    for line in lines:
        m = TAG.match(line)
        assert m, line
        tag, tag_cs, sentence, cs = m.groups()
        assert checksum(tag.decode()) == int(tag_cs, 16)
        assert checksum(sentence.decode()) == int(cs, 16)
        assert b",c:" in tag and b"s:" in tag


def test_decodes_with_our_reader(taiwan_2h: tuple[Path, list[Rx]]) -> None:
    path, msgs = taiwan_2h  # read_file asserts zero reader problems; decode raises on error
    lines = path.read_bytes().count(b"\n")
    multi = sum(1 for m in msgs if m.type == 5)
    assert len(msgs) + multi == lines  # every type 5 takes two sentences, the rest one


def test_decodes_with_pyais(taiwan_2h: tuple[Path, list[Rx]]) -> None:
    pyais_stream = pytest.importorskip("pyais.stream")
    path, msgs = taiwan_2h
    types: Counter[int] = Counter()
    for msg in pyais_stream.FileReaderStream(str(path)):
        decoded = msg.decode()
        types[int(decoded.msg_type)] += 1
    assert types == Counter(m.type for m in msgs)


def test_message_mix_looks_like_a_receiver(taiwan_2h: tuple[Path, list[Rx]]) -> None:
    _, msgs = taiwan_2h
    n = len(msgs)
    share = {t: c / n for t, c in Counter(m.type for m in msgs).items()}
    assert set(share) == {1, 2, 3, 4, 5, 18, 19, 21, 24, 27}
    assert 0.55 < share[1] < 0.85
    assert 0.02 < share[3] < 0.15
    assert 0.001 < share[2] < 0.02
    assert 0.02 < share[5] < 0.10
    assert 0.03 < share[4] < 0.20
    assert 0.005 < share[18] < 0.10
    assert 0.002 < share[24] < 0.05
    assert share[19] < share[18] and share[27] < 0.02 and share[21] < 0.02
    # type 24 in both parts, about as many of each
    parts = Counter(m.msg["partno"] for m in msgs if m.type == 24)
    assert set(parts) == {0, 1} and 0.7 < parts[0] / parts[1] < 1.4


def test_duplicates_and_order(taiwan_2h: tuple[Path, list[Rx]]) -> None:
    _, msgs = taiwan_2h
    heard = Counter(m.payload for m in msgs if m.type in (1, 2, 3, 18))
    dup_share = sum(1 for c in heard.values() if c > 1) / len(heard)
    assert 0.1 < dup_share < 0.8  # the same sentence from two (or more) receivers
    stations = {m.station for m in msgs}
    assert len(stations) >= 8
    times = [m.time for m in msgs]
    late = sum(1 for a, b in itertools.pairwise(times) if b < a - 1)
    assert 0 < late / len(times) < 0.02  # a few lines out of order
    # reception thins out with range: not every transmission reaches every receiver
    assert len(unique(msgs)) < len(msgs)


def test_same_seed_same_bytes(tmp_path: Path) -> None:
    a, b, c = tmp_path / "a.nmea", tmp_path / "b.nmea", tmp_path / "c.nmea"
    simulate_command("baltic", a, duration="40min", vessels=25, seed=42)
    simulate_command("baltic", b, duration="40min", vessels=25, seed=42)
    simulate_command("baltic", c, duration="40min", vessels=25, seed=43)
    assert a.read_bytes() == b.read_bytes()
    assert Path(f"{a}.truth.jsonl").read_bytes() == Path(f"{b}.truth.jsonl").read_bytes()
    assert a.read_bytes() != c.read_bytes()
