"""Security headers on every response: each GET route of the app with real objects, errors, files, the API docs."""

import re

import pytest
from fastapi.testclient import TestClient

from app.account.permissions import PERMISSIONS, PUBLISHED, public
from app.media import service as media_service
from tests.account.routes import MEDIA, app_routes, params_for
from tests.factories import login, make_item, make_user

REQUIRED = {
    "x-content-type-options": "nosniff",
    "referrer-policy": "strict-origin-when-cross-origin",
}


def _problems(response) -> list[str]:
    headers = response.headers
    found = [f"{name}: {headers.get(name)!r}" for name, value in REQUIRED.items() if headers.get(name) != value]
    policy = headers.get("content-security-policy", "")
    directives = {part.strip().split(" ")[0]: part.strip() for part in policy.split(";") if part.strip()}
    if "frame-ancestors 'none'" not in policy:
        found.append("no frame-ancestors 'none'")
    script = directives.get("script-src") or directives.get("default-src", "")
    if not script or "'unsafe-inline'" in script or "*" in script.split():
        found.append(f"scripts not restricted: {script!r}")
    if "permissions-policy" not in headers:
        found.append("no permissions-policy")
    return found


def test_every_get_route_carries_the_security_headers(app, client, session, settings, figures):
    login(client, make_user(session, role="admin"))  # the admin may open every page
    checked, failures = 0, []
    for route in app_routes(app):
        if "GET" not in route.methods:
            continue
        rule = PERMISSIONS[route.name]
        path = route.path.format(**params_for(route, rule, session, settings, PUBLISHED, None))
        response = client.get(path, follow_redirects=False)
        checked += 1
        if problems := _problems(response):
            failures.append(f"{route.name} {path} ({response.status_code}): {', '.join(problems)}")
    figures.append(f"security headers: {checked} GET routes checked, {len(failures)} without them")
    assert not failures, "\n".join(failures)


def test_site_policy_allows_only_the_sites_own_scripts(client):
    policy = client.get("/").headers["content-security-policy"]
    for directive in (
        "default-src 'self'",
        "script-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ):
        assert directive in policy
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy


def test_errors_and_unknown_addresses_carry_them(app, monkeypatch):
    @app.get("/broken")
    def broken():
        raise RuntimeError("boom")

    monkeypatch.setitem(PERMISSIONS, "broken", public())
    with TestClient(app, raise_server_exceptions=False) as client:
        for path, status in (
            ("/broken", 500),
            ("/no/such/page", 404),
            ("/items?page=0", 400),
            ("/account", 401),
            ("/static/nothing.css", 404),
            ("/api/v1/items/NONE", 404),
        ):
            response = client.get(path)
            assert response.status_code == status, path
            assert not _problems(response), path


def test_a_pdf_keeps_its_sandbox_policy_with_frame_ancestors(client, session, settings):
    item = make_item(session, identifier="PDF-1")
    media = media_service.attach(session, item, MEDIA / "document.pdf", settings)
    session.flush()
    policy = client.get(f"/media/files/{media.sha256}.pdf").headers["content-security-policy"]
    assert policy.startswith("sandbox; default-src 'none'") and "frame-ancestors 'none'" in policy


def test_the_api_docs_page_allows_exactly_its_own_inline_script(client):
    response = client.get("/api/docs")
    policy = response.headers["content-security-policy"]
    inline = re.findall(r"<script>(.*?)</script>", response.text, re.S)
    assert inline and "'unsafe-inline'" not in policy
    assert len(re.findall(r"'sha256-[A-Za-z0-9+/=]+'", policy)) == len(inline)
    assert "frame-ancestors 'none'" in policy and not _problems(response)


def test_the_api_docs_page_uses_the_museums_own_swagger_ui(client):
    response = client.get("/api/docs")
    policy = response.headers["content-security-policy"]
    assert "https:" not in policy and "https://" not in response.text
    for path in re.findall(r'(?:src|href)="(/static/[^"]+)"', response.text) + ["/favicon.ico"]:
        assert client.get(path).status_code == 200, path
    assert "/static/vendor/swagger-ui/swagger-ui-bundle.js" in response.text


def test_the_openapi_document_describes_bearer_tokens_on_the_api_operations(client):
    spec = client.get("/api/v1/openapi.json").json()
    scheme = spec["components"]["securitySchemes"]["token"]
    assert (scheme["type"], scheme["scheme"]) == ("http", "bearer") and "Authorization: Bearer" in scheme["description"]
    operations = [
        (path, op) for path, methods in spec["paths"].items() if path.startswith("/api/v1/") for op in methods.values()
    ]
    assert operations and all(op.get("security") == [{"token": []}] for _, op in operations)
    assert not any(
        "security" in op
        for path, methods in spec["paths"].items()
        if not path.startswith("/api/")
        for op in methods.values()
    )


def _static_urls(client) -> list[str]:
    return re.findall(r'(?:src|href)="http://testserver(/static/[^"]+)"', client.get("/").text)


def test_static_files_are_linked_by_version_and_kept_a_year(client):
    urls = _static_urls(client)
    assert urls and all(re.search(r"\?v=[0-9a-f]{12}$", url) for url in urls), urls
    for url in urls:
        response = client.get(url)
        assert response.headers["cache-control"] == "public, max-age=31536000, immutable", url
        revalidated = client.get(url, headers={"if-none-match": response.headers["etag"]})
        assert revalidated.status_code == 304 and "immutable" in revalidated.headers["cache-control"]


@pytest.mark.parametrize("query", ["", "?v=000000000000", "?dev=1"])
def test_static_files_asked_without_their_current_version_are_kept_a_day(client, query):
    stylesheet = next(url for url in _static_urls(client) if ".css" in url).partition("?")[0]
    assert client.get(stylesheet + query).headers["cache-control"] == "public, max-age=86400"


def test_stylesheets_scripts_and_json_are_compressed(client):
    for url in [*_static_urls(client), "/api/v1/openapi.json"]:
        response = client.get(url, headers={"accept-encoding": "gzip"})
        assert response.headers.get("content-encoding") == "gzip", url
        assert "accept-encoding" in response.headers["vary"].lower()


@pytest.mark.parametrize("path", ["/", "/search?q=mine", "/contribute"])
def test_pages_are_never_compressed_since_they_carry_the_csrf_token(client, path):
    # Compressed together, the token and the visitor's echoed words would leak the token (BREACH).
    response = client.get(path, headers={"accept-encoding": "gzip"})
    assert len(response.content) > 1024 and "content-encoding" not in response.headers


@pytest.mark.parametrize("name", ["sound.mp3", "document.pdf"])
def test_media_files_are_sent_as_they_are(client, session, settings, name):
    media = media_service.attach(session, make_item(session), MEDIA / name, settings)
    session.flush()
    response = client.get(f"/media/files/{media.sha256}.{name.rsplit('.', 1)[1]}", headers={"accept-encoding": "gzip"})
    assert response.status_code == 200 and "content-encoding" not in response.headers


def test_robots_may_visit_public_pages_but_not_the_workspace(client):
    response = client.get("/robots.txt")
    assert response.headers["content-type"].startswith("text/plain") and not _problems(response)
    rules = [line.split(":", 1) for line in response.text.splitlines() if ":" in line and not line.startswith("#")]
    disallowed = {value.strip() for name, value in rules if name == "Disallow"}
    assert ("User-agent", " *") in [tuple(rule) for rule in rules]
    assert {"/workspace", "/account", "/login"} <= disallowed
    assert not disallowed & {"/", "/items", "/search", "/contribute", "/collections"}
