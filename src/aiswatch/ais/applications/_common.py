"""Small builders shared by the application tables.

Facts: AIVDM.adoc (gpsd 3.22, BSD-2-Clause), the tables marked `//: Type 6(...)` and
`//: Type 8(...)`. Widths, member names, "not available" values and divisors are those of
the doc's "Len", "Member" and "Units" columns unless a comment says otherwise.
"""

from __future__ import annotations

import math
import re

from aiswatch.ais.fields import Field, Kind, lat, lon, u

# Latitude/longitude in 1/1000 minute (25/24 bits, "I3" in AIVDM.adoc): 181/91 degrees
# are "not available".
MIN_1000 = 60000.0
# Latitude/longitude in 1/10000 minute (28/27 bits, "I4", as in the Common Navigation Block).
MIN_10000 = 600000.0


def lon3(name: str = "lon") -> Field:
    """25-bit longitude in 1/1000 min; 181 deg (10,860,000) = not available."""
    return lon(name, 25, MIN_1000)


def lat3(name: str = "lat") -> Field:
    """24-bit latitude in 1/1000 min; 91 deg (5,460,000) = not available."""
    return lat(name, 24, MIN_1000)


def lon4(name: str = "lon") -> Field:
    """28-bit longitude in 1/10000 min, as in the Common Navigation Block."""
    return lon(name, 28, MIN_10000)


def lat4(name: str = "lat") -> Field:
    """27-bit latitude in 1/10000 min, as in the Common Navigation Block."""
    return lat(name, 27, MIN_10000)


def scaled(
    name: str,
    width: int,
    scale: float,
    na: int | None = None,
    *,
    signed: bool = False,
    units: str = "",
) -> Field:
    """A linear fixed-point field: unit value = raw / scale ("U1" = /10, "I2" = /100 ...)."""
    decimals = math.ceil(math.log10(scale))  # 10 -> 1, 100 -> 2, 20 (0.05 steps) -> 2, 2 -> 1
    kind = Kind.INT if signed else Kind.UINT
    return Field(name, width, kind, scale=scale, na=na, decimals=decimals, units=units)


_LINEAR = re.compile(
    r"^raw(?: / (?P<div>[0-9.]+))?(?: \* (?P<mul>[0-9.]+))?(?: (?P<sign>[+-]) (?P<add>[0-9.]+))?$"
)


def offset(
    name: str, width: int, na: int | None, formula: str, *, signed: bool = False, units: str = ""
) -> Field:
    """A field whose unit value the doc gives as a formula of the raw value. Linear formulas
    ("raw / 10 - 60", "raw + 800", "raw * 5") become a scale and an offset; others (squares,
    piecewise codes) stay the raw wire integer with the formula in `doc`. "Not available"
    maps to None either way."""
    kind = Kind.INT if signed else Kind.UINT
    m = _LINEAR.match(formula)
    if m is None:
        return Field(name, width, kind, na=na, units=units, doc=f"raw; unit value = {formula}")
    scale = float(m["div"]) if m["div"] else 1.0
    if m["mul"]:
        scale = 1.0 / float(m["mul"])
    add = float(m["add"] or 0.0) * (-1.0 if m["sign"] == "-" else 1.0)
    decimals = max(0, math.ceil(math.log10(scale))) if scale > 1 else 0
    return Field(name, width, kind, scale=scale, offset=add, na=na, decimals=decimals,
                 units=units, doc=f"unit value = {formula}")  # fmt: skip


def month(name: str = "month") -> Field:
    return u(name, 4, na=0)


def day(name: str = "day") -> Field:
    return u(name, 5, na=0)


def hour(name: str = "hour") -> Field:
    return u(name, 5, na=24)


def minute(name: str = "minute") -> Field:
    return u(name, 6, na=60)


def mdhm(prefix: str = "") -> tuple[Field, ...]:
    """Month, day, hour, minute (UTC): 0, 0, 24, 60 = not available."""
    return (
        month(f"{prefix}month"),
        day(f"{prefix}day"),
        hour(f"{prefix}hour"),
        minute(f"{prefix}minute"),
    )
