"""Differential oracles for the AIS decoder: pyais and gpsd's `gpsdecode`.

Both are development-only dependencies (pyais from PyPI; gpsdecode from Debian's
gpsd-clients). Every real log under ../shared/data/ais is read with our own NMEA layer; each
complete message is then decoded by us, by pyais (from the same sentences) and by gpsdecode
(one process per log, once unscaled `-u -j`, once scaled `-j`), and compared field by field.

A disagreement is either fixed in the decoder, or matched by one of the `EXPLAINED` rules
at the end of this module, each naming the clause of ITU-R M.1371-5 (or of AIVDM.adoc, where
it records practice the standard leaves open) that decides the case. Every rule checks that
the difference is exactly the documented one (e.g. "gpsd prints the ROT magnitude without its
sign" recomputes gpsd's figure from the wire value), so a new bug does not hide behind an
old explanation. `python -m tests.ais.oracles` prints the summary table.

Normalisations (representation, not disagreement):

* pyais hands out scaled values; each is turned back into its wire integer with pyais's own
  `from_converter` (exact for every linear scaling), so both sides are compared raw. pyais's
  lossy rate of turn is compared scaled, its TurnRate members mapped to gpsd's spelling.
  pyais names differing from gpsd's are renamed (`msg_type`, `ship_type`, `reserved_*`,
  `app_id` split into `dac`/`fid`).
* gpsdecode `-u -j` is compared with our `json(scaled=False)`, gpsdecode `-j` with our
  `json()`. gpsd's composite members are split back into their fields (`timestamp`, `eta`),
  type 24 `part` "A"/"B" becomes `partno`, `app_id` of a structured type 25/26 becomes
  `dac`/`fid`, and gpsd 3.22's JSON names for type 23 (`shiptype`, `stationtype`) and the
  GLA AtoN `alarm` bit take AIVDM.adoc's names. `-s` keeps type 24 parts apart.
* gpsd's NMEA lexer knows a fixed list of AIS talkers (AB AD AI AN AR AS AT AX BS SA) and
  drops other sentences (`!BYVDM`, `!SSVDM`, `!--VDM` occur in the logs); its AIVDM driver
  drops channels other than A, B, 1 and 2 (`C` occurs). Such sentences are handed to it as
  `!AI...` on channel A with a new checksum, so that their payloads are still compared.
* Integers compare exactly, floats within 1e-6 (both round degrees to 6 decimals). Six-bit
  text is compared after AIVDM.adoc's rule: cut at the first '@', trailing spaces dropped.
  Binary data compares bit count and bits: gpsd's hex leaves garbage in the pad bits of the
  last octet; pyais's bytes carry no bit count, so ours are zero-padded to octets likewise.
* Binary applications (DAC/FI of types 6 and 8): the header members are always compared; the
  application members only where both decoders decode the application (ours: a registered
  layout, so new applications are picked up automatically; pyais: a class other than its
  "Default" one; gpsd: no "data" member). Pairs decoded on one side only are counted.
  Application members are compared raw (pyais's raw-ised values, gpsdecode -u): gpsd's
  scaled output of applications mixes units and legends. Oracle names differing from
  AIVDM.adoc's are mapped in `APP_RENAME` (8/1/11 `airtemp` is AIVDM.adoc's `temperature`).
"""

from __future__ import annotations

import dataclasses
import difflib
import enum
import json
import math
import re
import shutil
import subprocess
import sys
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from aiswatch.ais import TYPES, DecodeError, Message, apps
from aiswatch.ais.bits import Bits, unarmour
from aiswatch.ais.fields import Field, Group, Item, Switch
from aiswatch.ais.layout import chosen_case, walk
from aiswatch.ais.message import ROT_FACTOR
from aiswatch.nmea import NmeaReader, RawMessage, with_checksum
from aiswatch.sources import open_lines

PYAIS = "pyais"
GPSD_RAW = "gpsdecode -u -j"
GPSD_SCALED = "gpsdecode -j"
ORACLES = (PYAIS, GPSD_RAW, GPSD_SCALED)
GPSD = frozenset({GPSD_RAW, GPSD_SCALED})

MESSAGE = "<message>"  # pseudo-field: a message one side decodes and the other rejects
HEADER_6_8 = frozenset({"type", "repeat", "mmsi", "seqno", "dest_mmsi", "retransmit", "dac", "fid"})
GPSD_TALKERS = frozenset({"AB", "AD", "AI", "AN", "AR", "AS", "AT", "AX", "BS", "SA"})
GPSD_CHANNELS = frozenset({"", "A", "B", "1", "2"})


# ---- our side ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Ours:
    """One complete message read from a log, and what our decoder made of it."""

    file: str
    raw: RawMessage
    msg: Message | None
    error: str | None  # DecodeError.reason when msg is None
    nbits: int
    key: tuple[int, int] | None  # (type, mmsi) read straight from the bits, for alignment


def read_log(path: Path) -> list[Ours]:
    out: list[Ours] = []
    for rm in NmeaReader(strict_checksum=True).read(open_lines(path), path.name):
        try:
            value, nbits = unarmour(rm.payload, rm.fill)
        except ValueError:
            value, nbits = 0, 0
        key = None
        if nbits >= 38:
            key = (value >> (nbits - 6), (value >> (nbits - 38)) & ((1 << 30) - 1))
        try:
            msg, error = Message.decode(rm.payload, rm.fill), None
        except DecodeError as exc:
            msg, error = None, exc.reason
        out.append(Ours(path.name, rm, msg, error, nbits, key))
    return out


def decodes_app(msg: Message) -> bool:
    """True where our decoder has a layout for the message's binary application and used it."""
    if msg.type not in (6, 8) or "dac" not in msg.fields or "data" in msg.fields:
        return False
    return apps.title(msg.type, int(msg["dac"]), int(msg["fid"])) is not None  # type: ignore[arg-type]


def field_def(msg: Message, name: str) -> Field | None:
    """Our table's definition of the member `name` of `msg`, if it is a plain field."""
    for f in walk(TYPES[msg.type].items, msg.fields):
        if isinstance(f, Field) and f.name == name:
            return f
    return None


# ---- normalisation and comparison -------------------------------------------------------


def norm_text(s: str) -> str:
    """AIVDM.adoc: text ends at the first '@'; trailing spaces are padding."""
    at = s.find("@")
    return (s[:at] if at >= 0 else s).rstrip(" ")


_DATA = re.compile(r"^\d+:[0-9a-fA-F]*$")


def data_bits(v: Any) -> tuple[int, int] | None:
    """(bit count, value) of binary data given as gpsd's "n:hex" or as bytes."""
    if isinstance(v, bytes):
        return len(v) * 8, int.from_bytes(v, "big")
    if isinstance(v, str) and _DATA.match(v):
        b = Bits.from_gpsd(v)
        return b.nbits, b.value
    return None


def same_data(a: Any, b: Any) -> bool:
    """Binary data: same bit count and bits ("n:hex" pad bits and bytes' zero pad ignored)."""
    da, db = data_bits(a), data_bits(b)
    return da is not None and da == db


def bits_to_bytes(nbits: int, value: int) -> bytes:
    pad = (-nbits) % 8
    return (value << pad).to_bytes((nbits + pad) // 8, "big")


def same(a: Any, b: Any) -> bool:
    """Equality under the module doc's conventions."""
    if isinstance(a, bool) or isinstance(b, bool):
        return isinstance(a, int | bool) and isinstance(b, int | bool) and int(a) == int(b)
    if isinstance(a, int) and isinstance(b, int):
        return a == b
    if isinstance(a, int | float) and isinstance(b, int | float):
        if math.isnan(a) or math.isnan(b):
            return math.isnan(a) and math.isnan(b)
        return abs(a - b) <= 1.01e-6  # both round to 6 decimals at most
    if isinstance(a, str) and isinstance(b, str):
        return norm_text(a) == norm_text(b)
    if isinstance(a, bytes) and isinstance(b, bytes):
        return a == b
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(same(a[k], b[k]) for k in a)
    return bool(a == b)


# ---- disagreements ----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Diff:
    """One member on which we and an oracle disagree (or one message only one side decodes:
    `field` is MESSAGE, `ours`/`theirs` say "decoded" or why not)."""

    oracle: str
    file: str
    line: int
    type: int
    field: str
    ours: Any  # None when absent on our side (see ours_has)
    theirs: Any
    ours_has: bool
    theirs_has: bool
    payload: str
    fill: int
    nbits: int
    msg: Message | None = dataclasses.field(default=None, compare=False, repr=False)
    ours_obj: Mapping[str, Any] = dataclasses.field(default_factory=dict, compare=False, repr=False)
    theirs_obj: Mapping[str, Any] = dataclasses.field(
        default_factory=dict, compare=False, repr=False
    )
    extra: Mapping[str, Any] = dataclasses.field(default_factory=dict, compare=False, repr=False)

    def raw(self, name: str | None = None) -> Any:
        """Our raw wire value of a member of the message (default: the disputed one)."""
        assert self.msg is not None
        return self.msg.fields.get(name or self.field)


@dataclass
class Tally:
    messages: Counter[str] = field(default_factory=Counter)  # oracle -> messages compared
    fields: Counter[str] = field(default_factory=Counter)  # oracle -> member comparisons
    per_file: Counter[tuple[str, str]] = field(default_factory=Counter)  # (oracle, file)
    app_skipped: Counter[str] = field(default_factory=Counter)  # oracle -> pairs
    app_compared: Counter[str] = field(default_factory=Counter)  # oracle -> pairs
    retalked: int = 0  # sentences handed to gpsdecode re-talked or re-channelled
    diffs: list[Diff] = field(default_factory=list)

    def merge(self, other: Tally) -> None:
        self.messages.update(other.messages)
        self.fields.update(other.fields)
        self.per_file.update(other.per_file)
        self.app_skipped.update(other.app_skipped)
        self.app_compared.update(other.app_compared)
        self.retalked += other.retalked
        self.diffs.extend(other.diffs)

    def unexplained(self) -> list[Diff]:
        return [d for d in self.diffs if explain(d) is None]


def _compare(
    tally: Tally,
    oracle: str,
    item: Ours,
    ours: Mapping[str, Any],
    theirs: Mapping[str, Any],
    their_app: bool,
    extra: Mapping[str, Any] | None = None,
    app_members: bool = True,
) -> None:
    msg = item.msg
    assert msg is not None
    names = list(dict.fromkeys([*ours, *theirs]))
    if msg.type in (6, 8) and "dac" in msg.fields:
        if decodes_app(msg) != their_app:
            tally.app_skipped[oracle] += 1
            names = [n for n in names if n in HEADER_6_8]
        elif their_app and not app_members:
            names = [n for n in names if n in HEADER_6_8]
        elif their_app:
            tally.app_compared[oracle] += 1
    tally.messages[oracle] += 1
    tally.per_file[(oracle, item.file)] += 1
    data_members = {k for k, v in msg.fields.items() if isinstance(v, Bits)}
    for name in names:
        tally.fields[oracle] += 1
        has_o, has_t = name in ours, name in theirs
        o, t = ours.get(name), theirs.get(name)
        if has_o and has_t and (same_data(o, t) if name in data_members else same(o, t)):
            continue
        tally.diffs.append(
            Diff(
                oracle, item.file, item.raw.line, msg.type, name, o, t, has_o, has_t,
                item.raw.payload, item.raw.fill, item.nbits, msg, ours, theirs, extra or {},
            )
        )  # fmt: skip


def _rejected(tally: Tally, oracle: str, item: Ours, ours: str, theirs: str) -> None:
    typ = item.key[0] if item.key else -1
    tally.diffs.append(
        Diff(
            oracle, item.file, item.raw.line, typ, MESSAGE, ours, theirs, True, True,
            item.raw.payload, item.raw.fill, item.nbits, item.msg,
        )
    )  # fmt: skip


# ---- pyais ------------------------------------------------------------------------------

_PYAIS_NAMES: dict[str, str] = {"msg_type": "type"}
_PYAIS_BY_TYPE: dict[tuple[int, str], str] = {
    **{(t, "ship_type"): "shiptype" for t in (5, 19, 24)},
    (9, "reserved_1"): "regional",
    (18, "reserved_1"): "reserved",
    (18, "reserved_2"): "regional",
    (19, "reserved_1"): "reserved",
    (19, "reserved_2"): "regional",
    (21, "reserved_1"): "regional",
}
_PYAIS_SKIP = frozenset({"empty_1", "empty_2"})  # type 22 spare bits not flagged is_spare
_TURN_WORDS = {-128: None, -127: "fastleft", 127: "fastright"}


def pyais_record(
    sentences: Sequence[str], nbits: int
) -> tuple[dict[str, Any], bool, dict[str, Any]]:
    """pyais's decode with gpsd's names and raw values; whether pyais decoded a binary
    application; and extras for the explanations: `partial` (text members whose last
    character pyais made from the fewer than 6 bits left at the end of the message) and `to`
    (pyais's converter of each member, wire value -> pyais value). Raises whatever pyais
    raises on a rejection."""
    import pyais

    decoded = pyais.decode(*sentences)
    msg_type = int(decoded.msg_type)
    out: dict[str, Any] = {}
    partial: set[str] = set()
    to: dict[str, Callable[[Any], Any]] = {}
    offset = 0
    for f in type(decoded).fields():
        md = f.metadata
        start, offset = offset, offset + md["width"]
        if md.get("is_spare") or f.name in _PYAIS_SKIP:
            continue
        v = getattr(decoded, f.name)
        if v is None:  # pyais: a member beyond the end of the message
            continue
        name = _PYAIS_BY_TYPE.get((msg_type, f.name), _PYAIS_NAMES.get(f.name, f.name))
        if md["d_type"] is str and start < nbits < offset and (nbits - start) % 6:
            partial.add(name)  # the message ends inside a character of this text
        if md["to_converter"] is not None:
            to[name] = md["to_converter"]
        if f.name == "app_id":
            out["dac"], out["fid"] = int(v) >> 6, int(v) & 0x3F
            continue
        if f.name == "turn":  # lossy: compared scaled, TurnRate spelled as gpsd does
            out[name] = _TURN_WORDS[int(v.value)] if isinstance(v, enum.Enum) else v
            continue
        if isinstance(v, enum.Enum):
            v = v.value
        conv = md.get("from_converter")
        if isinstance(v, bool | str | bytes):
            pass
        elif conv is not None:
            v = round(conv(v))
        elif isinstance(v, float):
            v = round(v)
        out[name] = v
    if msg_type in (6, 8):
        rename = APP_RENAME.get((out.get("dac", -1), out.get("fid", -1)), {})
        out = {rename.get(k, k): v for k, v in out.items()}
        to = {rename.get(k, k): v for k, v in to.items()}
    their_app = type(decoded).__name__ not in {"MessageType6Default", "MessageType8Default"}
    return out, their_app, {"partial": frozenset(partial), "to": to}


def _ours_for_pyais(msg: Message) -> dict[str, Any]:
    out = msg.json(scaled=False)
    if "turn" in out:
        out["turn"] = msg.json()["turn"]
    for k, v in out.items():
        bits = data_bits(v) if isinstance(v, str) else None
        if bits is not None and isinstance(msg.fields.get(k), Bits):
            out[k] = bits_to_bytes(*bits)  # pyais hands out binary data as zero-padded bytes
    return out


def pyais_compare(items: Sequence[Ours]) -> Tally:
    tally = Tally()
    for item in items:
        try:
            theirs, their_app, extra = pyais_record(item.raw.sentences, item.nbits)
        except Exception as exc:  # pyais raises many kinds; each one is a rejection
            if item.msg is not None:
                _rejected(tally, PYAIS, item, "decoded", f"{type(exc).__name__}: {exc}"[:80])
            continue
        if item.msg is None:
            _rejected(tally, PYAIS, item, str(item.error), "decoded")
            continue
        _compare(tally, PYAIS, item, _ours_for_pyais(item.msg), theirs, their_app, extra)
    return tally


# ---- gpsdecode --------------------------------------------------------------------------


def gpsdecode_path() -> str | None:
    return shutil.which("gpsdecode")


def for_gpsd(sentence: str) -> tuple[str, bool]:
    """The sentence as gpsd accepts it, and whether it had to be changed: a talker outside
    gpsd's list becomes AI, a channel other than A, B, 1, 2 or empty becomes A."""
    parts = sentence.split("*", 1)[0][1:].split(",")
    if parts[0][:2] in GPSD_TALKERS and len(parts) > 4 and parts[4] in GPSD_CHANNELS:
        return sentence, False
    parts[0] = "AI" + parts[0][2:]
    if len(parts) > 4 and parts[4] not in GPSD_CHANNELS:
        parts[4] = "A"
    return with_checksum(",".join(parts), sentence[0]), True


def gpsdecode_run(items: Sequence[Ours], scaled: bool) -> tuple[list[dict[str, Any]], int]:
    """One gpsdecode process for a whole log: our messages' sentences in, JSON objects out."""
    exe = gpsdecode_path()
    assert exe is not None
    lines, retalked = [], 0
    for item in items:
        for s in item.raw.sentences:
            line, changed = for_gpsd(s)
            lines.append(line + "\r\n")
            retalked += changed
    args = [exe, "-s", "-j"] if scaled else [exe, "-s", "-u", "-j"]
    proc = subprocess.run(
        args, input="".join(lines).encode("ascii", "replace"), capture_output=True, timeout=300
    )
    objs = []
    for line in proc.stdout.decode("utf-8", "replace").splitlines():
        if line.startswith("{"):
            obj = json.loads(line)
            if obj.get("class") == "AIS":
                objs.append(obj)
    return objs, retalked


def align(
    items: Sequence[Ours], objs: Sequence[Mapping[str, Any]]
) -> Iterator[tuple[Ours, Mapping[str, Any] | None]]:
    """Pair our messages with gpsdecode's output by (type, mmsi) sequence alignment: gpsd
    drops what it rejects, so a message of ours without a partner yields (item, None)."""
    a = [it.key for it in items]
    b = [(o.get("type"), o.get("mmsi")) for o in objs]
    paired: dict[int, int] = {}
    for blk in difflib.SequenceMatcher(None, a, b, autojunk=False).get_matching_blocks():
        for k in range(blk.size):
            paired[blk.a + k] = blk.b + k
    for i, item in enumerate(items):
        j = paired.get(i)
        yield item, (objs[j] if j is not None else None)


_STAMPS = (
    (re.compile(r"^(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)Z$"),
     ("year", "month", "day", "hour", "minute", "second")),
    (re.compile(r"^(\d\d)-(\d\d)T(\d\d):(\d\d)Z$"), ("month", "day", "hour", "minute")),
    (re.compile(r"^(\d\d)T(\d\d):(\d\d)Z$"), ("day", "hour", "minute")),
)  # fmt: skip
_GPSD_RENAME: dict[int, dict[str, str]] = {
    23: {
        "shiptype": "ship_type",
        "shiptype_text": "ship_type_text",
        "stationtype": "station_type",
        "stationtype_text": "station_type_text",
    },
}
APP_RENAME: dict[tuple[int, int], dict[str, str]] = {
    (1, 11): {"airtemp": "temperature"},  # pyais and gpsd's JSON; AIVDM.adoc: temperature
    (235, 10): {"alarm": "health"},  # gpsd's JSON; AIVDM.adoc: health
    (250, 10): {"alarm": "health"},
}
"""(DAC, FI) -> oracle member name -> AIVDM.adoc's (our) name, for both oracles."""


def gpsd_normalise(obj: Mapping[str, Any], scaled: bool) -> dict[str, Any]:
    """gpsd's JSON object in our members' shape (see the module doc)."""
    msg_type = int(obj["type"])
    rename = dict(_GPSD_RENAME.get(msg_type, {}))
    if msg_type in (6, 8):
        rename.update(APP_RENAME.get((obj.get("dac", -1), obj.get("fid", -1)), {}))
    out: dict[str, Any] = {}
    for k, v in obj.items():
        if k in ("class", "device", "scaled") or (not scaled and k.endswith("_text")):
            continue  # the *_text twins are compared once, with the scaled output
        if k in ("timestamp", "eta") and isinstance(v, str):
            for pattern, names in _STAMPS:
                m = pattern.match(v)
                if m:
                    out.update(zip(names, map(int, m.groups()), strict=True))
                    break
            else:
                out[k] = v
        elif k == "part" and msg_type == 24:
            out["partno"] = {"A": 0, "B": 1}.get(v, v)
        elif k == "app_id" and obj.get("structured"):
            out["dac"], out["fid"] = int(v) >> 6, int(v) & 0x3F
        else:
            out[rename.get(k, k)] = v
    return out


def gpsdecode_compare(items: Sequence[Ours], scaled: bool) -> Tally:
    oracle = GPSD_SCALED if scaled else GPSD_RAW
    tally = Tally()
    objs, tally.retalked = gpsdecode_run(items, scaled)
    for item, obj in align(items, objs):
        if obj is None:
            if item.msg is not None:
                _rejected(tally, oracle, item, "decoded", "no output")
            continue
        if item.msg is None:
            _rejected(tally, oracle, item, str(item.error), "decoded")
            continue
        theirs = gpsd_normalise(obj, scaled)
        ours = item.msg.json(scaled=scaled)
        # Application members are compared raw only: gpsd's scaled output of applications
        # mixes units and legends (inland beam in decimetres, trends as words).
        _compare(tally, oracle, item, ours, theirs, "data" not in obj, app_members=not scaled)
    return tally


# ---- running and reporting --------------------------------------------------------------


def logs(directory: Path) -> list[Path]:
    return sorted(p for p in directory.iterdir() if p.suffix not in {".md", ".csv"})


def run_log(path: Path, oracles: Sequence[str] = ORACLES) -> Tally:
    items = read_log(path)
    tally = Tally()
    if PYAIS in oracles:
        tally.merge(pyais_compare(items))
    if GPSD_RAW in oracles:
        tally.merge(gpsdecode_compare(items, scaled=False))
    if GPSD_SCALED in oracles:
        tally.merge(gpsdecode_compare(items, scaled=True))
    return tally


def run_all(paths: Iterable[Path], oracles: Sequence[str] = ORACLES) -> Tally:
    tally = Tally()
    for path in paths:
        tally.merge(run_log(path, oracles))
    return tally


def summary(tally: Tally) -> str:
    lines = []
    for oracle in ORACLES:
        diffs = [d for d in tally.diffs if d.oracle == oracle]
        if not tally.messages[oracle] and not diffs:
            continue
        apps_done = (
            "application members compared in the -u pass only"
            if oracle == GPSD_SCALED
            else f"{tally.app_compared[oracle]} compared member by member"
        )
        lines.append(
            f"== {oracle}: {tally.messages[oracle]} messages compared, "
            f"{tally.fields[oracle]} member comparisons, {len(diffs)} disagreements; "
            f"binary applications (6/8 DAC-FI): {apps_done}, "
            f"{tally.app_skipped[oracle]} decoded on one side only (header compared)"
        )
        classes: dict[str, Counter[tuple[int, str]]] = {}
        for d in diffs:
            rule = explain(d)
            classes.setdefault(rule.name if rule else "UNEXPLAINED", Counter())[
                (d.type, d.field)
            ] += 1
        for name, where in sorted(classes.items(), key=lambda kv: -kv[1].total()):
            detail = "; ".join(f"{t}/{f} {n}" for (t, f), n in sorted(where.items()))
            lines.append(f"   {where.total():6d}  {name}: {detail}")
    if tally.retalked:
        lines.append(f"== {tally.retalked} sentences re-talked/re-channelled for gpsdecode")
    used = Counter(rule.name for d in tally.diffs if (rule := explain(d)))
    if used:
        lines.append("== explanations")
        for rule in EXPLAINED:
            if rule.name in used:
                lines.append(f" * {rule.name} ({used[rule.name]}): {rule.clause}. {rule.why}")
    return "\n".join(lines)


def available_oracles() -> list[str]:
    out = []
    try:
        import pyais  # noqa: F401

        out.append(PYAIS)
    except ImportError:
        pass
    if gpsdecode_path() is not None:
        out += [GPSD_RAW, GPSD_SCALED]
    return out


def main(argv: Sequence[str] = ()) -> int:
    from tests.conftest import AIS_LOGS

    show = int(argv[0]) if argv else 3
    tally = run_all(logs(AIS_LOGS), available_oracles())
    print(summary(tally))
    seen: Counter[tuple[str, int, str]] = Counter()
    unexplained = tally.unexplained()
    for d in unexplained:
        k = (d.oracle, d.type, d.field)
        seen[k] += 1
        if seen[k] <= show:
            print(
                f"UNEXPLAINED {d.oracle} {d.file}:{d.line} type {d.type} {d.field}: "
                f"ours={d.ours!r} theirs={d.theirs!r} ({d.payload},{d.fill}; {d.nbits} bits)"
            )
    return 1 if unexplained else 0


# ---- explanations -----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Explained:
    """A named class of disagreement, decided by the clause of the standard it cites.
    `fields` None means any member; `applies` checks the exact documented difference."""

    name: str
    oracles: frozenset[str]
    types: frozenset[int] | None
    fields: frozenset[str] | None
    clause: str
    why: str
    applies: Callable[[Diff], bool]

    def matches(self, d: Diff) -> bool:
        return (
            d.oracle in self.oracles
            and (self.types is None or d.type in self.types)
            and (self.fields is None or d.field in self.fields)
            and self.applies(d)
        )


def explain(d: Diff) -> Explained | None:
    for rule in EXPLAINED:
        if rule.matches(d):
            return rule
    return None


# -- helpers the rules use ----------------------------------------------------------------


def _items_with_offsets(
    items: Sequence[Item], rec: Mapping[str, Any], pos: int, out: dict[str, tuple[int, int, int]]
) -> int:
    """(offset, width, block end) of the members of our layout along `rec`, groups the
    message does not carry included (they reach beyond its end). The block end is where the
    member's group ends, or the member's own end outside a group."""
    for it in items:
        if isinstance(it, Field):
            v = rec.get(it.name)
            width = it.width
            if it.variable and isinstance(v, Bits):
                width = v.nbits
            elif it.variable and isinstance(v, str):
                width = 6 * len(v)
            out.setdefault(it.name, (pos, width, pos + width))
            pos += width
        elif isinstance(it, Group):
            inner: dict[str, tuple[int, int, int]] = {}
            end = _items_with_offsets(it.items, rec, pos, inner)
            for name, (start, width, _) in inner.items():
                out.setdefault(name, (start, width, end))
            pos = end
        elif isinstance(it, Switch):
            pos = _items_with_offsets(chosen_case(it, rec), rec, pos, out)
        else:
            break  # a Repeat runs to the end of the message
    return pos


def offset(d: Diff) -> tuple[int, int, int] | None:
    """(bit offset, width, block end) of the disputed member in our layout of the message."""
    assert d.msg is not None
    out: dict[str, tuple[int, int, int]] = {}
    _items_with_offsets(TYPES[d.type].items, d.msg.fields, 0, out)
    return out.get(d.field)


def bits_at(d: Diff, start: int, width: int) -> int:
    """The message's bits [start, start + width), as far as the message goes."""
    value, nbits = unarmour(d.payload, d.fill)
    end = min(nbits, start + width)
    return (value >> (nbits - end)) & ((1 << (end - start)) - 1) if end > start else 0


def _cut_block(shifted: bool) -> Callable[[Diff], bool]:
    """We leave the member out because the message ends before its block does; the oracle
    read it anyway: the bits it finds where our layout puts it, as far as the message goes
    (gpsd as if zeros followed, `shifted`, or 0 where it skips the block; pyais as a narrower
    number, and nothing beyond the end)."""

    def applies(d: Diff) -> bool:
        where = offset(d)
        if d.ours_has or not d.theirs_has or where is None or isinstance(d.theirs, str | bytes):
            return False
        start, width, block_end = where
        if block_end <= d.nbits or (start >= d.nbits and not shifted):
            return False  # the message carries the whole block: leaving it out is a bug
        part = bits_at(d, start, width)
        missing = max(0, start + width - d.nbits)
        if shifted:  # gpsd: also 0 where it does not read the block at all (type 16)
            return bool(d.theirs in (0, part << missing))
        return bool(d.theirs == part)

    return applies


def _na_sentinel(d: Diff) -> bool:
    """Our null for "not available" against gpsd's sentinel printed as a number or "nan"."""
    if d.ours is not None or not d.ours_has or d.msg is None:
        return False
    f = field_def(d.msg, d.field)
    raw = d.raw()
    if f is None or f.na is None or raw != f.na:
        return False
    if d.theirs == "nan":
        return True
    return isinstance(d.theirs, int | float) and (
        same(d.theirs, raw) or same(d.theirs, raw / f.scale)
    )


def _rot(raw: int) -> float:
    return (raw / ROT_FACTOR) ** 2


def _our_rot(d: Diff) -> int | None:
    """The wire ROT, if our scaled value is the signed (ROT_AIS/4.733)^2 of it."""
    raw = d.raw()
    if not isinstance(raw, int) or abs(raw) >= 127:
        return None
    return raw if same(d.ours, round(math.copysign(_rot(raw), raw), 3)) else None


def _gpsd_rot(d: Diff) -> bool:
    raw = _our_rot(d)
    return raw is not None and d.theirs == float(f"{_rot(raw):.0f}")


def _pyais_rot(d: Diff) -> bool:
    raw = _our_rot(d)
    return raw is not None and d.theirs == math.copysign(round(_rot(raw)), raw)


def _tenth_degree(d: Diff) -> bool:
    raw = d.raw()
    return (
        isinstance(raw, int)
        and same(d.ours, round(raw / 600, 6))
        and d.theirs == float(f"{raw / 600:.1f}")
    )


def _quoted_number(d: Diff) -> bool:
    return isinstance(d.theirs, str) and isinstance(d.ours, float) and same(d.ours, float(d.theirs))


def _same_code(d: Diff) -> bool:
    """A *_text legend whose code member agrees on both sides."""
    code = d.field.removesuffix("_text")
    return (
        d.ours_has
        and d.theirs_has
        and code in d.ours_obj
        and code in d.theirs_obj
        and same(d.ours_obj[code], d.theirs_obj[code])
    )


def _pyais_enum(d: Diff) -> bool:
    """pyais turned our (same) code into another member of its enum."""
    conv = d.extra.get("to", {}).get(d.field)
    if conv is None or not isinstance(d.ours, int) or isinstance(d.ours, bool):
        return False
    try:
        mapped = conv(d.ours)
    except (ValueError, TypeError):
        return False
    return isinstance(mapped, enum.Enum) and mapped.value == d.theirs and d.theirs != d.ours


def _strip(d: Diff) -> bool:
    return (
        isinstance(d.ours, str)
        and isinstance(d.theirs, str)
        and norm_text(d.ours) != norm_text(d.ours).lstrip(" ")
        and norm_text(d.ours).strip(" ") == d.theirs
    )


def _extra_char(d: Diff) -> bool:
    return (
        d.field in d.extra.get("partial", ())
        and isinstance(d.ours, str)
        and isinstance(d.theirs, str)
        and len(d.theirs) == len(norm_text(d.ours)) + 1
        and d.theirs.startswith(norm_text(d.ours))
    )


def _pyais_26(d: Diff) -> bool:
    """pyais's layout of type 26: an application identifier after the destination whether or
    not the message is structured, then data of a fixed width (958, 988 or 1004 bits) that
    takes the communication state's bits too when the message is shorter."""
    msg = d.msg
    assert msg is not None
    addressed, structured = bool(msg["addressed"]), bool(msg["structured"])
    pos = 70 if addressed else 40
    expect: dict[str, Any] = {}
    if addressed or structured:
        app = bits_at(d, pos, 16)
        expect["dac"], expect["fid"] = app >> 6, app & 0x3F
        pos += 16
    width = {(True, True): 958, (False, True): 988, (True, False): 958}.get(
        (addressed, structured), 1004
    )
    end = min(d.nbits, pos + width)
    expect["data"] = bits_to_bytes(end - pos, bits_at(d, pos, end - pos))
    if pos + width + 20 <= d.nbits:
        expect["radio"] = bits_at(d, pos + width, 20)
    if d.field not in expect:
        return not d.theirs_has
    return d.theirs_has and same(d.theirs, expect[d.field])


def _zero_unsent(d: Diff) -> bool:
    """gpsd's 0 for the destination of a broadcast or the application id of an unstructured
    type 25/26 message."""
    assert d.msg is not None
    flag = {"dest_mmsi": "addressed", "app_id": "structured"}.get(d.field)
    return flag is not None and not d.ours_has and d.theirs == 0 and not d.msg[flag]


def _name_ext_joined(d: Diff) -> bool:
    """gpsd writes the extension after the 20 characters of the name field and ends the
    string at the first '@': the extension shows only after a name that fills the field."""
    if "name_ext" in d.theirs_obj:
        return False
    name = str(d.ours_obj.get("name", ""))
    joined = name + str(d.ours_obj.get("name_ext", "")) if len(name) == 20 else name
    return norm_text(str(d.theirs_obj.get("name", ""))) == norm_text(joined)


def _vendor_42(d: Diff) -> bool:
    return (
        isinstance(d.ours, str)
        and isinstance(d.theirs, str)
        and len(d.theirs) <= 7
        and d.theirs.startswith(norm_text(d.ours))
    )


def _merged_24(d: Diff) -> bool:
    """gpsd printed part B joined with the part A it had seen for the MMSI (no "part")."""
    assert d.msg is not None
    return (
        d.msg["partno"] == 1
        and "partno" not in d.theirs_obj
        and (
            (d.field == "partno" and not d.theirs_has)
            or (d.field == "shipname" and not d.ours_has and isinstance(d.theirs, str))
        )
    )


def _absent_theirs(d: Diff) -> bool:
    return d.ours_has and not d.theirs_has


def _empty_ours(d: Diff) -> bool:
    return d.ours_has and not d.theirs_has and d.ours in ("", b"")


def _rejected_length(d: Diff) -> bool:
    return d.ours in ("too-short", "too-long") and d.theirs == "decoded"


def _gpsd_27_length(d: Diff) -> bool:
    return d.ours == "decoded" and d.theirs == "no output" and d.nbits not in (96, 168)


def _reserved_type(d: Diff) -> bool:
    return d.ours == "unknown-type" and d.theirs == "decoded" and d.type >= 28


def _unsigned(d: Diff) -> bool:
    where = offset(d)
    return (
        where is not None
        and isinstance(d.ours, int)
        and d.ours < 0
        and d.theirs == d.ours + (1 << where[1])
    )


COMMSTATE = frozenset(
    {"sync_state", "slot_timeout", "slot_offset", "utc_hour", "utc_minute", "slot_number",
     "received_stations", "slot_increment", "slots", "keep", "commstate_flag"}
)  # fmt: skip
TEXT_MEMBERS = frozenset(
    {"shipname", "callsign", "destination", "name", "name_ext", "text", "vendorid", "vin"}
)
P = frozenset({PYAIS})
S = frozenset({GPSD_SCALED})
BOTH = frozenset(ORACLES)
BLOCKS = "ITU-R M.1371-5 Annex 8, messages 7 and 13 (one to four destination ID + sequence number blocks), 15 (interrogation: one station for one or two messages, or two stations), 16 (one or two assignments) and 20 (one to four slot reservations): a message carries whole blocks, its length says how many; AIVDM.adoc 'Byte Alignment': trailing bits up to an octet are padding"


def _rule(
    name: str,
    oracles: frozenset[str],
    types: Iterable[int] | None,
    fields: Iterable[str] | None,
    clause: str,
    why: str,
    applies: Callable[[Diff], bool],
) -> Explained:
    return Explained(
        name,
        oracles,
        None if types is None else frozenset(types),
        None if fields is None else frozenset(fields),
        clause,
        why,
        applies,
    )


EXPLAINED: list[Explained] = [
    # -- message accepted by one side only --------------------------------------------------
    _rule(
        "length-not-checked",
        P,
        None,
        [MESSAGE],
        "ITU-R M.1371-5 Annex 8, the message descriptions: each type has a defined length (message 21: 272-360 bits, 23: 160, 26: at least 60, 27: 96); AIVDM.adoc 'Interaction with AIVDM padding': accept up to 5 bits over",
        "pyais decodes any length (missing fields None, a field cut short read from what is left); we reject a payload too short for its type or a whole octet or more too long (DecodeError too-short/too-long)",
        _rejected_length,
    ),
    _rule(
        "reserved-message-type",
        P,
        None,
        [MESSAGE],
        "ITU-R M.1371-5 Annex 8, message summary: message identifiers 28-63 are reserved for future use",
        "pyais 3.3 decodes identifier 28 with a layout of its own (AtoN fields) that M.1371-5 does not define; we reject types beyond 27 (DecodeError unknown-type)",
        _reserved_type,
    ),
    _rule(
        "type27-odd-length",
        GPSD,
        [27],
        [MESSAGE],
        "ITU-R M.1371-5 Annex 8, message 27 (position report for long-range applications): 96 bits; AIVDM.adoc Type 27: sent as 168 bits in the wild, decode the first 96",
        "gpsd 3.22 accepts exactly 96 or 168 bits; we decode the first 96 bits of any 96-175-bit payload (padding to a slot or an octet)",
        _gpsd_27_length,
    ),
    _rule(
        "type23-too-long",
        GPSD,
        [23],
        [MESSAGE],
        "ITU-R M.1371-5 Annex 8, message 23 (group assignment command): 160 bits",
        "gpsd 3.22 decodes the first 160 bits of a longer payload; we reject one that is an octet or more too long (these libais vectors are labelled 'likely all junk')",
        _rejected_length,
    ),
    # -- members the message does not carry -------------------------------------------------
    _rule(
        "block-not-carried-gpsd",
        GPSD,
        None,
        None,
        BLOCKS,
        "we leave out the members of a block the message does not carry in full; gpsd 3.22 prints them anyway: read as if zeros followed the message, or 0 (beyond its end, and for type 16's second block unless the message has 144 bits)",
        _cut_block(shifted=True),
    ),
    _rule(
        "block-not-carried-pyais",
        P,
        None,
        None,
        BLOCKS,
        "we leave out the members of a block the message does not carry in full; pyais reads those the message reaches from the bits that remain",
        _cut_block(shifted=False),
    ),
    _rule(
        "unsent-destination-or-app-id",
        GPSD,
        [25, 26],
        ["dest_mmsi", "app_id"],
        "ITU-R M.1371-5 Annex 8, messages 25 and 26 (single/multiple slot binary message): the destination ID is present only if the destination indicator is set, the application identifier only if the binary data flag (structured) is set",
        "gpsd 3.22 prints 0 for the member the message does not carry; we leave it out",
        _zero_unsent,
    ),
    _rule(
        "empty-trailing-field",
        P,
        None,
        None,
        "ITU-R M.1371-5 Annex 8, message 6 (binary data 0-920 bits), message 14 (safety-related text 0-968 bits), message 21 (name extension 0-88 bits)",
        "pyais reports a variable-length field of zero bits as absent (None); we report it empty",
        _empty_ours,
    ),
    # -- members an oracle does not print ---------------------------------------------------
    _rule(
        "gpsd-omits-sequence-numbers",
        GPSD,
        [7, 13],
        ["mmsiseq1", "mmsiseq2", "mmsiseq3", "mmsiseq4"],
        "ITU-R M.1371-5 Annex 8, messages 7 and 13: each destination ID is followed by its 2-bit sequence number",
        "gpsd 3.22's JSON leaves the sequence numbers out",
        _absent_theirs,
    ),
    _rule(
        "gpsd-omits-assigned",
        GPSD,
        [9, 18, 21],
        ["assigned"],
        "ITU-R M.1371-5 Annex 8, messages 9, 18 and 21: assigned-mode flag",
        "gpsd 3.22's JSON leaves the flag out",
        _absent_theirs,
    ),
    _rule(
        "gpsd-omits-type23-txrx",
        GPSD,
        [23],
        ["txrx"],
        "ITU-R M.1371-5 Annex 8, message 23: Tx/Rx mode, bits 144-145",
        "gpsd 3.22's JSON leaves the member out",
        _absent_theirs,
    ),
    _rule(
        "communication-state",
        S,
        [1, 2, 3, 4, 9, 11, 18, 26],
        COMMSTATE,
        "ITU-R M.1371-5 Annex 2 §3.3.7.2.2 (SOTDMA) and §3.3.7.3.2 (ITDMA) communication states; Annex 8, messages 9, 18 and 26: the communication state selector flag",
        "we decode the state into sync_state, slot_timeout and its sub-message; gpsd 3.22 prints only the raw radio member, which is compared in both passes",
        _absent_theirs,
    ),
    # -- presentation -----------------------------------------------------------------------
    _rule(
        "name-extension-joined",
        GPSD,
        [21],
        ["name", "name_ext"],
        "ITU-R M.1371-5 Annex 8, message 21: name of aid-to-navigation (120 bits) and name extension (0-88 bits), which continues the name when it needs more than 20 characters",
        "gpsd 3.22 prints no name_ext: it appends the extension to the name, where it shows only after a name of 20 characters (a shorter name ends at its '@' padding and the extension is lost); we keep the two fields as sent",
        _name_ext_joined,
    ),
    _rule(
        "gpsd-vendor-id-42-bits",
        GPSD,
        [24],
        ["vendorid"],
        "ITU-R M.1371-5 Annex 8, message 24 part B: vendor ID = 18-bit manufacturer's ID (3 characters), 4-bit unit model code and 20-bit serial number (a single 42-bit, 7-character vendor ID is the older M.1371-3 layout)",
        "gpsd 3.22 prints 7 characters over all 42 bits as well as model and serial; we decode the 3-character manufacturer ID",
        _vendor_42,
    ),
    _rule(
        "gpsd-joins-type24-parts",
        GPSD,
        [24],
        ["partno", "shipname"],
        "ITU-R M.1371-5 Annex 8, message 24: part A carries the name, part B the rest, as two messages",
        "gpsd 3.22 (even with -s) prints a part B joined with the part A it saw before from the same MMSI, with the name and without a part number; we decode each message as sent",
        _merged_24,
    ),
    _rule(
        "gpsd-type26-radio",
        GPSD,
        [26],
        ["radio"],
        "ITU-R M.1371-5 Annex 8, message 26: the last 20 bits are the communication state (selector flag + SOTDMA/ITDMA state)",
        "gpsd 3.22 prints radio 0 for every type 26 (it does not extract the state); we decode the last 20 bits",
        lambda d: d.theirs == 0,
    ),
    _rule(
        "pyais-type26-layout",
        P,
        [26],
        ["dac", "fid", "data", "radio"],
        "ITU-R M.1371-5 Annex 8, message 26: the application identifier is present only when the binary data flag (structured) is set; the communication state is always the last 20 bits",
        "pyais reads an application id in addressed unstructured messages and takes data at a fixed width, swallowing the communication state of a shorter message; its values are exactly that layout applied to the same bits",
        _pyais_26,
    ),
    _rule(
        "pyais-type17-unsigned",
        P,
        [17],
        ["lon", "lat"],
        "ITU-R M.1371-5 Annex 8, message 17: longitude and latitude of the DGNSS reference station in 1/10 min, signed (two's complement; west and south negative) like every AIS position",
        "pyais decodes the two fields unsigned; its value is ours plus 2^width",
        _unsigned,
    ),
    _rule(
        "not-available-sentinel",
        S,
        None,
        None,
        "ITU-R M.1371-5 Annex 8, each parameter's 'not available' default (messages 1-3: longitude 181, latitude 91, SOG 1023, COG 3600, heading 511, time stamp 60, ROT -128; message 4: year 0, month 0, day 0, hour 24, minute 60, second 60; message 5: IMO 0, draught 0, ETA 0/0/24/60; message 9: altitude 4095)",
        'gpsd -j prints the sentinel (scaled, or "nan"); our scaled JSON gives null, and the raw value agrees in the -u pass',
        _na_sentinel,
    ),
    _rule(
        "gpsd-rot-unsigned",
        S,
        [1, 2, 3],
        ["turn"],
        "ITU-R M.1371-5 Annex 8, messages 1-3, rate of turn: ROT_AIS = 4.733 SQRT(ROT_sensor) degrees/min, coded signed: negative values mean turning to port (left)",
        "gpsd 3.22 -j prints round((ROT_AIS/4.733)^2) without the sign; we print the signed rate to 3 decimals (the raw value agrees)",
        _gpsd_rot,
    ),
    _rule(
        "pyais-rot-rounding",
        P,
        [1, 2, 3],
        ["turn"],
        "ITU-R M.1371-5 Annex 8, messages 1-3, rate of turn: ROT_AIS = 4.733 SQRT(ROT_sensor), so ROT_sensor = (ROT_AIS/4.733)^2 with the sign of ROT_AIS; no rounding is specified",
        "pyais rounds the rate to whole degrees per minute; we keep 3 decimals (the wire value agrees)",
        _pyais_rot,
    ),
    _rule(
        "gpsd-tenth-degree-positions",
        S,
        [17, 27],
        ["lon", "lat"],
        "ITU-R M.1371-5 Annex 8, messages 17 and 27: positions in 1/10 min (0.00167 degree)",
        "gpsd 3.22 -j prints these positions to 0.1 degree; we print 6 decimals (the raw value agrees)",
        _tenth_degree,
    ),
    _rule(
        "gpsd-quoted-coordinates",
        S,
        [22, 23],
        ["ne_lon", "ne_lat", "sw_lon", "sw_lat"],
        "ITU-R M.1371-5 Annex 8, messages 22 and 23: corner positions in 1/10 min",
        'gpsd 3.22 -j writes these as JSON strings ("49.000000"); same number',
        _quoted_number,
    ),
    _rule(
        "gpsd-type27-status-legend",
        S,
        [27],
        ["status", "status_text"],
        "ITU-R M.1371-5 Annex 8, message 27: navigational status, the 4-bit code of messages 1-3",
        "gpsd 3.22 -j writes the type 27 status as its legend in place of the code and has no status_text; the code agrees in the -u pass",
        lambda d: isinstance(d.theirs, str) or (d.field == "status_text" and not d.theirs_has),
    ),
    _rule(
        "epfd-15-internal-gnss",
        S,
        None,
        ["epfd_text"],
        "ITU-R M.1371-5 Annex 8, messages 4 and 5, type of electronic position fixing device: 15 = internal GNSS",
        "gpsd 3.22 calls 15 'INVALID EPFD'; we name it per M.1371-5",
        lambda d: d.theirs == "INVALID EPFD" and _same_code(d) and d.ours_obj.get("epfd") == 15,
    ),
    _rule(
        "status-14-ais-sart",
        S,
        None,
        ["status_text"],
        "ITU-R M.1371-5 Annex 8, messages 1-3, navigational status: 14 = AIS-SART (active), MOB-AIS, EPIRB-AIS",
        "gpsd 3.22 calls 14 'Reserved'; we name it per M.1371-5",
        lambda d: d.theirs == "Reserved" and _same_code(d) and d.ours_obj.get("status") == 14,
    ),
    _rule(
        "legend-wording",
        S,
        None,
        None,
        "ITU-R M.1371-5 Annex 8 defines the codes (compared in both passes); a *_text legend is each decoder's wording of the code",
        "our legends are AIVDM.adoc's table wording (e.g. 'Not defined (default)', 'Cargo, all ships of this type'), gpsd's its C source's ('Not defined', 'Cargo - all ships of this type'); the code members agree",
        lambda d: d.field.endswith("_text") and _same_code(d),
    ),
    _rule(
        "pyais-enum-catch-all",
        P,
        None,
        None,
        "ITU-R M.1371-5 Annex 8 code tables reserve codes (type of ship: 1-19 reserved, 38-39 reserved, 56-57 spare for local use, x5-x8 reserved in the 60-90 decades; message 23 station type: 6-9 regional, 10-15 reserved)",
        "pyais maps a code its enum lacks to a catch-all member (0 or a 'reserved' member); we keep the code sent",
        _pyais_enum,
    ),
    _rule(
        "pyais-strips-leading-spaces",
        P,
        None,
        TEXT_MEMBERS,
        "ITU-R M.1371-5 Annex 8, 6-bit ASCII: space is a character; only trailing '@' (and, per AIVDM.adoc, trailing spaces) pad a text field",
        "pyais strip()s both ends of every text; we keep leading spaces as sent",
        _strip,
    ),
    _rule(
        "pyais-partial-character",
        P,
        None,
        TEXT_MEMBERS,
        "AIVDM.adoc 'Byte Alignment': text of types 6, 12 and 14 may be followed by padding to an octet boundary, which decoders should ignore; ITU-R M.1371-5 Annex 8, 6-bit ASCII: a character is 6 bits",
        "pyais decodes the 2-4 leftover bits as one more character; we drop them",
        _extra_char,
    ),
]

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
