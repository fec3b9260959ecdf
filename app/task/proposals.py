"""Tasks the catalog itself calls for, proposed by a periodic job and `museum tasks propose`.

Each need has a key ("alt_text:media:12"): at most one live task per key is created, and a task whose need has
gone (met some other way) is closed while nobody is working on it. SQL finds the needs, at most CAP per kind and
run, so a run stays cheap on a catalog of 100,000 items.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import String, and_, cast, exists, func, literal, or_, select
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement
from sqlalchemy.sql.selectable import Exists, ScalarSelect

from app.clock import utcnow
from app.collection.models import CollectionItem
from app.config import CONTENT_LANGUAGES
from app.contribution.models import PENDING, Contribution
from app.interview.models import Cue, Interview
from app.item.models import Item
from app.media.models import Media
from app.task.models import AUTOMATIC, CLAIMED, CLOSED, OPEN, Task

CAP = 200  # needs proposed per kind and run
BATCH = 500  # live tasks checked per query
WINDOW = 300  # seconds: an interview is transcribed five minutes at a time
NEED_MET = "need_met"  # a task the proposer closed: its need may come back, and then gets a new task
ALT, TITLE, TRANSCRIPT, CONTRIBUTION = "alt_text", "title_de", "transcript", "contribution"


@dataclass
class Outcome:
    created: dict[str, int]
    closed: int

    def summary(self) -> str:
        made = ", ".join(f"{kind} {count}" for kind, count in self.created.items())
        return f"created: {made}; closed: {self.closed}"


def run(session: Session, cap: int = CAP, now: datetime | None = None) -> Outcome:
    """Close the tasks whose need has gone, then propose tasks for new needs."""
    now = now or utcnow()
    closed = close_met(session, now)
    created = {
        ALT: _create(session, _alt_text_needs(session, cap)),
        TITLE: _create(session, _title_needs(session, cap)),
        TRANSCRIPT: _create(session, _transcript_needs(session, cap)),
        CONTRIBUTION: _create(session, _contribution_needs(session, cap)),
    }
    session.flush()
    return Outcome(created, closed)


def _answers() -> ColumnElement[bool]:
    """A task answers its need unless the proposer closed it as met (then the need may come back)."""
    return or_(Task.state != CLOSED, Task.result_kind.is_(None), Task.result_kind != NEED_MET)


def _blocking(key) -> Exists:
    """A task already answers the need of this key."""
    return exists().where(Task.need_key == key, _answers())


def _key(prefix: str, column) -> ColumnElement[str]:
    return literal(prefix) + cast(column, String)


def _first_collection(item_id) -> ScalarSelect[int]:
    query = select(CollectionItem.collection_id).where(CollectionItem.item_id == item_id)
    return query.order_by(CollectionItem.collection_id).limit(1).scalar_subquery()


def _no_text(column) -> ColumnElement[bool]:
    return and_(*(func.coalesce(column[lang].as_string(), "") == "" for lang in CONTENT_LANGUAGES))


def _alt_text_needs(session: Session, cap: int) -> list[dict]:
    query = (
        select(Media.id, Item.identifier, Item.language, _first_collection(Item.id))
        .join(Item, Media.item_id == Item.id)
        .where(Media.media_type == "image", _no_text(Media.alt_texts), ~_blocking(_key(f"{ALT}:media:", Media.id)))
        .order_by(Media.id)
        .limit(cap)
    )
    return [
        _task("describe_image", f"{ALT}:media:{media_id}", "media", media_id, collection, identifier, language)
        for media_id, identifier, language, collection in session.execute(query)
    ]


def _title_needs(session: Session, cap: int) -> list[dict]:
    german = func.coalesce(Item.titles["de"].as_string(), "")
    query = (
        select(Item.id, Item.identifier, _first_collection(Item.id))
        .where(german == "", ~_blocking(_key(f"{TITLE}:item:", Item.id)))
        .order_by(Item.id)
        .limit(cap)
    )
    return [
        _task("translate", f"{TITLE}:item:{item_id}", "item", item_id, collection, identifier, "de")
        for item_id, identifier, collection in session.execute(query)
    ]


def _transcript_needs(session: Session, cap: int) -> list[dict]:
    """Five-minute windows of interviews with no cue starting in them."""
    duration = func.coalesce(
        Item.duration_seconds,
        select(func.max(Media.duration_seconds)).where(Media.item_id == Item.id).scalar_subquery(),
    )
    query = select(Item.id, Item.identifier, Item.language, duration).join(Interview, Interview.item_id == Item.id)
    found: list[dict] = []
    for item_id, identifier, language, length in session.execute(query.where(duration > 0).order_by(Item.id)):
        for start in _empty_windows(session, item_id, float(length)):
            task = _task(
                "transcribe",
                f"{TRANSCRIPT}:interview:{item_id}:{start}",
                "interview",
                item_id,
                None,
                identifier,
                language,
            )
            found.append(task | {"start_seconds": start, "end_seconds": min(start + WINDOW, int(length))})
        if len(found) >= cap:
            break
    return _unblocked(session, found)[:cap]


def _empty_windows(session: Session, item_id: int, length: float) -> list[int]:
    starts = session.scalars(select(Cue.start_seconds).where(Cue.item_id == item_id, Cue.start_seconds.is_not(None)))
    filled = {int(start // WINDOW) for start in starts if start is not None}
    return [n * WINDOW for n in range(int(-(-length // WINDOW))) if n not in filled]


def _contribution_needs(session: Session, cap: int) -> list[dict]:
    query = (
        select(Contribution.id, Contribution.language)
        .where(Contribution.status == PENDING, ~_blocking(_key(f"{CONTRIBUTION}:contribution:", Contribution.id)))
        .order_by(Contribution.id)
        .limit(cap)
    )
    return [
        _task("check_contribution", f"{CONTRIBUTION}:contribution:{cid}", "contribution", cid, None, f"#{cid}", lang)
        for cid, lang in session.execute(query)
    ]


def _task(kind, key, target_kind, target_id, collection, label, language) -> dict:
    return {
        "type": kind,
        "need_key": key,
        "target_kind": target_kind,
        "target_id": target_id,
        "collection_id": collection,
        "title": str(label)[:255],
        "language": language,
    }


def _unblocked(session: Session, proposed: list[dict]) -> list[dict]:
    """The proposals no task answers yet (for needs found in Python rather than in SQL)."""
    keys = [p["need_key"] for p in proposed]
    taken: set[str] = set()
    for chunk in _chunks(keys, BATCH):
        taken |= set(session.scalars(select(Task.need_key).where(_answers(), Task.need_key.in_(chunk))))
    return [p for p in proposed if p["need_key"] not in taken]


def _create(session: Session, proposed: list[dict]) -> int:
    for values in proposed:
        session.add(Task(origin=AUTOMATIC, **values))
    return len(proposed)


# Closing the tasks whose need has gone.


def close_met(session: Session, now: datetime) -> int:
    """Close the automatic tasks nobody is working on whose need is met; how many."""
    idle = or_(Task.state == OPEN, and_(Task.state == CLAIMED, Task.claim_expires_at < now))
    query = select(Task).where(Task.origin == AUTOMATIC, Task.need_key.is_not(None), idle).order_by(Task.id)
    closed = 0
    for chunk in _chunks(list(session.scalars(query)), BATCH):
        for task in _met(session, chunk):
            task.state, task.closed_at, task.result_kind = CLOSED, now, NEED_MET
            task.claimed_by_id = task.claim_expires_at = None
            closed += 1
    session.flush()
    return closed


def _met(session: Session, tasks: list[Task]) -> list[Task]:
    still = (
        _still(
            session,
            tasks,
            ALT,
            select(Media.id).where(Media.media_type == "image", _no_text(Media.alt_texts)),
            Media.id,
        )
        | _still(
            session,
            tasks,
            TITLE,
            select(Item.id).where(func.coalesce(Item.titles["de"].as_string(), "") == ""),
            Item.id,
        )
        | _still(
            session, tasks, CONTRIBUTION, select(Contribution.id).where(Contribution.status == PENDING), Contribution.id
        )
        | _still_untranscribed(session, tasks)
    )
    return [task for task in tasks if task.id not in still]


def _still(session: Session, tasks: list[Task], prefix: str, needing, column) -> set[int]:
    """The ids of the tasks of this need kind whose target still needs it."""
    mine = {task.id: task.target_id for task in tasks if (task.need_key or "").startswith(f"{prefix}:")}
    if not mine:
        return set()
    targets = set(session.scalars(needing.where(column.in_(set(mine.values())))))
    return {task_id for task_id, target in mine.items() if target in targets}


def _still_untranscribed(session: Session, tasks: list[Task]) -> set[int]:
    mine = [task for task in tasks if (task.need_key or "").startswith(f"{TRANSCRIPT}:")]
    interviews = {task.target_id for task in mine}
    present = (
        set(session.scalars(select(Interview.item_id).where(Interview.item_id.in_(interviews)))) if mine else set()
    )
    still = set()
    for task in mine:
        if task.target_id in present:
            cue = select(Cue.id).where(
                Cue.item_id == task.target_id,
                Cue.start_seconds >= (task.start_seconds or 0),
                Cue.start_seconds < (task.start_seconds or 0) + WINDOW,
            )
            if session.scalar(cue.limit(1)) is None:
                still.add(task.id)
    return still


def _chunks(values: list, size: int) -> Iterable[list]:
    for start in range(0, len(values), size):
        yield values[start : start + size]
