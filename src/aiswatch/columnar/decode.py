"""Columnar decoding: NMEA bytes in, one Arrow table per message type out.

The common case runs vectorised (see `frame` and `extract`); the rest (other line shapes,
groups split across lines, binary applications, odd lengths, errors) goes through the
scalar reader and decoder, whose records are turned into the same columns. Both paths read
the same field tables, and a differential test holds them to the same output; `tables`
assembles each type's parts into its table.
"""

from __future__ import annotations

import threading
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pyarrow as pa
from numpy.typing import NDArray

from aiswatch.ais import TYPES
from aiswatch.ais.codec import length_error
from aiswatch.ais.fields import Kind, Repeat
from aiswatch.ais.layout import all_fields
from aiswatch.ais.messages import PEEKS
from aiswatch.ais.stream import DecodeStats, decode_stream
from aiswatch.columnar import numbers
from aiswatch.columnar.appjson import app_json
from aiswatch.columnar.extract import (
    Values,
    data_texts,
    extract_text,
    extract_uint,
    placed_values,
)
from aiswatch.columnar.frame import ARMOUR_VALUE, Framed, frame_lines
from aiswatch.columnar.gather import KEYS, NO_OTHER_PAYLOADS, group_messages, payload_matrix
from aiswatch.columnar.handover import group_key, hand_over
from aiswatch.columnar.layout import Pending, Placed, PlacedArray, place, place_arrays
from aiswatch.columnar.memory import keep_freed_memory
from aiswatch.columnar.tables import (
    FIELDS,
    ROWS,
    assemble,
    column_plan,
    raw_metadata,
    record_row,
    row_lines,
)
from aiswatch.columnar.workspace import Workspace
from aiswatch.nmea import NmeaReader, Problem, RawMessage, Stats
from aiswatch.nmea.model import safe_text

#: The reader's messages (see `_slow`) are decoded in groups from this many in a buffer on;
#: fewer go to the scalar decoder one by one.
BULK_RAWS = 16


#: `group_messages`' scratch counts (`KEYS` zeros, zeros again after each call), one a
#: thread: decoders of many streams in one thread share it (512 KB).
_SCRATCH = threading.local()


def _key_counts() -> NDArray[np.int64]:
    counts: NDArray[np.int64] | None = getattr(_SCRATCH, "counts", None)
    if counts is None:
        counts = _SCRATCH.counts = np.zeros(KEYS, np.int64)
    return counts


#: `group_messages`'s reader rows, where there are none.
_NO_READER_ROWS = (np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros(0, np.bool_),
                   np.zeros(0, np.int64), np.zeros(0, np.int64))  # fmt: skip


@dataclass
class Batch:
    """What one buffer decoded to."""

    tables: dict[int, pa.Table]
    nmea: Stats = field(default_factory=Stats)
    decode: DecodeStats = field(default_factory=DecodeStats)

    @property
    def rows(self) -> int:
        return sum(t.num_rows for t in self.tables.values())


@dataclass
class ReaderRows:
    """The reader's messages of one buffer, decoded in groups with the framed ones (row
    -1 - k of a group is message k): their six-bit payloads end to end (each from `start`,
    `length` values), types, bits, whether they may be decoded so (`ok`), lines within the
    buffer (`at`, 0-based; negative where begun in an earlier buffer), their order by
    line, and their receive metadata (`tables.raw_metadata`)."""

    raws: list[RawMessage]
    values: NDArray[np.uint8]
    start: NDArray[np.int64]
    length: NDArray[np.int64]
    msg_type: NDArray[np.int64]
    nbits: NDArray[np.int64]
    ok: NDArray[np.bool_]
    at: NDArray[np.int64]
    by_line: NDArray[np.intp]
    meta: tuple[NDArray[Any], ...]


class ColumnarDecoder:
    """Decodes buffers of whole lines from one source, keeping the scalar reader's state
    (open multi-part groups, metadata for the next sentence) between buffers. A table's
    rows come in the order of their first line within the buffer."""

    def __init__(
        self,
        source: str = "-",
        *,
        on_problem: Callable[[Problem], None] | None = None,
        strict_checksum: bool = True,
        max_group_age_lines: int | None = None,
        max_group_age_s: float | None = None,
    ) -> None:
        self.source = source
        self.on_problem = on_problem
        self.stats = Stats()
        self.dstats = DecodeStats()
        # Multi-part groups' age limits: the scalar reader's (None: its defaults).
        limits: dict[str, Any] = {}
        if max_group_age_lines is not None:
            limits["max_group_age_lines"] = max_group_age_lines
        if max_group_age_s is not None:
            limits["max_group_age_s"] = max_group_age_s
        self.reader = NmeaReader(
            strict_checksum=strict_checksum, on_problem=on_problem, stats=self.stats, **limits
        )
        self.lines_done = 0
        self.workspace = Workspace.take()  # framing's arrays, reused buffer after buffer
        keep_freed_memory()

    def close(self) -> None:
        """Give framing's arrays to the next decoder (this one makes others if used again)."""
        ws, self.workspace = self.workspace, Workspace()
        if ws.kind.size or ws.values.size:
            ws.give_back()

    def decode(self, data: bytes | memoryview, final: bool = False) -> Batch:
        """Decode `data` (whole lines). With `final`, open groups are closed as incomplete."""
        buf = np.frombuffer(data, dtype=np.uint8)
        before_stats, before_d = _copy_stats(self.stats), _copy_dstats(self.dstats)
        parts: dict[int, list[dict[str, Any]]] = defaultdict(list)
        fr = None
        rr = None
        if buf.size:
            reader = self.reader
            fr = frame_lines(buf, max_line=reader.max_line_length, pending=reader.has_pending,
                             strict=reader.strict_checksum, max_age_s=reader.max_group_age_s,
                             workspace=self.workspace)  # fmt: skip
            held = {group_key(q.encode("latin-1"), c.encode("latin-1"))
                    for q, c in reader.open_keys()}  # fmt: skip
            fr = hand_over(buf, fr, held, reader.max_group_age_lines, reader.max_group_age_s)
            raws = self._slow(data, fr)
            rr, scalar = reader_rows(raws, self.lines_done)
            self._fast(buf, fr, rr, parts)
            self._decode_raws(scalar, parts)
        if final:
            self.reader.flush()
        tables = {t: assemble(t, cols, buf, fr, self.lines_done, rr)
                  for t, cols in sorted(parts.items())}  # fmt: skip
        if fr is not None:
            self.lines_done += fr.line_start.size
        return Batch(tables, _diff_stats(self.stats, before_stats),
                     _diff_dstats(self.dstats, before_d))  # fmt: skip

    # -- vectorised path ---------------------------------------------------------------
    def _fast(self, buf: NDArray[np.uint8], fr: Framed, rr: ReaderRows | None,
              parts: dict[int, list[Any]]) -> None:  # fmt: skip
        """The framed messages, and the reader's (`rr`) among them in line order, decoded
        in groups; those left go to the scalar decoder."""
        st = self.stats
        st.lines += fr.fast_lines + fr.blank + fr.other + fr.comments + fr.metadata
        st.blank += fr.blank
        st.other_nmea += fr.other
        st.comments += fr.comments
        st.metadata += fr.metadata
        st.sentences += fr.fast_lines + fr.glued
        st.messages += fr.msg_line.size - fr.dropped.size
        if fr.refused.size:
            self._refused(buf, fr)
        if fr.expired.line.size:
            self._expired(buf, fr)
        if fr.msg_line.size == fr.dropped.size and rr is None:
            return
        others = NO_OTHER_PAYLOADS
        reader = _NO_READER_ROWS
        if rr is not None:
            others = (rr.values, rr.start, rr.length)
            reader = (rr.msg_type, rr.nbits, rr.ok, rr.at, rr.by_line)
        # Framed message i is row i, the reader's message k row -1 - k (among the framed
        # ones by line).
        rows, keys, starts, long = group_messages(fr.values, fr.value1, fr.len1, fr.len2,
                                                  fr.fill, fr.msg_line, fr.dropped, *reader,
                                                  _key_counts())  # fmt: skip

        def matrix(rows: NDArray[np.int64], nchars: int) -> NDArray[np.uint8]:
            return payload_matrix(fr.values, fr.value1, fr.len1, fr.value2, rows,  # type: ignore[no-any-return]
                                  nchars, *others)  # fmt: skip

        refused: list[NDArray[np.int64]] = [long]  # no type is so long: the scalar decoder's

        def errors(rows: NDArray[np.int64], reason: str, detail: str) -> None:
            own = rows >= 0
            self._errors(rows[own], reason, detail, buf, fr)
            refused.append(rows[~own])  # the reader's: the scalar decoder reports them

        def in_line_order(rows: NDArray[np.int64]) -> NDArray[np.int64]:
            return rows[np.argsort(row_lines(rows, fr, rr), kind="stable")]

        left = self._bulk(rows, keys.tolist(), starts.tolist(), matrix, errors, parts,
                          in_line_order)  # fmt: skip
        if rr is not None:
            refused.append(-1 - np.flatnonzero(~rr.ok))
        self._scalar_rows(buf, fr, np.concatenate([*left, *refused]), rr, parts)

    def _bulk(
        self,
        rows: NDArray[np.int64],
        keys: list[int],
        starts: list[int],
        matrix: Callable[[NDArray[np.int64], int], NDArray[np.uint8]],
        errors: Callable[[NDArray[np.int64], str, str], None],
        parts: dict[int, list[Any]],
        in_line_order: Callable[[NDArray[np.int64]], NDArray[np.int64]],
    ) -> list[NDArray[np.int64]]:
        """Decode messages by groups of one type and length (`group_messages`: group g is
        rows[starts[g]:starts[g + 1]], of key bits * 64 + type): `matrix(rows, nchars)`
        gives a group's six-bit values, `errors` takes those of a length their type
        refuses. Groups of one type whose lengths lay its fields out alike (flat layouts:
        the longer ones' extra bits are read by no field) are decoded as one, their rows
        put back in line order (`in_line_order`): a log of many lengths (the real logs'
        mix) has ~150 groups a 16 MiB buffer, a tenth fewer so, each costing ~50 us here
        and in its table whatever its size. Parts carry the messages' rows (`ROWS`).
        Returns the rows left to the scalar decoder."""
        slow_rows: list[NDArray[np.int64]] = []
        flat: dict[tuple[Any, ...], tuple[int, list[Placed], list[NDArray[np.int64]]]] = {}
        for g, k in enumerate(keys):
            group = rows[starts[g] : starts[g + 1]]
            t, nb = k % 64, k // 64
            mt = TYPES.get(t)
            error = length_error(t, nb)
            if error is not None:
                errors(group, error.reason, error.detail)
                continue
            assert mt is not None
            if nb >= mt.max_bits + 8:  # the longest types: the scalar decoder decides
                slow_rows.append(group)
                continue
            nb = min(nb, mt.max_bits)
            laid = place(mt.items, nb)
            key = _flat_key(t, laid)
            if key is not None:
                hit = flat.get(key)
                if hit is None:
                    flat[key] = (t, laid, [group])  # type: ignore[assignment]
                else:
                    hit[2].append(group)
                continue
            done = self._layout(t, matrix(group, (nb + 5) // 6), nb, group, parts, errors)
            if done is not None:
                slow_rows.append(done)
        for t, laid, groups in flat.values():
            group = groups[0] if len(groups) == 1 else in_line_order(np.concatenate(groups))
            # Six-bit values up to the last field's: every row has them.
            end = max(p.offset + p.width for p in laid)
            self._emit(t, matrix(group, (end + 5) // 6), laid, group, parts)
        return slow_rows

    def _errors(self, rows: NDArray[np.int64], reason: str, detail: str,
                buf: NDArray[np.uint8], fr: Framed) -> None:  # fmt: skip
        """Messages the scalar decoder would refuse for their length, counted and reported
        as it does (the first sentence's text, cut to 120 characters)."""
        self.dstats.errors[reason] += rows.size
        if self.on_problem is None:
            return
        for r in rows.tolist():
            line = int(fr.msg_line[r])
            text = _sentence_text(buf, fr, r)
            self.on_problem(Problem(self.source, self.lines_done + line + 1, reason, detail,
                                    text[:120]))  # fmt: skip

    def _expired(self, buf: NDArray[np.uint8], fr: Framed) -> None:
        """Lone first fragments whose group the reader would have dropped after its age
        limit in lines (`settle_lone_fragments`): counted and reported as it does."""
        n = fr.expired.line.size
        self.stats.incomplete += n
        self.stats.errors["incomplete-group"] += n
        if self.on_problem is None:
            return
        detail = ("2-fragment message left with fragment(s) 1 only: expired after "
                  f"{self.reader.max_group_age_lines + 1} lines")  # fmt: skip
        ex = fr.expired
        for i, a, b in zip(ex.line.tolist(), ex.start.tolist(), ex.end.tolist(), strict=True):
            text = buf[a:b].tobytes().decode("ascii", "replace")
            self.on_problem(Problem(self.source, self.lines_done + i + 1, "incomplete-group",
                                    detail, safe_text(text)))  # fmt: skip

    def _refused(self, buf: NDArray[np.uint8], fr: Framed) -> None:
        """Sentences refused for their empty payload or their checksum, counted and
        reported as the reader does (the line, no sentence, one error)."""
        self.stats.lines += fr.refused.size
        sums = fr.refused_sum.tolist()
        bad_sums = sum(1 for c in sums if c >= 0)
        self.stats.errors["bad-checksum"] += bad_sums
        self.stats.errors["empty-payload"] += len(sums) - bad_sums
        if self.on_problem is None:
            return
        for i, p, c in zip(fr.refused.tolist(), fr.refused_at.tolist(), sums, strict=True):
            text = buf[p : fr.line_end[i]].tobytes().decode("ascii", "replace")
            if c < 0:
                reason, detail = "empty-payload", "empty payload"
            else:
                reason = "bad-checksum"
                detail = f"checksum mismatch: computed {c >> 8:02X}, found {c & 255:02X}"
            self.on_problem(Problem(self.source, self.lines_done + i + 1, reason, detail,
                                    safe_text(text)))  # fmt: skip

    def _layout(
        self,
        t: int,
        mat: NDArray[np.uint8],
        nbits: int,
        rows: NDArray[np.int64],
        parts: dict[int, list[Any]],
        errors: Callable[[NDArray[np.int64], str, str], None],
    ) -> NDArray[np.int64] | None:
        """Decode rows of one type and length; return rows left to the scalar path.
        `errors` takes rows the scalar decoder would refuse as too short."""
        laid = place(TYPES[t].items, nbits)
        if laid is None:
            return self._unplaced(t, nbits, TYPES[t].items, rows, errors)
        if isinstance(laid, list):
            self._emit(t, mat, laid, rows, parts)
            return None
        return self._switch(t, mat, nbits, rows, laid, parts, errors)

    @staticmethod
    def _unplaced(t: int, nbits: int, items: Sequence[Any], rows: NDArray[np.int64],
                  errors: Callable[[NDArray[np.int64], str, str], None]) -> NDArray[np.int64] | None:  # fmt: skip
        """Rows whose layout did not place: arrays are the scalar decoder's; otherwise the
        bits end inside a field, which it refuses in these words."""
        if _has_repeat(items):
            return rows
        errors(rows, "too-short", f"type {t} payload of {nbits} bits ends inside a field")
        return None

    def _switch(self, t: int, mat: NDArray[np.uint8], nbits: int, rows: NDArray[np.int64],
                pend: Pending, parts: dict[int, list[Any]],
                errors: Callable[[NDArray[np.int64], str, str], None]) -> NDArray[np.int64] | None:  # fmt: skip
        """Split rows by the switch's case (the key reads the fields before it)."""
        if pend.switch.fallback:
            return self._applications(t, mat, nbits, rows, pend, parts)
        peek = PEEKS.get(t)
        # The fields the key reads (a switch that does not say: every field before it).
        reads = pend.switch.reads or tuple(
            [p.field.name for p in pend.placed] + ([peek[0]] if peek else [])
        )
        prefix = {p.field.name: placed_values(mat, p) for p in pend.placed if p.field.name in reads}
        widths = {p.field.name: p.width for p in pend.placed}
        if peek is not None and peek[0] in reads:
            prefix[peek[0]] = extract_uint(mat, peek[1], 1).astype(bool)
        if not prefix:  # the key reads nothing placed yet: one case for every row
            prefix["_"] = np.zeros(rows.size, np.int64)
        names = list(prefix)
        # The key once per distinct combination of the fields it reads.
        bits = [widths.get(n, 1) for n in names]  # the peeked flag and "_": one bit
        first, inverse = _combinations([prefix[n] for n in names], bits)
        keys = [pend.switch.key({n: int(prefix[n][i]) for n in names}) for i in first.tolist()]
        by_key: dict[object, list[int]] = defaultdict(list)
        for j, kk in enumerate(keys):
            by_key[kk].append(j)
        left: list[NDArray[np.int64]] = []
        for kk, js in by_key.items():
            chosen = np.zeros(first.size, dtype=bool)
            chosen[js] = True
            idx = np.flatnonzero(chosen[inverse])
            case = pend.switch.cases.get(kk)
            if case is None and not pend.switch.default:
                left.append(rows[idx])
                continue
            items = (*(case if case is not None else pend.switch.default), *pend.after)
            rest = place(items, nbits, pend.offset)
            if rest is None or isinstance(rest, Pending):
                # Nested switch (type 24 part B): resolve it on the sub-rows.
                if isinstance(rest, Pending):
                    sub = Pending(
                        [*pend.placed, *rest.placed], rest.switch, rest.after, rest.offset
                    )
                    out = self._switch(t, mat[idx], nbits, rows[idx], sub, parts, errors)
                else:
                    out = self._unplaced(t, nbits, items, rows[idx], errors)
                if out is not None:
                    left.append(out)
                continue
            self._emit(t, mat[idx], [*pend.placed, *rest], rows[idx], parts)
        return np.concatenate(left) if left else None

    def _applications(self, t: int, mat: NDArray[np.uint8], nbits: int, rows: NDArray[np.int64],
                      pend: Pending, parts: dict[int, list[Any]]) -> NDArray[np.int64] | None:  # fmt: skip
        """Binary messages by (DAC, FI): a registered application decodes in bulk where its
        layout is flat and accounts for the message's bits (up to byte padding), exactly as
        the scalar decoder's fallback switch decides; otherwise the bits stay `data`.
        Arrays of flat records are laid out record by record (`place_arrays`); applications
        with other arrays or inner switches go to the scalar decoder."""
        placed = {p.field.name: p for p in pend.placed}
        key = placed_values(mat, placed["dac"]) * 64 + placed_values(mat, placed["fid"])
        left: list[NDArray[np.int64]] = []
        default = place_arrays((*pend.switch.default, *pend.after), nbits, pend.offset, False)
        for k in sorted(set(key.tolist())):
            idx = np.flatnonzero(key == k)
            laid = default
            case = pend.switch.cases.get((k // 64, k % 64))
            if case is not None and _duplicate_names(pend, case):
                left.append(rows[idx])  # the scalar decoder's dict decides (see there)
                continue
            if case is not None:
                app = place_arrays((*case, *pend.after), nbits, pend.offset)
                if isinstance(app, Pending) or (app is None and _has_repeat(case)):
                    # Inner switches, arrays of other records: the scalar decoder.
                    left.append(rows[idx])
                    continue
                # The application accounts for the bits (up to byte padding), or ends in
                # an array (which takes what records fit), as the scalar decoder decides.
                ends_in_array = bool(case) and isinstance(case[-1], Repeat)
                if isinstance(app, list) and (nbits - _end(app, pend.offset) < 8
                                              or ends_in_array):  # fmt: skip
                    laid = app
            if not isinstance(laid, list):
                left.append(rows[idx])
                continue
            self._emit(t, mat[idx], [*pend.placed, *laid], rows[idx], parts)
        return np.concatenate(left) if left else None

    def _emit(self, t: int, mat: NDArray[np.uint8], laid: Sequence[Placed | PlacedArray],
              rows: NDArray[np.int64], parts: dict[int, list[Any]]) -> None:  # fmt: skip
        plan = column_plan(t, laid)
        cols: dict[str, Any] = {ROWS: rows}  # receive metadata: added per table
        if plan.app:
            cols["app"] = app_json(mat, plan.app)
        for p in plan.data:
            cols[p.field.name] = data_texts(mat, p.offset, p.width)
        out, na = numbers.decode(plan.numbers, mat)
        for name, f, cls, row, na_row in plan.numbers.columns:
            v = out[cls][row]
            if f.kind is Kind.BOOL:
                v = v.view(np.bool_)  # 0 or 1
            cols[name] = Values(v, na[na_row] if na_row >= 0 else None)
        for p in plan.texts:
            cols[p.field.name] = extract_text(mat, p.offset, p.width)
        self.dstats.messages[t] += rows.size
        parts[t].append(cols)

    # -- scalar path -------------------------------------------------------------------
    def _scalar_rows(self, buf: NDArray[np.uint8], fr: Framed, rows: NDArray[np.int64],
                     rr: ReaderRows | None, parts: dict[int, list[Any]]) -> None:  # fmt: skip
        """Messages whose decoding needs the scalar decoder: `rows` framed ones (>= 0) and
        the reader's (-1 - k: rr.raws[k]), the framed first, each in order."""
        if not rows.size:
            return
        raws = []
        for r in np.sort(rows[rows >= 0]).tolist():
            p1, l1, p2, l2 = int(fr.seg1[r]), int(fr.len1[r]), int(fr.seg2[r]), int(fr.len2[r])
            payload = buf[p1 : p1 + l1].tobytes().decode("ascii")
            if p2 >= 0:
                payload += buf[p2 : p2 + l2].tobytes().decode("ascii")
            line = int(fr.msg_line[r])
            raws.append(_raw_message(payload, fr, r, buf, self.source,
                                     self.lines_done + line + 1))  # fmt: skip
        if rr is not None:
            raws += [rr.raws[k] for k in np.sort(-1 - rows[rows < 0]).tolist()]
        self._decode_raws(raws, parts)

    def _slow(self, data: bytes | memoryview, fr: Framed) -> list[RawMessage]:
        """Lines the fast path did not take, through the scalar reader in order: the
        messages it gives."""
        raws: list[RawMessage] = []
        feed, skip = self.reader.feed, self.reader.skip
        reader = self.reader
        slow, nlines = fr.slow, fr.line_start.size
        # Window k: the lines framed here between slow lines k-1 and k (the last window runs
        # to the buffer's end).
        lo = np.concatenate(([0], slow + 1))
        hi = np.concatenate((slow, [nlines]))
        windows: list[tuple[list[int], list[int], list[int], list[float]]] = []

        def age(k: int, lines: int) -> None:
            """Lines framed here still age the reader's open groups, by line and by time:
            fragment times in window k as (offset after the previous slow line, time), only
            while the reader holds groups (fast lines open none, so none could expire)."""
            if not reader.open_groups:
                skip(lines)
                return
            if not windows:  # gathered once, when first needed
                at, when = fr.fragment_at, fr.fragment_time
                first, past = np.searchsorted(at, lo), np.searchsorted(at, hi)
                windows.append((first.tolist(), past.tolist(), at.tolist(), when.tolist()))
            firsts, pasts, at_s, when_s = windows[0]
            a, b = firsts[k], pasts[k]
            if a == b:
                skip(lines)
                return
            base = int(lo[k]) - 1
            skip(lines, ((at_s[m] - base, when_s[m]) for m in range(a, b)), max(when_s[a:b]))

        # Each line with its ending, as a file gives it to the reader (its length limit
        # counts the ending).
        ends = np.append(fr.line_start[1:], len(data))
        last = -1
        for k, (i, a, b) in enumerate(zip(slow.tolist(), fr.line_start[slow].tolist(),
                                          ends[slow].tolist(), strict=True)):  # fmt: skip
            if i - last > 1:
                age(k, i - last - 1)
            last = i
            raws.extend(feed(bytes(data[a:b]), self.source, self.lines_done + i + 1))
        if nlines - last > 1:
            age(slow.size, nlines - last - 1)
        return raws

    def _decode_raws(self, raws: list[RawMessage], parts: dict[int, list[Any]]) -> None:
        """The scalar decoder's rows, a part per type (columns with receive metadata)."""
        rows: dict[int, list[dict[str, Any]]] = defaultdict(list)
        for d in decode_stream(raws, self.dstats, self.on_problem):
            rows[d.message.type].append(record_row(d.message, d.raw))
        for t, rs in rows.items():
            parts[t].append({n: pa.array([r.get(n) for r in rs], type=typ)
                             for n, typ in FIELDS[t]})  # fmt: skip


def reader_rows(raws: list[RawMessage], done: int) -> tuple[ReaderRows | None, list[RawMessage]]:
    """The reader's messages of a buffer after `done` lines: those decoded in groups with
    the framed ones (None: none, fewer than `BULK_RAWS`), and those left to the scalar
    decoder (a channel of more than one character: receive metadata takes one). Where two
    share a line, all are the scalar decoder's, so that a table keeps the reader's order
    among them (`assemble` sorts rows by line)."""
    if len(raws) < BULK_RAWS:
        return None, raws
    lines = np.fromiter((r.line for r in raws), np.int64, len(raws))
    by_line = np.sort(lines)
    if (by_line[1:] == by_line[:-1]).any():
        return None, raws
    scalar = [r for r in raws if len(r.channel) > 1]
    if scalar:
        raws = [r for r in raws if len(r.channel) <= 1]
        if not raws:
            return None, scalar
        lines = np.fromiter((r.line for r in raws), np.int64, len(raws))
    payloads = [r.payload if r.payload.isascii() else "" for r in raws]
    lens = np.fromiter(map(len, payloads), np.int64, len(raws))
    fills = np.fromiter((r.fill for r in raws), np.int64, len(raws))
    values = ARMOUR_VALUE[np.frombuffer("".join(payloads).encode("ascii"), np.uint8)]
    starts = np.zeros(len(raws), np.int64)
    np.cumsum(lens[:-1], out=starts[1:])
    # Payloads of armour characters only, with fill bits 0-5 that the payload holds; the
    # rest go to the scalar decoder, which reports them.
    bad = np.zeros(values.size + 1, np.int64)
    np.cumsum(values == 255, out=bad[1:])
    ok = (lens > 0) & (bad[starts + lens] == bad[starts]) & (fills >= 0) & (fills <= 5)
    nbits = 6 * lens - fills
    ok &= nbits >= 0
    msg_type = np.zeros(len(raws), np.int64)
    msg_type[ok] = values[starts[ok]]
    at = lines - (done + 1)
    return ReaderRows(raws, values, starts, lens, msg_type, nbits, ok, at,
                      np.argsort(at, kind="stable"), raw_metadata(raws, at)), scalar  # fmt: skip


#: `_flat_key` by layout (the layout kept with its key: `layout.place` shares its results).
_FLAT_KEYS: dict[int, tuple[Any, tuple[Any, ...] | None]] = {}


def _flat_key(t: int, laid: Any) -> tuple[Any, ...] | None:
    """What makes two lengths of type `t` decode alike where their layout is flat (no
    switch, no array): the fields placed, where; None for other layouts (and empty ones)."""
    hit = _FLAT_KEYS.get(id(laid))
    if hit is not None and hit[0] is laid:
        return hit[1]
    key = None
    if isinstance(laid, list) and laid and all(isinstance(p, Placed) for p in laid):
        key = (t, *((id(p.field), p.offset, p.width) for p in laid))
    if len(_FLAT_KEYS) >= 4096:
        _FLAT_KEYS.clear()
    _FLAT_KEYS[id(laid)] = (laid, key)
    return key


def _combinations(
    values: list[NDArray[Any]], widths: list[int]
) -> tuple[NDArray[np.intp], NDArray[np.intp]]:
    """Rows by their distinct combination of `values` (one array per field, raw values of
    `widths` bits): the first row of each combination, and each row's combination. The
    fields are packed into one integer where they fit, else compared as columns."""
    if sum(widths) <= 62:
        packed = np.zeros(values[0].size, np.int64)
        shift = 0
        for v, w in zip(values, widths, strict=True):
            packed |= (v.astype(np.int64) & ((1 << w) - 1)) << shift
            shift += w
        _, first, inverse = np.unique(packed, return_index=True, return_inverse=True)
    else:
        _, first, inverse = np.unique(np.stack(values), axis=1, return_index=True,
                                      return_inverse=True)  # fmt: skip
    return first, inverse.reshape(-1)


def _end(laid: Sequence[Placed | PlacedArray], start: int) -> int:
    """The bit after the last placed field (`start` when nothing is placed)."""
    return max((p.offset + p.width for p in laid), default=start)


#: Names of an application's fields and whether any repeats (`_duplicate_names`), by the
#: identity of its items (kept alive by the entry).
_APP_NAMES: dict[int, tuple[Sequence[Any], frozenset[str], bool]] = {}


def _duplicate_names(pend: Pending, case: Sequence[Any]) -> bool:
    """Whether an application names two fields alike, or one as the message's own fields
    before it (spares and fields of groups included, and likewise within an array's
    records). The scalar decoder's record then holds one value for both, printed through
    either field: such layouts (none registered today) are left to it."""
    hit = _APP_NAMES.get(id(case))
    if hit is None:
        names = [f.name for f, _ in all_fields(case)]
        records = [[g.name for g, _ in all_fields(f.items)]
                   for f, _ in all_fields(case) if isinstance(f, Repeat)]  # fmt: skip
        dup = any(len(set(n)) < len(n) for n in (names, *records))
        hit = _APP_NAMES[id(case)] = (case, frozenset(names), dup)
    return hit[2] or any(p.field.name in hit[1] for p in pend.placed)


def _has_repeat(items: Sequence[Any]) -> bool:
    return any(isinstance(f, Repeat) for f, _ in all_fields(items))


def _sentence_text(buf: NDArray[np.uint8], fr: Framed, r: int) -> str:
    """The message's first sentence, '!' to checksum (the reader's `RawMessage.sentences`)."""
    a, b = int(fr.sentence_start[r]), int(fr.sentence_end[r])
    return buf[a:b].tobytes().decode("ascii", "replace")


def _raw_message(payload: str, fr: Framed, r: int, buf: NDArray[np.uint8], source: str,
                 line: int) -> RawMessage:  # fmt: skip
    t = float(fr.time[r])
    ss, sl = int(fr.station_start[r]), int(fr.station_len[r])
    station = buf[ss : ss + sl].tobytes().decode("ascii") if ss >= 0 else None
    ch = int(fr.channel[r])
    return RawMessage(payload, int(fr.fill[r]), chr(ch) if ch else "", "", False,
                      None if np.isnan(t) else t, station, source, line,
                      (_sentence_text(buf, fr, r),), True)  # fmt: skip


def _copy_stats(s: Stats) -> Stats:
    c = Stats()
    c.merge(s)
    return c


def _diff_stats(now: Stats, before: Stats) -> Stats:
    d = Stats()
    for name in ("lines", "sentences", "messages", "blank", "other_nmea", "comments",
                 "metadata", "incomplete", "duplicates"):  # fmt: skip
        setattr(d, name, getattr(now, name) - getattr(before, name))
    d.errors = now.errors - before.errors
    return d


def _copy_dstats(s: DecodeStats) -> DecodeStats:
    return DecodeStats(s.messages.copy(), s.errors.copy())


def _diff_dstats(now: DecodeStats, before: DecodeStats) -> DecodeStats:
    return DecodeStats(now.messages - before.messages, now.errors - before.errors)
