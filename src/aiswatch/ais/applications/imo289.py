"""IMO SN.1/Circ.289 applications (DAC 1), the area notice aside (see `area_notice`).

Facts: AIVDM.adoc (gpsd 3.22, BSD-2-Clause), the IMO289 sections of types 6 and 8. Each
layout is the part of the message after the FI field (bit 88 in type 6, 56 in type 8).
"""

from __future__ import annotations

from aiswatch.ais import apps
from aiswatch.ais.applications._common import (
    day,
    hour,
    lat3,
    lat4,
    lon3,
    lon4,
    mdhm,
    minute,
    month,
    offset,
    scaled,
)
from aiswatch.ais.fields import Field, Item, Kind, Repeat, Switch, b, e, t, u, x

# ---- Type 8, DAC 1, FI 31: Meteorological and hydrological data (IMO289), 360 bits -------
MET_HYDRO_289: tuple[Item, ...] = (
    lon3(),
    lat3(),
    b("accuracy"),
    day(),
    hour(),
    minute(),
    u("wspeed", 7, na=127, units="kn"),  # 126 = 126 kn or more
    u("wgust", 7, na=127, units="kn"),
    u("wdir", 9, na=360, units="deg"),
    u("wgustdir", 9, na=360, units="deg"),
    scaled("airtemp", 11, 10.0, na=-1024, signed=True, units="degC"),
    u("humidity", 7, na=101, units="%"),
    scaled("dewpoint", 10, 10.0, na=501, signed=True, units="degC"),
    # 0 = 799 hPa or less, 1-401 = 800-1200 hPa, 402 = 1201 hPa or more.
    offset("pressure", 9, 511, "raw + 799", units="hPa"),
    e("pressuretend", 2, na=3),
    # The doc gives visgreater a width of 7 at 193-193: it is one bit (the next field starts
    # at 194, and the total is 360 only so).
    b("visgreater"),
    # ... and visibility, "194-200 | 8", is the 7 bits of that span (127 = n/a).
    scaled("visibility", 7, 10.0, na=127, units="nmi"),
    # "-10.0 to +30.0 in 0.01m, -10.0m after scaling, 4001 = N/A": unsigned with an offset.
    offset("waterlevel", 12, 4001, "raw / 100 - 10", units="m"),
    e("leveltrend", 2, na=3),
    scaled("cspeed", 8, 10.0, na=255, units="kn"),  # 251 = 25.1 kn or more
    u("cdir", 9, na=360, units="deg"),
    scaled("cspeed2", 8, 10.0, na=255, units="kn"),
    u("cdir2", 9, na=360, units="deg"),
    # "0-30m down" in 5 bits: whole metres (the doc's "U1 ... 0.1m" cannot reach 30 m).
    u("cdepth2", 5, na=31, units="m"),
    scaled("cspeed3", 8, 10.0, na=255, units="kn"),
    u("cdir3", 9, na=360, units="deg"),
    u("cdepth3", 5, na=31, units="m"),
    scaled("waveheight", 8, 10.0, na=255, units="m"),
    u("waveperiod", 6, na=63, units="s"),
    u("wavedir", 9, na=360, units="deg"),
    scaled("swellheight", 8, 10.0, na=255, units="m"),
    # The doc writes "360 = N/A", impossible in 6 bits; 63 as for the wave period.
    u("swellperiod", 6, na=63, units="s"),
    u("swelldir", 9, na=360, units="deg"),
    e("seastate", 4, na=13),
    scaled("watertemp", 10, 10.0, na=501, signed=True, units="degC"),
    e("preciptype", 3, na=7),
    # 501 = 50.1 % or more, 510 = not available (default), 511 = sensor not available.
    scaled("salinity", 9, 10.0, na=510, units="%"),
    e("ice", 2, na=3),
    x("spare2", 10),
)

# ---- Type 6, DAC 1, FI 16: Number of persons on board (IMO289), 136 bits -----------------
# (IMO236's 72-bit form has no destination MMSI, so it does not fit the type 6 header.)
PERSONS_289: tuple[Item, ...] = (u("persons", 13, na=0), x("spare2", 35))

# ---- Type 6, DAC 1, FI 18: Clearance time to enter port, 360 bits ------------------------
CLEARANCE: tuple[Item, ...] = (
    u("linkage", 10),
    *mdhm(),
    t("portname", 120),
    t("destination", 30),
    lon3(),
    lat3(),
    x("spare2", 43),
)

# ---- Type 6, DAC 1, FI 20: Berthing data (addressed), 360 bits ---------------------------
_SERVICES = (
    "agent",
    "fuel",
    "chandler",
    "stevedore",
    "electrical",
    "water",
    "customs",
    "cartage",
    "crane",
    "lift",
    "medical",
    "navrepair",
    "provisions",
    "shiprepair",
    "surveyor",
    "steam",
    "tugs",
    "solidwaste",
    "liquidwaste",
    "hazardouswaste",
    "ballast",
    "additional",
    "regional1",
    "regional2",
    "future1",
    "future2",
)
BERTHING: tuple[Item, ...] = (
    u("linkage", 10),
    u("berth_length", 9, na=0, units="m"),  # 511 = 511 m or more
    scaled("berth_depth", 8, 10.0, na=0, units="m"),  # 255 = 25.5 m or more
    e("position", 3, na=0),
    *mdhm(),
    b("availability"),
    *(e(name, 2) for name in _SERVICES),  # "Service Status": 0 = not available/requested
    t("berth_name", 120),
    lon3("berth_lon"),
    lat3("berth_lat"),
)

# ---- Type 6, DAC 1, FI 25: Dangerous cargo indication (IMO289), 117-576 bits ------------
DANGEROUS_CARGO_289: tuple[Item, ...] = (
    e("unit", 2, na=0),
    u("amount", 10, na=0),
    Repeat("cargos", (e("code", 4, na=0), u("subtype", 13, na=0)), 28),
)

# ---- Route information: type 6 DAC 1 FI 28 (addressed), type 8 DAC 1 FI 27 (broadcast) ---
# One to sixteen 55-bit waypoints. The doc gives the 27-bit waypoint latitude of FI 27 as
# "minutes * 0.001": a 27-bit latitude is in 1/10000 min, as in FI 28 and the CNB.
ROUTE: tuple[Item, ...] = (
    u("linkage", 10),
    u("sender", 3),
    e("rtype", 5),
    *mdhm(),
    u("duration", 18, na=262143, units="min"),
    u("waycount", 5),
    Repeat("waypoints", (lon4(), lat4()), 16),
)

# ---- Text description: type 6 DAC 1 FI 30 (addressed), type 8 DAC 1 FI 29 (broadcast) ----
TEXT_ADDRESSED: tuple[Item, ...] = (u("linkage", 10), t("description", 930, variable=True))
TEXT_BROADCAST: tuple[Item, ...] = (u("linkage", 10), t("description", 966, variable=True))

# ---- Type 6, DAC 1, FI 32: Tidal window (IMO289), 185-361 bits ----------------------------
# One to three 88-bit predictions, longitude first, 1/1000 min.
TIDAL_WINDOW_289: tuple[Item, ...] = (
    month(),
    day(),
    Repeat(
        "tidals",
        (
            lon3(),
            lat3(),
            hour("from_hour"),
            minute("from_min"),
            hour("to_hour"),
            minute("to_min"),
            u("cdir", 9, na=360, units="deg"),
            scaled("cspeed", 8, 10.0, na=255, units="kn"),  # 251 = 25.1 kn or more
        ),
        3,
    ),
)

# ---- Type 8, DAC 1, FI 19: Marine traffic signal, 360 bits -------------------------------
TRAFFIC_SIGNAL: tuple[Item, ...] = (
    u("linkage", 10),
    t("station", 120),
    lon3(),
    lat3(),
    u("status", 2),
    e("signal", 5, na=0),
    hour(),
    minute(),
    e("nextsignal", 5, na=0),
    x("spare2", 102),
)

# ---- Type 8, DAC 1, FI 21: Weather observation report from ship, 360 bits ----------------
# Bit 56, `wmo`, chooses one of two layouts.
_WEATHER_NON_WMO: tuple[Item, ...] = (
    t("location", 120),
    lon3(),
    lat3(),
    day(),
    hour(),
    minute(),
    u("weather", 4, na=8),  # WMO code 45501: 8 = n/a
    b("vislimit"),
    scaled("visibility", 7, 10.0, na=127, units="nmi"),
    u("humidity", 7, na=127, units="%"),
    u("wspeed", 7, na=127, units="kn"),
    u("wdir", 9, na=360, units="deg"),
    # "800-1200hPa ... 402 = pressure >= 1201 hPa, 403 = N/A, else add 400 to value": the
    # sentinels put 1200 hPa at 401, i.e. raw + 799 as in FI 31 (pyais reads it so); the
    # "add 400" of the doc does not fit them.
    offset("pressure", 9, 403, "raw + 799", units="hPa"),
    u("pressuretend", 4),
    scaled("airtemp", 11, 10.0, na=-1024, signed=True, units="degC"),
    offset("watertemp", 10, 601, "raw / 10 - 10", units="degC"),
    u("waveperiod", 6, na=63, units="s"),
    scaled("waveheight", 8, 10.0, na=255, units="m"),
    u("wavedir", 9, na=360, units="deg"),
    scaled("swellheight", 8, 10.0, na=255, units="m"),
    u("swelldir", 9, na=360, units="deg"),
    u("swellperiod", 6, na=63, units="s"),
    x("spare2", 3),
)
# The WMO variant is full of non-linear codes (squares, offsets): those stay raw, with the
# doc's formula in `doc`; the linear ones are scaled.
_WEATHER_WMO: tuple[Item, ...] = (
    # "65536 = N/A" cannot be sent in 16 bits: the highest value, 65535, is taken.
    offset("lon", 16, 65535, "raw / 100 - 180", units="deg"),
    offset("lat", 15, 32767, "raw / 100 - 90", units="deg"),
    u("month", 4, na=15),
    u("day", 6, na=63),
    u("hour", 5, na=31),
    offset("minute", 3, 7, "raw * 10", units="min"),
    u("course", 7, units="deg"),
    scaled("speed", 5, 2.0, na=31, units="m/s"),  # 30 = 15 m/s or more
    offset("heading", 7, 127, "raw * 5", units="deg"),
    offset("pressure", 11, None, "raw / 10 + 900", units="hPa"),
    offset("pdelta", 10, 1023, "raw / 10 - 50", units="hPa"),
    u("ptend", 4, na=15),
    offset("twinddir", 7, 127, "raw * 5", units="deg"),
    scaled("twindspeed", 8, 2.0, na=255, units="m/s"),
    offset("rwinddir", 7, 127, "raw * 5", units="deg"),
    scaled("rwindspeed", 8, 2.0, na=255, units="m/s"),
    scaled("mgustspeed", 8, 2.0, na=255, units="m/s"),
    offset("mgustdir", 7, 127, "raw * 5", units="deg"),
    offset("airtemp", 10, 1023, "raw / 10 + 223", units="K"),
    u("humidity", 7, na=127, units="%"),
    offset("surftemp", 9, 511, "raw / 10 + 268", units="K"),
    offset("visibility", 6, 63, "raw ** 2 * 13.073", units="m"),
    u("weather", 9, na=511),
    u("pweather1", 5, na=31),
    u("pweather2", 5, na=31),
    offset("totalcloud", 4, 15, "raw * 10", units="%"),
    u("lowclouda", 4, na=15),
    u("lowcloudt", 6, na=63),
    u("midcloudt", 6, na=63),
    u("highcloudt", 6, na=63),
    offset("cloudbase", 7, 127, "raw ** 2 * 0.16", units="m"),
    u("wwperiod", 5, na=31, units="s"),
    scaled("wwheight", 6, 2.0, na=63, units="m"),
    offset("swelldir1", 6, 63, "raw * 10", units="deg"),
    u("swperiod1", 5, na=31, units="s"),
    scaled("swheight1", 6, 2.0, na=63, units="m"),
    offset("swelldir2", 6, 63, "raw * 10", units="deg"),
    u("swperiod2", 5, na=31, units="s"),
    scaled("swheight2", 6, 2.0, na=63, units="m"),
    u("icedeposit", 7, na=127, units="cm"),
    u("icerate", 3, na=7),
    u("icecause", 3, na=7),
    u("seaice", 5, na=31),
    u("icetype", 4, na=15),
    u("icestate", 5, na=31),
    u("icedevel", 5, na=31),
    offset("icebearing", 4, 15, "raw * 45", units="deg"),
)
WEATHER_REPORT: tuple[Item, ...] = (
    b("wmo"),
    Switch(
        key=lambda r: bool(r["wmo"]),
        reads=("wmo",),
        cases={False: _WEATHER_NON_WMO, True: _WEATHER_WMO},
        doc="non-WMO or WMO (BUFR) variant",
    ),
)

# ---- Type 8, DAC 1, FI 24: Extended ship static and voyage related data (IMO289), 360 ----
_SOLAS = (
    "ais",
    "ata",
    "bnwas",
    "ecdisb",
    "chart",
    "sounder",
    "epaid",
    "steer",
    "gnss",
    "gyro",
    "lrit",
    "magcomp",
    "navtex",
    "arpa",
    "sband",
    "xband",
    "hfradio",
    "inmarsat",
    "mfradio",
    "vhfradio",
    "grndlog",
    "waterlog",
    "thd",
    "tcs",
    "vdr",
)
EXTENDED_STATIC_289: tuple[Item, ...] = (
    u("linkage", 10),
    # The doc says 0.1 m steps, "1-81.9 m", "81.91 = >= 81.91 m" and calls the last a
    # drafting error; its type column says plain "u": kept as the raw integer.
    u("airdraught", 13, na=0),
    t("lastport", 30),
    t("nextport", 30),
    t("secondport", 30),
    *(e(f"{name}_state", 2) for name in _SOLAS),  # "SOLAS Status": 0 = not available
    x("spare2", 2),
    e("iceclass", 4, na=15),
    u("horsepower", 18, na=262143, units="hp"),
    u("vhfchan", 12, na=0),
    t("lshiptype", 42),
    u("tonnage", 18, na=262143),
    e("lading", 2, na=0),
    e("heavyoil", 2, na=0),
    e("lightoil", 2, na=0),
    e("dieseloil", 2, na=0),
    # The doc gives 16382 both for ">= 16382 tonnes" and "N/A"; the highest value, 16383,
    # is taken as "not available".
    u("totaloil", 14, na=16383, units="t"),
    u("persons", 13, na=0),
    x("spare3", 10),
)

# ---- Type 8, DAC 1, FI 26: Environmental, 168-1008 bits ----------------------------------
# One to five 112-bit sensor reports: a 27-bit header and an 85-bit payload chosen by the
# report type. Names the doc repeats inside one payload (the forecast time and level, the
# second horizontal current) get the names pyais gives them (fday, flevel, bearing2 ...);
# the sea-state water temperature depth, "distance1" in the doc, is `watertempdepth`.
_SENSOR_TYPE = "sensortype"
_ENV_PAYLOADS: dict[object, tuple[Item, ...]] = {
    0: (  # site location
        lon4(),
        lat4(),
        scaled("alt", 11, 10.0, na=2002, units="m"),  # 2001 = 200.1 m or more
        e("owner", 4),
        e("timeout", 3),
        x("spare", 12),
    ),
    1: (t("name", 84), x("spare", 1)),  # station id
    2: (  # wind: 121 = 121 kn or more, 122 = n/a
        u("wspeed", 7, na=122, units="kn"),
        u("wgust", 7, na=122, units="kn"),
        u("wdir", 9, na=360, units="deg"),
        u("wgustdir", 9, na=360, units="deg"),
        e(_SENSOR_TYPE, 3),
        u("fwspeed", 7, na=122, units="kn"),
        u("fwgust", 7, na=122, units="kn"),
        u("fwdir", 9, na=360, units="deg"),
        day("fday"),
        hour("fhour"),
        minute("fminute"),
        u("duration", 8, na=255, units="min"),
        x("spare", 3),
    ),
    3: (  # water level: the doc says 0.001 m steps but a range of +-327.67 m in 16 bits,
        # which is 0.01 m; pyais reads 0.01 m too.
        b("absolute"),
        scaled("level", 16, 100.0, na=-32768, signed=True, units="m"),
        u("leveltrend", 2, na=3),
        u("datum", 5, na=14),
        e(_SENSOR_TYPE, 3),
        b("fabsolute"),
        scaled("flevel", 16, 100.0, na=-32768, signed=True, units="m"),
        day("fday"),
        hour("fhour"),
        minute("fminute"),
        u("duration", 8, na=255, units="min"),
        x("spare", 17),
    ),
    4: (  # current flow (2D): 246 = 24.6 kn or more, 247 = n/a; depth 362 = n/a
        *(
            f
            for k in (1, 2, 3)
            for f in (
                scaled(f"cspeed{k}", 8, 10.0, na=247, units="kn"),
                u(f"cdir{k}", 9, na=360, units="deg"),
                u(f"cdepth{k}", 9, na=362, units="m"),
            )
        ),
        e(_SENSOR_TYPE, 3),
        x("spare", 4),
    ),
    5: (  # current flow (3D)
        *(
            f
            for k in (1, 2)
            for f in (
                scaled(f"cnorth{k}", 8, 10.0, na=247, units="kn"),
                scaled(f"ceast{k}", 8, 10.0, na=247, units="kn"),
                scaled(f"cup{k}", 8, 10.0, na=247, units="kn"),
                u(f"cdepth{k}", 9, na=362, units="m"),
            )
        ),
        e(_SENSOR_TYPE, 3),
        x("spare", 16),
    ),
    6: (  # horizontal current flow
        *(
            f
            for k in (1, 2)
            for f in (
                u(f"bearing{k}", 9, na=360, units="deg"),
                u(f"distance{k}", 7, na=122, units="m"),
                scaled(f"speed{k}", 8, 10.0, na=247, units="kn"),
                u(f"direction{k}", 9, na=360, units="deg"),
                u(f"depth{k}", 9, na=362, units="m"),
            )
        ),
        x("spare", 1),
    ),
    7: (  # sea state
        scaled("swheight", 8, 10.0, na=247, units="m"),
        u("swperiod", 6, na=61, units="s"),
        u("swelldir", 9, na=360, units="deg"),
        u("seastate", 4, na=13),
        e("swelltype", 3),
        offset("watertemp", 10, 601, "raw / 10 - 10", units="degC"),
        scaled("watertempdepth", 7, 10.0, na=122, units="m"),
        e("depthtype", 3),
        scaled("waveheight", 8, 10.0, na=247, units="m"),
        u("waveperiod", 6, na=61, units="s"),
        u("wavedir", 9, na=360, units="deg"),
        e("wavetype", 3),
        scaled("salinity", 9, 10.0, na=502, units="%"),
    ),
    8: (  # salinity
        offset("watertemp", 10, 601, "raw / 10 - 10", units="degC"),
        # "0.0-7.0, 701 = not less than 7.01": 0.01 S/m steps (the doc's "0.1 S/m" cannot
        # give 7.01); 703 = sensor not available (default).
        scaled("conductivity", 10, 100.0, na=703, units="S/m"),
        scaled("pressure", 16, 10.0, na=60003, units="dbar"),
        scaled("salinity", 9, 10.0, na=502, units="%"),
        e("salinitytype", 2),
        e(_SENSOR_TYPE, 3),
        x("spare", 35),
    ),
    9: (  # weather
        scaled("temperature", 11, 10.0, na=-1024, signed=True, units="degC"),
        e(_SENSOR_TYPE, 3),
        e("preciptype", 2),
        scaled("visibility", 8, 10.0, na=243, units="nmi"),
        scaled("dewpoint", 10, 10.0, na=501, signed=True, units="degC"),
        e("dewtype", 3),
        offset("pressure", 9, 403, "raw + 799 for 1-401", units="hPa"),
        e("pressuretend", 2, na=3),
        e("pressuretype", 3),
        scaled("salinity", 9, 10.0, na=502, units="%"),
        x("spare", 25),
    ),
    10: (  # air gap / air draught: "8191 = >= 81.91 m" gives 0.01 m steps (pyais agrees)
        scaled("airdraught", 13, 100.0, na=0, units="m"),
        scaled("airgap", 13, 100.0, na=0, units="m"),
        e("gaptrend", 2, na=3),
        scaled("fairgap", 13, 100.0, na=0, units="m"),
        day("fday"),
        hour("fhour"),
        minute("fminute"),
        x("spare", 28),
    ),
    # 11-15 reserved: raw payload, so the reports after it stay aligned.
    **{k: (Field("data", 85, Kind.DATA),) for k in range(11, 16)},
}
ENVIRONMENTAL: tuple[Item, ...] = (
    Repeat(
        "reports",
        (
            u("sensor", 4),
            day(),
            hour(),
            minute(),
            u("site", 7),
            Switch(
                key=lambda r: r["sensor"],
                reads=("sensor",),
                cases=_ENV_PAYLOADS,
                doc="85-bit sensor payload",
            ),
        ),
        5,
    ),
)

apps.register(8, 1, 31, "Meteorological and hydrological data (IMO289)", MET_HYDRO_289)
apps.register(6, 1, 16, "Number of persons on board (IMO289)", PERSONS_289)
apps.register(6, 1, 18, "Clearance time to enter port", CLEARANCE)
apps.register(6, 1, 20, "Berthing data (addressed)", BERTHING)
apps.register(6, 1, 25, "Dangerous cargo indication (IMO289)", DANGEROUS_CARGO_289)
apps.register(6, 1, 28, "Route information (addressed)", ROUTE)
apps.register(8, 1, 27, "Route information (broadcast)", ROUTE)
apps.register(6, 1, 30, "Text description (addressed)", TEXT_ADDRESSED)
apps.register(8, 1, 29, "Text description (broadcast)", TEXT_BROADCAST)
apps.register(6, 1, 32, "Tidal window (IMO289)", TIDAL_WINDOW_289)
apps.register(8, 1, 19, "Marine traffic signal", TRAFFIC_SIGNAL)
apps.register(8, 1, 21, "Weather observation report from ship", WEATHER_REPORT)
apps.register(
    8, 1, 24, "Extended ship static and voyage related data (IMO289)", EXTENDED_STATIC_289
)
apps.register(8, 1, 26, "Environmental", ENVIRONMENTAL)
