"""Compiled parsers of the parts of one NMEA line (numba), for `frame`'s scan.

Each takes the whole buffer and positions within it and checks its part exactly as the
scalar reader would accept it: a tag block (its own checksum, c: time, s: station), a VDM/VDO
sentence (header, armour, fill, checksum), USCG trailing fields, two fragments glued on one
line, a Gatehouse `$PGHP` line. Checksums are summed eight bytes at a time through the
buffer viewed as little-endian uint64 words (`words`).

The parsers of the common lines (sentence, tag block, USCG fields, `$PGHP`) are inlined
into the scan: a call between compiled functions passes every array as a dozen values, and
inlined, they take the scan's borrowed views (`borrow`) with no reference counting. Together
that framed lines 20 to 25 % faster (bench/RESULTS.md); the rarer parts stay calls.

numba checks a cached function against its own source file only: `frame`'s scan, cached
with `frame.py`, does not see a change here (or in `borrow.py`), inlined or called. After
changing either, delete the cache (`make clean-jit`).
"""

from __future__ import annotations

from typing import Any

import numba
import numpy as np
from numba.cpython.unsafe.numbers import trailing_zeros as _trailing_zeros

#: The count of a uint64's trailing zero bits (LLVM's cttz; typed loosely: mypy reads the
#: intrinsic's call as taking a typing context).
trailing_zeros: Any = _trailing_zeros

EMPTY_PAYLOAD = 2  # `sentence`: refused only for its empty payload
BAD_CHECKSUM = 3  # `sentence`: refused only for its checksum (the reader's first test)


@numba.njit(cache=True, inline="always")
def hex_digit(c: int) -> int:
    if 48 <= c <= 57:
        return c - 48
    if 65 <= c <= 70:
        return c - 55
    if 97 <= c <= 102:
        return c - 87
    return -1


@numba.njit(cache=True, inline="always")
def seconds(v: int) -> float:
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
def days_from_civil(y, m, d):  # type: ignore[no-untyped-def]
    """Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm)."""
    y -= m <= 2
    era = (y if y >= 0 else y - 399) // 400
    yoe = y - era * 400
    doy = (153 * (m + (-3 if m > 2 else 9)) + 2) // 5 + d - 1
    doe = yoe * 365 + yoe // 4 - yoe // 100 + doy
    return era * 146097 + doe - 719468


@numba.njit(cache=True, inline="always")
def xor_range(buf, words, a, b):  # type: ignore[no-untyped-def]
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
        w = (words[np.uint64(wa)] & keep) >> lo
    else:
        w = words[np.uint64(wa)] >> lo
        for k in range(wa + 1, wb):
            w ^= words[np.uint64(k)]
        w ^= words[np.uint64(wb)] & keep
    w ^= w >> np.uint64(32)
    w ^= w >> np.uint64(16)
    w ^= w >> np.uint64(8)
    return np.int64(w & np.uint64(255))


MONTH_DAYS = np.array([0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31], dtype=np.int64)


@numba.njit(cache=True, inline="always")
def pghp(buf, s, e, out_f, out_i, month_days, scratch):  # type: ignore[no-untyped-def]
    """A Gatehouse `$PGHP,1,y,mo,d,h,mi,s,ms,mid,region,mmsi,online,cc*hh` line, as the
    reader takes it. Returns 1 with time and station written (out_f[0], out_i[0:2]), 0 for
    a valid line of another PGHP type (no metadata), -1 if the reader must see it.
    `scratch`: 39 integers of working space (no allocation per line)."""
    star = e - 3
    if star - s < 8 or buf[star] != 42:
        return -1
    hi, lo = hex_digit(buf[star + 1]), hex_digit(buf[star + 2])
    if hi < 0 or lo < 0:
        return -1
    # One pass: the checksum, the bytes the reader accepts, and the fields after "$PGHP,".
    starts = scratch[0:16]
    ends = scratch[16:32]
    nf = 0
    starts[0] = s + 6
    cs = 0
    for k in range(s + 1, star):
        b = buf[np.uint64(k)]  # unsigned: no negative-index test (a third faster)
        if b < 33 or b > 126 or b == 42:  # the reader takes the first '*'
            return -1
        cs ^= b
        if b == 44 and k >= s + 6:
            if nf >= 15:
                return -1
            ends[nf] = k
            nf += 1
            starts[nf] = k + 1
    if cs != hi * 16 + lo:
        return -1
    ends[nf] = star
    nf += 1
    # Field 0 is the PGHP message type; only type 1 carries time and station.
    if not (ends[0] - starts[0] == 1 and buf[starts[0]] == 49):
        return 0
    if nf < 12:
        return -1
    vals = scratch[32:39]
    for f in range(1, 8):
        if ends[f] == starts[f] or ends[f] - starts[f] > 9:
            return -1
        v = 0
        for q in range(starts[f], ends[f]):
            d = buf[np.uint64(q)] - 48
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
    days = days_from_civil(year, month, day)
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
def _digits(buf, a, b):  # type: ignore[no-untyped-def]
    """Whether buf[a:b] is one or more ASCII digits."""
    if b <= a:
        return False
    for q in range(a, b):  # noqa: SIM110 - numba compiles loops, not generators
        if buf[q] < 48 or buf[q] > 57:
            return False
    return True


@numba.njit(cache=True, inline="always")
def eight_bytes(words, a):  # type: ignore[no-untyped-def]
    """The eight bytes from `a` as one little-endian word (byte a lowest), from the aligned
    words holding them (`words` must hold word a // 8 + 1)."""
    w = np.uint64(a >> 3)
    sh = np.uint64((a & 7) * 8)
    if sh == _U0:
        return words[w]
    return (words[w] >> sh) | (words[w + _U1] << (_U64 - sh))


@numba.njit(cache=True, inline="always")
def eight_digits(x):  # type: ignore[no-untyped-def]
    """The number written by eight digit values (0-9, one a byte, the first the lowest):
    pairs, then quadruples, then the whole, combined within the word."""
    x = ((x * _U10) + (x >> _U8)) & np.uint64(0x00FF00FF00FF00FF)
    x = ((x * _U100) + (x >> _U16)) & np.uint64(0x0000FFFF0000FFFF)
    x = ((x * _U10000) + (x >> _U32)) & np.uint64(0x00000000FFFFFFFF)
    return np.int64(x)


@numba.njit(cache=True, inline="always")
def tag_field(buf, words, k, j, out_f, out_i):  # type: ignore[no-untyped-def]
    """One tag block field buf[k:j]: c: (Unix time), s: (station) and g: (group: its id,
    part of the reader's reassembly key, goes to out_i[2:4]) are read, and the NMEA 4
    group form "nGm:id" as g:n-m-id; other one-letter keys are ignored, as the reader
    ignores what it does not use. Returns False for anything the reader must judge: a
    field without ':', another longer key, a c: value that is not 1 to 18 digits, a group
    that is not "n-m-id" with 1 <= n <= m."""
    if j - k >= 5 and 48 <= buf[k] <= 57 and buf[k + 1] != 58:
        return _nmea4_group(buf, k, j, out_i)
    if j - k < 2 or buf[k + 1] != 58:
        return False
    name = buf[k]
    if name == 99:  # c: Unix time
        if j - k - 2 < 1 or j - k - 2 > 18:
            return False
        v = 0
        a = k + 2
        if j - a >= 8 and (a >> 3) + 1 < words.size:  # the first eight digits at once
            x = eight_bytes(words, a)
            if ((x & _NIBBLES) | (((x + _SIXES) & _NIBBLES) >> _U4)) != _THREES:
                return False  # not eight digits (each byte's nibbles: 3, and 3 after +6)
            v = eight_digits(x - _ZEROS)
            a += 8
        for q in range(a, j):
            d = buf[q] - 48
            if d < 0 or d > 9:
                return False
            v = v * 10 + d
        out_f[0] = seconds(v)
    elif name == 115:  # s: station
        out_i[0] = k + 2
        out_i[1] = j - k - 2
    elif name == 103:  # g: sentence number - count - group id
        d1 = k + 2
        while d1 < j and buf[d1] != 45:
            d1 += 1
        d2 = d1 + 1
        while d2 < j and buf[d2] != 45:
            d2 += 1
        if d2 >= j - 1 or d1 - (k + 2) > 9 or d2 - (d1 + 1) > 9:
            return False
        if not _digits(buf, k + 2, d1) or not _digits(buf, d1 + 1, d2):
            return False
        number = 0
        for q in range(k + 2, d1):
            number = number * 10 + (buf[q] - 48)
        count = 0
        for q in range(d1 + 1, d2):
            count = count * 10 + (buf[q] - 48)
        for q in range(d2 + 1, j):
            if buf[q] == 45:  # a fourth part: not n-m-id
                return False
        if number < 1 or number > count:
            return False
        out_i[2] = d2 + 1
        out_i[3] = j - d2 - 1
    return True


@numba.njit(cache=True)
def _nmea4_group(buf, k, j, out_i):  # type: ignore[no-untyped-def]
    """The NMEA 4 group field "nGm:id" at buf[k:j] (buf[k] a digit), as the reader reads
    it: n and m of up to nine digits, 1 <= n <= m, an id not empty and without '-' (the
    reader splits "n-m-id" on them); its id to out_i[2:4]. False otherwise."""
    g = k
    while g < j and 48 <= buf[g] <= 57:
        g += 1
    if g >= j or buf[g] != 71 or g - k > 9:
        return False
    colon = g + 1
    while colon < j and 48 <= buf[colon] <= 57:
        colon += 1
    if colon >= j - 1 or buf[colon] != 58 or colon == g + 1 or colon - g - 1 > 9:
        return False
    for q in range(colon + 1, j):
        if buf[q] == 45:
            return False
    number = 0
    for q in range(k, g):
        number = number * 10 + (buf[q] - 48)
    count = 0
    for q in range(g + 1, colon):
        count = count * 10 + (buf[q] - 48)
    if number < 1 or number > count:
        return False
    out_i[2] = colon + 1
    out_i[3] = j - colon - 1
    return True


@numba.njit(cache=True, inline="always")
def _fold(w):  # type: ignore[no-untyped-def]
    """The XOR of a word's eight bytes."""
    w ^= w >> np.uint64(32)
    w ^= w >> np.uint64(16)
    w ^= w >> np.uint64(8)
    return np.int64(w & np.uint64(255))


@numba.njit(cache=True, inline="always")
def tag_scan(buf, words, s, e):  # type: ignore[no-untyped-def]
    """One pass over a tag block from buf[s] == '\\': the closing backslash (the first in
    buf[s + 1:e], `e` if none), whether every byte before it from s + 1 is printable ASCII
    (32-126, no tab) and their XOR (as `xor_range`), eight bytes at a time where the
    words are whole (as `find_byte`): the three passes of the three helpers in one."""
    k = s + 1
    xb = 0
    xw = np.uint64(0)
    ok = True
    nw = words.size
    while k < e:
        if (k & 7) == 0 and k + 8 <= e and (k >> 3) < nw:
            v = words[np.uint64(k >> 3)]
            t = v ^ _BACKSLASHES
            if not ((t - _ONES) & ~t & _HIGHS):  # no backslash: the word at once
                if ((v - _BELOW_SPACE) & ~v & _HIGHS) | (((v + _ONES) | v) & _HIGHS):
                    ok = False  # a byte below 32 or above 126
                xw ^= v
                k += 8
                continue
        b = buf[np.uint64(k)]
        if b == 92:
            return k, ok, _fold(xw) ^ xb
        ok = ok and 32 <= b <= 126
        xb ^= b
        k += 1
    return e, ok, _fold(xw) ^ xb


@numba.njit(cache=True, inline="always")
def tag_block(buf, words, s, e, out_f, out_i):  # type: ignore[no-untyped-def]
    """Parse a tag block at buf[s] == '\\'. Returns the sentence start, -1 if the line is
    not a fast one, -2 for a tag block alone on its line. Writes time to out_f[0],
    station start/length to out_i[0:2] and the group id's to out_i[2:4].

    One pass finds the closing backslash, checks the bytes are printable and sums them
    (`tag_scan`); the fields are read at each comma once the shape holds; the outcome is
    decided in the reader's order (a lone tag block first, then shape, checksum,
    fields)."""
    te, printable_ok, x = tag_scan(buf, words, s, e)
    if te == e:
        return -1
    if te == e - 1:
        return -2
    if te - s < 5 or buf[te - 3] != 42 or buf[te + 1] != 33:
        return -1
    if not printable_ok:  # the reader reports the byte
        return -1
    hi, lo = hex_digit(buf[te - 2]), hex_digit(buf[te - 1])
    if hi < 0 or lo < 0:
        return -1
    given = hi * 16 + lo
    cs = x ^ buf[te - 3] ^ buf[te - 2] ^ buf[te - 1]  # the sum stops before "*hh"
    fields_ok = True
    fs = s + 1
    while True:
        k = find_byte(buf, words, fs, te - 3, _COMMAS, 44)
        if not tag_field(buf, words, fs, k, out_f, out_i):
            fields_ok = False
        if k == te - 3:
            break
        fs = k + 1
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


@numba.njit(cache=True, inline="always")
def sentence(buf, words, p, e, out, values, at):  # type: ignore[no-untyped-def]
    """Check `!xxVDM,c,n,s,ch,payload,f*hh` (or VDO) from buf[p] as the reader would
    accept it (one or two fragments; an eighth field after the fill, as SignalK "gofree"
    logs write, is allowed). On success write count, number, seq byte, channel byte,
    payload start, payload length, fill and the '*' position into `out` and return 1; what
    follows the checksum (before `e`) is the caller's. Returns BAD_CHECKSUM (the computed and
    given checksums in out[0:2]) for a sentence the reader would refuse for its checksum
    (it tests that first), EMPTY_PAYLOAD for a sentence
    the reader would refuse only for its empty payload, else 0.

    The fixed header is checked in place, the payload's armour up to its closing comma
    (its six-bit values written to `values` from `at`, whatever the outcome: the caller
    keeps them only for the sentences it takes), and the checksum eight bytes at a time."""
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
        # Non-printable: the reader's binary junk; '*': its checksum delimiter.
        if buf[k + 1] != 44 or buf[k] < 32 or buf[k] > 126 or buf[k] == 42:
            return 0
        ch = buf[k]
        k += 1
    k += 1  # payload
    ps = k
    # The payload runs to the next comma, eight bytes at a time; then every byte of it is
    # armour, or the reader refuses the sentence. The armour test and six-bit values are
    # worked out arithmetically, with no early exit, so the loop is vectorised.
    pe = find_byte(buf, words, ps, e, _COMMAS, 44)
    if pe + 1 >= e:
        return 0
    bad = False
    for j in range(pe - ps):
        d = np.int64(buf[np.uint64(ps + j)]) - 48  # '0'-'W' -> 0-39, '`'-'w' -> 48-71
        bad |= (np.uint64(d) > 39) & (np.uint64(d - 48) > 23)  # type: ignore[assignment]
        values[np.uint64(at + j)] = np.uint8(d - 8 * (d > 39))  # unsigned: no wraparound test
    if bad:
        return 0
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
    cs = xor_range(buf, words, p + 1, star)
    hi, lo = hex_digit(buf[star + 1]), hex_digit(buf[star + 2])
    if hi < 0 or lo < 0:
        return 0
    out[7] = star
    if cs != hi * 16 + lo:
        out[0] = cs
        out[1] = hi * 16 + lo
        return BAD_CHECKSUM
    if pe == ps:  # a well-formed sentence with an empty payload: the reader's error
        return EMPTY_PAYLOAD
    out[0] = cnt
    out[1] = num
    out[2] = sq
    out[3] = ch
    out[4] = ps
    out[5] = pe - ps
    out[6] = f
    out[7] = star
    return 1


@numba.njit(cache=True, inline="always")
def uscg_tail(buf, a, e, out_f, out_i):  # type: ignore[no-untyped-def]
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
            if digits and dots == 0 and j - fs > 18:
                return False  # a number this long: the reader's arbitrary-size parse decides
            if digits and dots == 0:
                v = 0
                for q in range(fs, j):
                    v = v * 10 + (buf[q] - 48)
                out_f[0] = seconds(v)
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
def glued_pair(buf, words, p, e, first, second, values, at):  # type: ignore[no-untyped-def]
    """Two fragments of one message glued on one line by a literal "\\r\\n" (DMA logs):
    fragment 1 of 2 then fragment 2 of 2, same sequence id and channel. Their payloads'
    six-bit values go to `values` from `at`, one after the other."""
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
    if sentence(buf, words, p, g, first, values, at) != 1:
        return False
    if sentence(buf, words, q, e, second, values, at + first[5]) != 1:
        return False
    if first[7] + 3 != g or second[7] + 3 != e:
        return False
    for k in range(1, 6):  # the same talker and VDM/VDO: the reader's reassembly key
        if buf[p + k] != buf[q + k]:
            return False
    return (first[0] == 2 and first[1] == 1 and second[0] == 2 and second[1] == 2
            and first[2] == second[2] and first[3] == second[3])  # fmt: skip


_ONES = np.uint64(0x0101010101010101)
_HIGHS = np.uint64(0x8080808080808080)
_NEWLINES = np.uint64(0x0A0A0A0A0A0A0A0A)
_BELOW_SPACE = np.uint64(0x2020202020202020)
_COMMAS = np.uint64(0x2C2C2C2C2C2C2C2C)
_SEVENS = np.uint64(0x7F7F7F7F7F7F7F7F)
_ALL = np.uint64(0xFFFFFFFFFFFFFFFF)
_BACKSLASHES = np.uint64(0x5C5C5C5C5C5C5C5C)
_ZEROS = np.uint64(0x3030303030303030)  # eight '0'
_SIXES = np.uint64(0x0606060606060606)
_NIBBLES = np.uint64(0xF0F0F0F0F0F0F0F0)
_THREES = np.uint64(0x3333333333333333)
# Unsigned constants: numba types uint64 op int64 as float64.
_U0, _U1, _U3, _U4, _U8, _U16, _U32, _U64 = (np.uint64(v) for v in (0, 1, 3, 4, 8, 16, 32, 64))
_U10, _U100, _U10000 = np.uint64(10), np.uint64(100), np.uint64(10000)


@numba.njit(cache=True, inline="always")
def find_byte(buf, words, k, e, pattern, byte):  # type: ignore[no-untyped-def]
    """Index of the first `byte` in buf[k:e] (`e` if none), eight bytes at a time where the
    words are whole (`pattern`: the byte repeated over a word): each word's matching bytes
    marked exactly (`_matches`; in the first word, the bytes before k masked off), the first
    of them found by counting trailing zeros. No byte loop within the word: its exit was a
    mispredicted branch about once a line."""
    nw = words.size
    w = k >> 3
    if w < nw and k < e:
        m = _matches(words[np.uint64(w)], pattern) & (_ALL << np.uint64(8 * (k & 7)))
        while True:
            if m:
                return min((w << 3) + np.int64(trailing_zeros(m) >> _U3), e)
            w += 1
            if w >= nw or (w << 3) >= e:
                break
            m = _matches(words[np.uint64(w)], pattern)
        if (w << 3) >= e:
            return e
    k = max(k, nw << 3)
    while k < e:
        if buf[k] == byte:
            return k
        k += 1
    return e


@numba.njit(cache=True, inline="always")
def _matches(x, pattern):  # type: ignore[no-untyped-def]
    """0x80 in each byte of word `x` equal to the byte repeated in `pattern`, 0 elsewhere
    (exact: no carry crosses a byte, unlike the quicker "has a zero byte" test)."""
    v = x ^ pattern
    return ~(((v & _SEVENS) + _SEVENS) | v | _SEVENS)


@numba.njit(cache=True, inline="always")
def newline(buf, words, pos, size):  # type: ignore[no-untyped-def]
    """Index of the first '\\n' at or after `pos` (`size` if none): `find_byte`."""
    return find_byte(buf, words, pos, size, _NEWLINES, 10)


@numba.njit(cache=True)
def printable(buf, words, s, e):  # type: ignore[no-untyped-def]
    """Whether buf[s:e] is printable ASCII (tabs allowed), as the reader wants a line; the
    aligned words inside the range are tested eight bytes at a time (any byte below 32,
    tab included, or above 126 sends the word to the byte-by-byte test)."""
    k = s
    nw = words.size
    while k < e:
        if (k & 7) == 0 and k + 8 <= e and (k >> 3) < nw:
            x = words[k >> 3]
            low = (x - _BELOW_SPACE) & ~x & _HIGHS  # a byte below 32
            high = ((x + _ONES) | x) & _HIGHS  # a byte above 126
            if not (low | high):
                k += 8
                continue
            for j in range(k, k + 8):
                b = buf[j]
                if (b < 32 and b != 9) or b > 126:
                    return False
            k += 8
            continue
        b = buf[k]
        if (b < 32 and b != 9) or b > 126:
            return False
        k += 1
    return True


@numba.njit(cache=True)
def meta_like(buf, s, e):  # type: ignore[no-untyped-def]
    """Whether buf[s:e] may leave the reader holding metadata for the next sentence: it
    holds "$PGHP" anywhere, or ends (before spaces) with a backslash (a lone tag block,
    perhaps after a time or glued after a sentence). Errs on the side of yes."""
    k = e - 1
    while k >= s and (buf[k] == 32 or buf[k] == 9):
        k -= 1
    if k >= s and buf[k] == 92:
        return True
    for q in range(s, e - 4):
        if (buf[q] == 36 and buf[q + 1] == 80 and buf[q + 2] == 71 and buf[q + 3] == 72
                and buf[q + 4] == 80):  # fmt: skip
            return True
    return False
