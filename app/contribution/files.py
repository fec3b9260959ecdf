"""The photos and recording sent with a contribution: size-bounded, judged by app.media's sniffing, and
stored as originals without any `Media` row, so that no public route serves them before approval.

Phone photos carry where they were taken (GPS), when, and the phone's identity: a resident's photo is
kept only as a copy made upright and without any metadata (JPEG, or PNG when it has transparency),
and a recording without its tags, since an openly licensed original is given out as it is once published.
"""

import io
import shutil
import tempfile
from pathlib import Path

import mutagen
from fastapi import UploadFile
from PIL import ImageOps
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.config import Settings
from app.contribution.models import ContributionFile
from app.i18n import gettext as _
from app.media import budget, derivatives, refusal, sniff, storage, uploads
from app.media.models import Media
from app.media.refusal import RefusedFile
from app.media.store import store_of

CHUNK = 1024 * 1024
KEPT_TYPES = ("image", "audio")
MAX_FILES = 10


def limit(settings: Settings) -> int:
    """The largest file a resident may send."""
    return min(settings.max_upload_bytes, settings.contribution_max_file_bytes)


def too_many(count: int) -> str | None:
    """The message when a contribution would hold `count` files, more than it may; None when it may."""
    return _("Send at most {count} files.").format(count=MAX_FILES) if count > MAX_FILES else None


def receive_all(
    uploads: list[UploadFile], settings: Settings, first_position: int = 0
) -> tuple[list[ContributionFile], dict[str, str]]:
    """Check and store every upload: the files kept, and the refusals by form field (photos, audio).

    When there are refusals, the caller `discard`s the files kept, so a refused form leaves nothing behind.
    """
    stored: list[ContributionFile] = []
    errors: dict[str, str] = {}
    for position, upload in enumerate(uploads, start=first_position):
        try:
            stored.append(receive(upload, settings, position))
        except RefusedFile as refused:
            field = "audio" if (upload.content_type or "").startswith("audio/") else "photos"
            message = _("“{name}”: {reason}").format(name=upload.filename or "?", reason=refused.message)
            errors[field] = f"{errors[field]} {message}" if field in errors else message
    return stored, errors


def receive(upload: UploadFile, settings: Settings, position: int) -> ContributionFile:
    """Check and store one uploaded file; RefusedFile (with a translated message) when it is not kept."""
    folder = uploads.tmp_dir(settings)
    with tempfile.NamedTemporaryFile(dir=folder, prefix="contribution-") as out:
        _copy_bounded(upload, out, limit(settings))
        out.flush()
        path = Path(out.name)
        found = sniff.inspect(path, upload.filename, max_bytes=limit(settings), budget=budget.CONTRIBUTION)
        if found.media_type not in KEPT_TYPES:
            raise RefusedFile(
                "unsupported_type",
                _(
                    "This is not a photo or a sound recording. Send photos (JPEG, PNG, WebP, HEIC) and recordings "
                    "(MP3, M4A, OGG, WAV, FLAC) only."
                ),
            )
        clean = Path(out.name + ".clean")
        try:
            if found.media_type == "image":
                path, found = _without_metadata(path, clean, settings)
            else:
                path = _without_tags(path, clean)
            stored = storage.store_original(store_of(settings), path, ext=found.extension)
        finally:
            clean.unlink(missing_ok=True)
    return ContributionFile(
        position=position,
        media_type=found.media_type,
        mime_type=found.mime_type,
        sha256=stored.sha256,
        original_path=stored.relative_path,
        size_bytes=stored.size,
        width=found.width,
        height=found.height,
        duration_seconds=found.duration_seconds,
    )


def _without_metadata(path: Path, target: Path, settings: Settings) -> tuple[Path, sniff.Inspection]:
    """An upright copy of the photo at `path` with no EXIF, XMP or GPS (its colour profile kept), and what it is."""
    try:
        with budget.decoding(), derivatives.open_image(path) as image:
            upright = ImageOps.exif_transpose(image)
            profile = image.info.get("icc_profile")
            name = "photo.png" if upright.has_transparency_data else "photo.jpg"
            if name == "photo.png":
                upright.save(target, "PNG", icc_profile=profile)
            else:
                upright.convert("RGB").save(target, "JPEG", quality=92, icc_profile=profile)
    except (OSError, ValueError):
        raise refusal.corrupt(_("a photo")) from None
    return target, sniff.inspect(target, name, max_bytes=limit(settings), budget=budget.CONTRIBUTION)


def _without_tags(path: Path, target: Path) -> Path:
    """A copy of the recording without its tags (names, dates, the place some phones note)."""
    shutil.copyfile(path, target)
    try:
        tagged = mutagen.File(target)
        if tagged is not None and tagged.tags is not None:
            tagged.delete()
    except (mutagen.MutagenError, OSError, ValueError):
        raise refusal.corrupt(_("a sound recording")) from None
    return target


def _copy_bounded(upload: UploadFile, out, most: int) -> None:
    copied = 0
    while chunk := upload.file.read(CHUNK):
        copied += len(chunk)
        if copied > most:
            raise refusal.too_large(max(upload.size or 0, copied), most)
        out.write(chunk)


THUMBNAIL = (480, 480)


def thumbnail(settings: Settings, file: ContributionFile) -> bytes:
    """A small JPEG of a contributed photo, for its status page (made on request: the page is private)."""
    out = io.BytesIO()
    with (
        store_of(settings).local_copy(file.original_path) as path,
        budget.decoding(),
        derivatives.open_image(path) as image,
    ):
        image.draft("RGB", THUMBNAIL)  # a JPEG decodes at a fraction of its size: a phone photo stays cheap
        small = image.convert("RGB")
        small.thumbnail(THUMBNAIL)
        small.save(out, "JPEG", quality=85)
    return out.getvalue()


def path_of(settings: Settings, file: ContributionFile) -> Path:
    """The file's place in the media folder (a folder store only; elsewhere use the store and its key)."""
    return settings.media_dir / file.original_path


def discard(session: Session, settings: Settings, stored: list[ContributionFile]) -> None:
    """Delete the files of a submission that was refused, unless another row keeps the same contents."""
    for file in stored:
        kept = session.scalar(select(Media.id).where(Media.sha256 == file.sha256).limit(1)) or session.scalar(
            select(ContributionFile.id).where(ContributionFile.sha256 == file.sha256).limit(1)
        )
        if kept is None:
            store_of(settings).delete(file.original_path)
