"""CSRF: every non-GET route of the app refuses a request without a valid token, and one from another site."""

from app.account.csrf import HEADER, SEED_COOKIE
from app.account.identity import SESSION_COOKIE
from app.account.permissions import PERMISSIONS
from app.account.roles import EVERY_ROLE, VISITOR
from app.i18n import LANGUAGE_COOKIE
from app.item.kinds import DRAFT
from tests.account.routes import BODIES, app_routes, params_for, snapshot, states_of
from tests.factories import bearer, csrf_token, form, login, make_item, make_user

FOREIGN = "https://evil.example"


def _writes(app):
    return [route for route in app_routes(app) if not route.methods & {"GET", "HEAD", "OPTIONS"}]


def _allowed(rule):
    """A role and a state in which the route is allowed, so that only CSRF can refuse it."""
    return next((role, state) for state in states_of(rule.target) for role in EVERY_ROLE if rule.allows(role, state))


def _attempts(client, token: str):
    """Name -> (extra data, headers) of each forged request."""
    return {
        "no token": ({}, {}),
        "wrong token": ({"csrf_token": "0" * 64}, {}),
        "foreign Origin": ({"csrf_token": token}, {"Origin": FOREIGN}),
        "foreign Referer": ({"csrf_token": token}, {"Referer": f"{FOREIGN}/page"}),
        "null Origin": ({"csrf_token": token}, {"Origin": "null"}),
    }


def test_every_write_route_refuses_forged_requests_and_stores_nothing(app, client, session, settings, figures):
    checked, failures = 0, []
    for route in _writes(app):
        rule = PERMISSIONS[route.name]
        role, state = _allowed(rule)
        actor = make_user(session, role=role) if role != VISITOR else None
        client.cookies.clear()
        if actor is not None:
            login(client, actor)
        path = route.path.format(**params_for(route, rule, session, settings, state, actor))
        for attempt, (data, headers) in _attempts(client, csrf_token(client)).items():
            before = snapshot(session)
            response = client.request(
                route.method,
                path,
                data=data,
                headers=headers | {"Accept-Language": "en"},
                follow_redirects=False,
                **BODIES.get(route.name, dict)(),
            )
            checked += 1
            message = response.text
            if response.status_code != 403 or ("another site" not in message and "has expired" not in message):
                failures.append(f"{route.name} {path}, {attempt}: {response.status_code}")
            elif snapshot(session) != before:
                failures.append(f"{route.name} {path}, {attempt}: something was stored")
    figures.append(f"CSRF: {len(_writes(app))} non-GET routes, {checked} forged requests, {len(failures)} accepted")
    assert _writes(app) and not failures, "\n".join(failures)


def test_the_same_requests_with_the_token_go_through(client, session):
    response = client.post("/language", data=form(client, lang="de", next="/items"), follow_redirects=False)
    assert response.status_code == 303 and response.cookies[LANGUAGE_COOKIE] == "de"


def test_the_token_may_come_in_a_header_for_scripts(client):
    token = csrf_token(client)
    response = client.post("/language", data={"lang": "en"}, headers={HEADER: token}, follow_redirects=False)
    assert response.status_code == 303


def test_a_same_site_origin_is_accepted(client):
    response = client.post(
        "/language",
        data=form(client, lang="en"),
        follow_redirects=False,
        headers={"Origin": "http://testserver", "Referer": "http://testserver/items"},
    )
    assert response.status_code == 303


def test_the_refusal_is_translated(client):
    response = client.post("/language", data={"lang": "en"}, headers={"Accept-Language": "de"})
    assert response.status_code == 403
    assert "Dieses Formular ist abgelaufen" in response.text


def test_pages_give_the_token_in_forms_and_a_meta_tag_and_set_the_seed_cookie(client):
    response = client.get("/")
    seed = response.cookies[SEED_COOKIE]
    assert seed
    set_cookie = response.headers["set-cookie"].lower()
    assert "httponly" in set_cookie and "samesite=lax" in set_cookie
    token = csrf_token(client)
    assert f'name="csrf_token" value="{token}"' in response.text
    assert f'<meta name="csrf-token" content="{token}">' in response.text
    assert SEED_COOKIE not in client.get("/about").cookies  # given once


def test_a_token_from_before_login_no_longer_works_after(client, session):
    before = csrf_token(client)
    login(client, make_user(session, role="curator"))
    assert client.post("/language", data={"csrf_token": before, "lang": "de"}).status_code == 403
    assert client.post("/language", data=form(client, lang="de"), follow_redirects=False).status_code == 303


def test_token_authenticated_api_calls_need_no_csrf_token_but_not_from_another_site(client, session):
    make_item(session, identifier="CSRF-1", status=DRAFT)
    headers = bearer(session, make_user(session, role="curator"))
    photo = BODIES["api.media.create"]()["files"]
    response = client.post("/api/v1/items/CSRF-1/media", files=photo, headers=headers)
    assert response.status_code == 201
    foreign = client.post("/api/v1/items/CSRF-1/media", files=photo, headers=headers | {"Origin": FOREIGN})
    assert foreign.status_code == 403
    assert foreign.headers["content-type"] == "application/problem+json"


def test_a_session_cookie_alone_does_not_make_an_api_write(client, session):
    make_item(session, identifier="CSRF-2", status=DRAFT)
    login(client, make_user(session, role="curator"))
    response = client.post("/api/v1/items/CSRF-2/media", files=BODIES["api.media.create"]()["files"])
    assert response.status_code == 403 and client.cookies.get(SESSION_COOKIE)
