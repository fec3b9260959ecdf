"""GET requests never change state: every GET route, called with real objects as an administrator and as a
visitor, leaves every row of every table as it was."""

from sqlalchemy import delete

from app.account.permissions import PERMISSIONS, PUBLISHED
from app.audit.models import AuditEvent
from app.db import rowcount
from app.exhibit import pdf
from app.job.models import Job
from tests.account.routes import app_routes, params_for, snapshot
from tests.factories import login, logout, make_user


def test_get_requests_never_change_state(app, client, session, settings, figures):
    paths = [
        route.path.format(**params_for(route, PERMISSIONS[route.name], session, settings, PUBLISHED, None))
        for route in app_routes(app)
        if "GET" in route.methods
    ]
    admin = make_user(session, role="admin")
    login(client, admin)
    session.commit()  # what the set-up wrote is committed first, as its request would (item tiers: at commit)
    before = snapshot(session)
    for path in paths:
        client.get(path, follow_redirects=False)
    logout(client)
    for path in paths:
        client.get(path, follow_redirects=False)
    # The one write a GET makes on purpose: hearing an interview through a private link is audited.
    heard = session.execute(delete(AuditEvent).where(AuditEvent.action == "interview.listened"))
    assert rowcount(heard) == 2
    # And asking for an exhibit's PDF before it is made enqueues the job that makes it (once).
    booklets = session.execute(delete(Job).where(Job.kind == pdf.JOB))
    assert rowcount(booklets) == 1
    changed = [name for name, rows in snapshot(session).items() if rows != before[name]]
    figures.append(f"GET requests: {2 * len(paths)} made, {len(changed)} tables changed")
    assert not changed
