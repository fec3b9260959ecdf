"""An item's images need an alternative text before publication: the form warns, naming them, and the
publishing workflow refuses (page and API) until each has one."""

from pathlib import Path

import pytest

from app.item.kinds import IN_REVIEW, PUBLISHED
from app.item.publishing import images_without_alt
from app.workspace import service as workspace
from tests.factories import bearer, form, login, make_item, make_user
from tests.web.html import parse

MEDIA = Path(__file__).parent.parent / "fixtures" / "media"


@pytest.fixture
def supervisor(session):
    return make_user(session, "sophie", role="supervisor")


@pytest.fixture
def item(client, session, supervisor):
    """An item in review with a photo (no alternative text) and a recording (needs none)."""
    item = make_item(session, identifier="MAISON-ALT", status=IN_REVIEW)
    login(client, supervisor)
    files = [
        ("files", ("facade.jpg", (MEDIA / "photo.jpg").read_bytes())),
        ("files", ("sound.mp3", (MEDIA / "sound.mp3").read_bytes())),
    ]
    response = client.post("/workspace/items/MAISON-ALT/media", data=form(client), files=files, follow_redirects=False)
    assert response.status_code == 303
    return workspace.load(session, item.identifier)


def test_the_form_warns_about_images_without_alternative_text_and_links_to_them(client, session, item):
    warning = parse(client.get("/workspace/items/MAISON-ALT?lang=en").text).find(id="missing-alt")
    assert "cannot be published without one" in warning.text
    photo = next(m for m in item.media if m.media_type == "image")
    assert [(a.text, a.get("href")) for a in warning.find_all("a")] == [("facade.jpg", f"#m{photo.id}-title")]


def test_publishing_is_refused_naming_the_images_until_they_have_one(client, session, item):
    refused = client.post("/workspace/items/MAISON-ALT/publish?lang=en", data=form(client))
    assert refused.status_code == 422 and item.status == IN_REVIEW
    message = parse(refused.text).find(id="comment-publish-error").text
    assert message == "Write an alternative text for every image before publishing. Missing for: “facade.jpg”."
    photo = next(m for m in item.media if m.media_type == "image")
    client.post(
        f"/workspace/items/MAISON-ALT/media/{photo.id}",
        data=form(client, action="save", alt_de="Die Fassade des Hauses"),
    )
    assert images_without_alt(session, item) == []
    assert 'id="missing-alt"' not in client.get("/workspace/items/MAISON-ALT").text
    assert client.post("/workspace/items/MAISON-ALT/publish", data=form(client)).status_code == 200
    assert item.status == PUBLISHED


def test_the_api_refuses_with_a_problem_detail_naming_the_images(client, session, item, supervisor):
    refused = client.post("/api/v1/items/MAISON-ALT/publish?lang=fr", headers=bearer(session, supervisor))
    assert refused.status_code == 422 and refused.headers["content-type"] == "application/problem+json"
    assert "“facade.jpg”" in refused.json()["detail"] and "texte alternatif" in refused.json()["detail"]
    assert item.status == IN_REVIEW
