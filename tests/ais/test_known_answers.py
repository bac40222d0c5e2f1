"""Known-answer vectors for every message type (see vectors.py), plus gpsd's own examples."""

from __future__ import annotations

import pytest

from aiswatch.ais import TYPES, DecodeError, Message
from tests.ais.vectors import VECTORS, Vector, armour_bits


def test_every_type_has_a_vector() -> None:
    covered = {int(v.bits[:6], 2) for v in VECTORS}
    assert covered == set(range(1, 28))
    assert set(TYPES) == set(range(1, 28))


@pytest.mark.parametrize("vec", VECTORS, ids=lambda v: v.name)
def test_vector_decodes_to_the_stated_values(vec: Vector) -> None:
    payload, fill = vec.payload
    m = Message.decode(payload, fill)
    for name, value in vec.expect.items():
        assert m.fields[name] == value, name
    js = m.json()
    for name, value in vec.scaled.items():
        assert js[name] == value, name
    assert "spare" not in js


@pytest.mark.parametrize("vec", VECTORS, ids=lambda v: v.name)
def test_vector_reencodes_bit_for_bit(vec: Vector) -> None:
    payload, fill = vec.payload
    assert Message.decode(payload, fill).encode() == (payload, fill)


def test_gpsd_documentation_example() -> None:
    # The example sentence of AIVDM.adoc's "Sentence Layer" section.
    m = Message.decode("177KQJ5000G?tO`K>RA1wUbN0TKH", 0)
    js = m.json()
    assert (m.type, m.mmsi) == (1, 477553000)
    assert js["status"] == 5 and js["status_text"] == "Moored"
    assert js["lon"] == pytest.approx(-122.345833) and js["lat"] == pytest.approx(47.582833)
    assert js["course"] == 51.0 and js["heading"] == 181 and js["second"] == 15


def test_two_part_type5_documentation_example() -> None:
    payload = "55P5TL01VIaAL@7WKO@mBplU@<PDhh000000001S;AJ::4A80?4i@E53" + "1@0000000000000"
    m = Message.decode(payload, 2)
    assert m.fields["shipname"] == "MT.MITCHELL" and m.fields["callsign"] == "WDA9674"
    assert m.fields["destination"] == "SEATTLE" and m.json()["draught"] == 6.0
    assert m.encode() == (payload, 2)


def test_raw_json_is_unscaled() -> None:
    payload, fill = VECTORS[0].payload
    raw = Message.decode(payload, fill).json(scaled=False)
    assert raw["lon"] == 72900000 and raw["speed"] == 123 and raw["turn"] == 20
    assert "status_text" not in raw


@pytest.mark.parametrize(
    ("payload", "fill", "reason"),
    [
        ("", 0, "too-short"),
        ("1", 0, "too-short"),
        ("177KQJ5000G?tO`K>RA1wUbN0T", 0, "too-short"),  # type 1 cut short
        ("177KQJ5000G?tO`K>RA1wUbN0TKH00000", 0, "too-long"),
        ("P77KQJ5000G?tO`K>RA1wUbN0TKH", 0, "unknown-type"),  # type 32
        ("177KQJ5000G?tO`K>RA1wUbN0TK~", 0, "illegal-character"),
    ],
)
def test_bad_payloads_raise_a_located_reason(payload: str, fill: int, reason: str) -> None:
    with pytest.raises(DecodeError) as info:
        Message.decode(payload, fill)
    assert info.value.reason == reason


def test_type5_cut_short_in_the_wild_is_accepted() -> None:
    # 420 and 422-bit type 5 messages are common (AIVDM.adoc, Type 5): keep what is there.
    vec = next(v for v in VECTORS if v.name.startswith("type5"))
    p2, f2 = armour_bits(vec.bits[:420])
    m = Message.decode(p2, f2)
    assert m.fields["shipname"] == "SHUN XING 39"
    assert m.fields["destination"] == "KEELUNG"


def test_build_fills_not_available_defaults() -> None:
    m = Message.build(1, mmsi=244000000)
    js = m.json()
    assert js["lat"] is None and js["lon"] is None and js["speed"] is None
    assert js["heading"] is None and js["course"] is None and js["turn"] is None
    assert m.fields["status"] == 15


def test_build_scaled_round_trip() -> None:
    m = Message.build(
        1,
        mmsi=416004485,
        status=1,
        turn=-10.0,
        speed=0.4,
        lon=120.0512,
        lat=23.0123,
        course=201.3,
        heading=200,
        second=7,
    )
    js = m.json()
    assert js["lon"] == pytest.approx(120.0512, abs=1e-6)
    assert js["lat"] == pytest.approx(23.0123, abs=1e-6)
    assert js["speed"] == 0.4 and js["course"] == 201.3
    assert js["turn"] == pytest.approx(-10.0, abs=0.6)
