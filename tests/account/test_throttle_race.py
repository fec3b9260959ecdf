"""Two failed logins for a new name at the same moment (PostgreSQL runs them side by side) share one count."""

from sqlalchemy import select

from app.account import throttle
from app.account.models import LoginThrottle


def test_a_count_created_meanwhile_by_another_request_is_used(session, settings, monkeypatch):
    throttle.failed(session, "alice", None, settings)  # the other request's count, already written
    real, missed = throttle._row, []

    def not_seen_yet(session, scope, key):  # this request looked before the other one wrote
        if not missed:
            missed.append(key)
            return None
        return real(session, scope, key)

    monkeypatch.setattr(throttle, "_row", not_seen_yet)
    throttle.failed(session, "alice", None, settings)
    rows = session.scalars(select(LoginThrottle).where(LoginThrottle.key == "alice")).all()
    assert missed == ["alice"] and [row.failures for row in rows] == [2]
