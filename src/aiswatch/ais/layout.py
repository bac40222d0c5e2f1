"""Walk a message layout along one record: the fields that record actually holds.

The encoder, the JSON writers and the schema share this walk, so a Switch picks its case the
same way everywhere: by its key, except that a binary application given as raw `data` stays
raw data.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from aiswatch.ais.fields import Field, Group, Item, Repeat, Switch


def has_field(items: Sequence[Item], name: str) -> bool:
    """Whether `name` is laid out anywhere in `items`, nested cases included."""
    return any(f.name == name for f, _ in all_fields(items))


def chosen_case(sw: Switch, rec: Mapping[str, Any]) -> Sequence[Item]:
    try:
        case = sw.cases.get(sw.key(rec))
    except (KeyError, TypeError, ValueError):
        case = None
    if case is None or ("data" in rec and not has_field(case, "data")):
        return sw.default
    return case


def walk(items: Sequence[Item], rec: Mapping[str, Any]) -> Iterator[Field | Repeat]:
    """Yield the Fields (and Repeats, whose rows the caller walks) that lay out `rec`."""
    for it in items:
        if isinstance(it, Field):
            yield it
        elif isinstance(it, Group):
            if any(isinstance(f, Field) and f.name in rec for f in it.items):
                yield from walk(it.items, rec)
        elif isinstance(it, Switch):
            yield from walk(chosen_case(it, rec), rec)
        else:
            yield it


def all_fields(items: Sequence[Item]) -> Iterator[tuple[Field | Repeat, bool]]:
    """Every Field and Repeat of a layout, in every case; the flag says whether it is always
    present (False inside groups, switch cases and repeats)."""
    for it in items:
        if isinstance(it, Field | Repeat):
            yield it, True
        elif isinstance(it, Group):
            for f, _ in all_fields(it.items):
                yield f, False
        else:
            for case in (*it.cases.values(), it.default):
                for f, _ in all_fields(case):
                    yield f, False
