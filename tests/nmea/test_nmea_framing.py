"""frame(): the writer side, checked by reading its output back."""

from __future__ import annotations

import pytest

from aiswatch.nmea import ARMOUR, NmeaReader, checksum, frame

TYPE5 = "55P5TL01VIaAL@7WKO@mBplU@<PDhh000000001S;AJ::4A80?4i@E531@0000000000000"  # 71 chars


def read_back(sentences: list[str]) -> list[tuple[str, int, int]]:
    reader = NmeaReader()
    return [(m.payload, m.fill, len(m.sentences)) for m in reader.read(sentences, "frame")]


def test_single_sentence() -> None:
    (s,) = frame("177KQJ5000G?tO`K>RA1wUbN0TKH", 0, channel="B")
    assert s == "!AIVDM,1,1,,B,177KQJ5000G?tO`K>RA1wUbN0TKH,0*5C"


def test_reference_two_part_message() -> None:
    # The reference example (56 payload chars per sentence): fill 2 on the last one only.
    got = frame(TYPE5, 2, channel="B", seq_id=3, max_chars=56)
    assert got == [
        "!AIVDM,2,1,3,B,55P5TL01VIaAL@7WKO@mBplU@<PDhh000000001S;AJ::4A80?4i@E53,0*3E",
        "!AIVDM,2,2,3,B,1@0000000000000,2*55",
    ]


def test_checksums_valid_and_fill_on_last_only() -> None:
    payload = (ARMOUR * 5)[:290]
    sentences = frame(payload, 4, seq_id=7, max_chars=60)
    assert len(sentences) == 5
    for i, s in enumerate(sentences, 1):
        assert s.startswith(f"!AIVDM,5,{i},7,A,")
        assert int(s[-2:], 16) == checksum(s)
        assert s.split("*")[0].endswith(",4" if i == 5 else ",0")


@pytest.mark.parametrize(("length", "parts"), [(1, 1), (60, 1), (61, 2), (120, 2), (300, 5)])
def test_round_trip(length: int, parts: int) -> None:
    payload = (ARMOUR * 6)[:length]
    for fill in (0, 2, 5):
        sentences = frame(payload, fill, seq_id=1)
        assert len(sentences) == parts
        assert read_back(sentences) == [(payload, fill, parts)]


def test_own_talker_and_default_seq() -> None:
    sentences = frame(TYPE5, 2, talker="AB", own=True, channel="")
    assert sentences[0].startswith("!ABVDO,2,1,0,,")
    reader = NmeaReader()
    (msg,) = reader.read(sentences)
    assert msg.own and msg.talker == "AB" and msg.channel == "" and msg.payload == TYPE5


def test_empty_payload_frames_one_sentence() -> None:
    assert frame("", 0) == ["!AIVDM,1,1,,A,,0*26"]


@pytest.mark.parametrize(
    ("payload", "fill", "kwargs"),
    [
        ("15", 6, {}),
        ("15", -1, {}),
        ("1x", 0, {}),
        ("1" * 541, 0, {}),
        ("1" * 100, 0, {"seq_id": 10}),
        ("15", 0, {"talker": "A"}),
        ("15", 0, {"channel": "A,B"}),
        ("15", 0, {"max_chars": 0}),
    ],
)
def test_refused(payload: str, fill: int, kwargs: dict[str, object]) -> None:
    with pytest.raises(ValueError):
        frame(payload, fill, **kwargs)  # type: ignore[arg-type]
