"""`museum users` against a database of its own: add, list, set-role, reset-password (printed or e-mailed), token."""

import pytest
from click.testing import CliRunner
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.account import passwords, resets
from app.account.cli import users_group
from app.account.models import ApiToken, User
from app.account.roles import ROLES
from app.account.tokens import digest
from app.audit.models import AuditEvent
from app.db import make_engine
from tests.mailbox import mailbox


def invoke(*args: str, exit_code: int = 0, input: str | None = None):
    result = CliRunner().invoke(users_group, list(args), input=input)
    assert result.exit_code == exit_code, result.output
    return result.output


@pytest.fixture
def db(fresh_env):
    engine = make_engine(f"sqlite:///{fresh_env / 'museum.db'}")
    with Session(engine) as session:
        yield session
    engine.dispose()


def _user(db, name) -> User:
    db.expire_all()
    return db.scalars(select(User).where(User.name == name)).one()


def test_the_role_option_offers_every_role():
    assert f"[{'|'.join(ROLES)}]" in invoke("add", "--help")


def test_add_generates_a_password_and_prints_it_once(db):
    output = invoke("add", "Admin", "--role", "admin", "--email", "admin@example.org", "--display-name", "Camille")
    password = output.split("password (shown only now): ")[1].strip()
    user = _user(db, "admin")
    assert (user.role, user.email, user.display_name) == ("admin", "admin@example.org", "Camille")
    assert passwords.verify(user.password_hash, password) and password not in user.password_hash


def test_add_reads_the_password_from_standard_input(db):
    output = invoke("add", "nadia", "--role", "curator", "--password-stdin", input="a long chosen password\n")
    assert "password" not in output.split("\n", 1)[1]
    assert passwords.verify(_user(db, "nadia").password_hash, "a long chosen password")


@pytest.mark.parametrize(
    "args, input, message",
    [
        (("add", "x", "--role", "curator"), None, "2 to 64 characters"),
        (("add", "nadia", "--role", "curator", "--password-stdin"), "short\n", "at least 10 characters"),
    ],
)
def test_add_refuses_bad_names_and_weak_passwords(fresh_env, args, input, message):
    assert message in invoke(*args, input=input, exit_code=1)


def test_unknown_roles_and_users_are_clear_errors(fresh_env):
    assert "'wizard' is not one of" in invoke("add", "bob", "--role", "wizard", exit_code=2)
    assert "no account is named 'ghost'" in invoke("set-role", "ghost", "curator", exit_code=1)
    assert "no account is named 'ghost'" in invoke("token", "ghost", exit_code=1)
    assert "no account is named 'ghost'" in invoke("reset-password", "ghost", exit_code=1)


def test_list_and_set_role(db):
    invoke("add", "boss", "--role", "admin")
    invoke("add", "nadia", "--role", "curator")
    invoke("set-role", "nadia", "supervisor")
    lines = invoke("list").splitlines()
    assert lines[0].split()[:3] == ["boss", "admin", "active"]
    assert lines[1].split()[:3] == ["nadia", "supervisor", "active"] and lines[-1] == "2 accounts"
    assert "last active administrator" in invoke("set-role", "boss", "curator", exit_code=1)
    actions = db.scalars(select(AuditEvent.action).order_by(AuditEvent.id)).all()
    assert actions == ["user.create", "user.create", "user.role"]


def test_token_prints_a_working_token_once(db):
    invoke("add", "nadia", "--role", "curator")
    token = invoke("token", "nadia", "--name", "scanner").strip()
    stored = db.scalars(select(ApiToken)).one()
    assert stored.token_hash == digest(token) and stored.name == "scanner" and token.startswith("vm_")


def test_reset_password_prints_a_one_time_link(db, monkeypatch):
    monkeypatch.setenv("MUSEUM_PUBLIC_BASE_URL", "https://villerupt.com")
    invoke("add", "nadia", "--role", "curator")
    output = invoke("reset-password", "nadia")
    link = output.splitlines()[-1]
    assert link.startswith("https://villerupt.com/account/reset/")
    assert resets.find(db, link.rsplit("/", 1)[1]).user.name == "nadia"


@pytest.fixture
def smtp(monkeypatch):
    with mailbox() as box:
        monkeypatch.setenv("MUSEUM_SMTP_HOST", "127.0.0.1")
        monkeypatch.setenv("MUSEUM_SMTP_PORT", str(box.port))
        monkeypatch.setenv("MUSEUM_SMTP_STARTTLS", "false")
        yield box


def test_reset_password_sends_the_link_by_mail_when_smtp_is_set_up(db, smtp):
    invoke("add", "nadia", "--role", "curator", "--email", "nadia@example.org")
    output = invoke("reset-password", "nadia")
    assert "sent to nadia@example.org" in output and "/account/reset/" not in output
    (message,) = smtp.messages
    assert message["To"] == "nadia@example.org" and "new password" in message["Subject"]
    token = message.get_payload(decode=True).decode().split("/account/reset/")[1].split()[0]
    assert resets.find(db, token).user.name == "nadia"


def test_without_an_address_the_link_is_printed_even_with_smtp(db, smtp):
    invoke("add", "nadia", "--role", "curator")
    assert "/account/reset/" in invoke("reset-password", "nadia") and smtp.messages == []


def test_a_mail_server_that_refuses_still_gives_the_link(db, monkeypatch):
    monkeypatch.setenv("MUSEUM_SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("MUSEUM_SMTP_PORT", "1")  # nothing listens there
    invoke("add", "nadia", "--role", "curator", "--email", "nadia@example.org")
    output = invoke("reset-password", "nadia", exit_code=1)
    assert "could not be sent" in output and "/account/reset/" in output


def test_the_command_speaks_english_without_changing_the_callers_language(fresh_env):
    from app import i18n

    assert i18n.get_language() == "fr"
    invoke("add", "nadia", "--role", "curator")
    assert "is already taken" in invoke("add", "nadia", "--role", "curator", exit_code=1)
    assert i18n.get_language() == "fr"
