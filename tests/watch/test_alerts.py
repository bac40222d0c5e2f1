"""The alert book: open, update, close, reopen, no duplicates; the alert format."""

from __future__ import annotations

from aiswatch.watch.alerts import AlertBook, Evidence, Signal, VesselRef, alert_id, iso
from aiswatch.watch.rules import AlertRules

T = 1_740_000_000.0


def sig(t: float, **kw: object) -> Signal:
    base: dict[str, object] = {"kind": "loitering", "mmsi": (416000001,), "time": t, "lat": 24.0,
                               "lon": 119.5, "summary": f"at {t}"}  # fmt: skip
    base.update(kw)
    return Signal(**base)  # type: ignore[arg-type]


def book(**kw: float) -> AlertBook:
    return AlertBook(AlertRules(**kw), lambda k: "low", lambda m: VesselRef(m, "NAME", flag="TW"))  # type: ignore[arg-type]


def test_open_update_close() -> None:
    b = book()
    events: list[tuple[str, str]] = []
    b.listeners.append(lambda a, what: events.append((a.id, what)))
    a = b.apply(sig(T, start=T - 600))
    assert a.status == "open" and a.start == T - 600 and a.end == T
    b.apply(sig(T + 60, lat=24.1, severity="high"))
    assert a.end == T + 60 and a.lat == 24.1 and a.severity == "high" and a.updates == 2
    b.apply(sig(T + 120, severity="low", close=True))
    assert a.status == "closed" and a.severity == "high" and a.summary == f"at {T + 120}"
    assert [w for _, w in events] == ["opened", "updated", "updated", "closed"]
    assert len(b.alerts()) == 1


def test_quiet_alerts_close_and_come_back_within_the_merge_gap() -> None:
    b = book(quiet_close_s=3600, merge_gap_s=1800)
    a = b.apply(sig(T))
    assert b.tick(T + 3599) == []
    assert b.tick(T + 3600) == [a] and a.status == "closed" and a.end == T
    again = b.apply(sig(T + 1700))  # within the merge gap of its end: the same alert
    assert again is a and a.status == "open" and len(b.alerts()) == 1
    b.apply(sig(T + 1800, close=True))
    later = b.apply(sig(T + 1800 + 1801))  # beyond the merge gap: a new episode
    assert later is not a and len(b.alerts()) == 2


def test_keys_separate_vessels_kinds_and_zones() -> None:
    b = book()
    b.apply(sig(T))
    b.apply(sig(T, mmsi=(416000002,)))
    b.apply(sig(T, kind="encounter", mmsi=(416000001, 416000002)))
    b.apply(sig(T, zone="Cable A"))
    b.apply(sig(T + 10, zone="Cable A"))
    assert len(b.alerts()) == 4
    assert b.has_open("encounter", 416000002) and not b.has_open("anchor_drag", 416000001)


def test_evidence_is_bounded() -> None:
    b = book(evidence_first=2, evidence_last=3)
    a = b.apply(sig(T, evidence=[Evidence(T, 1, 0.0, 0.0)]))
    for k in range(1, 10):
        b.apply(sig(T + k, evidence=[Evidence(T + k, 1, 0.0, float(k))]))
    assert [e.time - T for e in a.evidence] == [0, 1, 7, 8, 9]


def test_ids_are_stable() -> None:
    b1, b2 = book(), book()
    assert (
        b1.apply(sig(T)).id == b2.apply(sig(T)).id == alert_id("loitering", (416000001,), None, T)
    )
    assert alert_id("loitering", (1,), None, T) != alert_id("loitering", (1,), "Z", T)


def test_to_dict() -> None:
    b = book()
    one = b.apply(
        sig(T, evidence=[Evidence(T, 416000001, 24.0, 119.5, 0.4, 10.0, 1, "x")])
    ).to_dict()
    assert one["mmsi"] == 416000001 and one["start"] == iso(T) == "2025-02-19T21:20:00Z"
    assert set(one) >= {"id", "kind", "mmsi", "start", "end", "lat", "lon", "zone", "severity", "summary",
                        "names", "vessels", "evidence", "status"}  # fmt: skip
    assert one["names"] == ["NAME"] and one["evidence"][0]["note"] == "x"
    two = b.apply(sig(T, kind="encounter", mmsi=(416000001, 416000002))).to_dict()
    assert two["mmsi"] == [416000001, 416000002]


def test_suspects() -> None:
    b = book(suspect_window_s=3600)
    b.apply(sig(T, severity="high"))
    assert b.suspect(416000001, T + 3000) and not b.suspect(416000001, T + 3700)
    b.apply(sig(T, mmsi=(416000009,), severity="medium"))
    assert not b.suspect(416000009, T)
