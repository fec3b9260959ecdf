"""What an import says back: the file as read, what it changed, and every problem in the curator's language."""

from dataclasses import asdict, dataclass, field

from app.i18n import lazy_gettext as _l
from app.interview.formats import Problem

# The readers' problem codes (app/interview/formats/model.py) and the import's own, in the curator's words.
REASONS = {
    "not-text": _l("The file is not text (an image, a recording or another binary file)."),
    "empty": _l("The file holds no cue and no index segment."),
    "bad-character": _l("A line holds control codes or bytes that are not text in its encoding."),
    "line-too-long": _l("A line is too long and was cut."),
    "bad-timecode": _l("A time code cannot be read."),
    "bad-cue": _l("A block is neither a cue nor a comment."),
    "missing-header": _l("A WebVTT file must start with WEBVTT."),
    "overlap": _l("A cue starts before the previous one ends, or goes back in time."),
    "end-before-start": _l("A cue ends before it starts; its end was replaced."),
    "bad-xml": _l("The XML is not well formed."),
    "unsafe-xml": _l("The XML declares a DTD or entities, which are refused."),
    "not-ohms": _l("The XML is not an OHMS export."),
    "bad-sync": _l("An OHMS sync marker points outside the transcript."),
    "bad-gps": _l("GPS coordinates cannot be read."),
    "too-many-problems": _l("More problems were found than are listed."),
    "no-cue": _l("The file holds no transcript cue (an index file?)."),
    "no-segment": _l("The file holds no index segment (a transcript file?)."),
    "no-language": _l("Say which language the translation is in."),
    "no-match": _l("No cue of the transcript starts within a second of this translated cue."),
}
# Files refused whole, by the problem that refuses them: not text is an unsupported media type.
REFUSAL_STATUS = {"not-text": 415}


@dataclass(frozen=True)
class ReportProblem:
    """One problem of the file: its line (0: the whole file), stable code, translated reason, the reader's detail."""

    line: int
    code: str
    reason: str
    detail: str = ""


@dataclass
class Report:
    """One import, real or dry run: what was read, what it replaced or matched, and what was wrong."""

    kind: str
    filename: str
    format: str
    encoding: str
    dry_run: bool
    cues: int = 0  # cues read from the file
    segments: int = 0  # index segments read from the file
    replaced: int = 0  # cues or segments the import replaces (or would replace)
    matched: int = 0  # translated cues attached to a cue of the transcript
    imported: bool = False  # whether something was (or, in a dry run, would be) imported
    revision: int | None = None  # the item revision the import recorded
    problems: list[ReportProblem] = field(default_factory=list)

    def add(self, line: int, code: str, detail: str = "") -> None:
        """Add a problem of the import's own (the readers' come through `read_problems`)."""
        self.problems.append(ReportProblem(line, code, str(REASONS[code]), detail))

    @property
    def status(self) -> int:
        """The HTTP status of a refused file: 415 when it is not text, 422 otherwise."""
        codes = {problem.code for problem in self.problems}
        return next((status for code, status in REFUSAL_STATUS.items() if code in codes), 422)

    def as_dict(self) -> dict:
        """The report as JSON values (the API's answer)."""
        return asdict(self)


def read_problems(problems: list[Problem]) -> list[ReportProblem]:
    """The readers' problems with their translated reason, their own words kept as the detail."""
    return [ReportProblem(p.line, p.code, str(REASONS.get(p.code, p.reason)), p.reason) for p in problems]


def lines(report: Report) -> list[str]:
    """Each problem as `line N: reason (detail)`, for the command line."""
    return [
        f"line {problem.line}: {problem.reason}" + (f" ({problem.detail})" if problem.detail else "")
        for problem in report.problems
    ]
