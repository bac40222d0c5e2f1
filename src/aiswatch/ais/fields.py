"""The declarative vocabulary of message layouts.

A layout is a tuple of items, read in order from bit 0:

- `Field`: one bit field (name as in gpsd's JSON-AIS, width, kind, scale, "not available").
- `Group`: fields that may be missing at the end of a message (types 7, 13, 15, 16, 20).
- `Switch`: the rest of the layout depends on something already read (type 24 part A/B,
  type 22 addressed or broadcast, binary application by DAC/FI, area-notice shapes).
- `Repeat`: an array of records until the message ends (area-notice sub-areas, waypoints).

The scalar decoder, the encoder, the vectorized decoder and the JSON schema all read these
tables, so a field is defined exactly once.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TypeAlias

from aiswatch.ais.bits import Bits


class Kind(StrEnum):
    """Field kinds, as in the "T" column of AIVDM.adoc."""

    UINT = "u"
    INT = "i"
    BOOL = "b"
    ENUM = "e"  # unsigned index into a controlled vocabulary
    TEXT = "t"  # six-bit ASCII
    DATA = "d"  # uninterpreted binary
    SPARE = "x"  # spare or reserved: kept raw so a message re-encodes bit for bit


Value: TypeAlias = int | bool | str | Bits | list["Record"]
Record: TypeAlias = dict[str, Value]


@dataclass(frozen=True, slots=True)
class Field:
    """One bit field.

    `scale` divides the raw integer, and `offset` is then added, to give the unit value
    (lon/lat: scale 600000 for 1/10000 min; IMO236 air temperature: scale 10, offset -60);
    `na` is the raw "not available" value, which becomes None in scaled output; `variable`
    fields (trailing text or data) take whatever bits remain, up to `width`, and a `pad`ded
    variable field is still sent at full width (type 5 destination); `special`
    names a non-linear scaling ("rot" for rate of turn)."""

    name: str
    width: int
    kind: Kind = Kind.UINT
    scale: float = 1.0
    offset: float = 0.0
    na: int | None = None
    decimals: int | None = None
    variable: bool = False
    pad: bool = False
    special: str = ""
    units: str = ""
    doc: str = ""

    @property
    def signed(self) -> bool:
        return self.kind is Kind.INT

    @property
    def scaled(self) -> bool:
        return self.scale != 1.0 or self.offset != 0.0 or bool(self.special)


@dataclass(frozen=True, slots=True)
class Group:
    """Fields that are present only if the message is long enough to hold all of them."""

    items: tuple[Item, ...]


@dataclass(frozen=True, slots=True)
class Switch:
    """Chooses the next items from what was read so far. `key` maps the partial record to
    a case label; `cases` holds the layouts; `default` is used for any other label. With
    `fallback`, a case that does not fit the bits that remain gives way to `default` (an
    unknown or malformed binary application stays raw data). `reads` names the fields the
    key looks at, so a bulk decoder evaluates it once per distinct combination of them."""

    key: Callable[[Mapping[str, Value]], object]
    cases: Mapping[object, tuple[Item, ...]]
    default: tuple[Item, ...] = ()
    doc: str = ""
    fallback: bool = False
    reads: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Repeat:
    """An array of records, each laid out by `items`, repeated while bits remain (at most
    `max_count`). The value is a list of records under `name`."""

    name: str
    items: tuple[Item, ...]
    max_count: int
    doc: str = ""


Item: TypeAlias = Field | Group | Switch | Repeat


@dataclass(frozen=True, slots=True)
class MessageType:
    """A message type: its number, title and layout (type, repeat and mmsi included)."""

    number: int
    title: str
    items: tuple[Item, ...]
    min_bits: int
    max_bits: int
    extra: Mapping[str, object] = field(default_factory=dict)


# ---- helpers to write tables compactly -------------------------------------------------


def u(name: str, width: int, na: int | None = None, **kw: object) -> Field:
    return Field(name, width, Kind.UINT, na=na, **kw)  # type: ignore[arg-type]


def i(name: str, width: int, na: int | None = None, **kw: object) -> Field:
    return Field(name, width, Kind.INT, na=na, **kw)  # type: ignore[arg-type]


def b(name: str, **kw: object) -> Field:
    return Field(name, 1, Kind.BOOL, **kw)  # type: ignore[arg-type]


def e(name: str, width: int, na: int | None = None, **kw: object) -> Field:
    return Field(name, width, Kind.ENUM, na=na, **kw)  # type: ignore[arg-type]


def t(name: str, width: int, variable: bool = False, **kw: object) -> Field:
    return Field(name, width, Kind.TEXT, variable=variable, **kw)  # type: ignore[arg-type]


def tp(name: str, width: int) -> Field:
    """A text field sent at full width but accepted cut short."""
    return Field(name, width, Kind.TEXT, variable=True, pad=True)


def d(name: str, width: int, **kw: object) -> Field:
    return Field(name, width, Kind.DATA, variable=True, **kw)  # type: ignore[arg-type]


def x(name: str, width: int) -> Field:
    return Field(name, width, Kind.SPARE)


def lon(name: str = "lon", width: int = 28, scale: float = 600000.0) -> Field:
    """Longitude in 1/10000 min (28 bits), or 1/10 min (18 bits); 181 deg = not available."""
    return Field(name, width, Kind.INT, scale=scale, na=int(181 * scale), decimals=6, units="deg")


def lat(name: str = "lat", width: int = 27, scale: float = 600000.0) -> Field:
    """Latitude in 1/10000 min (27 bits), or 1/10 min (17 bits); 91 deg = not available."""
    return Field(name, width, Kind.INT, scale=scale, na=int(91 * scale), decimals=6, units="deg")


def header() -> tuple[Field, ...]:
    """Bits 0-37 of every message: type, repeat indicator, source MMSI."""
    return (u("type", 6), u("repeat", 2), u("mmsi", 30))
