"""Small builders for catalog rows in tests (flushed, never committed)."""

from itertools import count

from sqlalchemy.orm import Session

from app.agent.models import Agent
from app.collection.models import Collection, CollectionItem
from app.item.kinds import PUBLISHED
from app.item.models import Item, ItemAgent, ItemSubject
from app.place.models import Place
from app.subject.models import Subject

_seq = count(1)


def make_item(session: Session, **fields) -> Item:
    """A published French building unless told otherwise."""
    n = next(_seq)
    title = fields.pop("title", f"Maison ouvrière {n}")
    values = {"identifier": f"TEST-{n:05d}", "kind": "building", "status": PUBLISHED, "language": "fr"} | fields
    values.setdefault("titles", {values["language"]: title})
    values.setdefault("sort_title", next(iter(values["titles"].values())).casefold())
    item = Item(**values)
    session.add(item)
    session.flush()
    return item


def make_agent(session: Session, name: str | None = None) -> Agent:
    n = next(_seq)
    agent = Agent(name=name or f"Personne {n}", slug=f"personne-{n}")
    session.add(agent)
    session.flush()
    return agent


def credit(session: Session, item: Item, agent: Agent, role: str = "creator", position: int = 0) -> None:
    session.add(ItemAgent(item_id=item.id, agent_id=agent.id, role=role, position=position))
    session.flush()


def tag(session: Session, item: Item, name: str, position: int = 0) -> Subject:
    n = next(_seq)
    subject = Subject(name=name, slug=f"sujet-{n}")
    session.add(subject)
    session.flush()
    session.add(ItemSubject(item_id=item.id, subject_id=subject.id, position=position))
    session.flush()
    return subject


def make_place(session: Session, name: str = "Villerupt", **coords) -> Place:
    n = next(_seq)
    place = Place(name=name, slug=f"lieu-{n}", **coords)
    session.add(place)
    session.flush()
    return place


def make_collection(session: Session, items=(), **fields) -> Collection:
    n = next(_seq)
    values = {"slug": f"collection-{n}", "titles": {"fr": f"Collection {n}", "de": f"Sammlung {n}"}} | fields
    collection = Collection(**values)
    session.add(collection)
    session.flush()
    for position, item in enumerate(items):
        session.add(CollectionItem(collection_id=collection.id, item_id=item.id, position=position))
    session.flush()
    return collection


def run_jobs(session: Session, settings) -> int:
    """Run the pending background jobs inside the test's transaction, as the worker would; returns how many."""
    from sqlalchemy import select

    from app.job import registry
    from app.job.models import DONE, PENDING, Job

    registry.load_handlers()
    jobs = session.scalars(select(Job).where(Job.status == PENDING).order_by(Job.id)).all()
    for job in jobs:
        registry.get(job.kind)(session, settings, job.payload)
        job.status = DONE
    session.flush()
    return len(jobs)
