"""The descriptor of a publishable kind of record, and the registry that finds it from a record."""

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from sqlalchemy import ColumnElement
from sqlalchemy.orm import Session

from app.db import Base
from app.publishing.models import RevisionMixin
from app.revision.snapshot import changes as diff

R = TypeVar("R", bound=Base)  # the kind's mapped class: Item, Collection...

_REGISTRY: dict[type, "RecordKind[Any]"] = {}


@dataclass(frozen=True)
class RecordKind(Generic[R]):
    """What the generic parts need to know of a kind: its tables, its snapshot, its title and its names."""

    name: str  # "item", also the permission target and the prefix of its audit actions
    model: type[R]
    revision_model: type[RevisionMixin]
    owner: str  # the revision model's column naming the record ("item_id")
    take: Callable[[R], dict]  # the record's values now, as plain JSON (what a revision keeps)
    title: Callable[[R], str]
    # Said when a step finds the record in another state ({status} is the state's name).
    moved_on: object  # a lazy_gettext string
    audited: Mapping[str, str] = field(default_factory=dict)  # step -> audit action
    changes: Callable[[dict | None, dict], dict] = diff
    # The items whose search documents show the record (an index job is written for them at each step).
    indexed_items: Callable[[Session, R], list[int]] | None = None
    # What stands in the way of publishing the record now: translated messages, none when it may be published.
    blockers: Callable[[Session, R], list[str]] | None = None
    # Told of each workflow step once the record is in its new state (exhibits note when they were published).
    stepped: Callable[[R, str], None] | None = None

    @property
    def target(self) -> str:
        """The record kind's `target` in the permission table."""
        return self.name

    def owner_column(self):
        return getattr(self.revision_model, self.owner)

    def id_column(self) -> ColumnElement[Any]:
        """The `id` column of the kind's table (every registered model has one)."""
        return self.model.__table__.c.id


def register(kind: RecordKind[R]) -> RecordKind[R]:
    """Make `kind` known to the workflow and the revisions (done once, where the kind is described)."""
    _REGISTRY[kind.model] = kind
    return kind


def kind_of(record) -> RecordKind[Any]:
    """The registered kind of a record (a KeyError names a model that was never registered)."""
    return _REGISTRY[type(record)]
