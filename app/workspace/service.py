"""Creating and editing items from the workspace, recording a revision of every change. Never commits."""

import secrets

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.agent import service as agent_service
from app.agent.models import Agent
from app.collection.models import Collection, CollectionItem
from app.collection.service_write import next_position
from app.item import service as item_service
from app.item.kinds import DRAFT
from app.item.models import Item, ItemAgent, ItemSubject
from app.place import service as place_service
from app.revision import service as revision_service
from app.revision import snapshot
from app.revision.models import ItemRevision
from app.slugs import slugify, sort_key
from app.subject import service as subject_service
from app.subject.models import Subject
from app.workspace.forms import TEXTS


class StaleEdit(Exception):
    """Someone saved the item after the version the edit started from."""

    def __init__(self, revisions: list[ItemRevision]) -> None:
        super().__init__("stale edit")
        self.revisions = revisions


class IdentifierTaken(ValueError):
    """Another item already has the identifier."""


def load(session: Session, identifier: str) -> Item | None:
    """An item in any state with everything the workspace shows of it."""
    return item_service.get_with_details(session, identifier)


def collection_slugs(session: Session) -> set[str]:
    return set(session.scalars(select(Collection.slug)))


def collections(session: Session) -> list[Collection]:
    """Every collection, in the order of the collections page."""
    return list(session.scalars(select(Collection).order_by(Collection.position, Collection.slug)))


def create(session: Session, values: dict, user) -> Item:
    """A new draft item with `values`, and its first revision."""
    identifier = values.get("identifier") or _new_identifier(session)
    if item_service.get_by_identifier(session, identifier) is not None:
        raise IdentifierTaken(identifier)
    item = Item(identifier=identifier, status=DRAFT, kind=values["kind"], titles={}, descriptions={})
    item.place = None
    item.credits, item.subject_links, item.collection_links, item.media = [], [], [], []
    session.add(item)
    apply(session, item, values)
    session.flush()
    revision_service.record(session, item, user, revision_service.CREATE, None)
    return item


def _new_identifier(session: Session) -> str:
    while True:
        identifier = f"VIL-{secrets.token_hex(4).upper()}"
        if item_service.get_by_identifier(session, identifier) is None:
            return identifier


def update(session: Session, item: Item, values: dict, user, base: int) -> ItemRevision | None:
    """Save `values` over the item edited from revision `base`; StaleEdit if someone saved since."""
    revision_service.lock(session, item.id)
    if revision_service.latest_number(session, item.id) != base:
        raise StaleEdit(revision_service.since(session, item.id, base))
    before = snapshot.take(item)
    apply(session, item, values)
    session.flush()
    return revision_service.record(session, item, user, revision_service.EDIT, before)


def apply(session: Session, item: Item, values: dict) -> None:
    """Set the item's catalog fields and relations from clean values (see forms.validate)."""
    for name in snapshot.FIELDS:
        if name in values:
            setattr(item, name, values[name])
    for name in TEXTS:
        if name != "place" and name in values:
            setattr(item, name, values[name])
    title = item.titles.get(item.language) or next(iter(item.titles.values()), item.identifier)
    item.sort_title = sort_key(title)
    if "place" in values:
        item.place = place_service.get_or_create(session, values["place"]) if values["place"] else None
    if "credits" in values:
        _set_credits(session, item, values["credits"])
    if "subjects" in values:
        _set_subjects(session, item, values["subjects"])
    if "collections" in values:
        _set_collections(session, item, values["collections"])


def _set_credits(session: Session, item: Item, credits: list[tuple[str, str]]) -> None:
    agents = _by_name(session, Agent, agent_service.ensure_ids, [name for _role, name in credits])
    existing = {(credit.role, credit.agent_id): credit for credit in item.credits}
    wanted = []
    for position, (role, name) in enumerate(credits):
        agent = agents.get(slugify(name))
        if agent is None:
            continue  # a name without a letter or digit names nobody
        credit = existing.get((role, agent.id)) or ItemAgent(role=role, agent=agent, agent_id=agent.id)
        if credit in wanted:
            continue
        credit.position = position
        wanted.append(credit)
    item.credits = wanted


def _by_name(session: Session, model: type, ensure_ids, names: list[str]) -> dict:
    """The rows of these names by slug, the missing ones created: two queries, whatever the number of names."""
    ids: dict[str, int | None] = {}
    ensure_ids(session, names, ids)
    rows = session.scalars(select(model).where(model.id.in_([i for i in ids.values() if i is not None])))
    return {row.slug: row for row in rows}


def _set_subjects(session: Session, item: Item, names: list[str]) -> None:
    found = _by_name(session, Subject, subject_service.ensure_ids, names)
    subjects = [found[slug] for slug in (slugify(name) for name in names) if slug in found]
    existing = {link.subject_id: link for link in item.subject_links}
    links = []
    for position, subject in enumerate(dict.fromkeys(subjects)):
        link = existing.get(subject.id) or ItemSubject(subject=subject, subject_id=subject.id)
        link.position = position
        links.append(link)
    item.subject_links = links


def _set_collections(session: Session, item: Item, slugs: list[str]) -> None:
    existing = {link.collection.slug: link for link in item.collection_links}
    found = {c.slug: c for c in session.scalars(select(Collection).where(Collection.slug.in_(slugs)))}
    links = []
    for slug in slugs:
        if slug in existing:
            links.append(existing[slug])
        elif slug in found:
            links.append(CollectionItem(collection=found[slug], position=_end_of(session, found[slug])))
    item.collection_links = links


def _end_of(session: Session, collection: Collection) -> int:
    return next_position(session, collection.id, {})


def restore(session: Session, item: Item, revision: ItemRevision, user, base: int) -> ItemRevision | None:
    """Put the catalog fields of an earlier revision back, as a new revision (the status stays)."""
    revision_service.lock(session, item.id)
    if revision_service.latest_number(session, item.id) != base:
        raise StaleEdit(revision_service.since(session, item.id, base))
    before = snapshot.take(item)
    apply(session, item, _values_of(revision.snapshot))
    session.flush()
    comment = f"#{revision.number}"
    return revision_service.record(session, item, user, revision_service.RESTORE, before, comment)


def _values_of(saved: dict) -> dict:
    values = {name: saved.get(name) for name in snapshot.FIELDS}
    values["titles"], values["descriptions"] = saved.get("titles") or {}, saved.get("descriptions") or {}
    values["place"] = saved.get("place")
    values["credits"] = [tuple(row) for row in saved.get("credits") or []]
    values["subjects"] = list(saved.get("subjects") or [])
    values["collections"] = list(saved.get("collections") or [])
    return values
