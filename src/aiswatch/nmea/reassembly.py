"""Multi-sentence reassembly: fragments in, complete :class:`RawMessage` out.

A group is keyed by (source, talker, VDM/VDO, channel, sequence id, tag-block group id).
The tag-block group id is part of the key rather than the whole key because some producers
reuse one id for every group (Kystverket writes ``g:1-2-9999`` throughout).

Rules:

* fragments may arrive in any order and interleaved with other groups and messages;
* the same fragment received twice is a duplicate: counted, reported, ignored;
* a *different* fragment for a slot already filled, or a fragment whose count differs from
  the open group's, means a new message started: the old group is dropped as incomplete;
* a group that stays open for more than ``max_age_lines`` lines fed (all sources together)
  or ``max_age_s`` seconds of receive time is dropped as incomplete;
* incomplete groups are never emitted.  The reason is ``"incomplete-group"`` when the first
  fragment arrived, ``"orphan-fragment"`` when it never did (a capture starting mid-message).
"""

from __future__ import annotations

from collections.abc import Callable

from .model import RawMessage, Stats
from .sentence import Fragment

__all__ = ["Reassembler", "ReportFn"]

#: ``report(source, line, reason, detail, text)``
ReportFn = Callable[[str, int, str, str, str], None]
GroupKey = tuple[str, str, bool, str, str, str]


class _Group:
    __slots__ = ("count", "have", "parts", "tick", "time")

    def __init__(self, count: int, tick: int) -> None:
        self.count = count
        self.have = 0
        self.parts: list[Fragment | None] = [None] * count
        self.tick = tick
        self.time: float | None = None


def build_message(parts: list[Fragment]) -> RawMessage:
    """The message made of ``parts`` (fragment order); metadata from the first that has it."""
    first = parts[0]
    if len(parts) == 1:
        return RawMessage(
            first.payload,
            first.fill,
            first.channel,
            first.talker,
            first.own,
            first.time,
            first.station,
            first.source,
            first.line,
            (first.sentence,),
            first.checksum_ok,
        )
    time: float | None = None
    station: str | None = None
    ok = True
    for p in parts:
        if time is None:
            time = p.time
        if station is None:
            station = p.station
        ok = ok and p.checksum_ok
    return RawMessage(
        "".join(p.payload for p in parts),
        parts[-1].fill,
        first.channel,
        first.talker,
        first.own,
        time,
        station,
        first.source,
        first.line,
        tuple(p.sentence for p in parts),
        ok,
    )


class Reassembler:
    """Open multi-sentence groups of one reader."""

    def __init__(self, *, max_age_lines: int, max_age_s: float, stats: Stats, report: ReportFn):
        self.max_age_lines = max_age_lines
        self.max_age_s = max_age_s
        self._stats = stats
        self._report = report
        # insertion order == creation order == tick order: the oldest group is first
        self.groups: dict[GroupKey, _Group] = {}

    def __len__(self) -> int:
        return len(self.groups)

    def add(self, frag: Fragment, tick: int) -> RawMessage | None:
        """Store ``frag`` (count > 1); return the message if it completes its group."""
        key: GroupKey = (frag.source, frag.talker, frag.own, frag.channel, frag.seq, frag.group)
        groups = self.groups
        group = groups.get(key)
        index = frag.number - 1
        if group is not None:
            if group.count != frag.count:
                self._drop(key, group, f"superseded by a {frag.count}-fragment group")
                group = None
            else:
                old = group.parts[index]
                if old is not None:
                    if old.sentence == frag.sentence:
                        self._stats.duplicates += 1
                        self._report(
                            frag.source,
                            frag.line,
                            "duplicate-fragment",
                            f"fragment {frag.number} of {frag.count} already received "
                            f"(line {old.line})",
                            frag.sentence,
                        )
                        return None
                    self._drop(key, group, f"fragment {frag.number} replaced by a new message")
                    group = None
        if group is None:
            group = _Group(frag.count, tick)
            groups[key] = group
        group.parts[index] = frag
        group.have += 1
        if group.time is None:
            group.time = frag.time
        if group.have < group.count:
            return None
        del groups[key]
        return build_message(group.parts)  # type: ignore[arg-type]  # all slots filled

    def expire(self, tick: int, now: float | None) -> None:
        """Drop groups older than the line or time limits (oldest first)."""
        groups = self.groups
        while groups:
            key, group = next(iter(groups.items()))
            age = tick - group.tick
            if age > self.max_age_lines:
                self._drop(key, group, f"expired after {age} lines")
            elif now is not None and group.time is not None and now - group.time > self.max_age_s:
                self._drop(key, group, f"expired after {now - group.time:.0f} s")
            else:
                return

    def may_expire_by(self, now: float) -> bool:
        """Whether an open group is older than the time limit at receive time `now`."""
        limit = self.max_age_s
        return any(g.time is not None and now - g.time > limit for g in self.groups.values())

    def flush(self) -> None:
        """End of input: every open group is incomplete."""
        for key, group in list(self.groups.items()):
            self._drop(key, group, "input ended")

    def _drop(self, key: GroupKey, group: _Group, why: str) -> None:
        del self.groups[key]
        self._stats.incomplete += 1
        present = [p for p in group.parts if p is not None]
        first = min(present, key=lambda p: p.line)
        have = ", ".join(str(p.number) for p in present)
        reason = "incomplete-group" if group.parts[0] is not None else "orphan-fragment"
        self._report(
            first.source,
            first.line,
            reason,
            f"{group.count}-fragment message left with fragment(s) {have} only: {why}",
            first.sentence,
        )
