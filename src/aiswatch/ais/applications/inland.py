"""Inland AIS applications (DAC 200), ECE/TRANS/SC.3/176.

Facts: AIVDM.adoc (gpsd 3.22, BSD-2-Clause), the "(Inland AIS)" sections of types 6 and 8.
Each layout is the part of the message after the FI field (bit 88 in type 6, 56 in type 8).
"""

from __future__ import annotations

from aiswatch.ais import apps
from aiswatch.ais.applications._common import lat4, lon4, mdhm, scaled
from aiswatch.ais.fields import Item, Repeat, b, e, i, t, u, x

# ---- Type 8, DAC 200, FI 10: Inland ship static and voyage related data, 168 bits --------
SHIP_STATIC: tuple[Item, ...] = (
    t("vin", 48),
    scaled("length", 13, 10.0, na=0, units="m"),
    scaled("beam", 10, 10.0, na=0, units="m"),
    e("shiptype", 14),  # ERI classification (8000-8370) or SOLAS code
    e("hazard", 3, na=5),
    scaled("draught", 11, 100.0, na=0, units="m"),
    e("loaded", 2, na=0),
    b("speed_q"),
    b("course_q"),
    b("heading_q"),
    x("spare2", 8),
)

# ---- ETA / RTA at lock, bridge or terminal: type 6 DAC 200 FI 21 (248 bits) and 22 (232) --
_LOCATION = (
    t("country", 12),
    t("locode", 18),
    t("section", 30),
    t("terminal", 30),
    t("hectometre", 30),
    *mdhm(),
)
ETA: tuple[Item, ...] = (
    *_LOCATION,
    u("tugs", 3, na=7),
    scaled("airdraught", 12, 100.0, na=0, units="m"),
    x("spare2", 5),
)
RTA: tuple[Item, ...] = (*_LOCATION, e("status", 2), x("spare2", 2))

# ---- Type 6, DAC 200, FI 55: Number of persons on board, 168 bits ------------------------
PERSONS: tuple[Item, ...] = (
    u("crew", 8, na=255),
    u("passengers", 13, na=8191),
    u("personnel", 8, na=255),
    x("spare2", 51),
)

# ---- Type 8, DAC 200, FI 23: EMMA warning, 256 bits ---------------------------------------
# The doc's member "type" would overwrite the message type in the flattened record: it is
# `emma_type` here. `min` and `max` are sign-and-magnitude (a leading sign bit, then 8 bits;
# +-255 = unknown, per the doc's note), which the Field vocabulary cannot express: they are
# kept as the raw 9-bit integer.
EMMA: tuple[Item, ...] = (
    u("start_year", 8, na=0),
    u("start_month", 4, na=0),
    u("start_day", 5, na=0),
    u("end_year", 8, na=0),
    u("end_month", 4, na=0),
    u("end_day", 5, na=0),
    u("start_hour", 5, na=24),
    u("start_minute", 6, na=60),
    u("end_hour", 5, na=24),
    u("end_minute", 6, na=60),
    lon4("start_lon"),
    lat4("start_lat"),
    lon4("end_lon"),
    lat4("end_lat"),
    e("emma_type", 4, na=0),
    u("min", 9, doc="sign bit + 8-bit magnitude"),
    u("max", 9, doc="sign bit + 8-bit magnitude"),
    e("intensity", 2),
    e("wind", 4),
    x("spare2", 6),
)

# ---- Type 8, DAC 200, FI 24: Water levels, 168 bits ---------------------------------------
WATER_LEVELS: tuple[Item, ...] = (
    t("country", 12),
    Repeat("gauges", (u("id", 11, na=0), i("level", 14, na=0, units="cm")), 4),
)

# ---- Type 8, DAC 200, FI 40: Signal status, 168 bits --------------------------------------
SIGNAL_STATUS: tuple[Item, ...] = (
    lon4(),
    lat4(),
    u("form", 4),
    u("facing", 9, na=511, units="deg"),
    e("direction", 3, na=0),
    e("status", 30, doc="nine decimal digits, one light each"),
    x("spare2", 11),
)

apps.register(8, 200, 10, "Inland ship static and voyage related data", SHIP_STATIC)
apps.register(6, 200, 21, "ETA at lock/bridge/terminal", ETA)
apps.register(6, 200, 22, "RTA at lock/bridge/terminal", RTA)
apps.register(6, 200, 55, "Number of persons on board (Inland AIS)", PERSONS)
apps.register(8, 200, 23, "EMMA warning", EMMA)
apps.register(8, 200, 24, "Water levels", WATER_LEVELS)
apps.register(8, 200, 40, "Signal status", SIGNAL_STATUS)
