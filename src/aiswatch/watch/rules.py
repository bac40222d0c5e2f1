"""The watch's thresholds, read from TOML (bundled ``aiswatch/data/rules.toml``, documented
key by key with its source) with a user file laid over it and per-zone overrides.

>>> rules = load_rules()                         # the bundled defaults
>>> rules.encounter.max_distance_m
500.0
>>> rules.override({"encounter.max_distance_m": 300}).encounter.max_distance_m
300.0

Each TOML table is one frozen section below; unknown tables or keys and values of the wrong
type are errors (`RulesError`), so that a typo cannot silently leave a default in force.
"""

from __future__ import annotations

import dataclasses
import tomllib
import typing
from collections.abc import Mapping
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any, Final

__all__ = [
    "SEVERITIES",
    "AlertRules",
    "CableRules",
    "DarkRules",
    "DragRules",
    "EncounterRules",
    "IdentityRules",
    "LoiteringRules",
    "Rules",
    "RulesError",
    "SpoofingRules",
    "WatchRules",
    "ZoneRules",
    "load_rules",
    "severity_rank",
]

SEVERITIES: Final = ("info", "low", "medium", "high", "critical")
_RANK: Final = {s: i for i, s in enumerate(SEVERITIES)}


def severity_rank(severity: str) -> int:
    """0 (info) to 4 (critical); unknown names rank as medium."""
    return _RANK.get(severity, 2)


class RulesError(ValueError):
    """A rules file that cannot be used (bad TOML, unknown key, wrong type)."""


@dataclass(frozen=True, slots=True)
class WatchRules:
    tick_s: float = 60.0
    max_speed_kn: float = 30.0
    fast_craft_speed_kn: float = 60.0
    jump_tolerance_m: float = 1000.0
    track_gap_s: float = 86400.0
    max_tracks: int = 4
    duplicate_s: float = 5.0
    static_wait_s: float = 3600.0


@dataclass(frozen=True, slots=True)
class AlertRules:
    quiet_close_s: float = 3600.0
    merge_gap_s: float = 1800.0
    evidence_first: int = 5
    evidence_last: int = 20
    suspect_window_s: float = 86400.0
    suspect_severity: str = "high"


@dataclass(frozen=True, slots=True)
class CableRules:
    loiter_kn: float = 1.0
    loiter_status: tuple[int, ...] = (1, 5)
    slow_max_kn: float = 4.0
    loiter_min_s: float = 1800.0
    slow_min_s: float = 3600.0
    near_m: float = 9260.0
    near_min_s: float = 7200.0
    zigzag_window_s: float = 7200.0
    zigzag_max_straightness: float = 0.5
    zigzag_min_kn: float = 0.5
    drop_pct: float = 15.0
    drop_min_s: float = 300.0
    drop_ref_s: float = 900.0
    drop_ref_min_kn: float = 5.0
    recover_pct: float = 7.5
    drop_max_s: float = 3600.0
    port_exclusion_m: float = 5000.0
    exempt_in_anchorage: bool = True
    exempt_shiptypes: tuple[int, ...] = (
        30, 31, 32, 33, 34, 35, 36, 37, 50, 51, 52, 53, 54, 55, 58,
    )  # fmt: skip
    exempt_status: tuple[int, ...] = (3, 7)


@dataclass(frozen=True, slots=True)
class DragRules:
    status: tuple[int, ...] = (1, 5)
    radius_m: float = 500.0
    status_max_kn: float = 8.0
    min_kn: float = 1.0
    max_kn: float = 4.0
    window_s: float = 1200.0
    erratic_turn_deg: float = 60.0
    erratic_reversals: int = 1
    leg_m: float = 150.0
    min_progress: float = 0.6
    anchorage_exclusion_m: float = 2000.0
    port_exclusion_m: float = 5000.0
    exempt_shiptypes: tuple[int, ...] = (
        30, 31, 32, 33, 34, 35, 36, 37, 50, 51, 52, 53, 54, 55, 58,
    )  # fmt: skip
    exempt_status: tuple[int, ...] = (2, 3, 4, 7)


@dataclass(frozen=True, slots=True)
class DarkRules:
    gap_at_sea_s: float = 21600.0
    gap_in_corridor_s: float = 1800.0
    gap_suspect_s: float = 1800.0
    min_reception: float = 0.5
    reception_window_s: float = 300.0


@dataclass(frozen=True, slots=True)
class SpoofingRules:
    land_min_s: float = 600.0
    land_min_share: float = 0.8
    jump_confirm_s: float = 120.0
    one_way_s: float = 7200.0
    jump_min_positions: int = 2
    circle_min_turn_deg: float = 330.0
    circle_free_turn_deg: float = 540.0
    circle_max_radius_nm: float = 3.0
    circle_min_radius_nm: float = 0.2
    circle_max_cv: float = 0.15
    circle_min_kn: float = 3.0
    circle_window_s: float = 7200.0
    circle_exempt_shiptypes: tuple[int, ...] = (30, 36, 37)
    conflict_window_s: float = 900.0
    conflict_min_switches: int = 6
    conflict_min_m: float = 1852.0
    invalid_mmsi: bool = True


@dataclass(frozen=True, slots=True)
class IdentityRules:
    fields: tuple[str, ...] = ("name", "callsign", "imo", "flag")
    confirm_s: float = 900.0
    return_window_s: float = 86400.0
    swap_max_gap_s: float = 600.0
    swap_max_distance_m: float = 150.0
    swap_confirm_s: float = 1800.0
    swap_min_reception: float = 0.5
    swap_port_exempt: bool = True


@dataclass(frozen=True, slots=True)
class EncounterRules:
    max_distance_m: float = 500.0
    min_duration_s: float = 7200.0
    max_kn: float = 2.0
    anchorage_distance_m: float = 10000.0
    max_silence_s: float = 1800.0
    exempt_shiptypes: tuple[int, ...] = (31, 32, 50, 51, 52, 53, 54, 55)
    fishing_pairs: bool = False


@dataclass(frozen=True, slots=True)
class LoiteringRules:
    max_kn: float = 2.0
    min_duration_s: float = 7200.0
    shore_distance_nm: float = 20.0
    port_distance_m: float = 10000.0
    max_silence_s: float = 1800.0
    exempt_shiptypes: tuple[int, ...] = (
        30, 31, 32, 33, 34, 35, 36, 37, 50, 51, 52, 53, 54, 55, 58,
    )  # fmt: skip
    exempt_status: tuple[int, ...] = (7,)


@dataclass(frozen=True, slots=True)
class ZoneRules:
    port_enter_m: float = 3000.0
    port_exit_m: float = 4000.0
    stop_kn: float = 0.2
    resume_kn: float = 0.5
    transit_min_share: float = 0.5
    transit_min_s: float = 600.0
    no_anchoring_kn: float = 1.0
    no_anchoring_min_s: float = 900.0
    entry_exit_kinds: tuple[str, ...] = ("eez",)


_DEFAULT_SEVERITY: Final[Mapping[str, str]] = {
    "cable_loitering": "high",
    "cable_speed_drop": "medium",
    "anchor_drag": "high",
    "ais_gap": "medium",
    "ais_gap_over_cable": "high",
    "position_jump": "medium",
    "position_on_land": "medium",
    "circle_spoofing": "medium",
    "mmsi_conflict": "high",
    "invalid_mmsi": "low",
    "identity_change": "medium",
    "identity_swap": "high",
    "encounter": "medium",
    "loitering": "low",
    "no_anchoring_violation": "high",
    "strait_transit": "info",
    "port_visit": "info",
    "zone_entry": "info",
    "zone_exit": "info",
}


@dataclass(frozen=True, slots=True)
class Rules:
    """All sections; ``severity`` maps alert kinds to severities, ``zone_rules`` maps zone
    names to overrides (``{"cable.loiter_min_s": 900.0}``)."""

    watch: WatchRules = field(default_factory=WatchRules)
    alerts: AlertRules = field(default_factory=AlertRules)
    severity: Mapping[str, str] = field(default_factory=lambda: dict(_DEFAULT_SEVERITY))
    cable: CableRules = field(default_factory=CableRules)
    drag: DragRules = field(default_factory=DragRules)
    dark: DarkRules = field(default_factory=DarkRules)
    spoofing: SpoofingRules = field(default_factory=SpoofingRules)
    identity: IdentityRules = field(default_factory=IdentityRules)
    encounter: EncounterRules = field(default_factory=EncounterRules)
    loitering: LoiteringRules = field(default_factory=LoiteringRules)
    zones: ZoneRules = field(default_factory=ZoneRules)
    zone_rules: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)

    def severity_of(self, kind: str) -> str:
        return self.severity.get(kind, "medium")

    def override(self, changes: Mapping[str, Any], *, where: str = "override") -> Rules:
        """A copy with ``{"section.key": value}`` (or nested ``{"section": {"key": value}}``)
        applied; RulesError on unknown keys or wrong types."""
        flat = _flatten(changes)
        if not flat:
            return self
        by_section: dict[str, dict[str, Any]] = {}
        for dotted, value in flat.items():
            sec, _, key = dotted.partition(".")
            if not key:
                raise RulesError(f"{where}: {dotted!r} is not 'section.key'")
            by_section.setdefault(sec, {})[key] = value
        out = self
        for sec, values in by_section.items():
            out = _apply_section(out, sec, values, where)
        return out

    def for_zone(self, name: str, overrides: Mapping[str, Any] | None = None) -> Rules:
        """Rules in force inside zone ``name``: its [zone_rules."name"] table, then the
        zone's own ``rules`` property."""
        out = self
        table = self.zone_rules.get(name)
        if table:
            out = out.override(table, where=f"zone_rules.{name}")
        if overrides:
            out = out.override(overrides, where=f"zone {name!r}")
        return out


def _section_types() -> dict[str, type[Any]]:
    hints = typing.get_type_hints(Rules)
    return {k: v for k, v in hints.items() if k not in ("severity", "zone_rules")}


_SECTION_TYPES: Final = _section_types()


def _flatten(changes: Mapping[str, Any], prefix: str = "") -> dict[str, Any]:
    out: dict[str, Any] = {}
    for k, v in changes.items():
        key = f"{prefix}{k}"
        if isinstance(v, Mapping) and "." not in k and not prefix:
            out.update(_flatten(v, key + "."))
        else:
            out[key] = v
    return out


def _coerce(value: Any, hint: Any, where: str) -> Any:
    origin = typing.get_origin(hint)
    if hint is float:
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise RulesError(f"{where}: expected a number, got {value!r}")
        return float(value)
    if hint is int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise RulesError(f"{where}: expected an integer, got {value!r}")
        return value
    if hint is bool:
        if not isinstance(value, bool):
            raise RulesError(f"{where}: expected true or false, got {value!r}")
        return value
    if hint is str:
        if not isinstance(value, str):
            raise RulesError(f"{where}: expected a string, got {value!r}")
        return value
    if origin is tuple:
        (item,) = {a for a in typing.get_args(hint) if a is not Ellipsis}
        if not isinstance(value, list | tuple):
            raise RulesError(f"{where}: expected a list, got {value!r}")
        return tuple(_coerce(v, item, where) for v in value)
    raise RulesError(f"{where}: unsupported rule type {hint!r}")  # pragma: no cover


def _apply_section(rules: Rules, sec: str, values: Mapping[str, Any], where: str) -> Rules:
    if sec == "severity":
        sev = dict(rules.severity)
        for k, v in values.items():
            if v not in SEVERITIES:
                raise RulesError(f"{where}: severity.{k} must be one of {', '.join(SEVERITIES)}")
            sev[k] = v
        return dataclasses.replace(rules, severity=sev)
    cls = _SECTION_TYPES.get(sec)
    if cls is None:
        known = ", ".join([*_SECTION_TYPES, "severity"])
        raise RulesError(f"{where}: unknown section {sec!r} (known: {known})")
    hints = typing.get_type_hints(cls)
    current = getattr(rules, sec)
    changes = {}
    for k, v in values.items():
        if k not in hints:
            raise RulesError(f"{where}: unknown key {sec}.{k} (known: {', '.join(hints)})")
        changes[k] = _coerce(v, hints[k], f"{where}: {sec}.{k}")
        if k.endswith("severity") and changes[k] not in SEVERITIES:
            raise RulesError(f"{where}: {sec}.{k} must be one of {', '.join(SEVERITIES)}")
    return dataclasses.replace(rules, **{sec: dataclasses.replace(current, **changes)})


def _from_doc(doc: Mapping[str, Any], base: Rules, where: str) -> Rules:
    out = base
    for sec, values in doc.items():
        if sec == "zone_rules":
            if not isinstance(values, Mapping):
                raise RulesError(f"{where}: zone_rules must be a table of zone names")
            zr = {k: dict(v) for k, v in out.zone_rules.items()}
            for zname, table in values.items():
                if not isinstance(table, Mapping):
                    raise RulesError(f"{where}: zone_rules.{zname} must be a table")
                out.override(table, where=f"{where}: zone_rules.{zname}")  # validate now
                zr.setdefault(zname, {}).update(_flatten(table))
            out = dataclasses.replace(out, zone_rules=zr)
            continue
        if not isinstance(values, Mapping):
            raise RulesError(f"{where}: {sec!r} must be a table")
        out = _apply_section(out, sec, values, where)
    return out


def bundled_rules_path() -> Path:
    return Path(str(resources.files("aiswatch") / "data" / "rules.toml"))


def _read(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except tomllib.TOMLDecodeError as e:
        raise RulesError(f"{path}: not valid TOML: {e}") from e


_BUNDLED: Rules | None = None


def load_rules(path: str | Path | None = None) -> Rules:
    """The bundled rules, with ``path`` (a TOML file, keys it leaves out keep the bundled
    values) laid over them. FileNotFoundError / RulesError for bad files."""
    global _BUNDLED
    if _BUNDLED is None:
        _BUNDLED = _from_doc(_read(bundled_rules_path()), Rules(), "rules.toml")
    if path is None:
        return _BUNDLED
    p = Path(path)
    return _from_doc(_read(p), _BUNDLED, str(p))


def rules_from_toml(text: str, base: Rules | None = None) -> Rules:
    """Rules from TOML text laid over ``base`` (default: the bundled rules)."""
    try:
        doc = tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        raise RulesError(f"not valid TOML: {e}") from e
    return _from_doc(doc, base if base is not None else load_rules(), "rules")
