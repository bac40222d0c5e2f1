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

import dataclasses
import re
import sys
from dataclasses import dataclass, field

import numba
import numpy as np
from numpy.typing import NDArray

I64 = NDArray[np.int64]
U8 = NDArray[np.uint8]

#: Armour value of each byte, or 255 if the byte is not an armour character.
ARMOUR_VALUE = np.full(256, 255, dtype=np.uint8)
for _v in range(64):
    ARMOUR_VALUE[_v + 48 if _v < 40 else _v + 56] = _v

BLANK, FAST, SLOW, OTHER, COMMENT, META, EMPTY = 0, 1, 2, 3, 4, 5, 6
EMPTY_PAYLOAD = 2  # `_sentence`: refused only for its empty payload


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
    slow: I64  # line indices for the scalar reader
    blank: int  # blank lines (counted, skipped)
    fast_lines: int  # lines consumed by the fast path
    other: int = 0  # other NMEA sentences (counted, skipped)
    comments: int = 0  # comment lines (counted, skipped)
    metadata: int = 0  # $PGHP lines read here (their time dates the next sentence)
    glued: int = 0  # lines holding both fragments of a message (two sentences each)
    empty: I64 = field(default_factory=_none)  # lines of a sentence with an empty payload
    empty_at: I64 = field(default_factory=_none)  # where their sentences start


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
    if v <= 10**11:
        return float(v)  # seconds: no division (an integer division costs ~40 cycles)
    unit = 1
    if v > 10**17:
        unit = 10**9
    elif v > 10**14:
        unit = 10**6
    elif v > 10**11:
        unit = 1000
    return float(v // unit) + (v % unit) / unit


@numba.njit(cache=True, inline="always")
def _days_from_civil(y, m, d):  # type: ignore[no-untyped-def]
    """Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm)."""
    y -= m <= 2
    era = (y if y >= 0 else y - 399) // 400
    yoe = y - era * 400
    doy = (153 * (m + (-3 if m > 2 else 9)) + 2) // 5 + d - 1
    doe = yoe * 365 + yoe // 4 - yoe // 100 + doy
    return era * 146097 + doe - 719468


@numba.njit(cache=True, inline="always")
def _xor_range(buf, words, a, b):  # type: ignore[no-untyped-def]
    """XOR of buf[a:b], a word of eight bytes at a time through `words` (buf as aligned
    little-endian uint64): the first and last words are masked to the range's bytes."""
    if b <= a:
        return 0
    wa = a >> 3
    wb = (b - 1) >> 3
    if wb >= words.size:  # the buffer's last few bytes are not a whole word
        cs = 0
        for k in range(a, b):
            cs ^= buf[k]
        return cs
    lo = np.uint64(8 * (a & 7))
    top = np.uint64(8 * ((b - 1) & 7) + 8)  # bits kept in the last word
    keep = np.uint64(0xFFFFFFFFFFFFFFFF) if top == 64 else (np.uint64(1) << top) - np.uint64(1)
    if wa == wb:
        w = (words[wa] & keep) >> lo
    else:
        w = words[wa] >> lo
        for k in range(wa + 1, wb):
            w ^= words[k]
        w ^= words[wb] & keep
    w ^= w >> np.uint64(32)
    w ^= w >> np.uint64(16)
    w ^= w >> np.uint64(8)
    return int(w & np.uint64(255))


#: Tag block bytes: 0 ordinary (printable), 1 the closing backslash, 2 a comma, 3 a byte
#: the reader refuses (not printable ASCII).
_TAG_CLASS = np.zeros(256, dtype=np.uint8)
_TAG_CLASS[:32] = 3
_TAG_CLASS[127:] = 3
_TAG_CLASS[92] = 1
_TAG_CLASS[44] = 2


_MONTH_DAYS = np.array([0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31], dtype=np.int64)


@numba.njit(cache=True)
def _pghp(buf, s, e, out_f, out_i, month_days):  # type: ignore[no-untyped-def]
    """A Gatehouse `$PGHP,1,y,mo,d,h,mi,s,ms,mid,region,mmsi,online,cc*hh` line, as the
    reader takes it. Returns 1 with time and station written (out_f[0], out_i[0:2]), 0 for
    a valid line of another PGHP type (no metadata), -1 if the reader must see it."""
    star = e - 3
    if star - s < 8 or buf[star] != 42:
        return -1
    hi, lo = _hex(buf[star + 1]), _hex(buf[star + 2])
    if hi < 0 or lo < 0:
        return -1
    cs = 0
    for k in range(s + 1, star):
        b = buf[k]
        if b < 33 or b > 126:
            return -1
        cs ^= b
    if cs != hi * 16 + lo:
        return -1
    starts = np.empty(16, np.int64)
    ends = np.empty(16, np.int64)
    nf = 0
    k = s + 6
    starts[0] = k
    while k < star:
        if buf[k] == 44:
            if nf >= 15:
                return -1
            ends[nf] = k
            nf += 1
            starts[nf] = k + 1
        k += 1
    ends[nf] = star
    nf += 1
    # Field 0 is the PGHP message type; only type 1 carries time and station.
    if not (ends[0] - starts[0] == 1 and buf[starts[0]] == 49):
        return 0
    if nf < 12:
        return -1
    vals = np.zeros(7, np.int64)
    for f in range(1, 8):
        if ends[f] == starts[f] or ends[f] - starts[f] > 9:
            return -1
        v = 0
        for q in range(starts[f], ends[f]):
            d = buf[q] - 48
            if d < 0 or d > 9:
                return -1
            v = v * 10 + d
        vals[f - 1] = v
    year, month, day, hour, minute, sec, ms = vals
    if year < 1 or year > 9999 or month < 1 or month > 12 or day < 1:
        return -1
    leap = (year % 4 == 0 and year % 100 != 0) or year % 400 == 0
    if day > month_days[month] + (1 if month == 2 and leap else 0):
        return -1
    if hour > 23 or minute > 59 or sec > 59 or ms > 999:
        return -1
    days = _days_from_civil(year, month, day)
    out_f[0] = float(days * 86400 + hour * 3600 + minute * 60 + sec) + ms / 1000
    # Station: the PSS MMSI (field 10), else the region (field 9) unless empty or "0".
    out_i[0] = -1
    out_i[1] = 0
    if ends[10] > starts[10]:
        out_i[0] = starts[10]
        out_i[1] = ends[10] - starts[10]
    elif ends[9] > starts[9] and not (ends[9] - starts[9] == 1 and buf[starts[9]] == 48):
        out_i[0] = starts[9]
        out_i[1] = ends[9] - starts[9]
    return 1


@numba.njit(cache=True, inline="always")
def _tag_field(buf, k, j, out_f, out_i):  # type: ignore[no-untyped-def]
    """One tag block field buf[k:j]: c: (Unix time) and s: (station) are read. Returns
    False for a c: field the reader would reject."""
    if j - k >= 2 and buf[k + 1] == 58:
        name = buf[k]
        if name == 99:  # c: Unix time
            if j - k - 2 < 1 or j - k - 2 > 18:
                return False
            v = 0
            for q in range(k + 2, j):
                d = buf[q] - 48
                if d < 0 or d > 9:
                    return False
                v = v * 10 + d
            out_f[0] = _seconds(v)
        elif name == 115:  # s: station
            out_i[0] = k + 2
            out_i[1] = j - k - 2
    return True


@numba.njit(cache=True)
def _tag_block(buf, words, s, e, out_f, out_i):  # type: ignore[no-untyped-def]
    """Parse a tag block at buf[s] == '\\'. Returns the sentence start, -1 if the line is
    not a fast one, -2 for a tag block alone on its line. Writes time to out_f[0] and
    station start/length to out_i[0:2].

    One pass finds the closing backslash, checks the bytes are printable and reads the
    fields at each comma; the checksum is summed eight bytes at a time; the outcome is
    decided in the reader's order (a lone tag block first, then shape, checksum, fields)."""
    bad = False  # a non-printable byte (the reader reports it)
    fields_ok = True
    fs = s + 1
    te = -1
    k = s + 1
    while k < e:
        c = _TAG_CLASS[buf[np.uint64(k)]]  # unsigned index: no wraparound test per byte
        if c == 0:
            k += 1
            continue
        if c == 1:
            te = k
            break
        if c == 3:
            bad = True
        else:
            if not _tag_field(buf, fs, k, out_f, out_i):
                fields_ok = False
            fs = k + 1
        k += 1
    if te < 0:
        return -1
    if te == e - 1:
        return -2
    if te - s < 5 or buf[te - 3] != 42 or buf[te + 1] != 33:
        return -1
    if bad:
        return -1
    hi, lo = _hex(buf[te - 2]), _hex(buf[te - 1])
    if hi < 0 or lo < 0:
        return -1
    given = hi * 16 + lo
    cs = _xor_range(buf, words, s + 1, te - 3)
    if fs <= te - 3 and not _tag_field(buf, fs, te - 3, out_f, out_i):
        fields_ok = False
    if cs != given:
        # Kystverket leaves a leading g: field out of the checksum; the reader accepts it.
        if not (buf[s + 1] == 103 and buf[s + 2] == 58):
            return -1
        cs = 0
        comma = -1
        for q in range(s + 1, te - 3):
            if comma >= 0:
                cs ^= buf[q]
            elif buf[q] == 44:
                comma = q
        if comma < 0 or cs != given:
            return -1
    if not fields_ok:
        return -1
    return te + 1


@numba.njit(cache=True)
def _sentence(buf, words, p, e, armour, out):  # type: ignore[no-untyped-def]
    """Check `!xxVDM,c,n,s,ch,payload,f*hh` (or VDO) from buf[p] as the reader would
    accept it (one or two fragments; an eighth field after the fill, as SignalK "gofree"
    logs write, is allowed). On success write count, number, seq byte, channel byte,
    payload start, payload length, fill and the '*' position into `out` and return 1; what
    follows the checksum (before `e`) is the caller's. Returns EMPTY_PAYLOAD for a sentence
    the reader would refuse only for its empty payload, else 0.

    The fixed header is checked in place, the payload's armour byte by byte up to its
    closing comma, and the checksum eight bytes at a time."""
    if e - p < 17:
        return 0
    # Talker: two of A-Z or '-' (as the reader accepts: "!--VDM" is seen in the wild).
    t1, t2 = buf[p + 1], buf[p + 2]
    if not ((65 <= t1 <= 90 or t1 == 45) and (65 <= t2 <= 90 or t2 == 45)):
        return 0
    if buf[p + 3] != 86 or buf[p + 4] != 68 or (buf[p + 5] != 77 and buf[p + 5] != 79):
        return 0
    if buf[p + 6] != 44 or buf[p + 8] != 44 or buf[p + 10] != 44:
        return 0
    cnt = buf[p + 7] - 48
    num = buf[p + 9] - 48
    if cnt < 1 or cnt > 2 or num < 1 or num > cnt:
        return 0
    k = p + 11
    sq = 0
    if buf[k] != 44:
        if not (48 <= buf[k] <= 57) or buf[k + 1] != 44:
            return 0
        sq = buf[k]
        k += 1
    k += 1  # channel
    ch = 0
    if buf[k] != 44:
        if buf[k + 1] != 44 or buf[k] < 32 or buf[k] > 126:  # the reader: binary junk
            return 0
        ch = buf[k]
        k += 1
    k += 1  # payload
    ps = k
    q = ps
    while q < e and armour[buf[np.uint64(q)]] != 255:
        q += 1
    if q + 1 >= e or buf[q] != 44:
        return 0
    pe = q  # the comma closing the payload
    f = buf[pe + 1] - 48
    if f < 0 or f > 5:
        return 0
    star = pe + 2
    if star < e and buf[star] == 44:  # an eighth field, then the '*'
        q = star + 1
        while q < e and buf[q] != 42 and buf[q] != 44:
            if buf[q] < 32 or buf[q] > 126:
                return 0
            q += 1
        star = q
    if star + 2 >= e or buf[star] != 42:
        return 0
    cs = _xor_range(buf, words, p + 1, star)
    hi, lo = _hex(buf[star + 1]), _hex(buf[star + 2])
    if hi < 0 or lo < 0:
        return 0
    if cs != hi * 16 + lo:
        return 0
    if pe == ps:  # a well-formed sentence with an empty payload: the reader's error
        return EMPTY_PAYLOAD if ch != 42 else 0
    out[0] = cnt
    out[1] = num
    out[2] = sq
    out[3] = ch
    out[4] = ps
    out[5] = pe - ps
    out[6] = f
    out[7] = star
    return 1


@numba.njit(cache=True)
def _uscg_tail(buf, a, e, out_f, out_i):  # type: ignore[no-untyped-def]
    """USCG fields after the checksum, buf[a:e] starting with ',' (",b003669794,1272412827"):
    the time is the last field that is a whole number (unit by magnitude), the station the
    last field of two or more characters starting with 'r' or 'b', as the reader takes them.
    Returns False where the reader must decide (spaces, decimal times)."""
    out_f[0] = np.nan
    out_i[0] = -1
    out_i[1] = 0
    when = False
    j = e
    while j > a:
        k = j - 1
        while k > a and buf[k] != 44:
            k -= 1
        fs = k + 1
        digits = fs < j
        dots = 0
        for q in range(fs, j):
            b = buf[q]
            if b == 32 or b == 9:
                return False
            if b == 46:
                dots += 1
            elif not 48 <= b <= 57:
                digits = False
        if not when:
            if digits and dots == 0 and j - fs <= 18:
                v = 0
                for q in range(fs, j):
                    v = v * 10 + (buf[q] - 48)
                out_f[0] = _seconds(v)
                when = True
                j = k
                continue
            if digits and dots == 1 and j - fs > 1:
                return False  # a decimal time: the reader's float parsing decides
        if out_i[0] < 0 and j - fs > 1 and (buf[fs] == 114 or buf[fs] == 98):
            out_i[0] = fs
            out_i[1] = j - fs
        if when and out_i[0] >= 0:
            break
        j = k
    return True


@numba.njit(cache=True)
def _glued_pair(buf, words, p, e, armour, first, second):  # type: ignore[no-untyped-def]
    """Two fragments of one message glued on one line by a literal "\\r\\n" (DMA logs):
    fragment 1 of 2 then fragment 2 of 2, same sequence id and channel."""
    star = -1
    for k in range(p, e - 7):
        if buf[k] == 42:
            star = k
            break
    if star < 0:
        return False
    g = star + 3
    if not (buf[g] == 92 and buf[g + 1] == 114 and buf[g + 2] == 92 and buf[g + 3] == 110):
        return False
    q = g + 4
    if q >= e or buf[q] != 33:
        return False
    if (_sentence(buf, words, p, g, armour, first) != 1
            or _sentence(buf, words, q, e, armour, second) != 1):  # fmt: skip
        return False
    if first[7] + 3 != g or second[7] + 3 != e:
        return False
    return (first[0] == 2 and first[1] == 1 and second[0] == 2 and second[1] == 2
            and first[2] == second[2] and first[3] == second[3])  # fmt: skip


_ONES = np.uint64(0x0101010101010101)
_HIGHS = np.uint64(0x8080808080808080)
_NEWLINES = np.uint64(0x0A0A0A0A0A0A0A0A)


@numba.njit(cache=True, inline="always")
def _newline(buf, words, pos, size):  # type: ignore[no-untyped-def]
    """Index of the first '\\n' at or after `pos` (`size` if none), eight bytes at a time:
    a word holds a newline where (v ^ 0x0A..) has a zero byte (the classic zero-byte test),
    and the word is then read byte by byte from `pos`."""
    k = pos
    nw = words.size
    w = k >> 3
    while w < nw:
        v = words[w] ^ _NEWLINES
        if (v - _ONES) & ~v & _HIGHS:
            j = max(k, w << 3)
            end = (w << 3) + 8
            while j < end:
                if buf[j] == 10:
                    return j
                j += 1
        w += 1
        k = w << 3
    k = max(k, nw << 3)
    while k < size:
        if buf[k] == 10:
            return k
        k += 1
    return size


@numba.njit(cache=True)
def _printable(buf, s, e):  # type: ignore[no-untyped-def]
    """Whether buf[s:e] is printable ASCII (tabs allowed), as the reader wants a line."""
    for k in range(s, e):
        b = buf[k]
        if (b < 32 and b != 9) or b > 126:
            return False
    return True


@numba.njit(cache=True)
def _scan(buf, words, armour, month_days):  # type: ignore[no-untyped-def]
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
    glue_pay = np.full(n, -1, np.int64)
    glue_len = np.zeros(n, np.int64)
    out_f = np.empty(1, np.float64)
    out_i = np.empty(2, np.int64)
    sent = np.empty(8, np.int64)
    sent2 = np.empty(8, np.int64)
    size = buf.size
    nl = 0
    pos = 0
    # Metadata lines date the next AIS sentence. `to_reader`: the reader holds it (a lone
    # tag block or a $PGHP line it must report), so that sentence goes to the reader too.
    # `held`: a $PGHP line read here, applied here if that sentence is a plain fast one,
    # else handed to the reader with it.
    to_reader = False
    held = -1
    held_time = np.nan
    held_st = -1
    held_sl = 0
    while pos < size:
        e = _newline(buf, words, pos, size)
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
        if c0 == 35:
            if _printable(buf, s, e):  # else the reader reports binary junk
                kind[i] = COMMENT
            continue
        if c0 == 36:
            is_pghp = (e - s >= 6 and buf[s + 1] == 80 and buf[s + 2] == 71
                       and buf[s + 3] == 72 and buf[s + 4] == 80 and buf[s + 5] == 44)  # fmt: skip
            if not is_pghp:
                if _printable(buf, s, e):
                    kind[i] = OTHER
                continue
            if held >= 0:
                kind[held] = SLOW  # replaced before use: let the reader see both
                held = -1
            res = _pghp(buf, s, e, out_f, out_i, month_days)
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
        if c0 == 33:
            p = s
        elif c0 == 92:
            out_f[0] = np.nan
            out_i[0] = -1
            out_i[1] = 0
            p = _tag_block(buf, words, s, e, out_f, out_i)
            if p == -2:  # a tag block alone on its line
                if held >= 0:
                    kind[held] = SLOW
                    held = -1
                to_reader = True
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
        res = _sentence(buf, words, p, e, armour, sent) if p >= 0 and not to_reader else 0
        if res == EMPTY_PAYLOAD:
            # Counted here as the reader would (no sentence, one error) when nothing else
            # on the line or before it needs the reader.
            to_reader = False
            if held < 0 and buf[e - 3] == 42 and buf[p + 7] == 49:
                kind[i] = EMPTY
                pay[i] = p
            elif held >= 0:
                kind[held] = SLOW
                held = -1
            continue
        ok = res == 1
        tail_time = np.nan
        tail_st = -1
        tail_sl = 0
        if ok and sent[7] + 3 < e:
            a = sent[7] + 3
            ok = _printable(buf, a, e)
        if ok and sent[7] + 3 < e:
            if buf[a] == 44:  # USCG fields
                ok = _uscg_tail(buf, a, e, out_f, out_i)
                tail_time, tail_st, tail_sl = out_f[0], out_i[0], out_i[1]
            else:  # both fragments glued on one line, or something for the reader
                ok = _glued_pair(buf, words, p, e, armour, sent, sent2)
                if ok:
                    glue_pay[i] = sent2[4]
                    glue_len[i] = sent2[5]
                    sent[0] = 1  # both fragments on this line: a complete message
                    sent[1] = 1
                    sent[6] = sent2[6]  # the fill of the last fragment
        if ok:
            # Precedence as the reader's: tag block c:/s:, then USCG fields, then a leading
            # time, then a pending $PGHP.
            if not np.isnan(tail_time) and not (c0 == 92 and not np.isnan(time[i])):
                time[i] = tail_time
            if tail_st >= 0 and st_start[i] < 0:
                st_start[i] = tail_st
                st_len[i] = tail_sl
        if held >= 0:
            if ok and c0 == 33:
                if np.isnan(time[i]):
                    time[i] = held_time
                if st_start[i] < 0:
                    st_start[i] = held_st
                    st_len[i] = held_sl
            else:
                kind[held] = SLOW
                ok = False
            held = -1
        to_reader = False
        if not ok:
            continue
        kind[i] = FAST
        count[i] = sent[0]
        number[i] = sent[1]
        seq[i] = sent[2]
        channel[i] = sent[3]
        pay[i] = sent[4]
        plen[i] = sent[5]
        fill[i] = sent[6]
    return (line_start[:nl], line_end[:nl], kind[:nl], count[:nl], number[:nl], seq[:nl],
            channel[:nl], pay[:nl], plen[:nl], fill[:nl], time[:nl], st_start[:nl],
            st_len[:nl], glue_pay[:nl], glue_len[:nl])  # fmt: skip


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


@numba.njit(cache=True)
def _pair(kind, count, number, seq, channel, pay, plen, fill, time, st_start, st_len,  # type: ignore[no-untyped-def]
          glue_pay, glue_len):  # fmt: skip
    """Messages from the framed lines, in line order: single sentences, and two-part
    messages whose fragments are adjacent fast lines (part 1 then part 2, same sequence id
    and channel). A fast line that pairs with nothing goes back to the reader (SLOW)."""
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
              and channel[i + 1] == channel[i]):  # fmt: skip
            l2 = i + 1
            s2, n2 = pay[l2], plen[l2]
            step = 2
        else:
            kind[i] = SLOW
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
            mtime[:m], mss[:m], msl[:m], mseq[:m], taken)  # fmt: skip


def _words(buf: U8) -> NDArray[np.uint64]:
    """`buf` (8-byte aligned) as whole uint64 words, for checksums eight bytes at a time
    (read as little-endian: byte k of a word is bits 8k to 8k + 7)."""
    assert sys.byteorder == "little"
    return buf[: buf.size // 8 * 8].view(np.uint64)


def frame_lines(buf: U8) -> Framed:
    """Split `buf` (whole lines) and frame every fast-path line."""
    if buf.ctypes.data % 8:  # positions stay valid in an aligned copy
        buf = buf.copy()
    (line_start, line_end, kind, count, number, seq, channel, pay, plen, fill, time,
     st_start, st_len, glue_pay, glue_len) = _scan(buf, _words(buf), ARMOUR_VALUE,
                                                   _MONTH_DAYS)  # fmt: skip
    glued = int(((glue_pay >= 0) & (kind == FAST)).sum())
    (msg_line, seg1, len1, seg2, len2, mfill, mchan, mtime, mss, msl, mseq,
     taken) = _pair(kind, count, number, seq, channel, pay, plen, fill, time, st_start,
                    st_len, glue_pay, glue_len)  # fmt: skip
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


_FRAGMENT = re.compile(rb"VD[MO],([2-9]),[1-9],([0-9]?),")


def hand_over_conflicts(buf: U8, fr: Framed, open_seqs: set[int], window: int) -> Framed:
    """Give the reader the multi-part messages it might assemble differently: those whose
    sequence id matches a fragment it holds (from an earlier buffer, `open_seqs`) or one on
    a slow line at most `window` lines before (the reader's group age limit in lines). The
    reader then sees the fragments in order and reports duplicates, replacements and
    incomplete groups exactly as it would alone."""
    openers: list[tuple[int, int]] = [(-1, q) for q in open_seqs]
    for i in fr.slow.tolist():
        m = _FRAGMENT.search(buf[fr.line_start[i] : fr.line_end[i]].tobytes())
        if m is not None:
            openers.append((i, m.group(2)[0] if m.group(2) else 0))
    multi = fr.seg2 >= 0
    if not openers or not multi.any():
        return fr
    bad = np.zeros(fr.msg_line.size, dtype=bool)
    by_seq: dict[int, list[int]] = {}
    for line, q in openers:
        by_seq.setdefault(q, []).append(line)
    multi_idx = np.flatnonzero(multi)
    multi_seq = fr.seq[multi_idx]
    for q, lines in by_seq.items():
        idx = multi_idx[multi_seq == q]
        at = fr.msg_line[idx]
        ol = np.sort(np.array(lines, dtype=np.int64))
        j = np.searchsorted(ol, at, side="left") - 1  # the last opener before each
        near = (j >= 0) & (at - ol[np.maximum(j, 0)] <= window)
        bad[idx[near]] = True
    if not bad.any():
        return fr
    rows = np.flatnonzero(bad)
    first = fr.msg_line[rows]
    # A fragment on the next line (not glued on the same one) goes back too.
    on_next = fr.seg2[rows] > fr.line_end[first]
    back = np.concatenate((first, first[on_next] + 1))
    keep = ~bad
    return dataclasses.replace(
        fr,
        msg_line=fr.msg_line[keep], seg1=fr.seg1[keep], len1=fr.len1[keep],
        seg2=fr.seg2[keep], len2=fr.len2[keep], fill=fr.fill[keep],
        channel=fr.channel[keep], time=fr.time[keep], station_start=fr.station_start[keep],
        station_len=fr.station_len[keep], seq=fr.seq[keep],
        slow=np.union1d(fr.slow, back),
        fast_lines=fr.fast_lines - back.size,
        glued=fr.glued - int((~on_next).sum()),
    )  # fmt: skip
