"""The hostile strings of the XSS test (tests/security/test_xss.py) in every text field of a tour and its stops,
its credits, and its item's title and image text: the tour pages, the workspace's pages and the API show them as
text, and nothing they make can run."""

import pytest
from sqlalchemy import select

from app.media.models import Media
from app.publishing import revisions
from app.tour import editing
from app.tour.publishing import TOUR
from tests.exhibit.test_pages_xss import problems
from tests.factories import login
from tests.tour.conftest import build_tour

HOSTILE = pytest.importorskip("tests.security.test_xss").HOSTILE


def test_hostile_text_in_every_tour_field_stays_text(client, session, settings, places, curator, figures):
    tour = build_tour(session, settings, places)
    image = session.scalars(select(Media).where(Media.item_id == places["mine"].id)).one()
    login(client, curator)
    for text in HOSTILE:
        line = {"fr": text, "de": text, "en": text}
        values = {"titles": line, "summaries": line, "credits": [(text[:200], "creator")]}
        editing.update(session, tour, values, None, revisions.latest_number(session, TOUR, tour.id))
        for number in range(3):
            stop_values = {"titles": line, "texts": {"fr": f"{text}\n\n{text}"}}
            editing.update_stop(
                session, tour, number, stop_values, None, revisions.latest_number(session, TOUR, tour.id)
            )
        places["mine"].titles = {"fr": text}
        image.alt_texts = {"fr": text}
        session.flush()
        for path in (
            "/tours",
            "/tours/route-du-fer",
            "/tours/route-du-fer/stops/2",
            "/workspace/tours",
            "/workspace/tours/route-du-fer",
            "/workspace/tours/route-du-fer/stops/2",
            "/workspace/tours/route-du-fer/history",
            "/workspace/tours/route-du-fer/preview",
        ):
            response = client.get(path)
            assert response.status_code == 200, path
            assert problems(response.text) == [], (path, text)
        assert client.get("/api/v1/tours/route-du-fer").json()["route"][1]["title"] == text
    figures.append(f"tour pages: {len(HOSTILE)} hostile strings in every text field, nothing runs")
