"""The signed release form of an interview: checked by its content, stored by its hash, never served publicly.

Forms live in `media/private/release-forms/`, a folder no public route reads (media routes find files
through Media rows, and a form has none); only the workspace's download route gives one out, to staff.
"""

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy.orm import Session

from app.config import Settings
from app.i18n import gettext as _
from app.interview import access_service
from app.interview.access_service import AccessRefused
from app.interview.models import Interview
from app.item.models import Item
from app.media import sniff, storage
from app.media.refusal import RefusedFile
from app.media.store import store_of

if TYPE_CHECKING:
    from app.account.models import User

ACCEPTED = {"application/pdf": "pdf", "image/jpeg": "jpg", "image/png": "png"}


@dataclass(frozen=True)
class StoredForm:
    """A release form checked and written to the private folder (file work done before any transaction)."""

    relative_path: str
    name: str
    mime: str


# Release forms are kept apart from the public originals, under this prefix of the media store.
PRIVATE = "private/release-forms/"


def private_dir(settings: Settings) -> Path:
    """Where a folder store keeps the release forms."""
    return Path(settings.media_dir) / PRIVATE


def store(settings: Settings, path: Path, filename: str | None) -> StoredForm:
    """Check the file (a PDF, JPEG or PNG by its content, within the size limit) and keep it privately."""
    try:
        inspection = sniff.inspect(path, filename, max_bytes=settings.release_form_max_bytes)
    except RefusedFile as refused:
        raise AccessRefused("release_form", str(refused)) from refused
    if inspection.mime_type not in ACCEPTED:
        raise AccessRefused("release_form", _("A release form must be a PDF, a JPEG or a PNG file."))
    stored = storage.store_original(store_of(settings), path, ext=ACCEPTED[inspection.mime_type], under=PRIVATE)
    name = Path(filename or path.name).name[:255] or f"release-form.{ACCEPTED[inspection.mime_type]}"
    return StoredForm(stored.relative_path, name, inspection.mime_type)


def attach(
    session: Session, item: Item, form: StoredForm, *, user: "User | None" = None, address: str | None = None
) -> Interview:
    """Record the stored form as the interview's release form (the former one's file stays, it may be shared)."""
    interview = access_service.interview_of(session, item)
    interview.release_form_path, interview.release_form_name = form.relative_path, form.name
    interview.release_form_mime = form.mime
    details = {"name": form.name, "file": Path(form.relative_path).name}
    access_service.changed(session, item, "interview.release_form", user=user, address=address, details=details)
    return interview


def file_of(settings: Settings, interview: Interview | None) -> str | None:
    """The release form's key in the media store, when the interview has one and the store has it."""
    if interview is None or not interview.release_form_path:
        return None
    key = PRIVATE + interview.release_form_path
    return key if store_of(settings).exists(key) else None
