"""The demo museum, with records visitors may not see, exported once for the whole package."""

import dataclasses
import fcntl
import json
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.account.models import User
from app.config import Settings
from app.db import make_engine
from app.demo.service import load_demo
from app.interview.models import SEALED, WITHDRAWN, Interview
from app.item.kinds import DRAFT, IN_REVIEW
from app.item.kinds import WITHDRAWN as ITEM_WITHDRAWN
from app.main import create_app
from app.sitecopy.service import Report, export_site, visitor_settings
from tests.factories import make_item, make_user
from tests.migrate import upgrade

# Records that must stay out: (identifier, a word only their text holds).
HIDDEN = {
    "SC-DRAFT": "Zéphyrinbrouillon",
    "SC-REVIEW": "Quintilienrelecture",
    "SC-WITHDRAWN": "Barnabéretiré",
    "SC-SEALED": "Scellétémoignage",
    "SC-GONE": "Retiréentretien",
}


@dataclass(frozen=True)
class Site:
    """The exported copy and what the museum holds that must not be in it."""

    root: Path
    report: Report
    personal: list[str]


@pytest.fixture(scope="package")
def site(tmp_path_factory, worker_id) -> Site:
    """The copy, built once for the whole run: pytest-xdist's workers share one (the first to ask builds it, under a
    file lock, the others read what it wrote), as the tests only read it. Building it is some 35 s of work."""
    if worker_id == "master":  # not distributed
        return _build(tmp_path_factory.mktemp("sitecopy"))
    shared = tmp_path_factory.getbasetemp().parent / "sitecopy"
    built = shared / "site.json"
    with open(shared.with_suffix(".lock"), "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not built.is_file():
            shutil.rmtree(shared, ignore_errors=True)  # what a worker whose build failed left
            shared.mkdir()
            built.write_text(json.dumps(dataclasses.asdict(_build(shared)), default=str), encoding="utf-8")
    found = json.loads(built.read_text(encoding="utf-8"))
    return Site(Path(found["root"]), Report(**found["report"]), found["personal"])


def _build(folder: Path) -> Site:
    url = f"sqlite:///{folder / 'museum.db'}"
    upgrade(url)
    settings = Settings(
        database_url=url,
        media_dir=folder / "media",
        index_dir=folder / "index",
        run_worker=False,
        secret_key_file=folder / "secret_key",
        badge_key_file=folder / "badge_key.pem",
    )
    engine = make_engine(url)
    with Session(engine) as session:
        load_demo(session, settings)
        _hidden_records(session)
        session.commit()
        make_user(session, "sc-login-zoe", role="trainee", email="zoe.secret@example.org", display_name="Zoé S.")
        session.commit()
        personal = [value for row in session.execute(select(User.name, User.email)) for value in row if value]
    engine.dispose()
    report = export_site(
        create_app(visitor_settings(settings)), folder / "site", jobs=2, factory=create_app
    )  # the item pages in 2 processes
    return Site(folder / "site", report, personal)


def _hidden_records(session: Session) -> None:
    for identifier, status in (("SC-DRAFT", DRAFT), ("SC-REVIEW", IN_REVIEW), ("SC-WITHDRAWN", ITEM_WITHDRAWN)):
        make_item(
            session,
            identifier=identifier,
            status=status,
            title=f"Maison {HIDDEN[identifier]}",
            descriptions={"fr": HIDDEN[identifier]},
        )
    for identifier, access in (("SC-SEALED", SEALED), ("SC-GONE", WITHDRAWN)):
        item = make_item(
            session,
            identifier=identifier,
            kind="interview",
            title=f"Entretien {HIDDEN[identifier]}",
            descriptions={"fr": HIDDEN[identifier]},
        )
        session.add(Interview(item_id=item.id, access=access))
    session.flush()
