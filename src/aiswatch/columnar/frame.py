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
(`hand_over_conflicts`). numba earns its place here: a Python loop over lines is ~100x
slower, and whole-array numpy needs a dozen passes per field.
"""

from __future__ import annotations

import dataclasses
import re
import sys
from dataclasses import dataclass, field

import numba
import numpy as np
from numpy.typing import NDArray

from aiswatch.columnar.lineparts import (
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
from aiswatch.nmea.reader import MAX_LINE_LENGTH

I64 = NDArray[np.int64]
U8 = NDArray[np.uint8]

#: Armour value of each byte, or 255 if the byte is not an armour character.
ARMOUR_VALUE = np.full(256, 255, dtype=np.uint8)
for _v in range(64):
    ARMOUR_VALUE[_v + 48 if _v < 40 else _v + 56] = _v

BLANK, FAST, SLOW, OTHER, COMMENT, META, EMPTY = 0, 1, 2, 3, 4, 5, 6


def _none() -> I64:
    return np.empty(0, np.int64)


@dataclass
class Framed:
    """The fast lines of one buffer. Message arrays are parallel, one entry per message;
    `slow` lists the line indices (0-based within the buffer) left to the scalar reader."""

    line_start: I64  # byte offset of every line
    line_end: I64  # end of every line, line ending excluded
    msg_line: I64  # 0-based line index of the message's first fragment
    seg1: I64  # payload start, first fragment
    len1: I64
    seg2: I64  # payload start, second fragment (-1 if single)
    len2: I64
    fill: I64
    channel: U8  # channel byte, 0 if empty
    time: NDArray[np.float64]  # Unix seconds, NaN if unknown
    station_start: I64  # -1 if none
    station_len: I64
    seq: NDArray[np.int16]  # sequence id byte of multi-part messages (0 if empty)
    sentence_start: I64  # the first fragment's sentence, '!' to its checksum
    sentence_end: I64
    meta1: I64  # the $PGHP line that dated the first fragment (-1 if none)
    meta2: I64  # ... and the second
    time1: NDArray[np.float64]  # each fragment's own receive time (NaN if none): the
    time2: NDArray[np.float64]  # reader expires groups by them
    slow: I64  # line indices for the scalar reader
    blank: int  # blank lines (counted, skipped)
    fast_lines: int  # lines consumed by the fast path
    other: int = 0  # other NMEA sentences (counted, skipped)
    comments: int = 0  # comment lines (counted, skipped)
    metadata: int = 0  # $PGHP lines read here (their time dates the next sentence)
    glued: int = 0  # lines holding both fragments of a message (two sentences each)
    empty: I64 = field(default_factory=_none)  # lines of a sentence with an empty payload
    empty_at: I64 = field(default_factory=_none)  # where their sentences start


_INT64_TENTH = (2**63 - 1) // 10


@numba.njit(cache=True)
def _scan(buf, words, armour, month_days, max_len, pending):  # type: ignore[no-untyped-def]
    """Classify and frame every line of `buf`. `max_len`: the reader's line length limit
    (longer lines are its to report); `pending`: the reader already holds metadata (a
    $PGHP line or lone tag block) for the next AIS sentence, which must then go to it."""
    n = 1
    for b in buf:
        if b == 10:
            n += 1
    # Only `kind` and the line bounds are set for every line; the rest only where a line
    # is fast (or EMPTY: `pay`), which is all `_pair` reads.
    line_start = np.empty(n, np.int64)
    line_end = np.empty(n, np.int64)
    kind = np.zeros(n, np.int8)
    count = np.empty(n, np.int8)
    number = np.empty(n, np.int8)
    seq = np.empty(n, np.int16)
    channel = np.empty(n, np.uint8)
    key = np.empty(n, np.int32)  # talker and VDM/VDO: part of the reader's reassembly key
    pay = np.empty(n, np.int64)
    plen = np.empty(n, np.int64)
    fill = np.empty(n, np.int8)
    time = np.empty(n, np.float64)
    st_start = np.empty(n, np.int64)
    st_len = np.empty(n, np.int64)
    gid_start = np.empty(n, np.int64)  # tag block group id (g:), part of the key too
    gid_len = np.empty(n, np.int64)
    glue_pay = np.empty(n, np.int64)  # second fragment glued on the line (-1 if none)
    glue_len = np.empty(n, np.int64)
    sent_start = np.empty(n, np.int64)  # the (first) sentence, '!' to checksum
    sent_end = np.empty(n, np.int64)
    meta_of = np.empty(n, np.int64)  # the $PGHP line whose time and station it took
    out_f = np.empty(1, np.float64)
    out_i = np.empty(4, np.int64)
    sent = np.empty(8, np.int64)
    sent2 = np.empty(8, np.int64)
    size = buf.size
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
            if printable(buf, s, e):  # else the reader reports binary junk
                kind[i] = COMMENT
            continue
        if c0 == 36:
            is_pghp = (e - s >= 6 and buf[s + 1] == 80 and buf[s + 2] == 71
                       and buf[s + 3] == 72 and buf[s + 4] == 80 and buf[s + 5] == 44)  # fmt: skip
            if not is_pghp:
                if printable(buf, s, e):
                    kind[i] = OTHER
                continue
            if held >= 0:
                kind[held] = SLOW  # replaced before use: let the reader see both
                held = -1
                to_reader = True
            res = pghp(buf, s, e, out_f, out_i, month_days)
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
        res = sentence(buf, words, p, e, armour, sent) if p >= 0 else 0
        if to_reader:
            # An AIS sentence on a line the reader accepts uses its metadata up.
            if res != 0 and printable(buf, s, e):
                to_reader = False
            continue
        if res == EMPTY_PAYLOAD:
            # Counted here as the reader would (no sentence, one error) when nothing else
            # on the line or before it needs the reader.
            if held < 0 and sent[7] + 3 == e and buf[p + 7] == 49:
                kind[i] = EMPTY
                pay[i] = p
            elif held >= 0:
                kind[held] = SLOW  # the reader: the $PGHP line, then this sentence uses it
                held = -1
                if not printable(buf, s, e):  # binary junk to the reader: it keeps it
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
            ok = printable(buf, a, e)
        if ok and sent[7] + 3 < e:
            if buf[a] == 44:  # USCG fields
                ok = uscg_tail(buf, a, e, out_f, out_i)
                tail_time, tail_st, tail_sl = out_f[0], out_i[0], out_i[1]
            elif gs_line >= 0:
                ok = False  # glued fragments under a g: tag block: keys differ (reader's)
            else:  # both fragments glued on one line, or something for the reader
                ok = glued_pair(buf, words, p, e, armour, sent, sent2)
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
                if res == 0 or not printable(buf, s, e):
                    to_reader = True
            held = -1
        if not ok:
            continue
        kind[i] = FAST
        count[i] = sent[0]
        number[i] = sent[1]
        seq[i] = sent[2]
        channel[i] = sent[3]
        key[i] = (np.int32(buf[p + 1]) << 16) | (np.int32(buf[p + 2]) << 8) | buf[p + 5]
        pay[i] = sent[4]
        plen[i] = sent[5]
        fill[i] = sent[6]
        time[i] = t_line
        st_start[i] = ss_line
        st_len[i] = sl_line
        gid_start[i] = gs_line
        gid_len[i] = gl_line
        glue_pay[i] = glue_p
        glue_len[i] = glue_l
        sent_start[i] = p
        sent_end[i] = sent[7] + 3
        meta_of[i] = meta
    if held >= 0:  # a $PGHP line for the next buffer's first sentence: the reader's
        kind[held] = SLOW
    return (line_start[:nl], line_end[:nl], kind[:nl], count[:nl], number[:nl], seq[:nl],
            channel[:nl], key[:nl], pay[:nl], plen[:nl], fill[:nl], time[:nl],
            st_start[:nl], st_len[:nl], gid_start[:nl], gid_len[:nl], glue_pay[:nl],
            glue_len[:nl], sent_start[:nl], sent_end[:nl], meta_of[:nl])  # fmt: skip


@numba.njit(cache=True)
def payload_matrix(buf, armour, seg1, len1, seg2, nchars):  # type: ignore[no-untyped-def]
    """Six-bit values of each message's payload (fragments joined), zero-padded."""
    n = seg1.size
    out = np.zeros((n, nchars), np.uint8)
    for r in range(n):
        s1, l1, s2 = seg1[r], len1[r], seg2[r]
        for j in range(nchars):
            if j < l1:
                out[r, j] = armour[buf[s1 + j]]
            elif s2 >= 0:
                out[r, j] = armour[buf[s2 + j - l1]]
    return out


@numba.njit(cache=True)
def gather_strings(buf, starts, lengths):  # type: ignore[no-untyped-def]
    """Arrow string buffers (int32 offsets, bytes) of buf[starts[i]:starts[i] + lengths[i]];
    a negative start gives an empty string (the caller marks it null)."""
    n = starts.size
    offsets = np.zeros(n + 1, np.int32)
    total = 0
    for i in range(n):
        if starts[i] >= 0:
            total += lengths[i]
        offsets[i + 1] = total
    data = np.empty(total, np.uint8)
    k = 0
    for i in range(n):
        s = starts[i]
        if s >= 0:
            for j in range(lengths[i]):
                data[k] = buf[s + j]
                k += 1
    return offsets, data


@numba.njit(cache=True, inline="always")
def _same_bytes(buf, a, la, b, lb):  # type: ignore[no-untyped-def]
    if la != lb:
        return False
    for k in range(la):  # noqa: SIM110 - numba compiles loops, not generators
        if buf[a + k] != buf[b + k]:
            return False
    return True


@numba.njit(cache=True)
def _pair(buf, kind, count, number, seq, channel, key, pay, plen, fill, time, st_start,  # type: ignore[no-untyped-def]
          st_len, gid_start, gid_len, glue_pay, glue_len, sent_start, sent_end, meta_of,
          max_age_s):  # fmt: skip
    """Messages from the framed lines, in line order: single sentences, and two-part
    messages whose fragments are adjacent fast lines that the reader would join: part 1
    then part 2 under the same reassembly key (talker, VDM/VDO, channel, sequence id, tag
    block group id), at most `max_age_s` apart where both have times. A fast line that
    pairs with nothing goes back to the reader (SLOW), with the $PGHP line it used."""
    n = kind.size
    msg_line = np.empty(n, np.int64)
    seg1 = np.empty(n, np.int64)
    len1 = np.empty(n, np.int64)
    seg2 = np.empty(n, np.int64)
    len2 = np.empty(n, np.int64)
    mfill = np.empty(n, np.int64)
    mchan = np.empty(n, np.uint8)
    mtime = np.empty(n, np.float64)
    mss = np.empty(n, np.int64)
    msl = np.empty(n, np.int64)
    mseq = np.empty(n, np.int16)
    msent = np.empty(n, np.int64)
    msend = np.empty(n, np.int64)
    mmeta1 = np.empty(n, np.int64)
    mmeta2 = np.empty(n, np.int64)
    mt1 = np.empty(n, np.float64)
    mt2 = np.empty(n, np.float64)
    m = 0
    taken = 0
    i = 0
    while i < n:
        if kind[i] != FAST:
            i += 1
            continue
        if count[i] == 1:
            l2 = i
            s2, n2 = glue_pay[i], glue_len[i]
            step = 1
        elif (number[i] == 1 and i + 1 < n and kind[i + 1] == FAST and count[i + 1] == 2
              and number[i + 1] == 2 and seq[i + 1] == seq[i]
              and channel[i + 1] == channel[i] and key[i + 1] == key[i]
              and (gid_start[i] >= 0) == (gid_start[i + 1] >= 0)
              and (gid_start[i] < 0 or _same_bytes(buf, gid_start[i], gid_len[i],
                                                   gid_start[i + 1], gid_len[i + 1]))
              and not (time[i + 1] - time[i] > max_age_s)):  # fmt: skip
            l2 = i + 1
            s2, n2 = pay[l2], plen[l2]
            step = 2
        else:
            kind[i] = SLOW
            if meta_of[i] >= 0:
                kind[meta_of[i]] = SLOW
            i += 1
            continue
        msg_line[m] = i
        seg1[m] = pay[i]
        len1[m] = plen[i]
        seg2[m] = s2
        len2[m] = n2
        mfill[m] = fill[l2]
        mchan[m] = channel[i]
        mseq[m] = seq[i]
        msent[m] = sent_start[i]
        msend[m] = sent_end[i]
        mmeta1[m] = meta_of[i]
        mmeta2[m] = meta_of[l2] if l2 != i else -1
        mt1[m] = time[i]
        mt2[m] = time[l2] if l2 != i else np.nan  # a glued second part has no time
        # Metadata from the first fragment that carries it (as the scalar reassembly does).
        t = time[i]
        if np.isnan(t):
            t = time[l2]
        mtime[m] = t
        if st_start[i] >= 0:
            mss[m] = st_start[i]
            msl[m] = st_len[i]
        else:
            mss[m] = st_start[l2]
            msl[m] = st_len[l2]
        m += 1
        taken += step
        i += step
    return (msg_line[:m], seg1[:m], len1[:m], seg2[:m], len2[:m], mfill[:m], mchan[:m],
            mtime[:m], mss[:m], msl[:m], mseq[:m], msent[:m], msend[:m], mmeta1[:m],
            mmeta2[:m], mt1[:m], mt2[:m], taken)  # fmt: skip


def _words(buf: U8) -> NDArray[np.uint64]:
    """`buf` (8-byte aligned) as whole uint64 words, for checksums eight bytes at a time
    (read as little-endian: byte k of a word is bits 8k to 8k + 7)."""
    assert sys.byteorder == "little"
    return buf[: buf.size // 8 * 8].view(np.uint64)


def frame_lines(buf: U8, *, max_line: int = MAX_LINE_LENGTH, pending: bool = False,
                max_age_s: float = 60.0) -> Framed:  # fmt: skip
    """Split `buf` (whole lines) and frame every fast-path line. `max_line`, `pending` and
    `max_age_s` are the scalar reader's: its line length limit, whether it holds metadata
    for the next sentence, and its multi-part group age limit in seconds."""
    if buf.ctypes.data % 8:  # positions stay valid in an aligned copy
        buf = buf.copy()
    (line_start, line_end, kind, count, number, seq, channel, key, pay, plen, fill, time,
     st_start, st_len, gid_start, gid_len, glue_pay, glue_len, sent_start, sent_end,
     meta_of) = _scan(buf, _words(buf), ARMOUR_VALUE, MONTH_DAYS, max_line, pending)  # fmt: skip
    glued = int(((glue_pay >= 0) & (kind == FAST)).sum())
    (msg_line, seg1, len1, seg2, len2, mfill, mchan, mtime, mss, msl, mseq, msent, msend,
     mmeta1, mmeta2, mt1, mt2, taken) = _pair(buf, kind, count, number, seq, channel, key, pay, plen,
                                    fill, time, st_start, st_len, gid_start, gid_len,
                                    glue_pay, glue_len, sent_start, sent_end, meta_of,
                                    max_age_s)  # fmt: skip
    counts = np.bincount(kind, minlength=7)
    empty = np.flatnonzero(kind == EMPTY)
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
        glued=glued,
        empty=empty,
        empty_at=pay[empty],
    )


_FRAGMENT = re.compile(rb"VD[MO],([2-9]),[1-9],([0-9]?),([^,]*),")


def group_key(seq: bytes, channel: bytes) -> int:
    """Sequence id and channel of a fragment as one number (byte values, 0 where empty):
    part of the reader's reassembly key. A channel of more than one character, which no
    fast message has, gets a key of its own (-1)."""
    if len(channel) > 1:
        return -1
    return (seq[0] if seq else 0) * 256 + (channel[0] if channel else 0)


def hand_over_conflicts(buf: U8, fr: Framed, open_keys: set[int], window: int) -> Framed:
    """Give the reader the multi-part messages it might assemble differently: those whose
    sequence id and channel (`group_key`) match a fragment it holds (from an earlier
    buffer, `open_keys`) or one on a slow line at most `window` lines before (the reader's
    group age limit in lines), and then, in turn, those that match a message handed over
    (its fragments reach the same groups). The reader then sees the fragments in order,
    with the $PGHP lines that dated them, and reports duplicates, replacements and
    incomplete groups as it would alone."""
    openers: list[tuple[int, int]] = [(-1, k) for k in open_keys]
    for i in fr.slow.tolist():  # every fragment on the line (glued ones too)
        for m in _FRAGMENT.finditer(buf[fr.line_start[i] : fr.line_end[i]].tobytes()):
            openers.append((i, group_key(m.group(2), m.group(3))))
    multi = fr.seg2 >= 0
    if not openers or not multi.any():
        return fr
    bad = np.zeros(fr.msg_line.size, dtype=bool)
    by_seq: dict[int, list[int]] = {}
    multi_idx = np.flatnonzero(multi)
    multi_seq = fr.seq[multi_idx].astype(np.int64) * 256 + fr.channel[multi_idx]
    on_next_all = fr.seg2 > fr.line_end[fr.msg_line]  # second fragment on the next line
    while openers:
        for line, q in openers:
            by_seq.setdefault(q, []).append(line)
        found = np.zeros_like(bad)
        for q in {q for _, q in openers}:
            idx = multi_idx[multi_seq == q]
            at = fr.msg_line[idx]
            ol = np.sort(np.array(by_seq[q], dtype=np.int64))
            j = np.searchsorted(ol, at, side="left") - 1  # the last opener before each
            near = (j >= 0) & (at - ol[np.maximum(j, 0)] <= window)
            found[idx[near]] = True
        found &= ~bad
        bad |= found
        rows = np.flatnonzero(found)
        last = fr.msg_line[rows] + on_next_all[rows]
        keys = fr.seq[rows].astype(np.int64) * 256 + fr.channel[rows]
        openers = list(zip(last.tolist(), keys.tolist(), strict=True))
    if not bad.any():
        return fr
    rows = np.flatnonzero(bad)
    first = fr.msg_line[rows]
    on_next = on_next_all[rows]
    meta = np.concatenate((fr.meta1[rows], fr.meta2[rows]))
    meta = meta[meta >= 0]
    back = np.concatenate((first, first[on_next] + 1, meta))
    keep = ~bad
    return dataclasses.replace(
        fr,
        msg_line=fr.msg_line[keep], seg1=fr.seg1[keep], len1=fr.len1[keep],
        seg2=fr.seg2[keep], len2=fr.len2[keep], fill=fr.fill[keep],
        channel=fr.channel[keep], time=fr.time[keep], station_start=fr.station_start[keep],
        station_len=fr.station_len[keep], seq=fr.seq[keep],
        sentence_start=fr.sentence_start[keep], sentence_end=fr.sentence_end[keep],
        meta1=fr.meta1[keep], meta2=fr.meta2[keep], time1=fr.time1[keep],
        time2=fr.time2[keep],
        slow=np.union1d(fr.slow, back),
        fast_lines=fr.fast_lines - first.size - int(on_next.sum()),
        glued=fr.glued - int((~on_next).sum()),
        metadata=fr.metadata - meta.size,
    )  # fmt: skip
