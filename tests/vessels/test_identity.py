"""Identity history, type 24 joins and links."""

from __future__ import annotations

from aiswatch.vessels import (
    IdentityChange,
    IdentityTracker,
    LinkFound,
    LinkKind,
    VesselRegistry,
)

from .scenarios import T0, name_change, part_a, part_b, shared_mmsi, static5


def test_name_change_mid_voyage() -> None:
    reg = VesselRegistry()
    events = reg.update_many(name_change())
    changes = [e for e in events if isinstance(e, IdentityChange)]
    assert len(changes) == 2  # the first identity, then the rename
    first, rename = changes
    assert first.old is None and first.new.name == "OLD NAME"
    assert rename.old is not None and rename.new.name == "NEW NAME"
    assert [(c.field, c.old, c.new) for c in rename.changes] == [("name", "OLD NAME", "NEW NAME")]
    assert rename.time == T0 + 360 * 30 + 30
    assert rename.lat is not None and 52.0 < rename.lat < 53.0  # where it happened
    assert not rename.seen_before
    ids = reg.identities.identities(244123000)
    assert [(i.key.name, i.count) for i in ids] == [("OLD NAME", 30), ("NEW NAME", 30)]
    assert ids[0].last_seen < ids[1].first_seen
    assert ids[0].key.flag == "NL" and ids[0].key.imo == 9074729
    assert ids[0].key.destination == "ROTTERDAM"
    # one rename is not "several names in the same period"
    assert not [x for x in reg.links(244123000) if x.kind is LinkKind.MULTI_NAME]
    assert len(reg.segmenter.segments(244123000)) == 1


def test_several_names_in_the_same_period() -> None:
    reg = VesselRegistry()
    events = reg.update_many(shared_mmsi())
    found = [e.link for e in events if isinstance(e, LinkFound)]
    multi = [x for x in found if x.kind is LinkKind.MULTI_NAME]
    assert len(multi) == 1 and multi[0].value == "HONG TAI 168 / HONG TAI 58"
    ids = reg.identities.identities(416123456)
    assert sorted(i.key.name or "" for i in ids) == ["HONG TAI 168", "HONG TAI 58"]
    assert all(i.count == 10 for i in ids)
    changes = [e for e in events if isinstance(e, IdentityChange)]
    assert sum(c.seen_before for c in changes) == len(changes) - 2


def test_type_24_parts_join() -> None:
    tr = IdentityTracker()
    assert tr.update(part_a(338000001, T0, "SEA BIRD")) == ()  # waits for part B
    evs = tr.update(part_b(338000001, T0 + 1, "WDA1234"))
    assert len(evs) == 1 and isinstance(evs[0], IdentityChange)
    key = evs[0].new
    assert (key.name, key.callsign, key.shiptype, key.dims, key.flag) == (
        "SEA BIRD",
        "WDA1234",
        37,
        (6, 4, 2, 2),
        "US",
    )
    # the next pair is the same identity; B before A works too
    assert tr.update(part_b(338000001, T0 + 360, "WDA1234")) == ()
    assert tr.update(part_a(338000001, T0 + 361, "SEA BIRD")) == ()
    assert [i.count for i in tr.identities(338000001)] == [3]
    assert tr.pending_parts(338000001)["part_a"] == {"name": "SEA BIRD"}


def test_type_24_part_b_first_and_a_lone_part() -> None:
    tr = IdentityTracker()
    assert tr.update(part_b(338000002, T0, "CS2")) == ()
    (ev,) = tr.update(part_a(338000002, T0 + 1, "BOAT"))
    assert isinstance(ev, IdentityChange) and (ev.new.name, ev.new.callsign) == ("BOAT", "CS2")
    # a station that only ever sends part A gets an identity at its second part A
    assert tr.update(part_a(338000003, T0, "ONLY A")) == ()
    (ev,) = tr.update(part_a(338000003, T0 + 360, "ONLY A"))
    assert isinstance(ev, IdentityChange) and ev.new.name == "ONLY A" and ev.new.callsign is None


def test_same_imo_on_two_mmsis_and_bad_imo() -> None:
    reg = VesselRegistry()
    reg.update(static5(613003889, T0, "SHUN XING 39", imo=8358427))
    evs = reg.update(static5(677087200, T0 + 60, "XING SHUN 39", imo=8358427))
    links = [e.link for e in evs if isinstance(e, LinkFound)]
    assert [(x.kind, x.mmsis, x.value) for x in links] == [
        (LinkKind.SAME_IMO, (613003889, 677087200), 8358427)
    ]
    evs = reg.update(static5(613003889, T0 + 120, "SHUN XING 39", imo=1234568))
    kinds = sorted(e.link.kind for e in evs if isinstance(e, LinkFound))
    assert kinds == [LinkKind.BAD_IMO, LinkKind.MULTI_IMO]
    assert {x.kind for x in reg.links(613003889)} == {
        LinkKind.SAME_IMO,
        LinkKind.BAD_IMO,
        LinkKind.MULTI_IMO,
    }


def test_same_name_on_two_mmsis() -> None:
    reg = VesselRegistry()
    reg.update(static5(244123000, T0, "Hong  Tai 58"))
    evs = reg.update(static5(244123001, T0, "HONG TAI 58"))
    (link,) = [e.link for e in evs if isinstance(e, LinkFound)]
    assert link.kind is LinkKind.SAME_NAME and link.mmsis == (244123000, 244123001)


def test_invalid_mmsis() -> None:
    reg = VesselRegistry()
    cases = {
        24412300: "wrong length: 8 digits (reads as a group MMSI)",  # lost a digit
        1234567890: "wrong length: 10 digits",
        100000000: "no MMSI format",
        200123456: "unallocated MID 200",
    }
    for mmsi in cases:
        evs = reg.add_position(mmsi, T0, 50.0, 1.0, cls="A")
        (link,) = [e.link for e in evs if isinstance(e, LinkFound)]
        assert link.kind is LinkKind.INVALID_MMSI and link.detail == cases[mmsi]
        assert not [
            e for e in reg.add_position(mmsi, T0 + 10, 50.0, 1.0) if isinstance(e, LinkFound)
        ]
    assert not [
        e for e in reg.add_position(244123000, T0, 50, 1, cls="A") if isinstance(e, LinkFound)
    ]
    assert reg.dossier(200123456).flags == ["invalid_mmsi"]
