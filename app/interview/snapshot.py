"""What an item revision keeps of an interview's transcript cues and index segments, and how it puts them back.

Cues and segments are kept as plain JSON rows; the recording they refer to is kept by its file's sha256,
so a restore finds it again even when its row was renamed (and falls back to the first recording if gone).
"""

from datetime import date

from sqlalchemy import inspect, select
from sqlalchemy.orm import Session, object_session

from app.interview import hidden, redaction
from app.interview.models import Cue, IndexSegment
from app.item.models import Item
from app.media.models import Media

CUE_FIELDS = ("start", "end", "speaker", "language", "text", "translation", "translation_language")
SEGMENT_FIELDS = (
    "start",
    "end",
    "language",
    "title",
    "synopsis",
    "keywords",
    "people",
    "places",
    "subjects",
    "latitude",
    "longitude",
    "access",
    "sealed_until",
)
# Row attribute of each snapshot key whose name differs.
_COLUMN = {"start": "start_seconds", "end": "end_seconds"}


def rows(item: Item, relation: str, model: type[Cue] | type[IndexSegment]) -> list:
    """The item's cues or segments, loaded or not (relations are lazy="raise", callers load what they show)."""
    if relation not in inspect(item).unloaded:
        return list(getattr(item, relation))
    session = object_session(item)
    if session is None or item.id is None:
        return []
    return list(session.scalars(select(model).where(model.item_id == item.id).order_by(model.position, model.id)))


def take_cues(item: Item) -> list[dict]:
    """The item's transcript cues as plain rows, in order."""
    return [_plain(cue, CUE_FIELDS) for cue in rows(item, "transcript", Cue)]


def take_segments(item: Item) -> list[dict]:
    """The item's index segments as plain rows, in order."""
    return [_plain(segment, SEGMENT_FIELDS) for segment in rows(item, "index_segments", IndexSegment)]


def _plain(row: Cue | IndexSegment, names: tuple[str, ...]) -> dict:
    values = {name: _json(getattr(row, _COLUMN.get(name, name))) for name in names}
    values["media"] = row.media_id and _media_sha(row)
    return values


def _json(value: object) -> object:
    if isinstance(value, date):
        return value.isoformat()
    return list(value) if isinstance(value, list) else value


def _media_sha(row: Cue | IndexSegment) -> str | None:
    session = object_session(row)
    media = session.get(Media, row.media_id) if session is not None else None
    return media.sha256 if media is not None else None


def restore(session: Session, item: Item, saved: dict) -> None:
    """Replace the item's cues and segments with those of a snapshot (left alone when it predates them).

    Segments bring back their access: when that changes what is hidden today, the recordings' browser
    copies are made again silent over the new ranges, as when a curator closes a segment.
    """
    media = {m.sha256: m.id for m in session.scalars(select(Media).where(Media.item_id == item.id))}
    today = date.today()
    before = hidden.ranges(session, item.id, today)
    if "cues" in saved:
        _replace(session, item, Cue, [_cue(row, media) for row in saved["cues"]])
    if "index" in saved:
        _replace(session, item, IndexSegment, [_segment(row, media) for row in saved["index"]])
    session.flush()
    session.expire(item, ["transcript", "index_segments"])
    if hidden.ranges(session, item.id, today) != before:
        redaction.hidden_changed(session, item, today)


def _replace(session: Session, item: Item, model: type[Cue] | type[IndexSegment], new: list) -> None:
    for row in session.scalars(select(model).where(model.item_id == item.id)):
        session.delete(row)
    session.flush()
    for position, row in enumerate(new):
        row.item_id, row.position = item.id, position
        session.add(row)


def _columns(row: dict, names: tuple[str, ...], media: dict) -> dict:
    values = {_COLUMN.get(name, name): row.get(name) for name in names}
    values["media_id"] = media.get(row.get("media")) if row.get("media") else None
    return values


def _cue(row: dict, media: dict) -> Cue:
    return Cue(**_columns(row, CUE_FIELDS, media))


def _segment(row: dict, media: dict) -> IndexSegment:
    values = _columns(row, SEGMENT_FIELDS, media)
    for name in ("keywords", "people", "places", "subjects"):
        values[name] = list(values[name] or [])
    values["synopsis"] = values["synopsis"] or ""
    values["access"] = values["access"] or "public"
    values["sealed_until"] = date.fromisoformat(values["sealed_until"]) if values["sealed_until"] else None
    return IndexSegment(**values)
