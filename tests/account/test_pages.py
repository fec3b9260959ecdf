"""The account pages: your account (sessions, tokens, password), reset links, and the administrators' accounts page."""

from datetime import timedelta

from sqlalchemy import select

from app.account import resets
from app.account.identity import SESSION_COOKIE
from app.account.models import ApiToken, LoginSession, User
from app.audit.models import AuditEvent
from tests.factories import PASSWORD, bearer, form, login, make_user
from tests.web.html import parse


def _actions(session) -> list[str]:
    return [event.action for event in session.scalars(select(AuditEvent).order_by(AuditEvent.id))]


def test_account_page_shows_name_role_sessions_and_tokens(client, session):
    user = make_user(session, "nadia", role="supervisor", display_name="Nadia Benali", email="nadia@example.org")
    login(client, user)
    doc = parse(client.get("/account?lang=en").text)
    facts = doc.find("dl", class_="account-facts").text
    assert "Nadia Benali" in facts and "Supervisor" in facts and "nadia@example.org" in facts
    assert "this browser" in doc.find("section", aria_labelledby="sessions-title").text


def test_a_token_is_shown_once_listed_by_its_prefix_and_works(client, session):
    user = make_user(session, role="curator")
    login(client, user)
    response = client.post("/account/tokens", data=form(client, name="scanner"))
    assert response.status_code == 201
    token = parse(response.text).find("input", id="new-token").get("value")
    assert token.startswith("vm_")
    page = client.get("/account").text
    assert token not in page and f"{token[:10]}…" in page
    stored = session.scalars(select(ApiToken)).one()
    assert stored.token_hash != token and stored.name == "scanner"
    client.cookies.clear()
    assert client.get("/api/v1/items", headers={"Authorization": f"Bearer {token}"}).status_code == 200
    assert "token.create" in _actions(session)


def test_a_token_needs_a_name(client, session):
    login(client, make_user(session))
    response = client.post("/account/tokens", data=form(client, name="  "))
    assert response.status_code == 400
    assert parse(response.text).find("input", id="token-name").get("aria-invalid") == "true"


def test_a_revoked_token_stops_working(client, session):
    user = make_user(session, role="curator")
    headers = bearer(session, user)
    login(client, user)
    token_id = session.scalars(select(ApiToken.id)).one()
    response = client.post(f"/account/tokens/{token_id}/revoke", data=form(client), follow_redirects=False)
    assert response.status_code == 303
    client.cookies.clear()
    refused = client.get("/api/v1/items", headers=headers)
    assert refused.status_code == 401 and refused.headers["www-authenticate"] == "Bearer"


def test_someone_elses_token_or_session_cannot_be_revoked(client, session):
    other = make_user(session)
    bearer(session, other)
    login(client, other)
    other_login = session.scalars(select(LoginSession)).one()
    client.cookies.clear()
    login(client, make_user(session))
    token_id = session.scalars(select(ApiToken.id)).one()
    assert client.post(f"/account/tokens/{token_id}/revoke", data=form(client)).status_code == 404
    assert client.post(f"/account/sessions/{other_login.id}/revoke", data=form(client)).status_code == 404
    assert other_login.revoked_at is None


def test_ending_another_session_keeps_this_one(client, session, settings):
    from app.account import sessions

    user = make_user(session)
    elsewhere = sessions.start(session, user, settings).login
    login(client, user)
    response = client.post(f"/account/sessions/{elsewhere.id}/revoke", data=form(client), follow_redirects=False)
    assert response.status_code == 303 and elsewhere.revoked_at is not None
    assert client.get("/account").status_code == 200


def test_ending_this_session_logs_out(client, session):
    user = make_user(session)
    login(client, user)
    this = session.scalars(select(LoginSession)).one()
    response = client.post(f"/account/sessions/{this.id}/revoke", data=form(client), follow_redirects=False)
    assert response.headers["location"] == "http://testserver/" and SESSION_COOKIE not in client.cookies


def test_changing_the_password_keeps_this_browser_logged_in(client, session):
    user = make_user(session)
    login(client, user)
    old_hash = user.password_hash
    response = client.post(
        "/account/password",
        data=form(client, current=PASSWORD, password="a brand new secret", confirm="a brand new secret"),
        follow_redirects=False,
    )
    assert response.status_code == 303 and user.password_hash != old_hash
    assert client.get("/account?done=password").status_code == 200
    assert "password.change" in _actions(session)


def test_password_errors_are_next_to_their_fields(client, session):
    login(client, make_user(session))
    response = client.post(
        "/account/password?lang=en", data=form(client, current="wrong", password="short", confirm="short")
    )
    assert response.status_code == 400
    doc = parse(response.text)
    assert doc.find("p", id="password-current-error").text == "This is not your current password."
    assert "at least 10 characters" in doc.find("p", id="password-new-error").text
    mismatch = client.post(
        "/account/password?lang=en",
        data=form(client, current=PASSWORD, password="long enough one", confirm="another one"),
    )
    assert parse(mismatch.text).find("p", id="password-confirm-error").text == "The two passwords are different."


def test_a_reset_link_sets_a_new_password_once(client, session, settings):
    user = make_user(session, "nadia")
    link = resets.create(session, user, settings)
    page = client.get(f"/account/reset/{link.token}?lang=en")
    assert page.status_code == 200 and "nadia" in page.text
    short = client.post(f"/account/reset/{link.token}", data=form(client, password="short", confirm="short"))
    assert short.status_code == 400 and parse(short.text).find("input", id="reset-password").get("aria-invalid")
    done = client.post(
        f"/account/reset/{link.token}",
        data=form(client, password="my new password", confirm="my new password"),
        follow_redirects=False,
    )
    assert done.status_code == 303 and done.headers["location"].endswith("/login?done=reset")
    assert client.get(f"/account/reset/{link.token}").status_code == 404
    again = client.post(f"/account/reset/{link.token}", data=form(client, password="x" * 12, confirm="x" * 12))
    assert again.status_code == 404
    assert "password.reset" in _actions(session)


def test_an_expired_or_unknown_link_is_a_clear_404(client, session, settings):
    link = resets.create(session, make_user(session), settings)
    link.reset.expires_at = link.reset.created_at - timedelta(seconds=1)
    session.flush()
    response = client.get(f"/account/reset/{link.token}?lang=en")
    assert response.status_code == 404 and "expired" in response.text
    assert client.get("/account/reset/nonsense").status_code == 404


def test_a_new_link_replaces_the_old_one(session, settings):
    user = make_user(session)
    first = resets.create(session, user, settings)
    resets.create(session, user, settings)
    assert resets.find(session, first.token) is None


# The administrators' accounts page.


def test_admin_adds_an_account_and_gets_its_password_link(client, session):
    login(client, make_user(session, role="admin"))
    response = client.post(
        "/workspace/users",
        data=form(client, name="Luca.Rossi", display_name="Luca Rossi", email="luca@example.org", role="curator"),
    )
    assert response.status_code == 201
    link = parse(response.text).find("input", id="reset-link").get("value")
    assert link.startswith("http://testserver/account/reset/")
    user = session.scalars(select(User).where(User.name == "luca.rossi")).one()
    assert (user.role, user.display_name, user.email, user.active) == (
        "curator",
        "Luca Rossi",
        "luca@example.org",
        True,
    )
    assert client.get(link.removeprefix("http://testserver")).status_code == 200


def test_bad_input_comes_back_with_the_message_and_what_was_typed(client, session):
    login(client, make_user(session, "boss", role="admin"))
    response = client.post(
        "/workspace/users?lang=en", data=form(client, name="boss", display_name="Typed", role="curator")
    )
    assert response.status_code == 400
    doc = parse(response.text)
    assert doc.find("p", id="add-name-error").text == "The login name “boss” is already taken."
    assert doc.find("input", id="add-display-name").get("value") == "Typed"
    bad_role = client.post("/workspace/users", data=form(client, name="new-one", role="wizard"))
    assert bad_role.status_code == 400 and parse(bad_role.text).find("p", id="add-role-error")


def test_admin_changes_a_role_and_deactivates_an_account(client, session):
    login(client, make_user(session, role="admin"))
    user = make_user(session, "nadia", role="curator")
    response = client.post("/workspace/users/nadia/role", data=form(client, role="supervisor"), follow_redirects=False)
    assert response.status_code == 303 and user.role == "supervisor"
    client.post("/workspace/users/nadia/active", data=form(client, active="0"))
    assert user.active is False
    client.post("/workspace/users/nadia/active", data=form(client, active="1"))
    assert user.active is True
    assert _actions(session)[-3:] == ["user.role", "user.deactivate", "user.activate"]
    role_event = session.scalars(select(AuditEvent).where(AuditEvent.action == "user.role")).one()
    assert role_event.details == {"from": "curator", "to": "supervisor"} and role_event.target_label == "nadia"


def test_the_last_administrator_cannot_be_demoted_or_deactivated(client, session):
    admin = make_user(session, "boss", role="admin")
    login(client, admin)
    for url, data in (
        ("/workspace/users/boss/role", {"role": "curator"}),
        ("/workspace/users/boss/active", {"active": "0"}),
    ):
        response = client.post(url + "?lang=en", data=form(client, **data))
        assert response.status_code == 400 and "last active administrator" in response.text
    assert (admin.role, admin.active) == ("admin", True)


def test_unknown_accounts_are_404(client, session):
    login(client, make_user(session, role="admin"))
    assert client.post("/workspace/users/ghost/role", data=form(client, role="curator")).status_code == 404
