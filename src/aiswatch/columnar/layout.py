"""Resolve a message layout to fixed bit offsets for a given payload length.

Given the bit count, the decoder's choices for variable fields and optional groups are
fixed, so a (type, length) pair lays out as a flat list of fields; only a Switch needs the
values read before it. This mirrors `aiswatch.ais.codec` step for step.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from aiswatch.ais.fields import Field, Group, Item, Kind, Repeat, Switch


@dataclass(frozen=True)
class Placed:
    field: Field
    offset: int
    width: int


@dataclass(frozen=True)
class Pending:
    """A layout stopped at a switch: fields placed so far, the switch, what follows it."""

    placed: list[Placed]
    switch: Switch
    after: tuple[Item, ...]
    offset: int


@dataclass(frozen=True)
class PlacedArray:
    """A `Repeat` of flat records laid out for one length: its records' fields, record by
    record, from bit `offset` for `width` bits (all records)."""

    name: str
    records: tuple[tuple[Placed, ...], ...]
    offset: int
    width: int


def _fixed(items: Sequence[Item]) -> int:
    return sum(it.width for it in items if isinstance(it, Field) and not it.variable)


Laid = list[Placed] | Pending | None
#: A layout with arrays laid out (`place(..., arrays=True)`).
LaidArrays = list[Placed | PlacedArray] | Pending | None

#: Layouts already placed, by the identities of their items (the message tables' own
#: objects, kept alive by the entry, so an identity cannot be reused), bits and offset.
_PLACED: dict[tuple[int, ...], tuple[tuple[Item, ...], LaidArrays]] = {}
_PLACED_MAX = 1 << 14  # distinct layouts held at most (adversarial lengths cannot grow it)


def place(items: Sequence[Item], nbits: int, offset: int = 0) -> Laid:
    """Lay `items` out from `offset` in a message of `nbits` bits. Returns the placed fields,
    a Pending switch, or None where the bits do not fit (the scalar decoder reports it) or
    the layout holds a Repeat. The result is shared: callers must not change it."""
    return place_arrays(items, nbits, offset, False)  # type: ignore[return-value]


def place_arrays(items: Sequence[Item], nbits: int, offset: int = 0,
                 arrays: bool = True) -> LaidArrays:  # fmt: skip
    """`place`, with `arrays`: a Repeat of flat records (fields of fixed width) laid out as
    the scalar decoder reads it, as many records as the bits hold up to its maximum count
    (`PlacedArray`); other Repeats still give None."""
    key = (*map(id, items), nbits, offset, arrays)
    hit = _PLACED.get(key)
    if hit is not None:
        return hit[1]
    laid = _place(items, nbits, offset, arrays)
    if len(_PLACED) >= _PLACED_MAX:
        _PLACED.clear()
    _PLACED[key] = (tuple(items), laid)
    return laid


def _place(items: Sequence[Item], nbits: int, offset: int, arrays: bool) -> LaidArrays:
    out: list[Placed | PlacedArray] = []
    pos = offset
    for k, it in enumerate(items):
        if isinstance(it, Field):
            width = it.width
            if it.variable:
                tail = _fixed(items[k + 1 :])
                width = max(0, min(width, nbits - pos - tail))
                if it.kind is Kind.TEXT:
                    width -= width % 6
            if pos + width > nbits:
                return None
            out.append(Placed(it, pos, width))
            pos += width
        elif isinstance(it, Group):
            if nbits - pos >= _fixed(it.items):
                sub = place_arrays(it.items, nbits, pos, arrays)
                if not isinstance(sub, list):
                    return None
                out.extend(sub)
                pos = sub[-1].offset + sub[-1].width if sub else pos
        elif isinstance(it, Switch):
            placed = [p for p in out if isinstance(p, Placed)]
            if len(placed) < len(out):  # an array before a switch: the scalar decoder's
                return None
            return Pending(placed, it, tuple(items[k + 1 :]), pos)
        else:
            assert isinstance(it, Repeat)
            flat = all(isinstance(f, Field) and not f.variable for f in it.items)
            need = _fixed(it.items)
            if not arrays or not flat or need == 0:
                return None
            # As the scalar decoder: records while the bits hold one, at most max_count.
            records: list[tuple[Placed, ...]] = []
            start = pos
            while len(records) < it.max_count and nbits - pos >= need:
                rec = []
                for f in it.items:
                    assert isinstance(f, Field)
                    rec.append(Placed(f, pos, f.width))
                    pos += f.width
                records.append(tuple(rec))
            out.append(PlacedArray(it.name, tuple(records), start, pos - start))
    return out
