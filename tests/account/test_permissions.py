"""The permission table (app/account/permissions.py) over every route × every role × every object state.

Each case builds the object in its state with the factories, calls the route over HTTP as that role
(a session cookie for pages, a personal token for /api/), and checks: allowed -> neither 401 nor 403
(nor a 404, except for routes that are 404 by design); refused -> exactly the refusal the rule gives
(401 for visitors, 403 for others, 404 where a hidden state is not to be revealed).
"""

from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager

import pytest

from app.account.models import User
from app.account.permissions import (
    DRAFT,
    IN_REVIEW,
    ITEM_STATES,
    ITEM_STEPS,
    PERMISSIONS,
    PUBLISHED,
    Rule,
    approval_state,
    published_only,
)
from app.account.roles import EVERY_ROLE, EVERYONE, STAFF, VISITOR
from tests.account.routes import ALWAYS_404, BODIES, BY_ACTOR, WORKSPACE, app_routes, params_for, share, states_of
from tests.factories import api_token, csrf_token, login, make_user


def test_every_route_of_the_app_has_a_rule(app):
    missing = sorted({route.name for route in app_routes(app)} - set(PERMISSIONS))
    assert not missing, f"routes missing from PERMISSIONS in app/account/permissions.py: {missing}"


def test_every_rule_names_a_route_of_the_app(app):
    assert not sorted(set(PERMISSIONS) - {route.name for route in app_routes(app)})


def test_a_route_missing_from_the_table_is_refused_to_everyone(app, client, session):
    @app.get("/unlisted")
    def unlisted():
        return {"secret": True}

    assert client.get("/unlisted").status_code == 401
    login(client, make_user(session, role="admin"))
    assert client.get("/unlisted").status_code == 403


@pytest.mark.parametrize(
    "rule, role, state, allowed, refusal",
    [
        (published_only("item"), VISITOR, PUBLISHED, True, None),
        (published_only("item"), VISITOR, DRAFT, False, 404),
        (published_only("item"), "admin", DRAFT, False, 404),
        (Rule(STAFF, states={DRAFT: STAFF}), VISITOR, DRAFT, False, 401),
        (Rule(STAFF, states={DRAFT: STAFF}), "contributor", DRAFT, False, 403),
        (Rule(STAFF, states={DRAFT: STAFF}), "curator", PUBLISHED, False, 403),
        (Rule(STAFF, states={DRAFT: STAFF}), "curator", DRAFT, True, None),
    ],
)
def test_rules_say_who_may_act_and_how_others_are_refused(rule, role, state, allowed, refusal):
    assert rule.allows(role, state) is allowed
    if not allowed:
        assert rule.refusal(role, state) == refusal


@pytest.mark.parametrize("role", EVERY_ROLE)
def test_approving_a_contribution_publishes_only_for_the_roles_that_may_publish(role):
    # Curators are trainees: their approval makes an item in review, as any of their work.
    may_publish = ITEM_STEPS["publish"].allows(role, IN_REVIEW)
    assert approval_state(role) == (PUBLISHED if may_publish else IN_REVIEW)
    if role == "curator":
        assert approval_state(role) == IN_REVIEW


def _credentials(session, client):
    """Per role: the cookies and headers that make a request that role's (one user per role)."""
    found = {VISITOR: ({}, {})}
    for role in EVERY_ROLE[1:]:
        user = make_user(session, f"harness-{role}", role=role)
        client.cookies.clear()
        login(client, user)
        found[role] = (dict(client.cookies), {"Authorization": f"Bearer {api_token(session, user)}"}, user.id)
    return found


def _call(client, route, path, role, credentials):
    client.cookies.clear()
    cookies, bearer, *_user = credentials[role] if role != VISITOR else ({}, {})
    api = path.startswith("/api/")
    headers = bearer if api and role != VISITOR else {}
    if not api or role == VISITOR:
        for name, value in cookies.items():
            client.cookies.set(name, value)
    body = BODIES.get(route.name, dict)()
    if route.method in ("GET", "HEAD", "OPTIONS"):
        return client.request(route.method, path, headers=headers, follow_redirects=False)
    data = body.pop("data", {}) | ({} if headers else {"csrf_token": csrf_token(client)})
    return client.request(route.method, path, headers=headers, data=data, follow_redirects=False, **body)


def _expected(route, rule: Rule, role: str, state, status: int) -> str | None:
    """None when the answer agrees with the rule, else what is wrong."""
    if rule.allows(role, state):
        # 503 is the search index being built in this test's empty folder: not a matter of permission.
        bad = status in (401, 403, 500) or (status == 404 and route.name not in ALWAYS_404)
        return f"allowed but answered {status}" if bad else None
    wanted = rule.refusal(role, state)
    return None if status == wanted else f"refused with {wanted} expected, answered {status}"


@contextmanager
def _rolled_back(session) -> Iterator[None]:
    """A savepoint rolled back on the way out, whatever happened inside."""
    savepoint = session.begin_nested()
    try:
        yield
    finally:
        savepoint.rollback()
        # Rows loaded inside are gone with it; a later case may reuse their ids.
        session.expunge_all()


def run_cases(app, client, session, settings, names=None) -> tuple[int, list[str]]:
    """Every (route, state, role) case of the routes named (all by default): how many, and the mismatches.

    The object of a (route, state) is built once and tried by every role, each request in a savepoint of its own
    (so no role sees another's changes), unless it depends on the actor (`BY_ACTOR`): building it was most of the
    time of these tests, five times over."""
    credentials = _credentials(session, client)
    cases, mismatches = 0, []
    for route in app_routes(app):
        if names is not None and route.name not in names:
            continue
        rule = PERMISSIONS[route.name]
        for state in states_of(rule.target):
            with _rolled_back(session):
                shared = None if rule.target in BY_ACTOR else params_for(route, rule, session, settings, state, None)
                for role in EVERY_ROLE:
                    with _rolled_back(session):
                        actor = session.get(User, credentials[role][2]) if role != VISITOR else None
                        params = (
                            shared if shared is not None else params_for(route, rule, session, settings, state, actor)
                        )
                        path = route.path.format(**params)
                        status = _call(client, route, path, role, credentials).status_code
                    cases += 1
                    if (problem := _expected(route, rule, role, state, status)) is not None:
                        mismatches.append(f"{route.name} {route.method} {path} as {role}, {state or '-'}: {problem}")
    return cases, mismatches


SHARES = 8


@pytest.fixture(scope="module")
def tally(figures) -> Iterator[Counter]:
    """Cases, routes and mismatches of this worker's shares, summed into one figure when the module is done."""
    counts: Counter = Counter()
    yield counts
    if counts["routes"]:
        figures.append(
            f"permission table: {counts['cases']} cases ({counts['routes']} routes outside the workspace × "
            f"{len(EVERY_ROLE)} roles × object states), {counts['mismatches']} mismatches"
        )


@pytest.mark.parametrize("number", range(SHARES))
def test_permission_table_over_every_route_role_and_state(app, client, session, settings, tally, number):
    # The workspace's routes are tried by tests/workspace/test_permissions.py, which runs beside this one.
    names = share({route.name for route in app_routes(app)} - WORKSPACE, number, SHARES)
    cases, mismatches = run_cases(app, client, session, settings, names=names)
    tally.update(cases=cases, routes=len(names), mismatches=len(mismatches))
    assert cases >= len(names) * len(EVERY_ROLE)  # every route, in each of its states, as every role
    assert not mismatches, "\n".join(mismatches)


def test_the_harness_catches_a_rule_the_views_do_not_follow(app, client, session, settings, monkeypatch):
    # A table that claimed drafts are public would not match the item page, which hides them.
    monkeypatch.setitem(PERMISSIONS, "item.detail", Rule(EVERYONE, target="item"))
    cases, mismatches = run_cases(app, client, session, settings, names={"item.detail"})
    assert cases == len(ITEM_STATES) * len(EVERY_ROLE)
    assert len(mismatches) == (len(ITEM_STATES) - 1) * len(EVERY_ROLE)
    assert all("allowed but answered 404" in mismatch for mismatch in mismatches)
