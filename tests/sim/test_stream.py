"""Streaming to real sockets on 127.0.0.1 (ports chosen by the OS), and the pacing logic."""

from __future__ import annotations

import socket
import threading
from pathlib import Path

import numpy as np

from aiswatch.sim.cli import simulate_command
from aiswatch.sim.engine import Chunk
from aiswatch.sim.writer import parse_hostport, pump

ARGS = {"duration": "20min", "vessels": 4, "seed": 5}


def _reference(tmp_path: Path) -> bytes:
    out = tmp_path / "ref.nmea"
    simulate_command("taiwan", out, **ARGS)  # type: ignore[arg-type]
    return out.read_bytes()


def test_tcp_stream_carries_the_same_bytes(tmp_path: Path) -> None:
    want = _reference(tmp_path)
    server = socket.create_server(("127.0.0.1", 0))
    server.settimeout(30)
    port = server.getsockname()[1]
    got: list[bytes] = []

    def serve() -> None:
        conn, _ = server.accept()
        with conn:
            conn.settimeout(30)
            while chunk := conn.recv(1 << 16):  # until the simulator closes (EOF)
                got.append(chunk)

    th = threading.Thread(target=serve)
    th.start()
    try:
        summary = simulate_command("taiwan", tcp=f"127.0.0.1:{port}", speed=50_000, **ARGS)  # type: ignore[arg-type]
    finally:
        th.join(30)
        server.close()
    assert not th.is_alive()
    assert b"".join(got) == want
    assert summary.sentences == want.count(b"\n")
    assert summary.streams == [f"tcp://127.0.0.1:{port}"]


def test_udp_stream_one_line_per_datagram(tmp_path: Path) -> None:
    want = _reference(tmp_path).splitlines(keepends=True)
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 1 << 22)
    sock.bind(("127.0.0.1", 0))
    sock.settimeout(10)
    port = sock.getsockname()[1]
    got: list[bytes] = []

    def receive() -> None:
        try:
            while len(got) < len(want):
                got.append(sock.recv(2048))
        except TimeoutError:
            pass

    th = threading.Thread(target=receive)
    th.start()
    try:
        simulate_command("taiwan", udp=f"127.0.0.1:{port}", speed=2_000, **ARGS)  # type: ignore[arg-type]
    finally:
        th.join(30)
        sock.close()
    assert len(got) == len(want)
    assert sorted(got) == sorted(want)


def test_pacing_follows_simulated_time() -> None:
    now = [0.0]
    sent: list[tuple[float, list[bytes]]] = []

    class Sink:
        def send(self, records: list[bytes]) -> None:
            sent.append((now[0], records))

        def close(self) -> None:
            pass

    def sleep(s: float) -> None:
        now[0] += s

    times = np.array([0.0, 10.0, 10.5, 60.0, 600.0])
    chunk = Chunk([b"a\n", b"b\n", b"c\n", b"d\n", b"e\n"], times, 5)
    w = pump([chunk], [Sink()], speed=10.0, clock=lambda: now[0], sleep=sleep)
    assert w.records == 5 and w.sentences == 5
    flat = [(t, r) for t, rs in sent for r in rs]
    assert [r for _, r in flat] == chunk.records
    for (t, _), sim_t in zip(flat, times, strict=True):
        assert sim_t / 10 - 0.6 <= t <= sim_t / 10 + 0.01  # sent within one tick of its time


def test_parse_hostport() -> None:
    assert parse_hostport("127.0.0.1:10110") == ("127.0.0.1", 10110)
    assert parse_hostport("[::1]:2000") == ("::1", 2000)
    for bad in ("localhost", "host:", ":80", "h:99999"):
        try:
            parse_hostport(bad)
        except ValueError:
            continue
        raise AssertionError(bad)
