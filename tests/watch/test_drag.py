"""Anchor drag on hand-made tracks."""

from __future__ import annotations

from tests.watch.helpers import SEA, T0, lie, offset, only, run, sail, static

M = 636000002


def test_at_anchor_but_moving_away() -> None:
    lat, lon = SEA
    held = lie(M, T0, lat, lon, 1800, status=1, sog=0.0)  # holds for 30 min
    far = offset(lat, lon, 90.0, 1500.0)
    dragged = sail(M, held[-1].time + 60, [(lat, lon), far], 0.8, interval=60.0, status=1)
    alerts = run([static(M, T0 - 60, "DRIFTER"), *held, *dragged])
    drags = only(alerts, "anchor_drag")
    assert len(drags) == 1
    a = drags[0]
    assert a.details["mode"] == "status"
    # alert from the first report beyond 500 m of the anchoring point
    t_500 = next(r.time for r in dragged if abs(r.lon - lon) * 101_500 > 500)
    assert abs(a.start - t_500) <= 61
    assert 'reports "at anchor" or "moored" but has moved' in a.summary


def test_swinging_at_anchor_is_not_dragging() -> None:
    lat, lon = SEA
    alerts = run(
        [static(M, T0 - 60, "SWINGER"), *lie(M, T0, lat, lon, 6 * 3600, status=1, swing_m=120.0)]
    )
    assert only(alerts, "anchor_drag") == []


def test_slow_s_turns_under_way() -> None:
    # 3 kn with 60-degree S-turns for 30 min, then on at 10 kn (Yi Peng 3 at a crossing)
    lat, lon = SEA
    pts = [(lat, lon)]
    for k in range(6):
        pts.append(offset(*pts[-1], 150.0 if k % 2 else 210.0, 900.0))
    slow = sail(M, T0, pts, 3.0)
    on = sail(M, slow[-1].time + 10, [pts[-1], offset(*pts[-1], 180.0, 20000.0)], 10.0)
    alerts = run([static(M, T0 - 60, "S TURNER"), *slow, *on])
    drags = only(alerts, "anchor_drag")
    assert len(drags) == 1
    a = drags[0]
    assert a.details["mode"] == "erratic"
    assert a.start >= T0 and a.start <= T0 + 600
    assert a.status == "closed" and a.end <= on[0].time + 60


def test_slow_straight_passage_is_not_dragging() -> None:
    lat, lon = SEA
    alerts = run(
        [
            static(M, T0 - 60, "STRAIGHT"),
            *sail(M, T0, [(lat, lon), offset(lat, lon, 200.0, 6000.0)], 3.0),
        ]
    )
    assert only(alerts, "anchor_drag") == []


def test_unknown_type_waits_for_static_data() -> None:
    # no static data: no movement alert in the first hour (its type may exempt it)
    lat, lon = SEA
    held = lie(M, T0, lat, lon, 600, status=1)
    dragged = sail(M, held[-1].time + 60, [(lat, lon), offset(lat, lon, 90.0, 1500.0)], 0.8,
                   interval=60.0, status=1)  # fmt: skip
    assert only(run([*held, *dragged]), "anchor_drag") == []
