"""Fuzz: random bytes, mutated sentences and hostile lines through the whole decoding path
(reader, scalar decoder, columnar decoder) raise nothing and never cost a valid neighbour
its place."""

from __future__ import annotations

import io
import random

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from aiswatch.ais import Message
from aiswatch.ais.stream import DecodeStats, decode_stream
from aiswatch.columnar import ColumnarDecoder
from aiswatch.nmea import NmeaReader, tag_block
from aiswatch.nmea.checksum import checksum_bytes
from tests.ais.vectors import VECTORS

# Valid sentences of every type, multi-part ones included, from the hand-made vectors.
VALID: list[list[str]] = []
for _k, _v in enumerate(VECTORS):
    _m = Message.decode(*_v.payload)
    VALID.append(_m.sentences(channel="AB"[_k % 2], seq_id=_k % 10))


def _mutate(rng: random.Random, line: str) -> str:
    chars = list(line)
    for _ in range(rng.randint(1, 4)):
        op = rng.randrange(4)
        i = rng.randrange(len(chars)) if chars else 0
        if op == 0 and chars:
            chars[i] = chr(rng.randrange(256))
        elif op == 1 and chars:
            del chars[i]
        elif op == 2:
            chars.insert(i, rng.choice(",*!\\$0123456789ABCwx@"))
        else:
            chars = chars[: rng.randrange(len(chars) + 1)]
    return "".join(chars)


def _decode_all(lines: list[bytes]) -> list[Message]:
    stats = DecodeStats()
    joined = b"".join(line.rstrip(b"\r\n") + b"\n" for line in lines)
    reader = NmeaReader()
    out = [d.message for d in decode_stream(reader.read(io.BytesIO(joined), "fuzz"), stats)]
    # The columnar decoder must survive the same input, find the same messages and count
    # lines, sentences and errors (by reason) as the reader does.
    dec = ColumnarDecoder("fuzz")
    batch = dec.decode(joined, final=True)
    assert batch.rows == len(out)
    assert batch.nmea.as_dict() == reader.stats.as_dict()
    assert batch.decode.messages == stats.messages and batch.decode.errors == stats.errors
    return out


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.binary(max_size=200), max_size=30))
def test_random_bytes_raise_nothing(lines: list[bytes]) -> None:
    _decode_all(lines)


@settings(max_examples=300, deadline=None)
@given(st.integers(0, 2**32 - 1))
def test_mutated_sentences_keep_valid_neighbours(seed: int) -> None:
    rng = random.Random(seed)
    lines: list[bytes] = []
    expected = 0
    for _ in range(20):
        group = rng.choice(VALID)
        if rng.random() < 0.5:
            # A mutated copy; a fresh, intact message right after it must still decode.
            bad = [_mutate(rng, s) for s in group]
            lines.extend(b.encode("latin-1", "replace") for b in bad)
        prefix = tag_block(time=1_700_000_000 + len(lines)) if rng.random() < 0.3 else ""
        lines.extend((prefix + s).encode() for s in group)
        expected += 1
    got = _decode_all(lines)
    # Every intact message is decoded (mutations can only add lucky extra messages).
    assert len(got) >= expected


def test_hostile_lines() -> None:
    intact = VALID[0][0].encode()
    hostile = [
        b"!AIVDM," * 200_000,  # a 1.4 MB line
        b"\x00\xff" * 50,
        b"!AIVDM,9,9,9,A,,0*00",
        b"!AIVDM,1,1,,A," + b"w" * 5000 + b",0*00",
        b"\\" * 3000,
        b"$PGHP,1,2024,13,40,25,61,61,999,1,1,1,1,00*00",
        b"1" * 40 + b" " + intact,
    ]
    lines = [x for h in hostile for x in (h, intact)]
    got = _decode_all(lines)
    assert len(got) >= len(hostile)


def _reseal(line: str) -> str:
    """A mutated sentence with its checksum made right again, so the mutation reaches the
    framing checks behind the checksum (field counts, fill bits, empty payloads ...)."""
    if not line.startswith("!") or "*" not in line:
        return line
    body, _, rest = line[1:].partition("*")
    return f"!{body}*{checksum_bytes(body.encode('latin-1')):02X}{rest[2:]}"


@settings(max_examples=400, deadline=None)
@given(st.integers(0, 2**32 - 1))
def test_resealed_mutations_are_framed_as_the_reader_frames_them(seed: int) -> None:
    rng = random.Random(seed)
    lines: list[bytes] = []
    for _ in range(12):
        group = rng.choice(VALID)
        bad = [_reseal(_mutate(rng, s)) for s in group]
        prefix = tag_block(time=1_700_000_000) if rng.random() < 0.3 else ""
        lines.extend((prefix + b).encode("latin-1", "replace") for b in bad)
        lines.extend((prefix + s).encode() for s in group)
    _decode_all(lines)  # same messages, same counts of lines, sentences and errors
