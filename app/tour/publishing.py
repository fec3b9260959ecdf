"""Tours as a publishable kind: what a revision keeps of one, its title, what blocks its publication."""

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.clock import utcnow
from app.exhibit import blocks
from app.exhibit.models import Exhibit
from app.i18n import gettext as _
from app.i18n import lazy_gettext as _l
from app.item.kinds import PUBLISHED
from app.media.models import Media
from app.publishing.kinds import RecordKind, register
from app.tour.models import Tour, TourRevision, TourStop

# The tour's own columns a revision records (its slug never changes: it is its address).
FIELDS = ("language", "languages", "titles", "summaries")
STOP_FIELDS = ("titles", "texts", "latitude", "longitude", "exhibit_slug", "exhibit_page")
AUDIO_FIELDS = ("audio_sha256", "audio_path", "audio_mime", "audio_bytes", "audio_seconds", "audio_name")


def take(tour: Tour) -> dict:
    """The tour's values now (its cover, credits and stops with their items loaded), as plain JSON."""
    values = {name: _plain(getattr(tour, name)) for name in FIELDS}
    values["status"] = tour.status
    values["cover"] = tour.cover_media_id
    values["credits"] = [[credit.agent.name, credit.role] for credit in tour.credits]
    values["stops"] = [take_stop(stop) for stop in tour.stops]
    return values


def take_stop(stop: TourStop) -> dict:
    """A stop as plain JSON: its linked item by identifier, its audio by the stored file's fields."""
    values = {name: _plain(getattr(stop, name)) for name in (*STOP_FIELDS, *AUDIO_FIELDS)}
    values["item"] = stop.item.identifier if stop.item is not None else None
    return values


def _plain(value):
    if isinstance(value, dict):
        return dict(value)
    return list(value) if isinstance(value, list) else value


def title(tour: Tour) -> str:
    """The tour's title in its original language (else any, else its slug)."""
    return tour.titles.get(tour.language) or next(iter(tour.titles.values()), tour.slug)


def stop_title(stop: TourStop, language: str) -> str:
    """A stop's title in `language`, else in any language it has."""
    return stop.titles.get(language) or next(iter(stop.titles.values()), "")


def blockers(session: Session, tour: Tour) -> list[str]:
    """What stands in the way of publishing: no stop, a stop without a valid point, a stop showing an item or an
    exhibit page that is not published, an image shown without alternative text."""
    found = []
    if not tour.stops:
        found.append(_("Add at least one stop."))
    unplaced = [_stop_name(tour, stop) for stop in tour.stops if not located(stop.latitude, stop.longitude)]
    if unplaced:
        found.append(_("Give the coordinates of these stops: {names}.").format(names=_names(unplaced)))
    items = [_stop_name(tour, s) for s in tour.stops if s.item is not None and s.item.status != PUBLISHED]
    if items:
        found.append(_("Publish the items of these stops first: {names}.").format(names=_names(items)))
    exhibits = [_stop_name(tour, stop) for stop in tour.stops if not _exhibit_page_public(session, stop)]
    if exhibits:
        found.append(
            _("These stops show an exhibit page that is not published: {names}.").format(names=_names(exhibits))
        )
    no_alt = [media.original_name or media.sha256[:12] for media in shown_images(session, tour) if not _has_alt(media)]
    if no_alt:
        found.append(
            _("Write an alternative text for every image the tour shows. Missing for: {names}.").format(
                names=_names(no_alt)
            )
        )
    return found


def located(latitude: float | None, longitude: float | None) -> bool:
    """Whether a point is a real place on Earth."""
    return latitude is not None and longitude is not None and -90 <= latitude <= 90 and -180 <= longitude <= 180


def _exhibit_page_public(session: Session, stop: TourStop) -> bool:
    if not stop.exhibit_slug:
        return True
    exhibit = session.scalars(select(Exhibit).where(Exhibit.slug == stop.exhibit_slug)).first()
    if exhibit is None or exhibit.status != PUBLISHED:
        return False
    return not stop.exhibit_page or blocks.load(exhibit.document).page(stop.exhibit_page) is not None


def shown_images(session: Session, tour: Tour) -> list[Media]:
    """The images the tour shows: its cover, and the first image of each stop's item."""
    first = first_images(session, [stop.item_id for stop in tour.stops if stop.item_id is not None])
    cover = session.get(Media, tour.cover_media_id) if tour.cover_media_id else None
    shown = {media.id: media for media in ([cover] if cover is not None else []) + list(first.values())}
    return list(shown.values())


def first_images(session: Session, item_ids: list[int]) -> dict[int, Media]:
    """{item id: its first image} for the items that have one."""
    query = select(Media).where(Media.item_id.in_(item_ids), Media.media_type == "image")
    found: dict[int, Media] = {}
    for media in session.scalars(query.order_by(Media.position, Media.id)):
        found.setdefault(media.item_id, media)
    return found


def _stop_name(tour: Tour, stop: TourStop) -> str:
    return f"{stop.position + 1}. {stop_title(stop, tour.language)}"


def _has_alt(media: Media) -> bool:
    return any(text.strip() for text in (media.alt_texts or {}).values())


def _names(names: list[str]) -> str:
    return ", ".join(f"“{name}”" for name in names)


def stepped(tour: Tour, step: str) -> None:
    if step == "publish":
        tour.published_at = utcnow()


TOUR = register(
    RecordKind(
        name="tour",
        model=Tour,
        revision_model=TourRevision,
        owner="tour_id",
        take=take,
        title=title,
        blockers=blockers,
        stepped=stepped,
        moved_on=_l("This tour is no longer in a state where this can be done: it is now “{status}”."),
        audited={"publish": "tour.publish", "send_back": "tour.send_back", "withdraw": "tour.withdraw"},
    )
)
