"""Creating and editing exhibits from the workspace, each change a revision. Never commits."""

from sqlalchemy import delete, select
from sqlalchemy.orm import Session, selectinload

from app.agent import service as agent_service
from app.exhibit import blocks
from app.exhibit.models import Exhibit, ExhibitAgent, ExhibitItem
from app.exhibit.publishing import EXHIBIT
from app.item.kinds import DRAFT, IN_REVIEW
from app.item.models import Item
from app.media.models import Media
from app.publishing import revisions

EDITED = ("language", "titles", "summaries", "tags", "featured")
LOAD = (selectinload(Exhibit.cover), selectinload(Exhibit.credits).selectinload(ExhibitAgent.agent))


class SlugTaken(ValueError):
    """Another exhibit already has the slug."""


def load(session: Session, slug: str) -> Exhibit | None:
    """An exhibit in any state, with its cover and credits."""
    return session.scalars(select(Exhibit).where(Exhibit.slug == slug).options(*LOAD)).first()


def listing(session: Session) -> list[Exhibit]:
    """Every exhibit whatever its state, the last changed first."""
    return list(session.scalars(select(Exhibit).order_by(Exhibit.updated_at.desc(), Exhibit.id.desc())))


def in_review(session: Session) -> list[Exhibit]:
    """The exhibits waiting for a supervisor, the oldest change first."""
    query = select(Exhibit).where(Exhibit.status == IN_REVIEW).order_by(Exhibit.updated_at, Exhibit.id)
    return list(session.scalars(query))


def create(session: Session, values: dict, user, document: blocks.Document | None = None) -> Exhibit:
    """A new draft exhibit with `values` (slug, EDITED, optionally credits) and its first revision."""
    if session.scalar(select(Exhibit.id).where(Exhibit.slug == values["slug"])) is not None:
        raise SlugTaken(values["slug"])
    exhibit = Exhibit(slug=values["slug"], status=DRAFT, **{name: values[name] for name in EDITED if name in values})
    exhibit.cover = None
    exhibit.credits = []
    session.add(exhibit)
    session.flush()
    _set_credits(session, exhibit, values.get("credits", []))
    _set_document(session, exhibit, document or blocks.Document())
    session.flush()
    revisions.record(session, exhibit, user, revisions.CREATE, None)
    return exhibit


def update(session: Session, exhibit: Exhibit, values: dict, user, base: int):
    """Save `values` (EDITED and credits) over the exhibit edited from revision `base`; StaleEdit if someone
    saved since. None when nothing changed."""
    revisions.start_edit(session, EXHIBIT, exhibit.id, base)
    before = EXHIBIT.take(exhibit)
    for name in EDITED:
        if name in values:
            setattr(exhibit, name, values[name])
    if "credits" in values:
        _set_credits(session, exhibit, values["credits"])
    session.flush()
    return revisions.record(session, exhibit, user, revisions.EDIT, before)


def save_document(session: Session, exhibit: Exhibit, document: blocks.Document, user, base: int):
    """Replace the exhibit's pages and blocks, edited from revision `base`; StaleEdit if someone saved since."""
    revisions.start_edit(session, EXHIBIT, exhibit.id, base)
    before = EXHIBIT.take(exhibit)
    _set_document(session, exhibit, document)
    session.flush()
    return revisions.record(session, exhibit, user, revisions.EDIT, before)


def set_cover(session: Session, exhibit: Exhibit, media: Media | None, user, base: int):
    """Make `media` (an image of a catalog item, or None) the cover, as a revision; StaleEdit if someone saved since."""
    revisions.start_edit(session, EXHIBIT, exhibit.id, base)
    before = EXHIBIT.take(exhibit)
    exhibit.cover = media
    session.flush()
    return revisions.record(session, exhibit, user, revisions.EDIT, before)


def restore(session: Session, exhibit: Exhibit, number: int, user, base: int):
    """Bring back the values of revision `number` (its document, texts, credits and cover) as a new revision."""
    revisions.start_edit(session, EXHIBIT, exhibit.id, base)
    old = revisions.get(session, EXHIBIT, exhibit.id, number)
    if old is None:
        raise LookupError(number)
    before = EXHIBIT.take(exhibit)
    snapshot = old.snapshot
    for name in EDITED:
        if name in snapshot:
            setattr(exhibit, name, snapshot[name])
    _set_credits(session, exhibit, [tuple(credit) for credit in snapshot.get("credits", [])])
    _set_document(session, exhibit, blocks.load(snapshot.get("document") or {}))
    cover_id = snapshot.get("cover")
    exhibit.cover = session.get(Media, cover_id) if cover_id else None
    session.flush()
    return revisions.record(session, exhibit, user, revisions.RESTORE, before)


def _set_credits(session: Session, exhibit: Exhibit, credits: list[tuple[str, str]]) -> None:
    """Credit each (name, role) once, in order; a name is matched to an existing person by its slug."""
    existing = {(credit.agent_id, credit.role): credit for credit in exhibit.credits}
    kept: dict[tuple[int, str], ExhibitAgent] = {}
    for name, role in credits:
        agent = agent_service.get_or_create(session, name)
        session.flush()
        if (agent.id, role) not in kept:
            credit = existing.get((agent.id, role)) or ExhibitAgent(agent=agent, role=role)
            credit.position = len(kept)
            kept[(agent.id, role)] = credit
    exhibit.credits = list(kept.values())


def _set_document(session: Session, exhibit: Exhibit, document: blocks.Document) -> None:
    """Store the document, and the rows of the catalog items it shows (unknown identifiers have none)."""
    exhibit.document = blocks.dump(document)
    wanted = document.item_identifiers()
    ids = {
        identifier: item_id
        for identifier, item_id in session.execute(select(Item.identifier, Item.id).where(Item.identifier.in_(wanted)))
    }
    session.execute(delete(ExhibitItem).where(ExhibitItem.exhibit_id == exhibit.id))
    session.expire(exhibit, ["shown"])
    rows = [ids[identifier] for identifier in wanted if identifier in ids]
    session.add_all(ExhibitItem(exhibit_id=exhibit.id, item_id=item_id, position=n) for n, item_id in enumerate(rows))


def cover_choices(session: Session, exhibit: Exhibit, limit: int = 200) -> list[Media]:
    """The images of the items the exhibit shows, in the order they first appear (with their items)."""
    query = (
        select(Media)
        .join(ExhibitItem, ExhibitItem.item_id == Media.item_id)
        .where(ExhibitItem.exhibit_id == exhibit.id, Media.media_type == "image")
        .options(selectinload(Media.item))
        .order_by(ExhibitItem.position, Media.position, Media.id)
        .limit(limit)
    )
    return list(session.scalars(query))


def known_identifiers(session: Session, identifiers: list[str]) -> set[str]:
    """Those of `identifiers` that catalog items have."""
    return set(session.scalars(select(Item.identifier).where(Item.identifier.in_(identifiers))))


def images_of(session: Session, identifier: str | None) -> list[Media]:
    """The images of the item `identifier`, in the order a zoom block numbers them (none for an unknown item)."""
    if not identifier or not str(identifier).strip():
        return []
    query = select(Item).where(Item.identifier == str(identifier).strip()).options(selectinload(Item.media))
    item = session.scalars(query).first()
    return [media for media in item.media if media.media_type == "image"] if item else []
