"""Published tours as visitors see them: each stop with its texts in their language, the walking distances, the
item's image at phone size, the exhibit page it opens and its audio. One model for the pages, the API and the pack.

Only what a published record uses is shown: an item that is not published (or whose details are closed) gives
neither its title nor its image; an exhibit page is linked while its exhibit is published.
"""

from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.exhibit import blocks
from app.exhibit.models import Exhibit
from app.item.kinds import PUBLISHED
from app.item.models import Item
from app.localize import Localized, localized
from app.media import access
from app.media.models import Media
from app.tour import geometry
from app.tour.models import Tour, TourStop
from app.tour.publishing import first_images

# The phone size of an image: `medium` is 1200 px on its long side, sharp on a phone's screen at twice its
# pixel density, and about 150-300 kB, so that a tour of 40 stops stays far under its 25 MB pack.
PHONE_SIZE = "medium"


@dataclass(frozen=True)
class ExhibitLink:
    slug: str
    page: str | None
    title: Localized | None


@dataclass
class StopView:
    """One stop as visitors see it: `number` counts from 1; `next_m` is the distance to the next stop."""

    number: int
    stop: TourStop
    title: Localized | None
    text: Localized | None
    item: Item | None
    image: Media | None
    exhibit: ExhibitLink | None
    next_m: float | None = None
    previous_m: float | None = None

    @property
    def latitude(self) -> float:
        return self.stop.latitude

    @property
    def longitude(self) -> float:
        return self.stop.longitude

    @property
    def next_minutes(self) -> int:
        """A walker's minutes to the next stop in a straight line (app/tour/geometry.py)."""
        return geometry.walking_minutes(self.next_m or 0)

    @property
    def audio(self) -> bool:
        return bool(self.stop.audio_sha256)

    @property
    def audio_ext(self) -> str:
        return (self.stop.audio_path or "").rsplit(".", 1)[-1]


@dataclass
class TourView:
    tour: Tour
    title: Localized | None
    summary: Localized | None
    stops: list[StopView] = field(default_factory=list)
    drawing: geometry.Drawing | None = None
    cover: Media | None = None

    @property
    def total_m(self) -> float:
        return sum(stop.next_m or 0 for stop in self.stops)


def view(session: Session, tour: Tour, lang: str, *, visitors: bool = True) -> TourView:
    """The tour in `lang` (else its original language), with what visitors may see of its stops' records."""
    items = {s.item_id: s.item for s in tour.stops if s.item_id is not None and s.item and _visible(s.item, visitors)}
    images = {i: m for i, m in first_images(session, list(items)).items() if _image_visible(session, m, visitors)}
    exhibits = _exhibits(session, tour, visitors, lang)
    stops = [_stop(n, stop, tour, lang, items, images, exhibits) for n, stop in enumerate(tour.stops, start=1)]
    legs = geometry.legs([(stop.latitude, stop.longitude) for stop in stops])
    for before, after, metres in zip(stops, stops[1:], legs, strict=False):
        before.next_m, after.previous_m = metres, metres
    cover = tour.cover if tour.cover is not None and _image_visible(session, tour.cover, visitors) else None
    return TourView(
        tour,
        localized(tour.titles, tour.language, lang),
        localized(tour.summaries, tour.language, lang),
        stops,
        geometry.drawing([(stop.latitude, stop.longitude) for stop in stops]),
        cover,
    )


def _stop(number, stop: TourStop, tour: Tour, lang: str, items: dict, images: dict, exhibits: dict) -> StopView:
    item = items.get(stop.item_id)
    return StopView(
        number,
        stop,
        localized(stop.titles, tour.language, lang),
        localized(stop.texts, tour.language, lang),
        item,
        images.get(stop.item_id) if item is not None else None,
        exhibits.get(stop.id),
    )


def _visible(item: Item | None, visitors: bool) -> bool:
    return item is not None and (not visitors or item.status == PUBLISHED)


def _image_visible(session: Session, media: Media, visitors: bool) -> bool:
    """Visitors get an image while a published item with open details uses it (app/media/access.py)."""
    return not visitors or access.public_media(session, media.sha256, "image") is not None


def _exhibits(session: Session, tour: Tour, visitors: bool, lang: str) -> dict[int, ExhibitLink]:
    slugs = {stop.exhibit_slug for stop in tour.stops if stop.exhibit_slug}
    if not slugs:
        return {}
    found = {e.slug: e for e in session.scalars(select(Exhibit).where(Exhibit.slug.in_(slugs)))}
    links = {}
    for stop in tour.stops:
        exhibit = found.get(stop.exhibit_slug or "")
        if exhibit is None or (visitors and exhibit.status != PUBLISHED):
            continue
        page = blocks.load(exhibit.document).page(stop.exhibit_page) if stop.exhibit_page else None
        if stop.exhibit_page and page is None:
            continue
        titles = {str(code): text for code, text in (page.titles if page is not None else exhibit.titles).items()}
        title = localized(titles, exhibit.language, lang)
        links[stop.id] = ExhibitLink(exhibit.slug, stop.exhibit_page, title)
    return links
