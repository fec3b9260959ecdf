"""Collections as a publishable kind: what a revision keeps of one, its title, its audit actions."""

from sqlalchemy import select

from app.collection.models import Collection, CollectionItem, CollectionRevision
from app.i18n import lazy_gettext as _l
from app.publishing.kinds import RecordKind, register

# The collection's own columns a revision records (its slug never changes: it is its address).
FIELDS = ("language", "titles", "descriptions")


def take(collection: Collection) -> dict:
    """The collection's values now (its cover loaded), as plain JSON."""
    values = {name: _plain(getattr(collection, name)) for name in FIELDS}
    values["status"] = collection.status
    cover = collection.cover
    values["cover"] = (cover.original_name or cover.sha256[:12]) if cover is not None else None
    return values


def _plain(value):
    return dict(value) if isinstance(value, dict) else value


def title(collection: Collection) -> str:
    """The collection's title in its original language (else any, else its slug)."""
    return collection.titles.get(collection.language) or next(iter(collection.titles.values()), collection.slug)


def item_ids(session, collection: Collection) -> list[int]:
    """The items of the collection: their search documents name it only while it is published."""
    return list(session.scalars(select(CollectionItem.item_id).where(CollectionItem.collection_id == collection.id)))


COLLECTION = register(
    RecordKind(
        name="collection",
        model=Collection,
        revision_model=CollectionRevision,
        owner="collection_id",
        take=take,
        title=title,
        indexed_items=item_ids,
        moved_on=_l("This collection is no longer in a state where this can be done: it is now “{status}”."),
        audited={
            "publish": "collection.publish",
            "send_back": "collection.send_back",
            "withdraw": "collection.withdraw",
        },
    )
)
