"""The museum's Atom feeds: newly published items, memories, exhibits, and the items of one collection."""

from datetime import date, datetime

from fastapi import Request
from sqlalchemy.orm import Session

from app.agent.models import CREATOR_ROLES
from app.collection.models import Collection
from app.discovery import atom
from app.discovery import service as discovery
from app.discovery.http import absolute, origin
from app.exhibit.models import Exhibit
from app.i18n import gettext as _
from app.item.models import Item
from app.localize import localized
from app.media.urls import derivative_url

SUMMARY = 500  # characters of a description in an entry


def items_feed(request: Request, session: Session, today: date, *, kind: str | None = None, collection=None):
    """The feed of the newest public items (of one kind, or of one collection)."""
    rows = discovery.newest_items(session, today, atom.ENTRIES, kind=kind, collection=collection)
    return [_item_entry(request, item, published) for item, published in rows]


def _item_entry(request: Request, item: Item, published: datetime) -> atom.Entry:
    title = localized(item.titles, item.language, item.language)
    summary = localized(item.descriptions, item.language, item.language)
    return atom.Entry(
        url=absolute(request, "item.detail", identifier=item.identifier),
        title=title.value if title else item.identifier,
        updated=max(item.updated_at, published),
        published=published,
        summary=_short(summary.value if summary else ""),
        language=title.lang if title else item.language,
        authors=[credit.agent.name for credit in item.credits if credit.role in CREATOR_ROLES],
        image=_image(request, item),
    )


def _image(request: Request, item: Item) -> tuple[str, str] | None:
    media = next((media for media in item.media if media.media_type == "image"), None)
    return None if media is None else (origin(request) + derivative_url(media, "medium"), "image/jpeg")


def exhibit_entries(request: Request, session: Session) -> list[atom.Entry]:
    """The newest published exhibits as entries."""
    return [_exhibit_entry(request, exhibit) for exhibit in discovery.newest_exhibits(session, atom.ENTRIES)]


def _exhibit_entry(request: Request, exhibit: Exhibit) -> atom.Entry:
    title = localized(exhibit.titles, exhibit.language, exhibit.language)
    summary = localized(exhibit.summaries, exhibit.language, exhibit.language)
    cover = exhibit.cover
    image = None
    if cover is not None and cover.media_type == "image":
        image = (origin(request) + derivative_url(cover, "medium"), "image/jpeg")
    return atom.Entry(
        url=absolute(request, "exhibit.detail", slug=exhibit.slug),
        title=title.value if title else exhibit.slug,
        updated=exhibit.updated_at,
        published=exhibit.published_at,
        summary=_short(summary.value if summary else ""),
        language=title.lang if title else exhibit.language,
        authors=[credit.agent.name for credit in exhibit.credits],
        image=image,
    )


def feed(request: Request, name: str, page: str, title: str, entries: list[atom.Entry], **params) -> atom.Feed:
    """A feed of `entries` at route `name`, following the HTML page `page`."""
    moments = [entry.updated for entry in entries]
    return atom.Feed(
        url=absolute(request, name, **params),
        page_url=absolute(request, page, **params),
        title=f"{title} · {request.app.state.settings.site_name}",
        entries=entries,
        updated=max(moments) if moments else datetime(2000, 1, 1),
        language=request.state.lang,
    )


def collection_title(collection: Collection) -> str:
    """A collection's name in its own language."""
    title = localized(collection.titles, collection.language, collection.language)
    return title.value if title else collection.slug


def titles() -> dict[str, str]:
    """The feeds' titles in the visitor's language."""
    return {"items": _("New items"), "memory": _("Residents' memories"), "exhibits": _("New exhibits")}


def _short(text: str) -> str:
    return text if len(text) <= SUMMARY else text[: SUMMARY - 1].rstrip() + "…"
