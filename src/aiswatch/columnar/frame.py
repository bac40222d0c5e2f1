"""Compiled NMEA framing over a whole buffer of lines (numba).

One pass over the bytes finds, for every line of the common shapes, the sentence fields and
checks them exactly (checksums, field counts, armour characters; the parsers of a line's
parts are in `lineparts`):

    !AIVDM,1,1,,B,<payload>,0*hh                     plain sentence
    \\s:station,c:1418169601*hh\\!AIVDM,...            NMEA 4 tag block (c:, s:, g: ...)
    1550303566167726840 !AIVDM,...                   leading numeric time
    !AIVDM,...*hh,b003669794,1272412827              USCG trailing fields
    $PGHP,1,...*hh  then  !AIVDM,...                 Gatehouse wrapper dating the next line

Two-part messages whose fragments stand on adjacent lines (or are glued on one) are joined;
blank, comment and other-NMEA lines are counted, and a sentence refused only for its empty
payload is counted as the reader's error. Every other line (other time conventions, longer
groups, anything malformed) is left to the scalar `NmeaReader`, which reports problems with
their reasons: the two paths agree because the fast path only takes lines it can frame
completely, and hands the reader the multi-part messages that could meet a fragment it holds
(`handover`). numba earns its place here: a Python loop over lines is ~100x
slower, and whole-array numpy needs a dozen passes per field.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field

import numba
import numpy as np
from numpy.typing import NDArray

from aiswatch.ais.bits import ARMOUR
from aiswatch.columnar.borrow import borrowed
from aiswatch.columnar.kernels import kernel
from aiswatch.columnar.lineparts import (
    BAD_CHECKSUM,
    EMPTY_PAYLOAD,
    MONTH_DAYS,
    glued_pair,
    meta_like,
    newline,
    pghp,
    printable,
    seconds,
    sentence,
    tag_block,
    uscg_tail,
)
from aiswatch.columnar.workspace import Workspace
from aiswatch.nmea.reader import MAX_LINE_LENGTH

I64 = NDArray[np.int64]
I32 = NDArray[np.int32]  # positions in a buffer (under 2 GiB: `frame_lines`)
U8 = NDArray[np.uint8]

#: Armour value of each byte, or 255 if the byte is not an armour character.
ARMOUR_VALUE = np.full(256, 255, dtype=np.uint8)
ARMOUR_VALUE[np.frombuffer(ARMOUR.encode("ascii"), dtype=np.uint8)] = np.arange(64)

BLANK, FAST, SLOW, OTHER, COMMENT, META, REFUSED = 0, 1, 2, 3, 4, 5, 6


def _none() -> I64:
    return np.empty(0, np.int64)


def _none32() -> I32:
    return np.empty(0, np.int32)


@dataclass(frozen=True)
class Lone:
    """First fragments of two that the next line did not complete (`_scan`): their lines,
    sequence ids and channels (`handover.group_key`), times (NaN: none), sentences ('!' to
    the checksum) and the $PGHP lines that dated them (-1: none)."""

    line: I32
    key: I32
    time: NDArray[np.float64]
    start: I32
    end: I32
    meta: I32

    @staticmethod
    def of(rows: NDArray[np.float64]) -> Lone:
        """From `_scan`'s rows: line, key, time, sentence start and end, $PGHP line."""
        line, key, start, end, meta = (rows[k].astype(np.int32) for k in (0, 1, 3, 4, 5))
        return Lone(line, key, rows[2].copy(), start, end, meta)

    @staticmethod
    def none() -> Lone:
        return Lone(_none32(), _none32(), np.empty(0, np.float64), _none32(), _none32(),
                    _none32())  # fmt: skip

    def take(self, rows: NDArray[np.intp]) -> Lone:
        return Lone(self.line[rows], self.key[rows], self.time[rows], self.start[rows],
                    self.end[rows], self.meta[rows])  # fmt: skip


@dataclass
class Framed:
    """The fast lines of one buffer. Message arrays are parallel, one entry per message;
    `slow` lists the line indices (0-based within the buffer) left to the scalar reader,
    `dropped` the messages handed back to it (`handover.hand_over`), which keep their
    place in the arrays but are not decoded here."""

    line_start: I32  # byte offset of every line
    line_end: I32  # end of every line, line ending excluded
    msg_line: I32  # 0-based line index of the message's first fragment
    seg1: I32  # payload start, first fragment
    len1: I32
    seg2: I32  # payload start, second fragment (-1 if single)
    len2: I32
    fill: I32
    channel: U8  # channel byte, 0 if empty
    time: NDArray[np.float64]  # Unix seconds, NaN if unknown
    station_start: I32  # -1 if none
    station_len: I32
    seq: NDArray[np.int16]  # sequence id byte of multi-part messages (0 if empty)
    sentence_start: I32  # the first fragment's sentence, '!' to its checksum
    sentence_end: I32
    meta1: I32  # the $PGHP line that dated the first fragment (-1 if none)
    meta2: I32  # ... and the second
    time1: NDArray[np.float64]  # each fragment's own receive time (NaN if none): the
    time2: NDArray[np.float64]  # reader expires groups by them
    slow: I64  # line indices for the scalar reader
    blank: int  # blank lines (counted, skipped)
    fast_lines: int  # lines consumed by the fast path
    other: int = 0  # other NMEA sentences (counted, skipped)
    comments: int = 0  # comment lines (counted, skipped)
    metadata: int = 0  # $PGHP lines read here (their time dates the next sentence)
    glued: int = 0  # lines holding both fragments of a message (two sentences each)
    # Lines of a sentence the reader refuses for its empty payload or its checksum alone,
    # where their sentences start, and the checksums (computed * 256 + given; -1: empty).
    refused: I32 = field(default_factory=_none32)
    refused_at: I32 = field(default_factory=_none32)
    refused_sum: I64 = field(default_factory=_none)
    dropped: I64 = field(default_factory=_none)  # messages handed back to the reader
    values: U8 = field(default_factory=lambda: np.empty(0, np.uint8))  # six-bit payloads
    value1: I32 = field(default_factory=_none32)  # where a message's fragments start in
    value2: I32 = field(default_factory=_none32)  # `values` (the second's -1 if single)
    lone: Lone = field(default_factory=lambda: Lone.none())  # first fragments left alone
    expired: Lone = field(default_factory=lambda: Lone.none())  # ... that expire as read
    # Lines and receive times of the framed fragments the reader ages its groups by
    # (`handover.hand_over`).
    fragment_at: I64 = field(default_factory=_none)
    fragment_time: NDArray[np.float64] = field(default_factory=lambda: np.empty(0, np.float64))


#: The largest buffer framed: positions in it are 32-bit (half the memory of 64-bit ones,
#: and fewer fresh pages for a new process to fault in).
MAX_BUFFER = 2**31 - 1
_INT64_TENTH = (2**63 - 1) // 10
#: Integers of scratch space the line parsers need (`_scan`'s `work_i`): 4 outputs, 39 for
#: `pghp`, 8 for each of two sentences.
WORK_INTS = 59


#: Rows of a `Workspace`'s int32 matrix (`workspace.INT_ROWS`): per line, then per message,
#: then refused lines; its float64 matrix holds three (message, first and second fragment
#: times), its `lone` matrix six (`_keep_lone`).
(
    LINE_START,
    LINE_END,
    MSG_LINE,
    SEG1,
    LEN1,
    SEG2,
    LEN2,
    FILL,
    STATION_START,
    STATION_LEN,
    SENTENCE_START,
    SENTENCE_END,
    META1,
    META2,
    VALUE1,
    VALUE2,
    REFUSED,
    REFUSED_AT,
) = range(18)


@kernel
@numba.njit(cache=True)
def _scan(buf_, words_, month_days_, max_len, pending, strict, max_age_s, work_i, work_f,  # type: ignore[no-untyped-def]
          ws_ints, ws_floats, ws_lone, ws_kind, ws_channel, ws_seq, ws_sum, ws_values):  # fmt: skip
    """Classify and frame every line of `buf`, and join two-part messages as it goes; the
    six-bit values of the messages' payloads are laid end to end in `values` (the matrix
    of a group of messages then reads them densely, not scattered over the buffer).
    `max_len`: the reader's line length limit (longer lines are its to report); `pending`:
    the reader already holds metadata (a $PGHP line or lone tag block) for the next AIS
    sentence, which must then go to it; `strict`: the reader refuses checksum mismatches
    (else it takes them, and so must see them); `max_age_s`: the reader's group age limit in
    seconds (fragments further apart are not joined here); `work_i` (`WORK_INTS` integers)
    and `work_f` (one float): the line parsers' scratch space; `ws_*`: a `Workspace`'s
    arrays, which the results are views of. Where they are too small for the buffer's
    lines or bytes, nothing is framed: the last result, the lines counted, says so.

    The arrays go to the line parsers (inlined) as borrowed views: the caller holds them
    all through the call, and `values_own` is used at the end."""
    if work_i.size < WORK_INTS or work_f.size < 1:  # the views below are not bounds-checked
        raise ValueError("_scan: scratch space too small")
    if ws_ints.shape[0] < REFUSED_AT + 1 or ws_floats.shape[0] < 3 or ws_lone.shape[0] < 6:
        raise ValueError("_scan: workspace matrices of too few rows")
    buf = borrowed(buf_)
    words = borrowed(words_)
    month_days = borrowed(month_days_)
    out_f = borrowed(work_f[0:1])
    out_i = borrowed(work_i[0:4])
    scratch = borrowed(work_i[4:43])
    sent = borrowed(work_i[43:51])
    sent2 = borrowed(work_i[51:WORK_INTS])
    n = 1
    for b in buf:
        if b == 10:
            n += 1
    room = (min(ws_ints.shape[1], ws_floats.shape[1], ws_lone.shape[1], ws_kind.size,
                ws_channel.size, ws_seq.size, ws_sum.size) >= n
            and ws_values.size >= buf.size)  # fmt: skip
    size = buf.size if room else 0  # no room: no line framed (the caller makes room)
    # Per line: its bounds and `kind`. Per message (at most one per line), in line order:
    # single sentences, and two-part messages whose fragments stand on adjacent fast lines
    # that the reader would join (see `_joins`); a fast line that joins nothing goes back to
    # the reader (SLOW), with the $PGHP line that dated it.
    line_start = ws_ints[LINE_START]
    line_end = ws_ints[LINE_END]
    kind = ws_kind
    if room:
        kind[:n] = 0
    msg_line = ws_ints[MSG_LINE]
    seg1 = ws_ints[SEG1]
    len1 = ws_ints[LEN1]
    seg2 = ws_ints[SEG2]
    len2 = ws_ints[LEN2]
    mfill = ws_ints[FILL]
    mchan = ws_channel
    mtime = ws_floats[0]
    mss = ws_ints[STATION_START]
    msl = ws_ints[STATION_LEN]
    mseq = ws_seq
    msent = ws_ints[SENTENCE_START]
    msend = ws_ints[SENTENCE_END]
    mmeta1 = ws_ints[META1]
    mmeta2 = ws_ints[META2]
    mt1 = ws_floats[1]
    mt2 = ws_floats[2]
    mv1 = ws_ints[VALUE1]  # where each fragment's six-bit values start in `values`
    mv2 = ws_ints[VALUE2]
    values_own = ws_values
    values = borrowed(values_own)
    vat = 0  # the end of the values kept so far
    # First fragments the next line did not complete (each the reader's, unless
    # `settle_lone_fragments` finds how the reader would drop it): line, sequence id and
    # channel (`handover.group_key`), time, sentence bounds and the $PGHP line that dated it.
    lone = ws_lone  # rows: line, key, time, start, end, $PGHP line
    n_lone = 0
    # Sentences refused only for their empty payload or their checksum.
    refused = ws_ints[REFUSED]
    refused_at = ws_ints[REFUSED_AT]
    refused_sum = ws_sum
    m = 0
    n_refused = 0
    taken = 0
    glued = 0
    # A first fragment of two, waiting for the next line: its line (-1 if none) and fields.
    wait = -1
    w_seq = w_chan = w_key = w_pay = w_plen = w_ss = w_sl = w_gs = w_gl = w_sent = w_send = 0
    w_meta = -1
    w_time = np.nan
    w_v = 0
    nl = 0
    pos = 0
    # Metadata lines date the next AIS sentence. `to_reader`: the reader holds it (a lone
    # tag block, a $PGHP line it must see), so every line goes to the reader until one it
    # certainly reads as an AIS sentence (which uses the metadata up) has gone too.
    # `held`: a $PGHP line read here, applied here if that sentence is a plain fast one,
    # else handed to the reader with it.
    to_reader = pending
    held = -1
    held_time = np.nan
    held_st = -1
    held_sl = 0
    while pos < size:
        if nl > 0 and kind[nl - 1] == SLOW and meta_like(buf, line_start[nl - 1],
                                                         line_end[nl - 1]):  # fmt: skip
            to_reader = True  # the reader may now hold metadata from that line
            if held >= 0:  # and the $PGHP line held here goes before it, for the reader
                kind[held] = SLOW  # to date the next sentence as it would have
                held = -1
        if wait >= 0 and wait < nl - 1:  # the line after a first fragment was not fast
            kind[wait] = SLOW
            if w_meta >= 0:
                kind[w_meta] = SLOW
            if not meta_like(buf, line_start[wait], line_end[wait]):
                n_lone = _keep_lone(lone, n_lone, wait, w_seq * 256 + w_chan, w_time, w_sent,
                                    w_send, w_meta)  # fmt: skip
            wait = -1
        e = newline(buf, words, pos, size)
        s = pos
        pos = e + 1
        line_start[nl] = s
        too_long = min(pos, size) - s > max_len  # the reader counts the line ending too
        if e > s and buf[e - 1] == 13:
            e -= 1
        line_end[nl] = e
        i = nl
        nl += 1
        kind[i] = SLOW
        if too_long:
            continue
        if e == s:
            kind[i] = BLANK
            continue
        c0 = buf[s]
        if c0 == 35:
            if printable(buf, words, s, e):  # else the reader reports binary junk
                kind[i] = COMMENT
            continue
        if c0 == 36:
            is_pghp = (e - s >= 6 and buf[s + 1] == 80 and buf[s + 2] == 71
                       and buf[s + 3] == 72 and buf[s + 4] == 80 and buf[s + 5] == 44)  # fmt: skip
            if not is_pghp:
                if printable(buf, words, s, e):
                    kind[i] = OTHER
                continue
            # A held $PGHP line replaced before use stays counted here and dates nothing:
            # the reader would have read it (its checks passed) and let this one replace it.
            held = -1
            res = pghp(buf, s, e, out_f, out_i, month_days, scratch)
            if res < 0 or to_reader:
                to_reader = True
                continue
            kind[i] = META
            if res == 1:
                held = i
                held_time = out_f[0]
                held_st = out_i[0]
                held_sl = out_i[1]
            continue
        p = -1
        t_line = np.nan
        ss_line = -1
        sl_line = 0
        gs_line = -1
        gl_line = 0
        if c0 == 33:
            p = s
        elif c0 == 92:
            out_f[0] = np.nan
            out_i[0] = -1
            out_i[1] = 0
            out_i[2] = -1
            out_i[3] = 0
            p = tag_block(buf, words, s, e, out_f, out_i)
            if p == -2:  # a tag block alone on its line
                if held >= 0:
                    kind[held] = SLOW
                    held = -1
                to_reader = True
                continue
            t_line = out_f[0]
            ss_line = out_i[0]
            sl_line = out_i[1]
            gs_line = out_i[2]
            gl_line = out_i[3]
        elif 48 <= c0 <= 57:
            v = 0
            q = s
            big = False
            while q < e and 48 <= buf[q] <= 57 and q - s < 19:
                d = buf[q] - 48
                if v > _INT64_TENTH or (v == _INT64_TENTH and d > 7):
                    big = True  # past int64: the reader's arbitrary-size parse decides
                    break
                v = v * 10 + d
                q += 1
            if not big and q + 1 < e and buf[q] == 32 and buf[q + 1] == 33:
                p = q + 1
                t_line = seconds(v)
        res = sentence(buf, words, p, e, sent, values, vat) if p >= 0 else 0
        if to_reader:
            # An AIS sentence on a line the reader accepts uses its metadata up.
            if res != 0 and printable(buf, words, s, e):
                to_reader = False
            continue
        if res == EMPTY_PAYLOAD or (res == BAD_CHECKSUM and strict):
            # Counted here as the reader would (no sentence, one error) when nothing else
            # on the line or before it needs the reader.
            if held < 0 and sent[7] + 3 == e and buf[p + 7] == 49:
                kind[i] = REFUSED
                refused[n_refused] = i
                refused_at[n_refused] = p
                refused_sum[n_refused] = sent[0] * 256 + sent[1] if res == BAD_CHECKSUM else -1
                n_refused += 1
            elif held >= 0:
                kind[held] = SLOW  # the reader: the $PGHP line, then this sentence uses it
                held = -1
                if not printable(buf, words, s, e):  # binary junk to the reader: it keeps it
                    to_reader = True
            continue
        ok = res == 1
        glue_p = -1
        glue_l = 0
        tail_time = np.nan
        tail_st = -1
        tail_sl = 0
        if ok and sent[7] + 3 < e:
            a = sent[7] + 3
            ok = printable(buf, words, a, e)
        if ok and sent[7] + 3 < e:
            if buf[a] == 44:  # USCG fields
                ok = uscg_tail(buf, a, e, out_f, out_i)
                tail_time, tail_st, tail_sl = out_f[0], out_i[0], out_i[1]
            elif gs_line >= 0:
                ok = False  # glued fragments under a g: tag block: keys differ (reader's)
            else:  # both fragments glued on one line, or something for the reader
                ok = glued_pair(buf, words, p, e, sent, sent2, values, vat)
                if ok:
                    glue_p = sent2[4]
                    glue_l = sent2[5]
                    sent[0] = 1  # both fragments on this line: a complete message
                    sent[1] = 1
                    sent[6] = sent2[6]  # the fill of the last fragment
        if ok:
            # Precedence as the reader's: tag block c:/s:, then USCG fields, then a leading
            # time, then a pending $PGHP.
            if not np.isnan(tail_time) and not (c0 == 92 and not np.isnan(t_line)):
                t_line = tail_time
            if tail_st >= 0 and ss_line < 0:
                ss_line = tail_st
                sl_line = tail_sl
        meta = -1
        if held >= 0:
            if ok and c0 == 33:
                if np.isnan(t_line):
                    t_line = held_time
                if ss_line < 0:
                    ss_line = held_st
                    sl_line = held_sl
                meta = held
            else:
                kind[held] = SLOW
                ok = False
                # Not an AIS sentence to the reader (or junk): its metadata waits on.
                if res == 0 or not printable(buf, words, s, e):
                    to_reader = True
            held = -1
        if not ok:
            continue
        kind[i] = FAST
        cnt, num, sq, ch = sent[0], sent[1], sent[2], sent[3]
        kk = (np.int32(buf[p + 1]) << 16) | (np.int32(buf[p + 2]) << 8) | buf[p + 5]
        if wait >= 0:
            if _joins(buf, cnt, num, sq, ch, kk, gs_line, gl_line, t_line, w_seq, w_chan,
                      w_key, w_gs, w_gl, w_time, max_age_s):  # fmt: skip
                msg_line[m] = wait
                seg1[m] = w_pay
                len1[m] = w_plen
                seg2[m] = sent[4]
                len2[m] = sent[5]
                mfill[m] = sent[6]
                mchan[m] = w_chan
                mseq[m] = w_seq
                msent[m] = w_sent
                msend[m] = w_send
                mmeta1[m] = w_meta
                mmeta2[m] = meta
                mt1[m] = w_time
                mt2[m] = t_line
                mv1[m] = w_v
                mv2[m] = vat
                vat += sent[5]
                # Metadata from the first fragment that carries it (as the reader's).
                mtime[m] = t_line if np.isnan(w_time) else w_time
                if w_ss >= 0:
                    mss[m] = w_ss
                    msl[m] = w_sl
                else:
                    mss[m] = ss_line
                    msl[m] = sl_line
                m += 1
                taken += 2
                wait = -1
                continue
            kind[wait] = SLOW  # joins nothing: the reader's, with its $PGHP line
            if w_meta >= 0:
                kind[w_meta] = SLOW
            if not meta_like(buf, line_start[wait], line_end[wait]):
                n_lone = _keep_lone(lone, n_lone, wait, w_seq * 256 + w_chan, w_time, w_sent,
                                    w_send, w_meta)  # fmt: skip
            wait = -1
        if cnt == 1:  # one sentence (or both fragments glued on the line)
            msg_line[m] = i
            seg1[m] = sent[4]
            len1[m] = sent[5]
            seg2[m] = glue_p
            len2[m] = glue_l
            mfill[m] = sent[6]
            mchan[m] = ch
            mseq[m] = sq
            msent[m] = p
            msend[m] = sent[7] + 3
            mmeta1[m] = meta
            mmeta2[m] = -1
            mt1[m] = t_line
            mt2[m] = np.nan  # a glued second fragment has no time of its own
            mv1[m] = vat
            mv2[m] = vat + sent[5] if glue_p >= 0 else -1
            vat += sent[5] + glue_l
            mtime[m] = t_line
            mss[m] = ss_line
            msl[m] = sl_line
            m += 1
            taken += 1
            if glue_p >= 0:
                glued += 1
        elif num == 1:
            wait = i
            w_seq, w_chan, w_key, w_pay, w_plen = sq, ch, kk, sent[4], sent[5]
            w_ss, w_sl, w_gs, w_gl = ss_line, sl_line, gs_line, gl_line
            w_sent, w_send, w_meta, w_time = p, sent[7] + 3, meta, t_line
            w_v = vat
            vat += sent[5]
        else:  # a second fragment without its first
            kind[i] = SLOW
            if meta >= 0:
                kind[meta] = SLOW
    if held >= 0:  # a $PGHP line for the next buffer's first sentence: the reader's
        kind[held] = SLOW
    if wait >= 0:  # a first fragment at the end of the buffer: the reader's
        kind[wait] = SLOW
        if w_meta >= 0:
            kind[w_meta] = SLOW
    return (line_start[:nl], line_end[:nl], kind[:nl], msg_line[:m], seg1[:m], len1[:m],
            seg2[:m], len2[:m], mfill[:m], mchan[:m], mtime[:m], mss[:m], msl[:m], mseq[:m],
            msent[:m], msend[:m], mmeta1[:m], mmeta2[:m], mt1[:m], mt2[:m], taken, glued,
            refused[:n_refused], refused_at[:n_refused], refused_sum[:n_refused], values_own[:vat],
            mv1[:m], mv2[:m], lone[:, :n_lone], n)  # fmt: skip


@numba.njit(cache=True, inline="always")
def _keep_lone(lone, k, line, key, time, start, end, meta):  # type: ignore[no-untyped-def]
    """A lone first fragment kept as column k of `lone` (line, key, time, sentence start
    and end, $PGHP line: `Lone`'s fields, all exact in float64); returns k + 1."""
    lone[0, k] = line
    lone[1, k] = key
    lone[2, k] = time
    lone[3, k] = start
    lone[4, k] = end
    lone[5, k] = meta
    return k + 1


@numba.njit(cache=True, inline="always")
def _same_bytes(buf, a, la, b, lb):  # type: ignore[no-untyped-def]
    if la != lb:
        return False
    for k in range(la):  # noqa: SIM110 - numba compiles loops, not generators
        if buf[a + k] != buf[b + k]:
            return False
    return True


@numba.njit(cache=True, inline="always")
def _joins(buf, cnt, num, sq, ch, kk, gs, gl, t, w_seq, w_chan, w_key, w_gs, w_gl, w_time,  # type: ignore[no-untyped-def]
           max_age_s):  # fmt: skip
    """Whether a fast line (count `cnt`, number `num`, sequence id `sq`, channel `ch`, talker
    and VDM/VDO `kk`, tag block group id at `gs`/`gl`, time `t`) is the second fragment the
    reader would join to the waiting first one (`w_*`): part 2 of 2 under the same
    reassembly key, at most `max_age_s` apart where both have times."""
    return (cnt == 2 and num == 2 and sq == w_seq and ch == w_chan and kk == w_key
            and (gs >= 0) == (w_gs >= 0)
            and (gs < 0 or _same_bytes(buf, w_gs, w_gl, gs, gl))
            and not (t - w_time > max_age_s))  # fmt: skip


def _words(buf: U8) -> NDArray[np.uint64]:
    """`buf` (8-byte aligned) as whole uint64 words, for checksums eight bytes at a time
    (read as little-endian: byte k of a word is bits 8k to 8k + 7)."""
    assert sys.byteorder == "little"
    return buf[: buf.size // 8 * 8].view(np.uint64)


def frame_lines(buf: U8, *, max_line: int = MAX_LINE_LENGTH, pending: bool = False,
                strict: bool = True, max_age_s: float = 60.0,
                workspace: Workspace | None = None) -> Framed:  # fmt: skip
    """Split `buf` (whole lines) and frame every fast-path line. `max_line`, `pending`,
    `strict` and `max_age_s` are the scalar reader's: its line length limit, whether it
    holds metadata for the next sentence, whether it refuses checksum mismatches, and its
    multi-part group age limit in seconds. The arrays are written into `workspace` (a new
    one if None): the result is valid until it frames another buffer."""
    if buf.size > MAX_BUFFER:
        raise ValueError(f"a buffer of {buf.size:,} bytes: the columnar decoder takes buffers "
                         "of 2 GiB at most (decode_file reads a file in chunks)")  # fmt: skip
    if buf.ctypes.data % 8:  # positions stay valid in an aligned copy
        buf = buf.copy()
    ws = Workspace() if workspace is None else workspace
    args = (buf, _words(buf), MONTH_DAYS, max_line, pending, strict, max_age_s,
            np.empty(WORK_INTS, np.int64), np.empty(1, np.float64))  # fmt: skip
    found = _scan(*args, *ws.arrays())
    if not ws.fits(found[-1], buf.size):  # no room: nothing framed
        ws.fit(found[-1], buf.size)
        found = _scan(*args, *ws.arrays())
    if buf.size and not found[0].size:  # no room still (`Workspace.fits` is not the scan's)
        raise RuntimeError("frame_lines: the workspace has no room after growing")
    (line_start, line_end, kind, msg_line, seg1, len1, seg2, len2, mfill, mchan, mtime, mss,
     msl, mseq, msent, msend, mmeta1, mmeta2, mt1, mt2, taken, glued, refused, refused_at,
     refused_sum, values, mv1, mv2, lone, _) = found  # fmt: skip
    counts = np.bincount(kind, minlength=7)
    return Framed(
        line_start=line_start,
        line_end=line_end,
        msg_line=msg_line,
        seg1=seg1,
        len1=len1,
        seg2=seg2,
        len2=len2,
        fill=mfill,
        channel=mchan,
        time=mtime,
        station_start=mss,
        station_len=msl,
        seq=mseq,
        sentence_start=msent,
        sentence_end=msend,
        meta1=mmeta1,
        meta2=mmeta2,
        time1=mt1,
        time2=mt2,
        slow=np.flatnonzero(kind == SLOW),
        blank=int(counts[BLANK]),
        fast_lines=int(taken),
        other=int(counts[OTHER]),
        comments=int(counts[COMMENT]),
        metadata=int(counts[META]),
        glued=int(glued),
        refused=refused,
        refused_at=refused_at,
        refused_sum=refused_sum,
        values=values,
        value1=mv1,
        value2=mv2,
        lone=Lone.of(lone),
    )
