"""`VesselRegistry`: identities, track segments and links of every station, updated report
by report, so that file ingest and the live service share one code path.

    reg = VesselRegistry()
    for report in reports:              # PositionReport / StaticReport, in time order
        for event in reg.update(report):
            ...                         # IdentityChange, SegmentOpened, ImpossibleJump, ...
    reg.flush()                         # end of input: close open segments
    reg.dossier(613003889)              # everything known about one MMSI

Inputs: `update` (one report), `update_message` (a decoded message and its receive time),
`add_position` (scalars: the fast path), `update_tables` (a columnar batch: file ingest).

Besides the identity tracker and the segmenter, the registry checks each MMSI once when
first seen (wrong length, no MMSI format, unallocated MID) and looks for MMSI swaps: when an
MMSI starts a segment (first position, or after a gap) within ``swap_window_s`` and
``swap_distance_m`` of where another MMSI last reported, and that other MMSI then stays
silent for ``swap_confirm_s``, it emits `PossibleSwap` (the Shunxing-39 pattern in
../shared/incidents.md: MMSI 613003889 vanished at 16:51 and MMSI 677087200 appeared a minute
later ~15 m away). The swap event comes when the confirmation time has passed, on whatever
report (or `advance` call) first reaches it.

`snapshot` gives plain JSON data and `restore` rebuilds the registry from it, so the live
service can restart where it stopped.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass
from typing import Any, Final

from aiswatch.ais import Message
from aiswatch.ais.mmsi import MmsiKind, mmsi_flag, mmsi_kind, mmsi_mid, mmsi_valid
from aiswatch.vessels.events import (
    Event,
    IdentityChange,
    Link,
    LinkFound,
    LinkKind,
    OpenReason,
    PossibleSwap,
    SegmentInfo,
    SegmentOpened,
    to_jsonable,
)
from aiswatch.vessels.identity import Identity, IdentityTracker
from aiswatch.vessels.model import (
    CLASS_BY_TYPE,
    POSITION_TYPES,
    STATIC_TYPES,
    PositionReport,
    Report,
    StaticReport,
    reports_from_message,
)
from aiswatch.vessels.segments import Segmenter, distance_nm

__all__ = ["Dossier", "RegistryConfig", "VesselRegistry", "mmsi_problem"]

_KN_TO_MS: Final = 1852.0 / 3600.0


@dataclass(frozen=True, slots=True)
class RegistryConfig:
    """Thresholds. Segmentation: GFW-style (max implied speed 30 kn, new segment after 24 h).
    Swaps: from the Shunxing-39 case (a minute and ~15 m apart), with slack for reporting
    intervals (a Class A at anchor reports every 3 min, ITU-R M.1371-5)."""

    max_speed_kn: float = 30.0
    max_gap_s: float = 24 * 3600.0
    noise_nm: float = 0.1
    max_open: int = 8
    keep_closed: int = 200
    multi_name_window_s: float = 72 * 3600.0
    max_changes: int = 500
    swaps: bool = True
    swap_window_s: float = 600.0
    swap_distance_m: float = 250.0
    swap_confirm_s: float = 900.0
    grid_deg: float = 0.05
    static_position_max_age_s: float = 3600.0


def mmsi_problem(mmsi: int, cls: str | None = None) -> str | None:
    """Why an MMSI is invalid, or None. ``cls`` "A"/"B": a ship station, so that a short
    MMSI reading as a group or coast station (e.g. a U.S. MMSI missing its leading 3) is
    wrong-length too."""
    kind = mmsi_kind(mmsi)
    digits = len(str(mmsi))
    if kind is MmsiKind.INVALID:
        return f"wrong length: {digits} digits" if digits != 9 else "no MMSI format"
    if not mmsi_valid(mmsi):
        return f"unallocated MID {mmsi_mid(mmsi)}"
    if cls in ("A", "B") and kind in (MmsiKind.GROUP, MmsiKind.COAST_STATION):
        return f"wrong length: {digits} digits (reads as a {kind.value} MMSI)"
    return None


@dataclass(slots=True)
class Dossier:
    """Everything the registry knows about one MMSI."""

    mmsi: int
    kind: str
    flag: str | None
    country: str | None
    problem: str | None
    identity: Identity | None
    identities: list[Identity]
    changes: list[IdentityChange]
    change_count: int
    segments: list[SegmentInfo]
    positions: int
    last_position: dict[str, Any] | None
    voyage: dict[str, Any]
    links: list[Link]
    flags: list[str]

    def to_dict(self) -> dict[str, Any]:
        return {
            "mmsi": self.mmsi,
            "kind": self.kind,
            "flag": self.flag,
            "country": self.country,
            "problem": self.problem,
            "identity": self.identity.to_dict() if self.identity else None,
            "identities": [i.to_dict() for i in self.identities],
            "changes": [to_jsonable(c) for c in self.changes],
            "change_count": self.change_count,
            "segments": [to_jsonable(s) for s in self.segments],
            "positions": self.positions,
            "last_position": self.last_position,
            "voyage": self.voyage,
            "links": [to_jsonable(x) for x in self.links],
            "flags": self.flags,
        }


class _Candidate:
    __slots__ = (
        "cancelled",
        "deadline",
        "dist",
        "gap",
        "lat",
        "lon",
        "new",
        "new_seg",
        "old",
        "old_seg",
        "time",
    )

    def __init__(
        self,
        deadline: float,
        time: float,
        old: int,
        new: int,
        old_seg: int,
        new_seg: int,
        gap: float,
        dist: float,
        lat: float,
        lon: float,
    ) -> None:
        self.deadline, self.time, self.old, self.new = deadline, time, old, new
        self.old_seg, self.new_seg, self.gap, self.dist = old_seg, new_seg, gap, dist
        self.lat, self.lon = lat, lon
        self.cancelled = False

    def to_list(self) -> list[Any]:
        return [
            self.deadline,
            self.time,
            self.old,
            self.new,
            self.old_seg,
            self.new_seg,
            self.gap,
            self.dist,
            self.lat,
            self.lon,
        ]


class VesselRegistry:
    """Identities, segments and links of every MMSI; see the module docstring."""

    def __init__(self, config: RegistryConfig | None = None) -> None:
        cfg = self.config = config or RegistryConfig()
        self.segmenter = Segmenter(
            max_speed_kn=cfg.max_speed_kn,
            max_gap_s=cfg.max_gap_s,
            noise_nm=cfg.noise_nm,
            max_open=cfg.max_open,
            keep_closed=cfg.keep_closed,
            grid_deg=cfg.grid_deg if cfg.swaps else None,
        )
        self.identities = IdentityTracker(
            multi_name_window_s=cfg.multi_name_window_s, max_changes=cfg.max_changes
        )
        self._seen: set[int] = set()
        self._invalid: dict[int, str] = {}
        self._swaps: list[PossibleSwap] = []
        self._pending: list[tuple[float, int, _Candidate]] = []
        self._watch: dict[int, list[_Candidate]] = {}
        self._seq = 0

    # -- input -----------------------------------------------------------------------
    def update(self, r: Report) -> Sequence[Event]:
        """Take one report (in time order, give or take receiver jitter)."""
        if type(r) is PositionReport:
            return self.add_position(r.mmsi, r.time, r.lat, r.lon, r.sog, r.cog, r.cls)
        assert isinstance(r, StaticReport)
        return self.add_static(r)

    def update_many(self, reports: Iterable[Report]) -> list[Event]:
        out: list[Event] = []
        for r in reports:
            evs = self.update(r)
            if evs:
                out.extend(evs)
        return out

    def update_tables(self, tables: Mapping[int, Any]) -> list[Event]:
        """Take one `aiswatch.columnar.Batch`'s tables (type -> pyarrow.Table) in input line
        order: the bulk path for file ingest. Positions go straight to `add_position` from
        the columns, with no object per row; static rows become `StaticReport` objects.
        Same events as `update_many(reports_from_tables(tables))`."""
        import numpy as np

        cols: dict[int, dict[str, list[Any]]] = {}
        keys: list[Any] = []
        for msg_type, table in tables.items():
            if (msg_type not in POSITION_TYPES and msg_type not in STATIC_TYPES) or not len(table):
                continue
            names = set(table.column_names)
            cols[msg_type] = {
                n: table.column(n).to_pylist() if n in names else [None] * len(table)
                for n in ("mmsi", "rxtime", "lat", "lon", "speed", "course")
            }
            line = table.column("line").to_numpy(zero_copy_only=False).astype(np.float64)
            keys.append((np.nan_to_num(line, nan=np.inf), msg_type, len(table)))
        if not keys:
            return []
        line_all = np.concatenate([k[0] for k in keys])
        type_all = np.concatenate([np.full(k[2], k[1], dtype=np.int64) for k in keys])
        row_all = np.concatenate([np.arange(k[2], dtype=np.int64) for k in keys])
        order = np.lexsort((row_all, type_all, line_all)).tolist()
        types, rows = type_all.tolist(), row_all.tolist()
        static_rows = {t: tables[t].to_pylist() for t in cols if t in STATIC_TYPES}
        out: list[Event] = []
        for i in order:
            t, r = types[i], rows[i]
            c = cols[t]
            if t in POSITION_TYPES:
                tm, lat, lon = c["rxtime"][r], c["lat"][r], c["lon"][r]
                if (
                    tm is not None
                    and lat is not None
                    and lon is not None
                    and -90.0 <= lat <= 90.0
                    and -180.0 <= lon <= 180.0
                    and not (lat == 0.0 and lon == 0.0)
                ):
                    evs = self.add_position(
                        c["mmsi"][r],
                        tm,
                        lat,
                        lon,
                        c["speed"][r],
                        c["course"][r],
                        CLASS_BY_TYPE.get(t),
                    )
                    if evs:
                        out.extend(evs)
            if t in STATIC_TYPES:
                rep = StaticReport.from_row(static_rows[t][r], msg_type=t)
                if rep is not None:
                    out.extend(self.add_static(rep))
        return out

    def update_message(
        self,
        msg: Message,
        time: float,
        *,
        station: str | None = None,
        source: str | None = None,
        line: int | None = None,
    ) -> list[Event]:
        """Take one decoded message received at ``time``."""
        reps = reports_from_message(msg, time, station=station, source=source, line=line)
        return self.update_many(reps)

    def add_position(
        self,
        mmsi: int,
        t: float,
        lat: float,
        lon: float,
        sog: float | None = None,
        cog: float | None = None,
        cls: str | None = None,
    ) -> Sequence[Event]:
        """The fast path for one position (no report object needed)."""
        extra: list[Event] | None = None
        if mmsi not in self._seen:
            extra = self._first_seen(mmsi, t, lat, lon, cls)
        evs = self.segmenter.add(mmsi, t, lat, lon, sog, cog)
        if self._watch and mmsi in self._watch:
            self._cancel(mmsi)
        if self._pending and t >= self._pending[0][0]:
            extra = (extra or []) + self._confirm(t)
        if evs and self.config.swaps:
            for e in evs:
                if type(e) is SegmentOpened and e.reason is not OpenReason.JUMP:
                    self._look_for_swap(e)
        if extra:
            return [*extra, *evs]
        return evs

    def add_static(self, r: StaticReport) -> Sequence[Event]:
        extra: list[Event] | None = None
        lat, lon = r.lat, r.lon
        if lat is None:
            last = self.segmenter.last_position(r.mmsi)
            if last is not None and abs(r.time - last[0]) <= self.config.static_position_max_age_s:
                lat, lon = last[1], last[2]
        if r.mmsi not in self._seen:
            extra = self._first_seen(r.mmsi, r.time, lat, lon, CLASS_BY_TYPE.get(r.msg_type))
        evs = self.identities.update(r, lat, lon)
        if self._watch and r.mmsi in self._watch:
            self._cancel(r.mmsi)
        if self._pending and r.time >= self._pending[0][0]:
            extra = (extra or []) + self._confirm(r.time)
        if extra:
            return [*extra, *evs]
        return evs

    def advance(self, now: float) -> list[Event]:
        """Time has reached ``now`` with no report (the live service's clock tick): confirm
        due swaps and close segments idle beyond the gap limit."""
        return [*self._confirm(now), *self.segmenter.advance(now)]

    def flush(self) -> list[Event]:
        """End of input: confirm swaps due by the last time seen, close open segments.
        Swap candidates whose confirmation time lies beyond the input stay pending."""
        now = self.segmenter.now
        return [*self._confirm(now), *self.segmenter.flush()]

    # -- first sight and swaps ---------------------------------------------------------
    def _first_seen(
        self, mmsi: int, t: float, lat: float | None, lon: float | None, cls: str | None
    ) -> list[Event] | None:
        self._seen.add(mmsi)
        problem = mmsi_problem(mmsi, cls)
        if problem is None:
            return None
        self._invalid[mmsi] = problem
        return [LinkFound(t, mmsi, lat, lon, Link(LinkKind.INVALID_MMSI, (mmsi,), mmsi, problem))]

    def _look_for_swap(self, e: SegmentOpened) -> None:
        cfg = self.config
        seg = self.segmenter
        for s in seg.near(e.lat, e.lon):
            if s.mmsi == e.mmsi:
                continue
            gap = e.time - s.end
            if gap < 0.0 or gap > cfg.swap_window_s:
                continue
            last = seg.last_time(s.mmsi)
            if last is not None and last > s.end:
                continue  # the other MMSI went on elsewhere (another transmitter)
            d_m = distance_nm(s.lat, s.lon, e.lat, e.lon) * 1852.0
            if d_m > cfg.swap_distance_m + (s.sog or 0.0) * _KN_TO_MS * gap:
                continue
            c = _Candidate(
                e.time + cfg.swap_confirm_s,
                e.time,
                s.mmsi,
                e.mmsi,
                s.id,
                e.segment,
                gap,
                d_m,
                e.lat,
                e.lon,
            )
            self._push(c)

    def _push(self, c: _Candidate) -> None:
        heapq.heappush(self._pending, (c.deadline, self._seq, c))
        self._seq += 1
        self._watch.setdefault(c.old, []).append(c)

    def _cancel(self, mmsi: int) -> None:
        for c in self._watch.pop(mmsi, ()):
            c.cancelled = True

    def _confirm(self, now: float) -> list[Event]:
        out: list[Event] = []
        while self._pending and self._pending[0][0] <= now:
            _, _, c = heapq.heappop(self._pending)
            if c.cancelled:
                continue
            watched = self._watch.get(c.old)
            if watched is not None:
                watched.remove(c)
                if not watched:
                    del self._watch[c.old]
            sw = PossibleSwap(
                c.time, c.new, c.lat, c.lon, c.old, c.gap, c.dist, c.old_seg, c.new_seg
            )
            self._swaps.append(sw)
            out.append(sw)
            out.append(LinkFound(c.time, c.new, c.lat, c.lon, _swap_link(sw)))
        return out

    # -- queries -----------------------------------------------------------------------
    def mmsis(self) -> list[int]:
        return sorted(self._seen)

    def swaps(self, mmsi: int | None = None) -> list[PossibleSwap]:
        return [s for s in self._swaps if mmsi is None or mmsi in (s.mmsi, s.old_mmsi)]

    def links(self, mmsi: int | None = None) -> list[Link]:
        """Every link (or those involving ``mmsi``): invalid MMSIs, identity links, swaps."""
        out: list[Link] = []
        for m, problem in sorted(self._invalid.items()):
            if mmsi is None or m == mmsi:
                out.append(Link(LinkKind.INVALID_MMSI, (m,), m, problem))
        out.extend(self.identities.links(mmsi))
        out.extend(_swap_link(s) for s in self.swaps(mmsi))
        return out

    def dossier(self, mmsi: int) -> Dossier:
        iso2, country = mmsi_flag(mmsi)
        segs = self.segmenter.segments(mmsi)
        last = self.segmenter.last_position(mmsi)
        links = self.links(mmsi)
        problem = self._invalid.get(mmsi)
        if problem is None and mmsi not in self._seen:
            problem = mmsi_problem(mmsi)
        return Dossier(
            mmsi=mmsi,
            kind=mmsi_kind(mmsi).value,
            flag=iso2,
            country=country,
            problem=problem,
            identity=self.identities.current(mmsi),
            identities=self.identities.identities(mmsi),
            changes=self.identities.changes(mmsi),
            change_count=self.identities.change_count(mmsi),
            segments=segs,
            positions=self.segmenter.positions(mmsi),
            last_position=(
                {"time": last[0], "lat": last[1], "lon": last[2], "sog": last[3]} if last else None
            ),
            voyage=self.identities.voyage(mmsi),
            links=links,
            flags=dossier_flags(links, segs),
        )

    # -- state -------------------------------------------------------------------------
    def snapshot(self) -> dict[str, Any]:
        """Plain JSON data (json.dumps-able) from which `restore` rebuilds the registry."""
        return {
            "version": 1,
            "config": asdict(self.config),
            "segmenter": self.segmenter.snapshot(),
            "identities": self.identities.snapshot(),
            "seen": sorted(self._seen),
            "invalid": [[m, p] for m, p in sorted(self._invalid.items())],
            "swaps": [to_jsonable(s) for s in self._swaps],
            "pending": [c.to_list() for _, _, c in sorted(self._pending) if not c.cancelled],
        }

    @classmethod
    def restore(cls, data: dict[str, Any]) -> VesselRegistry:
        if data.get("version") != 1:
            raise ValueError(f"unknown registry snapshot version {data.get('version')!r}")
        reg = cls(RegistryConfig(**data["config"]))
        reg.segmenter = Segmenter.restore(data["segmenter"])
        reg.identities = IdentityTracker.restore(data["identities"])
        reg._seen = set(data["seen"])
        reg._invalid = {m: p for m, p in data["invalid"]}
        reg._swaps = [PossibleSwap(**s) for s in data["swaps"]]
        for v in data["pending"]:
            reg._push(_Candidate(*v))
        return reg


def _swap_link(s: PossibleSwap) -> Link:
    return Link(
        LinkKind.POSSIBLE_SWAP,
        (s.old_mmsi, s.mmsi),
        f"{s.gap_s:.0f} s, {s.distance_m:.0f} m",
        f"MMSI {s.old_mmsi} stopped and {s.mmsi} started {s.gap_s:.0f} s later "
        f"{s.distance_m:.0f} m away",
    )


def dossier_flags(links: Iterable[Link], segments: Iterable[SegmentInfo]) -> list[str]:
    """Short codes for what stands out: the link kinds present, plus ``overlap`` (two
    transmitters at once) and ``impossible_jump`` (a segment opened by a jump)."""
    flags = {link.kind.value for link in links}
    for s in segments:
        if s.overlap:
            flags.add("overlap")
        if s.opened is OpenReason.JUMP:
            flags.add("impossible_jump")
    return sorted(flags)
