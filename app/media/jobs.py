"""Background work on media: the derivatives and deep-zoom pyramid of a newly stored image."""

from sqlalchemy.orm import Session

from app.job.registry import JobContext, handler
from app.media import service as media_service


@handler(media_service.DERIVATIVES_JOB)
def make_derivatives(session: Session, context: JobContext, payload: dict) -> None:
    """All sizes in JPEG and WebP, and the IIIF pyramid; then every row showing the image is ready.

    The file work comes before the first query: the job's row lock (on SQLite, the database's
    write lock) is only taken once the session is used, so web writes never wait for Pillow.
    """
    media_service.finish_derivatives(context.settings, payload["sha256"], payload["original_path"])
    media_service.mark_ready(session, payload["sha256"])
