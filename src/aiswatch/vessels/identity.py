"""Identity history per MMSI, updated report by report.

An identity is a distinct combination of name, call sign, IMO number, ship type, dimensions,
destination and flag (the flag from the MMSI's MID). Each message family carries part of it:

* type 5 (Class A static and voyage data): all of it;
* type 19 (Class B extended position): name, ship type, dimensions;
* type 24 (Class B static data) part A: the name; part B: call sign, ship type, dimensions;
* type 21 (aid to navigation): name, dimensions.

Fields a message does not carry keep the station's current values, so that a Class B
station's part A (name) and part B (call sign, type, dimensions) join into one identity:
the tracker keeps the last part A and the last part B of each MMSI and combines them. Until
an MMSI has any identity, a lone part waits for the other; if the same part comes again
first (some stations never send the other), it stands alone.

Each distinct identity keeps first and last seen, message count and first and last
position; each change of identity is an `IdentityChange` event with time and position.
Links between MMSIs (same IMO, same name), one MMSI reporting several names in the same
period or several IMO numbers, and IMO numbers failing their check digit are found as
identities appear and come out as `LinkFound` events once each; `links()` lists them all.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, Final

from aiswatch.ais.mmsi import imo_valid, mmsi_flag
from aiswatch.vessels.events import (
    IDENTITY_FIELDS,
    Event,
    FieldChange,
    IdentityChange,
    IdentityKey,
    Link,
    LinkFound,
    LinkKind,
)
from aiswatch.vessels.model import Dims, StaticReport

__all__ = ["Identity", "IdentityTracker", "NameSeen"]

_NO_EVENTS: Final[tuple[Event, ...]] = ()


@dataclass(slots=True)
class Identity:
    """One distinct identity of one MMSI and where and when it was used."""

    mmsi: int
    key: IdentityKey
    first_seen: float
    last_seen: float
    count: int = 1
    first_lat: float | None = None
    first_lon: float | None = None
    last_lat: float | None = None
    last_lon: float | None = None
    msg_types: set[int] = field(default_factory=set)

    def to_dict(self) -> dict[str, Any]:
        k = self.key
        return {
            "mmsi": self.mmsi,
            "name": k.name,
            "callsign": k.callsign,
            "imo": k.imo,
            "shiptype": k.shiptype,
            "dims": list(k.dims) if k.dims else None,
            "destination": k.destination,
            "flag": k.flag,
            "first_seen": self.first_seen,
            "last_seen": self.last_seen,
            "count": self.count,
            "first_lat": self.first_lat,
            "first_lon": self.first_lon,
            "last_lat": self.last_lat,
            "last_lon": self.last_lon,
            "msg_types": sorted(self.msg_types),
        }

    @staticmethod
    def from_dict(d: dict[str, Any]) -> Identity:
        key = IdentityKey.from_list(
            [
                d["name"],
                d["callsign"],
                d["imo"],
                d["shiptype"],
                d["dims"],
                d["destination"],
                d["flag"],
            ]
        )
        return Identity(
            mmsi=d["mmsi"],
            key=key,
            first_seen=d["first_seen"],
            last_seen=d["last_seen"],
            count=d["count"],
            first_lat=d["first_lat"],
            first_lon=d["first_lon"],
            last_lat=d["last_lat"],
            last_lon=d["last_lon"],
            msg_types=set(d["msg_types"]),
        )


@dataclass(slots=True)
class NameSeen:
    first: float
    last: float
    count: int = 1


@dataclass(slots=True)
class _State:
    mmsi: int
    flag: str | None
    current: Identity | None = None
    identities: dict[IdentityKey, Identity] = field(default_factory=dict)
    part_a: str | None = None  # last type 24 part A name
    has_a: bool = False
    part_b: tuple[str | None, int | None, Dims | None] | None = None  # callsign, type, dims
    names: dict[str, NameSeen] = field(default_factory=dict)
    imos: list[int] = field(default_factory=list)
    name_pairs: set[tuple[str, str]] = field(default_factory=set)
    changes: list[IdentityChange] = field(default_factory=list)
    n_changes: int = 0
    draught: float | None = None
    eta: tuple[int | None, int | None, int | None, int | None] | None = None
    last_static: float | None = None


class IdentityTracker:
    """Incremental identity history of every MMSI seen in static reports.

    ``multi_name_window_s``: a name that comes back within this time of its last use, after
    another name was reported, makes the two a MULTI_NAME link (several names in the same
    period); a single change of name does not. ``max_changes``: change events kept per MMSI
    for the dossier (the count goes on)."""

    def __init__(self, *, multi_name_window_s: float = 72 * 3600.0, max_changes: int = 500):
        self.multi_name_window_s = multi_name_window_s
        self.max_changes = max_changes
        self._states: dict[int, _State] = {}
        self._by_imo: dict[int, set[int]] = {}
        self._by_name: dict[str, set[int]] = {}

    # -- queries ---------------------------------------------------------------------
    def __contains__(self, mmsi: int) -> bool:
        return mmsi in self._states

    def mmsis(self) -> list[int]:
        return sorted(self._states)

    def current(self, mmsi: int) -> Identity | None:
        st = self._states.get(mmsi)
        return st.current if st else None

    def identities(self, mmsi: int) -> list[Identity]:
        """The MMSI's identities, by first seen."""
        st = self._states.get(mmsi)
        return sorted(st.identities.values(), key=lambda i: i.first_seen) if st else []

    def changes(self, mmsi: int) -> list[IdentityChange]:
        """The MMSI's identity changes (the last ``max_changes``), oldest first."""
        st = self._states.get(mmsi)
        return list(st.changes) if st else []

    def change_count(self, mmsi: int) -> int:
        st = self._states.get(mmsi)
        return st.n_changes if st else 0

    def names(self, mmsi: int) -> dict[str, NameSeen]:
        st = self._states.get(mmsi)
        return dict(st.names) if st else {}

    def voyage(self, mmsi: int) -> dict[str, Any]:
        """Last draught and ETA (month, day, hour, minute) reported in type 5."""
        st = self._states.get(mmsi)
        if st is None:
            return {}
        return {"draught": st.draught, "eta": list(st.eta) if st.eta else None}

    def pending_parts(self, mmsi: int) -> dict[str, Any]:
        """Last type 24 part A name and part B data of the MMSI."""
        st = self._states.get(mmsi)
        if st is None:
            return {}
        b = st.part_b
        return {
            "part_a": {"name": st.part_a} if st.has_a else None,
            "part_b": (
                {"callsign": b[0], "shiptype": b[1], "dims": list(b[2]) if b[2] else None}
                if b
                else None
            ),
        }

    def mmsis_with_imo(self, imo: int) -> set[int]:
        return set(self._by_imo.get(imo, ()))

    def mmsis_with_name(self, name: str) -> set[int]:
        return set(self._by_name.get(_name_key(name), ()))

    def links(self, mmsi: int | None = None) -> list[Link]:
        """Every link found so far (or those involving ``mmsi``)."""
        out: list[Link] = []
        imos: Iterable[int]
        names: Iterable[str]
        if mmsi is None:
            imos, names, states = self._by_imo, self._by_name, list(self._states.values())
        else:
            st = self._states.get(mmsi)
            states = [st] if st else []
            imos = st.imos if st else []
            names = [_name_key(n) for n in st.names] if st else []
        for imo in sorted(set(imos)):
            ms = self._by_imo.get(imo, set())
            if len(ms) > 1:
                out.append(_same_imo(imo, ms))
        for name in sorted(set(names)):
            ms = self._by_name.get(name, set())
            if len(ms) > 1:
                out.append(_same_name(name, ms))
        for st in states:
            out.extend(_state_links(st))
        return out

    # -- update ----------------------------------------------------------------------
    def update(
        self, r: StaticReport, lat: float | None = None, lon: float | None = None
    ) -> Sequence[Event]:
        """Take one static report; ``lat``/``lon`` stand for its position where the report
        has none (the registry passes the station's last position)."""
        st = self._states.get(r.mmsi)
        if st is None:
            st = self._states[r.mmsi] = _State(r.mmsi, mmsi_flag(r.mmsi)[0])
        st.last_static = r.time if st.last_static is None else max(st.last_static, r.time)
        if r.msg_type == 5:
            st.draught, st.eta = r.draught, r.eta
        key = self._observe(st, r)
        if key is None:
            return _NO_EVENTS
        if r.lat is not None:
            lat, lon = r.lat, r.lon
        t = r.time
        cur = st.current
        if cur is not None and cur.key == key:
            _seen(cur, t, lat, lon, r.msg_type)
            if key.name is not None:
                ns = st.names[key.name]
                ns.last = max(ns.last, t)
                ns.count += 1
            return _NO_EVENTS
        return self._transition(st, key, r, lat, lon)

    def _observe(self, st: _State, r: StaticReport) -> IdentityKey | None:
        cur = st.current.key if st.current else None
        t = r.msg_type
        if t == 5:
            return IdentityKey(
                r.name, r.callsign, r.imo, r.shiptype, r.dims, r.destination, st.flag
            )
        if t == 24:
            if r.part == "A":
                first = not st.has_a
                st.part_a, st.has_a = r.name, True
                if st.part_b is None and cur is None and first:
                    return None  # wait for part B
            else:
                first = st.part_b is None
                st.part_b = (r.callsign, r.shiptype, r.dims)
                if not st.has_a and cur is None and first:
                    return None  # wait for part A
            name = st.part_a if st.has_a else (cur.name if cur else None)
            if st.part_b is not None:
                cs, stype, dims = st.part_b
            elif cur is not None:
                cs, stype, dims = cur.callsign, cur.shiptype, cur.dims
            else:
                cs = stype = dims = None
            return IdentityKey(
                name,
                cs,
                cur.imo if cur else None,
                stype,
                dims,
                cur.destination if cur else None,
                st.flag,
            )
        if t == 19:
            return IdentityKey(
                r.name,
                cur.callsign if cur else None,
                cur.imo if cur else None,
                r.shiptype,
                r.dims,
                cur.destination if cur else None,
                st.flag,
            )
        # type 21 and anything else: name and dimensions
        return IdentityKey(
            r.name,
            cur.callsign if cur else None,
            cur.imo if cur else None,
            cur.shiptype if cur else None,
            r.dims,
            cur.destination if cur else None,
            st.flag,
        )

    def _transition(
        self, st: _State, key: IdentityKey, r: StaticReport, lat: float | None, lon: float | None
    ) -> list[Event]:
        t, mmsi = r.time, st.mmsi
        ident = st.identities.get(key)
        seen_before = ident is not None
        if ident is None:
            ident = st.identities[key] = Identity(
                mmsi, key, t, t, 1, lat, lon, lat, lon, {r.msg_type}
            )
        else:
            _seen(ident, t, lat, lon, r.msg_type)
        old = st.current.key if st.current else None
        changes = (
            tuple(
                FieldChange(f, o, n)
                for f, o, n in zip(IDENTITY_FIELDS, old, key, strict=True)
                if o != n
            )
            if old is not None
            else ()
        )
        change = IdentityChange(t, mmsi, lat, lon, old, key, changes, seen_before)
        st.current = ident
        st.n_changes += 1
        st.changes.append(change)
        if len(st.changes) > self.max_changes:
            del st.changes[: len(st.changes) - self.max_changes]
        events: list[Event] = [change]

        def found(link: Link) -> None:
            events.append(LinkFound(t, mmsi, lat, lon, link))

        if key.name is not None:
            ns = st.names.get(key.name)
            if ns is None:
                st.names[key.name] = NameSeen(t, t)
                nk = _name_key(key.name)
                ms = self._by_name.setdefault(nk, set())
                if mmsi not in ms:
                    ms.add(mmsi)
                    if len(ms) > 1:
                        found(_same_name(nk, ms))
            else:
                returned = old is not None and old.name != key.name
                if returned and t - ns.last <= self.multi_name_window_s:
                    for other, os_ in st.names.items():
                        if other == key.name or os_.last < ns.last:
                            continue
                        pair = (min(other, key.name), max(other, key.name))
                        if pair not in st.name_pairs:
                            st.name_pairs.add(pair)
                            found(_multi_name(mmsi, pair))
                ns.last = max(ns.last, t)
                ns.count += 1
        if key.imo is not None and key.imo not in st.imos:
            st.imos.append(key.imo)
            if len(st.imos) > 1:
                found(_multi_imo(mmsi, st.imos))
            if not imo_valid(key.imo):
                found(_bad_imo(mmsi, key.imo))
            ms = self._by_imo.setdefault(key.imo, set())
            ms.add(mmsi)
            if len(ms) > 1:
                found(_same_imo(key.imo, ms))
        return events

    # -- state -----------------------------------------------------------------------
    def snapshot(self) -> dict[str, Any]:
        """Plain JSON data from which `restore` rebuilds this tracker."""
        from aiswatch.vessels.events import to_jsonable

        states = []
        for st in self._states.values():
            b = st.part_b
            states.append(
                {
                    "mmsi": st.mmsi,
                    "flag": st.flag,
                    "current": list(st.identities).index(st.current.key) if st.current else None,
                    "identities": [i.to_dict() for i in st.identities.values()],
                    "part_a": st.part_a,
                    "has_a": st.has_a,
                    "part_b": [b[0], b[1], list(b[2]) if b[2] else None] if b else None,
                    "names": [[n, s.first, s.last, s.count] for n, s in st.names.items()],
                    "imos": st.imos,
                    "name_pairs": [list(p) for p in sorted(st.name_pairs)],
                    "changes": [to_jsonable(c) for c in st.changes],
                    "n_changes": st.n_changes,
                    "draught": st.draught,
                    "eta": list(st.eta) if st.eta else None,
                    "last_static": st.last_static,
                }
            )
        return {
            "multi_name_window_s": self.multi_name_window_s,
            "max_changes": self.max_changes,
            "states": states,
        }

    @classmethod
    def restore(cls, data: dict[str, Any]) -> IdentityTracker:
        tr = cls(multi_name_window_s=data["multi_name_window_s"], max_changes=data["max_changes"])
        for d in data["states"]:
            st = _State(d["mmsi"], d["flag"])
            for i in d["identities"]:
                ident = Identity.from_dict(i)
                st.identities[ident.key] = ident
            if d["current"] is not None:
                st.current = list(st.identities.values())[d["current"]]
            st.part_a, st.has_a = d["part_a"], d["has_a"]
            b = d["part_b"]
            st.part_b = (b[0], b[1], tuple(b[2]) if b[2] else None) if b else None
            st.names = {n: NameSeen(f, la, c) for n, f, la, c in d["names"]}
            st.imos = list(d["imos"])
            st.name_pairs = {(p[0], p[1]) for p in d["name_pairs"]}
            st.changes = [_change_from_dict(c) for c in d["changes"]]
            st.n_changes = d["n_changes"]
            st.draught = d["draught"]
            st.eta = tuple(d["eta"]) if d["eta"] else None
            st.last_static = d["last_static"]
            tr._states[st.mmsi] = st
            for imo in st.imos:
                tr._by_imo.setdefault(imo, set()).add(st.mmsi)
            for n in st.names:
                tr._by_name.setdefault(_name_key(n), set()).add(st.mmsi)
        return tr


# -- helpers ------------------------------------------------------------------------------


def _seen(ident: Identity, t: float, lat: float | None, lon: float | None, msg_type: int) -> None:
    ident.count += 1
    if t >= ident.last_seen:
        ident.last_seen = t
        if lat is not None:
            ident.last_lat, ident.last_lon = lat, lon
    if t < ident.first_seen:
        ident.first_seen = t
    if ident.first_lat is None and lat is not None:
        ident.first_lat, ident.first_lon = lat, lon
    ident.msg_types.add(msg_type)


def _name_key(name: str) -> str:
    """Names compared across MMSIs: upper case, single spaces."""
    return " ".join(name.upper().split())


def _same_imo(imo: int, ms: set[int]) -> Link:
    return Link(LinkKind.SAME_IMO, tuple(sorted(ms)), imo, f"IMO {imo} on {len(ms)} MMSIs")


def _same_name(name: str, ms: set[int]) -> Link:
    return Link(LinkKind.SAME_NAME, tuple(sorted(ms)), name, f"name {name!r} on {len(ms)} MMSIs")


def _multi_name(mmsi: int, pair: tuple[str, str]) -> Link:
    return Link(
        LinkKind.MULTI_NAME,
        (mmsi,),
        " / ".join(pair),
        f"names {pair[0]!r} and {pair[1]!r} alternate on one MMSI",
    )


def _multi_imo(mmsi: int, imos: list[int]) -> Link:
    return Link(
        LinkKind.MULTI_IMO,
        (mmsi,),
        " / ".join(str(i) for i in imos),
        f"{len(imos)} IMO numbers on one MMSI",
    )


def _bad_imo(mmsi: int, imo: int) -> Link:
    return Link(LinkKind.BAD_IMO, (mmsi,), imo, f"IMO {imo} fails its check digit")


def _state_links(st: _State) -> list[Link]:
    out = [_multi_name(st.mmsi, p) for p in sorted(st.name_pairs)]
    if len(st.imos) > 1:
        out.append(_multi_imo(st.mmsi, st.imos))
    out.extend(_bad_imo(st.mmsi, i) for i in st.imos if not imo_valid(i))
    return out


def _change_from_dict(d: dict[str, Any]) -> IdentityChange:
    def key(v: Any) -> IdentityKey | None:
        if v is None:
            return None
        return IdentityKey.from_list([v[f] for f in IDENTITY_FIELDS])

    new = key(d["new"])
    assert new is not None
    changes = tuple(FieldChange(c["field"], _tup(c["old"]), _tup(c["new"])) for c in d["changes"])
    return IdentityChange(
        d["time"], d["mmsi"], d["lat"], d["lon"], key(d["old"]), new, changes, d["seen_before"]
    )


def _tup(v: Any) -> Any:
    return tuple(v) if isinstance(v, list) else v
