"""Every switch names the fields its key reads (bulk decoders rely on it)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from aiswatch.ais import TYPES, apps
from aiswatch.ais.fields import Group, Item, Repeat, Switch


def _switches(items: tuple[Item, ...]) -> Iterator[Switch]:
    for it in items:
        if isinstance(it, Switch):
            yield it
            for case in (*it.cases.values(), it.default):
                yield from _switches(case)
        elif isinstance(it, Group | Repeat):
            yield from _switches(it.items)


class _Only(Mapping[str, int]):
    """A record that holds only the named fields: reading any other one fails."""

    def __init__(self, names: tuple[str, ...], value: int) -> None:
        self.names, self.value = names, value

    def __getitem__(self, name: str) -> int:
        if name not in self.names:
            raise KeyError(name)
        return self.value

    def __iter__(self) -> Iterator[str]:
        return iter(self.names)

    def __len__(self) -> int:
        return len(self.names)


def test_switch_keys_read_only_what_they_declare() -> None:
    layouts = [mt.items for mt in TYPES.values()]
    layouts += [case for t in apps.CARRIERS for case in apps.layouts(t).values()]
    seen = 0
    for items in layouts:
        for sw in _switches(items):
            assert sw.reads, sw.doc
            for value in (0, 1, 980000001):
                sw.key(_Only(sw.reads, value))
            seen += 1
    assert seen >= 8
