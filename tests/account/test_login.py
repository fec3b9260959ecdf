"""Logging in and out: cookies, sessions that expire and can be revoked, throttling, the audit trail."""

from datetime import timedelta

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from app.account import passwords
from app.account.identity import SESSION_COOKIE
from app.account.models import LoginSession, LoginThrottle
from app.audit.models import AuditEvent
from tests.factories import PASSWORD, form, login, make_user
from tests.web.html import parse


def _login(client, name, password=PASSWORD, **extra):
    return client.post("/login", data=form(client, name=name, password=password, **extra), follow_redirects=False)


def _actions(session) -> list[str]:
    return [event.action for event in session.scalars(select(AuditEvent).order_by(AuditEvent.id))]


def test_login_opens_a_session_and_goes_to_the_workspace(client, session):
    user = make_user(session, "nadia", role="curator", display_name="Nadia Benali")
    response = _login(client, "Nadia")
    assert response.status_code == 303 and response.headers["location"] == "http://testserver/workspace"
    cookie = response.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=lax" in cookie and "secure" not in cookie
    stored = session.scalars(select(LoginSession).where(LoginSession.user_id == user.id)).one()
    assert stored.token_hash != client.cookies[SESSION_COOKIE] and len(stored.token_hash) == 64
    page = parse(client.get("/account").text)
    assert "Nadia Benali" in page.find("nav", class_="account-nav").text
    assert _actions(session)[-1] == "login" and user.last_login_at is not None


def test_the_cookie_is_secure_over_https(app, session):
    make_user(session, "nadia")
    with TestClient(app, base_url="https://testserver") as client:
        assert "secure" in _login(client, "nadia").headers["set-cookie"].lower()


@pytest.mark.parametrize("proxies, secure", [("", False), ("testclient", True), ("*", True), ("10.0.0.1", False)])
def test_x_forwarded_proto_counts_only_from_a_trusted_proxy(request, session, settings, proxies, secure):
    settings.trusted_proxies = proxies
    client = request.getfixturevalue("client")  # the app is built with these settings
    make_user(session, "nadia")
    client.headers["X-Forwarded-Proto"] = "https"
    assert ("secure" in _login(client, "nadia").headers["set-cookie"].lower()) is secure


def test_login_goes_back_to_the_page_asked_for_but_never_off_site(client, session):
    make_user(session, "nadia")
    assert _login(client, "nadia", next="/workspace/audit").headers["location"] == "/workspace/audit"
    assert _login(client, "nadia", next="https://evil.example/").headers["location"] == "http://testserver/workspace"


def test_a_resident_without_the_workspace_lands_on_their_account_page(client, session):
    make_user(session, "mimi", role="contributor")
    assert _login(client, "mimi").headers["location"] == "http://testserver/account"


@pytest.mark.parametrize("lang, heading", [("de", "Arbeitsbereich"), ("en", "Workspace")])
def test_login_keeps_the_language_the_person_was_reading(client, session, lang, heading):
    make_user(session, "nadia", role="curator")
    form_page = parse(client.get(f"/login?lang={lang}").text)
    action = form_page.find("form", class_="stacked-form").get("action")
    assert action == f"http://testserver/login?lang={lang}"
    response = client.post(action, data=form(client, name="nadia", password=PASSWORD), follow_redirects=False)
    assert response.headers["location"] == "http://testserver/workspace"
    workspace = parse(client.get(response.headers["location"]).text)  # no ?lang=: the remembered choice
    assert workspace.find("html").get("lang") == lang
    assert workspace.find("h1").text == heading


def test_a_wrong_password_answers_in_the_language_of_the_form(client, session):
    make_user(session, "nadia")
    response = client.post("/login?lang=de", data=form(client, name="nadia", password="wrong"))
    assert response.status_code == 400 and parse(response.text).find("html").get("lang") == "de"
    assert "museum_lang" not in response.headers.get("set-cookie", "")


def test_a_page_that_needs_an_account_shows_the_login_form(client):
    response = client.get("/account?lang=en")
    assert response.status_code == 401
    doc = parse(response.text)
    assert doc.find("h1").text == "Log in" and "Log in to continue." in doc.text
    assert 'name="next" value="/account?lang=en"' in response.text


@pytest.mark.parametrize("name, password", [("nadia", "wrong password"), ("nobody", PASSWORD), ("", "")])
def test_a_wrong_name_or_password_is_one_message_and_the_name_is_kept(client, session, name, password):
    make_user(session, "nadia")
    response = _login(client, name, password, next="/account")
    assert response.status_code == 400
    doc = parse(response.text)
    assert doc.find(class_="field-error").text == "L’identifiant ou le mot de passe est incorrect."
    assert doc.find("input", id="login-name").get("value") == name
    assert doc.find("input", id="login-password").get("aria-invalid") == "true"
    assert SESSION_COOKIE not in client.cookies
    assert _actions(session)[-1] == "login.failed"


def test_a_deactivated_account_cannot_log_in(client, session):
    make_user(session, "nadia", active=False)
    assert _login(client, "nadia").status_code == 400


def test_logins_wait_after_repeated_failures_and_say_until_when(client, session, settings):
    make_user(session, "nadia")
    for _attempt in range(settings.login_max_failures - 1):
        assert _login(client, "nadia", "wrong").status_code == 400
    locked = _login(client, "nadia", "wrong")
    assert locked.status_code == 429 and locked.headers["retry-after"] == str(settings.login_lock_seconds)
    assert "Réessayez dans 15 secondes." in parse(locked.text).find(class_="form-error").text
    # From an address it never logged in from, even the right password waits, and the wait does not grow.
    assert _login(client, "nadia").status_code == 429
    rows = session.scalars(select(LoginThrottle).order_by(LoginThrottle.scope)).all()
    assert [(row.scope, row.failures) for row in rows] == [("address", 5), ("name", 5), ("pair", 5)]


def test_the_wait_doubles_with_each_further_failure_up_to_a_minute(client, session, settings):
    make_user(session, "nadia")
    for _attempt in range(settings.login_max_failures):
        _login(client, "nadia", "wrong")
    rows = session.scalars(select(LoginThrottle)).all()
    name_row = next(row for row in rows if row.scope == "name")
    first = name_row.locked_until - name_row.last_failure_at
    for row in rows:
        row.locked_until = row.last_failure_at  # the wait is over
    session.flush()
    response = _login(client, "nadia", "wrong")
    assert response.status_code == 429 and "30 secondes" in response.text
    assert name_row.locked_until - name_row.last_failure_at == 2 * first
    for _attempt in range(20):
        for row in rows:
            row.locked_until = row.last_failure_at
        session.flush()
        _login(client, "nadia", "wrong")
    assert name_row.failures == 26 and name_row.locked_until - name_row.last_failure_at == timedelta(minutes=1)


def test_failures_from_one_address_lock_every_name_from_it(client, session, settings):
    for n in range(settings.login_max_failures):
        _login(client, f"guess-{n}", "wrong")
    make_user(session, "nadia")
    assert _login(client, "nadia").status_code == 429


def test_a_successful_login_clears_the_names_count(client, session, settings):
    make_user(session, "nadia")
    for _attempt in range(settings.login_max_failures - 1):
        _login(client, "nadia", "wrong")
    assert _login(client, "nadia").status_code == 303
    assert session.scalars(select(LoginThrottle).where(LoginThrottle.scope != "address")).first() is None


def test_logout_ends_the_session_and_forgets_the_cookie(client, session):
    user = make_user(session)
    login(client, user)
    response = client.post("/logout", data=form(client), follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"] == "http://testserver/"
    assert SESSION_COOKIE not in client.cookies
    stored = session.scalars(select(LoginSession).where(LoginSession.user_id == user.id)).one()
    assert stored.revoked_at is not None
    assert _actions(session)[-1] == "logout"


def test_a_revoked_session_cookie_no_longer_works(client, session):
    user = make_user(session)
    login(client, user)
    cookie = client.cookies[SESSION_COOKIE]
    client.post("/logout", data=form(client))
    client.cookies.set(SESSION_COOKIE, cookie)
    assert client.get("/account").status_code == 401


@pytest.mark.parametrize("field, delta", [("last_seen_at", "idle"), ("expires_at", "lifetime")])
def test_sessions_expire_when_idle_and_after_their_lifetime(client, session, settings, field, delta):
    user = make_user(session)
    login(client, user)
    assert client.get("/account").status_code == 200
    stored = session.scalars(select(LoginSession).where(LoginSession.user_id == user.id)).one()
    if delta == "idle":
        stored.last_seen_at -= timedelta(minutes=settings.session_idle_minutes + 1)
    else:
        stored.expires_at = stored.created_at
    session.flush()
    assert client.get("/account").status_code == 401


def test_using_a_session_keeps_it_alive(client, session, settings):
    user = make_user(session)
    login(client, user)
    stored = session.scalars(select(LoginSession).where(LoginSession.user_id == user.id)).one()
    stored.last_seen_at -= timedelta(minutes=settings.session_idle_minutes - 1)
    session.flush()
    old = stored.last_seen_at
    assert client.get("/").status_code == 200
    session.refresh(stored)
    assert stored.last_seen_at > old
    assert client.get("/account").status_code == 200


@pytest.mark.parametrize("change", ["role", "deactivate", "password"])
def test_role_change_deactivation_and_new_password_end_the_sessions(client, session, change):
    from app.account import service

    user = make_user(session, role="curator")
    make_user(session, role="admin")
    login(client, user)
    assert client.get("/account").status_code == 200
    if change == "role":
        service.set_role(session, user, "contributor")
    elif change == "deactivate":
        service.set_active(session, user, False)
    else:
        service.set_password(session, user, "another long password")
    session.flush()
    assert client.get("/account").status_code == 401


def test_passwords_are_argon2_hashes_and_rehashed_when_parameters_change(client, session):
    from argon2 import PasswordHasher

    weak = PasswordHasher(time_cost=1, memory_cost=8192, parallelism=1).hash(PASSWORD)
    user = make_user(session, "nadia")
    user.password_hash = weak
    session.flush()
    assert passwords.needs_rehash(weak)
    assert _login(client, "nadia").status_code == 303
    assert user.password_hash != weak and user.password_hash.startswith("$argon2id$")
    assert not passwords.needs_rehash(user.password_hash)


def test_logging_in_again_replaces_this_browsers_session(client, session):
    user = make_user(session, "nadia")
    login(client, user)
    assert _login(client, "nadia").status_code == 303
    logins = session.scalars(
        select(LoginSession).where(LoginSession.user_id == user.id).order_by(LoginSession.id)
    ).all()
    assert [login.revoked_at is None for login in logins] == [False, True]


def test_the_password_check_holds_no_write_lock(tmp_path, migrated_sqlite_file, monkeypatch):
    """An Argon2 check takes about half a second: during it, other requests must be able to write."""
    import sqlite3

    from app.main import create_app
    from tests.migrate import settings_on_copy

    app = create_app(settings_on_copy(tmp_path, migrated_sqlite_file))
    with app.state.session_factory.begin() as session:
        make_user(session, "lock-test", role="curator")
    others_could_write = []
    real_verify = passwords.verify

    def verify(password_hash, password):
        other = sqlite3.connect(tmp_path / "museum.db", timeout=0, isolation_level=None)
        try:
            other.execute("BEGIN IMMEDIATE")
            other.execute("ROLLBACK")
            others_could_write.append(True)
        except sqlite3.OperationalError:
            others_could_write.append(False)
        finally:
            other.close()
        return real_verify(password_hash, password)

    monkeypatch.setattr(passwords, "verify", verify)
    with TestClient(app) as client:
        response = _login(client, "lock-test")
    assert response.status_code == 303
    assert others_could_write == [True]
