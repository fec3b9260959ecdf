"""Attaching media files to items: check the content, store the original once, record the Media row.

Images get their small derivatives while the caller waits; the heavier work (large size, WebP,
deep-zoom pyramid) is a background job, or done at once with `background=False` (batch commands).
"""

import json
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import delete, func, inspect, select, update
from sqlalchemy.orm import Session, joinedload, object_session

from app.clock import utcnow
from app.config import Settings
from app.db import rowcount
from app.edm import refresh as tiers_refresh
from app.iiif import pyramid
from app.interview import hidden
from app.item.kinds import PUBLISHED
from app.item.models import Item
from app.job import service as job_service
from app.media import budget as budgets
from app.media import derivatives, sniff, storage, visibility
from app.media.models import Media
from app.media.recording.derivatives import DESCRIPTION, make_recording_derivatives
from app.media.recording.ranges import Ranges, checked_ranges
from app.media.store import store_of

DERIVATIVES_JOB = "media.derivatives"
RECORDING_JOB = "media.recording-derivatives"
PENDING, READY = "pending", "ready"


@dataclass(frozen=True)
class Prepared:
    """A file checked and stored, with its derivatives made: all the file work, done before any transaction."""

    inspection: sniff.Inspection
    stored: storage.StoredFile
    name: str
    complete: bool  # every derivative and the pyramid exist (else the background job finishes them)


def prepare(
    path: Path,
    settings: Settings,
    filename: str | None = None,
    *,
    complete: bool = False,
    budget: budgets.Budget = budgets.STAFF,
) -> Prepared:
    """Check the file at `path` (RefusedFile when refused), store its original and make its derivatives.

    No database here: views call it before their transaction opens, so no write waits on decoding.
    """
    inspection = sniff.inspect(path, filename, max_bytes=settings.max_upload_bytes, budget=budget)
    stored = storage.store_original(store_of(settings), path, ext=inspection.extension)
    done = inspection.media_type not in ("image", *hidden.RECORDING_TYPES)
    if inspection.media_type in hidden.RECORDING_TYPES:
        done = complete and _recording_derivatives(settings, stored, path)
    elif not done and complete:
        finish_derivatives(settings, stored.sha256, stored.relative_path)
        done = True
    elif not done:
        done = _immediate_derivatives(settings, stored, path)
    return Prepared(inspection, stored, Path(filename or path.name).name[:255], done)


def _immediate_derivatives(settings: Settings, stored: storage.StoredFile, source: Path) -> bool:
    """Make the sizes shown at once from `source` (the file just stored); True when every derivative already exists."""
    store, prefix = store_of(settings), derivative_prefix(stored.sha256)
    if all(store.exists(f"{prefix}/{size}.jpg") for size in derivatives.IMMEDIATE):
        return store.exists(f"{prefix}/large.webp")
    with store.folder(prefix) as out_dir:
        derivatives.make_derivatives(source, out_dir, sizes=derivatives.IMMEDIATE, outputs=("jpg",))
    return False


def _recording_derivatives(settings: Settings, stored: storage.StoredFile, source: Path) -> bool:
    """Make a recording's browser copy at once (batch commands) unless one exists; True when it is unsilenced.

    A copy silenced for a redaction is never overwritten here: the job, which knows the ranges, remakes it.
    """
    store, prefix = store_of(settings), derivative_prefix(stored.sha256)
    try:
        if not store.exists(f"{prefix}/{DESCRIPTION}"):
            with store.folder(prefix) as out_dir:
                make_recording_derivatives(source, out_dir)
        with store.local_copy(f"{prefix}/{DESCRIPTION}") as description:
            return json.loads(description.read_text()).get("silenced") == []
    except (OSError, ValueError):  # NotARecording is a ValueError: the job then records the failure
        return False


def attach(
    session: Session,
    item: Item,
    path: Path,
    settings: Settings,
    *,
    position: int | None = None,
    filename: str | None = None,
    caption: str | dict[str, str] | None = None,
    alt: str | dict[str, str] | None = None,
    rights: str | None = None,
    credit: str | None = None,
    background: bool = True,
) -> Media:
    """Prepare the file at `path` and record it on `item` (refused files raise); see `prepare` and `record`."""
    prepared = prepare(path, settings, filename, complete=not background)
    return record(session, item, prepared, position=position, caption=caption, alt=alt, rights=rights, credit=credit)


def record(
    session: Session,
    item: Item,
    prepared: Prepared,
    *,
    position: int | None = None,
    caption: str | dict[str, str] | None = None,
    alt: str | dict[str, str] | None = None,
    rights: str | None = None,
    credit: str | None = None,
) -> Media:
    """Record a prepared file on `item` (at the end unless `position` is given): database work only.

    The same file already at that position is kept as it is, so re-imports change nothing.
    """
    inspection, stored = prepared.inspection, prepared.stored
    position = next_position(session, item) if position is None else position
    existing = at_position(session, item, position)
    if existing is not None and existing.sha256 == stored.sha256:
        return existing
    if existing is not None:
        session.delete(existing)
    media = Media(
        item=item,
        position=position,
        media_type=inspection.media_type,
        mime_type=inspection.mime_type,
        sha256=stored.sha256,
        original_path=stored.relative_path,
        size_bytes=stored.size,
        original_name=prepared.name,
        width=inspection.width,
        height=inspection.height,
        duration_seconds=inspection.duration_seconds,
        technical=inspection.technical,
        captions=_in_language(item, caption),
        alt_texts=_in_language(item, alt),
        rights=rights,
        credit=credit,
        derivatives_status=READY if prepared.complete else PENDING,
    )
    session.add(media)
    tiers_refresh.mark(session, [item])
    if media.media_type in hidden.RECORDING_TYPES:
        _recording_job(session, item, media, prepared.complete)
    elif not prepared.complete:
        payload = {"sha256": media.sha256, "original_path": media.original_path}
        job_service.enqueue(session, DERIVATIVES_JOB, payload, key=f"{DERIVATIVES_JOB}:{media.sha256}")
    return media


def _recording_job(session: Session, item: Item, media: Media, made: bool) -> None:
    """Have the browser copy made, silenced over the item's hidden ranges; a copy made already serves when none."""
    silence = hidden.silence_for(session, item.id, media, utcnow().date())
    if silence or not made:
        enqueue_recording_derivatives(session, media, silence)


def finish_derivatives(settings: Settings, sha256: str, original_path: str, *, force: bool = False) -> None:
    """Make every derivative and the deep-zoom pyramid of one stored image; `force` rebuilds the pyramid.

    The pyramid is this host's cache under the media folder (any host rebuilds its own on first request).
    """
    store = store_of(settings)
    with store.local_copy(original_path) as original:
        with store.folder(derivative_prefix(sha256)) as out_dir:
            derivatives.make_derivatives(original, out_dir)
        if force:
            pyramid.build_pyramid(original, pyramid.pyramid_dir(settings.media_dir, sha256))
        else:
            pyramid.ensure_pyramid(settings.media_dir, original, sha256)


def mark_ready(session: Session, sha256: str) -> int:
    """Every Media row showing this file (an image or a recording) now has all its derivatives."""
    result = session.execute(update(Media).where(Media.sha256 == sha256).values(derivatives_status=READY))
    return rowcount(result)


def enqueue_recording_derivatives(session: Session, media: Media, silence: Ranges = ()) -> None:
    """Have the browser copy, waveform and poster of a sound or video made (again), silent inside `silence`.

    Its rows are pending until the job is done, so no page offers a copy made before a new redaction.
    """
    payload = {"sha256": media.sha256, "original_path": media.original_path, "silence": checked_ranges(silence)}
    job = job_service.enqueue(session, RECORDING_JOB, payload, key=f"{RECORDING_JOB}:{media.sha256}")
    job.payload = payload  # a job still waiting takes the latest ranges: a redaction added meanwhile is not lost
    session.execute(update(Media).where(Media.sha256 == media.sha256).values(derivatives_status=PENDING))


def derivative_dir(settings: Settings, sha256: str) -> Path:
    """The folder of an image's derivatives in a folder store (tests and folder-only tools read it)."""
    return settings.media_dir / derivative_prefix(sha256)


def derivative_prefix(sha256: str) -> str:
    """`derivatives/ab/cd/<sha256>`: the key prefix of a file's derivatives, in any store."""
    return Path(derivatives.derivative_path(sha256, "thumb")).parent.as_posix()


def next_position(session: Session, item: Item) -> int:
    """The position after the item's last media."""
    if item.id is None:
        return 0
    last = session.scalar(select(func.max(Media.position)).where(Media.item_id == item.id))
    return 0 if last is None else last + 1


def at_position(session: Session, item: Item, position: int) -> Media | None:
    """The media of `item` at `position`, if any."""
    if item.id is None:
        return None
    query = select(Media).where(Media.item_id == item.id, Media.position == position).order_by(Media.id)
    return session.scalars(query).first()


def remove_from(session: Session, item_id: int, position: int) -> int:
    """Detach every media of an item from `position` on (their stored files stay, they may be shared)."""
    result = session.execute(delete(Media).where(Media.item_id == item_id, Media.position >= position))
    visibility.changed(session)  # a Core delete: no flush sees these rows go
    tiers_refresh.mark(session, [item_id])
    return rowcount(result)


def get_public(session: Session, sha256: str) -> Media | None:
    """A media file of a published item, by its content hash."""
    query = (
        select(Media)
        .join(Item, Item.id == Media.item_id)
        .where(Media.sha256 == sha256, Item.status == PUBLISHED)
        .options(joinedload(Media.item))
        .order_by(Media.id)
        .limit(1)
    )
    return session.scalars(query).first()


def original_is_public(media: Media) -> bool:
    """Sound, video and PDFs are the files themselves; an image original only under an open licence.

    An interview's recording never: visitors get the browser copy, silenced over its redactions, and only
    when its access level allows (app/interview/access.py); the original keeps every word.
    """
    if media.media_type in hidden.RECORDING_TYPES:
        return _item_kind(media) not in (INTERVIEW, None)
    if media.media_type != "image":
        return True
    return media.rights is not None and media.rights.startswith(OPEN_RIGHTS)


def _item_kind(media: Media) -> str | None:
    """The kind of the media's item: loaded with it, else from its session (usually its identity map, no query)."""
    item = inspect(media).attrs.item.loaded_value
    if not isinstance(item, Item) and (session := object_session(media)) is not None:
        item = session.get(Item, media.item_id)
    return item.kind if isinstance(item, Item) else None


INTERVIEW = "interview"


OPEN_RIGHTS = (
    "https://creativecommons.org/",
    "http://creativecommons.org/",
    "https://www.etalab.gouv.fr/licence-ouverte-open-licence/",
)


def _in_language(item: Item, text: str | dict[str, str] | None) -> dict[str, str]:
    """Texts by language; a plain string is in the item's language."""
    if isinstance(text, dict):
        return dict(text)
    return {item.language or "fr": text} if text else {}
