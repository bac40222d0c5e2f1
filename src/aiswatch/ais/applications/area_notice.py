"""IMO SN.1/Circ.289 Area notice: type 8 DAC 1 FI 22 (broadcast), type 6 DAC 1 FI 23
(addressed).

Facts: AIVDM.adoc (gpsd 3.22, BSD-2-Clause), "IMO289 Area Notice (addressed)" and
"(broadcast)": a 55-bit header (linkage, notice, month/day/hour/minute, duration) then one to
ten 87-bit sub-areas, each a 3-bit shape and an 84-bit payload chosen by the shape ("Subarea
Payloads"). Sizes in the payloads (radius, east, north, distance) are in metres times
10^`scale`; `scale` is kept beside them, as the doc does, since a divisor that depends on
another field is not a fixed Field scale.
"""

from __future__ import annotations

from aiswatch.ais import apps
from aiswatch.ais.applications._common import day, hour, lat3, lon3, minute, month, scaled
from aiswatch.ais.fields import Field, Item, Kind, Repeat, Switch, e, t, u, x

CIRCLE, RECTANGLE, SECTOR, POLYLINE, POLYGON, TEXT = range(6)


def _points(name: str) -> tuple[Item, ...]:
    """Polyline waypoints / polygon vertices: 4 x (bearing, distance), then 2 spare bits.
    Bearing in half degrees from the previous point (720 = n/a); distance 0 = no point."""
    return (
        u("scale", 2),
        Repeat(
            name,
            (scaled("bearing", 10, 2.0, na=720, units="deg"), u("distance", 10, units="m")),
            4,
            doc="always four entries on the wire; a distance of 0 marks an unused one",
        ),
        x("spare", 2),
    )


_POSITION = (u("scale", 2), lon3(), lat3(), u("precision", 3))

SHAPES: dict[object, tuple[Item, ...]] = {
    CIRCLE: (*_POSITION, u("radius", 12, units="m"), x("spare", 18)),
    RECTANGLE: (
        *_POSITION,
        u("east", 8, units="m"),
        u("north", 8, units="m"),
        u("orientation", 9, units="deg"),
        x("spare", 5),
    ),
    SECTOR: (
        *_POSITION,
        u("radius", 12, units="m"),
        u("left", 9, units="deg"),
        u("right", 9, units="deg"),
    ),
    POLYLINE: _points("waypoints"),
    POLYGON: _points("vertices"),
    TEXT: (t("text", 84),),
    # 6 and 7 are reserved: the payload is kept as raw data, so the sub-areas after it stay
    # aligned. (The switch has no default on purpose: inside a repeated record, a default
    # would replace every case that does not end the message.)
    6: (Field("data", 84, Kind.DATA),),
    7: (Field("data", 84, Kind.DATA),),
}

SUBAREAS = Repeat(
    "subareas",
    (
        e("shape", 3),
        Switch(
            key=lambda r: r["shape"], reads=("shape",), cases=SHAPES, doc="84-bit payload by shape"
        ),
    ),
    10,
    doc="one to ten 87-bit sub-areas",
)

AREA_NOTICE: tuple[Item, ...] = (
    u("linkage", 10),
    e("notice", 7, na=127),
    month(),
    day(),
    hour(),
    minute(),
    u("duration", 18, na=262143, units="min"),
    SUBAREAS,
)

apps.register(8, 1, 22, "Area notice (broadcast)", AREA_NOTICE)
apps.register(6, 1, 23, "Area notice (addressed)", AREA_NOTICE)
