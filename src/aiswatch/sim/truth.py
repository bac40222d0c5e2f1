"""Ground truth: what the scenario put into the log, for scoring detectors.

Written as JSON lines beside the log (``<out>.truth.jsonl``), one record per incident
(some incidents add records for their parts, e.g. each cable crossing of an anchor drag).
Members: ``scenario``, ``id``, ``kind`` (the incident), ``expected`` (the detection that
should fire), ``mmsi`` (list), ``name``, ``start`` and ``end`` (ISO 8601 UTC), ``lon``,
``lat``, ``bbox`` ([west, south, east, north]), ``zone`` (cable, strait ... name or null),
``source`` (the published case it follows, if any) and ``details``.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np


@dataclass
class TruthRecord:
    id: str
    kind: str
    expected: str
    mmsi: list[int]
    name: str
    start: float  # seconds from the scenario start
    end: float
    lon: float
    lat: float
    bbox: tuple[float, float, float, float] | None = None
    zone: str | None = None
    source: str = ""
    details: dict[str, Any] = field(default_factory=dict)

    def clipped(self, duration: float) -> TruthRecord | None:
        """The record limited to [0, duration], or None if it lies outside."""
        if self.start >= duration or self.end <= 0:
            return None
        if self.start >= 0 and self.end <= duration:
            return self
        details = dict(self.details, clipped=True)
        return TruthRecord(
            self.id,
            self.kind,
            self.expected,
            self.mmsi,
            self.name,
            max(self.start, 0.0),
            min(self.end, duration),
            self.lon,
            self.lat,
            self.bbox,
            self.zone,
            self.source,
            details,
        )

    def as_json(self, scenario: str, start_epoch: float) -> dict[str, Any]:
        return {
            "scenario": scenario,
            "id": self.id,
            "kind": self.kind,
            "expected": self.expected,
            "mmsi": list(self.mmsi),
            "name": self.name,
            "start": iso(start_epoch + self.start),
            "end": iso(start_epoch + self.end),
            "lon": round(self.lon, 6),
            "lat": round(self.lat, 6),
            "bbox": [round(v, 6) for v in self.bbox] if self.bbox else None,
            "zone": self.zone,
            "source": self.source,
            "details": _plain(self.details),
        }


def iso(epoch: float) -> str:
    """ISO 8601 UTC with a Z, to the second."""
    return datetime.fromtimestamp(round(epoch), tz=UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _plain(v: Any) -> Any:
    if isinstance(v, dict):
        return {str(k): _plain(x) for k, x in v.items()}
    if isinstance(v, list | tuple):
        return [_plain(x) for x in v]
    if isinstance(v, np.floating | float):
        return round(float(v), 6)
    if isinstance(v, np.integer):
        return int(v)
    return v


def truth_path(out: Path) -> Path:
    """``<out>.truth.jsonl`` (beside the log)."""
    return out.with_name(out.name + ".truth.jsonl")


def write_truth(
    path: Path, records: Iterable[TruthRecord], scenario: str, start_epoch: float
) -> int:
    lines = [
        json.dumps(r.as_json(scenario, start_epoch), sort_keys=False, separators=(",", ":"))
        for r in records
    ]
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    return len(lines)


def read_truth(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
