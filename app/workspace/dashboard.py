"""What the workspace's first page lists: my drafts, the review queue, recent publications, my record."""

from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from app.agent.models import TRAINEE_ROLES, Agent
from app.item.kinds import DRAFT, IN_REVIEW, PUBLISHED
from app.item.models import Item, ItemAgent
from app.revision.models import ItemRevision
from app.slugs import slugify

LIMIT = 50


@dataclass
class Record:
    """A curator's contribution: what they created, edited and got published, and their credits."""

    created: list[Item] = field(default_factory=list)
    edited: list[Item] = field(default_factory=list)
    published: list[Item] = field(default_factory=list)
    credits: list[ItemAgent] = field(default_factory=list)


def _touched_by(user_id: int, actions: tuple[str, ...] | None = None):
    query = select(ItemRevision.item_id).where(ItemRevision.user_id == user_id)
    return query.where(ItemRevision.action.in_(actions)) if actions else query


def _items(session: Session, query) -> list[Item]:
    return list(session.scalars(query.order_by(Item.updated_at.desc(), Item.id.desc()).limit(LIMIT)))


def my_drafts(session: Session, user) -> list[Item]:
    """Drafts the user created or edited, the latest first (sent-back ones among them)."""
    return _items(session, select(Item).where(Item.status == DRAFT, Item.id.in_(_touched_by(user.id))))


def review_queue(session: Session) -> list[Item]:
    """Every item waiting for a supervisor, the oldest submission first."""
    query = select(Item).where(Item.status == IN_REVIEW).order_by(Item.updated_at, Item.id).limit(LIMIT)
    return list(session.scalars(query))


def recently_published(session: Session, limit: int = 10) -> list[Item]:
    """Items published through the workspace, the latest first."""
    published = select(ItemRevision.item_id).where(ItemRevision.action == "publish")
    return _items(session, select(Item).where(Item.status == PUBLISHED, Item.id.in_(published)))[:limit]


def record(session: Session, user) -> Record:
    """The user's contribution record (credits are matched on their display name)."""
    mine = Record(
        created=_items(session, select(Item).where(Item.id.in_(_touched_by(user.id, ("create",))))),
        edited=_items(session, select(Item).where(Item.id.in_(_touched_by(user.id)))),
    )
    mine.published = [item for item in mine.edited if item.status == PUBLISHED]
    credits = (
        select(ItemAgent)
        .join(Agent)
        .join(Item)
        .where(Agent.slug == slugify(user.display_name), ItemAgent.role.in_(TRAINEE_ROLES))
        .options(selectinload(ItemAgent.item))
        .order_by(Item.sort_title)
        .limit(LIMIT)
    )
    mine.credits = list(session.scalars(credits))
    return mine
