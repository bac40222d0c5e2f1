"""Field extraction over six-bit matrices (`columnar.extract`) against a plain bit reader,
for every width the decoder reads (0 to 58 bits) at every offset."""

from __future__ import annotations

import numpy as np

from aiswatch.ais.bits import clean_text, sixbit_decode
from aiswatch.columnar.extract import (
    data_texts,
    extract_fields,
    extract_int,
    extract_text,
    extract_uint,
)


def _bits(row: np.ndarray, offset: int, width: int, signed: bool) -> int:
    v = 0
    for b in range(offset, offset + width):
        v = (v << 1) | ((int(row[b // 6]) >> (5 - b % 6)) & 1)
    if signed and width and v >= 1 << (width - 1):
        v -= 1 << width
    return v


def test_fields_of_every_width_and_offset_equal_a_bit_reader() -> None:
    rng = np.random.default_rng(2)
    mat = rng.integers(0, 64, (37, 14), dtype=np.uint8)  # 84 bits a row
    mat[0] = 63  # all ones: the sign and mask edges
    mat[1] = 0
    for width in range(59):
        offsets = np.arange(0, 84 - width + 1, dtype=np.int64)
        widths = np.full(offsets.size, width, np.int64)
        for signed in (False, True):
            got = extract_fields(mat, offsets, widths, np.full(offsets.size, signed))
            for k, off in enumerate(offsets.tolist()):
                want = [_bits(row, off, width, signed) for row in mat]
                assert got[k].tolist() == want, (width, off, signed)
                one = (extract_int if signed else extract_uint)(mat, off, width)
                assert one.tolist() == want, (width, off, signed)


def _gpsd_data(mat: np.ndarray, offset: int, width: int) -> list[str]:
    """The text gpsd writes for binary data: the bits left-aligned in whole bytes, hex."""
    out = []
    for row in mat:
        bits = "".join(format(int(v), "06b") for v in row)[offset : offset + width]
        bits += "0" * (-len(bits) % 8)
        data = bytes(int(bits[k : k + 8], 2) for k in range(0, len(bits), 8))
        out.append(f"{width}:{data.hex()}")
    return out


def test_data_texts_equal_gpsd_at_every_offset_and_width() -> None:
    rng = np.random.default_rng(5)
    mat = rng.integers(0, 64, (7, 40), dtype=np.uint8)
    for offset in range(13):
        for width in range(0, 6 * 40 - offset, 7):
            got = data_texts(mat, offset, width).to_pylist()
            assert got == _gpsd_data(mat, offset, width), (offset, width)


def test_text_equals_the_scalar_decoders_at_every_offset() -> None:
    # Six-bit text cut at '@' (value 0), trailing spaces (32) dropped, at every alignment.
    rng = np.random.default_rng(9)
    mat = rng.integers(0, 64, (400, 30), dtype=np.uint8)
    mat[rng.random(mat.shape) < 0.3] = 32  # runs of spaces
    mat[:, -3:] = 32
    for offset in range(12):
        for nchars in (0, 1, 7, 20, (6 * 30 - offset) // 6):
            got = extract_text(mat, offset, 6 * nchars).to_pylist()
            want = []
            for row in mat:
                v = int("".join(format(int(x), "06b") for x in row)[offset : offset + 6 * nchars]
                        or "0", 2)  # fmt: skip
                want.append(clean_text(sixbit_decode(v, nchars)))
            assert got == want, (offset, nchars)
