"""A rich public item for EDM: four languages, a located place, dates, credits, subjects and real images."""

from pathlib import Path

import pytest
from PIL import Image
from sqlalchemy.orm import Session

from app.item.models import Item
from app.media import service as media_service
from tests.factories import credit, make_agent, make_item, make_place, tag

BY_SA = "https://creativecommons.org/licenses/by-sa/4.0/"
TRAINEE_NAME = "Stagiaire Catalogueuse"


def image(folder: Path, width: int, height: int, name: str = "photo") -> Path:
    """A real JPEG of this size, made with Pillow."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}-{width}x{height}.jpg"
    Image.new("RGB", (width, height), (150, 90, 40)).save(path, "JPEG", quality=80)
    return path


def rich_item(session: Session, settings, folder: Path, **fields) -> Item:
    """A published building with everything EDM can say of it, and an image of 1200 × 900 pixels."""
    values = {
        "titles": {
            "fr": "Cité ouvrière de Butte",
            "de": "Arbeitersiedlung Butte",
            "lb": "Aarbechtercité Butte",
            "en": "Butte workers' housing",
        },
        "descriptions": {"fr": "Maisons bâties pour les ouvriers de l'usine.", "de": "Häuser für die Arbeiter."},
        "dc_type": "Cité ouvrière",
        "medium": "Brique et pierre",
        "date_text": "1925-1930",
        "date_earliest": 1925,
        "date_latest": 1930,
        "rights": BY_SA,
    }
    item = make_item(session, **(values | fields))
    place = make_place(session, "Villerupt", latitude=49.467, longitude=5.929)
    place.names = {"fr": "Villerupt", "de": "Villerupt", "lb": "Wuelerbëch"}
    place.other_names = ["Villerupt-Cantebonne"]
    item.place_id = place.id
    credit(session, item, make_agent(session, "Émile Jacquot"), "architect")
    credit(session, item, make_agent(session, TRAINEE_NAME), "catalogued_by")
    tag(session, item, "Logement ouvrier")
    media_service.attach(session, item, image(folder, 1200, 900), settings, caption="La rue", rights=BY_SA)
    session.flush()
    session.expire(item)
    return item


@pytest.fixture
def rich(session, settings, tmp_path) -> Item:
    return rich_item(session, settings, tmp_path / "files")
