"""Errors people see: real pages and problem details, never a traceback."""

from fastapi.testclient import TestClient

from app.account.permissions import PERMISSIONS, public


def _broken_app(app, monkeypatch):
    # Routes added by a test are in no permission table: the app refuses unknown routes to everyone.
    monkeypatch.setitem(PERMISSIONS, "broken", public())
    monkeypatch.setitem(PERMISSIONS, "broken_api", public())

    @app.get("/broken")
    def broken():
        raise RuntimeError("boom")

    @app.get("/api/v1/broken")
    def broken_api():
        raise RuntimeError("boom")

    return TestClient(app, raise_server_exceptions=False)


def test_unexpected_error_shows_the_500_page(app, monkeypatch):
    with _broken_app(app, monkeypatch) as client:
        response = client.get("/broken", headers={"Accept-Language": "de"})
    assert response.status_code == 500
    assert response.headers["content-type"].startswith("text/html")
    assert '<html lang="de"' in response.text and "boom" not in response.text


def test_unexpected_api_error_is_a_problem_detail(app, monkeypatch):
    with _broken_app(app, monkeypatch) as client:
        response = client.get("/api/v1/broken")
    assert response.status_code == 500
    assert response.headers["content-type"] == "application/problem+json"
    assert "boom" not in response.text


def test_unknown_page_is_the_404_page(client):
    response = client.get("/nowhere", headers={"Accept-Language": "en"})
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("text/html")
    assert "<title>" in response.text


def test_malformed_cookie_header_does_not_break_the_page(client):
    response = client.get("/", headers={"Cookie": 'museum_lang="de; =;;"broken'})
    assert response.status_code == 200


def test_a_get_on_a_post_only_address_is_explained_in_the_visitors_language(client):
    response = client.get("/workspace/items/VIL-1/history/1/restore", headers={"Accept-Language": "fr"})
    assert response.status_code == 405 and response.headers["allow"] == "POST"
    assert '<html lang="fr"' in response.text and "Méthode non autorisée" in response.text
    assert "Method Not Allowed" not in response.text


def test_the_api_names_a_refused_method_in_the_visitors_language(client):
    response = client.get("/api/v1/items/VIL-1/media", headers={"Accept-Language": "de"})
    assert response.status_code == 405
    assert response.json()["title"] == "Methode nicht erlaubt"
    assert response.json()["detail"] != "Method Not Allowed"


def test_the_favicon_is_served_at_the_site_root_and_linked_from_every_page(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 200 and response.headers["content-type"] == "image/x-icon"
    assert response.content.startswith(b"\x00\x00\x01\x00")  # an ICO file
    assert '<link rel="icon" href="http://testserver/favicon.ico"' in client.get("/about").text


def test_a_domain_error_is_the_page_or_problem_of_its_status(app, monkeypatch):
    from app.filters import FilterError

    monkeypatch.setitem(PERMISSIONS, "refused", public())
    monkeypatch.setitem(PERMISSIONS, "refused_api", public())

    @app.get("/refused")
    def refused():
        raise FilterError("Écrivez une année.")

    @app.get("/api/v1/refused")
    def refused_api():
        raise FilterError("Écrivez une année.")

    with TestClient(app) as client:
        page = client.get("/refused", headers={"Accept-Language": "fr"})
        problem = client.get("/api/v1/refused", headers={"Accept-Language": "fr"})
    assert page.status_code == 400 and page.headers["content-type"].startswith("text/html")
    assert "Écrivez une année." in page.text
    assert problem.status_code == 400 and problem.headers["content-type"] == "application/problem+json"
    assert problem.json() | {"title": None} == {
        "type": "about:blank",
        "title": None,
        "status": 400,
        "detail": "Écrivez une année.",
    }
