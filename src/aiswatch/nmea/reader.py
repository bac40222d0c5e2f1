"""Line-by-line NMEA reader: AIS sentences in, complete :class:`RawMessage` objects out.

Line forms understood (any mix, in any file)::

    !AIVDM,1,1,,B,177KQJ5000G?tO`K>RA1wUbN0TKH,0*5C           plain, any 2-char talker
    \\s:rORBCOMM008,c:1418169601,g:1-2-1604*hh\\!AIVDM,...      NMEA 4.x tag block
    \\c:1354719388*56\\                                          lone tag block -> next sentence
    $PGHP,1,2010,6,11,11,46,11,390,231,45,992190934,1,2B*5B    Gatehouse -> next sentence
    1550303566167726840 !AIVDM,...                             leading time (ns/us/ms/s, ISO)
    !AIVDM,...,0*70,b003669794,1272412827                      USCG station and time
    !AIVDM,...,0*4B\\r\\n!AIVDM,...                               two sentences glued by a
                                                               literal "\\r\\n" (DMA logs)
    $GPRMC,...  !AIABK,...                                      other NMEA: counted, skipped
    # comment / blank line                                     counted, skipped

Receive time precedence: tag block ``c:``, USCG trailing time, leading time, then the
pending ``$PGHP`` / lone tag block.  Station: tag block ``s:``, USCG ``r``/``b`` field, then
the pending ``$PGHP`` (PSS MMSI, else region) / lone tag block.  Pending metadata applies to
the next VDM/VDO sentence of the same source only (a multi-sentence message takes its
metadata from whichever fragment carries it).

A tag block with a bad checksum or unusable field is reported (``bad-tag-block``), its
metadata is ignored and the sentence after it is still processed: the sentence has its own
checksum.  Kystverket's tag blocks, whose checksum leaves out the leading ``g:`` field, are
accepted as valid.

Problem reasons: ``line-too-long``, ``binary-junk``, ``not-nmea``, ``malformed-sentence``,
``bad-checksum``, ``bad-checksum-accepted`` (lenient mode), ``bad-fragment-count``,
``bad-fill-bits``, ``empty-payload``, ``illegal-character``, ``bad-tag-block``,
``bad-gatehouse``, ``duplicate-fragment``, ``incomplete-group``, ``orphan-fragment``,
``internal-error`` (a bug: an exception caught inside ``feed``); :mod:`aiswatch.sources`
adds ``read-error`` (truncated or corrupt compressed file) through ``NmeaReader.report``.
Every problem is counted in ``stats.errors[reason]`` and passed to ``on_problem``; ``feed``
never raises (except for an exception raised by ``on_problem`` itself, which propagates).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

from .checksum import checksum_bytes, parse_checksum
from .model import Problem, RawMessage, Stats, safe_text
from .reassembly import Reassembler
from .sentence import SentenceError, ais_header, parse_sentence
from .tagblock import TagBlock, TagBlockError, parse_tag_block
from .timeconv import PghpError, parse_leading_time, parse_pghp, parse_uscg_tail

__all__ = ["MAX_LINE_LENGTH", "NmeaReader"]

#: Lines longer than this (characters or bytes) are rejected before any parsing.
MAX_LINE_LENGTH = 2000

_GLUE = ("\\r\\n", "\\n")  # literal backslash escapes left between glued sentences


class _CallbackError(Exception):
    """Wraps an exception raised by the user's ``on_problem`` so that it is not swallowed."""


class NmeaReader:
    """Turns lines of an AIS log into :class:`RawMessage` objects; see the module doc.

    ``max_group_age_lines`` counts lines fed to this reader (all sources together) since a
    group's first fragment; ``max_group_age_s`` compares receive times, when known.  A
    reader is not thread-safe; use one per stream and merge their :class:`Stats`.
    """

    def __init__(
        self,
        *,
        strict_checksum: bool = True,
        max_group_age_lines: int = 100,
        max_group_age_s: float = 60.0,
        on_problem: Callable[[Problem], None] | None = None,
        stats: Stats | None = None,
        max_line_length: int = MAX_LINE_LENGTH,
    ) -> None:
        self.stats = stats if stats is not None else Stats()
        self.strict_checksum = strict_checksum
        self.max_line_length = max_line_length
        self._on_problem = on_problem
        self._tick = 0
        self._pending: tuple[str, float | None, str | None] | None = None
        self._block_cache: tuple[str, TagBlock | None, str] = ("\\", None, "")  # never matches
        self._asm = Reassembler(
            max_age_lines=max_group_age_lines,
            max_age_s=max_group_age_s,
            stats=self.stats,
            report=self._problem,
        )

    # ------------------------------------------------------------------ public API

    def feed(self, line: str | bytes, source: str, lineno: int) -> list[RawMessage]:
        """Process one line; return the messages it completes (zero or more)."""
        out: list[RawMessage] = []
        try:
            self._feed(line, source, lineno, out)
        except _CallbackError as exc:
            cause = exc.__cause__
            assert cause is not None
            raise cause from None
        except Exception as exc:  # a bug; input must never make feed() raise
            text = line.decode("ascii", "replace") if isinstance(line, bytes) else line
            self._problem(source, lineno, "internal-error", f"{type(exc).__name__}: {exc}", text)
        return out

    def read(self, lines: Iterable[str | bytes], source: str = "-") -> Iterator[RawMessage]:
        """Feed ``lines`` numbered from 1, then :meth:`flush`."""
        feed = self.feed
        for lineno, line in enumerate(lines, 1):
            yield from feed(line, source, lineno)
        yield from self.flush()

    def flush(self) -> list[RawMessage]:
        """End of input: open groups become ``incomplete`` problems (nothing is emitted)."""
        self._pending = None
        self._asm.flush()
        return []

    def skip(self, lines: int, times: Iterable[tuple[int, float]] = (),
             latest: float | None = None) -> None:  # fmt: skip
        """Account for `lines` lines of the same input handled elsewhere (the columnar
        decoder frames most lines itself): open groups age by them as if they had been fed,
        so a group expires after the same number of input lines either way. `times` lists
        (k, t) for the skipped lines that were multi-part fragments received at time t
        (k = 1 for the first skipped line, increasing): at each, groups expire by receive
        time as they would when that fragment arrives. `latest`, where the caller knows it,
        is the latest of those times: if no open group is old enough to expire by it,
        `times` is not read (the groups age by lines alone, as they would)."""
        if lines <= 0:
            return
        start = self._tick
        if latest is not None and not self._asm.may_expire_by(latest):
            times = ()
        for k, t in times:
            if not self._asm.groups:  # nothing left to expire (skipped lines open none)
                break
            self._age_to(start + k)
            if self._asm.groups:
                self._asm.expire(start + k, t)
        self._age_to(start + lines)

    def _age_to(self, target: int) -> None:
        """Advance the line count to `target`, expiring each group at the line it would
        have expired on."""
        asm = self._asm
        while asm.groups:
            oldest = next(iter(asm.groups.values()))
            due = oldest.tick + asm.max_age_lines + 1
            if due > target:
                break
            self._tick = max(self._tick, due)
            asm.expire(self._tick, None)
        self._tick = max(self._tick, target)

    @property
    def has_pending(self) -> bool:
        """Whether metadata (a $PGHP line, a lone tag block) waits for the next sentence."""
        return self._pending is not None

    @property
    def max_group_age_s(self) -> float:
        """Seconds of receive time a multi-part group may wait for its other fragments."""
        return self._asm.max_age_s

    @property
    def max_group_age_lines(self) -> int:
        """Lines a multi-part group may wait for its other fragments."""
        return self._asm.max_age_lines

    def open_keys(self) -> list[tuple[str, str]]:
        """(sequence id, channel) of the groups still open."""
        return [(key[4], key[3]) for key in self._asm.groups]

    def report(self, problem: Problem) -> None:
        """Count and pass on a problem found outside the reader (e.g. a read error)."""
        self.stats.errors[problem.reason] += 1
        if self._on_problem is not None:
            self._on_problem(problem)

    @property
    def open_groups(self) -> int:
        """Number of multi-sentence groups waiting for fragments."""
        return len(self._asm)

    # ------------------------------------------------------------------ internals

    def _problem(self, source: str, line: int, reason: str, detail: str, text: str) -> None:
        self.stats.errors[reason] += 1
        if self._on_problem is not None:
            try:
                self._on_problem(Problem(source, line, reason, detail, safe_text(text)))
            except Exception as exc:
                raise _CallbackError from exc

    def _feed(self, line: str | bytes, source: str, lineno: int, out: list[RawMessage]) -> None:
        stats = self.stats
        stats.lines += 1
        self._tick += 1
        asm = self._asm
        if asm.groups:
            asm.expire(self._tick, None)
        if len(line) > self.max_line_length:
            head = line[:120]
            text = head.decode("ascii", "replace") if isinstance(head, bytes) else head
            self._problem(
                source,
                lineno,
                "line-too-long",
                f"line of {len(line)} characters, limit {self.max_line_length}",
                text,
            )
            return
        if isinstance(line, bytes):
            try:
                text = line.decode("ascii").strip()
            except UnicodeDecodeError:
                text = line.decode("ascii", "replace")
                self._problem(source, lineno, "binary-junk", "non-ASCII bytes", text)
                return
        else:
            text = line.strip()
        if not text:
            stats.blank += 1
            return
        if not text.isprintable() or not text.isascii():
            cleaned = text.replace("\t", " ")
            if not cleaned.isprintable() or not cleaned.isascii():
                self._problem(source, lineno, "binary-junk", "control or non-ASCII character", text)
                return
            text = cleaned
        self._segment(text, source, lineno, out, None)

    def _segment(
        self, text: str, source: str, lineno: int, out: list[RawMessage], when: float | None
    ) -> None:
        mark = text[0]
        if mark == "!":
            self._ais(text, None, when, source, lineno, out)
        elif mark == "\\":
            self._tagged(text, when, source, lineno, out)
        elif mark == "$":
            self._dollar(text, source, lineno)
        elif mark == "#":
            self.stats.comments += 1
        else:
            self._prefixed(text, source, lineno, out)

    def _prefixed(self, text: str, source: str, lineno: int, out: list[RawMessage]) -> None:
        """A line with something (normally a timestamp) before the NMEA data."""
        start = -1
        for mark in "!\\$":
            i = text.find(mark)
            if i >= 0 and (start < 0 or i < start):
                start = i
        if start < 0:
            self._problem(source, lineno, "not-nmea", "no NMEA sentence on the line", text)
            return
        # An unknown prefix is ignored: the sentence carries its own checksum.
        when = parse_leading_time(text[:start])
        self._segment(text[start:], source, lineno, out, when)

    def _tagged(
        self, text: str, when: float | None, source: str, lineno: int, out: list[RawMessage]
    ) -> None:
        end = text.find("\\", 1)
        if end < 0:
            self._problem(source, lineno, "bad-tag-block", "unterminated tag block", text)
            return
        content = text[1:end]
        if content == self._block_cache[0]:  # consecutive lines often share one tag block
            block, error = self._block_cache[1], self._block_cache[2]
        else:
            try:
                block, error = parse_tag_block(content), ""
            except TagBlockError as exc:
                block, error = None, str(exc)
            self._block_cache = (content, block, error)
        if error:
            self._problem(source, lineno, "bad-tag-block", error, text)
        rest = text[end + 1 :]
        if not rest:  # a lone tag block: metadata for the next sentence
            if block is not None:
                self.stats.metadata += 1
                if block.time is not None or block.station is not None:
                    self._pending = (source, block.time, block.station)
            return
        mark = rest[0]
        if mark == "!":
            self._ais(rest, block, when, source, lineno, out)
        elif mark == "$":
            self._dollar(rest, source, lineno)
        else:
            self._problem(
                source, lineno, "malformed-sentence", "tag block not followed by a sentence", text
            )

    def _dollar(self, text: str, source: str, lineno: int) -> None:
        if not text.startswith("$PGHP,"):
            self.stats.other_nmea += 1
            return
        self._pending = None
        star = text.find("*")
        given = parse_checksum(text[star + 1 : star + 3]) if star > 0 else None
        if given is None:
            self._problem(source, lineno, "bad-gatehouse", "PGHP line without checksum", text)
            return
        body = text[1:star]
        computed = checksum_bytes(body.encode("ascii"))
        if computed != given:
            detail = f"PGHP checksum mismatch: computed {computed:02X}, found {given:02X}"
            if self.strict_checksum:
                self._problem(source, lineno, "bad-checksum", detail, text)
                return
            self._problem(source, lineno, "bad-checksum-accepted", detail, text)
        try:
            when, station = parse_pghp(body)
        except PghpError as exc:
            self._problem(source, lineno, "bad-gatehouse", str(exc), text)
            return
        self.stats.metadata += 1
        if when is not None or station is not None:
            self._pending = (source, when, station)

    def _ais(
        self,
        text: str,
        block: TagBlock | None,
        when: float | None,
        source: str,
        lineno: int,
        out: list[RawMessage],
    ) -> None:
        stats = self.stats
        if not ais_header(text):
            stats.other_nmea += 1
            return
        pending = self._pending
        self._pending = None
        try:
            frag = parse_sentence(text, strict_checksum=self.strict_checksum)
        except SentenceError as exc:
            self._problem(source, lineno, exc.reason, exc.detail, text)
            return
        stats.sentences += 1
        if not frag.checksum_ok:
            self._problem(
                source, lineno, "bad-checksum-accepted", "checksum mismatch accepted", text
            )
        time: float | None = None
        station: str | None = None
        if block is not None:
            time = block.time
            station = block.station
            if block.group is not None:
                frag.group = block.group[2]
        glued = ""
        tail = frag.tail
        if tail:
            if tail[0] == ",":
                tail_station, tail_time = parse_uscg_tail(tail)
                if station is None:
                    station = tail_station
                if time is None:
                    time = tail_time
            else:
                rest = tail.lstrip()
                for glue in _GLUE:
                    if rest.startswith(glue):
                        rest = rest[len(glue) :].lstrip()
                        break
                if rest and rest[0] in "!\\$":
                    glued = rest
        if time is None:
            time = when
        if pending is not None and pending[0] == source:
            if time is None:
                time = pending[1]
            if station is None:
                station = pending[2]
        frag.time = time
        frag.station = station
        frag.source = source
        frag.line = lineno
        if frag.count == 1:
            out.append(
                RawMessage(
                    frag.payload,
                    frag.fill,
                    frag.channel,
                    frag.talker,
                    frag.own,
                    time,
                    station,
                    source,
                    lineno,
                    (frag.sentence,),
                    frag.checksum_ok,
                )
            )
            stats.messages += 1
        else:
            asm = self._asm
            if time is not None and asm.groups:
                asm.expire(self._tick, time)
            message = asm.add(frag, self._tick)
            if message is not None:
                out.append(message)
                stats.messages += 1
        if glued:
            self._segment(glued, source, lineno, out, None)
