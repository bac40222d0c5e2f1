"""Differential tests: our decoder against pyais and gpsd's gpsdecode over every real log.

Every disagreement is either fixed in the decoder or matched by a named explanation in
`tests.ais.oracles.EXPLAINED`, which cites the clause of ITU-R M.1371-5 (or AIVDM.adoc) that
decides it. The tests assert that nothing is left unexplained, that each log yields at least a
stated number of compared messages (so they cannot pass on an empty comparison), and that every
explanation is still needed. `pytest -s -k summary` or `python -m tests.ais.oracles` prints
the figures.
"""

from __future__ import annotations

import functools
from pathlib import Path

import pytest

from aiswatch.ais import Message
from tests.ais import oracles as O
from tests.conftest import real_logs, shared_path

# Messages each oracle must have compared with ours, per log: 95% of what they compared when
# these tests were written (pyais / gpsdecode counts in the comments), so a change to the
# NMEA layer or to an oracle that silently drops messages fails here.
MINIMUM_COMPARED: dict[str, int] = {
    "dma_ais250.txt": 230,  # 243 / 243
    "dma_decode_encode_messages.txt": 570,  # 601 / 601
    "dma_replay_dump.txt": 47,  # 50 / 50
    "dma_small_cb_example.txt": 10,  # 11 / 11
    "dma_stream_example_2010-06-11.txt": 3848,  # 4051 / 4051
    "goais_aistest_2019.nmea": 859,  # 905 / 905
    "kystverket_2019-08-07_1000lines.nm4": 833,  # 877 / 877
    "libais_tagblock.nmea": 3,  # 4 / 4
    "libais_test.aivdm": 202,  # 216 / 213 (its junk vectors of types 23, 26-28 are rejected)
    "pyais_gatehouse.nmea": 3,  # 4 / 4
    "pyais_mixed.txt": 11,  # 12 / 12
    "pyais_nmea_data_sample.txt": 739,  # 778 / 778
    "pyais_timestamped.ais": 3,  # 4 / 4
    "signalk_gofree-merrimac_2014-04-16.log": 1386,  # 1459 / 1459
    "signalk_nais400-merrimac_2014-04-16.log": 634,  # 668 / 668
}
LOGS = sorted(MINIMUM_COMPARED)


def _need_pyais() -> None:
    pytest.importorskip("pyais", reason="pyais (development dependency) is not installed")


def _need_gpsdecode() -> None:
    if O.gpsdecode_path() is None:
        pytest.skip("gpsdecode is not installed: apt-get install gpsd-clients (.ci/run does)")


@functools.cache
def _tally(name: str, oracles: tuple[str, ...]) -> O.Tally:
    return O.run_log(shared_path("data", "ais", name), oracles)


def _report(tally: O.Tally) -> str:
    lines = [
        f"{d.oracle} {d.file}:{d.line} type {d.type} {d.field}: ours={d.ours!r} "
        f"theirs={d.theirs!r} ({d.payload},{d.fill})"
        for d in tally.unexplained()[:20]
    ]
    return "unexplained disagreements (fix the decoder or explain them):\n" + "\n".join(lines)


def test_every_real_log_has_a_stated_minimum() -> None:
    assert sorted(p.name for p in real_logs()) == LOGS


@pytest.mark.parametrize("name", LOGS)
def test_pyais_agrees_or_is_explained(name: str) -> None:
    _need_pyais()
    tally = _tally(name, (O.PYAIS,))
    assert tally.messages[O.PYAIS] >= MINIMUM_COMPARED[name]
    assert tally.fields[O.PYAIS] >= 10 * tally.messages[O.PYAIS]
    assert not tally.unexplained(), _report(tally)


@pytest.mark.parametrize("name", LOGS)
def test_gpsdecode_agrees_or_is_explained(name: str) -> None:
    _need_gpsdecode()
    tally = _tally(name, (O.GPSD_RAW, O.GPSD_SCALED))
    for oracle in (O.GPSD_RAW, O.GPSD_SCALED):
        assert tally.messages[oracle] >= MINIMUM_COMPARED[name], oracle
        assert tally.fields[oracle] >= 10 * tally.messages[oracle], oracle
    assert not tally.unexplained(), _report(tally)


def _everything() -> O.Tally:
    _need_pyais()
    _need_gpsdecode()
    total = O.Tally()
    total.merge(_merged((O.PYAIS,)))
    total.merge(_merged((O.GPSD_RAW, O.GPSD_SCALED)))
    return total


def _merged(oracles: tuple[str, ...]) -> O.Tally:
    out = O.Tally()
    for name in LOGS:
        out.merge(_tally(name, oracles))
    return out


def test_every_explanation_is_still_needed() -> None:
    used = {rule.name for d in _everything().diffs if (rule := O.explain(d))}
    stale = [rule.name for rule in O.EXPLAINED if rule.name not in used]
    assert not stale, f"explanations no disagreement needs any more: {stale}"


def test_binary_applications_are_compared() -> None:
    # Types 8 DAC 1 FI 11, DAC 1 FI 31 and DAC 200 FI 10 are decoded by all three decoders,
    # the GLA AtoN reports (6, DAC 235/250, FI 10) by gpsd and us.
    total = _everything()
    assert total.app_compared[O.PYAIS] >= 130
    assert total.app_compared[O.GPSD_RAW] >= 140


def test_summary() -> None:
    text = O.summary(_everything())
    print("\n" + text)  # shown with pytest -s
    assert "UNEXPLAINED" not in text


# ---- the harness itself -----------------------------------------------------------------

SENTENCE = "!AIVDM,1,1,,B,177KQJ5000G?tO`K>RA1wUbN0TKH,0*5C"


def _item() -> O.Ours:
    from aiswatch.nmea import NmeaReader

    raw = next(iter(NmeaReader().read([SENTENCE], "unit")))
    return O.Ours("unit", raw, Message.decode(raw.payload, raw.fill), None, 168, (1, 477553000))


def test_a_wrong_value_is_an_unexplained_disagreement() -> None:
    _need_pyais()
    item = _item()
    assert item.msg is not None
    theirs, their_app, extra = O.pyais_record(item.raw.sentences, item.nbits)
    ours = O._ours_for_pyais(item.msg)
    tally = O.Tally()
    O._compare(tally, O.PYAIS, item, ours, theirs, their_app, extra)
    assert not tally.diffs
    for name, wrong in (("heading", 180), ("lon", ours["lon"] + 1), ("turn", 1.0)):
        tally = O.Tally()
        O._compare(tally, O.PYAIS, item, {**ours, name: wrong}, theirs, their_app, extra)
        assert [d.field for d in tally.unexplained()] == [name]


def test_a_block_left_out_wrongly_is_not_explained() -> None:
    # A type 7 of two whole blocks (104 bits): leaving out the second is a bug, not the
    # "block not carried" convention.
    _need_pyais()
    from aiswatch.nmea import NmeaReader

    msg = Message.build(7, mmsi=1, mmsi1=2, mmsiseq1=1, mmsi2=3, mmsiseq2=2)
    raw = next(iter(NmeaReader().read(msg.sentences(), "unit")))
    item = O.Ours("unit", raw, msg, None, 104, (7, 1))
    theirs, their_app, extra = O.pyais_record(raw.sentences, 104)
    ours = {k: v for k, v in O._ours_for_pyais(msg).items() if k not in ("mmsi2", "mmsiseq2")}
    tally = O.Tally()
    O._compare(tally, O.PYAIS, item, ours, theirs, their_app, extra)
    assert sorted(d.field for d in tally.unexplained()) == ["mmsi2", "mmsiseq2"]


def test_gpsdecode_sees_every_sentence() -> None:
    # gpsd's lexer drops talkers it does not know and channel C; the harness re-frames them.
    line, changed = O.for_gpsd("!SSVDM,1,1,,C,13P;BWP000OaCS4MUB7nGr0T0<0G,0*11")
    assert changed and line.startswith("!AIVDM,1,1,,A,13P;BWP000OaCS4MUB7nGr0T0<0G,0*")
    assert O.for_gpsd(SENTENCE) == (SENTENCE, False)


def test_normalisations() -> None:
    assert O.same("ABC", "ABC@@@  ") and not O.same(" ABC", "ABC")
    assert O.same_data("30:2f7dc89c", "30:2f7dc89f")  # gpsd's garbage in the pad bits
    assert not O.same_data("30:2f7dc89c", "30:2f7dc8a0")
    assert O.same_data("12:abc0", b"\xab\xc0") is False  # bytes carry no bit count
    assert O.same_data("16:abc0", b"\xab\xc0")
    assert O.same(True, 1) and not O.same(1, 2) and O.same(0.1, 0.1000005)
    obj = {"type": 5, "mmsi": 1, "eta": "05-31T24:60Z", "class": "AIS", "scaled": False}
    assert O.gpsd_normalise(obj, scaled=False) == {
        "type": 5, "mmsi": 1, "month": 5, "day": 31, "hour": 24, "minute": 60,
    }  # fmt: skip


def test_logs_directory_listing_matches() -> None:
    # The module's own listing (used by `python -m tests.ais.oracles`) sees the same logs.
    d = shared_path("data", "ais")
    assert [p.name for p in O.logs(Path(d))] == LOGS
