"""Multi-transmitter track segmentation."""

from __future__ import annotations

from aiswatch.vessels import (
    CloseReason,
    ImpossibleJump,
    OpenReason,
    OverlapDetected,
    SegmentClosed,
    Segmenter,
    SegmentOpened,
    VesselRegistry,
    distance_nm,
)
from aiswatch.vessels.model import PositionReport

from .scenarios import T0, shared_mmsi, track


def _feed(seg: Segmenter, reports: list[PositionReport]) -> list[object]:
    out: list[object] = []
    for r in reports:
        out.extend(seg.add(r.mmsi, r.time, r.lat, r.lon, r.sog, r.cog))
    return out


def test_distance() -> None:
    assert abs(distance_nm(0.0, 0.0, 1.0, 0.0) - 60.04) < 0.01
    assert abs(distance_nm(60.0, 0.0, 60.0, 1.0) - 30.02) < 0.05
    assert abs(distance_nm(0.0, 179.9, 0.0, -179.9) - 12.0) < 0.01  # across the date line
    far = distance_nm(51.5, -0.1, 40.7, -74.0)  # London - New York, ~3000 nmi
    assert 2990 < far < 3010


def test_one_vessel_one_segment() -> None:
    seg = Segmenter()
    reps = list(track(244123000, T0, 52.0, 3.0, speed=12, course=45, n=361, dt=60))
    events = _feed(seg, reps)
    assert [type(e) for e in events] == [SegmentOpened]
    (s,) = seg.segments(244123000)
    assert s.positions == 361 and s.start == T0 and s.end == T0 + 360 * 60
    assert abs(s.distance_nm - 72.0) < 0.5  # 6 h at 12 kn (the helper steps on a flat earth)
    assert s.min_lat == 52.0 and s.max_lat > 52.8 and not s.overlap and s.jumps == 0


def test_one_mmsi_two_ships_200_km_apart() -> None:
    reg = VesselRegistry()
    reports = [r for r in shared_mmsi() if isinstance(r, PositionReport)]
    events: list[object] = []
    for r in reports:
        events.extend(reg.add_position(r.mmsi, r.time, r.lat, r.lon, r.sog, r.cog))
    jumps = [e for e in events if isinstance(e, ImpossibleJump)]
    overlaps = [e for e in events if isinstance(e, OverlapDetected)]
    assert len(jumps) == 1 and jumps[0].speed_kn > 1000 and 105 < jumps[0].distance_nm < 110
    assert len(overlaps) == 1 and 100 < overlaps[0].distance_nm < 110
    segs = reg.segmenter.segments(416123456)
    assert len(segs) == 2
    south, north = sorted(segs, key=lambda s: s.first_lat)
    assert south.positions == north.positions == 180  # no position attached to the other
    assert south.max_lat < 23.0 and north.min_lat > 24.6
    assert south.overlap and north.overlap and north.overlap_with == (south.id,)
    assert north.opened is OpenReason.JUMP and south.jumps == 1
    assert reg.dossier(416123456).flags == ["impossible_jump", "overlap"]


def test_a_bad_fix_is_a_jump_but_no_overlap() -> None:
    seg = Segmenter()
    reps = list(track(244123000, T0, 52.0, 3.0, speed=12, course=45, n=30, dt=10))
    glitch = PositionReport(244123000, T0 + 105, 10.0, 10.0)
    events = _feed(seg, [*reps[:10], glitch, *reps[10:]])
    assert [type(e) for e in events] == [SegmentOpened, SegmentOpened, ImpossibleJump]
    main, bad = seg.segments(244123000)
    assert main.positions == 30 and bad.positions == 1
    assert not main.overlap and not bad.overlap


def test_new_segment_after_24_hours() -> None:
    seg = Segmenter()
    a = list(track(244123000, T0, 52.0, 3.0, speed=0.0, course=0, n=10, dt=60))
    b = list(track(244123000, T0 + 9 * 60 + 25 * 3600, 52.0, 3.0, speed=0.0, course=0, n=10, dt=60))
    events = _feed(seg, [*a, *b])
    closed = [e for e in events if isinstance(e, SegmentClosed)]
    opened = [e for e in events if isinstance(e, SegmentOpened)]
    assert [e.reason for e in opened] == [OpenReason.FIRST, OpenReason.GAP]
    assert len(closed) == 1 and closed[0].reason is CloseReason.GAP
    assert closed[0].segment.positions == 10
    # 23 h is no gap
    seg2 = Segmenter()
    c = list(track(244123000, T0 + 9 * 60 + 23 * 3600, 52.0, 3.0, speed=0.0, course=0, n=2, dt=60))
    assert [type(e) for e in _feed(seg2, [*a, *c])] == [SegmentOpened]


def test_idle_segments_close_without_their_mmsi() -> None:
    seg = Segmenter()
    _feed(seg, list(track(244123000, T0, 52.0, 3.0, speed=10, course=0, n=5, dt=60)))
    assert seg.advance(T0 + 3600) == []
    (ev,) = seg.advance(T0 + 25 * 3600)
    assert isinstance(ev, SegmentClosed) and ev.segment.closed is CloseReason.GAP
    # another MMSI's reports sweep idle segments too
    _feed(seg, list(track(244123001, T0, 52.0, 3.0, speed=10, course=0, n=5, dt=60)))
    events = seg.add(244123002, T0 + 50 * 3600, 10.0, 10.0)
    assert [type(e) for e in events] == [SegmentClosed, SegmentOpened]


def test_out_of_order_and_duplicate_positions() -> None:
    seg = Segmenter()
    reps = list(track(244123000, T0, 52.0, 3.0, speed=12, course=90, n=10, dt=10))
    events = _feed(seg, [reps[0], reps[2], reps[1], reps[2], *reps[3:]])
    assert [type(e) for e in events] == [SegmentOpened]
    (s,) = seg.segments(244123000)
    assert s.positions == 11 and s.end == reps[-1].time
    assert abs(s.distance_nm - 0.3) < 0.01


def test_last_segment_and_flush() -> None:
    seg = Segmenter()
    seg.add(244123000, T0, 52.0, 3.0)
    first = seg.last_segment
    seg.add(244123000, T0 + 10, 53.0, 3.0)  # 60 nmi in 10 s
    assert seg.last_segment != first
    seg.add(244123000, T0 + 20, 52.0001, 3.0)
    assert seg.last_segment == first
    events = seg.flush()
    assert [e.reason for e in events if isinstance(e, SegmentClosed)] == [CloseReason.FLUSH] * 2
    assert seg.open_segments(244123000) == []


def test_a_bad_fix_left_behind_closes_as_noise() -> None:
    seg = Segmenter()
    reps = list(track(244123000, T0, 52.0, 3.0, speed=12, course=45, n=100, dt=10))
    glitch = PositionReport(244123000, T0 + 105, 10.0, 10.0)
    events = _feed(seg, [*reps[:11], glitch, *reps[11:]])
    closed = [e for e in events if isinstance(e, SegmentClosed)]
    assert [(e.reason, e.segment.positions) for e in closed] == [(CloseReason.NOISE, 1)]
    assert closed[0].time == T0 + 710  # the first position more than 10 min after the fix
    assert len(seg.open_segments(244123000)) == 1
    (main, bad) = seg.segments(244123000)
    assert main.positions == 100 and bad.closed is CloseReason.NOISE
