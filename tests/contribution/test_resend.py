"""Answering the team's question: the resident may also change the place and add photos or a recording, checked
as in the first form; a refused answer changes nothing, stored files included; the team sees what changed."""

import io
import os

import pytest
from PIL import Image
from sqlalchemy import func, select

from app.contribution import files as contribution_files
from app.contribution import service as contribution_service
from app.contribution.models import NEEDS_INFO, PENDING, Contribution
from tests.contribution.factories import make_contribution
from tests.contribution.helpers import MEDIA, submit
from tests.factories import form, login, logout, make_place, make_user
from tests.web.html import parse

BASE = "http://testserver"
QUESTION = "Où était l'épicerie, et avez-vous une photo de la devanture ?"
ANSWER = "L'épicerie était à Cantebonne, en face de l'église. Voici la devanture en 1958."


@pytest.fixture
def curator(session):
    return make_user(session, "nadia", role="curator", display_name="Nadia")


def jpeg(name: str = "devanture.jpg", size: tuple[int, int] = (64, 48), noise: bool = False) -> tuple:
    """A real JPEG made with Pillow, as the `photos` field of a form (noise makes a large file)."""
    width, height = size
    image = Image.frombytes("RGB", size, os.urandom(width * height * 3)) if noise else Image.new("RGB", size, "sienna")
    out = io.BytesIO()
    image.save(out, "JPEG", quality=90)
    return ("photos", (name, out.getvalue(), "image/jpeg"))


def stored_files(settings) -> set[str]:
    originals = settings.media_dir / "originals"
    return {str(p.relative_to(originals)) for p in originals.rglob("*") if p.is_file()} if originals.exists() else set()


def _asked(client, session, curator) -> tuple[Contribution, str]:
    """A memory sent through the form with a photo, then the curator's question, through the pages."""
    response = submit(client, files=[jpeg("premiere.jpg")])
    assert response.status_code == 303
    contribution = contribution_service.get(session, session.scalar(select(func.max(Contribution.id))))
    login(client, curator)
    asked = client.post(f"/workspace/contributions/{contribution.id}/ask", data=form(client, question=QUESTION))
    assert asked.status_code == 200 and contribution.status == NEEDS_INFO
    logout(client)
    return contribution, response.headers["location"]


def _waiting(session, settings, **fields) -> tuple[Contribution, str]:
    """A contribution with one photo, waiting for the resident's answer."""
    contribution, token = make_contribution(session, settings, status=NEEDS_INFO, info_request=QUESTION, **fields)
    return contribution_service.get(session, contribution.id), f"{BASE}/contribute/status/{token}"


def _resend(client, url: str, files=(), lang: str = "en", **fields):
    data = form(client, story=ANSWER, title="L'épicerie", date_text="1958", place="", place_text="") | fields
    return client.post(f"{url}/resend?lang={lang}", data=data, files=list(files) or None, follow_redirects=False)


def test_the_resident_answers_with_a_place_and_a_photo_and_the_team_sees_what_changed(
    client, session, settings, curator
):
    make_place(session, "Cantebonne")
    contribution, url = _asked(client, session, curator)
    page = parse(client.get(f"{url}?lang=en").text)
    answer = page.find("form", action=f"{url}/resend")
    assert answer.get("enctype") == "multipart/form-data"
    place = answer.find("input", name="place_text")
    assert place.get("value") == "Rue Carnot" and page.find("datalist", id=place.get("list")).find(value="Cantebonne")
    assert answer.find("input", name="photos").get("accept") == "image/*"
    assert "up to 9 more files" in answer.text

    resent = _resend(client, url, files=[jpeg()], place_text="Cantebonne")
    assert resent.status_code == 303
    assert (contribution.status, contribution.place_text, contribution.story) == (PENDING, "Cantebonne", ANSWER)
    (version,) = contribution.versions
    assert (version.place_text, version.info_request) == ("Rue Carnot", QUESTION)
    first, added = contribution.files
    assert version.added_files == [added] and (added.position, added.media_type) == (1, "image")
    mine = parse(client.get(f"{url}?lang=en").text).find("section", aria_labelledby="sent-title")
    assert "Cantebonne" in mine.find("dl").text and len(mine.find_all("img")) == 2

    login(client, curator)
    review = parse(client.get(f"/workspace/contributions/{contribution.id}?lang=en").text)
    assert review.find("input", name="place_text").get("value") == "Cantebonne"
    earlier = review.find("section", aria_labelledby="versions-title")
    assert "Rue Carnot" in earlier.text and QUESTION in earlier.text
    (link,) = [a for a in earlier.find_all("a") if a.text == "Photo 2"]
    assert link.get("href").endswith(f"/workspace/contributions/{contribution.id}/files/{added.id}")
    photo = client.get(link.get("href"))
    assert photo.status_code == 200 and Image.open(io.BytesIO(photo.content)).size == (64, 48)
    notes = [li.text for li in review.find("section", aria_labelledby="files-title").find_all("li")]
    assert "Added with the resident's answer" not in notes[0] and "Added with the resident's answer" in notes[1]


def test_a_place_from_the_list_is_kept_when_sent_back_as_shown_and_the_version_names_it(
    client, session, settings, curator
):
    cantebonne = make_place(session, "Cantebonne")
    contribution, url = _waiting(session, settings, place_id=cantebonne.id)
    shown = parse(client.get(f"{url}?lang=en").text).find("input", name="place_text").get("value")
    assert shown == "Cantebonne"
    assert _resend(client, url, place_text=shown).status_code == 303
    assert (contribution.place_id, contribution.place_text) == (cantebonne.id, None)
    assert contribution.versions[0].place_id == cantebonne.id
    login(client, curator)
    earlier = parse(client.get(f"/workspace/contributions/{contribution.id}?lang=en").text)
    assert "Cantebonne" in earlier.find("section", aria_labelledby="versions-title").text


def test_a_place_chosen_by_its_id_is_recorded_as_in_the_first_form(client, session, settings):
    villerupt = make_place(session, "Villerupt")
    contribution, url = _waiting(session, settings, place_text="Rue Carnot")
    assert _resend(client, url, place=str(villerupt.id), place_text="ignored").status_code == 303
    assert (contribution.place_id, contribution.place_text) == (villerupt.id, None)
    assert (contribution.versions[0].place_id, contribution.versions[0].place_text) == (None, "Rue Carnot")


def document() -> tuple:
    return ("photos", ("notes.pdf", (MEDIA / "document.pdf").read_bytes(), "application/pdf"))


def _broken_jpeg() -> tuple:
    _field, (_name, content, kind) = jpeg(size=(400, 300), noise=True)
    return ("photos", ("cassee.jpg", content[:2000], kind))


@pytest.mark.parametrize(
    "files, fields, field, message",
    [
        ([jpeg(f"p{n}.jpg") for n in range(10)], {}, "edit-photos", "Send at most 10 files."),
        (
            [jpeg("bonne.jpg", size=(32, 32)), _broken_jpeg()],
            {},
            "edit-photos",
            "“cassee.jpg”: This file looks like a JPEG image but it is damaged",
        ),
        ([document()], {}, "edit-photos", "This is not a photo or a sound recording"),
        ([jpeg()], {"place": "999999"}, "edit-place", "Choose a place from the list"),
        ([jpeg()], {"place_text": "r" * 300}, "edit-place", "At most 255 characters."),
        ([jpeg()], {"story": " "}, "edit-story", "heart of your contribution"),
    ],
)
def test_a_refused_answer_changes_nothing_and_keeps_no_new_file(
    client, session, settings, files, fields, field, message
):
    contribution, url = _waiting(session, settings, place_text="Rue Carnot")
    before = stored_files(settings)
    refused = _resend(client, url, files=files, **fields)
    assert refused.status_code == 400, refused.text[:500]
    page = parse(refused.text)
    assert message in page.find("p", id=f"{field}-error").text
    assert "choose your photos and recording again" in refused.text or field != "edit-photos"
    assert page.find("textarea", name="story").text == " ".join(fields.get("story", ANSWER).split())
    assert (contribution.status, contribution.story, contribution.place_text) == (
        NEEDS_INFO,
        "Nous habitions la cité.",
        "Rue Carnot",
    )
    assert len(contribution.files) == 1 and contribution.versions == []
    assert stored_files(settings) == before


def test_resending_is_refused_unless_the_team_asked_and_the_files_are_not_kept(client, session, settings):
    contribution, token = make_contribution(session, settings, status=PENDING)
    before = stored_files(settings)
    refused = _resend(client, f"/contribute/status/{token}", files=[jpeg()])
    assert refused.status_code == 409 and "cannot be changed now" in refused.text
    assert (contribution.status, len(contribution.files), contribution.versions) == (PENDING, 1, [])
    assert stored_files(settings) == before


def test_a_file_added_by_the_answer_is_served_through_this_link_only(client, session, settings):
    contribution, url = _waiting(session, settings)
    _other, other_token = make_contribution(session, settings)
    assert _resend(client, url, files=[jpeg()]).status_code == 303
    added = contribution.files[-1]
    mine = client.get(f"{url}/files/{added.id}")
    assert mine.status_code == 200 and mine.headers["cache-control"] == "no-store"
    assert mine.content.startswith(b"\xff\xd8")
    assert client.get(f"{url}/files/{added.id}?size=thumb").status_code == 200
    assert client.get(f"/contribute/status/{other_token}/files/{added.id}").status_code == 404
    assert client.get(f"/contribute/status/{other_token}/files/{added.id}?size=thumb").status_code == 404
    assert client.get(f"/workspace/contributions/{contribution.id}/files/{added.id}").status_code == 401


def test_a_phone_photo_larger_than_a_text_form_is_accepted(client, session, settings):
    contribution, url = _waiting(session, settings)
    large = jpeg("telephone.jpg", size=(2400, 2400), noise=True)
    assert len(large[1][1]) > 4 * 1024 * 1024  # over the limit of forms without files (app/web/body_limit.py)
    assert _resend(client, url, files=[large]).status_code == 303
    assert [f.width for f in contribution.files] == [contribution.files[0].width, 2400]


def test_a_full_contribution_offers_no_file_field_and_refuses_more(client, session, settings):
    contribution, url = _waiting(session, settings, files=("photo.jpg",) * contribution_files.MAX_FILES)
    answer = parse(client.get(f"{url}?lang=en").text).find("form", action=f"{url}/resend")
    assert answer.find_all("input", type="file") == [] and "as many photos and recordings as it can hold" in answer.text
    refused = _resend(client, url, files=[jpeg()])
    assert refused.status_code == 400 and "Send at most 10 files." in refused.text
    assert len(contribution.files) == contribution_files.MAX_FILES


@pytest.mark.parametrize(
    "lang, says",
    [
        ("fr", "Choisissez un lieu de la liste"),
        ("de", "Wählen Sie einen Ort aus der Liste"),
        ("lb", "Wielt en Uert aus der Lëscht"),
        ("en", "Choose a place from the list"),
    ],
)
def test_refusals_are_in_the_residents_language(client, session, settings, lang, says):
    _contribution, url = _waiting(session, settings)
    refused = _resend(client, url, files=[jpeg()], lang=lang, place="999999")
    assert refused.status_code == 400 and says in parse(refused.text).find("p", id="edit-place-error").text
