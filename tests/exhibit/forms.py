"""Building an exhibit through the workspace's forms in tests: its fields, its creation, a form posted."""

from app.exhibit import editing
from tests.factories import form


def fields(**changes) -> dict:
    values = {
        "slug": "cite-ouvriere",
        "language": "fr",
        "title_fr": "La cité ouvrière",
        "title_de": "Die Arbeitersiedlung",
        "summary_fr": "Les maisons des ouvriers de l'usine.",
        "tags": "logement, cités",
        "credit_role": ["creator", "translated_by"],
        "credit_name": ["Nadia Benali", "Tom Weber"],
    }
    return values | changes


def create(client, session, **changes):
    """An exhibit created through the workspace form (the client is logged in)."""
    response = client.post("/workspace/exhibits", data=form(client, **fields(**changes)), follow_redirects=False)
    assert response.status_code == 303, response.text
    slug = response.headers["location"].split("/workspace/exhibits/")[1].split("?")[0]
    return editing.load(session, slug)


def post(client, path: str, **values):
    """A form posted with the client's CSRF token, not following the redirect."""
    return client.post(path, data=form(client, **values), follow_redirects=False)
