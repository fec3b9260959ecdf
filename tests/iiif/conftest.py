"""IIIF fixtures: the app with the IIIF routes, and images attached to published or draft items."""

from pathlib import Path

import pytest
from PIL import Image

from app.item.kinds import DRAFT
from app.media import service as media_service
from tests.factories import make_item

IMAGES = Path(__file__).parent.parent / "fixtures" / "images"


@pytest.fixture
def attach(session, settings):
    """Attach an image file to a new item (published unless told otherwise) and return its Media."""

    def _attach(path: Path, status: str | None = None):
        item = make_item(session, **({"status": status} if status else {}))
        media = media_service.attach(session, item, Path(path), settings, position=0)
        session.flush()
        return media

    return _attach


@pytest.fixture
def photo(tmp_path, attach):
    """A published 1200x800 photograph-like JPEG with smooth gradients and a few sharp edges."""
    path = tmp_path / "photo.jpg"
    gradient(1200, 800).save(path, quality=92)
    return attach(path)


@pytest.fixture
def draft_photo(tmp_path, attach):
    path = tmp_path / "draft.jpg"
    gradient(300, 200).save(path, quality=92)
    return attach(path, status=DRAFT)


def gradient(width: int, height: int) -> Image.Image:
    """An RGB image whose every pixel differs from its neighbours' in a known, smooth way."""
    red = Image.linear_gradient("L").resize((width, height))
    green = Image.linear_gradient("L").rotate(90).resize((width, height))
    blue = Image.radial_gradient("L").resize((width, height))
    image = Image.merge("RGB", (red, green, blue))
    for n in range(0, width, 150):  # sharp vertical bars, so a shifted crop would show
        image.paste((255, 255, 255), (n, 0, n + 6, height))
    return image
