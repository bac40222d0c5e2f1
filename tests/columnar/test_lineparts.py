"""The framing's byte-level helpers (`columnar.lineparts`) against plain Python, on every
start, end and alignment of small random buffers."""

from __future__ import annotations

import random

import numba
import numpy as np

from aiswatch.columnar.frame import ARMOUR_VALUE, _words
from aiswatch.columnar.lineparts import find_byte, sentence, tag_scan
from aiswatch.nmea.checksum import checksum_bytes

ONES = np.uint64(0x0101010101010101)


@numba.njit
def _find(buf, words, k, e, byte):  # type: ignore[no-untyped-def]
    return find_byte(buf, words, k, e, ONES * np.uint64(byte), byte)


@numba.njit
def _sentence(buf, words, e, out, values):  # type: ignore[no-untyped-def]
    return sentence(buf, words, 0, e, out, values, 0)


def _aligned(data: bytes) -> np.ndarray:
    """`data` in a fresh array (NumPy aligns them: `_words` needs 8 bytes)."""
    out = np.zeros(len(data), np.uint8)
    out[:] = np.frombuffer(data, np.uint8)
    return out


def test_find_byte_agrees_with_python() -> None:
    # (Printable bytes are tested with `tag_scan`, below, which checks them.)
    rng = random.Random(5)
    # (138, 172, 220: the searched bytes with the top bit set; 11, 45, 93: one more, which
    # a borrow from a searched byte before the start would make look like one.)
    alphabet = [9, 10, 11, 31, 32, 44, 45, 65, 92, 93, 126, 127, 128, 138, 172, 200, 220, 255]
    for _ in range(300):
        data = bytes(rng.choice(alphabet) for _ in range(rng.randint(0, 40)))
        buf = _aligned(data)
        assert buf.ctypes.data % 8 == 0
        words = _words(buf)
        for k in range(len(data) + 1):
            for e in range(k, len(data) + 1):
                for byte in (10, 44, 92):
                    want = next((i for i in range(k, e) if data[i] == byte), e)
                    assert _find(buf, words, k, e, byte) == want, (data, k, e, byte)


def test_payload_armour_is_read_as_the_table_says() -> None:
    # Every byte value in a payload, at every position of an eight-byte word: a sentence is
    # taken only if each payload byte is armour, with the table's six-bit values.
    out = np.zeros(8, np.int64)
    for pad in range(8):
        for b in range(256):
            if b == 44:  # the comma ends the payload
                continue
            payload = b"0" * pad + bytes([b]) + b"w`W0"
            body = b"AIVDM,1,1,,A," + payload + b",0"
            line = b"!" + body + b"*" + f"{checksum_bytes(body):02X}".encode() + b"\n"
            buf = _aligned(line)
            values = np.zeros(len(line), np.uint8)
            res = _sentence(buf, _words(buf), len(line) - 1, out, values)
            if ARMOUR_VALUE[b] == 255:
                assert res == 0, b
                continue
            assert res == 1, b
            assert out[5] == len(payload)
            want = ARMOUR_VALUE[np.frombuffer(payload, np.uint8)]
            assert values[: len(payload)].tolist() == want.tolist(), b


@numba.njit
def _tag_scan(buf, words, s, e):  # type: ignore[no-untyped-def]
    return tag_scan(buf, words, s, e)


def test_tag_scan_finds_checks_and_sums_as_python() -> None:
    # The closing backslash, printable bytes and their XOR, at every start, end and
    # alignment, with backslashes, control bytes and bytes above 126 anywhere.
    rng = random.Random(4)
    alphabet = [32, 42, 44, 58, 92, 99, 9, 0, 127, 200, 48, 57, 65, 126, 31]
    for _ in range(400):
        data = bytes(rng.choice(alphabet) if rng.random() < 0.3 else rng.randint(33, 125)
                     for _ in range(rng.randint(1, 70)))  # fmt: skip
        buf = _aligned(data)
        words = _words(buf)
        for s in range(len(data)):
            for e in range(s + 1, len(data) + 1):
                te = data.find(b"\\", s + 1, e)
                te = e if te < 0 else te
                part = data[s + 1 : te]
                want = (te, all(32 <= b <= 126 for b in part), checksum_bytes(part))
                assert _tag_scan(buf, words, s, e) == want, (data, s, e)
