"""The secret key: configured, or generated once into a file only its owner can read; proxies and identity
edge cases."""

import stat

import pytest

from app.config import Settings
from tests.factories import make_user


def test_a_missing_secret_key_is_generated_once_with_owner_only_permissions(tmp_path):
    settings = Settings(secret_key_file=tmp_path / "var" / "secret_key")
    key = settings.resolved_secret_key()
    assert len(key) >= 64
    assert stat.S_IMODE(settings.secret_key_file.stat().st_mode) == 0o600
    assert Settings(secret_key_file=settings.secret_key_file).resolved_secret_key() == key
    assert [p.name for p in settings.secret_key_file.parent.iterdir()] == ["secret_key"]


def test_a_configured_secret_key_is_used_and_no_file_written(tmp_path):
    settings = Settings(secret_key="configured", secret_key_file=tmp_path / "secret_key")
    assert settings.resolved_secret_key() == "configured" and not settings.secret_key_file.exists()


def test_a_malformed_authorization_header_is_a_401_that_says_how(client):
    response = client.get("/api/v1/items?lang=en", headers={"Authorization": "Basic dXNlcjpwYXNz"})
    assert response.status_code == 401 and response.headers["www-authenticate"] == "Bearer"
    assert "Authorization: Bearer" in response.json()["detail"]


def test_a_valid_token_on_a_read_is_welcome(client, session):
    from tests.factories import bearer

    assert (
        client.get("/api/v1/items", headers=bearer(session, make_user(session, role="contributor"))).status_code == 200
    )


@pytest.mark.parametrize(
    "proxies, address",
    [("testclient", "203.0.113.9"), ("", "testclient"), ("10.0.0.1", "testclient"), ("*", "203.0.113.9")],
)
def test_the_client_address_comes_from_a_trusted_proxys_forwarded_for(request, session, settings, proxies, address):
    from sqlalchemy import select

    from app.audit.models import AuditEvent
    from tests.factories import form

    settings.trusted_proxies = proxies
    client = request.getfixturevalue("client")  # the app is built with these settings
    client.post("/login", data=form(client, name="x", password="y"), headers={"X-Forwarded-For": "203.0.113.9"})
    assert session.scalars(select(AuditEvent.client_address)).all() == [address]
