"""What an exhibit's pages show, read in a fixed number of queries whatever the number of blocks.

`resolve` loads the catalog items the document shows (for visitors the published ones only), what
visitors may get of the interviews among them (app/interview/visitors.py: a withdrawn or sealed one
shows nothing, a moment's clip only while its content is public and outside its hidden ranges), and
the transcript cues of every moment block in one query. The templates then only read.
"""

import math
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import NamedTuple

from markupsafe import Markup
from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session, selectinload

from app.clock import utcnow
from app.exhibit import blocks, markdown, service
from app.exhibit.models import Exhibit
from app.interview import access, parts, recordings, visitors
from app.interview.models import WITHDRAWN, Cue
from app.interview.recordings import Recording
from app.item.kinds import PUBLISHED
from app.item.models import Item
from app.media.models import Media
from app.media.store import Store

MAP_HEIGHT = 60  # the map drawing's box is 100 x 60
MAP_MARGIN = 8
ClipKey = tuple[str, int, float, float]  # item identifier, part, start, end


class Point(NamedTuple):
    number: int
    x: float
    y: float


@dataclass(frozen=True)
class Clip:
    """A moment block's clip: the recording's browser copy and the transcript cues spoken in it."""

    recording: Recording | None
    cues: list[Cue]
    start: float
    end: float

    @property
    def fragment(self) -> str:
        """The media fragment that plays the clip only (`#t=start,end`)."""
        return f"#t={_seconds(self.start)},{_seconds(self.end)}"

    @property
    def t(self) -> str:
        """The item page's `t` parameter opening its player on the clip."""
        return f"{_seconds(self.start)}-{_seconds(self.end)}"


@dataclass
class Resolved:
    """An exhibit's document with everything its blocks show, ready for the templates."""

    exhibit: Exhibit
    document: blocks.Document
    items: dict[str, Item]
    clips: dict[ClipKey, Clip] = field(default_factory=dict)
    unpublished: list[tuple[str, str | None]] = field(default_factory=list)  # for a preview: (identifier, state)
    cover: Media | None = None

    made: dict[tuple, Markup] = field(default_factory=dict)
    makers: dict[str, Callable[..., Markup]] = field(default_factory=dict)

    def use(self, **makers: Callable[..., Markup]) -> str:
        """Take the template's macros that write an item's line, picture and timeline entry (exhibits/_blocks.html)."""
        self.makers.update(makers)
        return ""

    def once(self, key: tuple, make: Callable[..., Markup], *args: object) -> Markup:
        """`make(*args)`, made once per page: an item shown by several blocks is written out once."""
        if key not in self.made:
            self.made[key] = make(*args)
        return self.made[key]

    def line(self, item: Item) -> Markup:
        """The item's title linked to it, where and when."""
        return self.once(("line", item.identifier), self.makers["line"], item)

    def picture(self, item: Item, sizes: str) -> Markup:
        """The item's first image linked to it (a designed card when it has none)."""
        media = self.image(item)
        if media is None:
            return self.once(("card", item.identifier), self.makers["card"], item)
        return self.once(("image", item.identifier, sizes), self.makers["picture"], item, media, sizes)

    def entry(self, item: Item) -> Markup:
        """The item's date and title, as a timeline lists it."""
        return self.once(("entry", item.identifier), self.makers["entry"], item)

    def item(self, identifier: str | None) -> Item | None:
        return self.items.get(identifier) if identifier else None

    def shown(self, identifiers: Iterable[str]) -> list[Item]:
        """The items of a list that can be shown, in order."""
        return [self.items[i] for i in identifiers if i in self.items]

    def clip(self, block: blocks.MomentBlock) -> Clip | None:
        return self.clips.get(_clip_key(block))

    def markdown(self, source: str) -> Markup:
        return markdown.to_html(source)

    def by_date(self, identifiers: Iterable[str]) -> list[Item]:
        """A timeline's items, the oldest first (undated ones last, in the author's order)."""
        items = self.shown(identifiers)
        return sorted(items, key=lambda i: (i.date_earliest is None, i.date_earliest or 0, i.date_latest or 0))

    def located(self, identifiers: Iterable[str]) -> list[tuple[int, float, float]]:
        """(number in the map's list, latitude, longitude) of a map's items that have a point."""
        return [(n, *where) for n, item in enumerate(self.shown(identifiers), 1) if (where := _where(item))]

    def map_points(self, identifiers: Iterable[str]) -> list[Point]:
        """A map's located items drawn in a 100 x MAP_HEIGHT box, north up, numbered as the map's list."""
        located = self.located(identifiers)
        if not located:
            return []
        lats, lons = [p[1] for p in located], [p[2] for p in located]
        # Degrees of longitude are shorter than degrees of latitude away from the equator.
        squeeze = math.cos(math.radians(sum(lats) / len(lats)))
        wide = max((max(lons) - min(lons)) * squeeze, 1e-9)
        high = max(max(lats) - min(lats), 1e-9)
        scale = min((100 - 2 * MAP_MARGIN) / wide, (MAP_HEIGHT - 2 * MAP_MARGIN) / high)
        mid_lon, mid_lat = (max(lons) + min(lons)) / 2, (max(lats) + min(lats)) / 2
        return [
            Point(
                n, round(50 + (lon - mid_lon) * squeeze * scale, 2), round(MAP_HEIGHT / 2 - (lat - mid_lat) * scale, 2)
            )
            for n, lat, lon in located
        ]

    MAP_HEIGHT = MAP_HEIGHT

    @staticmethod
    def image(item: Item, number: int = 1) -> Media | None:
        """The item's `number`th image (1: the first), or None."""
        images = [m for m in item.media if m.media_type == "image"]
        return images[number - 1] if 0 < number <= len(images) else None


def _where(item: Item) -> tuple[float, float] | None:
    """The item's coordinates: its own, else its place's."""
    if item.latitude is not None and item.longitude is not None:
        return item.latitude, item.longitude
    if item.place is not None and item.place.latitude is not None and item.place.longitude is not None:
        return item.place.latitude, item.place.longitude
    return None


def resolve(
    session: Session,
    exhibit: Exhibit,
    store: Store,
    *,
    keys: list[str] | None = None,
    visitors_only: bool = True,
    today: date | None = None,
) -> Resolved:
    """The exhibit's document with the items and clips of its pages `keys` (all of them by default): for visitors
    (`visitors_only`) what they may see; for the staff's preview the items in any state, each shown as it will be
    once published, and the exhibit's items that are not published yet."""
    today = today or utcnow().date()
    document = blocks.load(exhibit.document)
    pages = [page for page in document.pages if keys is None or page.key in keys]
    every = _items(session, [block for page in pages for block in page.blocks])
    # Only interviews (and items with recordings) have rules of their own; every other item is public as it is.
    oral = [item.id for item in every.values() if item.kind == "interview" or parts.recordings(item.media)]
    views = visitors.views(session, oral, today) if oral else defaultdict(visitors.PublicView)
    public = {key: item for key, item in every.items() if views[item.id].level != WITHDRAWN}
    if visitors_only:
        public = {k: i for k, i in public.items() if i.status == PUBLISHED and views[i.id].details}
    resolved = Resolved(exhibit, document, public)
    resolved.unpublished = [] if visitors_only else unpublished(session, document)
    resolved.clips = _clips(session, pages, public, views, store)
    resolved.cover = cover(session, exhibit, visitors_only=visitors_only)
    return resolved


def _items(session: Session, shown: list[blocks.Block]) -> dict[str, Item]:
    """{identifier: item} of every item the blocks show, in any state, with what blocks show of them: their
    place and media (not the credits the catalog's lists load: no block shows them)."""
    wanted = list(dict.fromkeys(identifier for block in shown for identifier in block.items()))
    if not wanted:
        return {}
    query = select(Item).where(Item.identifier.in_(wanted)).options(selectinload(Item.place), selectinload(Item.media))
    return {item.identifier: item for item in session.scalars(query)}


def unpublished(session: Session, document: blocks.Document) -> list[tuple[str, str | None]]:
    """(identifier, state) of the items the document shows that visitors cannot see yet (state None: no such item)."""
    wanted = document.item_identifiers()
    if not wanted:
        return []
    found = dict(session.execute(select(Item.identifier, Item.status).where(Item.identifier.in_(wanted))).all())
    return [(identifier, found.get(identifier)) for identifier in wanted if found.get(identifier) != PUBLISHED]


def cover(session: Session, exhibit: Exhibit, *, visitors_only: bool = True) -> Media | None:
    """The exhibit's cover image (its `cover` loaded), for visitors only while its item is published."""
    if exhibit.cover is None or not visitors_only:
        return exhibit.cover
    return exhibit.cover if exhibit.cover.id in covers_shown(session, [exhibit]) else None


def covers_shown(session: Session, exhibits: list[Exhibit]) -> set[int]:
    """The ids of the exhibits' covers visitors may see (their items are published), in one query."""
    ids = [e.cover_media_id for e in exhibits if e.cover_media_id is not None]
    if not ids:
        return set()
    query = select(Media.id).join(Item, Item.id == Media.item_id).where(Media.id.in_(ids), Item.status == PUBLISHED)
    return set(session.scalars(query))


def _clips(session: Session, pages: list[blocks.Page], items: dict[str, Item], views, store: Store) -> dict:
    """Every moment block's clip whose content visitors may hear, with its visible cues (one query for all)."""
    moments = [b for p in pages for b in p.blocks if isinstance(b, blocks.MomentBlock) and b.item in items]
    moments = [b for b in moments if views[items[b.item].id].content]
    if not moments:
        return {}
    ranges = [
        and_(Cue.item_id == items[b.item].id, Cue.start_seconds < b.end, Cue.end_seconds > b.start) for b in moments
    ]
    cues = list(session.scalars(select(Cue).where(or_(*ranges)).order_by(Cue.item_id, Cue.position)))
    return {_clip_key(b): _clip(b, items[b.item], cues, views[items[b.item].id], store) for b in moments}


def _clip(block: blocks.MomentBlock, item: Item, cues: list[Cue], view, store: Store) -> Clip:
    sounds = parts.recordings(item.media)
    mine = [c for c in cues if c.item_id == item.id and c.start_seconds is not None and c.end_seconds is not None]
    mine = [c for c in mine if c.start_seconds < block.end and c.end_seconds > block.start]  # type: ignore[operator]
    mine = parts.of_part(mine, block.part, sounds)
    recording = recordings.describe(store, sounds[block.part - 1]) if block.part <= len(sounds) else None
    return Clip(recording, access.visible_cues(mine, view.hidden), block.start, block.end)


def _clip_key(block: blocks.MomentBlock) -> ClipKey:
    return (block.item, block.part, block.start, block.end)


def _seconds(value: float) -> str:
    return f"{value:.3f}".rstrip("0").rstrip(".")


def for_home(session: Session) -> tuple[Exhibit | None, Exhibit | None]:
    """The home page's exhibits: the newest published one, and the featured one when it is another."""
    newest = session.scalars(_published_first().limit(1)).first()
    featured = session.scalars(_published_first().where(Exhibit.featured.is_(True)).limit(1)).first()
    return newest, featured if featured is not newest else None


def _published_first():
    query = select(Exhibit).where(Exhibit.status == PUBLISHED).options(*service.LOAD)
    return query.order_by(Exhibit.published_at.desc(), Exhibit.id.desc())
