"""Decode a stream of reassembled NMEA payloads into messages, counting what fails."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime

from aiswatch.ais.codec import DecodeError
from aiswatch.ais.message import JSONValue, Message
from aiswatch.nmea import Problem, RawMessage


@dataclass(frozen=True, slots=True)
class Decoded:
    """A message with where and when it was received."""

    message: Message
    raw: RawMessage

    def json(self, *, scaled: bool = True) -> dict[str, JSONValue]:
        """gpsd/AIS-catcher style object, plus receive time (ISO 8601 UTC and Unix seconds),
        station and channel where the input gives them."""
        out = self.message.json(scaled=scaled)
        raw = self.raw
        if raw.time is not None:
            out["rxtime"] = iso_time(raw.time)
            out["rxuxtime"] = raw.time
        if raw.station is not None:
            out["station"] = raw.station
        if raw.channel:
            out["channel"] = raw.channel
        return out


def iso_time(t: float) -> str:
    """Unix seconds -> ISO 8601 UTC with milliseconds where there are any."""
    dt = datetime.fromtimestamp(t, tz=UTC)
    text = dt.strftime("%Y-%m-%dT%H:%M:%S")
    ms = round((t % 1) * 1000)
    return f"{text}.{ms:03d}Z" if ms and ms < 1000 else f"{text}Z"


@dataclass
class DecodeStats:
    """Counts of one decoding run."""

    messages: Counter[int] = field(default_factory=Counter)
    errors: Counter[str] = field(default_factory=Counter)

    @property
    def total(self) -> int:
        return sum(self.messages.values())


def decode_stream(
    raws: Iterable[RawMessage],
    stats: DecodeStats | None = None,
    on_problem: Callable[[Problem], None] | None = None,
) -> Iterator[Decoded]:
    """Decode every payload; a payload that is not a valid message becomes a located
    Problem (file, line, reason) and the stream goes on."""
    stats = stats if stats is not None else DecodeStats()
    for raw in raws:
        try:
            msg = Message.decode(raw.payload, raw.fill)
        except DecodeError as exc:
            stats.errors[exc.reason] += 1
            if on_problem is not None:
                text = raw.sentences[0] if raw.sentences else raw.payload
                on_problem(Problem(raw.source, raw.line, exc.reason, exc.detail, text[:120]))
            continue
        stats.messages[msg.type] += 1
        yield Decoded(msg, raw)
