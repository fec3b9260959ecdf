"""What a submission must show: the need met in the catalog, or a file meeting the type's requirements.

Files are checked here before they are stored through app/media's service (`prepare`, then `record`).
"""

from pathlib import Path

from PIL import Image, UnidentifiedImageError
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.errors import DomainError
from app.i18n import gettext as _
from app.interview.models import Cue
from app.item.models import Item
from app.media.budget import decoding
from app.media.models import Media
from app.task.models import Task

# A scan worth keeping: at least 2000 pixels on its long side (an A5 page at 300 dpi, a 10×15 cm photo at 340).
MIN_SCAN_LONG_SIDE = 2000
UPLOADS = {"digitise": "image", "retouch_image": "image", "clean_sound": "audio"}
# Silence between cues: a transcript covers a range when no gap in it is longer than this.
GAP_SECONDS = 15


def needs_upload(task_type: str) -> bool:
    return task_type in UPLOADS


def check_scan(path: Path) -> None:
    """Refuse a scan under the minimum resolution, or a file that is not an image, with a clear message."""
    try:
        with decoding(), Image.open(path) as image:
            width, height = image.size
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError):
        raise DomainError(_("This file is not an image the museum can read."), status=422) from None
    if max(width, height) < MIN_SCAN_LONG_SIDE:
        message = _("This scan is {width}×{height} pixels: scan again with at least {minimum} pixels on the long side.")
        raise DomainError(message.format(width=width, height=height, minimum=MIN_SCAN_LONG_SIDE), status=422)


def check_kind(task_type: str, media_type: str) -> None:
    """The stored file is of the kind the task asks for (an image, a sound)."""
    wanted = UPLOADS[task_type]
    if media_type != wanted:
        message = _("Send an image file.") if wanted == "image" else _("Send a sound file.")
        raise DomainError(message, status=422)


def target_item(session: Session, task: Task) -> Item | None:
    """The item a file of this task is stored on (the task's item, or the item of its media)."""
    if task.target_kind == "item":
        return session.get(Item, task.target_id)
    if task.target_kind == "media":
        return session.scalar(select(Item).join(Media).where(Media.id == task.target_id))
    return None


def check_need_met(session: Session, task: Task) -> None:
    """Refuse a submission whose checkable need is not met yet (alt text, a title, transcript cues)."""
    if task.type == "describe_image" and not _has_alt_text(session, task.target_id):
        raise DomainError(_("The image has no alt text yet: write it in the item's media form, then submit."), 422)
    if task.type == "translate" and not _has_title(session, task.target_id, task.language or ""):
        raise DomainError(_("The item has no title in the target language yet: translate it, then submit."), 422)
    if task.type == "transcribe" and not covered(session, task):
        raise DomainError(_("The transcript does not cover the time range yet: add its cues, then submit."), 422)


def _has_alt_text(session: Session, media_id: int | None) -> bool:
    texts = session.scalar(select(Media.alt_texts).where(Media.id == media_id)) or {}
    return any(str(text).strip() for text in texts.values())


def _has_title(session: Session, item_id: int | None, language: str) -> bool:
    titles = session.scalar(select(Item.titles).where(Item.id == item_id)) or {}
    return bool(str(titles.get(language, "")).strip())


def covered(session: Session, task: Task) -> bool:
    """Whether the interview's cues cover the task's range, with no silence longer than GAP_SECONDS."""
    start, end = task.start_seconds or 0, task.end_seconds or 0
    query = select(Cue.start_seconds, Cue.end_seconds).where(
        Cue.item_id == task.target_id, Cue.start_seconds < end, Cue.start_seconds.is_not(None)
    )
    reached = float(start)
    for cue_start, cue_end in sorted((s or 0.0, e) for s, e in session.execute(query).all()):
        if cue_start - reached > GAP_SECONDS:
            return False
        reached = max(reached, cue_end if cue_end is not None else cue_start)
    return end - reached <= GAP_SECONDS
