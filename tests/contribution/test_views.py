"""The public "Share a memory" form and the private status page, over the real app and a real SQLite file."""

import pytest
from sqlalchemy import select

from app.contribution import spam
from app.contribution.models import PENDING, WITHDRAWN, Contribution, ContributionFile
from tests.contribution.helpers import FIELDS, MEDIA, aged, count, fresh_stamp, photo, recording, submit
from tests.factories import make_item, make_place
from tests.web.html import parse


@pytest.fixture
def small_files(settings):
    settings.contribution_max_file_bytes = 200_000
    return settings


def _status(client, response):
    assert response.status_code == 303, response.text[:500]
    return client.get(response.headers["location"])


def test_the_form_works_on_a_phone_without_javascript(client):
    doc = parse(client.get("/contribute?lang=en").text)
    form = doc.find("form", class_="contribution-form")
    assert form.get("enctype") == "multipart/form-data" and form.find("input", name="csrf_token")
    assert form.find("input", name="photos").get("accept") == "image/*"
    audio = form.find("input", name="audio")
    assert audio.get("accept") == "audio/*" and "capture" in audio.attrs
    assert form.find("input", name="display_name").get("autocomplete") == "name"
    assert form.find("input", name="contact").get("autocomplete") == "email"
    honeypot = form.find("input", name="website")
    assert honeypot.get("tabindex") == "-1" and honeypot.get("autocomplete") == "off"
    assert doc.find("label", for_="website").text == "Leave this field empty"
    assert len(form.find_all("input", name="licence")) == 4
    assert "I am the author of this story" in form.text


def test_a_memory_with_a_photo_and_a_recording_is_received_and_its_status_page_shows_it(client, session):
    response = submit(client, files=[photo(), recording()])
    page = _status(client, response)
    assert page.status_code == 200 and page.headers["cache-control"] == "no-store"
    assert "waiting for the museum" in client.get(response.headers["location"] + "?lang=en").text
    contribution = session.scalar(select(Contribution))
    assert contribution.status == PENDING and contribution.date_earliest == 1950 and contribution.date_latest == 1960
    assert contribution.contact == "marie.dupont@example.org" and contribution.place_text == "Rue Carnot"
    assert [f.media_type for f in session.scalars(select(ContributionFile).order_by(ContributionFile.position))] == [
        "image",
        "audio",
    ]
    assert contribution.address_hash and "testclient" not in contribution.address_hash


def test_the_honeypot_refuses_robots_and_stores_nothing(client, session):
    response = submit(client, website="http://spam.example", headers={"Accept-Language": "en"})
    assert response.status_code == 400 and "filled in by a program" in response.text
    assert count(session) == 0


def test_a_form_sent_faster_than_a_person_types_is_refused(client, session):
    response = submit(client, stamp=fresh_stamp(client), headers={"Accept-Language": "en"})
    assert response.status_code == 400 and "That was very fast" in response.text
    assert count(session) == 0


@pytest.mark.parametrize("stamp", ["", "garbage", "1.abcdefghijklmnopqrstu.0000"])
def test_a_missing_or_forged_stamp_gives_a_fresh_form_with_the_text_kept(client, session, stamp):
    response = submit(client, stamp=stamp)
    assert response.status_code == 400 and count(session) == 0
    doc = parse(response.text)
    assert doc.find("textarea", name="story").text.startswith("Mon grand-père")
    assert spam.read_stamp(client.app.state.secret_key, doc.find("input", name="stamp").get("value"))


def test_an_expired_stamp_is_refused(client, session):
    response = submit(client, stamp=aged(client, fresh_stamp(client), spam.MAX_AGE_SECONDS + 10))
    assert response.status_code == 400 and count(session) == 0


def test_an_address_sending_too_many_memories_waits(client, session):
    for _n in range(spam.RATE_LIMIT):
        assert submit(client).status_code == 303
    response = submit(client, headers={"Accept-Language": "en"})
    assert response.status_code == 429 and response.headers["retry-after"] == "3600"
    assert "a little later" in response.text and count(session) == spam.RATE_LIMIT


def test_the_same_form_sent_twice_creates_one_contribution(client, session):
    stamp = aged(client, fresh_stamp(client))
    first = submit(client, files=[photo()], stamp=stamp)
    second = submit(client, files=[photo()], stamp=stamp)
    assert first.status_code == second.status_code == 303
    assert first.headers["location"] == second.headers["location"]
    assert count(session) == 1 and count(session, ContributionFile) == 1


def test_an_oversized_file_is_refused_next_to_its_field_and_not_kept(client, session, small_files):
    big = ("photos", ("big.png", (MEDIA / "photo.png").read_bytes() * 0 + b"\x89PNG" + b"\0" * 300_000, "image/png"))
    response = submit(client, files=[big], headers={"Accept-Language": "en"})
    assert response.status_code == 400 and count(session) == 0
    error = parse(response.text).find("p", id="photos-error").text
    assert "big.png" in error and "larger than the 200 KB allowed" in error
    assert "choose your photos and recording again" in response.text
    assert (
        not list((small_files.media_dir / "originals").rglob("*.*"))
        if (small_files.media_dir / "originals").exists()
        else True
    )


@pytest.mark.parametrize(
    "name, content_type, message",
    [
        ("document.pdf", "application/pdf", "This is not a photo or a sound recording"),
        ("video.mp4", "video/mp4", "This is not a photo or a sound recording"),
        ("page.jpg", "image/jpeg", "This is a web page"),
    ],
)
def test_files_other_than_photos_and_recordings_are_refused_with_a_message(
    client, session, name, content_type, message
):
    content = (MEDIA / name).read_bytes() if (MEDIA / name).exists() else b"<html><script>alert(1)</script></html>"
    response = submit(client, files=[("photos", (name, content, content_type))], headers={"Accept-Language": "en"})
    assert response.status_code == 400 and count(session) == 0
    assert message in parse(response.text).find("p", id="photos-error").text


def test_refusals_are_translated(client, session):
    response = submit(
        client,
        files=[("photos", ("doc.pdf", (MEDIA / "document.pdf").read_bytes(), "image/jpeg"))],
        headers={"Accept-Language": "de"},
    )
    assert response.status_code == 400 and "Foto" in parse(response.text).find("p", id="photos-error").text


def test_a_refused_file_does_not_keep_the_good_ones_already_stored(client, session, settings):
    response = submit(
        client,
        files=[photo("photo.webp"), ("photos", ("x.pdf", (MEDIA / "document.pdf").read_bytes(), "application/pdf"))],
    )
    assert response.status_code == 400
    assert not [p for p in (settings.media_dir / "originals").rglob("*") if p.is_file()]


@pytest.mark.parametrize(
    "fields, field, message",
    [
        ({"story": "  "}, "story", "Tell your memory"),
        ({"consent": ""}, "consent", "Tick this box"),
        ({"licence": "http://example.org/mine"}, "licence", "Choose how your memory may be used"),
        ({"credit_choice": "pseudonym", "display_name": ""}, "display_name", "Write the name or pseudonym"),
        ({"place": "999999"}, "place_text", "Choose a place from the list"),
        ({"language": "xx"}, "language", "Choose a language"),
        ({"title": "t" * 300}, "title", "At most 255 characters"),
    ],
)
def test_field_errors_come_back_next_to_the_field_with_the_input_kept(client, session, fields, field, message):
    response = submit(client, headers={"Accept-Language": "en"}, **fields)
    assert response.status_code == 400 and count(session) == 0
    doc = parse(response.text)
    assert message in doc.find("p", id=f"{field}-error").text
    assert doc.find("input", name="display_name").get("value") == fields.get("display_name", FIELDS["display_name"])


def test_a_place_from_the_list_and_an_item_are_recorded(client, session):
    place = make_place(session, "Cantebonne")
    item = make_item(session, identifier="MAISON-1", title="Maison du directeur")
    page = client.get("/contribute?item=MAISON-1&lang=en")
    assert "Maison du directeur" in parse(page.text).find("p", class_="contribution-about").text
    assert submit(client, place=str(place.id), item="MAISON-1").status_code == 303
    contribution = session.scalar(select(Contribution))
    assert (contribution.place_id, contribution.place_text, contribution.target_item_id) == (place.id, None, item.id)


def test_the_item_page_invites_to_share_a_memory_about_it(client, session):
    make_item(session, identifier="MAISON-2")
    link = parse(client.get("/items/MAISON-2?lang=en").text).find("a", class_="share-memory")
    assert link.get("href").endswith("/contribute?item=MAISON-2")


def test_every_page_links_to_the_form(client):
    links = parse(client.get("/?lang=en").text).find_all("a")
    assert [a.get("href") for a in links if a.text == "Share a memory"] == ["http://testserver/contribute"] * 2


def _withdraw_form(doc):
    return next((f for f in doc.find_all("form") if (f.get("action") or "").endswith("/withdraw")), None)


def test_a_resident_withdraws_a_pending_contribution(client, session):
    response = submit(client)
    status_url = response.headers["location"]
    doc = parse(client.get(status_url).text)
    withdraw = _withdraw_form(doc)
    token = withdraw.find("input", name="csrf_token").get("value")
    done = client.post(withdraw.get("action"), data={"csrf_token": token}, follow_redirects=False)
    assert done.status_code == 303
    page = client.get(done.headers["location"] + "&lang=en")
    assert "You withdrew this contribution" in page.text and _withdraw_form(parse(page.text)) is None
    assert session.scalar(select(Contribution.status)) == WITHDRAWN
    again = client.post(withdraw.get("action"), data={"csrf_token": token})
    assert again.status_code == 409


def test_an_unknown_status_link_is_not_found(client):
    assert client.get("/contribute/status/nothing-here").status_code == 404
    assert client.get("/contribute/status/" + "x" * 500).status_code == 404


def test_photos_are_kept_upright_and_without_their_metadata(client, session, settings, tmp_path):
    from PIL import Image

    source = Image.open(MEDIA.parent / "images" / "portrait_6.jpg")
    exif = source.getexif()
    exif[0x8825] = {1: "N", 2: (49.0, 28.0, 8.0), 3: "E", 4: (5.0, 55.0, 43.0)}  # GPS: where the phone was
    exif[0x010F] = "PhoneMaker"
    path = tmp_path / "gps.jpg"
    source.save(path, "JPEG", exif=exif.tobytes())
    assert submit(client, files=[("photos", ("gps.jpg", path.read_bytes(), "image/jpeg"))]).status_code == 303
    stored = session.scalar(select(ContributionFile))
    with Image.open(settings.media_dir / stored.original_path) as kept:
        assert kept.size == (180, 240) and (stored.width, stored.height) == (180, 240)
        assert not kept.getexif() and "exif" not in kept.info and "xmp" not in kept.info
    assert b"PhoneMaker" not in (settings.media_dir / stored.original_path).read_bytes()


@pytest.mark.parametrize(
    "name, mime_type",
    [
        ("photo.heic", "image/jpeg"),
        ("photo.png", "image/png"),
        ("photo.webp", "image/jpeg"),
        ("sound.m4a", "audio/mp4"),
    ],
)
def test_photos_become_plain_jpegs_or_pngs_with_transparency_and_recordings_stay_as_they_are(
    client, session, name, mime_type
):
    field = "audio" if name.startswith("sound") else "photos"
    assert (
        submit(client, files=[(field, (name, (MEDIA / name).read_bytes(), "application/octet-stream"))]).status_code
        == 303
    )
    assert session.scalar(select(ContributionFile.mime_type)) == mime_type


def test_recordings_are_kept_without_their_tags(client, session, settings, tmp_path):
    from mutagen.mp4 import MP4

    path = tmp_path / "memo.m4a"
    path.write_bytes((MEDIA / "sound.m4a").read_bytes())
    tagged = MP4(path)
    tagged["\xa9nam"] = ["Rue Carnot, Villerupt"]
    tagged["\xa9xyz"] = ["+49.4689+005.9286/"]
    tagged.save()
    assert submit(client, files=[("audio", ("memo.m4a", path.read_bytes(), "audio/mp4"))]).status_code == 303
    kept = (settings.media_dir / session.scalar(select(ContributionFile.original_path))).read_bytes()
    assert b"Rue Carnot" not in kept and b"+49.4689" not in kept


def test_a_logged_in_resident_finds_the_form_filled_and_their_memories_on_their_account(client, session):
    from tests.factories import login, make_user

    login(
        client,
        make_user(
            session, "habitante", role="contributor", display_name="Louise Habitante", email="louise@example.org"
        ),
    )
    doc = parse(client.get("/contribute").text)
    assert doc.find("input", name="display_name").get("value") == "Louise Habitante"
    assert doc.find("input", name="contact").get("value") == "louise@example.org"
    status_url = submit(client, title="La fête de la Saint-Éloi").headers["location"]
    assert session.scalar(select(Contribution.user_id)) is not None
    links = parse(client.get("/account?lang=en").text).find("section", aria_labelledby="contributions-title")
    assert [a.get("href") for a in links.find_all("a")] == [status_url]
    assert links.find("a").text == "La fête de la Saint-Éloi"


@pytest.mark.parametrize(
    "fields",
    [
        {"place": "²"},
        {"place": "9" * 5000},
        {"stamp": "²." + "a" * 20 + ".00"},
        {"stamp": "9" * 5000 + "." + "a" * 20 + ".00"},
        {"credit_choice": "x" * 10_000},
        {"story": "é" * 30_000},
    ],
)
def test_odd_input_never_makes_a_server_error(client, session, fields):
    response = submit(client, **fields)
    assert response.status_code == 400 and count(session) == 0
