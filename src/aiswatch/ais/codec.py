"""The table-driven scalar decoder and encoder.

`decode_bits` walks a message type's layout (see `fields`) over the bits of one payload and
returns a record of raw wire values; `encode_record` walks the same layout the other way.
"""

from __future__ import annotations

from collections.abc import Sequence

from aiswatch.ais.bits import Bits, armour, clean_text, sixbit_decode, sixbit_encode, unarmour
from aiswatch.ais.fields import Field, Group, Item, Kind, Record, Repeat, Switch, Value
from aiswatch.ais.layout import walk
from aiswatch.ais.messages import PEEKS, TYPES


class DecodeError(ValueError):
    """A payload that cannot be a valid message. `reason` is a short key for counting."""

    def __init__(self, reason: str, detail: str) -> None:
        super().__init__(detail)
        self.reason = reason
        self.detail = detail


class _Truncated(Exception):
    """Raised inside the walk when a field runs past the end of the bits."""


class _NoLayout(Exception):
    """Raised when a switch has no layout for what was read (type 24 part number 2 or 3)."""


def _fixed_width(items: Sequence[Item]) -> int:
    """Bits needed by the fixed fields of `items` (groups, switches and repeats count 0)."""
    return sum(it.width for it in items if isinstance(it, Field) and not it.variable)


class _Reader:
    __slots__ = ("nbits", "pos", "value")

    def __init__(self, value: int, nbits: int) -> None:
        self.value = value
        self.nbits = nbits
        self.pos = 0

    def take(self, width: int) -> int:
        end = self.pos + width
        if end > self.nbits:
            raise _Truncated
        self.pos = end
        return (self.value >> (self.nbits - end)) & ((1 << width) - 1)

    def peek(self, offset: int, width: int) -> int | None:
        end = offset + width
        if end > self.nbits:
            return None
        return (self.value >> (self.nbits - end)) & ((1 << width) - 1)

    def field(self, f: Field, tail: int) -> Value:
        width = f.width
        if f.variable:
            width = max(0, min(width, self.nbits - self.pos - tail))
            if f.kind is Kind.TEXT:
                width -= width % 6
        raw = self.take(width)
        kind = f.kind
        if kind is Kind.INT:
            if raw >> (width - 1):
                raw -= 1 << width
            return raw
        if kind is Kind.BOOL:
            return bool(raw)
        if kind is Kind.TEXT:
            return clean_text(sixbit_decode(raw, width // 6))
        if kind is Kind.DATA:
            return Bits(width, raw)
        return raw

    def items(self, items: Sequence[Item], out: Record) -> None:
        for k, it in enumerate(items):
            if isinstance(it, Field):
                tail = _fixed_width(items[k + 1 :]) if it.variable else 0
                out[it.name] = self.field(it, tail)
            elif isinstance(it, Group):
                if self.nbits - self.pos >= _fixed_width(it.items):
                    self.items(it.items, out)
            elif isinstance(it, Switch):
                # The chosen case and the items after the switch are read as one sequence,
                # so that a variable field in the case knows what follows it.
                self.switch(it, items[k + 1 :], out)
                return
            else:
                self.repeat(it, out)

    def switch(self, sw: Switch, after: Sequence[Item], out: Record) -> None:
        key = sw.key(out)
        case = sw.cases.get(key)
        if case is None and not sw.default:
            raise _NoLayout(f"no layout for {key!r}: {sw.doc}")
        if case is not None and not sw.fallback:
            self.items((*case, *after), out)
            return
        if case is not None:
            saved_pos, saved = self.pos, dict(out)
            try:
                self.items((*case, *after), out)
                last = case[-1] if case else None
                leftover = self.nbits - self.pos
                # A binary application must account for the message's bits (up to byte
                # padding); otherwise it is not that application and stays raw data.
                if leftover < 8 or isinstance(last, Repeat):
                    return
            except _Truncated:
                pass
            self.pos = saved_pos
            out.clear()
            out.update(saved)
        self.items((*sw.default, *after), out)

    def repeat(self, rep: Repeat, out: Record) -> None:
        rows: list[Record] = []
        need = max(1, _fixed_width(rep.items))
        while len(rows) < rep.max_count and self.nbits - self.pos >= need:
            row: Record = {}
            saved = self.pos
            try:
                self.items(rep.items, row)
            except _Truncated:
                self.pos = saved
                break
            rows.append(row)
        out[rep.name] = rows


def length_error(msg_type: int, nbits: int) -> DecodeError | None:
    """Why a payload of `nbits` bits whose first six bits are `msg_type` cannot be decoded
    for its length or type, or None. Longer than the type allows is accepted (the defined
    bits are decoded and the rest ignored, as the standard advises for type 27 and practice
    does for others, AIVDM.adoc) up to a whole extra byte, beyond which the payload is not
    this type, except for the longest types."""
    if nbits < 6:
        return DecodeError("too-short", f"payload of {nbits} bits holds no message type")
    mt = TYPES.get(msg_type)
    if mt is None:
        return DecodeError("unknown-type", f"message type {msg_type} is not defined (1-27)")
    if nbits < mt.min_bits:
        return DecodeError(
            "too-short", f"type {msg_type} needs at least {mt.min_bits} bits, got {nbits}"
        )
    if nbits - mt.max_bits >= 8 and mt.max_bits < 1008:
        return DecodeError(
            "too-long", f"type {msg_type} has at most {mt.max_bits} bits, got {nbits}"
        )
    return None


def decode_bits(value: int, nbits: int) -> Record:
    """Decode one message from its bits. Raises DecodeError for an unknown type or a payload
    whose length does not fit its type (`length_error`)."""
    msg_type = value >> (nbits - 6) if nbits >= 6 else 0
    error = length_error(msg_type, nbits)
    if error is not None:
        raise error
    mt = TYPES[msg_type]
    if nbits > mt.max_bits:  # the defined bits only
        value >>= nbits - mt.max_bits
        nbits = mt.max_bits
    reader = _Reader(value, nbits)
    out: Record = {}
    peek = PEEKS.get(msg_type)
    if peek is not None:
        out[peek[0]] = bool(reader.peek(peek[1], 1))
    try:
        reader.items(mt.items, out)
    except _Truncated:
        raise DecodeError(
            "too-short", f"type {msg_type} payload of {nbits} bits ends inside a field"
        ) from None
    except _NoLayout as exc:
        raise DecodeError("invalid-variant", f"type {msg_type}: {exc}") from None
    return out


def decode_payload(payload: str, fill: int = 0) -> Record:
    """Decode one armoured payload (all fragments joined) into a raw record."""
    try:
        value, nbits = unarmour(payload, fill)
    except ValueError as exc:
        raise DecodeError("illegal-character", str(exc)) from None
    return decode_bits(value, nbits)


# ---- encoding ------------------------------------------------------------------------


class _Writer:
    __slots__ = ("nbits", "value")

    def __init__(self) -> None:
        self.value = 0
        self.nbits = 0

    def put(self, raw: int, width: int) -> None:
        if width:
            self.value = (self.value << width) | (raw & ((1 << width) - 1))
            self.nbits += width

    def field(self, f: Field, rec: Record) -> None:
        v = rec.get(f.name)
        kind = f.kind
        if kind is Kind.TEXT:
            text = v if isinstance(v, str) else ""
            if f.variable and not f.pad:
                nchars = min(len(text), f.width // 6)
                self.put(sixbit_encode(text[:nchars], nchars), 6 * nchars)
            else:
                self.put(sixbit_encode(text, f.width // 6), f.width)
            return
        if kind is Kind.DATA:
            data = v if isinstance(v, Bits) else Bits(0, 0)
            self.put(data.value, min(data.nbits, f.width))
            return
        if v is None:
            raw = f.na if f.na is not None else 0
        elif isinstance(v, bool | int):
            raw = int(v)
        else:
            raise TypeError(f"field {f.name!r} needs an integer, not {type(v).__name__}")
        lo, hi = (
            (-(1 << (f.width - 1)), (1 << (f.width - 1)) - 1)
            if f.signed
            else (0, (1 << f.width) - 1)
        )
        if not lo <= raw <= hi:
            raise ValueError(f"field {f.name!r} value {raw} does not fit {f.width} bits")
        self.put(raw, f.width)

    def items(self, items: Sequence[Item], rec: Record) -> None:
        for it in walk(items, rec):
            if isinstance(it, Field):
                self.field(it, rec)
            else:
                rows = rec.get(it.name, [])
                if not isinstance(rows, list):
                    raise TypeError(f"field {it.name!r} needs a list of records")
                for row in rows[: it.max_count]:
                    self.items(it.items, row)


def encode_bits(rec: Record) -> tuple[int, int]:
    """Encode a raw record; return (value, bit count)."""
    msg_type = rec.get("type")
    if not isinstance(msg_type, int) or msg_type not in TYPES:
        raise ValueError(f"record has no valid message type: {msg_type!r}")
    w = _Writer()
    w.items(TYPES[msg_type].items, rec)
    return w.value, w.nbits


def encode_payload(rec: Record) -> tuple[str, int]:
    """Encode a raw record into an armoured payload and its fill-bit count."""
    return armour(*encode_bits(rec))
