"""Small builders for rows in tests (flushed, never committed): catalog, accounts, and logged-in clients.

Accounts: `make_user(session, role="supervisor")`, `login(client, user)` (a session cookie on the
TestClient), `api_token(session, user)` / `bearer(session, user)` (API headers), and `csrf_token(client)` /
`form(client, field=...)` for POSTs that must carry a valid CSRF token.
"""

from functools import cache
from itertools import count

from sqlalchemy import select
from sqlalchemy.orm import Session, object_session

from app.agent.models import Agent
from app.collection.models import Collection, CollectionItem
from app.exhibit import blocks
from app.exhibit.models import Exhibit, ExhibitItem
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
    # Published unless told: the collections existing before the workflow were all public.
    values = {
        "slug": f"collection-{n}",
        "status": "published",
        "titles": {"fr": f"Collection {n}", "de": f"Sammlung {n}"},
    } | fields
    collection = Collection(**values)
    session.add(collection)
    session.flush()
    for position, item in enumerate(items):
        session.add(CollectionItem(collection_id=collection.id, item_id=item.id, position=position))
    session.flush()
    return collection


def make_exhibit(session: Session, items=(), *, pages=None, **fields):
    """An exhibit (published unless told) whose one page shows `items` in an item block each, or `pages` as given
    ([{"key": ..., "titles": ..., "blocks": [...]}]), with the rows of the items it shows."""
    n = next(_seq)
    if pages is None:
        pages = [
            {
                "key": "debut",
                "titles": {"fr": "Début"},
                "blocks": [{"type": "item", "item": i.identifier} for i in items],
            }
        ]
    document = blocks.load({"version": blocks.VERSION, "pages": pages})
    values = {
        "slug": f"exposition-{n}",
        "status": "published",
        "titles": {"fr": f"Exposition {n}", "de": f"Ausstellung {n}"},
        "summaries": {"fr": f"Une histoire {n}."},
        "document": blocks.dump(document),
    } | fields
    exhibit = Exhibit(**values)
    session.add(exhibit)
    session.flush()
    wanted = document.item_identifiers()
    ids = {
        identifier: item_id
        for identifier, item_id in session.execute(select(Item.identifier, Item.id).where(Item.identifier.in_(wanted)))
    }
    for position, identifier in enumerate(i for i in wanted if i in ids):
        session.add(ExhibitItem(exhibit_id=exhibit.id, item_id=ids[identifier], position=position))
    session.flush()
    return exhibit


def run_jobs(session: Session, settings) -> int:
    """Run the pending background jobs inside the test's transaction, as the worker would; returns how many."""
    from sqlalchemy import select

    from app.job import registry
    from app.job.models import DONE, PENDING, Job

    registry.load_handlers()
    context = registry.JobContext.from_settings(settings)
    jobs = session.scalars(select(Job).where(Job.status == PENDING).order_by(Job.id)).all()
    for job in jobs:
        registry.get(job.kind)(session, context, job.payload)
        job.status = DONE
    session.flush()
    return len(jobs)


# Accounts. A user's password is "password-for-tests" unless told otherwise; its Argon2 hash is made once.
PASSWORD = "password-for-tests"


@cache
def _password_hash(password: str) -> str:
    from app.account import passwords

    return passwords.hash_password(password)


def make_user(session: Session, name: str | None = None, role: str = "curator", **fields):
    """An active user with `role` (one of app.account.roles.ROLES); `password=` sets another password."""
    from app.account.models import User

    n = next(_seq)
    name = name or f"{role}-{n}"
    password = fields.pop("password", PASSWORD)
    values = {"display_name": name.replace("-", " ").title(), "password_hash": _password_hash(password)} | fields
    user = User(name=name, role=role, **values)
    session.add(user)
    session.flush()
    return user


def login(client, user, settings=None):
    """Log `user` in on `client` (a TestClient) without the login form: a session cookie is set; returns client."""
    from app.account import sessions
    from app.account.identity import SESSION_COOKIE

    started = sessions.start(object_session(user), user, settings or client.app.state.settings)
    client.cookies.set(SESSION_COOKIE, started.token, domain=_cookie_domain(client))
    return client


def _cookie_domain(client) -> str:
    """The domain the cookie jar files the app's cookies under ("testserver.local"), so responses can replace them."""
    host = client.base_url.host
    return host if "." in host else f"{host}.local"


def logout(client):
    """Forget the client's session cookie (the session itself stays open)."""
    from app.account.identity import SESSION_COOKIE

    client.cookies.delete(SESSION_COOKIE, domain=_cookie_domain(client))
    return client


def api_token(session: Session, user, name: str = "tests") -> str:
    """A new personal API token of `user`, for `Authorization: Bearer <token>`."""
    from app.account import api_tokens

    return api_tokens.create(session, user, name).token


def bearer(session: Session, user) -> dict:
    """Headers authenticating as `user` on the API."""
    return {"Authorization": f"Bearer {api_token(session, user)}"}


def csrf_token(client) -> str:
    """The CSRF token a page would give this client now (its seed cookie is set when missing)."""
    from app.account import csrf
    from app.account.identity import SESSION_COOKIE

    seed = client.cookies.get(csrf.SEED_COOKIE)
    if not seed:
        seed = "test-seed"
        client.cookies.set(csrf.SEED_COOKIE, seed, domain=_cookie_domain(client))
    return csrf.token_for_cookies(client.app.state.secret_key, seed, client.cookies.get(SESSION_COOKIE))


def form(client, **fields) -> dict:
    """Form fields with the client's CSRF token added, for `client.post(url, data=form(client, ...))`."""
    return {"csrf_token": csrf_token(client)} | fields
