"""What an interview puts in the search index beside its item: its moments, each cue and index segment.

A moment is a passage (app/search/passages.py) that a search lands on to the second: its words, the
second it starts at, who speaks, and the interview's title and facets. Only what the public may read
is indexed (app/interview/public.py, the access policy in bulk); every change of a cue, index
segment, redaction or access row enqueues its item, whose moments are then written again.
"""

from collections.abc import Iterable, Iterator
from typing import Any

from sqlalchemy import inspect
from sqlalchemy.orm import Session

from app.interview import parts, public
from app.interview.models import Cue, IndexSegment, Interview, Redaction
from app.item import search as item_search
from app.search import registry, schema

CHUNK = 100  # interviews read at a time by a full rebuild
# The rows that change what the public reads of an interview, found through their item_id.
WATCHED = (Cue, IndexSegment, Interview, Redaction)


def documents(session: Session, item_ids: Iterable[int] | None = None) -> Iterator[dict]:
    """The moments of the public content of these items' interviews (of all with None), item by item."""
    ids = public.with_content(session, item_ids)
    day = public.today()
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start : start + CHUNK]
        records = {record["id"]: record for record in item_search.documents(session, chunk)}
        contents = public.contents(session, list(records), day)
        for item_id, content in contents.items():
            yield from _moments(records[item_id], content)


def _moments(record: dict, content: public.Content) -> Iterator[dict]:
    shared = {"record": record["id"], "facets": schema.facet_fields(record)}
    heading = {"identifier": record["identifier"], "titles": record["titles"], "language": record["language"]}
    for cue in content.cues:
        if cue.start_seconds is not None:  # an untimed paragraph has no second to land on
            yield shared | _cue(cue, heading | _part(cue.media_id, content))
    for segment in content.segments:
        yield shared | _segment(segment, heading | _part(segment.media_id, content))


def _part(media_id: int | None, content: public.Content) -> dict:
    """The recording a moment is in, when not the first: its link opens that part (`?part=`)."""
    number = parts.number(media_id, content.recordings)
    return {"part": number} if number > 1 else {}


def _cue(cue: Cue, heading: dict) -> dict:
    texts = {cue.language: [cue.text]}
    if cue.translation:
        texts.setdefault(cue.translation_language or cue.language, []).append(cue.translation)
    return {
        "id": f"{cue.item_id}:c{cue.id}",
        "start": cue.start_seconds,
        "transcript": texts,
        "display": heading
        | {"t": int(cue.start_seconds or 0), "speaker": cue.speaker, "lang": cue.language, "text": cue.text}
        | ({"translation": cue.translation, "translation_lang": cue.translation_language} if cue.translation else {}),
    }


def _segment(segment: IndexSegment, heading: dict) -> dict:
    lang = segment.language
    return {
        "id": f"{segment.item_id}:s{segment.id}",
        "start": segment.start_seconds,
        "title": {lang: [segment.title]},
        "text": {lang: [segment.synopsis]},
        "subject": {lang: [*segment.keywords, *segment.subjects]},
        "people": list(segment.people),
        "places": list(segment.places),
        "display": heading
        | {"t": int(segment.start_seconds), "speaker": None, "lang": lang, "text": segment.synopsis}
        | {"chapter": segment.title},
    }


def changed_item_ids(session: Session) -> set[int]:
    """The items whose moments (and transcript words) this flush may change."""
    ids: set[int] = set()
    for obj in (*session.new, *session.dirty, *session.deleted):
        if isinstance(obj, WATCHED):
            history = inspect(obj).attrs.item_id.history  # type: ignore[attr-defined]  # a row moved to another item changes both
            ids |= {*history.added, *history.unchanged, *history.deleted}
    ids.discard(None)
    return ids


def _item_ids_of_row(obj: Any) -> set[int]:
    history = inspect(obj).attrs.item_id.history  # a row moved to another item changes both
    return {*history.added, *history.unchanged, *history.deleted}


registry.register_passages(registry.Passages(name="moment", documents=documents, changed_ids=changed_item_ids))
