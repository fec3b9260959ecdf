"""Home, about/credits, and the interface language choice."""

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse

from app.agent.credits import trainee_credits
from app.collection import service as collection_service
from app.exhibit import rendering as exhibit_rendering
from app.item import notices
from app.item import service as item_service
from app.item.fields import ROLE_LABELS
from app.web.deps import SessionDep
from app.web.language import remember
from app.web.redirects import local_or
from app.web.render import render

router = APIRouter()


@router.get("/", name="home")
def home(request: Request, session: SessionDep):
    """What the museum holds: collections with their pictures, featured and recent items, counts by kind."""
    collections = collection_service.list_with_counts(session)
    newest, featured = exhibit_rendering.for_home(session)
    shown = [exhibit for exhibit in (featured, newest) if exhibit is not None]
    return render(
        request,
        "home.html",
        {
            "kind_counts": item_service.count_by_kind(session),
            "collections": collections,
            "covers": collection_service.covers(session, [collection for collection, _count in collections]),
            "featured": item_service.featured(session),
            "recent": notices.as_listed(session, item_service.recent(session)),
            "exhibits": shown,
            "exhibit_covers": exhibit_rendering.covers_shown(session, shown),
        },
    )


@router.get("/about", name="about")
def about(request: Request, session: SessionDep):
    """The project, the people who build the collection, and the sources."""
    return render(request, "about.html", {"credits": trainee_credits(session), "role_labels": ROLE_LABELS})


@router.post("/language", name="language.set")
def set_language(lang: Annotated[str, Form()], next: Annotated[str, Form()] = "/"):
    """Remember the visitor's interface language and go back to the page they were on."""
    target = local_or(next, "/")
    response = RedirectResponse(target, status_code=303)
    remember(response, lang)
    return response
