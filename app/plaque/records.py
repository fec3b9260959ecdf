"""The museum's plaque targets: items, exhibits, exhibit pages, walking tours and their stops, public ones only."""

from urllib.parse import quote

from sqlalchemy.orm import Session

from app.clock import utcnow
from app.exhibit import blocks
from app.exhibit import service as exhibit_service
from app.interview import page as interview_page
from app.item import service as item_service
from app.item.models import Item
from app.plaque.registry import Plaque, register
from app.tour import service as tour_service


def item(session: Session, identifier: str) -> Plaque | None:
    """A published item with a public page (a withdrawn interview has none)."""
    found = session.scalars(item_service.published().where(Item.identifier == identifier)).first()
    if found is None or not interview_page.record_is_public(session, found, utcnow().date()):
        return None
    return Plaque("item", identifier, _filled(found.titles), f"/items/{_segment(identifier)}")


def exhibit(session: Session, slug: str) -> Plaque | None:
    """A published exhibit (its cover page)."""
    found = exhibit_service.get_published(session, slug)
    if found is None:
        return None
    return Plaque("exhibit", slug, _filled(found.titles), f"/exhibits/{_segment(slug)}")


def exhibit_page(session: Session, key: str) -> Plaque | None:
    """A page of a published exhibit (`slug/page`), titled by the page and then the exhibit."""
    slug, _, page_key = key.partition("/")
    found = exhibit_service.get_published(session, slug) if page_key else None
    page = blocks.load(found.document).page(page_key) if found is not None else None
    if found is None or page is None:
        return None
    page_titles = {str(lang): title for lang, title in page.titles.items()}
    titles = {lang: _joined(page_titles.get(lang), title) for lang, title in _filled(found.titles).items()}
    return Plaque("exhibit-page", key, titles, f"/exhibits/{_segment(slug)}/{_segment(page_key)}")


def tour(session: Session, slug: str) -> Plaque | None:
    """A published walking tour."""
    found = tour_service.tour_label(session, slug)
    return Plaque("tour", slug, _filled(found.titles), found.path) if found is not None else None


def stop(session: Session, key: str) -> Plaque | None:
    """A stop of a published tour (`slug/number`, 1 for the first), titled by the stop and then the tour."""
    slug, _, number = key.partition("/")
    if not number.isdigit():
        return None
    found, whole = tour_service.stop_label(session, slug, int(number)), tour_service.tour_label(session, slug)
    if found is None or whole is None:
        return None
    titles = {lang: _joined(found.titles.get(lang), title) for lang, title in _filled(whole.titles).items()}
    return Plaque("stop", key, titles, found.path)


def _filled(titles: dict[str, str] | None) -> dict[str, str]:
    return {lang: title.strip() for lang, title in (titles or {}).items() if title and title.strip()}


def _joined(page_title: str | None, exhibit_title: str) -> str:
    return f"{page_title.strip()} — {exhibit_title}" if page_title and page_title.strip() else exhibit_title


def _segment(value: str) -> str:
    return quote(value, safe="")


register("item", item, route="item.detail")
register("exhibit", exhibit, route="exhibit.detail")
register("exhibit-page", exhibit_page, route="exhibit.page")
register("tour", tour, route="tour.detail")
register("stop", stop, route="tour.stop")
