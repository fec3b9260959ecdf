"""Home, about/credits, and the interface language choice."""

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse

from app.agent.credits import trainee_credits
from app.collection import service as collection_service
from app.config import LANGUAGES
from app.i18n import LANGUAGE_COOKIE
from app.item import service as item_service
from app.item.fields import ROLE_LABELS
from app.web.deps import SessionDep
from app.web.redirects import local_or
from app.web.render import render

router = APIRouter()
ONE_YEAR = 365 * 24 * 3600


@router.get("/", name="home")
def home(request: Request, session: SessionDep):
    """What the museum holds: collections, featured and recent items, counts by kind."""
    return render(
        request,
        "home.html",
        {
            "kind_counts": item_service.count_by_kind(session),
            "collections": collection_service.list_with_counts(session),
            "featured": item_service.featured(session),
            "recent": item_service.recent(session),
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
    if lang in LANGUAGES:
        response.set_cookie(LANGUAGE_COOKIE, lang, max_age=ONE_YEAR, httponly=True, samesite="lax")
    return response
