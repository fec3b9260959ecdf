"""A curator and a supervisor for the workspace's exhibit pages; a small catalog for exhibit pages: items with
images, places and dates, an interview with its recording, and an exhibit whose one page has a block of every type."""

import pytest

from app.media import service as media_service
from app.search import sync as search_sync
from tests.account.routes import _image
from tests.factories import make_exhibit, make_item, make_place, make_user
from tests.interview.conftest import interview, talk  # noqa: F401 - fixtures used by the exhibit's moment


@pytest.fixture
def outbox(session):
    """The tests' own writes reach the outbox as the museum's do, so kept exhibit pages see them
    (app/exhibit/pagecache.py)."""
    search_sync.install(session)


def with_image(session, settings, alt: str = "", **fields):
    """A published item (unless told) with one image whose alternative text is `alt`."""
    item = make_item(session, **fields)
    media = media_service.attach(session, item, _image(settings.media_dir.parent), settings, background=False)
    media.alt_texts = {"fr": alt} if alt else {}
    session.flush()
    return item


def every_block(a: str, b: str, moment: str) -> list[dict]:
    """One block of every type, showing items `a` and `b` and a clip of the interview `moment`."""
    return [
        {"type": "text", "body": {"fr": "## Les cités\n\nDes *maisons* ouvrières.", "de": "Die **Siedlungen**."}},
        {"type": "item", "item": a, "width": "half", "caption": {"fr": "La cité Bel-Air"}},
        {"type": "gallery", "items": [a, b], "width": "full", "caption": {"fr": "Deux vues"}},
        {"type": "zoom", "item": a, "image": 1, "region": {"x": 10, "y": 20, "w": 30, "h": 40}},
        {"type": "compare", "before": a, "after": b, "before_label": {"fr": "1910"}, "after_label": {"fr": "2020"}},
        {
            "type": "quote",
            "text": {"fr": "On vivait au rythme des hauts-fourneaux."},
            "source": {"fr": "Une habitante"},
        },
        {"type": "moment", "item": moment, "start": 1.5, "end": 4.5, "width": "beside"},
        {"type": "map", "items": [a, b]},
        {"type": "timeline", "items": [b, a]},
    ]


@pytest.fixture
def catalog(session, settings, interview):  # noqa: F811 - the interview fixture imported above
    """Two published items with images, places and dates, and the interview: {"a", "b", "moment"} -> item."""
    thil = make_place(session, "Thil", latitude=49.47, longitude=5.90)
    a = with_image(
        session,
        settings,
        "La cité Bel-Air vue du ciel",
        title="Cité Bel-Air",
        date_text="1910",
        date_earliest=1910,
        date_latest=1910,
        place_id=thil.id,
    )
    b = with_image(
        session,
        settings,
        "Le haut-fourneau",
        title="Haut-fourneau de Micheville",
        date_text="1880",
        date_earliest=1880,
        date_latest=1880,
        latitude=49.49,
        longitude=5.93,
    )
    return {"a": a, "b": b, "moment": interview}


@pytest.fixture
def exhibit(session, catalog):
    """A published exhibit: a first page with every block type, and a second page of text."""
    pages = [
        {
            "key": "les-cites",
            "titles": {"fr": "Les cités", "en": "The estates"},
            "blocks": every_block(catalog["a"].identifier, catalog["b"].identifier, catalog["moment"].identifier),
        },
        {"key": "la-suite", "titles": {"fr": "La suite"}, "blocks": [{"type": "text", "body": {"fr": "Fin."}}]},
    ]
    return make_exhibit(session, pages=pages, slug="la-cite-ouvriere", titles={"fr": "La cité ouvrière"})


@pytest.fixture
def curator(session):
    return make_user(session, "nadia", role="curator", display_name="Nadia Benali")


@pytest.fixture
def supervisor(session):
    return make_user(session, "sophie", role="supervisor")
