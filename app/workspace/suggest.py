"""Names to pick from as a curator types: places, people, subjects, collections and items already in the catalog."""

from typing import Annotated

from fastapi import APIRouter, Query
from pydantic import BaseModel
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.agent.models import Agent
from app.api.schemas import problems
from app.collection.models import Collection
from app.item.models import Item
from app.place.models import Place
from app.slugs import slugify, sort_key
from app.subject.models import Subject
from app.web.deps import SessionDep

router = APIRouter(prefix="/api/v1/workspace", tags=["workspace"], responses=problems(401, 403))
MODELS: dict[str, type[Place] | type[Agent] | type[Subject]] = {"place": Place, "agent": Agent, "subject": Subject}
LIMIT = 20


class Names(BaseModel):
    field: str
    names: list[str]
    labels: list[str] = []  # items only: the title of each identifier


def items(session: Session, text: str) -> tuple[list[str], list[str]]:
    """Up to 20 items (any state) whose identifier or title contains the typed text: (identifiers, titles)."""
    words = text.strip()
    if not words:
        return [], []
    matches = Item.identifier.contains(words, autoescape=True) | Item.sort_title.contains(
        sort_key(words), autoescape=True
    )
    query = (
        select(Item.identifier, Item.titles, Item.language)
        .where(matches)
        .order_by(Item.identifier.startswith(words, autoescape=True).desc(), Item.identifier)
        .limit(LIMIT)
    )
    rows = session.execute(query).all()
    titles = [row.titles.get(row.language) or next(iter(row.titles.values()), "") for row in rows]
    return [row.identifier for row in rows], titles


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


@router.get("/suggest", response_model=Names, response_model_exclude_unset=True, name="api.workspace.suggest")
def suggest(
    session: SessionDep,
    field: Annotated[str, Query(pattern="^(place|agent|subject|collection|item)$")],
    q: Annotated[str, Query(max_length=100)] = "",
):
    """Existing places, people (agents), subjects, collection slugs or item identifiers matching what is typed."""
    if field == "item":
        identifiers, titles = items(session, q)
        return {"field": field, "names": identifiers, "labels": titles}
    return {"field": field, "names": names(session, field, q)}
