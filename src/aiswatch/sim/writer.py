"""Where simulated lines go: a file (or stdout), a TCP peer, UDP datagrams; paced at real
time or `speed` times faster when streaming.

TCP connects to HOST:PORT as a client and writes the lines as a byte stream (as a receiver
feeding a pipeline does); UDP sends one datagram per NMEA line. A file is written as fast as
the simulation runs unless a network stream sets the pace.
"""

from __future__ import annotations

import contextlib
import socket
import sys
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Protocol

import numpy as np

from aiswatch.sim.engine import Chunk


class Sink(Protocol):
    def send(self, records: list[bytes]) -> None: ...

    def close(self) -> None: ...


class FileSink:
    """Writes records to a path ("-" for stdout)."""

    def __init__(self, path: str | Path) -> None:
        self._own = str(path) != "-"
        self.f: BinaryIO = open(path, "wb") if self._own else sys.stdout.buffer  # noqa: SIM115

    def send(self, records: list[bytes]) -> None:
        self.f.write(b"".join(records))

    def close(self) -> None:
        if self._own:
            self.f.close()
        else:
            self.f.flush()


def parse_hostport(text: str) -> tuple[str, int]:
    """``HOST:PORT`` (``[::1]:PORT`` for IPv6) -> (host, port)."""
    host, sep, port = text.rpartition(":")
    if not sep or not port.isdigit() or not host:
        raise ValueError(f"expected HOST:PORT, not {text!r}")
    host = host.strip("[]")
    p = int(port)
    if not 0 < p < 65536:
        raise ValueError(f"bad port in {text!r}")
    return host, p


class TcpSink:
    """Connects to HOST:PORT and streams the lines."""

    def __init__(self, hostport: str, *, timeout: float = 10.0) -> None:
        host, port = parse_hostport(hostport)
        self.sock = socket.create_connection((host, port), timeout=timeout)

    def send(self, records: list[bytes]) -> None:
        self.sock.sendall(b"".join(records))

    def close(self) -> None:
        with contextlib.suppress(OSError):
            self.sock.shutdown(socket.SHUT_WR)
        self.sock.close()


class UdpSink:
    """Sends each NMEA line as one datagram to HOST:PORT."""

    def __init__(self, hostport: str) -> None:
        host, port = parse_hostport(hostport)
        info = socket.getaddrinfo(host, port, type=socket.SOCK_DGRAM)[0]
        self.addr = info[4]
        self.sock = socket.socket(info[0], socket.SOCK_DGRAM)

    def send(self, records: list[bytes]) -> None:
        for rec in records:
            start = 0
            while start < len(rec):
                end = rec.index(b"\n", start) + 1
                self.sock.sendto(rec[start:end], self.addr)
                start = end

    def close(self) -> None:
        self.sock.close()


@dataclass
class Written:
    records: int = 0
    sentences: int = 0
    bytes: int = 0


def pump(
    chunks: Iterable[Chunk],
    sinks: list[Sink],
    *,
    speed: float | None = None,
    tick_s: float = 0.05,
    clock: Callable[[], float] = time.monotonic,
    sleep: Callable[[float], None] = time.sleep,
) -> Written:
    """Send every chunk to every sink. With `speed` (> 0), a record stamped t seconds into
    the simulation is sent t / speed seconds after the start (in slices of `tick_s`)."""
    out = Written()
    t_wall0 = clock()
    for chunk in chunks:
        out.records += len(chunk.records)
        out.sentences += chunk.sentences
        out.bytes += sum(len(r) for r in chunk.records)
        if not speed or speed <= 0:
            for s in sinks:
                s.send(chunk.records)
            continue
        step = tick_s * speed
        times = chunk.times
        if not len(times):
            continue
        edges = np.arange(float(times[0]) - step, float(times[-1]) + 2 * step, step)
        cuts = np.searchsorted(times, edges, side="right")
        prev = 0
        for edge, cut in zip(edges, cuts, strict=True):
            if cut <= prev:
                continue
            due = t_wall0 + float(edge) / speed
            wait = due - clock()
            if wait > 0:
                sleep(wait)
            part = chunk.records[prev:cut]
            for s in sinks:
                s.send(part)
            prev = int(cut)
        if prev < len(chunk.records):
            for s in sinks:
                s.send(chunk.records[prev:])
    return out
