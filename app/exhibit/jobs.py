"""Background work on exhibits: the PDF of a booklet."""

from sqlalchemy.orm import Session

from app.exhibit import pdf
from app.job.registry import JobContext, handler


@handler(pdf.JOB)
def make_pdf(session: Session, context: JobContext, payload: dict) -> None:
    """The booklet's PDF from the HTML its request kept; files only, so the database is never held meanwhile."""
    pdf.build(context.settings, payload["exhibit_id"], payload["digest"], payload["site"])
