"""Exhibits as a publishable kind: what a revision keeps of one, its title, what blocks its publication."""

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.clock import utcnow
from app.exhibit import blocks
from app.exhibit.models import Exhibit, ExhibitItem, ExhibitRevision
from app.i18n import gettext as _
from app.i18n import lazy_gettext as _l
from app.item.kinds import PUBLISHED
from app.item.models import Item
from app.media.models import Media
from app.publishing.kinds import RecordKind, register

# The exhibit's own columns a revision records (its slug never changes: it is its address).
FIELDS = ("language", "titles", "summaries", "tags", "featured", "document")


def take(exhibit: Exhibit) -> dict:
    """The exhibit's values now (its cover and credits loaded), as plain JSON."""
    values = {name: _plain(getattr(exhibit, name)) for name in FIELDS}
    values["status"] = exhibit.status
    values["cover"] = exhibit.cover_media_id
    values["credits"] = [[credit.agent.name, credit.role] for credit in exhibit.credits]
    return values


def _plain(value):
    if isinstance(value, dict):
        return dict(value)
    return list(value) if isinstance(value, list) else value


def title(exhibit: Exhibit) -> str:
    """The exhibit's title in its original language (else any, else its slug)."""
    return exhibit.titles.get(exhibit.language) or next(iter(exhibit.titles.values()), exhibit.slug)


def item_ids(session: Session, exhibit: Exhibit) -> list[int]:
    """The items the exhibit shows: their search documents name it only while it is published."""
    return list(session.scalars(select(ExhibitItem.item_id).where(ExhibitItem.exhibit_id == exhibit.id)))


def blockers(session: Session, exhibit: Exhibit) -> list[str]:
    """What stands in the way of publishing: items it shows that are unknown or not published, images it
    shows without alternative text."""
    document = blocks.load(exhibit.document)
    wanted = document.item_identifiers()
    items = {item.identifier: item for item in session.scalars(select(Item).where(Item.identifier.in_(wanted)))}
    found = []
    missing = [identifier for identifier in wanted if identifier not in items]
    if missing:
        found.append(_("These items are not in the catalog: {names}.").format(names=_names(missing)))
    unpublished = [identifier for identifier in wanted if identifier in items and items[identifier].status != PUBLISHED]
    if unpublished:
        found.append(_("Publish these items first: {names}.").format(names=_names(unpublished)))
    no_alt = [_image_name(media) for media in shown_images(session, exhibit, document, items) if not _has_alt(media)]
    if no_alt:
        found.append(
            _("Write an alternative text for every image the exhibit shows. Missing for: {names}.").format(
                names=_names(no_alt)
            )
        )
    return found


def shown_images(session: Session, exhibit: Exhibit, document: blocks.Document, items: dict[str, Item]) -> list[Media]:
    """The images the exhibit shows: its cover, each item's first image, and the image a zoom block opens."""
    ids = [item.id for item in items.values()]
    query = select(Media).where(Media.item_id.in_(ids), Media.media_type == "image").order_by(Media.position, Media.id)
    images: dict[int, list[Media]] = {}
    for media in session.scalars(query):
        images.setdefault(media.item_id, []).append(media)
    shown: dict[int, Media] = {}
    for block in document.blocks():
        for identifier in block.items():
            number = block.image if isinstance(block, blocks.ZoomBlock) else 1
            choices = images.get(items[identifier].id, []) if identifier in items else []
            if len(choices) >= number:
                shown.setdefault(choices[number - 1].id, choices[number - 1])
    cover = session.get(Media, exhibit.cover_media_id) if exhibit.cover_media_id else None
    return ([cover] if cover is not None and cover.id not in shown else []) + list(shown.values())


def _has_alt(media: Media) -> bool:
    return any(text.strip() for text in (media.alt_texts or {}).values())


def _image_name(media: Media) -> str:
    return f"{media.original_name or media.sha256[:12]}"


def _names(names: list[str]) -> str:
    return ", ".join(f"“{name}”" for name in names)


def stepped(exhibit: Exhibit, step: str) -> None:
    if step == "publish":
        exhibit.published_at = utcnow()


EXHIBIT = register(
    RecordKind(
        name="exhibit",
        model=Exhibit,
        revision_model=ExhibitRevision,
        owner="exhibit_id",
        take=take,
        title=title,
        indexed_items=item_ids,
        blockers=blockers,
        stepped=stepped,
        moved_on=_l("This exhibit is no longer in a state where this can be done: it is now “{status}”."),
        audited={
            "publish": "exhibit.publish",
            "send_back": "exhibit.send_back",
            "withdraw": "exhibit.withdraw",
        },
    )
)
