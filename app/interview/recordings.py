"""The browser copies of an item's recordings, as the page and the file route see them on disk.

`recording.json`, written last by the recording job, says what was made; its digest versions the files'
addresses (`?v=`), since a redaction re-encodes the copy under the same name.
"""

import hashlib
import json
from dataclasses import dataclass
from pathlib import PurePosixPath

from app.media.derivatives import derivative_path
from app.media.models import Media
from app.media.recording.derivatives import AUDIO, DESCRIPTION, POSTER, VIDEO, WAVEFORM
from app.media.store import Store

READY, PENDING, FAILED = "ready", "pending", "failed"
FILES = {AUDIO: "audio/mp4", VIDEO: "video/mp4", POSTER: "image/jpeg", WAVEFORM: "image/png"}
WAVEFORM_SIZE = (1600, 120)  # what app/media/recording/waveform.py draws


@dataclass(frozen=True)
class Recording:
    """One sound or video of an item: whether its copy can be played, and what the page needs to play it."""

    media: Media
    status: str  # ready, pending (the job has not run) or failed
    file: str = ""  # recording.m4a or recording.mp4
    version: str = ""
    duration: float | None = None
    poster: bool = False
    waveform: bool = False
    width: int | None = None
    height: int | None = None

    @property
    def is_video(self) -> bool:
        return self.file == VIDEO


def folder(sha256: str) -> str:
    """The derivative key prefix of a stored file, where its browser copy is written."""
    return PurePosixPath(derivative_path(sha256, "thumb")).parent.as_posix()


def describe(store: Store, media: Media) -> Recording:
    """What exists of `media`'s browser copy: ready only when its row says so and its description is on disk."""
    if media.derivatives_status == FAILED:
        return Recording(media, FAILED)
    try:
        raw = store.read_bytes(f"{folder(media.sha256)}/{DESCRIPTION}")
        description = json.loads(raw)
    except (OSError, ValueError):
        return Recording(media, PENDING)
    if media.derivatives_status != READY or description.get("file") not in (AUDIO, VIDEO):
        return Recording(media, PENDING)
    return Recording(
        media,
        READY,
        file=description["file"],
        version=hashlib.sha256(raw).hexdigest()[:16],
        duration=description.get("duration"),
        poster=bool(description.get("poster")),
        waveform=bool(description.get("waveform")),
        width=description.get("width"),
        height=description.get("height"),
    )


def file_key(store: Store, recording: Recording, name: str) -> str | None:
    """The file `name` of a ready recording, when it is one of its own (the copy, its poster or waveform)."""
    if recording.status != READY or name not in FILES:
        return None
    if name in (AUDIO, VIDEO) and name != recording.file:
        return None
    key = f"{folder(recording.media.sha256)}/{name}"
    return key if store.exists(key) else None
