"""Property tests: for every message type, random field values encode and decode back."""

from __future__ import annotations

from collections.abc import Sequence

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from aiswatch.ais import TYPES, Bits, DecodeError, Message
from aiswatch.ais.bits import SIXBIT
from aiswatch.ais.codec import decode_bits, encode_bits
from aiswatch.ais.fields import Field, Group, Item, Kind, Record, Repeat, Switch
from aiswatch.ais.messages import PEEKS

# Text without the '@' terminator and without trailing spaces: what a decoder gives back.
_CHARS = SIXBIT.replace("@", "")


def _text(width: int) -> st.SearchStrategy[str]:
    return st.text(_CHARS, max_size=width // 6).map(lambda s: s.rstrip(" "))


def _value(draw: st.DrawFn, f: Field, room: int) -> object:
    if f.kind is Kind.TEXT:
        return draw(_text(min(f.width, room) if f.variable and not f.pad else f.width))
    if f.kind is Kind.DATA:
        n = draw(st.integers(0, max(0, min(f.width, room))))
        return Bits(n, draw(st.integers(0, (1 << n) - 1)) if n else 0)
    if f.kind is Kind.BOOL:
        return draw(st.booleans())
    if f.kind is Kind.INT:
        return draw(st.integers(-(1 << (f.width - 1)), (1 << (f.width - 1)) - 1))
    return draw(st.integers(0, (1 << f.width) - 1))


def _draw(draw: st.DrawFn, items: Sequence[Item], rec: Record, room: list[int]) -> None:
    """Draw values along a layout the way a decoder would meet them."""
    groups_open = True
    for k, it in enumerate(items):
        if isinstance(it, Field):
            if it.name in rec and it.name == "addressed":  # peeked flag, drawn up front
                room[0] -= it.width
                continue
            tail = sum(f.width for f in items[k + 1 :] if isinstance(f, Field) and not f.variable)
            v = _value(draw, it, room[0] - tail)
            rec[it.name] = v  # type: ignore[assignment]
            if it.kind is Kind.TEXT and it.variable and not it.pad:
                room[0] -= 6 * len(str(v))
            elif it.kind is Kind.DATA:
                assert isinstance(v, Bits)
                room[0] -= v.nbits
            else:
                room[0] -= it.width
        elif isinstance(it, Group):
            groups_open = groups_open and draw(st.booleans())
            if groups_open:
                _draw(draw, it.items, rec, room)
        elif isinstance(it, Switch):
            case = it.cases.get(it.key(rec))
            _draw(draw, case if case is not None else it.default, rec, room)
        else:
            rows: list[Record] = []
            for _ in range(draw(st.integers(0, min(it.max_count, 3)))):
                row: Record = {}
                _draw(draw, it.items, row, room)
                rows.append(row)
            rec[it.name] = rows  # type: ignore[assignment]
            assert isinstance(it, Repeat)


@st.composite
def records(draw: st.DrawFn, msg_type: int) -> Record:
    mt = TYPES[msg_type]
    rec: Record = {}
    peek = PEEKS.get(msg_type)
    if peek is not None:
        rec[peek[0]] = draw(st.booleans())
    _draw(draw, mt.items, rec, [mt.max_bits])
    rec["type"] = msg_type
    return rec


def _no_spares(rec: Record) -> Record:
    return {k: v for k, v in rec.items() if not k.startswith("spare")}


def _length(rec: Record) -> int:
    return encode_bits(rec)[1]


@pytest.mark.parametrize("msg_type", sorted(TYPES))
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_encode_then_decode_gives_the_record_back(msg_type: int, data: st.DataObject) -> None:
    rec = data.draw(records(msg_type))
    mt = TYPES[msg_type]
    # Optional groups drawn in a combination longer than the type allows (e.g. type 16 with
    # two stations and the one-station spare) are not messages: skip them.
    assume(_length(rec) <= mt.max_bits)
    if _length(rec) < mt.min_bits:
        # Too short for the type (e.g. an empty type 12 text): the decoder must say so.
        with pytest.raises(DecodeError):
            decode_bits(*encode_bits(rec))
        return
    m = Message(rec)
    back = Message.decode(*m.encode())
    assert back == m
    # JSON leaves spare bits out; everything else survives both JSON forms.
    assert _no_spares(Message.from_json(back.json()).fields) == _no_spares(back.fields)
    raw = Message.from_json(back.json(scaled=False), scaled=False)
    assert _no_spares(raw.fields) == _no_spares(back.fields)


@pytest.mark.parametrize("msg_type", sorted(TYPES))
@settings(max_examples=150, deadline=None)
@given(data=st.data())
def test_random_bits_decode_reencode_decode(msg_type: int, data: st.DataObject) -> None:
    """Any bits of a legal length either fail cleanly or survive decode-encode-decode."""
    mt = TYPES[msg_type]
    nbits = data.draw(st.integers(mt.min_bits, mt.max_bits))
    value = (msg_type << (nbits - 6)) | data.draw(st.integers(0, (1 << (nbits - 6)) - 1))
    try:
        m = Message(decode_bits(value, nbits))
    except DecodeError:
        return
    assert Message.decode(*m.encode()) == m
