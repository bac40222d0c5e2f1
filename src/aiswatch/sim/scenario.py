"""Scenario files (TOML): where, when, how much background traffic, which receivers, and
the incidents laid on top.

A scenario names its zones file (GeoJSON, see `zones`), a start time, a duration, a number
of background vessels and a traffic mix, its receivers (``[[receivers]]``), aids to
navigation (``[[atons]]``) and incidents (``[[incidents]]``, see `incidents`). Durations are
written ``"90min"``, ``"16h"``, ``"2h30m"``, ``"1d"`` or as seconds; incident times are
offsets from the start in the same form, or TOML date-times.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path
from typing import Any

from aiswatch.sim.engine import Aton
from aiswatch.sim.reception import Receiver
from aiswatch.sim.zones import Zones, load_zones, zones_dir

_DUR = re.compile(r"(\d+(?:\.\d+)?)\s*(d|h|min|m|s)", re.IGNORECASE)
_UNIT = {"d": 86400.0, "h": 3600.0, "min": 60.0, "m": 60.0, "s": 1.0}


def parse_duration(value: Any) -> float:
    """Seconds from ``"90min"``, ``"2h30m"``, ``"1d"``, ``"45s"`` or a number of seconds."""
    if isinstance(value, bool):
        raise ValueError(f"not a duration: {value!r}")
    if isinstance(value, int | float):
        return float(value)
    text = str(value).strip().replace(" ", "")
    sign = 1.0
    if text.startswith(("+", "-")):
        sign = -1.0 if text[0] == "-" else 1.0
        text = text[1:]
    try:
        return sign * float(text)
    except ValueError:
        pass
    pos = 0
    total = 0.0
    for m in _DUR.finditer(text):
        if m.start() != pos:
            break
        total += float(m.group(1)) * _UNIT[m.group(2).lower()]
        pos = m.end()
    if pos != len(text) or not text:
        raise ValueError(f"not a duration: {value!r} (write e.g. '90min', '2h30m', '1d')")
    return sign * total


def _as_utc(value: Any) -> datetime:
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=UTC)
    text = str(value).replace("Z", "+00:00")
    dt = datetime.fromisoformat(text)
    return dt if dt.tzinfo else dt.replace(tzinfo=UTC)


@dataclass
class Traffic:
    """Background traffic: flags (MID -> weight), ship mix (profile -> weight), ports that
    merchant ships call at, ferry lines, fishing and leisure areas ([lon, lat, radius nmi])."""

    flags: dict[int, float]
    mix: dict[str, float]
    ports: list[str]
    ferries: list[tuple[str, str]]
    fishing_areas: list[tuple[float, float, float]]
    leisure_areas: list[tuple[float, float, float]]


@dataclass
class Scenario:
    name: str
    title: str
    description: str
    start: datetime
    duration: float
    vessels: int
    zones: Zones
    receivers: list[Receiver]
    atons: list[Aton]
    traffic: Traffic
    incidents: list[dict[str, Any]]
    path: Path | None = None
    bbox: tuple[float, float, float, float] | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def start_epoch(self) -> float:
        return self.start.timestamp()

    def offset(self, value: Any) -> float:
        """Seconds from the start for an incident time (offset string or date-time)."""
        if isinstance(value, datetime) or (
            isinstance(value, str) and re.match(r"^\d{4}-\d\d-\d\d", value)
        ):
            return (_as_utc(value) - self.start).total_seconds()
        return parse_duration(value)


def scenarios_dir() -> Path:
    return Path(str(resources.files("aiswatch") / "data" / "scenarios"))


def bundled() -> list[str]:
    """Names of the bundled scenarios."""
    return sorted(p.stem for p in scenarios_dir().glob("*.toml"))


def resolve(name_or_path: str | Path) -> Path:
    p = Path(name_or_path)
    if p.suffix == ".toml" or p.exists():
        if not p.exists():
            raise FileNotFoundError(f"no scenario file {p}")
        return p
    q = scenarios_dir() / f"{name_or_path}.toml"
    if not q.exists():
        raise FileNotFoundError(
            f"no scenario {str(name_or_path)!r}: bundled ones are {', '.join(bundled())}, or give a .toml path"
        )
    return q


def load_scenario(name_or_path: str | Path) -> Scenario:
    """A bundled scenario by name (``taiwan``) or a TOML file."""
    path = resolve(name_or_path)
    doc = tomllib.loads(path.read_text(encoding="utf-8"))
    return parse_scenario(doc, path)


def _zones_for(doc: Mapping[str, Any], path: Path | None) -> Zones:
    ref = str(doc.get("zones", doc.get("name", "")))
    if not ref:
        return Zones(())
    p = Path(ref)
    if p.suffix:
        if not p.is_absolute() and path is not None and (path.parent / p).exists():
            p = path.parent / p
        elif not p.exists():
            p = zones_dir() / p.name
        return load_zones(p)
    return load_zones(ref)


def parse_scenario(doc: Mapping[str, Any], path: Path | None = None) -> Scenario:
    name = str(doc.get("name") or (path.stem if path else "scenario"))
    zones = _zones_for(doc, path)
    receivers = [
        Receiver(
            str(r["station"]),
            float(r["lon"]),
            float(r["lat"]),
            float(r.get("range_nmi", 40.0)),
            float(r.get("p_near", 0.96)),
            int(r.get("base_mmsi", 0)),
        )
        for r in doc.get("receivers", [])
    ]
    atons = [
        Aton(
            int(a["mmsi"]),
            str(a["name"]),
            float(a["lon"]),
            float(a["lat"]),
            int(a.get("aid_type", 1)),
            bool(a.get("virtual", False)),
        )
        for a in doc.get("atons", [])
    ]
    tr = doc.get("traffic", {})
    ports = [str(p) for p in tr.get("ports", [z.name for z in zones.of_kind("port")])]
    traffic = Traffic(
        flags={int(k): float(v) for k, v in tr.get("flags", {"366": 1.0}).items()},
        mix={str(k): float(v) for k, v in tr.get("mix", {"cargo": 1.0}).items()},
        ports=ports,
        ferries=[(str(a), str(b)) for a, b in tr.get("ferries", [])],
        fishing_areas=[(float(x), float(y), float(r)) for x, y, r in tr.get("fishing_areas", [])],
        leisure_areas=[(float(x), float(y), float(r)) for x, y, r in tr.get("leisure_areas", [])],
    )
    for p in ports:
        zones.get(p)  # raises for an unknown port
    bbox = doc.get("bbox")
    known = {
        "name",
        "title",
        "description",
        "start",
        "duration",
        "vessels",
        "zones",
        "bbox",
        "receivers",
        "atons",
        "traffic",
        "incidents",
    }
    return Scenario(
        name=name,
        title=str(doc.get("title", name)),
        description=str(doc.get("description", "")),
        start=_as_utc(doc.get("start", "2025-01-01T00:00:00Z")),
        duration=parse_duration(doc.get("duration", "6h")),
        vessels=int(doc.get("vessels", 50)),
        zones=zones,
        receivers=receivers,
        atons=atons,
        traffic=traffic,
        incidents=[dict(i) for i in doc.get("incidents", [])],
        path=path,
        bbox=tuple(float(v) for v in bbox) if bbox else None,  # type: ignore[arg-type]
        extra={k: v for k, v in doc.items() if k not in known},
    )
