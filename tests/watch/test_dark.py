"""Reporting gaps on hand-made tracks."""

from __future__ import annotations

from aiswatch.vessels.model import PositionReport
from tests.watch.helpers import SEA, T0, offset, only, run, sail, static

M = 538000003


def _leg(t0: float, a: tuple[float, float], b: tuple[float, float], kn: float = 10.0,
         keep: int = 1) -> list[PositionReport]:  # fmt: skip
    """Sailing a -> b, keeping one report in ``keep`` (weak reception)."""
    reps = sail(M, t0, [a, b], kn)
    return reps[::keep]


def test_gap_of_seven_hours_at_sea() -> None:
    a = SEA
    b = offset(*a, 180.0, 30000.0)
    before = _leg(T0, offset(*a, 0.0, 15000.0), a)
    t_last = before[-1].time
    c = offset(*b, 180.0, 2000.0)
    after = _leg(t_last + 7 * 3600, b, c)
    alerts = run([static(M, T0 - 60, "DARK HORSE"), *before, *after])
    gaps = only(alerts, "ais_gap")
    assert len(gaps) == 1
    g = gaps[0]
    assert g.start == t_last and g.status == "closed"
    assert g.end == after[0].time
    assert g.zone is None
    assert "went silent for 7 h" in g.summary and "16.2 nmi away" in g.summary
    assert [e.note for e in g.evidence] == ["last heard", "heard again"]
    assert abs(g.details["implied_kn"] - 30000 / 1852 / 7) < 0.1


def test_fading_out_of_range_is_not_a_gap() -> None:
    a = SEA
    before = _leg(T0, offset(*a, 0.0, 15000.0), a, keep=8)  # one report in eight heard
    after = _leg(before[-1].time + 7 * 3600, offset(*a, 180.0, 30000.0), offset(*a, 180.0, 32000.0))
    assert only(run([static(M, T0 - 60, "FADER"), *before, *after]), "ais_gap") == []


def test_short_gap_across_a_cable() -> None:
    # 45 min of silence while crossing the cable at 24.0 N (Eagle S over Estlink 2)
    a = (24.04, 119.5)
    b = (23.96, 119.5)
    before = _leg(T0, (24.1, 119.5), a, 8.0)
    after = _leg(before[-1].time + 2700, b, (23.9, 119.5), 8.0)
    alerts = run([static(M, T0 - 60, "CABLE CUTTER"), *before, *after])
    gaps = only(alerts, "ais_gap_over_cable")
    assert len(gaps) == 1
    assert gaps[0].zone == "Test Cable"
    assert gaps[0].start == before[-1].time and gaps[0].end == after[0].time
    assert "over the Test Cable cable" in gaps[0].summary
    assert only(alerts, "ais_gap") == []


def test_short_gap_at_sea_is_nothing() -> None:
    a = SEA
    before = _leg(T0, offset(*a, 0.0, 15000.0), a)
    after = _leg(before[-1].time + 2700, offset(*a, 180.0, 10000.0), offset(*a, 180.0, 12000.0))
    alerts = run([static(M, T0 - 60, "BLINKER"), *before, *after])
    assert [a for a in alerts if a.kind.startswith("ais_gap")] == []


def test_silence_opens_an_alert_while_it_lasts() -> None:
    # goes silent at sea and never comes back; another ship's reports keep the clock going
    a = SEA
    before = _leg(T0, offset(*a, 0.0, 15000.0), a)
    other = sail(412000009, T0, [offset(*a, 90.0, 50000.0), offset(*a, 90.0, 50000.0 + 8 * 3600 * 5.0)], 10.0,
                 interval=60.0)  # fmt: skip
    alerts = run(
        [static(M, T0 - 60, "VANISHER"), static(412000009, T0 - 60, "CLOCK"), *before, *other]
    )
    gaps = only(alerts, "ais_gap")
    assert len(gaps) == 1
    g = gaps[0]
    assert g.status == "open" and g.start == before[-1].time
    assert g.end - g.start >= 6 * 3600
    assert "has not been heard for" in g.summary
