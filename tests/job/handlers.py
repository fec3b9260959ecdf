"""Handlers for the job tests. What they do lands in a test-only table, committed or not with the job."""

import threading

from sqlalchemy import Column, Integer, MetaData, String, Table, insert

from app.job.registry import handler

effects = Table(
    "job_test_effects",
    MetaData(),
    Column("id", Integer, primary_key=True),
    Column("n", Integer, nullable=False),
    Column("note", String(50)),
)


@handler("test.noop")
def noop(session, context, payload) -> None:
    pass


@handler("test.record")
def record(session, context, payload) -> None:
    session.execute(insert(effects).values(n=payload["n"], note=payload.get("note")))


@handler("test.record_then_fail")
def record_then_fail(session, context, payload) -> None:
    record(session, context, payload)
    raise RuntimeError(f"failed half-way through {payload['n']}")


@handler("test.fail")
def fail(session, context, payload) -> None:
    raise ValueError(payload.get("message", "always fails"))


# test.slow signals that it started, waits to be released (reset them before use), then records.
slow_started, slow_release = threading.Event(), threading.Event()


@handler("test.slow")
def slow(session, context, payload) -> None:
    slow_started.set()
    slow_release.wait(10)
    record(session, context, payload)
