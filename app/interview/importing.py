"""Transcript, index and translation files into an interview's cues and segments. Never commits.

A file is read whole first (app/interview/formats): what could be read is imported, its problems are
reported by line. A file from which nothing of the asked kind could be read changes nothing. Every
real import replaces what it imports as one revision of the item, and touches the item so that the
search index takes it in through the outbox (app/search/sync.py).
"""

from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy.orm import Session

from app.account.models import User
from app.clock import utcnow
from app.interview import formats, parts
from app.interview.models import Cue, IndexSegment
from app.interview.reports import Report, read_problems
from app.item.models import Item
from app.media.models import Media
from app.revision import service as revision_service
from app.revision import snapshot

Apply = Callable[[], None]  # the change an import plans, applied unless it is a dry run
KINDS = ("transcript", "index", "translation")
# A translated cue belongs to the transcript's cue starting within this many seconds of it.
MATCH_SECONDS = 1.0
# A transcript of several hours is a few hundred kilobytes; this leaves room for OHMS files with their index.
TRANSCRIPT_LIMIT = 20 * 1024 * 1024
IMPORT = "transcript_import"  # the revision's action, labelled in app/publishing/workflow.py


def import_file(
    session: Session,
    item: Item,
    data: bytes,
    filename: str | None,
    kind: str = "transcript",
    *,
    language: str | None = None,
    dry_run: bool = False,
    actor: User | None = None,
    recording: int = 1,
) -> Report:
    """Import a file of `kind` into the item (loaded with INTERVIEW_LOAD); the report says what was done.

    An interview recorded in several parts takes a file per part: `recording` (1 first) is the part whose
    cues or segments the file replaces, or whose cues a translation goes with; the other parts keep theirs."""
    if kind not in KINDS:
        raise ValueError(f"unknown kind {kind!r}: one of {', '.join(KINDS)}")
    recorded = parts.recordings(item.media)
    parts.check(recording, recorded)
    parsed = formats.parse_bytes(data, filename)
    report = Report(
        kind, filename or "", parsed.format, parsed.encoding, dry_run, len(parsed.cues), len(parsed.segments)
    )
    report.problems = read_problems(parsed.problems)
    changes = _PLANNERS[kind](item, _Part(recording, recorded), parsed, report, language)
    if report.imported and not dry_run:
        before = snapshot.take(item)
        revision_service.lock(session, item.id)
        changes()
        item.updated_at = utcnow()  # the item's document is rebuilt (segments are not in the outbox's rows)
        session.flush()
        comment = f"{kind}: {filename or '-'} ({parsed.format})"
        revision = revision_service.record(session, item, actor, IMPORT, before, comment)
        report.revision = revision.number if revision is not None else None
    return report


@dataclass(frozen=True)
class _Part:
    number: int
    recordings: list[Media]

    def mine(self, rows: list) -> list:
        return parts.of_part(rows, self.number, self.recordings)

    def merged(self, rows: list, new: list) -> list:
        """The item's rows with this part's replaced by `new`, parts in order, numbered again."""
        media_id = parts.media_id(self.number, self.recordings)
        for row in new:
            row.media_id = media_id
        replaced = {id(row) for row in self.mine(rows)}
        kept = [
            (parts.number(row.media_id, self.recordings), row.position, row) for row in rows if id(row) not in replaced
        ]
        ordered = sorted(kept + [(self.number, n, row) for n, row in enumerate(new)], key=lambda k: k[:2])
        for position, (_part, _old, row) in enumerate(ordered):
            row.position = position
        return [row for _part, _old, row in ordered]


def _plan_transcript(item: Item, part: _Part, parsed: formats.Parsed, report: Report, language: str | None) -> Apply:
    if not parsed.cues:
        _refuse(report, "no-cue")
        return _nothing
    report.replaced, report.imported = len(part.mine(item.transcript)), True
    rows = [
        _cue_row(position, cue, cue.language or language or item.language) for position, cue in enumerate(parsed.cues)
    ]

    def apply() -> None:
        item.transcript[:] = part.merged(list(item.transcript), rows)

    return apply


def _plan_index(item: Item, part: _Part, parsed: formats.Parsed, report: Report, language: str | None) -> Apply:
    if not parsed.segments:
        _refuse(report, "no-segment")
        return _nothing
    report.replaced, report.imported = len(part.mine(item.index_segments)), True
    rows = [
        _segment_row(position, segment, language or item.language) for position, segment in enumerate(parsed.segments)
    ]

    def apply() -> None:
        item.index_segments[:] = part.merged(list(item.index_segments), rows)

    return apply


def _plan_translation(item: Item, part: _Part, parsed: formats.Parsed, report: Report, language: str | None) -> Apply:
    if not parsed.cues:
        _refuse(report, "no-cue")
        return _nothing
    language = language or next((cue.language for cue in parsed.cues if cue.language), None)
    if language is None:
        _refuse(report, "no-language")
        return _nothing
    pairs = []
    cues = part.mine(item.transcript)
    for translated in parsed.cues:
        target = _matching(cues, translated.start)
        if target is None:
            report.add(0, "no-match", f"{_clock(translated.start)} {translated.text[:60]}")
        else:
            pairs.append((target, translated.text))
    report.matched, report.imported = len(pairs), bool(pairs)

    def apply() -> None:
        for cue, text in pairs:
            cue.translation, cue.translation_language = text, language

    return apply


_PLANNERS = {"transcript": _plan_transcript, "index": _plan_index, "translation": _plan_translation}


def _refuse(report: Report, code: str) -> None:
    """Nothing of the asked kind: the file changes nothing (a whole-file problem says why, once)."""
    if not any(problem.code in ("not-text", "empty") for problem in report.problems):
        report.add(0, code)


def _nothing() -> None:
    """Nothing to apply."""


def _matching(cues: list[Cue], start: float | None) -> Cue | None:
    """The transcript's cue starting nearest to `start`, within MATCH_SECONDS (None for an untimed cue)."""
    if start is None:
        return None
    timed = [cue for cue in cues if cue.start_seconds is not None]
    nearest = min(timed, key=lambda cue: abs((cue.start_seconds or 0.0) - start), default=None)
    if nearest is None or abs((nearest.start_seconds or 0.0) - start) > MATCH_SECONDS:
        return None
    return nearest


def _cue_row(position: int, cue: formats.Cue, language: str) -> Cue:
    return Cue(
        position=position,
        start_seconds=cue.start,
        end_seconds=cue.end,
        speaker=(cue.speaker or None) and cue.speaker[:100],
        language=language[:8],
        text=cue.text,
        translation=cue.translation,
    )


def _segment_row(position: int, segment: formats.IndexSegment, language: str) -> IndexSegment:
    return IndexSegment(
        position=position,
        start_seconds=segment.start,
        end_seconds=segment.end,
        language=language[:8],
        title=segment.title[:500],
        synopsis=segment.synopsis,
        keywords=list(segment.keywords),
        people=list(segment.people),
        places=list(segment.places),
        subjects=list(segment.subjects),
        latitude=segment.latitude,
        longitude=segment.longitude,
    )


def _clock(seconds: float | None) -> str:
    if seconds is None:
        return "-"
    minutes, rest = divmod(int(seconds), 60)
    return f"{minutes}:{rest:02d}"
