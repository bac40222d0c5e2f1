"""Zone events on hand-made tracks: strait transits, port visits, no-anchoring areas, EEZs."""

from __future__ import annotations

from tests.watch.helpers import T0, box, feature, lie, make_zones, only, run, sail, static

M = 440000005


def test_strait_transit() -> None:
    # the test strait spans 23.2-24.8 N between 118.9 and 119.2 E
    reps = sail(M, T0, [(25.0, 119.05), (23.0, 119.05)], 15.0, interval=30.0)
    alerts = run([static(M, T0 - 60, "THROUGH"), *reps])
    tr = only(alerts, "strait_transit")
    assert len(tr) == 1
    a = tr[0]
    t_in = next(r.time for r in reps if r.lat <= 24.8)
    t_out = max(r.time for r in reps if r.lat >= 23.2)
    assert abs(a.start - t_in) <= 30 and abs(a.end - t_out) <= 30
    assert a.zone == "Test Strait" and a.severity == "info"


def test_in_and_out_the_same_side_is_no_transit() -> None:
    reps = sail(M, T0, [(25.0, 119.05), (24.5, 119.05), (25.0, 119.06)], 15.0, interval=30.0)
    assert only(run([static(M, T0 - 60, "VISITOR"), *reps]), "strait_transit") == []


def test_port_visit() -> None:
    port = (24.6, 119.9)
    inbound = sail(M, T0, [(24.45, 119.9), port], 10.0, interval=30.0)
    stay = lie(M, inbound[-1].time + 180, *port, 3 * 3600, status=5)
    out = sail(M, stay[-1].time + 30, [port, (24.45, 119.9)], 10.0, interval=30.0)
    visits = only(run([static(M, T0 - 60, "CALLER"), *inbound, *stay, *out]), "port_visit")
    assert len(visits) == 1
    v = visits[0]
    assert v.zone == "Test Port" and v.status == "closed"
    assert v.start < stay[0].time and v.end > stay[-1].time


def test_no_anchoring_violation() -> None:
    spot = (24.0, 119.5)
    reps = lie(M, T0, *spot, 3600, status=1)
    alerts = run([static(M, T0 - 60, "BANNED"), *reps])
    v = only(alerts, "no_anchoring_violation")
    assert len(v) == 1
    assert v[0].zone == "Test No-Anchoring" and v[0].start == T0
    assert 'with "at anchor" status inside Test No-Anchoring' in v[0].summary


def test_eez_entry_and_exit() -> None:
    zones = make_zones([feature("Test EEZ", "eez", box(119.3, 22.0, 119.7, 23.0))])
    reps = sail(M, T0, [(23.2, 119.5), (21.8, 119.5)], 15.0, interval=30.0)
    alerts = run([static(M, T0 - 60, "CROSSER"), *reps], zones)
    assert [a.kind for a in alerts if a.zone == "Test EEZ"] == ["zone_entry", "zone_exit"]
