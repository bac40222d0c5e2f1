"""Shared test helpers: where ../shared lives, and a skip when it is absent."""

from __future__ import annotations

from pathlib import Path
from typing import Any

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


def real_log_params() -> list[Any]:
    """`real_logs()` for `pytest.mark.parametrize`: one skipped parameter, with the reason,
    when ../shared is absent (a skip at collection time would abort the whole module)."""
    d = SHARED / "data" / "ais"
    if not d.exists():
        reason = f"../shared is absent ({d} not found): reference data tests need it"
        return [pytest.param(None, marks=pytest.mark.skip(reason=reason), id="no-shared")]
    return sorted(p for p in d.iterdir() if p.suffix not in {".md", ".csv"})
