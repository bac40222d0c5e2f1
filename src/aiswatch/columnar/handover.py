"""What the scalar reader must see of a framed buffer, and what it need not.

The fast path frames most lines itself; the reader reads the rest (`Framed.slow`) with the
state it keeps between lines: open multi-part groups and the metadata waiting for the next
sentence. `hand_over_conflicts` gives it the framed messages that could meet a group it
holds. `settle_lone_fragments` does the opposite for first fragments the next line did not
complete: where nothing the reader reads could meet, supersede or outlive one, the reader
would drop it as incomplete after its group age limit in lines, and nothing else; such a
fragment is counted and reported here, as the reader would, instead of being read there.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from aiswatch.columnar.frame import U8, Framed

#: A multi-part fragment's count, sequence id and channel (within a line).
_FRAGMENT = re.compile(rb"VD[MO],([2-9]),[1-9],([0-9]?),([^,\n]*),")
#: Any multi-part fragment: a line with one may open a group in the reader.
_ANY_FRAGMENT = re.compile(rb"VD[MO],[2-9]")

I64 = NDArray[np.int64]


def group_key(seq: bytes, channel: bytes) -> int:
    """Sequence id and channel of a fragment as one number (byte values, 0 where empty):
    part of the reader's reassembly key. A channel of more than one character, which no
    fast message has, gets a key of its own (-1)."""
    if len(channel) > 1:
        return -1
    return (seq[0] if seq else 0) * 256 + (channel[0] if channel else 0)


def hand_over(buf: U8, fr: Framed, open_keys: set[int], window: int,
              max_age_s: float) -> Framed:  # fmt: skip
    """What the reader reads of framed buffer `fr`, given the groups it holds (their keys,
    `open_keys`) and its group age limits (`window` lines, `max_age_s` seconds): the framed
    messages handed over to it (`hand_over_conflicts`), the lone first fragments settled
    here (`settle_lone_fragments`), and the framed fragments' receive times it ages its
    groups by (`Framed.fragment_at`, `fragment_time`). The lines it reads are scanned
    once for the fragments they hold."""
    multi = _Multi.of(fr)
    op_lines, op_keys, blocking = _slow_fragments(buf, fr)
    fr = hand_over_conflicts(fr, multi, op_lines, op_keys, open_keys, window)
    if fr.dropped.size:  # what was handed over is the reader's too
        multi = multi.without(fr.dropped)
        handed = _Multi.of(fr, fr.dropped)
        lines = np.concatenate((handed.first, handed.first[handed.on_next] + 1))
        op_lines = np.concatenate((op_lines, lines))
        op_keys = np.concatenate((op_keys, handed.keys, handed.keys[handed.on_next]))
        blocking = np.concatenate((blocking, lines))
    at, when = multi.times(fr)
    fr = dataclasses.replace(fr, fragment_at=at, fragment_time=when)
    return settle_lone_fragments(fr, multi, op_lines, op_keys, blocking, open_keys, window,
                                 max_age_s)  # fmt: skip


@dataclass(frozen=True)
class _Multi:
    """Framed multi-part messages: their rows, keys (`group_key`), first lines, and whether
    the second fragment stands on the next line."""

    rows: NDArray[np.int64]
    keys: NDArray[np.int64]
    first: NDArray[np.int64]
    on_next: NDArray[np.bool_]

    @staticmethod
    def of(fr: Framed, rows: NDArray[np.int64] | None = None) -> _Multi:
        if rows is None:
            rows = np.flatnonzero(fr.seg2 >= 0)
        first = fr.msg_line[rows].astype(np.int64)
        return _Multi(rows, fr.seq[rows].astype(np.int64) * 256 + fr.channel[rows], first,
                      fr.seg2[rows] > fr.line_end[first])  # fmt: skip

    def without(self, rows: NDArray[np.int64]) -> _Multi:
        keep = ~np.isin(self.rows, rows, assume_unique=True)
        return _Multi(self.rows[keep], self.keys[keep], self.first[keep], self.on_next[keep])

    def times(self, fr: Framed) -> tuple[NDArray[np.int64], NDArray[np.float64]]:
        """Lines and receive times of their fragments that have one, in line order."""
        lines = np.concatenate((self.first, self.first[self.on_next] + 1))
        times = np.concatenate((fr.time1[self.rows], fr.time2[self.rows][self.on_next]))
        keep = ~np.isnan(times)
        lines, times = lines[keep], times[keep]
        order = np.argsort(lines, kind="stable")
        return lines[order], times[order]


def _slow_fragments(buf: U8, fr: Framed) -> tuple[I64, I64, I64]:
    """The fragments on the lines the reader reads (glued ones too): their lines and
    `group_key`s; and those lines that hold any multi-part fragment (of any sequence id),
    lone first fragments (`Framed.lone`) apart. The lines are searched together, joined by
    newlines in one string (a search per line costs more than the search)."""
    slow = fr.slow
    if not slow.size:
        return np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros(0, np.int64)
    view = buf.data
    text = b"\n".join([view[a:b] for a, b in zip(fr.line_start[slow].tolist(),
                                                  fr.line_end[slow].tolist(), strict=True)])  # fmt: skip
    starts = np.zeros(slow.size, np.int64)  # where each line starts in `text`
    np.cumsum((fr.line_end[slow] - fr.line_start[slow] + 1)[:-1], out=starts[1:], dtype=np.int64)

    def lines_of(found: list[int]) -> I64:
        return slow[np.searchsorted(starts, np.array(found, np.int64), "right") - 1]

    found = [(m.start(), group_key(m.group(2), m.group(3))) for m in _FRAGMENT.finditer(text)]
    op_lines = lines_of([p for p, _ in found])
    op_keys = np.array([k for _, k in found], np.int64)
    blocking = _distinct(lines_of([m.start() for m in _ANY_FRAGMENT.finditer(text)]))
    return op_lines, op_keys, blocking[~np.isin(blocking, fr.lone.line, assume_unique=True)]


def hand_over_conflicts(fr: Framed, multi: _Multi, op_lines: I64, op_keys: I64,
                        open_keys: set[int], window: int) -> Framed:  # fmt: skip
    """Give the reader the multi-part messages it might assemble differently: those whose
    sequence id and channel (`group_key`) match a fragment it holds (from an earlier
    buffer, `open_keys`) or one on a slow line at most `window` lines before (the reader's
    group age limit in lines; `op_lines`, `op_keys`), and then, in turn, those that match
    a message handed over (its fragments reach the same groups). The reader then sees the
    fragments in order, with the $PGHP lines that dated them, and reports duplicates,
    replacements and incomplete groups as it would alone. The messages handed over are
    listed in `dropped` (they keep their place in the arrays) and their lines join
    `slow`."""
    held_keys = np.fromiter(open_keys, np.int64, len(open_keys))
    lines = np.concatenate((np.full(held_keys.size, -1, np.int64), op_lines))
    keys = np.concatenate((held_keys, op_keys))
    if not multi.rows.size or not keys.size:
        return fr
    # The last opener before each message, of its key: openers as key << 32 | line + 1
    # (a group held from an earlier buffer: line -1), sorted, searched by the messages'.
    at_all, on_next_all = multi.first, multi.on_next
    wanted = _keyed(multi.keys, at_all + 1)
    bad = np.zeros(multi.rows.size, dtype=bool)
    held = np.zeros(0, np.int64)
    while keys.size:
        held = np.sort(np.concatenate((held, _keyed(keys, lines + 1))))
        if not held.size:
            break
        j = np.searchsorted(held, wanted) - 1
        last = held[np.maximum(j, 0)]
        last_line = (last & 0xFFFFFFFF) - 1
        found = (j >= 0) & (last >> 32 == multi.keys) & (at_all - last_line <= window)
        found &= ~bad
        bad |= found
        new = np.flatnonzero(found)
        lines, keys = at_all[new] + on_next_all[new], multi.keys[new]
    if not bad.any():
        return fr
    rows = multi.rows[bad]
    first = at_all[bad]
    on_next = on_next_all[bad]
    meta = np.concatenate((fr.meta1[rows], fr.meta2[rows]))
    meta = meta[meta >= 0]
    back = np.concatenate((first, first[on_next] + 1, meta))
    return dataclasses.replace(
        fr,
        dropped=rows,
        slow=_distinct(np.concatenate((fr.slow, back))),
        fast_lines=fr.fast_lines - first.size - int(on_next.sum()),
        glued=fr.glued - int((~on_next).sum()),
        metadata=fr.metadata - meta.size,
    )


def settle_lone_fragments(fr: Framed, multi: _Multi, op_lines: I64, op_keys: I64,
                          blocking: I64, open_keys: set[int], window: int,
                          max_age_s: float) -> Framed:  # fmt: skip
    """Take from the reader the lone first fragments (`Framed.lone`) whose fate is certain:
    the reader would hold each for `window` lines (its group age limit) and drop it as an
    incomplete group "expired after window + 1 lines", and it would change nothing else.
    That holds where, within its window of lines after it, (1) the buffer goes on past the
    window (else the group reaches the next buffer or the input's end), (2) no line the
    reader reads holds a multi-part fragment (`blocking`: a younger group, whose expiry by
    time an older one can delay), save other lone fragments settled here, (3) no framed
    multi-part message (`multi`, those not handed over) has its sequence id and channel
    (the reader would be handed it and replace the group), and (4) no fragment's receive
    time is more than `max_age_s` after its own (an expiry by time); where (5) no group the
    reader holds (`open_keys`), nor a fragment on a line it reads within `window` lines
    before (`op_lines`, `op_keys`), has its sequence id and channel (the fragment would
    replace that group); and where it has a time, (6) the reader holds no group when it
    comes (it would expire them by that time). Those taken (`Framed.expired`), with the
    $PGHP lines that dated them, leave `slow` and count as framed lines."""
    lone = fr.lone
    if not lone.line.size:
        return fr
    line = lone.line.astype(np.int64)
    ok = line + window + 1 < fr.line_start.size  # (1)
    when = ~np.isnan(lone.time)
    if open_keys:
        ok &= np.fromiter((k not in open_keys for k in lone.key.tolist()), bool,
                          lone.key.size)  # (5), held groups  # fmt: skip
        ok &= ~(when & (line <= window))  # (6)
    keyed = _keyed(lone.key.astype(np.int64), line)  # each lone fragment's, in order
    if multi.rows.size:  # (3)
        framed = np.sort(_keyed(multi.keys, multi.first))
        ok &= _count(framed, keyed + 1, keyed + window + 1) == 0
    if op_keys.size:  # (5), lines read (lone ones among them)
        held = np.sort(_keyed(op_keys, op_lines))
        ok &= _count(held, keyed - window - 1, keyed) == 0
    if when.any():  # (4): the framed fragments' times, and the lone ones' (the reader's)
        at = np.concatenate((fr.fragment_at, line[when]))
        times = np.concatenate((fr.fragment_time, lone.time[when]))
        order = np.argsort(at, kind="stable")
        at, times = at[order], times[order]
        a = np.searchsorted(at, line, "right")
        b = np.searchsorted(at, line + window, "right")
        some = when & (a < b)
        if some.any():
            bounds = np.empty(2 * int(some.sum()), np.int64)
            bounds[0::2], bounds[1::2] = a[some], b[some]
            latest = np.maximum.reduceat(np.append(times, -np.inf), bounds)[0::2]
            late = np.zeros_like(ok)
            late[some] = latest - lone.time[some] > max_age_s
            ok &= ~late
    # (2), (6): the lines the reader reads with a fragment, and the lone fragments it keeps,
    # until no more are kept.
    while ok.any():
        kept = line[~ok]
        block = np.sort(np.concatenate((blocking, kept)))
        newly = ok & (_count(block, line + 1, line + window + 1) > 0)
        newly |= ok & when & (_count(block, line - window - 1, line) > 0)
        if not newly.any():
            break
        ok &= ~newly
    if not ok.any():
        return fr
    expired = lone.take(np.flatnonzero(ok))
    meta = expired.meta[expired.meta >= 0]
    return dataclasses.replace(
        fr,
        slow=np.setdiff1d(fr.slow, np.concatenate((expired.line, meta)), assume_unique=True),
        fast_lines=fr.fast_lines + expired.line.size,
        metadata=fr.metadata + meta.size,
        expired=expired,
    )


def _keyed(keys: I64, lines: I64) -> I64:
    """(key, line) pairs as one number each, key << 32 | line, that sort by key then line;
    keys below 0 (a channel of several characters: no framed message has one) left out."""
    mine = keys >= 0
    return (keys[mine] << 32) | lines[mine] if not mine.all() else (keys << 32) | lines


def _count(sorted_: I64, lo: I64, hi: I64) -> I64:
    """How many of `sorted_` lie in [lo, hi), for each pair."""
    return np.searchsorted(sorted_, hi) - np.searchsorted(sorted_, lo)


def _distinct(values: NDArray[np.int64]) -> NDArray[np.int64]:
    """The distinct values, sorted: `np.unique` without its test for masked arrays, which
    imports `numpy.ma` at its first call (~10 ms of a new process's first buffer)."""
    values = np.sort(values)
    if values.size < 2:
        return values
    return values[np.concatenate(([True], values[1:] != values[:-1]))]
