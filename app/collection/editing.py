"""Creating and editing collections from the workspace, each change a revision. Never commits."""

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from app.collection.models import Collection, CollectionItem
from app.collection.publishing import COLLECTION
from app.item.kinds import DRAFT, IN_REVIEW
from app.media.models import Media
from app.publishing import revisions

EDITED = ("language", "titles", "descriptions")
COVER_CHOICES = 200


class SlugTaken(ValueError):
    """Another collection already has the slug."""


def load(session: Session, slug: str) -> Collection | None:
    """A collection in any state, with its cover."""
    return session.scalars(
        select(Collection).where(Collection.slug == slug).options(selectinload(Collection.cover))
    ).first()


def listing(session: Session) -> list[tuple[Collection, int]]:
    """Every collection whatever its state, with its number of items (of any state), in the public order."""
    count = (
        select(func.count(CollectionItem.item_id))
        .where(CollectionItem.collection_id == Collection.id)
        .scalar_subquery()
    )
    rows = session.execute(select(Collection, count).order_by(Collection.position, Collection.slug))
    return [(collection, number) for collection, number in rows.all()]


def in_review(session: Session) -> list[Collection]:
    """The collections waiting for a supervisor, the oldest change first."""
    query = select(Collection).where(Collection.status == IN_REVIEW).order_by(Collection.updated_at, Collection.id)
    return list(session.scalars(query))


def create(session: Session, values: dict, user) -> Collection:
    """A new draft collection with `values`, placed after the others, and its first revision."""
    if session.scalar(select(Collection.id).where(Collection.slug == values["slug"])) is not None:
        raise SlugTaken(values["slug"])
    last = session.scalar(select(func.max(Collection.position)))
    collection = Collection(
        slug=values["slug"], status=DRAFT, position=(last or 0) + 1, **{name: values[name] for name in EDITED}
    )
    collection.cover = None
    session.add(collection)
    session.flush()
    revisions.record(session, collection, user, revisions.CREATE, None)
    return collection


def update(session: Session, collection: Collection, values: dict, user, base: int):
    """Save `values` over the collection edited from revision `base`; StaleEdit if someone saved since."""
    revisions.start_edit(session, COLLECTION, collection.id, base)
    before = COLLECTION.take(collection)
    for name in EDITED:
        setattr(collection, name, values[name])
    session.flush()
    return revisions.record(session, collection, user, revisions.EDIT, before)


def cover_choices(session: Session, collection: Collection) -> list[Media]:
    """The images of the collection's items, in the collection's order (with their items)."""
    query = (
        select(Media)
        .join(CollectionItem, CollectionItem.item_id == Media.item_id)
        .where(CollectionItem.collection_id == collection.id, Media.media_type == "image")
        .options(selectinload(Media.item))
        .order_by(CollectionItem.position, Media.position, Media.id)
        .limit(COVER_CHOICES)
    )
    return list(session.scalars(query))


def set_cover(session: Session, collection: Collection, media: Media | None, user, base: int):
    """Make `media` (one of `cover_choices`, or None) the cover, as a revision; StaleEdit if someone saved since."""
    revisions.start_edit(session, COLLECTION, collection.id, base)
    before = COLLECTION.take(collection)
    collection.cover = media
    session.flush()
    return revisions.record(session, collection, user, revisions.EDIT, before)
