"""Which file the curators' player gets for a recording: the browser copy once made, else the original."""

from pathlib import PurePosixPath

from app.interview.hidden import RECORDING_TYPES
from app.item.models import Item
from app.media.derivatives import derivative_path
from app.media.recording.derivatives import AUDIO, VIDEO
from app.media.store import Store


def recording_key(store: Store, item: Item, media_id: int) -> tuple[str, str] | None:
    """The file to play for one of the item's recordings, with its type; None when it has no such recording."""
    media = next((m for m in item.media if m.id == media_id and m.media_type in RECORDING_TYPES), None)
    if media is None:
        return None
    name, mime = (VIDEO, "video/mp4") if media.media_type == "video" else (AUDIO, "audio/mp4")
    copy = f"{PurePosixPath(derivative_path(media.sha256, 'x')).parent}/{name}"
    if store.exists(copy):
        return copy, mime
    return (media.original_path, media.mime_type) if store.exists(media.original_path) else None
