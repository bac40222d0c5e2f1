"""`Message`: one decoded AIS message, with its raw wire values and gpsd-style JSON views."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from aiswatch.ais import commstate
from aiswatch.ais.bits import Bits
from aiswatch.ais.codec import decode_payload, encode_payload
from aiswatch.ais.fields import Field, Item, Kind, Record, Repeat, Value
from aiswatch.ais.layout import walk
from aiswatch.ais.messages import TYPES
from aiswatch.nmea import frame

ROT_FACTOR = 4.733  # ROT_AIS = 4.733 * sqrt(ROT_sensor) (ITU-R M.1371-5, Table 48)

JSONValue = Any


def _scale(f: Field, raw: Value) -> JSONValue:
    """Raw wire value -> unit value; "not available" -> None (enumerations keep their code)."""
    if isinstance(raw, Bits):
        return raw.gpsd()
    if isinstance(raw, bool | str):
        return raw
    assert isinstance(raw, int)
    if f.na is not None and raw == f.na and f.kind is not Kind.ENUM:
        return None
    if f.special == "rot":
        if raw == 127:
            return "fastright"
        if raw == -127:
            return "fastleft"
        return round(math.copysign((raw / ROT_FACTOR) ** 2, raw), f.decimals or 3)
    if f.scale != 1.0 or f.offset:
        v = raw / f.scale + f.offset
        return round(v, f.decimals) if f.decimals is not None else v
    return raw


def _unscale(f: Field, v: JSONValue) -> Value:
    """Unit value -> raw wire value (the inverse of `_scale`)."""
    if f.kind is Kind.DATA:
        return Bits.from_gpsd(v) if isinstance(v, str) else v
    if f.kind is Kind.TEXT:
        return str(v)
    if f.kind is Kind.BOOL:
        return bool(v)
    if v is None:
        return f.na if f.na is not None else 0
    if f.special == "rot":
        if v == "fastright":
            return 127
        if v == "fastleft":
            return -127
        return int(math.copysign(round(ROT_FACTOR * math.sqrt(abs(float(v)))), float(v)))
    if f.scale != 1.0 or f.offset:
        return round((float(v) - f.offset) * f.scale)
    return int(v)


def _to_json(items: Sequence[Item], rec: Mapping[str, Value], scaled: bool) -> dict[str, JSONValue]:
    out: dict[str, JSONValue] = {}
    for f in walk(items, rec):
        if f.name not in rec:
            continue
        v = rec[f.name]
        if isinstance(f, Repeat):
            assert isinstance(v, list)
            out[f.name] = [_to_json(f.items, row, scaled) for row in v]
        elif f.kind is not Kind.SPARE:
            out[f.name] = _scale(f, v) if scaled else (v.gpsd() if isinstance(v, Bits) else v)
    return out


def _from_json(items: Sequence[Item], obj: Mapping[str, JSONValue], scaled: bool) -> Record:
    rec: Record = {}
    for f in walk(items, obj):
        if f.name not in obj:
            continue
        v = obj[f.name]
        if isinstance(f, Repeat):
            rec[f.name] = [_from_json(f.items, row, scaled) for row in v]
        elif scaled:
            rec[f.name] = _unscale(f, v)
        elif f.kind is Kind.DATA and isinstance(v, str):
            rec[f.name] = Bits.from_gpsd(v)
        else:
            rec[f.name] = v
    return rec


@dataclass(frozen=True, slots=True)
class Message:
    """One AIS message. `fields` holds the raw wire values (integers, booleans, cleaned
    six-bit text, `Bits` for binary data, lists of records for arrays), keyed by gpsd's
    JSON-AIS member names; spare fields are kept so the message re-encodes bit for bit."""

    fields: Record

    @property
    def type(self) -> int:
        return int(self.fields["type"])  # type: ignore[arg-type]

    @property
    def mmsi(self) -> int:
        return int(self.fields["mmsi"])  # type: ignore[arg-type]

    @property
    def repeat(self) -> int:
        return int(self.fields.get("repeat", 0))  # type: ignore[arg-type]

    def __getitem__(self, name: str) -> Value:
        return self.fields[name]

    def get(self, name: str, default: Value | None = None) -> Value | None:
        return self.fields.get(name, default)

    # -- codecs --------------------------------------------------------------------
    @classmethod
    def decode(cls, payload: str, fill: int = 0) -> Message:
        """Decode an armoured payload (fragments already joined). Raises DecodeError."""
        return cls(decode_payload(payload, fill))

    def encode(self) -> tuple[str, int]:
        """Armoured payload and fill bits."""
        return encode_payload(self.fields)

    def sentences(
        self, *, channel: str = "A", talker: str = "AI", seq_id: int | None = None
    ) -> list[str]:
        """The message as !AIVDM sentences, split in parts where it needs more than one."""
        payload, fill = self.encode()
        return frame(payload, fill, channel=channel, talker=talker, seq_id=seq_id)

    # -- JSON ----------------------------------------------------------------------
    def json(self, *, scaled: bool = True, extras: bool = True) -> dict[str, JSONValue]:
        """gpsd/AIS-catcher style JSON object. Scaled: lon/lat in degrees, speed in knots,
        course in degrees, "not available" as None, controlled vocabularies with a `_text`
        twin, and the decoded communication state. Unscaled: raw integers, as
        `gpsdecode -u -j` prints them. `extras=False` leaves out the `_text` twins and the
        communication state (derived members) for callers that store the fields only."""
        out = _to_json(TYPES[self.type].items, self.fields, scaled)
        if scaled and extras:
            from aiswatch.ais.tables import VOCABULARIES

            for key, fn in VOCABULARIES.items():
                if key[0] == self.type and key[1] in out and isinstance(out[key[1]], int):
                    out[f"{key[1]}_text"] = fn(out[key[1]])
            radio = self.fields.get("radio")
            if isinstance(radio, int):
                out.update(commstate.decode(self.type, radio))
        return out

    @classmethod
    def from_json(cls, obj: Mapping[str, JSONValue], *, scaled: bool = True) -> Message:
        """Build a message from a JSON object of `json()`'s shape; members it does not name
        take their "not available" or zero default when encoded."""
        msg_type = int(obj["type"])
        if msg_type not in TYPES:
            raise ValueError(f"unknown message type {msg_type}")
        return cls(_from_json(TYPES[msg_type].items, obj, scaled))

    @classmethod
    def build(cls, msg_type: int, **values: JSONValue) -> Message:
        """Convenience for encoders and the simulator: `Message.build(1, mmsi=..., lat=...,
        lon=..., speed=...)` in scaled units. Members left out take their "not available"
        (or zero) value; the result is normalised through the encoder, so it equals what a
        receiver decodes."""
        draft = cls.from_json({"type": msg_type, **values})
        return cls.decode(*draft.encode())
