"""Compiled NMEA framing over a whole buffer of lines (numba).

One pass over the bytes finds, for every line of the common shapes, the sentence fields and
checks them exactly (checksums, field counts, armour characters):

    !AIVDM,1,1,,B,<payload>,0*hh                     plain sentence
    \\s:station,c:1418169601*hh\\!AIVDM,...            NMEA 4 tag block (c:, s:, g: ...)
    1550303566167726840 !AIVDM,...                   leading numeric time

Two-part messages whose fragments stand on adjacent lines are joined. Every other line
(other time conventions, longer groups, anything malformed) is left to the scalar
`NmeaReader`, which reports problems with their reasons: the two paths agree because the
fast path only takes lines it can frame completely. numba earns its place here: a Python
loop over lines is ~100x slower, and whole-array numpy needs a dozen passes per field.
"""

from __future__ import annotations

from dataclasses import dataclass

import numba
import numpy as np
from numpy.typing import NDArray

I64 = NDArray[np.int64]
U8 = NDArray[np.uint8]

#: Armour value of each byte, or 255 if the byte is not an armour character.
ARMOUR_VALUE = np.full(256, 255, dtype=np.uint8)
for _v in range(64):
    ARMOUR_VALUE[_v + 48 if _v < 40 else _v + 56] = _v

BLANK, FAST, SLOW, OTHER = 0, 1, 2, 3


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
    slow: I64  # line indices for the scalar reader
    blank: int  # blank lines (counted, skipped)
    fast_lines: int  # lines consumed by the fast path
    other: int = 0  # other NMEA sentences (counted, skipped)


@numba.njit(cache=True, inline="always")
def _hex(c: int) -> int:
    if 48 <= c <= 57:
        return c - 48
    if 65 <= c <= 70:
        return c - 55
    if 97 <= c <= 102:
        return c - 87
    return -1


@numba.njit(cache=True, inline="always")
def _seconds(v: int) -> float:
    """Unix seconds from a number of unknown unit, as `aiswatch.nmea.unix_seconds` (ns above
    1e17, us above 1e14, ms above 1e11, else s): whole seconds exactly, then the fraction."""
    unit = 1
    if v > 10**17:
        unit = 10**9
    elif v > 10**14:
        unit = 10**6
    elif v > 10**11:
        unit = 1000
    return float(v // unit) + (v % unit) / unit


@numba.njit(cache=True)
def _tag_block(buf, s, e, out_f, out_i):  # type: ignore[no-untyped-def]
    """Parse a tag block at buf[s] == '\\'. Returns the sentence start, -1 if the line is not
    a fast one, -2 for a tag block alone on its line. Writes time to out_f[0] and station
    start/length to out_i[0:2]."""
    te = -1
    for k in range(s + 1, e):
        if buf[k] == 92:
            te = k
            break
    if te < 0:
        return -1
    if te == e - 1:
        return -2
    if te - s < 5 or buf[te - 3] != 42 or buf[te + 1] != 33:
        return -1
    hi, lo = _hex(buf[te - 2]), _hex(buf[te - 1])
    if hi < 0 or lo < 0:
        return -1
    given = hi * 16 + lo
    cs = 0
    for k in range(s + 1, te - 3):
        cs ^= buf[k]
    if cs != given:
        # Kystverket leaves a leading g: field out of the checksum; the reader accepts it.
        if not (buf[s + 1] == 103 and buf[s + 2] == 58):
            return -1
        cs = 0
        comma = -1
        for k in range(s + 1, te - 3):
            if comma >= 0:
                cs ^= buf[k]
            elif buf[k] == 44:
                comma = k
        if comma < 0 or cs != given:
            return -1
    k = s + 1
    end = te - 3
    while k < end:
        j = k
        while j < end and buf[j] != 44:
            j += 1
        if j - k >= 2 and buf[k + 1] == 58:
            name = buf[k]
            if name == 99:  # c: Unix time
                if j - k - 2 < 1 or j - k - 2 > 18:
                    return -1
                v = 0
                for q in range(k + 2, j):
                    d = buf[q] - 48
                    if d < 0 or d > 9:
                        return -1
                    v = v * 10 + d
                out_f[0] = _seconds(v)
            elif name == 115:  # s: station
                out_i[0] = k + 2
                out_i[1] = j - k - 2
        k = j + 1
    return te + 1


@numba.njit(cache=True)
def _scan(buf, armour):  # type: ignore[no-untyped-def]
    n = 1
    for b in buf:
        if b == 10:
            n += 1
    line_start = np.empty(n, np.int64)
    line_end = np.empty(n, np.int64)
    kind = np.zeros(n, np.int8)
    count = np.zeros(n, np.int8)
    number = np.zeros(n, np.int8)
    seq = np.zeros(n, np.int16)
    channel = np.zeros(n, np.uint8)
    pay = np.zeros(n, np.int64)
    plen = np.zeros(n, np.int64)
    fill = np.zeros(n, np.int8)
    time = np.full(n, np.nan)
    st_start = np.full(n, -1, np.int64)
    st_len = np.zeros(n, np.int64)
    out_f = np.empty(1, np.float64)
    out_i = np.empty(2, np.int64)
    size = buf.size
    nl = 0
    pos = 0
    meta_pending = False
    while pos < size:
        e = pos
        while e < size and buf[e] != 10:
            e += 1
        s = pos
        pos = e + 1
        line_start[nl] = s
        if e > s and buf[e - 1] == 13:
            e -= 1
        line_end[nl] = e
        i = nl
        nl += 1
        if e == s:
            kind[i] = BLANK
            continue
        kind[i] = SLOW
        c0 = buf[s]
        p = -1
        if c0 == 33:
            p = s
        elif c0 == 92:
            out_f[0] = np.nan
            out_i[0] = -1
            out_i[1] = 0
            p = _tag_block(buf, s, e, out_f, out_i)
            if p == -2:
                meta_pending = True
                continue
            time[i] = out_f[0]
            st_start[i] = out_i[0]
            st_len[i] = out_i[1]
        elif 48 <= c0 <= 57:
            v = 0
            q = s
            while q < e and 48 <= buf[q] <= 57 and q - s < 19:
                v = v * 10 + (buf[q] - 48)
                q += 1
            if q + 1 < e and buf[q] == 32 and buf[q + 1] == 33:
                p = q + 1
                time[i] = _seconds(v)
        elif c0 == 36:
            if (
                e - s >= 5
                and buf[s + 1] == 80
                and buf[s + 2] == 71
                and buf[s + 3] == 72
                and buf[s + 4] == 80
            ):
                meta_pending = True  # $PGHP dates the next sentence: scalar reader
            else:
                kind[i] = OTHER
            continue
        if meta_pending:
            meta_pending = False
            continue
        if p < 0:
            continue
        # !xxVDM,c,n,s,ch,payload,f*hh
        star = e - 3
        if star - p < 14 or buf[star] != 42:
            continue
        if not (65 <= buf[p + 1] <= 90 and 65 <= buf[p + 2] <= 90):
            continue
        if buf[p + 3] != 86 or buf[p + 4] != 68 or (buf[p + 5] != 77 and buf[p + 5] != 79):
            continue
        if buf[p + 6] != 44 or buf[p + 8] != 44 or buf[p + 10] != 44:
            continue
        cnt = buf[p + 7] - 48
        num = buf[p + 9] - 48
        if cnt < 1 or cnt > 2 or num < 1 or num > cnt:
            continue
        k = p + 11
        sq = 0
        if buf[k] != 44:
            if not (48 <= buf[k] <= 57) or buf[k + 1] != 44:
                continue
            sq = buf[k]
            k += 1
        k += 1  # channel
        ch = 0
        if buf[k] != 44:
            if buf[k + 1] != 44:
                continue
            ch = buf[k]
            k += 1
        k += 1  # payload
        ps = k
        bad = False
        while k < star and buf[k] != 44:
            if armour[buf[k]] == 255:
                bad = True
                break
            k += 1
        if bad or k == ps or k != star - 2:
            continue
        f = buf[star - 1] - 48
        if f < 0 or f > 5:
            continue
        hi, lo = _hex(buf[star + 1]), _hex(buf[star + 2])
        if hi < 0 or lo < 0:
            continue
        cs = 0
        for q in range(p + 1, star):
            cs ^= buf[q]
        if cs != hi * 16 + lo:
            continue
        kind[i] = FAST
        count[i] = cnt
        number[i] = num
        seq[i] = sq
        channel[i] = ch
        pay[i] = ps
        plen[i] = k - ps
        fill[i] = f
    return (line_start[:nl], line_end[:nl], kind[:nl], count[:nl], number[:nl], seq[:nl],
            channel[:nl], pay[:nl], plen[:nl], fill[:nl], time[:nl], st_start[:nl],
            st_len[:nl])  # fmt: skip


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


def frame_lines(buf: U8) -> Framed:
    """Split `buf` (whole lines) and frame every fast-path line."""
    (line_start, line_end, kind, count, number, seq, channel, pay, plen, fill, time,
     st_start, st_len) = _scan(buf, ARMOUR_VALUE)  # fmt: skip
    fast = np.flatnonzero(kind == FAST)
    cnt, num = count[fast], number[fast]
    # Two-part messages on adjacent lines: part 1 then part 2, same seq id and channel.
    first = np.flatnonzero((cnt == 2) & (num == 1))
    first = first[first + 1 < fast.size]
    second = first + 1
    ok = (fast[second] == fast[first] + 1) & (cnt[second] == 2) & (num[second] == 2)
    ok &= (seq[fast[second]] == seq[fast[first]]) & (channel[fast[second]] == channel[fast[first]])
    first, second = first[ok], second[ok]
    single = np.flatnonzero(cnt == 1)
    take = np.zeros(fast.size, dtype=bool)
    take[single] = True
    take[first] = True
    take[second] = True
    idx1 = np.concatenate((single, first))
    idx2 = np.concatenate((np.full(single.size, -1), second))
    order = np.argsort(fast[idx1], kind="stable")
    idx1, idx2 = idx1[order], idx2[order]
    has2 = idx2 >= 0
    l1 = fast[idx1]
    l2 = fast[np.where(has2, idx2, idx1)]
    # Metadata from the first fragment that carries it (as the scalar reassembly does).
    t = time[l1]
    t = np.where(np.isnan(t) & has2, time[l2], t)
    ss, sl = st_start[l1], st_len[l1]
    use2 = (ss < 0) & has2
    ss = np.where(use2, st_start[l2], ss)
    sl = np.where(use2, st_len[l2], sl)
    slow_mask = kind == SLOW
    slow_mask[fast[~take]] = True
    return Framed(
        line_start=line_start,
        line_end=line_end,
        msg_line=l1,
        seg1=pay[l1],
        len1=plen[l1],
        seg2=np.where(has2, pay[l2], -1),
        len2=np.where(has2, plen[l2], 0),
        fill=fill[l2].astype(np.int64),
        channel=channel[l1],
        time=t,
        station_start=ss,
        station_len=sl,
        slow=np.flatnonzero(slow_mask),
        blank=int((kind == BLANK).sum()),
        fast_lines=int(take.sum()),
        other=int((kind == OTHER).sum()),
    )
