"""Names to pick from as a curator types: places, people, subjects and collections already in the catalog."""

from typing import Annotated

from fastapi import APIRouter, Query
from pydantic import BaseModel
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.agent.models import Agent
from app.api.schemas import problems
from app.collection.models import Collection
from app.place.models import Place
from app.slugs import slugify
from app.subject.models import Subject
from app.web.deps import SessionDep

router = APIRouter(prefix="/api/v1/workspace", tags=["workspace"], responses=problems(401, 403))
MODELS: dict[str, type[Place] | type[Agent] | type[Subject]] = {"place": Place, "agent": Agent, "subject": Subject}
LIMIT = 20


class Names(BaseModel):
    field: str
    names: list[str]


def names(session: Session, field: str, text: str) -> list[str]:
    """Up to 20 names of `field` whose slug contains the typed text's slug, those starting with it first."""
    slug = slugify(text)
    if not slug:
        return []
    model = MODELS.get(field)
    # A collection has no name of its own: its slug is what curators type.
    column, label = (model.slug, model.name) if model is not None else (Collection.slug, Collection.slug)
    query = (
        select(label)
        .where(column.contains(slug, autoescape=True))
        .order_by(column.startswith(slug, autoescape=True).desc(), label)
        .limit(LIMIT)
    )
    return list(session.scalars(query))


@router.get("/suggest", response_model=Names, name="api.workspace.suggest")
def suggest(
    session: SessionDep,
    field: Annotated[str, Query(pattern="^(place|agent|subject|collection)$")],
    q: Annotated[str, Query(max_length=100)] = "",
):
    """Existing places, people (agents), subjects or collection slugs matching what is typed."""
    return {"field": field, "names": names(session, field, q)}
