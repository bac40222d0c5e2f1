"""`aiswatch decode`: NMEA logs (plain, .gz, .bz2, .zst or stdin) to JSON lines or CSV."""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Iterable
from enum import StrEnum
from pathlib import Path
from typing import IO, Annotated, Any

import typer

from aiswatch.ais import TYPES
from aiswatch.ais.fields import Field, Kind
from aiswatch.ais.layout import all_fields
from aiswatch.ais.stream import Decoded, DecodeStats, decode_stream
from aiswatch.cli.report import ProblemLog, print_summary
from aiswatch.nmea import NmeaReader, Stats
from aiswatch.sources import read_messages


class Format(StrEnum):
    jsonl = "jsonl"
    csv = "csv"


def csv_columns() -> list[str]:
    """Every top-level member of types 1-27 (binary application fields go in `app`)."""
    cols = ["rxtime", "station", "channel"]
    seen = set(cols)
    for number in sorted(TYPES):
        for f, _ in all_fields(TYPES[number].items):
            if isinstance(f, Field) and f.kind is not Kind.SPARE and f.name not in seen:
                seen.add(f.name)
                cols.append(f.name)
    return [*cols, "app"]


def write_jsonl(items: Iterable[Decoded], out: IO[str], scaled: bool) -> None:
    dumps = json.dumps
    for d in items:
        out.write(dumps(d.json(scaled=scaled), separators=(",", ":")))
        out.write("\n")


def write_csv(items: Iterable[Decoded], out: IO[str], scaled: bool) -> None:
    cols = csv_columns()
    known = set(cols)
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(cols)
    for d in items:
        obj: dict[str, Any] = d.json(scaled=scaled)
        extra = {k: v for k, v in obj.items() if k not in known and not k.endswith("_text")}
        row = [obj.get(c) for c in cols[:-1]]
        row.append(json.dumps(extra, separators=(",", ":")) if extra else None)
        writer.writerow(["" if v is None else v for v in row])


def decode_command(
    files: Annotated[
        list[str] | None, typer.Argument(help="NMEA logs (.gz/.bz2/.zst ok); '-' or none: stdin")
    ] = None,
    fmt: Annotated[Format, typer.Option("--format", "-f", help="Output format")] = Format.jsonl,
    raw: Annotated[
        bool, typer.Option("--raw", help="Unscaled wire integers, as `gpsdecode -u -j`")
    ] = False,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write here instead of stdout")
    ] = None,
    lenient: Annotated[
        bool, typer.Option("--accept-bad-checksum", help="Keep sentences with a bad checksum")
    ] = False,
    errors: Annotated[
        Path | None, typer.Option("--errors", help="Write every problem as JSON lines here")
    ] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No summary on stderr")] = False,
) -> None:
    """Decode AIS sentences into gpsd/AIS-catcher style JSON lines (or CSV).

    A summary goes to stderr: sentences read, messages by type, errors by reason (each bad
    line is reported with file, line and reason), incomplete multi-part groups."""
    paths = files or ["-"]
    problems = ProblemLog(errors, echo=not quiet)
    nstats = Stats()
    dstats = DecodeStats()
    reader = NmeaReader(strict_checksum=not lenient, on_problem=problems.add, stats=nstats)
    decoded = decode_stream(read_messages(paths, reader), dstats, problems.add)
    out = output.open("w", encoding="utf-8") if output else sys.stdout
    try:
        if fmt is Format.csv:
            write_csv(decoded, out, scaled=not raw)
        else:
            write_jsonl(decoded, out, scaled=not raw)
    except BrokenPipeError:  # e.g. `aiswatch decode big.nmea | head`
        pass
    except FileNotFoundError as exc:
        problems.close()
        raise typer.BadParameter(f"no such file: {exc.filename}") from None
    finally:
        if output:
            out.close()
    problems.close()
    if not quiet:
        print_summary(nstats, dstats, problems)
