"""Building a tour through the workspace's forms in tests: its fields, a stop's fields, a form posted."""

from app.tour import editing
from tests.factories import form


def fields(**changes) -> dict:
    values = {
        "slug": "route-du-fer",
        "language": "fr",
        "languages": ["fr", "de", "en"],
        "title_fr": "La route du fer",
        "title_de": "Die Eisenstraße",
        "summary_fr": "Du minerai à la fonte.",
        "credit_role": ["creator"],
        "credit_name": ["Nadia Benali"],
    }
    return values | changes


def stop_fields(**changes) -> dict:
    values = {"title_fr": "Le centre", "text_fr": "Le départ.", "latitude": "49.4676", "longitude": "5.9287"}
    return values | changes


def create(client, session, **changes):
    """A tour created through the workspace form (the client is logged in)."""
    response = client.post("/workspace/tours", data=form(client, **fields(**changes)), follow_redirects=False)
    assert response.status_code == 303, response.text
    slug = response.headers["location"].split("/workspace/tours/")[1].split("?")[0]
    return editing.load(session, slug)


def post(client, path: str, files=None, **values):
    """A form posted with the client's CSRF token, not following the redirect."""
    return client.post(path, data=form(client, **values), files=files, follow_redirects=False)


def speak(client, lang: str):
    """Have the client read the site in `lang` (the language cookie a visitor's choice sets)."""
    from app.i18n import LANGUAGE_COOKIE
    from tests.factories import _cookie_domain

    client.cookies.set(LANGUAGE_COOKIE, lang, domain=_cookie_domain(client))
    return client
