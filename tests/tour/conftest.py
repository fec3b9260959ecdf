"""A curator and a supervisor for the workspace's tour pages, a small geolocated catalog, and a published tour
built from it (the blast furnaces and mine around Villerupt, with their real coordinates)."""

import pytest
from PIL import Image
from sqlalchemy import select

from app.exhibit.models import Exhibit
from app.item.models import Item
from app.media import service as media_service
from app.publishing import revisions, workflow
from app.tour import audio, editing
from app.tour.publishing import TOUR
from tests.factories import make_exhibit, make_item, make_user

MEDIA = __import__("pathlib").Path(__file__).parent.parent / "fixtures" / "media"
# Villerupt's centre and Micheville (approximate), and the Bassompierre mine of Aumetz (its Mérimée record's point).
VILLERUPT = (49.4676, 5.9287)
AUMETZ_MINE = (49.422137, 5.949176)
MICHEVILLE = (49.4852, 5.9511)


@pytest.fixture
def curator(session):
    return make_user(session, "nadia", role="curator", display_name="Nadia Benali")


@pytest.fixture
def supervisor(session):
    return make_user(session, "sophie", role="supervisor")


def with_image(session, settings, alt: str, colour: tuple[int, int, int], **fields):
    """A published item (unless told) with an image of its own (a photograph-sized JPEG of one colour)."""
    item = make_item(session, **fields)
    path = settings.media_dir.parent / f"{item.identifier}.jpg"
    Image.new("RGB", (800, 600), colour).save(path, "JPEG", quality=85)
    media = media_service.attach(session, item, path, settings, background=False)
    media.alt_texts = {"fr": alt}
    session.flush()
    return item


@pytest.fixture
def places(session, settings):
    return make_places(session, settings)


def make_places(session, settings, images: bool = True):
    """Two published items with a point (and an image each, unless told), and a published exhibit with a page:
    {"mine", "furnace", "exhibit"}; those already in the database when it has them (tests that build several
    tours, or every route's objects, in one database)."""
    known = {item.identifier: item for item in session.scalars(select(Item).where(Item.identifier.like("T-%")))}
    made = session.scalar(select(Exhibit).where(Exhibit.slug == "route-du-fer-expo"))
    if {"T-MINE", "T-FURNACE"} <= set(known) and made is not None:
        return {"mine": known["T-MINE"], "furnace": known["T-FURNACE"], "exhibit": made}
    mine = {
        "identifier": "T-MINE",
        "title": "Mine Bassompierre",
        "latitude": AUMETZ_MINE[0],
        "longitude": AUMETZ_MINE[1],
    }
    furnace = {"identifier": "T-FURNACE", "title": "Haut-fourneau de Micheville"}
    furnace |= {"latitude": MICHEVILLE[0], "longitude": MICHEVILLE[1]}
    if images:
        mine = with_image(session, settings, "Le chevalement de la mine", (90, 60, 40), **mine)
        furnace = with_image(session, settings, "Le haut-fourneau", (140, 59, 22), **furnace)
    else:
        mine, furnace = make_item(session, **mine), make_item(session, **furnace)
    pages = [{"key": "le-fer", "titles": {"fr": "Le fer"}, "blocks": [{"type": "text", "body": {"fr": "Le fer."}}]}]
    exhibit = make_exhibit(session, pages=pages, slug="route-du-fer-expo", titles={"fr": "La route du fer"})
    return {"mine": mine, "furnace": furnace, "exhibit": exhibit}


def build_tour(session, settings, places, *, status="published", slug="route-du-fer", with_audio=True):
    """A tour of three stops (Villerupt's centre, the mine with its audio, the furnace with the exhibit page),
    through the editing functions, then taken through the workflow to `status`."""
    values = {
        "slug": slug,
        "language": "fr",
        "languages": ["fr", "de", "en"],
        "titles": {"fr": "La route du fer", "de": "Die Eisenstraße", "en": "The iron road"},
        "summaries": {"fr": "Du minerai à la fonte.", "de": "Vom Erz zum Eisen.", "en": "From ore to iron."},
        "credits": [("Nadia Benali", "creator")],
    }
    tour = editing.create(session, values, None)
    stops = [
        {
            "titles": {"fr": "Le centre de Villerupt", "de": "Ortsmitte"},
            "texts": {"fr": "Le départ."},
            "latitude": VILLERUPT[0],
            "longitude": VILLERUPT[1],
        },
        {
            "titles": {"fr": "La mine", "en": "The mine"},
            "texts": {"fr": "Le minerai de fer."},
            "latitude": AUMETZ_MINE[0],
            "longitude": AUMETZ_MINE[1],
            "item": places["mine"],
        }
        | (audio.store_file(MEDIA / "sound.mp3", settings, "commentaire.mp3") if with_audio else {}),
        {
            "titles": {"fr": "Le haut-fourneau"},
            "texts": {"fr": "La fonte."},
            "latitude": MICHEVILLE[0],
            "longitude": MICHEVILLE[1],
            "item": places["furnace"],
            "exhibit_slug": "route-du-fer-expo",
            "exhibit_page": "le-fer",
        },
    ]
    for stop in stops:
        editing.add_stop(session, tour, stop, None, revisions.latest_number(session, TOUR, tour.id))
    steps = {"draft": [], "in_review": ["submit"], "published": ["submit", "publish"]}
    steps["withdrawn"] = [*steps["published"], "withdraw"]
    for step in steps[status]:
        workflow.take(session, tour, step, None)
    session.flush()
    return tour


@pytest.fixture
def tour(session, settings, places):
    return build_tour(session, settings, places)
