"""Background work on media: an image's derivatives and deep-zoom pyramid, a recording's browser copy."""

from sqlalchemy.orm import Session

from app.job.registry import JobContext, handler
from app.media import service as media_service
from app.media.recording.derivatives import make_recording_derivatives
from app.media.store import store_of


@handler(media_service.DERIVATIVES_JOB)
def make_derivatives(session: Session, context: JobContext, payload: dict) -> None:
    """All sizes in JPEG and WebP, and the IIIF pyramid; then every row showing the image is ready.

    The file work comes before the first query: the job's row lock (on SQLite, the database's
    write lock) is only taken once the session is used, so web writes never wait for Pillow.
    """
    media_service.finish_derivatives(context.settings, payload["sha256"], payload["original_path"])
    media_service.mark_ready(session, payload["sha256"])


@handler(media_service.RECORDING_JOB)
def make_recording(session: Session, context: JobContext, payload: dict) -> None:
    """The browser copy (silenced where the payload says), waveform and poster; then the recording's rows are ready.

    As for images, the encoding comes before the first query, so no web write waits on it.
    """
    store = store_of(context.settings)
    silence = [(start, end) for start, end in payload.get("silence", [])]
    with store.local_copy(payload["original_path"]) as original:
        with store.folder(media_service.derivative_prefix(payload["sha256"])) as out_dir:
            make_recording_derivatives(original, out_dir, silence=silence)
    media_service.mark_ready(session, payload["sha256"])
