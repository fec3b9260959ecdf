"""The printed exhibit: `GET /exhibits/{slug}.pdf`, the booklet as a PDF once the job has made it."""

from fastapi import APIRouter, HTTPException, Request

from app.exhibit import pdf
from app.exhibit import service as exhibit_service
from app.media.store import serving
from app.web.deps import SessionDep
from app.web.render import render

router = APIRouter()

# How long the "being prepared" page asks a client to wait before asking again: a booklet takes seconds.
RETRY_AFTER = 10


@router.get("/exhibits/{slug}.pdf", name="exhibit.pdf")
def exhibit_pdf(request: Request, session: SessionDep, slug: str):
    """A published exhibit's booklet as a PDF; until it is made, a page saying so (202), the job enqueued once."""
    exhibit = exhibit_service.get_published(session, slug)
    if exhibit is None:
        raise HTTPException(404)
    html = pdf.render_html(request, session, exhibit)
    key = pdf.prepare(session, request.app.state.settings, exhibit.id, html, str(request.base_url))
    if key is None:
        if request.app.state.worker is not None:
            request.app.state.worker.wake_after_commit(session)
        response = render(request, "exhibits/pdf_pending.html", {"exhibit": exhibit}, status_code=202)
        response.headers.update({"retry-after": str(RETRY_AFTER), "cache-control": "no-store"})
        return response
    headers = {"cache-control": "no-cache", "content-disposition": f'inline; filename="{slug}.pdf"'}
    return serving.respond(request, key, headers, "application/pdf")
