"""Fixtures of the API, IIIF and search tests: a published exhibit showing published items with images, one of
every block type (imported by those modules)."""

import pytest
from sqlalchemy import select

from app.exhibit.models import ExhibitAgent
from app.media.models import Media
from tests.account.routes import item_with_image
from tests.factories import make_agent, make_exhibit, make_item


def every_block(a: str, b: str, c: str) -> list[dict]:
    """One block of each type, showing the items `a`, `b` and `c`."""
    return [
        {"type": "text", "body": {"fr": "## Les cités\n\nDes *maisons* ouvrières.", "de": "Die Siedlungen"}},
        {"type": "item", "item": a, "width": "half", "caption": {"fr": "La cité Bel-Air"}},
        {"type": "gallery", "items": [a, b], "width": "full"},
        {"type": "zoom", "item": a, "image": 1, "region": {"x": 10, "y": 20, "w": 30, "h": 40}},
        {"type": "compare", "before": a, "after": b, "before_label": {"fr": "1910"}, "after_label": {"fr": "2020"}},
        {
            "type": "quote",
            "text": {"fr": "On vivait au rythme des hauts-fourneaux."},
            "source": {"fr": "Une habitante"},
        },
        {"type": "moment", "item": c, "start": 12.5, "end": 40, "part": 1, "width": "beside"},
        {"type": "map", "items": [a, b]},
        {"type": "timeline", "items": [b, a]},
    ]


@pytest.fixture
def shown(session, settings):
    """Two published items with an image each, and a published item without media."""
    first, first_image = item_with_image(session, settings, "published")
    second, _image = item_with_image(session, settings, "published")
    first.titles = {"fr": "La cité Bel-Air", "de": "Die Siedlung Bel-Air"}
    first_image.alt_texts = {"fr": "Des maisons en rangée"}
    third = make_item(session, kind="memory", titles={"fr": "Souvenir de la mine"})
    session.flush()
    return first, second, third


@pytest.fixture
def exhibit(session, shown):
    first, second, third = shown
    pages = [
        {
            "key": "les-cites",
            "titles": {"fr": "Les cités", "de": "Die Siedlungen"},
            "blocks": every_block(first.identifier, second.identifier, third.identifier),
        },
        {"key": "la-mine", "titles": {"fr": "La mine"}, "blocks": [{"type": "item", "item": third.identifier}]},
    ]
    exhibit = make_exhibit(
        session,
        pages=pages,
        slug="la-cite-ouvriere",
        titles={"fr": "La cité ouvrière", "de": "Die Arbeitersiedlung"},
        summaries={"fr": "Vivre à Villerupt."},
        tags=["cités"],
        cover_media_id=session.scalar(select(Media.id).where(Media.item_id == first.id)),
    )
    session.add(ExhibitAgent(exhibit=exhibit, agent=make_agent(session, "Lucie Marchal"), role="catalogued_by"))
    session.flush()
    session.expire(exhibit)
    return exhibit
