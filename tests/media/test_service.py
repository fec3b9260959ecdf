"""Attaching images to items: stored once, derivatives made, same file at the same place kept."""

from pathlib import Path

import pytest
from sqlalchemy import select

from app.media import service
from app.media.derivatives import derivative_path
from app.media.models import Media
from tests.factories import make_item

IMAGES = Path(__file__).parent.parent / "fixtures" / "images"


def test_attached_image_has_its_original_derivatives_and_upright_size(session, settings):
    item = make_item(session)
    media = service.attach_image(session, item, IMAGES / "landscape_6.jpg", settings, position=0,
                                 caption="Vue de la cité", alt="Une maison")
    session.flush()
    assert (media.media_type, media.mime_type, media.width, media.height) == ("image", "image/jpeg", 240, 180)
    assert (settings.media_dir / media.original_path).read_bytes() == (IMAGES / "landscape_6.jpg").read_bytes()
    assert media.original_path.endswith(f"{media.sha256}.jpg")
    for size in ("thumb", "medium", "large"):
        assert (settings.media_dir / derivative_path(media.sha256, size)).is_file()
    assert media.captions == {"fr": "Vue de la cité"} and media.alt_texts == {"fr": "Une maison"}


def test_attaching_the_same_file_at_the_same_position_changes_nothing(session, settings):
    item = make_item(session)
    first = service.attach_image(session, item, IMAGES / "landscape_3.jpg", settings, position=0)
    session.flush()
    again = service.attach_image(session, item, IMAGES / "landscape_3.jpg", settings, position=0)
    assert again is first
    assert len(session.scalars(select(Media).where(Media.item_id == item.id)).all()) == 1


def test_another_file_at_a_position_replaces_the_one_there(session, settings):
    item = make_item(session)
    service.attach_image(session, item, IMAGES / "landscape_3.jpg", settings, position=0)
    session.flush()
    replacement = service.attach_image(session, item, IMAGES / "landscape_8.jpg", settings, position=0)
    session.flush()
    assert session.scalars(select(Media).where(Media.item_id == item.id)).all() == [replacement]


def test_non_image_is_refused_and_nothing_is_stored(session, settings, tmp_path):
    item = make_item(session)
    text = tmp_path / "notes.jpg"
    text.write_text("just words", encoding="utf-8")
    with pytest.raises(ValueError, match="notes.jpg"):
        service.attach_image(session, item, text, settings, position=0)
    assert not (settings.media_dir / "originals").exists()
