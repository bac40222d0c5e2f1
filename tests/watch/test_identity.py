"""Identity tricks on hand-made tracks: renames, alternating names, MMSI swaps."""

from __future__ import annotations

from tests.watch.helpers import SEA, T0, lie, offset, only, run, sail, static

M = 538009911


def _voyage(hours: float = 3.0) -> list:  # type: ignore[type-arg]
    return sail(M, T0, [SEA, offset(*SEA, 200.0, 12 * 1852.0 * hours)], 12.0, interval=30.0)


def test_rename_mid_voyage() -> None:
    statics = [static(M, T0 + k * 360, "OCEAN LOTUS", callsign="V7YTV") for k in range(10)]
    statics += [static(M, T0 + 3600 + k * 360, "LOTUS 8", callsign="V7LT8") for k in range(1, 15)]
    alerts = run([*statics, *_voyage()])
    ch = only(alerts, "identity_change")
    assert len(ch) == 1
    a = ch[0]
    assert a.start == T0 + 3960 and a.end == a.start
    assert a.details["fields"] == ["name", "callsign"]
    assert a.details["old"] == {"name": "OCEAN LOTUS", "callsign": "V7YTV"}
    assert a.details["new"] == {"name": "LOTUS 8", "callsign": "V7LT8"}
    assert a.summary.startswith("OCEAN LOTUS (MMSI 538009911, Marshall Islands) changed its name "
                                "from OCEAN LOTUS to LOTUS 8 and its call sign from V7YTV to V7LT8 at ")  # fmt: skip


def test_alternating_names_are_not_a_rename() -> None:
    names = ["HONG TAI 58", "HONG TAI 16"]
    statics = [static(M, T0 + k * 180, names[k % 2]) for k in range(40)]
    assert only(run([*statics, *_voyage()]), "identity_change") == []


def test_mmsi_swap() -> None:
    old, new = 613003889, 677087200
    spot = SEA
    a = lie(old, T0, *spot, 3600, status=0, interval=10.0)
    b_spot = offset(*spot, 45.0, 15.0)
    b = lie(new, a[-1].time + 60, *b_spot, 3 * 3600, status=0, interval=10.0)
    alerts = run(
        [static(old, T0 - 60, "SHUN XING 39"), static(new, a[-1].time + 61, "XING SHUN 39"), *a, *b]
    )
    sw = only(alerts, "identity_swap")
    assert len(sw) == 1
    s = sw[0]
    assert s.mmsi == (old, new)
    assert s.start == a[-1].time and s.end == b[0].time
    assert abs(s.details["distance_m"] - 15.0) < 2.0
    assert "SHUN XING 39 (MMSI 613003889, Cameroon) fell silent and 1 min later XING SHUN 39 " \
           "(MMSI 677087200, Tanzania) began transmitting" in s.summary  # fmt: skip
    assert "changing flag from Cameroon to Tanzania" in s.summary
    # the old MMSI's silence is explained by the swap: no gap alert for it
    assert [x for x in alerts if x.kind.startswith("ais_gap")] == []


def test_no_swap_when_the_old_mmsi_speaks_again() -> None:
    old, new = 613003889, 677087200
    a1 = lie(old, T0, *SEA, 1800, status=0, interval=10.0)
    b = lie(new, a1[-1].time + 60, *offset(*SEA, 45.0, 15.0), 3 * 3600, status=0, interval=10.0)
    a2 = lie(old, a1[-1].time + 1200, *SEA, 3600, status=0, interval=10.0)
    alerts = run([static(old, T0 - 60, "A"), static(new, T0 - 60, "B"), *a1, *a2, *b])
    assert only(alerts, "identity_swap") == []
