"""Problem reporting and run summaries for the command line (stderr)."""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path
from typing import IO

from rich.console import Console
from rich.table import Table

from aiswatch.ais.stream import DecodeStats
from aiswatch.nmea import Problem, Stats

ECHO_LIMIT = 20


class ProblemLog:
    """Echoes the first problems to stderr (file:line: reason: detail), writes all of them to
    a JSON-lines file when asked, and counts them."""

    def __init__(self, path: Path | None, echo: bool = True) -> None:
        self.console = Console(stderr=True, highlight=False)
        self.echo = echo
        self.count = 0
        self._file: IO[str] | None = path.open("w", encoding="utf-8") if path else None

    def add(self, p: Problem) -> None:
        self.count += 1
        if self.echo and self.count <= ECHO_LIMIT:
            self.console.print(
                f"{p.source}:{p.line}: {p.reason}: {p.detail}", markup=False, soft_wrap=True
            )
        if self._file is not None:
            self._file.write(json.dumps(asdict(p)) + "\n")

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
            self._file = None


def print_summary(nstats: Stats, dstats: DecodeStats, problems: ProblemLog) -> None:
    con = problems.console
    if problems.count > ECHO_LIMIT:
        con.print(f"... {problems.count - ECHO_LIMIT} more problems (see --errors FILE)")
    t = Table(title="aiswatch decode", show_header=False, title_justify="left")
    t.add_row("lines read", f"{nstats.lines:,}")
    t.add_row("AIS sentences", f"{nstats.sentences:,}")
    t.add_row("messages decoded", f"{dstats.total:,}")
    t.add_row("other NMEA / metadata", f"{nstats.other_nmea:,} / {nstats.metadata:,}")
    t.add_row("blank / comments", f"{nstats.blank:,} / {nstats.comments:,}")
    t.add_row("duplicate fragments", f"{nstats.duplicates:,}")
    t.add_row("incomplete groups", f"{nstats.incomplete:,}")
    by_type = ", ".join(f"{k}: {v:,}" for k, v in sorted(dstats.messages.items()))
    t.add_row("by type", by_type or "-")
    errs = nstats.errors + dstats.errors
    t.add_row("errors", ", ".join(f"{k}: {v:,}" for k, v in sorted(errs.items())) or "none")
    con.print(t)
