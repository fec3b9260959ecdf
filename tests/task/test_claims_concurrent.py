"""Two trainees claim the same task at the same moment: exactly one gets it. Each thread has its own session on
the real database file (or on PostgreSQL with MUSEUM_TEST_DATABASE_URL=postgresql://...), and commits for real."""

import os
import shutil
import threading
from collections.abc import Iterator

import pytest
from sqlalchemy import delete, select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, sessionmaker

from app.account.models import User
from app.db import make_engine, make_session_factory, writer
from app.task import claims
from app.task.models import CLAIMED, Task
from tests.factories import make_user

ROUNDS = 10


@pytest.fixture
def claim_engine(request, tmp_path) -> Iterator[Engine]:
    """A migrated SQLite file of its own, or the shared PostgreSQL test database (its rows removed after)."""
    if os.environ.get("MUSEUM_TEST_DATABASE_URL"):
        url = request.getfixturevalue("database_url")
    else:
        path = tmp_path / "claims.db"
        shutil.copyfile(request.getfixturevalue("migrated_sqlite_file"), path)
        url = f"sqlite:///{path}"
    engine = make_engine(url)
    yield engine
    with engine.begin() as connection:
        connection.execute(delete(Task).where(Task.title.like("Concurrent %")))
        connection.execute(delete(User).where(User.name.like("racer-%")))
    engine.dispose()


@pytest.fixture
def factory(claim_engine) -> sessionmaker[Session]:
    return make_session_factory(writer(claim_engine))


def _user(factory: sessionmaker[Session], user_id: int) -> User:
    """The user, read in a short transaction of its own (a writer's first statement would take the lock)."""
    with factory() as session:
        return session.get(User, user_id)


def _race(factory: sessionmaker[Session], task_id: int, user_ids: list[int]) -> list[bool]:
    barrier = threading.Barrier(len(user_ids))
    results: list[bool] = [False] * len(user_ids)

    def attempt(index: int) -> None:
        user = _user(factory, user_ids[index])
        with factory() as session:
            barrier.wait()  # the first statement (the claim) takes SQLite's write lock: nothing before it
            results[index] = claims.claim(session, task_id, user, minutes=30)
            session.commit()

    threads = [threading.Thread(target=attempt, args=(i,)) for i in range(len(user_ids))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return results


def test_two_trainees_claiming_at_once_one_wins(factory):
    with factory.begin() as session:
        users = [make_user(session, f"racer-{n}", role="curator").id for n in range(2)]
        tasks = [Task(type="catalogue_item", title=f"Concurrent {n}") for n in range(ROUNDS)]
        session.add_all(tasks)
        session.flush()
        task_ids = [task.id for task in tasks]
    for task_id in task_ids:
        results = _race(factory, task_id, users)
        assert sorted(results) == [False, True], results
        with factory() as session:
            task = session.get(Task, task_id)
            assert task.state == CLAIMED
            assert task.claimed_by_id == users[results.index(True)]


def test_next_task_gives_two_trainees_two_different_tasks(factory):
    with factory.begin() as session:
        users = [make_user(session, f"racer-next-{n}", role="curator").id for n in range(2)]
        session.add_all([Task(type="catalogue_item", title=f"Concurrent next {n}", difficulty=1) for n in range(2)])
    got: list[int | None] = [None, None]
    barrier = threading.Barrier(2)

    def take(index: int) -> None:
        user = _user(factory, users[index])
        with factory() as session:
            barrier.wait()
            task = claims.next_task(session, user, 30)
            got[index] = task.id if task else None
            session.commit()

    threads = [threading.Thread(target=take, args=(i,)) for i in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert None not in got and got[0] != got[1]
    with factory() as session:
        holders = session.scalars(select(Task.claimed_by_id).where(Task.title.like("Concurrent next %"))).all()
        assert sorted(holders) == sorted(users)
