"""AtoN monitoring data of the General Lighthouse Authorities (IALA A-126): DAC 235 (UK) and
250 (Republic of Ireland), FI 10.

Facts: AIVDM.adoc (gpsd 3.22, BSD-2-Clause), "AtoN monitoring data (GLA)": a type 6 message
of 136 bits. The doc notes that a broadcast (type 8) variant is listed too and that robust
implementations should accept it: the same 48 bits follow the FI there (104 bits in all).
"""

from __future__ import annotations

from aiswatch.ais import apps
from aiswatch.ais.applications._common import scaled
from aiswatch.ais.fields import Item, b, u, x

# Voltages in 0.05 V steps, 0.05-36 V; 0 = not used.
ATON_MONITORING: tuple[Item, ...] = (
    scaled("ana_int", 10, 20.0, na=0, units="V"),
    scaled("ana_ext1", 10, 20.0, na=0, units="V"),
    scaled("ana_ext2", 10, 20.0, na=0, units="V"),
    u("racon", 2),  # 0 none installed, 1 not monitored, 2 operational, 3 error
    u("light", 2),  # 0 none or not monitored, 1 on, 2 off, 3 error
    b("health"),  # False = good health, True = alarm
    u("stat_ext", 8),  # digital inputs 7..0
    b("off_pos"),  # True = off position
    x("spare2", 4),
)

for _dac in (235, 250):
    apps.register(6, _dac, 10, "AtoN monitoring data (GLA)", ATON_MONITORING)
    apps.register(8, _dac, 10, "AtoN monitoring data (GLA, broadcast)", ATON_MONITORING)
