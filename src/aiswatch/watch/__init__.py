"""The watch: maritime-security detectors over the vessel stream, and explained alerts.

    from aiswatch.watch import WatchEngine, load_zones, watch_files
    result = watch_files(["taiwan.nmea"], zones="taiwan")
    for alert in result.alerts:
        print(alert.kind, alert.summary)

Layout: `rules` (thresholds from TOML, documented with their sources), `zones` (GeoJSON
zones and the per-position lookup), `land` (the bundled land mask), `tracks` (positions to
tracks per MMSI), `alerts` (signals, alerts and the book that keeps them), `detectors` (one
module per family, behind `detectors.base.Detector`), `engine` (the loop), `replay` (files
to reports), `sink` (the DuckDB ``alerts`` table).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from aiswatch.watch.alerts import Alert, AlertBook, Evidence, Signal, VesselRef
from aiswatch.watch.engine import WatchEngine, WatchStats
from aiswatch.watch.land import LandMask, default_land
from aiswatch.watch.rules import Rules, RulesError, load_rules
from aiswatch.watch.zones import Zone, ZoneError, ZoneSet, load_zones

__all__ = [
    "Alert",
    "AlertBook",
    "Evidence",
    "LandMask",
    "Rules",
    "RulesError",
    "Signal",
    "VesselRef",
    "WatchEngine",
    "WatchResult",
    "WatchStats",
    "Zone",
    "ZoneError",
    "ZoneSet",
    "default_land",
    "load_rules",
    "load_zones",
    "watch_files",
]


@dataclass
class WatchResult:
    alerts: list[Alert]
    stats: WatchStats
    engine: WatchEngine = field(repr=False)


def watch_files(
    files: Iterable[str | Path],
    zones: ZoneSet | str | Path | Iterable[str | Path] | None = None,
    rules: Rules | str | Path | None = None,
    *,
    on_alert: Callable[[Alert, str], None] | None = None,
) -> WatchResult:
    """Run the watch over NMEA log files (merged by time). ``zones``: a ZoneSet, GeoJSON
    path(s) or bundled names; ``rules``: Rules or a TOML path laid over the bundled rules;
    ``on_alert(alert, "opened" | "updated" | "closed")`` follows alerts as they change."""
    from aiswatch.watch.replay import reports_from_files

    if zones is None:
        zs = ZoneSet()
    elif isinstance(zones, ZoneSet):
        zs = zones
    elif isinstance(zones, str | Path):
        zs = load_zones(zones)
    else:
        zs = load_zones(*zones)
    rs = rules if isinstance(rules, Rules) else load_rules(rules)
    engine = WatchEngine(zs, rs)
    if on_alert is not None:
        engine.book.listeners.append(on_alert)
    alerts = engine.run(reports_from_files(list(files)))
    return WatchResult(alerts, engine.stats, engine)
