"""A trainee's photo: the uploaded image made small (at most 480 px, turned upright, every metadata such as the
camera or the place dropped), stored as a JPEG under its hash like every original (app/media/storage.py).

It is the profile's own file, not a catalog item: it is in no list, index, export or task of the catalog. The
trainee and supervisors see it in the workspace; visitors only on a public portfolio that shows the photo.
Forgetting the trainee drops it (a file another profile shares stays on disk, as originals do).
"""

from io import BytesIO
from pathlib import Path

from PIL import Image, ImageOps
from sqlalchemy.orm import Session

from app.config import Settings
from app.i18n import gettext as _
from app.media import sniff, storage
from app.media.sniff import RefusedFile
from app.media.store import store_of
from app.trainee.models import TraineeProfile

SIZE = 480


class NotAPhoto(ValueError):
    """An upload that cannot be a photo (the message says why, in the trainee's language)."""


def prepare(path: Path, settings: Settings, filename: str | None) -> bytes:
    """The small JPEG made from the image at `path`; NotAPhoto when it is not an image the museum reads."""
    try:
        inspection = sniff.inspect(path, filename, max_bytes=settings.max_upload_bytes)
    except RefusedFile as refused:
        raise NotAPhoto(str(refused)) from None
    if inspection.media_type != "image":
        raise NotAPhoto(_("A photo is an image: JPEG, PNG, WebP or TIFF."))
    with Image.open(path) as image:
        small = ImageOps.exif_transpose(image).convert("RGB")
    small.thumbnail((SIZE, SIZE))
    out = BytesIO()
    small.save(out, "JPEG", quality=85, optimize=True)  # no EXIF, no ICC, no XMP: nothing but the pixels
    return out.getvalue()


def store(session: Session, profile: TraineeProfile, jpeg: bytes, settings: Settings) -> None:
    """Keep `jpeg` as the trainee's photo, in place of the one before."""
    profile.photo_path = storage.store_original(store_of(settings), jpeg, ext="jpg").relative_path
    session.flush()


def remove(session: Session, profile: TraineeProfile) -> None:
    """No photo any more."""
    profile.photo_path = None
    session.flush()


def file_of(profile: TraineeProfile | None, settings: Settings) -> str | None:
    """The photo's key in the media store, when the profile has one there."""
    if profile is None or not profile.photo_path:
        return None
    return profile.photo_path if store_of(settings).exists(profile.photo_path) else None
