"""Registry of binary applications carried by messages 6, 8, 25 and 26 (DAC/FI).

Each application is a layout of the bits after the FI field, keyed by (DAC, FI) and by the
message type that carries it (DAC/FI pairs are assigned separately per message type).
"""

from __future__ import annotations

from collections.abc import Mapping

from aiswatch.ais.fields import Item

CARRIERS = (6, 8, 25, 26)
"""Message types that carry binary applications."""

_REGISTRY: dict[int, dict[tuple[int, int], tuple[Item, ...]]] = {t: {} for t in CARRIERS}
_TITLES: dict[tuple[int, int, int], str] = {}


def register(msg_type: int, dac: int, fid: int, title: str, items: tuple[Item, ...]) -> None:
    _REGISTRY[msg_type][(dac, fid)] = items
    _TITLES[(msg_type, dac, fid)] = title


def layouts(msg_type: int) -> Mapping[object, tuple[Item, ...]]:
    """The (live) mapping of (dac, fid) to layout for one carrier message type."""
    return _REGISTRY[msg_type]  # type: ignore[return-value]


def title(msg_type: int, dac: int, fid: int) -> str | None:
    return _TITLES.get((msg_type, dac, fid))


def known() -> list[tuple[int, int, int, str]]:
    """Every registered application as (message type, dac, fid, title)."""
    return sorted((m, dac, fid, name) for (m, dac, fid), name in _TITLES.items())
