"""Curators moderate contributions: the queue, staff-only file previews, edits, approval into a new item or
about an existing one, and rejection with a reason the resident reads."""

import pytest
from sqlalchemy import select

from app.audit.models import AuditEvent
from app.contribution.licences import CC_BY_SA, RESERVED
from app.contribution.models import ANONYMOUS, APPROVED, PENDING, REJECTED, WITHDRAWN
from app.item.models import Item
from app.media.models import Media
from tests.contribution.factories import make_contribution
from tests.contribution.helpers import alt_texts
from tests.factories import bearer, form, login, logout, make_item, make_place, make_user
from tests.web.html import parse


@pytest.fixture
def curator(client, session):
    user = make_user(session, "moderatrice", role="curator", display_name="Nadia Curatrice")
    login(client, user)
    return user


def _approve(client, contribution, **fields):
    data = (
        form(
            client,
            title="L'épicerie de la rue Carnot",
            story=contribution.story,
            date_text="1955",
            place="",
            place_text="",
            item="",
        )
        | alt_texts(contribution)
        | fields
    )
    return client.post(f"/workspace/contributions/{contribution.id}/approve", data=data, follow_redirects=False)


def test_the_queue_shows_pending_contributions_first_and_filters_by_status(client, session, settings, curator):
    make_contribution(session, settings, REJECTED, story="Refusée")
    make_contribution(session, settings, PENDING, story="En attente")
    make_contribution(session, settings, WITHDRAWN, story="Retirée")
    doc = parse(client.get("/workspace/contributions?lang=en").text)
    titles = [li.find("strong").text for li in doc.find("ul", class_="contribution-queue").find_all("li")]
    assert titles[0] == "En attente" and set(titles) == {"En attente", "Refusée", "Retirée"}
    only = parse(client.get("/workspace/contributions?status=rejected").text)
    assert [li.find("strong").text for li in only.find("ul", class_="contribution-queue").find_all("li")] == ["Refusée"]
    assert client.get("/workspace/contributions?page=9").status_code == 404


def test_the_review_page_shows_the_private_contact_and_previews_served_to_staff_only(
    client, session, settings, curator
):
    contribution, _token = make_contribution(session, settings, files=("photo.jpg", "sound.mp3"))
    doc = parse(client.get(f"/workspace/contributions/{contribution.id}?lang=en").text)
    assert "jeanne@example.org" in doc.find("dl").text
    image = doc.find("ul", class_="contribution-files").find("img")
    preview = client.get(image.get("src"))
    assert preview.status_code == 200 and preview.headers["content-type"] == "image/jpeg"
    assert "no-store" in preview.headers["cache-control"]
    assert doc.find("audio").get("src").endswith(f"/files/{contribution.files[1].id}")
    logout(client)
    assert client.get(image.get("src")).status_code == 401
    sha = contribution.files[0].sha256
    assert client.get(f"/media/files/{sha}.jpg").status_code == 404
    assert client.get(f"/iiif/3/{sha}/info.json").status_code == 404
    assert not (settings.media_dir / "derivatives").exists() or not list(
        (settings.media_dir / "derivatives").rglob(f"*{sha[:8]}*")
    )


@pytest.fixture
def supervisor(client, session):
    user = make_user(session, "superviseuse", role="supervisor", display_name="Sophie Superviseuse")
    login(client, user)
    return user


def test_a_supervisors_approval_publishes_a_new_item_credited_as_the_resident_chose(
    client, session, settings, supervisor
):
    contribution, token = make_contribution(session, settings, rights=CC_BY_SA, files=("photo.jpg",))
    response = _approve(client, contribution)
    assert response.status_code == 303
    item = session.scalar(select(Item).where(Item.id == contribution.created_item_id))
    assert response.headers["location"].endswith(f"/items/{item.identifier}")
    assert (item.status, item.kind, item.rights, item.date_earliest) == ("published", "memory", CC_BY_SA, 1955)
    assert item.titles == {"fr": "L'épicerie de la rue Carnot"} and item.descriptions == {"fr": contribution.story}
    page = client.get(response.headers["location"])
    assert page.status_code == 200 and "Jeanne Habitante" in page.text
    media = session.scalars(select(Media).where(Media.item_id == item.id)).all()
    assert [(m.rights, m.credit) for m in media] == [(CC_BY_SA, "Jeanne Habitante")]
    assert client.get(f"/media/files/{media[0].sha256}.jpg").status_code == 200
    assert contribution.status == APPROVED and contribution.moderator_id == supervisor.id
    event = session.scalar(select(AuditEvent).where(AuditEvent.action == "contribution.approve"))
    assert event.actor_name == "superviseuse" and event.details == {"item": item.identifier, "status": "published"}
    logout(client)
    status = parse(client.get(f"/contribute/status/{token}?lang=en").text)
    assert "Your memory is published" in status.text
    assert status.find("a", class_="button").get("href").endswith(f"/items/{item.identifier}")


def test_a_curators_approval_leaves_the_item_in_review_and_says_so(client, session, settings, curator):
    contribution, token = make_contribution(session, settings, files=("photo.jpg",))
    page = parse(client.get(f"/workspace/contributions/{contribution.id}?lang=en").text)
    assert page.find("form", class_="contribution-review").find("button", class_="button").text == (
        "Approve and send for review"
    )
    response = _approve(client, contribution)
    assert response.status_code == 303 and response.headers["location"].endswith("?done=in_review")
    item = session.get(Item, contribution.created_item_id)
    assert (contribution.status, item.status) == (APPROVED, "in_review")
    review = parse(client.get(response.headers["location"] + "&lang=en").text)
    assert "Approved, awaiting a supervisor's review" in review.find("h1").text
    assert "not published yet" in review.text
    queue = parse(client.get("/workspace/contributions?status=approved&lang=en").text).text
    assert "Approved, awaiting a supervisor's review" in queue
    logout(client)
    assert client.get(f"/items/{item.identifier}").status_code == 404
    status = parse(client.get(f"/contribute/status/{token}?lang=en").text)
    assert "published" not in status.find(role="status").text and "accepted" in status.find(role="status").text
    assert not status.find_all("a", class_="button")


def test_a_memory_about_an_existing_item_is_published_linked_to_it(client, session, settings, supervisor):
    place = make_place(session, "Cité Ottange")
    house = make_item(session, identifier="MAISON-7", title="Maison de la cité", place_id=place.id)
    contribution, _token = make_contribution(
        session,
        settings,
        files=("sound.mp3",),
        target_item_id=house.id,
        credit_choice=ANONYMOUS,
        display_name=None,
        rights=RESERVED,
    )
    assert _approve(client, contribution, item="MAISON-7").status_code == 303
    item = session.get(Item, contribution.created_item_id)
    assert (item.kind, item.relation, item.place_id, item.rights) == ("memory", "MAISON-7", place.id, RESERVED)
    page = client.get(f"/items/{item.identifier}?lang=en")
    assert "Anonyme" in page.text and "Jeanne" not in page.text and "MAISON-7" in page.text
    image_free = session.scalars(select(Media).where(Media.item_id == item.id)).one()
    assert image_free.media_type == "audio"
    assert client.get("/items/MAISON-7").status_code == 200


def test_moderators_correct_the_text_and_place_before_deciding(client, session, settings, curator):
    place = make_place(session, "Butte")
    contribution, _token = make_contribution(session, settings, place_text="la butte")
    data = form(
        client,
        title="La butte",
        story="Texte corrigé.",
        date_text="années 1960",
        place=str(place.id),
        place_text="",
        item="",
    )
    response = client.post(f"/workspace/contributions/{contribution.id}/edit", data=data, follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"].endswith("?done=saved")
    assert (contribution.title, contribution.story, contribution.place_id, contribution.place_text) == (
        "La butte",
        "Texte corrigé.",
        place.id,
        None,
    )
    assert (contribution.date_earliest, contribution.date_latest, contribution.status) == (1960, 1969, PENDING)


@pytest.mark.parametrize(
    "fields, field",
    [
        ({"title": " "}, "title"),
        ({"story": ""}, "story"),
        ({"item": "NOWHERE"}, "item"),
        ({"place": "99999"}, "place"),
    ],
)
def test_an_incomplete_approval_comes_back_with_the_message_next_to_the_field(
    client, session, settings, curator, fields, field
):
    contribution, _token = make_contribution(session, settings)
    response = _approve(client, contribution, **fields)
    assert response.status_code == 400 and contribution.status == PENDING
    assert parse(response.text).find("p", id=f"review-{field}-error" if field != "item" else "review-item-error")


def test_rejecting_needs_a_reason_which_the_resident_reads(client, session, settings, curator):
    contribution, token = make_contribution(session, settings)
    url = f"/workspace/contributions/{contribution.id}/reject"
    assert client.post(url, data=form(client, reason=" ")).status_code == 400
    reason = "Merci ! Cette photo montre Esch-sur-Alzette, pas Villerupt."
    response = client.post(url, data=form(client, reason=reason), follow_redirects=False)
    assert response.status_code == 303 and contribution.status == REJECTED
    assert session.scalar(select(AuditEvent.details).where(AuditEvent.action == "contribution.reject")) == {
        "reason": reason
    }
    logout(client)
    status = client.get(f"/contribute/status/{token}?lang=en")
    assert reason in status.text and "decided not to publish" in status.text
    assert (
        session.scalar(select(Item).where(Item.descriptions.is_not(None)).where(Item.identifier.like("MEMOIRE%")))
        is None
    )


def test_a_decided_contribution_cannot_be_decided_again(client, session, settings, curator):
    contribution, _token = make_contribution(session, settings, REJECTED)
    assert _approve(client, contribution).status_code == 409
    assert (
        client.post(
            f"/workspace/contributions/{contribution.id}/reject", data=form(client, reason="encore")
        ).status_code
        == 409
    )
    assert contribution.created_item_id is None


@pytest.mark.parametrize("role, status", [("contributor", 403), ("curator", 200), ("supervisor", 200), ("admin", 200)])
def test_only_staff_open_the_queue(client, session, role, status):
    login(client, make_user(session, role=role))
    assert client.get("/workspace/contributions").status_code == status


def test_visitors_are_asked_to_log_in(client):
    assert client.get("/workspace/contributions").status_code == 401


@pytest.mark.parametrize(
    "path",
    [
        "/workspace/contributions/99999999999999999999999",
        "/workspace/contributions/1/files/99999999999999999999",
        "/workspace/contributions?page=99999999999999999999",
        "/api/v1/contributions/99999999999999999999",
    ],
)
def test_huge_numbers_are_refused_without_a_server_error(client, session, curator, path):
    assert client.get(path, headers=bearer(session, curator)).status_code == 400
