"""The simulation loop: a `World` (vessels, receivers, aids to navigation) in, NMEA records
out, one chunk of simulated time after another.

Each chunk collects the transmissions of every station in its time span, samples the
hull tracks at the report times (numpy, per transponder), adds sensor noise, packs all
payloads of a message layout at once (`encode.Packer`), decides which receivers hear what
(`reception.Network`) and writes the lines of each receiver in one block
(`encode.nmea_records`). The lines of the chunk are then put in the order they reach the
log. Random numbers come from generators seeded with (seed, chunk number), and stations
are visited in a fixed order, so the same seed gives the same bytes.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import numpy as np
import numpy.typing as npt

from aiswatch.sim import reporting
from aiswatch.sim.encode import GROUP_ID_MIN, GROUP_ID_SPAN, Packer, nmea_records, record_array
from aiswatch.sim.geo import DEG_NM, NM_M
from aiswatch.sim.reception import Network
from aiswatch.sim.truth import TruthRecord
from aiswatch.sim.vessel import Transponder, Vessel

F64 = npt.NDArray[np.float64]
I64 = npt.NDArray[np.int64]

ROT_FACTOR = 4.733  # ROT_AIS = 4.733 * sqrt(ROT in deg/min) (ITU-R M.1371-5, Table 48)
POSITION_NOISE_M = 3.0


@dataclass(frozen=True, slots=True)
class Aton:
    """An aid to navigation broadcasting type 21."""

    mmsi: int
    name: str
    lon: float
    lat: float
    aid_type: int = 1  # 1: reference point; 9-30: fixed and floating marks
    virtual: bool = False


@dataclass
class World:
    """Everything a simulation run needs."""

    name: str
    start_epoch: float  # Unix seconds of simulated time 0
    duration: float  # seconds
    vessels: list[Vessel]
    network: Network
    atons: list[Aton] = field(default_factory=list)
    truth: list[TruthRecord] = field(default_factory=list)

    @property
    def transponders(self) -> list[Transponder]:
        return [tp for v in self.vessels for tp in v.transponders]


@dataclass
class Chunk:
    """The records of one span of simulated time, in log order; `times` are when each
    record reaches the log (seconds from the start), `sentences` counts NMEA lines."""

    records: list[bytes]
    times: F64
    sentences: int

    def data(self) -> bytes:
        return b"".join(self.records)


class _Batch:
    """Transmissions of one message layout, gathered over a chunk."""

    def __init__(self, packer: Packer) -> None:
        self.packer = packer
        self.cols: dict[str, list[Any]] = {}
        self.t: list[F64] = []
        self.lon: list[F64] = []
        self.lat: list[F64] = []
        self.class_b: list[npt.NDArray[np.bool_]] = []
        self.own: list[I64] = []
        self.n = 0

    def add(
        self,
        t: F64,
        lon: F64,
        lat: F64,
        cols: dict[str, Any],
        *,
        class_b: bool = False,
        own: int = -1,
    ) -> None:
        n = len(t)
        if n == 0:
            return
        if self.n == 0 and not self.cols:
            for k in cols:
                self.cols[k] = []
        elif set(cols) != set(self.cols):
            raise ValueError("every batch entry must give the same columns")
        for k, v in cols.items():
            if isinstance(v, str):
                self.cols[k].append(np.full(n, v))
            elif np.ndim(v) == 0:
                self.cols[k].append(np.full(n, v, dtype=np.int64))
            else:
                self.cols[k].append(np.asarray(v))
        self.t.append(np.asarray(t, dtype=np.float64))
        self.lon.append(np.asarray(lon, dtype=np.float64))
        self.lat.append(np.asarray(lat, dtype=np.float64))
        self.class_b.append(np.full(n, class_b))
        self.own.append(np.full(n, own, dtype=np.int64))
        self.n += n


def _utc_parts(epoch: F64) -> dict[str, I64]:
    sec = np.floor(epoch).astype(np.int64)
    dt = sec.astype("datetime64[s]")
    years = dt.astype("datetime64[Y]")
    months = dt.astype("datetime64[M]")
    days = dt.astype("datetime64[D]")
    return {
        "year": years.astype(np.int64) + 1970,
        "month": (months - years).astype(np.int64) + 1,
        "day": (days - months).astype(np.int64) + 1,
        "hour": (sec // 3600) % 24,
        "minute": (sec // 60) % 60,
        "second": sec % 60,
    }


class Engine:
    """Runs a `World` chunk by chunk; `run()` may be called again for the same bytes."""

    def __init__(self, world: World, seed: int, *, chunk_s: float = 3600.0) -> None:
        self.world = world
        self.seed = int(seed)
        self.chunk_s = float(chunk_s)
        self.tps = world.transponders
        self._static_cache: dict[
            tuple[int, int, tuple[str, float] | None], tuple[dict[str, Any], ...]
        ] = {}
        self.packers = {
            "A": Packer(1),
            "B": Packer(18),
            "B19": Packer(19),
            "5": Packer(5),
            "24A": Packer(24, {"partno": 0}),
            "24B": Packer(24, {"partno": 1}),
            "4": Packer(4),
            "21": Packer(21),
            "27": Packer(27),
        }

    # ------------------------------------------------------------------ schedule state
    def _initial_state(self) -> dict[str, F64]:
        rng = np.random.default_rng([self.seed, 0x5EED])
        n = len(self.tps)
        nxt_pos = np.zeros(n)
        nxt_static = np.zeros(n)
        nxt_lr = np.zeros(n)
        for i, tp in enumerate(self.tps):
            start = max(tp.start, 0.0)
            br, iv = tp.regimes()
            k = max(int(np.searchsorted(br, start, side="right")) - 1, 0)
            first_iv = float(iv[k]) if len(iv) else 10.0
            if tp.start < 0:
                nxt_pos[i] = start + float(rng.uniform(0, first_iv))
                nxt_static[i] = start + float(rng.uniform(0, reporting.STATIC_INTERVAL))
                nxt_lr[i] = start + float(rng.uniform(0, reporting.LONG_RANGE_INTERVAL))
            else:  # switched on during the run: position at once, static within a minute
                nxt_pos[i] = start + float(rng.uniform(0, 2))
                nxt_static[i] = start + float(rng.uniform(5, 60))
                nxt_lr[i] = start + float(rng.uniform(0, reporting.LONG_RANGE_INTERVAL))
        nrx = len(self.world.network.receivers)
        nat = len(self.world.atons)
        return {
            "pos": nxt_pos,
            "static": nxt_static,
            "lr": nxt_lr,
            "base": rng.uniform(0, reporting.BASE_STATION_INTERVAL, nrx),
            "aton": rng.uniform(0, reporting.ATON_INTERVAL, nat),
        }

    def run(self) -> Iterator[Chunk]:
        state = self._initial_state()
        counters = {"gid": 0, "seq": np.zeros(len(self.world.network.receivers), dtype=np.int64)}
        nchunks = max(1, math.ceil(self.world.duration / self.chunk_s - 1e-9))
        for ci in range(nchunks):
            c0 = ci * self.chunk_s
            c1 = min((ci + 1) * self.chunk_s, self.world.duration)
            yield self._chunk(ci, c0, c1, state, counters)

    # ------------------------------------------------------------------ one chunk
    def _chunk(
        self, ci: int, c0: float, c1: float, state: dict[str, F64], counters: dict[str, Any]
    ) -> Chunk:
        rng = np.random.default_rng([self.seed, ci + 1])
        batches = {k: _Batch(p) for k, p in self.packers.items()}
        pos_a: list[tuple[int, F64, F64, dict[str, F64]]] = []
        pos_b: list[tuple[int, F64, dict[str, F64]]] = []
        static_rows: dict[str, list[tuple[float, float, float, dict[str, Any]]]] = {
            "5": [],
            "24A": [],
            "24B": [],
        }
        for i, tp in enumerate(self.tps):
            br, iv = tp.regimes()
            where = None
            ts, nxt = reporting.schedule(br, iv, float(state["pos"][i]), c0, c1)
            state["pos"][i] = nxt
            if len(ts):
                ts = ts[tp.active(ts)]
            if len(ts):
                kin = self._kinematics(tp, ts)
                where = (ts, kin["true_lon"], kin["true_lat"])
                k = np.clip(np.searchsorted(br, ts, side="right") - 1, 0, len(iv) - 1)
                if tp.cls == "A":
                    pos_a.append((i, ts, iv[k], kin))
                else:
                    pos_b.append((i, ts, kin))
            st, nxt = reporting.periodic(
                float(state["static"][i]), reporting.STATIC_INTERVAL, c0, c1
            )
            state["static"][i] = nxt
            if len(st):
                st = st[tp.active(st)]
            if len(st):
                self._statics(tp, st, where, static_rows)
            if tp.long_range and tp.cls == "A":
                lt, nxt = reporting.periodic(
                    float(state["lr"][i]), reporting.LONG_RANGE_INTERVAL, c0, c1
                )
                state["lr"][i] = nxt
                if len(lt):
                    lt = lt[tp.active(lt)]
                if len(lt):
                    self._long_range(tp, lt, batches["27"])
        self._flush_statics(static_rows, batches, rng)
        self._class_a(pos_a, batches["A"], rng)
        self._class_b(pos_b, batches["B"], batches["B19"], rng)
        self._base_stations(state, c0, c1, batches["4"], rng)
        self._atons(state, c0, c1, batches["21"])
        return self._lines(batches, rng, counters)

    def _kinematics(self, tp: Transponder, ts: F64) -> dict[str, F64]:
        kin = tp.track.sample(ts)
        # receivers hear the ship where it is, whatever position it reports
        kin["true_lon"] = kin["lon"]
        kin["true_lat"] = kin["lat"]
        for a, b, fn in tp.spoofs:
            m = (ts >= a) & (ts < b)
            if m.any():
                sub = {k: v[m] for k, v in kin.items()}
                out = fn(ts[m], sub)
                for k, v in out.items():
                    kin[k] = kin[k].copy()
                    kin[k][m] = v
        dx, dy = tp.antenna_m
        if dx or dy:
            kin["lat"] = kin["lat"] + dy / NM_M / DEG_NM
            kin["lon"] = kin["lon"] + dx / NM_M / (DEG_NM * np.cos(np.radians(kin["lat"])))
        return kin

    def _epoch(self, t: F64) -> F64:
        return np.asarray(t + self.world.start_epoch, dtype=np.float64)

    def _noisy(self, kin: dict[str, F64], rng: np.random.Generator) -> dict[str, F64]:
        n = len(kin["lon"])
        lat = kin["lat"] + rng.normal(0, POSITION_NOISE_M / NM_M / DEG_NM, n)
        coslat = np.cos(np.radians(lat))
        lon = kin["lon"] + rng.normal(0, POSITION_NOISE_M / NM_M / DEG_NM, n) / coslat
        sog_true = kin["sog"]
        sog = np.maximum(sog_true + rng.normal(0, 0.08, n), 0.0)
        sog = np.where(sog_true < 0.05, np.abs(rng.normal(0, 0.05, n)), sog)
        cog = (kin["cog"] + rng.normal(0, 0.7, n)) % 360.0
        cog = np.where(sog_true < 0.3, rng.uniform(0, 360, n), cog)
        hdg = np.where(np.isnan(kin["heading"]), kin["cog"], kin["heading"])
        hdg = (hdg + rng.normal(0, 0.8, n)) % 360.0
        return {"lon": lon, "lat": lat, "sog": sog, "cog": cog, "heading": hdg}

    def _class_a(
        self,
        rows: list[tuple[int, F64, F64, dict[str, F64]]],
        batch: _Batch,
        rng: np.random.Generator,
    ) -> None:
        if not rows:
            return
        ts = np.concatenate([r[1] for r in rows])
        ivs = np.concatenate([r[2] for r in rows])
        kin = {k: np.concatenate([r[3][k] for r in rows]) for k in rows[0][3]}
        n = len(ts)
        nz = self._noisy(kin, rng)
        tps = self.tps
        mix = np.array([tps[i].mix for i, _, _, _ in rows])
        counts = np.array([len(r[1]) for r in rows])
        p = np.repeat(mix, counts, axis=0)
        u = rng.random(n)
        mtype = np.where(u < p[:, 0], 1, np.where(u < p[:, 0] + p[:, 1], 2, 3))
        has_rot = np.repeat(np.array([tps[i].has_rot for i, _, _, _ in rows]), counts)
        has_hdg = np.repeat(np.array([tps[i].has_heading for i, _, _, _ in rows]), counts)
        bias = np.repeat(np.array([tps[i].heading_bias for i, _, _, _ in rows]), counts)
        acc = np.repeat(np.array([tps[i].accuracy for i, _, _, _ in rows]), counts)
        mmsi = np.repeat(np.array([tps[i].mmsi for i, _, _, _ in rows], dtype=np.int64), counts)
        rot = kin["rot"]
        rot_raw = np.clip(np.rint(np.sign(rot) * ROT_FACTOR * np.sqrt(np.abs(rot))), -126, 126)
        rot_raw = np.where(has_rot, rot_raw, -128).astype(np.int64)
        heading = np.where(has_hdg, np.rint((nz["heading"] + bias) % 360.0) % 360, 511).astype(
            np.int64
        )
        epoch = self._epoch(ts)
        radio = np.where(
            mtype == 3,
            reporting.itdma_state(ivs, rng),
            reporting.sotdma_state(epoch, ivs, rng),
        )
        batch.add(
            ts,
            kin["true_lon"],
            kin["true_lat"],
            {
                "type": mtype,
                "mmsi": mmsi,
                "status": kin["status"].astype(np.int64),
                "turn": rot_raw,
                "speed": np.minimum(np.rint(nz["sog"] * 10), 1022).astype(np.int64),
                "accuracy": acc.astype(np.int64),
                "lon": np.rint(nz["lon"] * 600000).astype(np.int64),
                "lat": np.rint(nz["lat"] * 600000).astype(np.int64),
                "course": (np.rint(nz["cog"] * 10) % 3600).astype(np.int64),
                "heading": heading,
                "second": np.floor(epoch).astype(np.int64) % 60,
                "radio": radio,
            },
        )

    def _class_b(
        self,
        rows: list[tuple[int, F64, dict[str, F64]]],
        b18: _Batch,
        b19: _Batch,
        rng: np.random.Generator,
    ) -> None:
        if not rows:
            return
        ts = np.concatenate([r[1] for r in rows])
        kin = {k: np.concatenate([r[2][k] for r in rows]) for k in rows[0][2]}
        counts = np.array([len(r[1]) for r in rows])
        tps = self.tps
        n = len(ts)
        nz = self._noisy(kin, rng)
        mmsi = np.repeat(np.array([tps[i].mmsi for i, _, _ in rows], dtype=np.int64), counts)
        has_hdg = np.repeat(np.array([tps[i].has_heading for i, _, _ in rows]), counts)
        ext = np.repeat(np.array([tps[i].extended_b for i, _, _ in rows]), counts)
        owner = np.repeat(np.array([i for i, _, _ in rows], dtype=np.int64), counts)
        heading = np.where(has_hdg, np.rint(nz["heading"]) % 360, 511).astype(np.int64)
        epoch = self._epoch(ts)
        cols: dict[str, Any] = {
            "mmsi": mmsi,
            "speed": np.minimum(np.rint(nz["sog"] * 10), 1022).astype(np.int64),
            "accuracy": np.zeros(n, dtype=np.int64),
            "lon": np.rint(nz["lon"] * 600000).astype(np.int64),
            "lat": np.rint(nz["lat"] * 600000).astype(np.int64),
            "course": (np.rint(nz["cog"] * 10) % 3600).astype(np.int64),
            "heading": heading,
            "second": np.floor(epoch).astype(np.int64) % 60,
        }
        as19 = ext & (rng.random(n) < 0.1)
        m18 = ~as19
        b18.add(
            ts[m18],
            kin["true_lon"][m18],
            kin["true_lat"][m18],
            {
                **{k: v[m18] for k, v in cols.items()},
                "cs": 1,
                "dsc": 1,
                "band": 1,
                "msg22": 1,
                "radio": reporting.CLASS_B_CS_RADIO,
            },
            class_b=True,
        )
        if as19.any():
            sel = np.nonzero(as19)[0]
            statics = [tps[int(owner[j])].static_at(float(ts[j])) for j in sel]
            b19.add(
                ts[sel],
                kin["true_lon"][sel],
                kin["true_lat"][sel],
                {
                    **{k: v[sel] for k, v in cols.items()},
                    "shipname": [s.name for s in statics],
                    "shiptype": np.array([s.shiptype for s in statics], dtype=np.int64),
                    "to_bow": np.array([s.to_bow for s in statics], dtype=np.int64),
                    "to_stern": np.array([s.to_stern for s in statics], dtype=np.int64),
                    "to_port": np.array([s.to_port for s in statics], dtype=np.int64),
                    "to_starboard": np.array([s.to_starboard for s in statics], dtype=np.int64),
                    "epfd": 1,
                },
                class_b=True,
            )

    def _static_fields(self, tp: Transponder, t: float) -> tuple[dict[str, Any], ...]:
        """The static message contents of `tp` at time t: (type 5,) for Class A, (24A, 24B)
        for Class B; cached, as they change only with a new identity or voyage."""
        s = tp.static_at(t)
        voy = tp.voyage_at(t) if tp.cls == "A" else None
        key = (tp.mmsi, id(s), voy)
        hit = self._static_cache.get(key)
        if hit is not None:
            return hit
        if tp.cls == "A":
            row: dict[str, Any] = {
                "mmsi": tp.mmsi,
                "imo": s.imo,
                "callsign": s.callsign,
                "shipname": s.name,
                "shiptype": s.shiptype,
                "to_bow": s.to_bow,
                "to_stern": s.to_stern,
                "to_port": s.to_port,
                "to_starboard": s.to_starboard,
                "epfd": s.epfd,
                "month": 0,
                "day": 0,
                "hour": 24,
                "minute": 60,
                "draught": round(s.draught * 10),
                "destination": "",
            }
            if voy is not None and voy[0]:
                eta = datetime.fromtimestamp(self.world.start_epoch + voy[1], tz=UTC)
                row.update(
                    destination=voy[0],
                    month=eta.month,
                    day=eta.day,
                    hour=eta.hour,
                    minute=eta.minute,
                )
            out: tuple[dict[str, Any], ...] = (row,)
        else:
            part_a = {"mmsi": tp.mmsi, "partno": 0, "shipname": s.name}
            part_b = {
                "mmsi": tp.mmsi,
                "partno": 1,
                "shiptype": s.shiptype,
                "vendorid": s.vendorid,
                "callsign": s.callsign,
                "to_bow": s.to_bow,
                "to_stern": s.to_stern,
                "to_port": s.to_port,
                "to_starboard": s.to_starboard,
            }
            out = (part_a, part_b)
        self._static_cache[key] = out
        return out

    def _statics(
        self,
        tp: Transponder,
        st: F64,
        where: tuple[F64, F64, F64] | None,
        rows: dict[str, list[tuple[float, float, float, dict[str, Any]]]],
    ) -> None:
        """Queue the static messages of `tp` due at times `st`; `where` holds the times and
        true positions of its position reports in this chunk, to place the transmitter."""
        if where is not None and len(where[0]):
            lon = np.interp(st, where[0], where[1])
            lat = np.interp(st, where[0], where[2])
        else:
            kin = tp.track.sample(st)
            lon, lat = kin["lon"], kin["lat"]
        kinds = ("5",) if tp.cls == "A" else ("24A", "24B")
        for k, t in enumerate(st.tolist()):
            for kind, row in zip(kinds, self._static_fields(tp, t), strict=True):
                rows[kind].append((t, float(lon[k]), float(lat[k]), row))

    def _flush_statics(
        self,
        rows: dict[str, list[tuple[float, float, float, dict[str, Any]]]],
        batches: dict[str, _Batch],
        rng: np.random.Generator,
    ) -> None:
        for kind, entries in rows.items():
            if not entries:
                continue
            t = np.array([e[0] for e in entries])
            if kind == "24B":  # part B follows part A within the minute
                t = t + rng.uniform(0.5, 20.0, len(t))
            lon = np.array([e[1] for e in entries])
            lat = np.array([e[2] for e in entries])
            cols: dict[str, Any] = {}
            for name, first in entries[0][3].items():
                vals = [e[3][name] for e in entries]
                cols[name] = np.array(vals, dtype=np.str_ if isinstance(first, str) else np.int64)
            batches[kind].add(t, lon, lat, cols, class_b=kind != "5")

    def _long_range(self, tp: Transponder, lt: F64, batch: _Batch) -> None:
        kin = self._kinematics(tp, lt)
        batch.add(
            lt,
            kin["true_lon"],
            kin["true_lat"],
            {
                "mmsi": tp.mmsi,
                "accuracy": int(tp.accuracy),
                "status": kin["status"].astype(np.int64),
                "lon": np.rint(kin["lon"] * 600).astype(np.int64),
                "lat": np.rint(kin["lat"] * 600).astype(np.int64),
                "speed": np.minimum(np.rint(kin["sog"]), 62).astype(np.int64),
                "course": (np.rint(kin["cog"]) % 360).astype(np.int64),
                "gnss": 0,
            },
        )

    def _base_stations(
        self, state: dict[str, F64], c0: float, c1: float, batch: _Batch, rng: np.random.Generator
    ) -> None:
        for r, rx in enumerate(self.world.network.receivers):
            first = float(state["base"][r])
            ts, nxt = reporting.periodic(first, reporting.BASE_STATION_INTERVAL, c0, c1)
            state["base"][r] = nxt
            if not rx.base_mmsi or not len(ts):
                continue
            n = len(ts)
            epoch = self._epoch(ts)
            parts = _utc_parts(epoch)
            batch.add(
                ts,
                np.full(n, rx.lon),
                np.full(n, rx.lat),
                {
                    "mmsi": rx.base_mmsi,
                    **parts,
                    "accuracy": 1,
                    "lon": round(rx.lon * 600000),
                    "lat": round(rx.lat * 600000),
                    "epfd": 7,
                    "radio": reporting.sotdma_state(epoch, np.full(n, 10.0), rng),
                },
                own=r,
            )

    def _atons(self, state: dict[str, F64], c0: float, c1: float, batch: _Batch) -> None:
        for a, at in enumerate(self.world.atons):
            ts, nxt = reporting.periodic(float(state["aton"][a]), reporting.ATON_INTERVAL, c0, c1)
            state["aton"][a] = nxt
            if not len(ts):
                continue
            n = len(ts)
            epoch = self._epoch(ts)
            batch.add(
                ts,
                np.full(n, at.lon),
                np.full(n, at.lat),
                {
                    "mmsi": at.mmsi,
                    "aid_type": at.aid_type,
                    "name": at.name,
                    "accuracy": 1,
                    "lon": round(at.lon * 600000),
                    "lat": round(at.lat * 600000),
                    "epfd": 7,
                    "second": np.floor(epoch).astype(np.int64) % 60,
                    "virtual_aid": int(at.virtual),
                },
            )

    # ------------------------------------------------------------------ lines
    def _lines(
        self, batches: dict[str, _Batch], rng: np.random.Generator, counters: dict[str, Any]
    ) -> Chunk:
        net = self.world.network
        stations = [rx.station for rx in net.receivers]
        records: list[npt.NDArray[np.object_]] = []
        orders: list[F64] = []
        sentences = 0
        for batch in batches.values():
            if batch.n == 0:
                continue
            cols = {k: np.concatenate(v) for k, v in batch.cols.items()}
            t = np.concatenate(batch.t)
            payload = batch.packer.pack(batch.n, cols)
            fill = batch.packer.fill
            chan = (65 + rng.integers(0, 2, batch.n)).astype(np.uint8)
            rec = net.hear(
                np.concatenate(batch.lon),
                np.concatenate(batch.lat),
                t,
                rng,
                class_b=np.concatenate(batch.class_b),
                own=np.concatenate(batch.own),
            )
            if len(rec.tx) == 0:
                continue
            nparts = max(1, -(-payload.shape[1] // 60))
            order = np.lexsort((rec.time, rec.rx))  # by receiver, each in receive order
            rx_sorted = rec.rx[order]
            bounds = np.searchsorted(rx_sorted, np.arange(len(stations) + 1))
            epoch = np.floor(self._epoch(rec.time)).astype(np.int64)
            for r, station in enumerate(stations):
                sel = order[bounds[r] : bounds[r + 1]]
                m = len(sel)
                if not m:
                    continue
                seq = gid = None
                if nparts > 1:
                    seq = (counters["seq"][r] + np.arange(m)) % 10
                    counters["seq"][r] += m
                    gid = GROUP_ID_MIN + (counters["gid"] + np.arange(m)) % GROUP_ID_SPAN
                    counters["gid"] = (counters["gid"] + m) % GROUP_ID_SPAN
                tx = rec.tx[sel]
                buf, width = nmea_records(
                    payload[tx],
                    fill,
                    channel=chan[tx],
                    time=epoch[sel],
                    station=station,
                    seq=seq,
                    group=gid,
                )
                records.append(record_array(buf, width))
                orders.append(rec.order[sel])
                sentences += m * nparts
        if not records:
            return Chunk([], np.zeros(0), 0)
        okeys = np.concatenate(orders)
        idx = np.argsort(okeys, kind="stable")
        ordered: list[bytes] = np.concatenate(records)[idx].tolist()
        return Chunk(ordered, okeys[idx], sentences)
