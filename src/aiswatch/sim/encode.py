"""Fast, vectorized AIS encoding for the simulator: many messages of one layout at once.

`Packer` lays out the fields of a message type from the same declarative table that drives
the decoder (`aiswatch.ais.messages.TYPES`, walked with `aiswatch.ais.layout.walk`): the
field offsets are summed from the widths, never written down twice. It packs numpy columns
of raw wire values straight into six-bit armour characters, one row per message, so a
million position reports cost a few hundred numpy operations instead of a million calls to
`Message.build`. A test checks that its payloads equal `Message.build(...).encode()`.

`nmea_records` turns a block of payloads into complete NMEA 4 lines -- tag block with
``g:`` (multi-sentence messages), ``s:`` (station) and ``c:`` (receive time), sentence,
both checksums -- again column by column. The text is exactly what
`aiswatch.nmea.tag_block` and `aiswatch.nmea.frame` write (tested), only faster.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from aiswatch.ais.bits import ARMOUR, SIXBIT
from aiswatch.ais.fields import Field, Kind
from aiswatch.ais.layout import walk
from aiswatch.ais.messages import TYPES

U8 = npt.NDArray[np.uint8]
U64 = npt.NDArray[np.uint64]
I64 = npt.NDArray[np.int64]

_ARMOUR_LUT = np.frombuffer(ARMOUR.encode("ascii"), dtype=np.uint8)
_HEX = np.frombuffer(b"0123456789ABCDEF", dtype=np.uint8)

# Code point (0-255) -> six-bit value; NUL (numpy's string padding) -> '@' (0), lower case
# folded to upper case, anything AIS cannot carry -> '?'.
_SIXBIT_LUT = np.full(256, SIXBIT.index("?"), dtype=np.uint64)
for _v, _c in enumerate(SIXBIT):
    _SIXBIT_LUT[ord(_c)] = _v
    if _c.isalpha():
        _SIXBIT_LUT[ord(_c.lower())] = _v
_SIXBIT_LUT[0] = 0


@dataclass(frozen=True, slots=True)
class _Sub:
    """A slice of the layout packed as one unit: a whole integer field, or one character of
    a text field. `ops` say how its bits land in the armour characters:
    (character index, right shift of the value, mask, left shift inside the character)."""

    name: str
    char: int  # -1 for a numeric field, else the character index inside the text field
    offset: int
    width: int
    kind: Kind
    default: int
    ops: tuple[tuple[int, int, int, int], ...]


WORD_BITS = 60
"""Payload bits are gathered in 60-bit words (ten armour characters each) before the
characters are cut out of them all at once."""
_CHAR_SHIFTS = np.arange(WORD_BITS - 6, -1, -6, dtype=np.uint64)


def _word_ops(offset: int, width: int) -> tuple[tuple[int, int, int, int], ...]:
    """(word index, right shift of the value, mask, left shift inside the word) for each
    word a field of `width` bits at bit `offset` touches."""
    end = offset + width
    ops = []
    for j in range(offset // WORD_BITS, (end - 1) // WORD_BITS + 1):
        lo = max(offset, WORD_BITS * j)
        hi = min(end, WORD_BITS * j + WORD_BITS)
        ops.append((j, end - hi, (1 << (hi - lo)) - 1, WORD_BITS * j + WORD_BITS - hi))
    return tuple(ops)


class Packer:
    """Packs messages of one type (and one layout case) column-wise.

    `case` picks the layout branch the way the encoder does, e.g. ``{"partno": 1}`` for a
    type 24 part B (`aiswatch.ais.layout.walk`). Variable-length fields (type 21's
    ``name_ext``) are left out, as the encoder does when they are empty; text fields that
    are sent at full width (type 5 ``destination``) are packed at full width.
    """

    def __init__(self, msg_type: int, case: Mapping[str, Any] | None = None) -> None:
        rec: dict[str, Any] = {"type": msg_type, "mmsi": 0, **(case or {})}
        self.type = msg_type
        subs: list[_Sub] = []
        pos = 0
        for f in walk(TYPES[msg_type].items, rec):
            if not isinstance(f, Field):
                raise ValueError(f"type {msg_type}: arrays are not supported by the packer")
            if f.variable and not f.pad:
                continue
            if f.kind is Kind.DATA:
                raise ValueError(f"type {msg_type}: binary data is not supported by the packer")
            if f.kind is Kind.TEXT:
                for j in range(f.width // 6):
                    o = pos + 6 * j
                    subs.append(_Sub(f.name, j, o, 6, f.kind, 0, _word_ops(o, 6)))
            else:
                default = f.na if f.na is not None else 0
                subs.append(
                    _Sub(f.name, -1, pos, f.width, f.kind, default, _word_ops(pos, f.width))
                )
            pos += f.width
        self.subs = tuple(subs)
        self.nbits = pos
        self.fill = (-pos) % 6
        self.nchars = (pos + self.fill) // 6
        self.nwords = -(-self.nchars // (WORD_BITS // 6))
        self.names = frozenset(s.name for s in subs)

    def pack(self, n: int, columns: Mapping[str, Any]) -> U8:
        """Armoured payload characters, shape (n, nchars), uint8 ASCII.

        `columns` maps field names to raw wire values: numpy arrays of length n or scalars
        (integers, booleans; strings for text fields). Fields left out take their "not
        available" value (or 0). Values are masked to their field width (two's complement
        for signed fields), as the wire carries them.
        """
        unknown = set(columns) - self.names - {"type"}
        if unknown:
            raise KeyError(f"type {self.type} has no field(s) {sorted(unknown)}")
        const = 0  # contribution of scalar fields, as one big integer of nwords*60 bits
        total = WORD_BITS * self.nwords
        words: list[U64 | None] = [None] * self.nwords
        text_codes: dict[str, npt.NDArray[np.uint64]] = {}
        for sub in self.subs:
            if sub.name == "type":
                value: Any = columns.get("type", self.type)
            else:
                value = columns.get(sub.name, sub.default if sub.kind is not Kind.TEXT else "")
            if sub.kind is Kind.TEXT:
                if isinstance(value, str):
                    ch = value[sub.char] if sub.char < len(value) else "\0"
                    const |= int(_SIXBIT_LUT[min(ord(ch), 255)]) << (total - sub.offset - 6)
                    continue
                codes = text_codes.get(sub.name)
                if codes is None:
                    codes = _text_codes(value, n, sub.name)
                    text_codes[sub.name] = codes
                v: U64 = (
                    codes[:, sub.char]
                    if sub.char < codes.shape[1]
                    else np.zeros(n, dtype=np.uint64)
                )
            elif np.ndim(value) == 0:
                raw = int(value) & ((1 << sub.width) - 1)
                const |= raw << (total - sub.offset - sub.width)
                continue
            else:
                arr = np.asarray(value)
                if arr.shape != (n,):
                    raise ValueError(f"column {sub.name!r} has shape {arr.shape}, not ({n},)")
                v = arr.astype(np.int64, copy=False).astype(np.uint64) & np.uint64(
                    (1 << sub.width) - 1
                )
            for j, rs, mask, ls in sub.ops:
                part = v >> np.uint64(rs) if rs else v
                if mask != (1 << sub.width) - 1 or rs:
                    part = part & np.uint64(mask)
                if ls:
                    part = part << np.uint64(ls)
                prev = words[j]
                words[j] = part if prev is None else prev | part
        block = np.empty((n, self.nwords), dtype=np.uint64)
        wmask = (1 << WORD_BITS) - 1
        for j in range(self.nwords):
            k = np.uint64((const >> (total - WORD_BITS * (j + 1))) & wmask)
            w = words[j]
            block[:, j] = k if w is None else w | k
        chars = (block[:, :, None] >> _CHAR_SHIFTS) & np.uint64(0x3F)
        six = chars.reshape(n, -1)[:, : self.nchars].astype(np.uint8)
        return np.asarray(_ARMOUR_LUT[six], dtype=np.uint8)

    def payloads(self, n: int, columns: Mapping[str, Any]) -> list[str]:
        """The payloads as strings (for tests and small batches)."""
        block = self.pack(n, columns)
        raw = block.tobytes().decode("ascii")
        w = self.nchars
        return [raw[i * w : (i + 1) * w] for i in range(n)]


def _text_codes(values: Any, n: int, name: str) -> npt.NDArray[np.uint64]:
    arr = np.asarray(values, dtype=np.str_)
    if arr.shape != (n,):
        raise ValueError(f"column {name!r} has shape {arr.shape}, not ({n},)")
    width = max(arr.dtype.itemsize // 4, 1)
    arr = arr.astype(f"<U{width}")
    codes = arr.view(np.uint32).reshape(n, width)
    return np.asarray(_SIXBIT_LUT[np.minimum(codes, 255)], dtype=np.uint64)


# -------------------------------------------------------------------------- NMEA lines


def _xor_rows(block: U8) -> U8:
    if block.shape[1] == 0:
        return np.zeros(block.shape[0], dtype=np.uint8)
    return np.asarray(np.bitwise_xor.reduce(block, axis=1), dtype=np.uint8)


def _xor_const(data: bytes) -> int:
    x = 0
    for b in data:
        x ^= b
    return x


def _digits(values: I64, ndigits: int) -> U8:
    powers = 10 ** np.arange(ndigits - 1, -1, -1, dtype=np.int64)
    return ((values[:, None] // powers) % 10 + 48).astype(np.uint8)


def _const(n: int, data: bytes) -> U8:
    return np.broadcast_to(np.frombuffer(data, dtype=np.uint8), (n, len(data)))


def _hex2(cs: U8) -> U8:
    return np.stack((_HEX[cs >> 4], _HEX[cs & 15]), axis=1)


GROUP_ID_MIN = 1000
GROUP_ID_SPAN = 9000
"""Tag-block group ids run 1000-9999 so that every ``g:`` field has the same width."""


def nmea_records(
    payload: U8,
    fill: int,
    *,
    channel: U8,
    time: I64,
    station: str,
    seq: npt.NDArray[np.int64] | None = None,
    group: npt.NDArray[np.int64] | None = None,
    talker: str = "AI",
    max_chars: int = 60,
) -> tuple[bytes, int]:
    """Whole NMEA records for a block of payloads of one length, as one bytes buffer of
    fixed-width records (each record is every sentence of one message, each line ending in
    ``\\n``); returns (buffer, record width).

    `channel` holds the channel letters (ASCII codes), `time` the receive times (whole Unix
    seconds, ten digits), `station` the ``s:`` value. Messages longer than `max_chars`
    characters are split into sentences that each carry a tag block with the ``g:`` group
    (`group`, ids 1000-9999) and the sequence id (`seq`, 0-9).
    """
    n, length = payload.shape
    if n == 0:
        return b"", 0
    if len(time) and (int(time.min()) < 1_000_000_000 or int(time.max()) >= 10_000_000_000):
        raise ValueError("receive times must be ten-digit Unix seconds (2001-2286)")
    nparts = max(1, -(-length // max_chars))
    if nparts > 9:
        raise ValueError("a message may need at most 9 sentences")
    t_digits = _digits(time.astype(np.int64), 10)
    t_xor = _xor_rows(t_digits)
    st = station.encode("ascii")
    chan = channel.reshape(n, 1).astype(np.uint8)
    blocks: list[U8] = []
    if nparts > 1:
        if seq is None or group is None:
            raise ValueError("multi-sentence messages need `seq` and `group`")
        if int(group.min()) < GROUP_ID_MIN or int(group.max()) >= GROUP_ID_MIN + GROUP_ID_SPAN:
            raise ValueError("group ids must be 1000-9999")
        g_digits = _digits(group.astype(np.int64), 4)
        g_xor = _xor_rows(g_digits)
        seq_digit = (seq.astype(np.int64) % 10 + 48).astype(np.uint8).reshape(n, 1)
    for k in range(1, nparts + 1):
        part = payload[:, (k - 1) * max_chars : k * max_chars]
        part_fill = fill if k == nparts else 0
        # tag block
        if nparts > 1:
            head = f"g:{k}-{nparts}-".encode()
            mid = b",s:" + st + b",c:"
            tag_cs = (g_xor ^ t_xor ^ _xor_const(head + mid)).astype(np.uint8)
            blocks += [_const(n, b"\\" + head), g_digits, _const(n, mid), t_digits]
        else:
            head = b"s:" + st + b",c:"
            tag_cs = (t_xor ^ _xor_const(head)).astype(np.uint8)
            blocks += [_const(n, b"\\" + head), t_digits]
        blocks += [_const(n, b"*"), _hex2(tag_cs)]
        # sentence
        lead = f"{talker}VDM,{nparts},{k},".encode()
        tail = f",{part_fill}".encode()
        body_cs = _xor_rows(part) ^ chan[:, 0] ^ _xor_const(lead + b",," + tail)
        if nparts > 1:
            body_cs = body_cs ^ seq_digit[:, 0]
            blocks += [_const(n, b"\\!" + lead), seq_digit, _const(n, b",")]
        else:
            blocks += [_const(n, b"\\!" + lead + b",")]
        blocks += [chan, _const(n, b","), part, _const(n, tail + b"*")]
        blocks += [_hex2(body_cs.astype(np.uint8)), _const(n, b"\n")]
    rows = np.concatenate(blocks, axis=1)
    return rows.tobytes(), rows.shape[1]


def record_array(buf: bytes, width: int) -> npt.NDArray[np.object_]:
    """Cut a buffer of fixed-width records into an array of bytes objects (records never
    hold NUL bytes, so numpy's fixed-width byte strings give them back whole)."""
    if not buf:
        return np.empty(0, dtype=object)
    return np.frombuffer(buf, dtype=f"S{width}").astype(object)


def split_records(buf: bytes, width: int) -> list[bytes]:
    """Cut a buffer of fixed-width records into a list."""
    out: list[bytes] = record_array(buf, width).tolist()
    return out


def payload_block(payloads: Sequence[str]) -> U8:
    """Payload strings of equal length as an (n, length) character block."""
    if not payloads:
        return np.zeros((0, 0), dtype=np.uint8)
    width = len(payloads[0])
    data = "".join(payloads).encode("ascii")
    if len(data) != width * len(payloads):
        raise ValueError("payloads differ in length")
    return np.frombuffer(data, dtype=np.uint8).reshape(len(payloads), width)
