"""The registry: MMSI swaps, dossiers, message input, snapshot and restore."""

from __future__ import annotations

import json

from aiswatch.ais import Message
from aiswatch.vessels import (
    LinkFound,
    LinkKind,
    PossibleSwap,
    RegistryConfig,
    SegmentClosed,
    VesselRegistry,
    event_to_dict,
)

from .scenarios import T0, name_change, shared_mmsi, shunxing_swap


def test_mmsi_swap_between_two_transponders() -> None:
    reg = VesselRegistry()
    events = reg.update_many(shunxing_swap())
    swaps = [e for e in events if isinstance(e, PossibleSwap)]
    assert len(swaps) == 1
    (sw,) = swaps
    assert (sw.old_mmsi, sw.mmsi) == (613003889, 677087200)
    assert sw.gap_s == 60.0 and 10.0 < sw.distance_m < 20.0
    assert sw.time == T0 + 60 * 120
    (link,) = [x for x in reg.links(677087200) if x.kind is LinkKind.POSSIBLE_SWAP]
    assert link.mmsis == (613003889, 677087200)
    assert [x.kind for x in reg.links(613003889)] == [LinkKind.POSSIBLE_SWAP]
    found = [e.link.kind for e in events if isinstance(e, LinkFound)]
    assert LinkKind.POSSIBLE_SWAP in found
    d = reg.dossier(677087200)
    assert d.flags == ["possible_swap"] and d.identity is not None
    assert d.identity.key.imo == 8358427 and d.identity.key.flag == "TZ"
    old = reg.dossier(613003889).identity
    assert old is not None and old.key.flag == "CM"


def test_no_swap_when_the_first_mmsi_goes_on() -> None:
    reg = VesselRegistry()
    events = reg.update_many(shunxing_swap(old_keeps_going=True))
    events += reg.flush()
    assert not [e for e in events if isinstance(e, PossibleSwap)]
    assert not reg.swaps()


def test_swap_confirmed_by_the_clock() -> None:
    reg = VesselRegistry()
    reps = shunxing_swap()
    t_new = T0 + 60 * 120
    events = reg.update_many(r for r in reps if r.time <= t_new + 5)  # the new one's first
    assert not [e for e in events if isinstance(e, PossibleSwap)]
    assert not [e for e in reg.advance(t_new + 600) if isinstance(e, PossibleSwap)]
    assert [type(e) for e in reg.advance(t_new + 900)] == [PossibleSwap, LinkFound]


def test_update_message_and_event_json() -> None:
    reg = VesselRegistry()
    msg = Message.build(
        19, mmsi=338123456, lat=40.5, lon=-70.25, speed=5.0, shipname="SEA BIRD", shiptype=37
    )
    events = reg.update_message(msg, T0)
    names = [event_to_dict(e)["event"] for e in events]
    assert names == ["SegmentOpened", "IdentityChange"]
    d = event_to_dict(events[1])
    assert d["new"]["name"] == "SEA BIRD" and d["lat"] == 40.5
    json.dumps([event_to_dict(e) for e in events])


def test_static_report_takes_the_last_position() -> None:
    reg = VesselRegistry()
    reg.update_many(name_change())
    (first, second) = reg.identities.identities(244123000)
    assert first.first_lat == 52.0 and first.first_lon == 3.0
    assert second.last_lat is not None and second.last_lat > 52.5


def test_dossier_json() -> None:
    reg = VesselRegistry()
    reg.update_many(shared_mmsi())
    d = reg.dossier(416123456).to_dict()
    text = json.dumps(d)
    assert d["flag"] == "TW" and d["positions"] == 360 and len(d["segments"]) == 2
    assert d["flags"] == ["impossible_jump", "multi_name", "overlap"]
    assert "HONG TAI 168" in text


def _summary(reg: VesselRegistry) -> str:
    parts = {m: reg.dossier(m).to_dict() for m in reg.mmsis()}
    return json.dumps({"dossiers": parts, "links": [str(x) for x in reg.links()]}, sort_keys=True)


def test_snapshot_restore_continues_identically() -> None:
    reps = sorted([*shunxing_swap(), *shared_mmsi(), *name_change()], key=lambda r: r.time)
    straight = VesselRegistry()
    ev_straight = [event_to_dict(e) for e in straight.update_many(reps)]
    for cut in (len(reps) // 3, len(reps) // 2 + 7):
        first = VesselRegistry()
        ev = [event_to_dict(e) for e in first.update_many(reps[:cut])]
        data = json.loads(json.dumps(first.snapshot()))
        second = VesselRegistry.restore(data)
        ev += [event_to_dict(e) for e in second.update_many(reps[cut:])]
        assert ev == ev_straight
        assert _summary(second) == _summary(straight)
    closed = straight.flush()
    assert all(isinstance(e, SegmentClosed) for e in closed)


def test_config_without_swaps() -> None:
    reg = VesselRegistry(RegistryConfig(swaps=False))
    events = reg.update_many(shunxing_swap())
    events += reg.advance(T0 + 10 * 3600)
    assert not [e for e in events if isinstance(e, PossibleSwap)]


def test_update_tables_matches_reports_from_tables() -> None:
    from aiswatch.columnar import ColumnarDecoder
    from aiswatch.nmea import tag_block
    from aiswatch.vessels import reports_from_tables

    msgs = [
        Message.build(21, mmsi=992351000, name="NORTH BUOY", lat=51.5, lon=1.5),
        Message.build(18, mmsi=338000001, lat=40.0, lon=-70.0, speed=5.0, course=10.0),
        Message.build(19, mmsi=338000002, lat=40.1, lon=-70.1, speed=4.0, shipname="B TWO"),
        Message.build(24, mmsi=338000001, partno=0, shipname="B ONE"),
        Message.build(24, mmsi=338000001, partno=1, callsign="WX1", shiptype=37),
        Message.build(27, mmsi=244123000, lat=52.0, lon=3.0, speed=10),
        Message.build(1, mmsi=244123000),  # no position
    ]
    lines = []
    for k, m in enumerate(msgs):
        lines += [tag_block(time=T0 + k) + s for s in m.sentences()]
    lines.append("!AIVDM,1,1,,A,15MgK45P3@G?fl0E`JbR0OwT0@MS,0*4E")  # no time: skipped
    batch = ColumnarDecoder().decode(("\n".join(lines) + "\n").encode(), final=True)
    a, b = VesselRegistry(), VesselRegistry()
    ev_a = [event_to_dict(e) for e in a.update_many(reports_from_tables(batch.tables))]
    ev_b = [event_to_dict(e) for e in b.update_tables(batch.tables)]
    assert ev_a == ev_b
    assert sorted(a.mmsis()) == [244123000, 338000001, 338000002, 992351000]
    aton = a.identities.current(992351000)
    assert aton is not None and aton.key.name == "NORTH BUOY" and aton.first_lat == 51.5
