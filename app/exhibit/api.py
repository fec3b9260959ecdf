"""The public JSON API of exhibits: /api/v1/exhibits (published ones only), pages, blocks and the items shown."""

from fastapi import APIRouter, HTTPException, Request

from app.api.schemas import problems
from app.exhibit import blocks, present
from app.exhibit import service as exhibit_service
from app.exhibit.schemas import ExhibitDetail, ExhibitList
from app.i18n import gettext as _
from app.web.deps import SessionDep

router = APIRouter(prefix="/api/v1", tags=["exhibits"], responses=problems(404))


@router.get("/exhibits", response_model=ExhibitList, name="api.exhibits")
def list_exhibits(request: Request, session: SessionDep):
    """Every published exhibit, the last published first: its texts, cover and credits."""
    exhibits = exhibit_service.published(session)
    covers = present.covers(session, exhibits)
    found = [present.summary(request, exhibit, covers.get(exhibit.id)) for exhibit in exhibits]
    return {"total": len(found), "exhibits": found}


@router.get("/exhibits/{slug}", response_model=ExhibitDetail, name="api.exhibit")
def get_exhibit(request: Request, session: SessionDep, slug: str):
    """One published exhibit with its pages and blocks, and the published items each block shows."""
    exhibit = exhibit_service.get_published(session, slug)
    if exhibit is None:
        raise HTTPException(404, _("There is no exhibit “{slug}”.").format(slug=slug))
    document = blocks.load(exhibit.document)
    shown = present.shown(session, document)
    data = present.summary(request, exhibit, present.covers(session, [exhibit]).get(exhibit.id))
    return data | {"pages": present.pages(request, exhibit, document, shown)}
