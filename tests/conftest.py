"""Shared test helpers: where ../shared lives, and a skip when it is absent."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
AIS_LOGS = SHARED / "data" / "ais"


def shared_path(*parts: str) -> Path:
    """Return a path inside ../shared, skipping the test with a reason if it is missing."""
    p = SHARED.joinpath(*parts)
    if not p.exists():
        pytest.skip(f"../shared is absent ({p} not found): reference data tests need it")
    return p


def real_logs() -> list[Path]:
    """Every real NMEA log under ../shared/data/ais (the decoded CSV excluded)."""
    d = shared_path("data", "ais")
    return sorted(p for p in d.iterdir() if p.suffix not in {".md", ".csv"})
