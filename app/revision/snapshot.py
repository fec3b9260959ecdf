"""What a revision remembers of an item: every catalog field, as plain JSON values.

An interview's transcript cues and index segments are kept as plain rows (app/interview/snapshot.py).
Relations are kept by name (place, credits, subjects) and slug (collections), so a snapshot reads well
in the history and can be restored even when the rows it named were renamed or are gone.
"""

from app.interview import snapshot as interview_snapshot
from app.item import fields
from app.item.models import Item

RELATIONS = ("place", "credits", "subjects", "collections")


def take(item: Item) -> dict:
    """The item's catalog fields and relations now (its place, credits, subjects and collections loaded)."""
    values = {name: _plain(getattr(item, name)) for name in fields.revisioned()}
    values["status"] = item.status
    values["place"] = item.place.name if item.place is not None else None
    values["credits"] = [[credit.role, credit.agent.name] for credit in item.credits]
    values["subjects"] = [subject.name for subject in item.subjects]
    values["collections"] = sorted(link.collection.slug for link in item.collection_links)
    values["media"] = [_media(media) for media in sorted(item.media, key=_media_order)]
    # An interview's transcript and index are part of it: a revision restores them with its fields.
    values["cues"] = interview_snapshot.take_cues(item)
    values["index"] = interview_snapshot.take_segments(item)
    return values


def _media(media) -> dict:
    return {
        "file": media.original_name or media.sha256[:12],
        "sha256": media.sha256,
        "alt": dict(media.alt_texts or {}),
        "caption": dict(media.captions or {}),
    }


def _media_order(media) -> tuple[int, int]:
    return media.position, media.id or 0


def _plain(value):
    return dict(value) if isinstance(value, dict) else value


def changes(before: dict | None, after: dict) -> dict:
    """{field: [old, new]} for every field whose value differs (all of them for a new item)."""
    before = before or {}
    return {
        name: [before.get(name), value]
        for name, value in after.items()
        if before.get(name) != value and not (_empty(before.get(name)) and _empty(value))
    }


def _empty(value) -> bool:
    return value is None or value == "" or value == [] or value == {}
