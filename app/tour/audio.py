"""A stop's audio commentary: checked and stored like every original (app/media), kept as the stop's fields."""

from pathlib import Path

from starlette.datastructures import UploadFile

from app.config import Settings
from app.i18n import gettext as _
from app.media import sniff, storage, uploads
from app.media.sniff import RefusedFile
from app.media.store import store_of

# Browsers play these everywhere; a phone saving the tour keeps the file as it is.
KINDS = ("audio",)


class NotAudio(ValueError):
    """A file that is not a sound the museum keeps (the message says why, in the curator's language)."""


def store(upload: UploadFile, settings: Settings) -> dict:
    """Receive, check and store an uploaded sound; the stop's audio fields (NotAudio, or a 413, when refused)."""
    with uploads.received(upload, settings) as path:
        return store_file(path, settings, upload.filename)


def store_file(path: Path, settings: Settings, filename: str | None = None) -> dict:
    """Check and store the sound at `path` (its name `filename`); the stop's audio fields."""
    try:
        inspection = sniff.inspect(path, filename, max_bytes=settings.max_upload_bytes)
    except RefusedFile as refused:
        raise NotAudio(str(refused)) from None
    if inspection.media_type not in KINDS:
        raise NotAudio(_("An audio commentary is a sound file (MP3, M4A, Ogg, Opus, FLAC or WAV)."))
    stored = storage.store_original(store_of(settings), path, ext=inspection.extension)
    return {
        "audio_sha256": stored.sha256,
        "audio_path": stored.relative_path,
        "audio_mime": inspection.mime_type,
        "audio_bytes": stored.size,
        "audio_seconds": inspection.duration_seconds,
        "audio_name": Path(filename or path.name).name[:255],
    }


NONE = dict.fromkeys(
    ("audio_sha256", "audio_path", "audio_mime", "audio_bytes", "audio_seconds", "audio_name"),
)
