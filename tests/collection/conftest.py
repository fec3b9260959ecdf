"""Collections in the workspace: a curator, a supervisor, and a collection made through the form."""

import pytest

from app.collection import editing
from tests.factories import form, make_user


@pytest.fixture
def curator(session):
    return make_user(session, "nadia", role="curator", display_name="Nadia Benali")


@pytest.fixture
def supervisor(session):
    return make_user(session, "sophie", role="supervisor")


def fields(**changes) -> dict:
    values = {
        "slug": "cites-ouvrieres",
        "language": "fr",
        "title_fr": "Cités ouvrières",
        "title_de": "Arbeitersiedlungen",
        "description_fr": "Les maisons des mineurs.",
        "title_lb": "",
        "title_en": "",
    }
    return values | changes


def create(client, session, **changes):
    """A collection created through the workspace form (the client is logged in)."""
    response = client.post("/workspace/collections", data=form(client, **fields(**changes)), follow_redirects=False)
    assert response.status_code == 303, response.text
    slug = response.headers["location"].split("/workspace/collections/")[1].split("?")[0]
    return editing.load(session, slug)
