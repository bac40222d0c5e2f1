"""Encounters and loitering (GFW definitions) on hand-made tracks."""

from __future__ import annotations

from tests.watch.helpers import SEA, T0, offset, only, run, sail, static

A, B = 477287474, 416965624


def _drift(mmsi: int, t0: float, start: tuple[float, float], hours: float, kn: float = 0.6) -> list:  # type: ignore[type-arg]
    return sail(mmsi, t0, [start, offset(*start, 45.0, kn * 1852.0 * hours)], kn, interval=60.0)


def test_two_ships_alongside_for_three_hours() -> None:
    a = _drift(A, T0, SEA, 3.0)
    b = _drift(B, T0 + 5, offset(*SEA, 135.0, 150.0), 3.0)
    alerts = run(
        [static(A, T0 - 60, "PACIFIC MIRACLE", 80), static(B, T0 - 60, "SEA HARMONY 7", 80), *a, *b]
    )
    enc = only(alerts, "encounter")
    assert len(enc) == 1
    e = enc[0]
    assert e.mmsi == (B, A)  # sorted
    assert e.start == T0 and abs(e.end - (T0 + 3 * 3600)) <= 65
    assert 140 <= e.details["closest_m"] <= 160
    assert "lay within 500 m of each other" in e.summary or "have lain within 500 m" in e.summary
    # the waiting is explained by the encounter: no loitering alerts
    assert only(alerts, "loitering") == []


def test_one_hour_alongside_is_not_an_encounter() -> None:
    a = _drift(A, T0, SEA, 1.0)
    b = _drift(B, T0, offset(*SEA, 135.0, 150.0), 1.0)
    assert (
        only(run([static(A, T0 - 60, "A", 80), static(B, T0 - 60, "B", 80), *a, *b]), "encounter")
        == []
    )


def test_near_an_anchorage_is_not_an_encounter() -> None:
    near = (24.53, 119.95)  # beside the test anchorage
    a = _drift(A, T0, near, 3.0)
    b = _drift(B, T0, offset(*near, 135.0, 150.0), 3.0)
    assert (
        only(run([static(A, T0 - 60, "A", 80), static(B, T0 - 60, "B", 80), *a, *b]), "encounter")
        == []
    )


def test_loitering_far_from_shore() -> None:
    a = _drift(A, T0, SEA, 3.0, kn=1.0)
    alerts = run([static(A, T0 - 60, "WAITER", 80), *a])
    lo = only(alerts, "loitering")
    assert len(lo) == 1
    assert lo[0].start == T0 and lo[0].severity == "low"
    assert (
        "loitered at under 2 kn for 3 h" in lo[0].summary
        or "has loitered at under 2 kn" in lo[0].summary
    )


def test_no_loitering_near_shore() -> None:
    coast = (24.3, 120.35)  # ~10 nmi off Taiwan's west coast
    assert (
        only(
            run([static(A, T0 - 60, "INSHORE", 80), *_drift(A, T0, coast, 3.0, kn=1.0)]),
            "loitering",
        )
        == []
    )
