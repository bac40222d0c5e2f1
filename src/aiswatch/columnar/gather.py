"""Compiled gathers over framed messages (`frame.Framed`): their groups of one type and
length, the six-bit matrix of a group's payloads, the receive metadata of a table's rows as
Arrow buffers, and the scatter that puts a table's parts in line order."""

from __future__ import annotations

import numba
import numpy as np

from aiswatch.columnar.bytecopy import copy_bytes
from aiswatch.columnar.kernels import kernel

#: Message types are six bits; no type is longer than 1,023 bits: (length, type) is a key
#: of 16 bits.
KEYS = 1 << 16


@kernel
@numba.njit(cache=True)
def group_messages(values, value1, len1, len2, fill, msg_line, dropped, o_type, o_nbits, o_ok,  # type: ignore[no-untyped-def]
                   o_at, o_order, counts):  # fmt: skip
    """The messages to decode, by groups of one type and length, each group in line order.
    Framed message i (type the six-bit value at value1[i], 6 * (len1[i] + len2[i]) - fill[i]
    bits, first line msg_line[i]; those in `dropped` left out) is row i; the reader's message
    k (type o_type[k], o_nbits[k] bits, line o_at[k], decoded here where o_ok[k]; `o_order`:
    the k by line) is row -1 - k, placed before the framed message of its line or a later
    one. Returns the rows by group (groups ordered by length, then type), each group's key
    (bits * 64 + type) and where it starts (and the end), and the rows of 1,024 bits or more
    (no type has them: the scalar decoder reports them). One pass, then a counting sort in
    `counts` (`KEYS` zeros, the caller's to keep: they are zeros again on return, so that a
    small buffer costs no pass over all keys)."""
    m = value1.size
    dead = np.zeros(m, np.bool_)
    for d in dropped:
        dead[d] = True
    n = m + o_order.size
    ids = np.empty(n, np.int64)
    keys = np.empty(n, np.int64)
    long_rows = np.empty(n, np.int64)
    seen = np.empty(min(n, KEYS), np.int64)  # the keys present, as first met
    ngroups = 0
    c = 0
    nl = 0
    j = 0
    for i in range(m + 1):
        while j < o_order.size and (i == m or o_at[o_order[j]] <= msg_line[i]):
            k = o_order[j]
            j += 1
            if o_ok[k]:
                c, nl, ngroups = _count_row(-1 - k, o_nbits[k], o_type[k], ids, keys, long_rows,
                                            counts, seen, c, nl, ngroups)  # fmt: skip
        if i == m:
            break
        if not dead[i]:
            nb = 6 * (np.int64(len1[i]) + len2[i]) - fill[i]
            c, nl, ngroups = _count_row(i, nb, values[value1[i]], ids, keys, long_rows, counts,
                                        seen, c, nl, ngroups)  # fmt: skip
    group_keys = np.sort(seen[:ngroups])
    starts = np.empty(ngroups + 1, np.int64)
    total = 0
    for g in range(ngroups):  # counts become each key's next place
        key = group_keys[g]
        starts[g] = total
        cnt = counts[key]
        counts[key] = total
        total += cnt
    starts[ngroups] = total
    rows = np.empty(c, np.int64)
    for q in range(c):
        key = keys[q]
        rows[counts[key]] = ids[q]
        counts[key] += 1
    for g in range(ngroups):
        counts[group_keys[g]] = 0
    return rows, group_keys, starts, long_rows[:nl]


@numba.njit(cache=True, inline="always")
def _count_row(row, nbits, msg_type, ids, keys, long_rows, counts, seen, c, nl, ngroups):  # type: ignore[no-untyped-def]
    """`group_messages`' first pass for one message: row `row` of `nbits` bits and type
    `msg_type` goes to the long rows, or is counted under its key (a key met for the first
    time noted in `seen`). Returns the new counts of rows, long rows and keys."""
    if nbits >= 1024:
        long_rows[nl] = row
        return c, nl + 1, ngroups
    key = nbits * 64 + msg_type
    ids[c] = row
    keys[c] = key
    if counts[key] == 0:
        seen[ngroups] = key
        ngroups += 1
    counts[key] += 1
    return c + 1, nl, ngroups


#: `payload_matrix`'s other messages, where there are none.
NO_OTHER_PAYLOADS = (np.zeros(0, np.uint8), np.zeros(0, np.int64), np.zeros(0, np.int64))


@kernel
@numba.njit(cache=True)
def payload_matrix(values, start1, len1, start2, rows, nchars, o_values, o_start, o_len):  # type: ignore[no-untyped-def]
    """Six-bit values of the payloads of messages `rows` (fragments joined), zero-padded:
    message r >= 0 reads `values` from start1[r] (len1[r] of them) and then from start2[r]
    (if >= 0); a row r < 0 is other message o = -1 - r (the reader's), read from `o_values`
    at o_start[o] (o_len[o] of them). The rows are gathered here (one pass, no index arrays
    made first)."""
    n = rows.size
    out = np.empty(n * nchars, np.uint8)
    # A row is a few dozen bytes: one memcpy each (`copy_bytes`), where a slice copy's
    # set-up costs more than the copy and a byte loop is 2.3x slower.
    for i in range(n):
        r = rows[i]
        base = i * nchars
        if r >= 0:
            s1, l1, s2 = start1[r], len1[r], start2[r]
            a = min(l1, nchars)
            copy_bytes(out, base, values, s1, a)
        else:
            o = -1 - r
            a = min(o_len[o], nchars)
            copy_bytes(out, base, o_values, o_start[o], a)
            s2 = -1
        if a < nchars:
            if s2 >= 0:
                copy_bytes(out, base + a, values, s2, nchars - a)
            else:
                for c in range(a, nchars):
                    out[np.uint64(base + c)] = 0
    return out.reshape((n, nchars))


@kernel
@numba.njit(cache=True)
def receive_metadata(buf, rows, msg_line, time, station_start, station_len, channel, o_line,  # type: ignore[no-untyped-def]
                     o_time, o_station, o_station_at, o_station_ok, o_channel):  # fmt: skip
    """The receive metadata of rows in one pass: first lines, times (NaN: unknown) and their
    null mask, and the station and channel columns as Arrow string buffers (int32 offsets,
    bytes, validity bitmap, null count). A row r >= 0 is framed message r: its station is
    buf[start:start + len] (a negative start: none), its channel one byte (0: none). A row
    r < 0 is row -1 - r of others given as columns (the reader's rows, merged into a table
    in line order): `o_line`, `o_time`, the station o_station[o_station_at[o]:
    o_station_at[o + 1]] where o_station_ok[o], and `o_channel`."""
    n = rows.size
    line = np.empty(n, np.int64)
    t = np.empty(n, np.float64)
    t_na = np.zeros(n, np.bool_)
    st_offsets = np.empty(n + 1, np.int32)
    st_valid = np.zeros((n + 7) >> 3, np.uint8)
    ch_offsets = np.empty(n + 1, np.int32)
    ch_valid = np.zeros((n + 7) >> 3, np.uint8)
    ch_data = np.empty(n, np.uint8)
    total = 0
    for i in range(n):
        r = rows[i]
        if r >= 0:
            if station_start[np.uint64(r)] >= 0:
                total += station_len[np.uint64(r)]
        else:
            o = -1 - r
            if o_station_ok[o]:
                total += o_station_at[o + 1] - o_station_at[o]
    st_data = np.empty(total, np.uint8)
    k = 0
    c = 0
    st_null = 0
    ch_null = 0
    st_offsets[0] = 0
    ch_offsets[0] = 0
    for i in range(n):
        r = rows[i]
        has_station = False
        if r >= 0:
            ru = np.uint64(r)  # unsigned: no negative-index test
            line[i] = msg_line[ru]
            v = time[ru]
            s = station_start[ru]
            if s >= 0:
                has_station = True
                copy_bytes(st_data, k, buf, s, station_len[ru])
                k += station_len[ru]
            ch = channel[ru]
        else:
            o = -1 - r
            line[i] = o_line[o]
            v = o_time[o]
            if o_station_ok[o]:
                has_station = True
                a = o_station_at[o]
                copy_bytes(st_data, k, o_station, a, o_station_at[o + 1] - a)
                k += o_station_at[o + 1] - a
            ch = o_channel[o]
        t[i] = v
        t_na[i] = np.isnan(v)
        if has_station:
            st_valid[i >> 3] |= np.uint8(1 << (i & 7))
        else:
            st_null += 1
        st_offsets[i + 1] = k
        if ch != 0:
            ch_data[c] = ch
            c += 1
            ch_valid[i >> 3] |= np.uint8(1 << (i & 7))
        else:
            ch_null += 1
        ch_offsets[i + 1] = c
    return (line, t, t_na, st_offsets, st_data, st_valid, st_null, ch_offsets, ch_data[:c],
            ch_valid, ch_null)  # fmt: skip


@kernel
@numba.njit(cache=True)
def scatter(dst, at, src):  # type: ignore[no-untyped-def]
    """dst[at[i]] = src[i] for every i (`at` a part's rows in its table, each in range):
    twice as fast as numpy's fancy assignment, which tests and wraps every index. Arrays of
    8-byte and of 1-byte items (viewed as unsigned integers by the caller: one compiled
    version each)."""
    for i in range(at.size):
        dst[at[i]] = src[i]
