"""Cable risk on hand-made tracks: loitering in and near a corridor, speed drops across it."""

from __future__ import annotations

from tests.watch.helpers import T0, lie, make_zones, only, run, sail, static, zigzag

M = 563000001


def test_anchoring_in_corridor_raises_one_cable_loitering() -> None:
    # sails in from the north, lies at anchor 300 m from the cable for 2 h, sails on
    north = (24.1, 119.4)
    spot = (24.0027, 119.4)
    inbound = sail(M, T0, [north, spot], 10.0)
    t1 = inbound[-1].time
    anchored = lie(M, t1 + 180, *spot, 7200, status=1, sog=0.1)
    t2 = anchored[-1].time
    out = sail(M, t2 + 10, [spot, north], 10.0)
    alerts = run([static(M, T0, "RED ANCHOR"), *inbound, *anchored, *out])
    cab = only(alerts, "cable_loitering")
    assert len(cab) == 1
    a = cab[0]
    assert a.mmsi == (M,) and a.zone == "Test Cable" and a.status == "closed"
    assert abs(a.start - t1) <= 200  # from its first slow report in the corridor
    assert abs(a.end - t2) <= 200
    assert "RED ANCHOR (MMSI 563000001, Singapore)" in a.summary
    assert "inside the Test Cable cable corridor for 2 h" in a.summary
    assert a.details["inside_corridor"] is True
    assert a.evidence and a.evidence[0].time <= a.start + 200
    # the anchor drag detector defers to the cable alert
    assert only(alerts, "anchor_drag") == []


def test_ordinary_crossing_raises_nothing() -> None:
    alerts = run([static(M, T0, "PASSER BY"), *sail(M, T0, [(24.2, 119.45), (23.8, 119.45)], 12.0)])
    assert [a for a in alerts if a.severity != "info"] == []


def test_speed_drop_while_crossing() -> None:
    # 11 kn, then 9 kn for 6 min centred on the cable, then 11 kn again (NewNew Polar Bear)
    a0 = (24.1, 119.6)
    d1 = (24.0 + 0.45 / 60, 119.6)  # 0.45 nmi north of the cable
    d2 = (24.0 - 0.45 / 60, 119.6)
    b = (23.9, 119.6)
    leg1 = sail(M, T0, [a0, d1], 11.0)
    leg2 = sail(M, leg1[-1].time + 10, [d1, d2], 9.0)
    leg3 = sail(M, leg2[-1].time + 10, [d2, b], 11.0)
    alerts = run([static(M, T0, "SLOW DOWN"), *leg1, *leg2, *leg3])
    drops = only(alerts, "cable_speed_drop")
    assert len(drops) == 1
    a = drops[0]
    assert a.zone == "Test Cable" and a.status == "closed"
    assert abs(a.start - leg2[0].time) <= 20
    assert abs(a.end - leg3[0].time) <= 20
    assert "slowed from 11.0 kn to 9.0 kn (18 % down) for 6 min" in a.summary
    assert only(alerts, "cable_loitering") == []


def test_slowing_to_a_stop_is_not_a_drop() -> None:
    # slows from 12 to 3 kn in the corridor and never picks up: arriving, not dropping
    leg1 = sail(M, T0, [(24.1, 119.6), (24.01, 119.6)], 12.0)
    leg2 = sail(M, leg1[-1].time + 10, [(24.01, 119.6), (23.995, 119.6)], 3.0)
    alerts = run([static(M, T0, "ARRIVER"), *leg1, *leg2])
    assert only(alerts, "cable_speed_drop") == []


def test_zigzag_near_cable_for_hours() -> None:
    # zigzags 3 nmi north of the cable (outside the corridor) at 2 kn for 4 h (Shunxing-39)
    zz = zigzag(M, T0, 24.05, 119.5, 4 * 3600, 2.0, half_width_m=1400.0)
    alerts = run([static(M, T0, "ZIG ZAG"), *zz])
    cab = only(alerts, "cable_loitering")
    assert len(cab) == 1
    assert cab[0].details["inside_corridor"] is False
    assert "zigzagging" in cab[0].summary
    assert cab[0].end - cab[0].start >= 7200  # after cable.near_min_s


def test_fishing_vessels_are_exempt() -> None:
    spot = (24.0027, 119.4)
    alerts = run(
        [static(M, T0 - 60, "FISHER", shiptype=30), *lie(M, T0, *spot, 7200, status=0, sog=0.3)]
    )
    assert only(alerts, "cable_loitering") == []


def test_zone_rule_override_shortens_the_dwell() -> None:
    spot = (24.0027, 119.4)
    reps = [static(M, T0 - 60, "QUICK"), *lie(M, T0, *spot, 1200, status=1)]
    assert only(run(reps), "cable_loitering") == []
    zones = make_zones(rules={"cable.loiter_min_s": 600})
    assert len(only(run(reps, zones), "cable_loitering")) == 1
