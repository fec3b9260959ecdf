"""Finding or creating agents (people and organisations) by name, matched on the name's slug."""

from collections.abc import Iterable

from sqlalchemy.orm import Session

from app import named
from app.agent.models import Agent


def get_or_create(session: Session, name: str) -> Agent:
    """The agent named so (by slug), created when there is none."""
    return named.get_or_create(session, Agent, name)


def ensure_ids(session: Session, names: Iterable[str], cache: dict[str, int | None], *, create: bool = True) -> None:
    """Cache the id of each name's agent (slug -> id), creating the missing ones."""
    named.ensure_ids(session, Agent, names, cache, create=create)
