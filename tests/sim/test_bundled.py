"""The incident signatures of the bundled scenarios, over their whole default duration
(without background traffic, which the signatures do not depend on)."""

from __future__ import annotations

import pytest

from tests.sim import test_incidents as checks
from tests.sim.conftest import Run

TAIWAN = [
    "test_anchor_drift_over_cable",
    "test_mmsi_swap",
    "test_shared_mmsi",
    "test_name_change",
    "test_spoof_on_land",
    "test_encounter",
]
BALTIC = [
    "test_anchor_drag",
    "test_reporting_gap_over_cable",
    "test_speed_drop_at_cable",
    "test_spoof_circle",
    "test_spoof_jump",
    "test_strait_transit",
]


@pytest.mark.parametrize("check", TAIWAN)
def test_bundled_taiwan(bundled_taiwan: Run, check: str) -> None:
    getattr(checks, check)(bundled_taiwan)


@pytest.mark.parametrize("check", BALTIC)
def test_bundled_baltic(bundled_baltic: Run, check: str) -> None:
    getattr(checks, check)(bundled_baltic)
