"""Asking /oai through the app and reading the answer, always validated against the official schemas."""

from datetime import date

import pytest
from sqlalchemy.orm import Session

from app.interview.models import Interview
from tests.factories import make_item
from tests.oai.schemas import find, validated

NS = "oai:villerupt.com:"


def oai(client, **args) -> object:
    """The validated response root to GET /oai with these arguments (HTTP 200 always)."""
    response = client.get("/oai", params=args)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("text/xml")
    return validated(response.content)


def error_code(root) -> str | None:
    codes = find(root, "/oai:OAI-PMH/oai:error/@code")
    return codes[0] if codes else None


def identifiers(root) -> list[str]:
    return [text.removeprefix(NS) for text in find(root, "//oai:header/oai:identifier/text()")]


def deleted(root) -> list[str]:
    return [text.removeprefix(NS) for text in find(root, "//oai:header[@status='deleted']/oai:identifier/text()")]


def private_items(session: Session) -> dict:
    """A draft, an item in review, a withdrawn item, a sealed interview and a withdrawn interview: never harvested."""
    # Interviews written as drafts with their access, then published: never public for a moment.
    sealed = make_item(session, kind="interview", status="draft", title="Entretien scellé")
    session.add(Interview(item_id=sealed.id, access="sealed", sealed_until=date(2090, 1, 1)))
    pulled = make_item(session, kind="interview", status="draft", title="Entretien retiré")
    session.add(Interview(item_id=pulled.id, access="withdrawn"))
    session.flush()
    sealed.status = pulled.status = "published"
    session.flush()
    return {
        "draft": make_item(session, status="draft", title="Brouillon secret"),
        "review": make_item(session, status="in_review", title="En relecture"),
        "withdrawn": make_item(session, status="withdrawn", title="Retiré"),
        "sealed": sealed,
        "pulled": pulled,
    }


@pytest.fixture
def hidden(session) -> dict:
    return private_items(session)
