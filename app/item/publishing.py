"""Items as a publishable kind: their revisions, snapshot, title and audit actions (app/publishing/)."""

from app.i18n import lazy_gettext as _l
from app.item.models import Item
from app.publishing.kinds import RecordKind, register
from app.revision import snapshot
from app.revision.models import ItemRevision


def title(item: Item) -> str:
    """The item's title in its original language (else any, else its identifier)."""
    return item.titles.get(item.language) or next(iter(item.titles.values()), item.identifier)


ITEM = register(
    RecordKind(
        name="item",
        model=Item,
        revision_model=ItemRevision,
        owner="item_id",
        take=snapshot.take,
        title=title,
        changes=snapshot.changes,
        moved_on=_l("This item is no longer in a state where this can be done: it is now “{status}”."),
        audited={"publish": "item.publish", "send_back": "item.send_back", "withdraw": "item.withdraw"},
    )
)
