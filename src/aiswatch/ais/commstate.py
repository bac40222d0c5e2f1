"""Communication state of position reports (ITU-R M.1371-5, Annex 2, 3.3.7.2.2 SOTDMA and
3.3.7.3.2 ITDMA).

Types 1, 2, 4 and 11 carry a 19-bit SOTDMA state; type 3 an ITDMA state; types 9, 18 and 26
a 20-bit field whose first bit selects SOTDMA (0) or ITDMA (1).
"""

from __future__ import annotations

SOTDMA_TYPES = frozenset({1, 2, 4, 11})
ITDMA_TYPES = frozenset({3})
SELECTOR_TYPES = frozenset({9, 18, 26})


def sotdma(state: int) -> dict[str, int]:
    """Decode a 19-bit SOTDMA state: sync state, slot time-out and its sub-message."""
    sync = (state >> 17) & 0x3
    timeout = (state >> 14) & 0x7
    sub = state & 0x3FFF
    out = {"sync_state": sync, "slot_timeout": timeout}
    if timeout == 0:
        out["slot_offset"] = sub
    elif timeout == 1:
        out["utc_hour"] = (sub >> 9) & 0x1F
        out["utc_minute"] = (sub >> 2) & 0x7F
    elif timeout in (2, 4, 6):
        out["slot_number"] = sub
    else:
        out["received_stations"] = sub
    return out


def itdma(state: int) -> dict[str, int]:
    """Decode a 19-bit ITDMA state: sync state, slot increment, number of slots, keep flag."""
    return {
        "sync_state": (state >> 17) & 0x3,
        "slot_increment": (state >> 4) & 0x1FFF,
        "slots": (state >> 1) & 0x7,
        "keep": state & 0x1,
    }


def decode(msg_type: int, radio: int) -> dict[str, int]:
    """The communication state of a message's `radio` field, or {} where the type has none."""
    if msg_type in SOTDMA_TYPES:
        return sotdma(radio)
    if msg_type in ITDMA_TYPES:
        return itdma(radio)
    if msg_type in SELECTOR_TYPES:
        selector = (radio >> 19) & 1
        state = radio & 0x7FFFF
        return {"commstate_flag": selector, **(itdma(state) if selector else sotdma(state))}
    return {}
