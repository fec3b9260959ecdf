"""What an interview's page shows a visitor, decided by app/interview/access.py: nothing else asks.

A withdrawn interview has no page; a sealed one only its title and a notice; an on-request one its catalog
record without recording, transcript or index; a public one everything outside its hidden ranges. The
transcript can be filtered (`?q=`), opened at a moment or a clip (`?t=`), shown with its translation
(`?view=`), all on the server, so that the page works without JavaScript.
"""

import re
from dataclasses import dataclass, field
from datetime import date

from babel.dates import format_date
from markupsafe import Markup, escape
from sqlalchemy.orm import Session
from starlette.datastructures import URL

from app.interview import access, files, hidden, moments, parts, recordings
from app.interview.models import Cue, IndexSegment, Interview
from app.interview.moments import Moment
from app.interview.recordings import Recording
from app.item.citation import cite
from app.item.models import Item
from app.media.models import Media
from app.media.store import Store

VIEWS = ("original", "translation", "both")
MAX_QUERY = 200
MAX_TERMS = 10


@dataclass
class Listening:
    """Everything of an interview the page may show, with the visitor's filter, moment and view applied."""

    level: str
    sealed_until: date | None
    details_public: bool
    content_public: bool
    recordings: dict[int, Recording] = field(default_factory=dict)  # by media id, when the content is public
    parts: list[Recording] = field(default_factory=list)  # the recordings in order: part 1, part 2...
    part: int = 1  # the part shown (`?part=`): its recording plays, its cues and segments are listed
    player: Recording | None = None  # the recording the transcript follows (the part's)
    cues: list[Cue] = field(default_factory=list)  # every visible cue of the part
    shown: list[Cue] = field(default_factory=list)  # the visible cues matching the query
    marked: dict[int, Markup] = field(default_factory=dict)  # cue id -> its text with the matches marked
    segments: list[IndexSegment] = field(default_factory=list)
    passages_withdrawn: bool = False
    translations: list[str] = field(default_factory=list)
    query: str = ""
    moment: Moment | None = None
    current: Cue | None = None
    view: str = "original"

    @property
    def timed(self) -> bool:
        return any(cue.start_seconds is not None for cue in self.cues)

    @property
    def shows_player(self) -> bool:
        """Whether the page has a listening block (a recording or a transcript to read)."""
        return self.content_public and (self.player is not None or bool(self.cues) or bool(self.segments))

    def page_media(self, media: list[Media]) -> list[Media]:
        """The item's media the media block shows: no recording (the listening block plays them, part by part)."""
        return [m for m in media if m.media_type not in hidden.RECORDING_TYPES]

    def on_part(self, url: URL, part: int | None = None) -> URL:
        """The page's `url` showing `part` (this one by default): `?part=` from the second part on."""
        part = self.part if part is None else part
        return url.include_query_params(part=part) if part > 1 else url

    def sealed_on(self, lang: str) -> str:
        """The date the seal lifts, as a reader of `lang` writes it."""
        return format_date(self.sealed_until, format="long", locale=lang) if self.sealed_until else ""

    def t(self, seconds: float) -> str:
        """The `t` parameter of a link to `seconds`."""
        return moments.seconds_text(seconds)

    def anchor(self, seconds: float) -> str:
        """The fragment of the cue spoken at `seconds` (the transcript's when there is none)."""
        cue = cue_at(self.cues, seconds)
        return f"cue-{cue.position}" if cue is not None else "transcript"


def record_is_public(session: Session, item: Item, today: date) -> bool:
    """Whether the item has a public page at all (a withdrawn interview has none)."""
    return access.record_is_public(item, session.get(Interview, item.id), today)


def load(
    session: Session,
    item: Item,
    store: Store,
    today: date,
    *,
    t: str | None = None,
    q: str | None = None,
    view: str | None = None,
    part: str | None = None,
) -> Listening:
    """The interview part of `item`'s page (the item's transcript must be loaded), showing recording `part`."""
    interview = session.get(Interview, item.id)
    listening = Listening(
        level=access.interview_level(interview, today),
        sealed_until=interview.sealed_until if interview else None,
        details_public=access.details_are_public(item, interview, today),
        content_public=access.content_is_public(item, interview, today),
    )
    if listening.content_public:
        _fill(session, listening, item, store, today, part)
        _apply_choices(listening, t, q, view)
    return listening


def _fill(session: Session, listening: Listening, item: Item, store: Store, today: date, part: str | None) -> None:
    shown = files.visible_part(session, item, today, part)
    listening.part, listening.cues, listening.segments = shown.number, shown.cues, shown.segments
    listening.passages_withdrawn = bool(shown.hidden)
    listening.translations = sorted({c.translation_language for c in listening.cues if c.translation_language})
    sounds = parts.recordings(item.media)
    listening.recordings = {m.id: recordings.describe(store, m) for m in sounds}
    listening.parts = [listening.recordings[m.id] for m in sounds]
    listening.player = listening.parts[listening.part - 1] if listening.parts else None


def _apply_choices(listening: Listening, t: str | None, q: str | None, view: str | None) -> None:
    listening.view = view if view in VIEWS and listening.translations else "original"
    listening.query = " ".join((q or "").split())[:MAX_QUERY]
    terms = [term.casefold() for term in listening.query.split()[:MAX_TERMS]]
    listening.shown = [cue for cue in listening.cues if _matches(cue, terms)]
    if terms:
        pattern = re.compile("|".join(re.escape(term) for term in sorted(terms, key=len, reverse=True)), re.I)
        listening.marked = {cue.id: mark(cue.text, pattern) for cue in listening.shown}
    listening.moment = moments.parse(t, _duration(listening))
    if listening.moment is not None:
        listening.current = cue_at(listening.cues, listening.moment.start)


def _matches(cue: Cue, terms: list[str]) -> bool:
    words = " ".join(filter(None, (cue.speaker, cue.text, cue.translation))).casefold()
    return all(term in words for term in terms)


def mark(text: str, pattern: re.Pattern) -> Markup:
    """`text` escaped, each match of `pattern` inside `<mark>`."""
    parts, last = [], 0
    for found in pattern.finditer(text):
        parts += [escape(text[last : found.start()]), Markup("<mark>%s</mark>") % found.group()]
        last = found.end()
    return Markup("").join([*parts, escape(text[last:])])


def cue_at(cues: list[Cue], seconds: float) -> Cue | None:
    """The cue being spoken at `seconds`: the last timed cue starting at or before it (else the first timed one)."""
    timed = [cue for cue in cues if cue.start_seconds is not None]
    before = [cue for cue in timed if cue.start_seconds is not None and cue.start_seconds <= seconds]
    return before[-1] if before else (timed[0] if timed else None)


def _duration(listening: Listening) -> float | None:
    if listening.player is not None and listening.player.duration:
        return listening.player.duration
    if listening.player is not None and listening.player.media.duration_seconds:
        return listening.player.media.duration_seconds
    return None


def clip_citation(item: Item, url: str, listening: Listening, lang: str, site_name: str) -> str | None:
    """The citation of the clip the page was opened on (`?t=a-b`): the interview's, with the clip and its link."""
    clip = listening.moment
    if clip is None or clip.end is None:
        return None
    passage = f"{moments.clock(clip.start)}–{moments.clock(clip.end)}"
    part = f"part={listening.part}&" if listening.part > 1 else ""
    return cite(item, f"{url}?{part}t={clip.query()}", lang, site_name, passage=passage)
