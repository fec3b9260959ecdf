"""External probes over HTTP, on the real app with its real session per request (no override), so that
what an attacker found cannot come back: error pages for logged-in users and token holders, Host header
poisoning, hostile `next` values, login lockout, token-less and oversized POSTs refused unread, malformed
forms, huge page numbers, timestamps without a zone.

Users are committed into a SQLite file of the test's own; people log in through the login form.
"""

import re
from collections.abc import Iterator
from datetime import datetime
from urllib.parse import urljoin, urlsplit

import anyio
import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient
from sqlalchemy import update
from sqlalchemy.orm import Session

from app import cli
from app.account import api_tokens, csrf
from app.account.models import LoginThrottle
from app.config import LANGUAGES, Settings
from app.main import create_app
from app.web import body_limit
from tests.contribution.factories import make_contribution
from tests.factories import PASSWORD, make_item, make_user
from tests.migrate import settings_on_copy

TOKEN_FIELD = re.compile(r'name="csrf_token" value="([^"]+)"')
TITLES = {
    400: {"fr": "Requête incorrecte", "de": "Ungültige Anfrage", "lb": "Ongëlteg Ufro", "en": "Bad request"},
    403: {"fr": "Non autorisé", "de": "Nicht erlaubt", "lb": "Net erlaabt", "en": "Not allowed"},
    404: {"fr": "Page introuvable", "de": "Seite nicht gefunden", "lb": "Säit net fonnt", "en": "Page not found"},
    405: {
        "fr": "Méthode non autorisée",
        "de": "Methode nicht erlaubt",
        "lb": "Method net erlaabt",
        "en": "Method not allowed",
    },
}
HUGE = ["4611686018427387904", "1" + "0" * 30, "10^30", "1e30", "-1", "0"]


def real_settings(tmp_path, migrated_sqlite_file, **fields) -> Settings:
    # trusted_proxies: so that tests speak from several addresses
    return settings_on_copy(tmp_path, migrated_sqlite_file, **({"trusted_proxies": "testclient"} | fields))


@pytest.fixture(scope="module")
def museum(tmp_path_factory, migrated_sqlite_file):
    """The real app on its own SQLite file, with a curator, an administrator and a published item."""
    app = create_app(real_settings(tmp_path_factory.mktemp("museum"), migrated_sqlite_file))
    with Session(app.state.engine) as session:
        curator = make_user(session, "camille", role="curator", display_name="Camille Curatrice")
        admin = make_user(session, "ada", role="admin", display_name="Ada Admin")
        make_item(session, identifier="PUB-1")
        app.state.bearer = {"Authorization": f"Bearer {api_tokens.create(session, admin, 't').token}"}
        app.state.curator_bearer = {"Authorization": f"Bearer {api_tokens.create(session, curator, 't').token}"}
        session.commit()
    return app


@pytest.fixture
def browser(museum) -> Iterator[TestClient]:
    with TestClient(museum, raise_server_exceptions=False) as client:
        yield client


def form_token(client: TestClient, path: str = "/login") -> str:
    return TOKEN_FIELD.search(client.get(path).text).group(1)


def log_in(client: TestClient, name: str, password: str = PASSWORD, headers: dict | None = None, **extra):
    """Through the login form, as a browser does."""
    data = {"csrf_token": form_token(client), "name": name, "password": password} | extra
    return client.post("/login", data=data, headers=headers, follow_redirects=False)


def assert_page(response, status: int, lang: str, who: str | None = None) -> None:
    assert response.status_code == status, response.text[:300]
    assert response.headers["content-type"].startswith("text/html")
    assert f'<html lang="{lang}"' in response.text and TITLES[status][lang] in response.text
    assert "Traceback" not in response.text and "sqlalchemy" not in response.text.lower()
    if who:
        assert who in response.text  # the page still knows who is logged in


# Every refusal a logged-in person can meet, by method and path.
HTML_REFUSALS = [
    ("GET", "/items/NOPE", 404),
    ("GET", "/contribute/status/xyz", 404),
    ("GET", "/workspace/users", 403),
    ("GET", "/logout", 405),
    ("POST", "/account/password", 403),  # no CSRF token
    ("GET", "/items?page=4611686018427387904", 400),
]


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("method, path, status", HTML_REFUSALS)
def test_a_logged_in_person_gets_the_proper_error_page(browser, method, path, status, lang):
    assert log_in(browser, "camille").status_code == 303
    response = browser.request(method, path, headers={"Accept-Language": lang}, data={"current": "x"})
    assert_page(response, status, lang, who="Camille Curatrice" if status != 405 else None)


@pytest.mark.parametrize("path, status", [("/items/NOPE", 404), ("/workspace/users", 403), ("/items?page=0", 400)])
def test_a_token_holder_on_a_page_gets_the_proper_error_page(browser, museum, path, status):
    response = browser.get(path, headers=museum.state.curator_bearer | {"Accept-Language": "en"})
    assert_page(response, status, "en", who="Camille Curatrice")


API_REFUSALS = [
    ("GET", "/api/v1/items/NOPE", 404, "bearer"),
    ("POST", "/api/v1/items/PUB-1/publish", 403, "curator_bearer"),
    ("DELETE", "/api/v1/items", 405, "bearer"),
    ("GET", "/api/v1/items?page=4611686018427387904", 400, "bearer"),
]


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("method, path, status, token", API_REFUSALS)
def test_an_api_client_with_a_token_gets_a_problem_detail(browser, museum, method, path, status, token, lang):
    headers = getattr(museum.state, token) | {"Accept-Language": lang}
    response = browser.request(method, path, headers=headers)
    assert response.status_code == status
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["title"] == TITLES[status][lang] and response.json()["status"] == status


# Huge, negative or malformed page numbers on every listing: a 400 with a translated message.
LISTINGS = [
    "/items",
    "/collections/nope",
    "/search?q=maison",
    "/workspace/audit",
    "/workspace/contributions",
    "/api/v1/items",
    "/api/v1/search?q=maison",
    "/api/v1/contributions",
]


@pytest.mark.parametrize("listing", LISTINGS)
@pytest.mark.parametrize("page", HUGE)
def test_a_page_number_out_of_bounds_is_a_translated_400(browser, museum, listing, page):
    log_in(browser, "ada")
    glue = "&" if "?" in listing else "?"
    response = browser.get(
        f"{listing}{glue}page={page}", headers=museum.state.bearer if "/api/" in listing else {"Accept-Language": "de"}
    )
    assert response.status_code == 400, response.text[:300]
    if "/api/" in listing:
        assert response.headers["content-type"] == "application/problem+json"
        assert "page" in response.json()["detail"]
    else:
        assert_page(response, 400, "de")
        assert "Input should" not in response.text and (
            "ganze Zahl" in response.text or "höchstens" in response.text or "mindestens" in response.text
        )


# Login throttling: an attacker is slowed down, the owner is never locked out.
OWNER_HOME, ATTACKER = {"X-Forwarded-For": "198.51.100.7"}, {"X-Forwarded-For": "203.0.113.66"}


def _new_user(museum, name: str) -> None:
    with Session(museum.state.engine) as session:
        make_user(session, name, role="admin")
        session.commit()


def test_an_attacker_cannot_lock_the_owner_out_and_is_slowed_down(museum):
    _new_user(museum, "owner")
    with TestClient(museum) as owner:
        assert log_in(owner, "owner", headers=OWNER_HOME).status_code == 303  # this address is now known
    with TestClient(museum) as attacker:
        answers = [log_in(attacker, "owner", "guess", headers=ATTACKER) for _guess in range(30)]
        assert [a.status_code for a in answers[:4]] == [400] * 4 and answers[-1].status_code == 429
        assert all(int(a.headers.get("retry-after", 0)) <= 60 for a in answers)  # capped: a minute at most
        assert log_in(attacker, "owner", PASSWORD, headers=ATTACKER).status_code == 429  # still waiting
    with TestClient(museum) as owner:
        assert log_in(owner, "owner", headers=OWNER_HOME).status_code == 303


def test_the_owner_who_mistypes_waits_a_short_while_then_gets_in(museum):
    _new_user(museum, "mistyper")
    with TestClient(museum) as owner:
        assert log_in(owner, "mistyper", headers=OWNER_HOME).status_code == 303
        answers = [log_in(owner, "mistyper", "typo", headers=OWNER_HOME) for _typo in range(6)]
        assert answers[-1].status_code == 429 and int(answers[-1].headers["retry-after"]) <= 60
        assert log_in(owner, "mistyper", headers=OWNER_HOME).status_code == 429
        _end_waits(museum)
        assert log_in(owner, "mistyper", headers=OWNER_HOME).status_code == 303


def _end_waits(museum) -> None:
    """As if the (at most one-minute) wait were over."""
    with Session(museum.state.engine) as session:
        session.execute(update(LoginThrottle).values(locked_until=None))
        session.commit()


# Hostile `next` values after logging in and after choosing a language: the browser stays on the site.
HOSTILE_NEXT = [
    "//evil.example",
    "/\\evil.example",
    "/\\/evil.example",
    "\\\\evil.example",
    "/%09/evil.example",
    "/%2F/evil.example",
    "/%5C/evil.example",
    "https:evil.example",
    "https://evil.example/",
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    "data:text/html,x",
    "/\t/evil.example",
    "/\n/evil.example",
    "\t//evil.example",
    " //evil.example",
    "/\r\n//evil.example",
    "http:/evil.example",
    "///evil.example",
    "/.//evil.example",
    "//evil.example@testserver",
    "/\x00/evil",
    "/" + "a" * 100_000,
    "//" + "a" * 5000,
]


def browser_target(location: str) -> tuple[str, str]:
    """Where a browser goes for this Location (it drops tabs and newlines, and reads `\\` as `/`)."""
    cleaned = re.sub(r"[\t\n\r]", "", location.strip()).replace("\\", "/")
    parts = urlsplit(urljoin("http://testserver/login", cleaned))
    return parts.scheme, parts.netloc


@pytest.mark.parametrize("target", HOSTILE_NEXT)
def test_hostile_next_values_stay_on_the_site(browser, target):
    after_login = log_in(browser, "camille", next=target)
    after_language = browser.post(
        "/language", data={"csrf_token": form_token(browser, "/"), "lang": "de", "next": target}, follow_redirects=False
    )
    for response in (after_login, after_language):
        assert response.status_code == 303
        assert browser_target(response.headers["location"]) == ("http", "testserver")
        assert len(response.headers["location"]) < 3000


# The Host header: unknown hosts are refused, and absolute URLs come from the public base URL only.
@pytest.mark.parametrize("path", ["/", "/items", "/api/v1/items", "/login"])
def test_an_unknown_host_is_refused(browser, path):
    assert browser.get(path, headers={"Host": "evil.example"}).status_code == 400
    assert browser.get(path, headers={"Host": "localhost:8000"}).status_code in (200, 401)


@pytest.fixture(scope="module")
def public_museum(tmp_path_factory, migrated_sqlite_file):
    folder = tmp_path_factory.mktemp("public")
    app = create_app(real_settings(folder, migrated_sqlite_file, public_base_url="https://villerupt.example/"))
    with Session(app.state.engine) as session:
        make_item(session, identifier="PUB-2")
        session.commit()
    with TestClient(app) as client:
        yield client


@pytest.mark.parametrize(
    "headers",
    [
        {},
        {"Host": "127.0.0.1:8000"},
        {"X-Forwarded-Host": "evil.example"},
        {"X-Forwarded-Proto": "http", "Forwarded": "host=evil.example"},
    ],
)
def test_absolute_urls_name_the_public_site_only(public_museum, headers):
    item = public_museum.get("/api/v1/items", headers=headers).json()["items"][0]
    assert item["url"] == "https://villerupt.example/items/PUB-2"
    page = public_museum.get("/items/PUB-2", headers=headers).text
    assert "evil.example" not in page and "https://villerupt.example/items/PUB-2" in page
    assert public_museum.get("/api/v1/items", headers={"Host": "evil.example"}).status_code == 400


def test_serving_beyond_loopback_needs_the_public_base_url(monkeypatch):
    monkeypatch.delenv("MUSEUM_PUBLIC_BASE_URL", raising=False)
    result = CliRunner().invoke(cli.main, ["serve", "--host", "0.0.0.0", "--port", "1"])
    assert result.exit_code != 0 and "MUSEUM_PUBLIC_BASE_URL" in result.output


# A write that cannot carry a valid CSRF token is refused before a byte of its body is read.
def _post_without_reading(app, path: str, headers: list[tuple[bytes, bytes]], size: int) -> tuple[int, int, bytes]:
    """POST `size` bytes straight to the ASGI app; returns (status, bytes the app read, response body)."""
    chunk, read, answer = b"x" * (1 << 20), [0], {}

    async def receive():
        read[0] += len(chunk)
        return {"type": "http.request", "body": chunk, "more_body": read[0] < size}

    async def send(message):
        if message["type"] == "http.response.start":
            answer["status"] = message["status"]
        answer["body"] = answer.get("body", b"") + message.get("body", b"")

    scope = {
        "type": "http",
        "method": "POST",
        "path": path,
        "raw_path": path.encode(),
        "query_string": b"",
        "headers": [(b"host", b"testserver"), (b"content-length", str(size).encode()), *headers],
        "scheme": "http",
        "server": ("testserver", 80),
        "client": ("203.0.113.5", 1234),
        "root_path": "",
        "http_version": "1.1",
        "asgi": {"version": "3.0"},
    }
    anyio.run(app, scope, receive, send)
    return answer["status"], read[0], answer["body"]


MULTIPART = (b"content-type", b"multipart/form-data; boundary=x")
SEED = (b"cookie", b"museum_csrf=seed")


@pytest.mark.parametrize(
    "path, headers, status, says",
    [
        ("/contribute", [MULTIPART], 403, "has expired"),
        ("/contribute", [MULTIPART, SEED, (b"x-csrf-token", b"0" * 64)], 403, "has expired"),
        ("/contribute", [MULTIPART, SEED, (b"origin", b"https://evil.example")], 403, "another site"),
        ("/api/v1/items/PUB-1/media", [MULTIPART], 401, "Log in"),
    ],
)
def test_a_large_token_less_post_is_refused_before_its_body_is_read(museum, path, headers, status, says):
    answer, read, body = _post_without_reading(museum, path, [*headers, (b"accept-language", b"en")], 300 << 20)
    assert answer == status and read == 0
    assert says in body.decode() and "Traceback" not in body.decode()


def test_a_body_declared_over_the_limit_is_a_translated_413_before_it_is_read(museum):
    limit = museum.state.settings.max_upload_bytes
    answer, read, body = _post_without_reading(
        museum, "/contribute", [MULTIPART, SEED, (b"accept-language", b"de")], limit + (1 << 20)
    )
    assert (
        answer == 413 and read == 0 and "Inhalt zu groß" in body.decode() and "Content Too Large" not in body.decode()
    )


@pytest.mark.parametrize(
    "body, content_type",
    [
        (b"garbage", "multipart/form-data; boundary=x"),
        (b"--x\r\nnonsense\r\n\r\n", "multipart/form-data"),
    ],
)
def test_a_malformed_form_is_a_translated_400(browser, body, content_type):
    token = form_token(browser)
    response = browser.post(
        "/login", content=body, headers={"Content-Type": content_type, "X-CSRF-Token": token, "Accept-Language": "de"}
    )
    assert_page(response, 400, "de")
    assert "multipart" not in response.text and "konnten nicht gelesen werden" in response.text


def test_a_login_form_with_invalid_utf8_is_a_400(browser):
    token = form_token(browser)
    body = f"csrf_token={token}&name=%ff%fe&password=\xff&next=/%c0%af".encode("latin-1")
    response = browser.post(
        "/login", content=body, headers={"Content-Type": "application/x-www-form-urlencoded", "Accept-Language": "en"}
    )
    assert response.status_code == 400 and "Traceback" not in response.text


def test_api_timestamps_carry_their_time_zone(browser, museum):
    with Session(museum.state.engine) as session:
        make_contribution(session, museum.state.settings, files=())
        session.commit()
    contributions = browser.get("/api/v1/contributions", headers=museum.state.bearer).json()["contributions"]
    assert contributions and all(c["created_at"].endswith(("Z", "+00:00")) for c in contributions)
    assert datetime.fromisoformat(contributions[0]["created_at"]).tzinfo is not None


@pytest.mark.parametrize("path", ["/login", "/language", "/account/password", "/api/v1/items"])
def test_a_form_or_json_body_declared_over_its_routes_limit_is_refused_unread(museum, path):
    answer, read, body = _post_without_reading(museum, path, [MULTIPART, SEED, (b"accept-language", b"fr")], 50 << 20)
    assert (answer, read) == (413, 0) and "que ce formulaire accepte" in body.decode()


def test_an_upload_route_takes_a_body_past_the_form_limit(museum):
    token = csrf.token_for_cookies(museum.state.secret_key, "seed", None).encode()
    answer, read, body = _post_without_reading(
        museum, "/contribute", [MULTIPART, SEED, (b"x-csrf-token", token)], 50 << 20
    )
    assert answer == 400 and read > 0  # read, then refused as the garbage it is, not for its size


def test_every_upload_route_named_in_the_body_limits_exists(museum):
    assert len(body_limit._upload_paths(museum)) == len(body_limit.UPLOAD_ROUTES)
