"""IMO SN/Circ.236 applications (DAC 1), deprecated by SN.1/Circ.289 but still on the air.

Facts: AIVDM.adoc (gpsd 3.22, BSD-2-Clause), sections "Meteorological and Hydrological Data
(IMO236)", "IMO236 Dangerous Cargo Indication", "IMO236 Tidal Window", "Fairway Closed",
"IMO236 Extended Ship Static and Voyage Related Data" and "VTS-Generated/Synthetic targets".
Each layout is the part of the message after the FI field (bit 88 in type 6, 56 in type 8).
"""

from __future__ import annotations

from aiswatch.ais import apps
from aiswatch.ais.applications._common import (
    MIN_1000,
    MIN_10000,
    day,
    hour,
    lat3,
    lon3,
    mdhm,
    minute,
    month,
    offset,
    scaled,
)
from aiswatch.ais.fields import Field, Group, Item, Kind, Repeat, Switch, e, t, u, x

# ---- Type 8, DAC 1, FI 11: Meteorological and hydrological data (IMO236), 352 bits --------
# "If there is no data available, default value to be transmitted is the highest available
# binary value for that particular data field" (IMO236, quoted by AIVDM.adoc): that is the
# `na` of every field below. Latitude comes first here (it is second in FI 31), and its
# "not available" is the highest positive value, 0x7FFFFF / 0xFFFFFF.
MET_HYDRO_236: tuple[Item, ...] = (
    Field("lat", 24, Kind.INT, scale=MIN_1000, na=0x7FFFFF, decimals=6, units="deg"),
    Field("lon", 25, Kind.INT, scale=MIN_1000, na=0xFFFFFF, decimals=6, units="deg"),
    u("day", 5, na=31),
    u("hour", 5, na=31),
    u("minute", 6, na=63),
    u("wspeed", 7, na=127, units="kn"),
    u("wgust", 7, na=127, units="kn"),
    u("wdir", 9, na=511, units="deg"),
    u("wgustdir", 9, na=511, units="deg"),
    # Unsigned with an offset: -60.0..+60.0 degC in 0.1 steps needs raw/10 - 60 (pyais and
    # gpsd read it so); the doc's "u" and range say the same.
    offset("temperature", 11, 2047, "raw / 10 - 60", units="degC"),
    u("humidity", 7, na=127, units="%"),
    offset("dewpoint", 10, 1023, "raw / 10 - 20", units="degC"),
    offset("pressure", 9, 511, "raw + 800", units="hPa"),
    e("pressuretend", 2, na=3),
    scaled("visibility", 8, 10.0, na=255, units="nmi"),
    # The doc writes "I1", but -10.0..+30.0 m in 0.1 m does not fit a signed 9-bit field;
    # it is unsigned with an offset, raw/10 - 10 (IMO236; pyais agrees).
    offset("waterlevel", 9, 511, "raw / 10 - 10", units="m"),
    e("leveltrend", 2, na=3),
    scaled("cspeed", 8, 10.0, na=255, units="kn"),
    u("cdir", 9, na=511, units="deg"),
    scaled("cspeed2", 8, 10.0, na=255, units="kn"),
    u("cdir2", 9, na=511, units="deg"),
    # "0-30m down" in 5 bits (31 = n/a): whole metres. The doc's "U1 ... units 0.1m" cannot
    # reach 30 m in 5 bits; pyais also reads metres.
    u("cdepth2", 5, na=31, units="m"),
    scaled("cspeed3", 8, 10.0, na=255, units="kn"),
    u("cdir3", 9, na=511, units="deg"),
    u("cdepth3", 5, na=31, units="m"),
    scaled("waveheight", 8, 10.0, na=255, units="m"),
    u("waveperiod", 6, na=63, units="s"),
    u("wavedir", 9, na=511, units="deg"),
    scaled("swellheight", 8, 10.0, na=255, units="m"),
    u("swellperiod", 6, na=63, units="s"),
    u("swelldir", 9, na=511, units="deg"),
    e("seastate", 4, na=13),
    offset("watertemp", 10, 1023, "raw / 10 - 10", units="degC"),
    e("preciptype", 3, na=7),
    scaled("salinity", 9, 10.0, na=511, units="%"),
    # Real logs hold this message at 344 bits (cut after salinity), 352 (IMO236's length)
    # and 360 (padded to a whole two-slot byte count): the tail is optional so that all
    # three decode. "padding" is a spare kept raw so a 360-bit message re-encodes exactly.
    # (A record built without `ice` therefore encodes the 344-bit form; give ice=3, "not
    # available", for IMO236's 352 bits.)
    Group((e("ice", 2, na=3), x("spare2", 6))),
    Group((x("padding", 8),)),
)

# ---- Type 6, DAC 1, FI 12: Dangerous cargo indication (IMO236), 360 bits ------------------
DANGEROUS_CARGO_236: tuple[Item, ...] = (
    t("lastport", 30),
    *mdhm("l"),
    t("nextport", 30),
    *mdhm("n"),
    t("dangerous", 120),
    t("imdcat", 24),
    u("unid", 13),
    u("amount", 10),
    e("unit", 2, na=0),
    x("spare2", 3),
)

# ---- Type 6, DAC 1, FI 14: Tidal window (IMO236), 190-376 bits -----------------------------
# One to three 93-bit predictions; here latitude comes first and lat/lon are in 1/10000 min.
TIDAL_WINDOW_236: tuple[Item, ...] = (
    month(),
    day(),
    Repeat(
        "tidals",
        (
            Field("lat", 27, Kind.INT, scale=MIN_10000, na=91 * 600000, decimals=6, units="deg"),
            Field("lon", 28, Kind.INT, scale=MIN_10000, na=181 * 600000, decimals=6, units="deg"),
            hour("from_hour"),
            minute("from_min"),
            hour("to_hour"),
            minute("to_min"),
            u("cdir", 9, na=360, units="deg"),
            scaled("cspeed", 7, 10.0, na=127, units="kn"),
        ),
        3,
    ),
)

# ---- Type 8, DAC 1, FI 13: Fairway closed (IMO236), 472 bits -------------------------------
FAIRWAY_CLOSED: tuple[Item, ...] = (
    t("reason", 120),
    t("closefrom", 120),
    t("closeto", 120),
    # The doc gives "10001 = N/A", which 10 bits cannot hold, and notes that the standard
    # specifies no default: no "not available" value is assumed.
    u("radius", 10),
    u("extunit", 2),
    day("fday"),
    month("fmonth"),
    hour("fhour"),
    minute("fminute"),
    day("tday"),
    month("tmonth"),
    hour("thour"),
    minute("tminute"),
    x("spare2", 4),
)

# ---- Type 8, DAC 1, FI 15: Extended ship static and voyage data (IMO236), 72 bits --------
EXTENDED_STATIC_236: tuple[Item, ...] = (u("airdraught", 11, na=0, units="m"), x("spare2", 5))

# ---- Type 8, DAC 1, FI 17: VTS-generated/synthetic targets (IMO236 and IMO289) -------------
# One to four 120-bit targets (176-536 bits in all, as the doc says). The doc's table gives
# speed 10 bits at 112-121, which would make a target 122 bits and contradicts that total;
# IMO289 and pyais have an 8-bit speed (0-254 kn, 255 = n/a).
# The identifier is an integer for types 0 (MMSI) and 1 (IMO number), six-bit text for
# 2 (call sign) and 3 (other).
_TARGET_ID = Switch(
    key=lambda r: r["idtype"],
    reads=("idtype",),
    cases={
        0: (u("id", 42),),
        1: (u("id", 42),),
        2: (t("id", 42),),
        3: (t("id", 42),),
    },
    doc="target identifier: MMSI or IMO number (integer), or call sign/other (text)",
)
VTS_TARGETS: tuple[Item, ...] = (
    Repeat(
        "targets",
        (
            e("idtype", 2, na=3),
            _TARGET_ID,
            x("spare", 4),
            lat3(),
            lon3(),
            u("course", 9, na=360, units="deg"),
            u("second", 6, na=60, units="s"),
            u("speed", 8, na=255, units="kn"),
        ),
        4,
    ),
)

apps.register(8, 1, 11, "Meteorological and hydrological data (IMO236)", MET_HYDRO_236)
apps.register(6, 1, 12, "Dangerous cargo indication (IMO236)", DANGEROUS_CARGO_236)
apps.register(6, 1, 14, "Tidal window (IMO236)", TIDAL_WINDOW_236)
apps.register(8, 1, 13, "Fairway closed (IMO236)", FAIRWAY_CLOSED)
apps.register(
    8, 1, 15, "Extended ship static and voyage related data (IMO236)", EXTENDED_STATIC_236
)
apps.register(8, 1, 17, "VTS-generated/synthetic targets", VTS_TARGETS)
