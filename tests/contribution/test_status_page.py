"""The resident's private status page: what was sent (photos as thumbnails, the recording), served to the link's
holder only; the address to copy; the address e-mailed on request, throttled."""

import io

import pytest
from PIL import Image
from sqlalchemy import func, select

from app.contribution import service as contribution_service
from app.contribution.models import Contribution
from tests.contribution.factories import make_contribution
from tests.contribution.helpers import photo, recording, submit
from tests.factories import form, make_item
from tests.mailbox import body, mailbox
from tests.web.html import parse

BASE = "http://testserver"


@pytest.fixture
def smtp(settings):
    with mailbox() as box:
        settings.smtp_host, settings.smtp_port, settings.smtp_starttls = "127.0.0.1", box.port, False
        yield box


def _sent(client, session, **fields) -> tuple[Contribution, str]:
    response = submit(client, files=[photo(), recording()], **fields)
    assert response.status_code == 303
    contribution = contribution_service.get(session, session.scalar(select(func.max(Contribution.id))))
    return contribution, response.headers["location"]


def test_the_status_page_shows_the_text_the_photos_as_thumbnails_and_the_recording(client, session):
    house = make_item(session, identifier="MAISON-3", title="Maison Carnot")
    contribution, url = _sent(client, session, item="MAISON-3")
    page = parse(client.get(f"{url}?lang=en").text)
    sent = page.find("section", aria_labelledby="sent-title")
    assert "Mon grand-père tenait l'épicerie de la rue Carnot." in sent.text and "vers 1955" in sent.text
    assert sent.find("a", href=f"{BASE}/items/{house.identifier}").text == "Maison Carnot"
    image = sent.find("ul", class_="contribution-files").find("img")
    thumb = client.get(image.get("src"))
    assert thumb.status_code == 200 and thumb.headers["content-type"] == "image/jpeg"
    assert thumb.headers["cache-control"] == "no-store"
    assert max(Image.open(io.BytesIO(thumb.content)).size) <= 480
    full = client.get(sent.find("ul", class_="contribution-files").find("a").get("href"))
    assert full.status_code == 200 and full.content.startswith(b"\xff\xd8")
    audio = client.get(sent.find("audio").get("src"))
    assert audio.status_code == 200 and audio.headers["content-type"] == "audio/mpeg"


def test_a_guessed_link_or_another_contributions_file_gets_404(client, session, settings):
    mine, url = _sent(client, session)
    other, other_token = make_contribution(session, settings)
    token = url.rsplit("/", 1)[1]
    assert client.get(f"/contribute/status/{token[:-1]}x").status_code == 404
    assert client.get("/contribute/status/" + "a" * 43).status_code == 404
    assert client.get(f"/contribute/status/{'b' * 43}/files/{mine.files[0].id}").status_code == 404
    assert client.get(f"/contribute/status/{other_token}/files/{mine.files[0].id}").status_code == 404
    assert client.get(f"/contribute/status/{token}/files/{other.files[0].id}?size=thumb").status_code == 404
    assert client.get(f"/media/files/{mine.files[0].sha256}.jpg").status_code == 404
    assert client.get(f"/workspace/contributions/{mine.id}/files/{mine.files[0].id}").status_code == 401


def test_the_address_is_in_a_read_only_field_with_a_copy_button_for_scripts(client, session):
    _contribution, url = _sent(client, session)
    page = parse(client.get(f"{url}?lang=en").text)
    field = page.find("input", id="status-link")
    assert "readonly" in field.attrs and field.get("value") == url
    assert field.get("data-copy-label") == "Copy the address" and field.get("data-copied-label") == "Address copied"
    sources = [script.get("src", "") for script in page.find_all("script")]
    assert any(src.startswith(f"{BASE}/static/js/copy.js?v=") for src in sources), sources


def test_the_link_is_e_mailed_to_the_residents_address_once_every_few_minutes(client, session, smtp):
    contribution, url = _sent(client, session)
    page = parse(client.get(f"{url}?lang=en").text)
    button = page.find("form", action=f"{url}/email")
    assert "E-mail me this address" in button.text
    sent = client.post(f"{url}/email?lang=en", data=form(client), follow_redirects=False)
    assert sent.status_code == 303
    notice = parse(client.get(sent.headers["location"] + "&lang=en").text).find(class_="notice")
    assert notice.text == "The link was sent to m…@example.org."
    (message,) = smtp.messages
    assert message["To"] == "marie.dupont@example.org" and url in body(message)
    again = client.post(f"{url}/email?lang=en", data=form(client))
    assert again.status_code == 429 and "already sent a few minutes ago" in parse(again.text).find(role="alert").text
    assert len(smtp.messages) == 1 and contribution.link_mailed_at is not None


def test_without_an_e_mail_address_or_a_mail_server_nothing_is_offered_nor_sent(client, session, settings, smtp):
    _contribution, url = _sent(client, session, contact="06 12 34 56 78")
    assert "E-mail me this address" not in client.get(f"{url}?lang=en").text
    refused = client.post(f"{url}/email?lang=en", data=form(client))
    assert refused.status_code == 400 and "no e-mail address" in refused.text and smtp.messages == []
    settings.smtp_host = ""
    _second, mailed = _sent(client, session)
    assert "E-mail me this address" not in client.get(f"{mailed}?lang=en").text


def test_a_mail_server_that_refuses_gives_a_clear_message(client, session, settings):
    settings.smtp_host, settings.smtp_port, settings.smtp_starttls = "127.0.0.1", 9, False  # nothing listens
    contribution, url = _sent(client, session)
    refused = client.post(f"{url}/email?lang=en", data=form(client))
    assert refused.status_code == 503 and "could not be sent just now" in refused.text
    assert contribution.link_mailed_at is None
