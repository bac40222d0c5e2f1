"""Alerts: what the watch tells a duty officer, and the book that keeps them.

Detectors do not create alerts; they emit `Signal`s ("this situation holds at this time,
here is the evidence and a sentence for it"). The `AlertBook` turns signals into alerts
keyed by (kind, MMSIs, zone): the first signal opens an alert, later ones update it (end
time, location, severity, summary, evidence), a signal with ``close`` closes it, and an alert
without signals for ``quiet_close_s`` closes by itself. A closed alert whose situation comes
back within ``merge_gap_s`` reopens rather than doubling up, so one situation is one alert.

Alert ids are derived from kind, vessels, zone and start time, so replaying the same input
gives the same ids (the store upserts on them).
"""

from __future__ import annotations

import hashlib
from collections import deque
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, NamedTuple

from aiswatch.watch.rules import AlertRules, severity_rank

__all__ = [
    "Alert",
    "AlertBook",
    "Evidence",
    "Signal",
    "VesselRef",
    "country_name",
    "iso",
]


def iso(t: float) -> str:
    """ISO 8601 UTC to the second, with a Z."""
    return datetime.fromtimestamp(round(t), tz=UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def country_name(mmsi: int) -> str | None:
    """A short country name for the MMSI's MID: ``Cameroon`` for "Cameroon (Republic of)",
    ``Hong Kong`` for "China (People's Republic of) - Hong Kong (...)"."""
    from aiswatch.ais.mmsi import mmsi_flag

    text = mmsi_flag(mmsi)[1]
    if not text:
        return None
    if " - " in text:
        text = text.split(" - ")[-1]
    return text.split(" (")[0].strip() or None


class Evidence(NamedTuple):
    """One position behind an alert."""

    time: float
    mmsi: int
    lat: float
    lon: float
    sog: float | None = None
    cog: float | None = None
    status: int | None = None
    note: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "time": iso(self.time),
            "mmsi": self.mmsi,
            "lat": round(self.lat, 6),
            "lon": round(self.lon, 6),
            "sog": self.sog,
            "cog": self.cog,
            "status": self.status,
            "note": self.note,
        }


@dataclass(frozen=True, slots=True)
class VesselRef:
    """A vessel as it identified itself when the alert was raised."""

    mmsi: int
    name: str | None = None
    callsign: str | None = None
    imo: int | None = None
    flag: str | None = None
    shiptype: int | None = None

    def label(self) -> str:
        """``HONG TAI 58 (MMSI 671000058, Togo)``-style words; country names come from the
        MMSI's MID where known."""
        country = country_name(self.mmsi)
        extra = f", {country}" if country else (f", {self.flag}" if self.flag else "")
        return f"{self.name or 'unnamed vessel'} (MMSI {self.mmsi}{extra})"

    def to_dict(self) -> dict[str, Any]:
        return {
            "mmsi": self.mmsi,
            "name": self.name,
            "callsign": self.callsign,
            "imo": self.imo,
            "flag": self.flag,
            "shiptype": self.shiptype,
        }


@dataclass(slots=True)
class Signal:
    """A detector's observation that a situation holds (or ended, with ``close``) at
    ``time``. ``start`` (default ``time``) is when the situation began; ``severity`` None
    takes the kind's severity from the rules."""

    kind: str
    mmsi: tuple[int, ...]
    time: float
    lat: float
    lon: float
    summary: str
    zone: str | None = None
    start: float | None = None
    severity: str | None = None
    evidence: Sequence[Evidence] = ()
    details: Mapping[str, Any] | None = None
    close: bool = False


@dataclass(slots=True)
class Alert:
    id: str
    kind: str
    severity: str
    mmsi: tuple[int, ...]
    vessels: list[VesselRef]
    start: float
    end: float
    lat: float
    lon: float
    zone: str | None
    summary: str
    details: dict[str, Any] = field(default_factory=dict)
    status: str = "open"
    updated: float = 0.0
    updates: int = 1
    head: list[Evidence] = field(default_factory=list)
    tail: deque[Evidence] = field(default_factory=deque)

    @property
    def evidence(self) -> list[Evidence]:
        seen = {e.time for e in self.head}
        return self.head + [e for e in self.tail if e.time not in seen]

    @property
    def names(self) -> list[str]:
        return [v.name or "" for v in self.vessels]

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON data: ``mmsi`` is a number for one vessel, a list for several."""
        return {
            "id": self.id,
            "kind": self.kind,
            "severity": self.severity,
            "status": self.status,
            "mmsi": self.mmsi[0] if len(self.mmsi) == 1 else list(self.mmsi),
            "names": self.names,
            "start": iso(self.start),
            "end": iso(self.end),
            "lat": round(self.lat, 6),
            "lon": round(self.lon, 6),
            "zone": self.zone,
            "summary": self.summary,
            "vessels": [v.to_dict() for v in self.vessels],
            "evidence": [e.to_dict() for e in self.evidence],
            "details": self.details,
            "updates": self.updates,
            "updated": iso(self.updated),
        }


Key = tuple[str, tuple[int, ...], str | None]


def alert_id(kind: str, mmsi: Iterable[int], zone: str | None, start: float) -> str:
    text = f"{kind}|{','.join(str(m) for m in mmsi)}|{zone or ''}|{round(start)}"
    return hashlib.sha1(text.encode()).hexdigest()[:16]


class AlertBook:
    """Open and closed alerts; ``identify(mmsi)`` gives a vessel's identity now;
    ``listeners`` are called with (alert, "opened" | "updated" | "closed")."""

    def __init__(
        self,
        rules: AlertRules | None = None,
        severity: Callable[[str], str] | None = None,
        identify: Callable[[int], VesselRef] | None = None,
    ) -> None:
        self.rules = rules or AlertRules()
        self._severity = severity or (lambda kind: "medium")
        self._identify = identify or (lambda m: VesselRef(m))
        self._open: dict[Key, Alert] = {}
        self._closed_last: dict[Key, Alert] = {}
        self._all: list[Alert] = []
        self._by_mmsi: dict[int, list[Alert]] = {}
        self.listeners: list[Callable[[Alert, str], None]] = []

    # -- queries -----------------------------------------------------------------------
    def alerts(self) -> list[Alert]:
        """Every alert, by start time."""
        return sorted(self._all, key=lambda a: (a.start, a.kind, a.mmsi))

    def open_alerts(self) -> list[Alert]:
        return list(self._open.values())

    def get(self, kind: str, mmsi: Sequence[int], zone: str | None = None) -> Alert | None:
        """The open alert for this key, if any."""
        return self._open.get((kind, tuple(mmsi), zone))

    def involving(self, kind: str, mmsi: int) -> list[Alert]:
        """Alerts (open or closed) of ``kind`` involving ``mmsi``."""
        return [a for a in self._by_mmsi.get(mmsi, ()) if a.kind == kind]

    def has_open(self, kind: str, mmsi: int) -> bool:
        """An open alert of ``kind`` involving ``mmsi`` (any zone)."""
        return any(a.kind == kind and a.status == "open" for a in self._by_mmsi.get(mmsi, ()))

    def suspect(self, mmsi: int, now: float) -> bool:
        """Whether ``mmsi`` had an alert of ``suspect_severity`` or more within the suspect
        window before ``now``."""
        rank = severity_rank(self.rules.suspect_severity)
        since = now - self.rules.suspect_window_s
        return any(
            severity_rank(a.severity) >= rank and a.end >= since
            for a in self._by_mmsi.get(mmsi, ())
        )

    # -- changes -----------------------------------------------------------------------
    def apply(self, sig: Signal) -> Alert:
        key: Key = (sig.kind, sig.mmsi, sig.zone)
        a = self._open.get(key)
        sev = sig.severity or self._severity(sig.kind)
        if a is None:
            last = self._closed_last.get(key)
            if last is not None and sig.time - last.end <= self.rules.merge_gap_s:
                a = last
                a.status = "open"
                self._open[key] = a
                del self._closed_last[key]
                self._update(a, sig, sev)
            else:
                a = self._new(sig, sev)
                self._emit(a, "opened")
        else:
            self._update(a, sig, sev)
        if sig.close:
            self._close(key, a, sig.time)
        return a

    def tick(self, now: float) -> list[Alert]:
        """Close alerts quiet for ``quiet_close_s``; returns them."""
        quiet = self.rules.quiet_close_s
        done = [(k, a) for k, a in self._open.items() if now - a.updated >= quiet]
        for k, a in done:
            self._close(k, a, a.end)
        return [a for _, a in done]

    def close_matching(self, kind: str, mmsi: int, time: float) -> None:
        """Close every open alert of ``kind`` involving ``mmsi`` (a situation that ended)."""
        for k, a in list(self._open.items()):
            if a.kind == kind and mmsi in a.mmsi:
                a.end = max(a.end, time)
                self._close(k, a, a.end)

    # -- internals ---------------------------------------------------------------------
    def _new(self, sig: Signal, sev: str) -> Alert:
        start = sig.start if sig.start is not None else sig.time
        ev = list(sig.evidence)
        nf = self.rules.evidence_first
        a = Alert(
            id=alert_id(sig.kind, sig.mmsi, sig.zone, start),
            kind=sig.kind,
            severity=sev,
            mmsi=sig.mmsi,
            vessels=[self._identify(m) for m in sig.mmsi],
            start=start,
            end=max(sig.time, start),
            lat=sig.lat,
            lon=sig.lon,
            zone=sig.zone,
            summary=sig.summary,
            details=dict(sig.details or {}),
            updated=sig.time,
            head=ev[:nf],
            tail=deque(ev[nf:], maxlen=max(self.rules.evidence_last, 1)),
        )
        key: Key = (sig.kind, sig.mmsi, sig.zone)
        self._open[key] = a
        self._all.append(a)
        for m in sig.mmsi:
            self._by_mmsi.setdefault(m, []).append(a)
        return a

    def _update(self, a: Alert, sig: Signal, sev: str) -> None:
        if sig.start is not None and sig.start < a.start:
            a.start = sig.start
        a.end = max(a.end, sig.time)
        a.lat, a.lon = sig.lat, sig.lon
        if sig.summary:
            a.summary = sig.summary
        if severity_rank(sev) > severity_rank(a.severity):
            a.severity = sev
        if sig.details:
            a.details.update(sig.details)
        for i, v in enumerate(a.vessels):
            if v.name is None:
                a.vessels[i] = self._identify(v.mmsi)
        nf = self.rules.evidence_first
        for e in sig.evidence:
            if len(a.head) < nf:
                if not a.head or e.time > a.head[-1].time:
                    a.head.append(e)
            elif not a.tail or e.time > a.tail[-1].time:
                a.tail.append(e)
        a.updated = max(a.updated, sig.time)
        a.updates += 1
        self._emit(a, "updated")

    def _close(self, key: Key, a: Alert, time: float) -> None:
        a.status = "closed"
        a.end = max(a.end, time)
        self._open.pop(key, None)
        self._closed_last[key] = a
        self._emit(a, "closed")

    def _emit(self, a: Alert, what: str) -> None:
        for fn in self.listeners:
            fn(a, what)
