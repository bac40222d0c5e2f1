"""Generated NMEA logs for the store tests, made with our own encoder."""

from __future__ import annotations

import random
from pathlib import Path

from aiswatch.ais import Message
from aiswatch.nmea import tag_block

T0 = 1715904000.0  # 2024-05-17T00:00:00Z

BAD_LINES = [
    "!AIVDM,1,1,,A,15MgK45P3@G?fl0E`JbR0OwT0@MS,0*00",  # bad checksum
    "this is not NMEA",
    "!AIVDM,2,2,7,A,00000000000,2*20",  # second fragment with no first
]


def message_pool(vessels: int = 12, seed: int = 1) -> list[Message]:
    """A mix of every table's types: positions 1/3/18/19/9/27, static 5 (two parts) and
    24 A/B, base station 4, aid to navigation 21, binary 8, safety text 14."""
    rnd = random.Random(seed)
    out: list[Message] = []
    for v in range(vessels):
        mmsi = 211000000 + v
        lat, lon = 54 + rnd.random(), 10 + rnd.random()
        for k in range(6):
            pos = {"mmsi": mmsi, "lat": round(lat + k * 0.001, 4), "lon": round(lon, 4),
                   "speed": round(rnd.uniform(0, 20), 1), "course": round(rnd.uniform(0, 359), 1),
                   "heading": rnd.randrange(360)}  # fmt: skip
            if v % 3 == 2:
                out.append(Message.build(18, **pos, cs=True))
            else:
                out.append(Message.build(1 if k % 2 else 3, **pos, status=0, turn=0.0))
        if v % 3 == 2:
            out.append(Message.build(24, mmsi=mmsi, partno=0, shipname=f"CLASS B {v}"))
            out.append(Message.build(24, mmsi=mmsi, partno=1, shiptype=37, vendorid="ABC",
                                     callsign=f"XY{v:02d}", to_bow=5, to_stern=5, to_port=2,
                                     to_starboard=2))  # fmt: skip
        else:
            out.append(Message.build(5, mmsi=mmsi, imo=9000000 + v, callsign=f"DA{v:03d}",
                                     shipname=f"SHIP {v}", shiptype=70, to_bow=100, to_stern=20,
                                     to_port=10, to_starboard=10, epfd=1, month=5, day=17,
                                     hour=12, minute=30, draught=7.5, destination="HAMBURG"))  # fmt: skip
    out.append(Message.build(19, mmsi=211999001, lat=54.5, lon=10.5, speed=3.0, course=45.0,
                             heading=44, shipname="NINETEEN", shiptype=36))  # fmt: skip
    out.append(Message.build(9, mmsi=111211001, lat=54.2, lon=10.1, speed=100, course=90.0,
                             alt=300))  # fmt: skip
    out.append(Message.build(27, mmsi=211999002, lat=54.1, lon=10.2, speed=10, course=90))
    out.append(Message.build(4, mmsi=2111111, year=2024, month=5, day=17, hour=1, minute=2,
                             second=3, lat=54.0, lon=10.0, epfd=1))  # fmt: skip
    out.append(Message.build(21, mmsi=992111111, aid_type=1, name="BUOY 1", lat=54.0, lon=10.0))
    out.append(Message.build(8, mmsi=211000001, dac=200, fid=9, data="24:abcdef"))
    out.append(Message.build(14, mmsi=211000002, text="SAFETY TEST"))
    return out


def write_log(
    path: Path,
    messages: int,
    *,
    timed: bool = True,
    step: float = 600.0,
    bad_every: int = 97,
    seed: int = 1,
) -> Path:
    """`messages` messages cycling through the pool, each sentence with a tag block
    (receive time T0 + i * step, station) when `timed`, and a bad line every `bad_every`
    messages. In two rounds of the pool out of three, the last part of a multi-part message comes
    three messages later, so chunk boundaries fall inside open groups."""
    pool = [m.sentences(seq_id=i % 10) for i, m in enumerate(message_pool(seed=seed))]
    lines: list[str] = []
    held: list[str] = []  # the last part of a multi-part message, written 3 messages later
    wait = 0
    for i in range(messages):
        sentences = pool[i % len(pool)]
        tag = tag_block(time=T0 + i * step, station="rTEST") if timed else ""
        tagged = [tag + s for s in sentences]
        if len(tagged) > 1 and not held and (i // len(pool)) % 3:
            held, tagged, wait = tagged[-1:], tagged[:-1], 3  # parts not on adjacent lines
        elif held:
            wait -= 1
            if not wait:
                tagged, held = tagged + held, []
        lines.extend(tagged)
        if bad_every and i % bad_every == bad_every - 1:
            lines.append(BAD_LINES[(i // bad_every) % len(BAD_LINES)])
    lines.extend(held)
    path.write_text("\n".join(lines) + "\n", encoding="ascii")
    return path


def boundaries_in_groups(path: Path, chunk_bytes: int) -> list[int]:
    """Indexes of the chunks (`iter_chunks`) that end while a two-part group is open."""
    import re

    from aiswatch.columnar import iter_chunks

    part = re.compile(rb",2,([12]),(\d),")
    open_ids: set[bytes] = set()
    out = []
    for i, chunk in enumerate(iter_chunks(path, chunk_bytes)):
        for line in bytes(chunk).splitlines():
            m = part.search(line)
            if m and m.group(1) == b"1":
                open_ids.add(m.group(2))
            elif m:
                open_ids.discard(m.group(2))
        if open_ids:
            out.append(i)
    return out
