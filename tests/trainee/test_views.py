"""The cohort and trainee pages of the workspace through their plain forms: valid and invalid input, hostile
input, who may see what, and a trainee's own page that cannot touch the follow-up data."""

import io
import re

import pytest
from PIL import Image
from sqlalchemy import func, select

from app.account.models import PasswordReset, User
from app.item.models import Item
from app.trainee import service as trainee_service
from app.trainee.models import Cohort, TraineeProfile
from tests.factories import form, login, make_user
from tests.trainee.factories import make_cohort, make_trainee
from tests.web.html import parse


@pytest.fixture
def supervisor(session):
    return make_user(session, "claire", role="supervisor", display_name="Claire Weber")


@pytest.fixture
def english(client):
    client.cookies.set("museum_lang", "en", domain="testserver.local")


def post(client, url, **fields):
    return client.post(url, data=form(client, **fields), follow_redirects=False)


def cohort_fields(**changes) -> dict:
    values = {
        "name": "Promotion d'essai",
        "slug": "",
        "starts_on": "2026-09-07",
        "ends_on": "2027-03-05",
        "funders": "Région Grand Est\n\nFonds social européen+\n",
    }
    return values | changes


def profile_fields(of, **changes) -> dict:
    values = {
        "cohort": of.slug,
        "account": "new",
        "name": "amelie",
        "display_name": "Amélie R.",
        "email": "",
        "starts_on": "2026-09-07",
        "ends_on": "2027-03-05",
        "weekly_hours": "35",
        "languages": ["fr", "de"],
        "other_languages": "es pt-BR",
        "public_name": "Amélie",
        "origin": "LU",
        "gender": "",
        "outcome": "",
        "outcome_on": "",
        "outcome_note": "",
    }
    return values | changes


def test_a_supervisor_creates_a_cohort_and_its_slug_comes_from_its_name(client, session, supervisor):
    login(client, supervisor)
    answer = post(client, "/workspace/cohorts", **cohort_fields(supervisors=[str(supervisor.id)]))
    assert answer.status_code == 303, answer.text
    assert answer.headers["location"].endswith("/workspace/cohorts/promotion-d-essai?done=created")
    cohort = trainee_service.cohort_by_slug(session, "promotion-d-essai")
    assert cohort.funders == ["Région Grand Est", "Fonds social européen+"]
    assert [user.name for user in cohort.supervisors] == ["claire"]
    listing = client.get("/workspace/cohorts")
    assert "Promotion d&#39;essai" in listing.text and "Fonds social européen+" in listing.text


@pytest.mark.parametrize(
    "changes, field, message",
    [
        ({"name": ""}, "name", "Give the cohort's name."),
        ({"starts_on": ""}, "starts_on", "Give the date"),
        ({"starts_on": "07/09/2026"}, "starts_on", "year-month-day"),
        ({"ends_on": "2026-01-01"}, "ends_on", "The end cannot come before the start."),
        ({"slug": "Pas Un Slug!"}, "slug", "lowercase letters"),
        ({"name": "x" * 300}, "name", "too long"),
        ({"funders": "\n".join(f"F{n}" for n in range(30))}, "funders", "at most 20 funders"),
        ({"name": "bad\x00name"}, "name", "control characters"),
    ],
)
def test_a_wrong_cohort_form_comes_back_with_a_message_next_to_the_field(
    client, session, supervisor, english, changes, field, message
):
    login(client, supervisor)
    answer = post(client, "/workspace/cohorts", **cohort_fields(**changes))
    assert answer.status_code == 422
    error = parse(answer.text).find(id=f"f-{field}-error")
    assert error is not None and message in error.text
    assert session.scalar(select(Cohort).where(Cohort.name == "Promotion d'essai")) is None


def test_a_taken_slug_and_a_hostile_supervisor_list_are_refused_without_an_error(client, session, supervisor, english):
    make_cohort(session, slug="promo")
    login(client, supervisor)
    answer = post(client, "/workspace/cohorts", **cohort_fields(slug="promo"))
    assert answer.status_code == 422 and "Another cohort already has this address." in answer.text
    curator = make_user(session, role="curator")
    answer = post(client, "/workspace/cohorts", **cohort_fields(supervisors=["x", "-1", "99999", str(curator.id)]))
    assert answer.status_code == 303
    assert trainee_service.cohort_by_slug(session, "promotion-d-essai").supervisors == []


def test_editing_a_cohort_keeps_its_address(client, session, supervisor):
    cohort = make_cohort(session, slug="promo", name="Promo")
    login(client, supervisor)
    answer = post(client, "/workspace/cohorts/promo/edit", **cohort_fields(name="Promo renommée", slug="autre"))
    assert answer.status_code == 303
    session.refresh(cohort)
    assert (cohort.slug, cohort.name, cohort.ends_on.isoformat()) == ("promo", "Promo renommée", "2027-03-05")
    assert client.get("/workspace/cohorts/promo/edit").status_code == 200
    assert client.get("/workspace/cohorts/nope").status_code == 404


def test_a_new_trainee_gets_an_account_a_password_link_and_a_profile(client, session, supervisor):
    cohort = make_cohort(session)
    login(client, supervisor)
    answer = post(client, "/workspace/trainees", **profile_fields(cohort))
    assert answer.status_code == 201, answer.text
    user = session.scalar(select(User).where(User.name == "amelie"))
    assert user.role == "curator" and user.display_name == "Amélie R."
    assert "/account/reset/" in answer.text
    assert session.scalar(select(PasswordReset).where(PasswordReset.user_id == user.id)) is not None
    profile = trainee_service.profile_of(session, user.id)
    assert profile.languages == ["fr", "de", "es", "pt-BR"] and profile.origin == "LU" and profile.gender is None
    assert len(profile.portfolio_key) == 22 and profile.public_choices == {}
    assert "Amélie R." in client.get(f"/workspace/cohorts/{cohort.slug}").text


def test_an_existing_contributor_becomes_a_curator_trainee(client, session, supervisor):
    cohort = make_cohort(session)
    resident = make_user(session, "resident", role="contributor")
    login(client, supervisor)
    answer = post(client, "/workspace/trainees", **profile_fields(cohort, account="existing", existing="resident"))
    assert answer.status_code == 303
    session.refresh(resident)
    assert resident.role == "curator" and trainee_service.profile_of(session, resident.id) is not None


@pytest.mark.parametrize("role", ["admin", "supervisor"])
def test_a_supervisor_or_admin_account_cannot_be_a_trainee(client, session, supervisor, english, role):
    cohort = make_cohort(session)
    make_user(session, "boss", role=role)
    login(client, supervisor)
    answer = post(client, "/workspace/trainees", **profile_fields(cohort, account="existing", existing="boss"))
    assert answer.status_code == 422
    assert "a trainee needs an account of their own" in parse(answer.text).find(id="f-existing-error").text
    assert session.scalar(select(TraineeProfile)) is None


@pytest.mark.parametrize(
    "changes, field, message",
    [
        ({"weekly_hours": "0"}, "weekly_hours", "more than 0, at most 48"),
        ({"weekly_hours": "49"}, "weekly_hours", "more than 0, at most 48"),
        ({"weekly_hours": "nan"}, "weekly_hours", "more than 0, at most 48"),
        ({"weekly_hours": "trente"}, "weekly_hours", "more than 0, at most 48"),
        ({"other_languages": "klingon!"}, "other_languages", "is not a language code"),
        ({"other_languages": "zz"}, "other_languages", "is not a language code"),
        ({"origin": "DE"}, "origin", "Choose one of the options."),
        ({"gender": "<script>"}, "gender", "Choose one of the options."),
        ({"outcome": "lottery"}, "outcome", "Choose one of the options."),
        ({"outcome_on": "demain"}, "outcome_on", "year-month-day"),
        ({"cohort": "nope"}, "cohort", "Choose the trainee's cohort."),
        ({"name": "A B"}, "name", "2 to 64 characters"),
        ({"display_name": ""}, "display_name", "Give the name shown on the site."),
        ({"email": "not-an-address"}, "email", "e-mail address"),
        ({"account": "existing", "existing": "ghost"}, "existing", "There is no account named"),
        ({"outcome_note": "x" * 6000}, "outcome_note", "too long"),
    ],
)
def test_a_wrong_trainee_form_comes_back_with_a_message(client, session, supervisor, english, changes, field, message):
    cohort = make_cohort(session)
    login(client, supervisor)
    answer = post(client, "/workspace/trainees", **profile_fields(cohort, **changes))
    assert answer.status_code == 422, answer.text
    error = parse(answer.text).find(id=f"f-{field}-error")
    assert error is not None and message in error.text
    assert session.scalar(select(TraineeProfile)) is None


def test_a_supervisor_edits_every_field_the_follow_up_included(client, session, supervisor):
    profile = make_trainee(session)
    other = make_cohort(session, slug="autre")
    login(client, supervisor)
    assert "Follow-up" in client.get(f"/workspace/trainees/{profile.id}?lang=en").text
    fields = profile_fields(
        other, outcome="job", outcome_on="2027-02-01", outcome_note="CDI chez un imprimeur", gender="woman"
    )
    answer = post(client, f"/workspace/trainees/{profile.id}", **fields | {"weekly_hours": "24,5"})
    assert answer.status_code == 303, answer.text
    session.refresh(profile)
    assert (profile.outcome, profile.outcome_note, profile.gender) == ("job", "CDI chez un imprimeur", "woman")
    assert profile.weekly_hours == 24.5 and profile.cohort_id == other.id
    assert client.get("/workspace/trainees/999999").status_code == 404


def test_a_trainee_changes_only_their_languages_and_public_name(client, session):
    profile = make_trainee(session, origin="FR", outcome="training", outcome_note="Note de suivi", weekly_hours=35.0)
    login(client, session.get(User, profile.user_id))
    page = client.get("/workspace/me/trainee?lang=en")
    assert page.status_code == 200
    assert "Note de suivi" not in page.text and "outcome" not in page.text and "weekly_hours" not in page.text
    answer = post(
        client,
        "/workspace/me/trainee",
        languages=["de", "lb"],
        other_languages="pl",
        public_name="Nadia",
        outcome="job",
        outcome_note="changed by the trainee",
        origin="LU",
        gender="man",
        weekly_hours="10",
        starts_on="2020-01-01",
        cohort="autre",
    )
    assert answer.status_code == 303
    session.refresh(profile)
    assert (profile.languages, profile.public_name) == (["de", "lb", "pl"], "Nadia")
    assert (profile.outcome, profile.outcome_note, profile.origin, profile.gender) == (
        "training",
        "Note de suivi",
        "FR",
        None,
    )
    assert profile.weekly_hours == 35.0 and profile.starts_on.isoformat() == "2026-01-05"


def test_a_trainee_uploads_then_removes_a_photo(client, session, settings):
    profile = make_trainee(session)
    login(client, session.get(User, profile.user_id))
    buffer = io.BytesIO()
    exif = Image.Exif()
    exif[0x010F] = "Camera maker"  # Make
    Image.new("RGB", (1200, 1600), (120, 90, 60)).save(buffer, "JPEG", exif=exif)
    answer = client.post(
        "/workspace/me/trainee/photo",
        data=form(client),
        files={"photo": ("moi.jpg", buffer.getvalue(), "image/jpeg")},
        follow_redirects=False,
    )
    assert answer.status_code == 303, answer.text
    session.refresh(profile)
    assert profile.photo_path and (settings.media_dir / profile.photo_path).is_file()
    assert session.scalar(select(func.count()).select_from(Item)) == 0  # a photo is no catalog item
    page = client.get("/workspace/me/trainee")
    thumb = re.search(r'class="trainee-photo" src="([^"]+)"', page.text)
    served = client.get(thumb.group(1).replace("&amp;", "&")) if thumb else None
    assert served is not None and served.status_code == 200
    with Image.open(io.BytesIO(served.content)) as image:
        assert image.size == (360, 480) and not image.getexif()  # made small, its metadata dropped
    assert post(client, "/workspace/me/trainee/photo", action="remove").status_code == 303
    session.refresh(profile)
    assert profile.photo_path is None
    assert client.get("/workspace/me/trainee/photo.jpg").status_code == 404


def test_a_file_that_is_not_an_image_is_refused_as_a_photo(client, session, english):
    profile = make_trainee(session)
    login(client, session.get(User, profile.user_id))
    answer = client.post(
        "/workspace/me/trainee/photo",
        data=form(client),
        files={"photo": ("moi.jpg", b"%PDF-1.4 not an image", "image/jpeg")},
        follow_redirects=False,
    )
    assert answer.status_code == 422
    assert parse(answer.text).find(id="f-photo-error") is not None
    assert post(client, "/workspace/me/trainee/photo").status_code == 422


def test_another_curator_gets_403_on_a_trainee_page(client, session):
    cohort = make_cohort(session)
    profile = make_trainee(session, cohort=cohort, outcome_note="Note privée")
    other = make_trainee(session)
    login(client, session.get(User, other.user_id))
    for url in (f"/workspace/trainees/{profile.id}", "/workspace/cohorts", f"/workspace/cohorts/{cohort.slug}"):
        answer = client.get(url)
        assert answer.status_code == 403 and "Note privée" not in answer.text
    assert post(client, f"/workspace/trainees/{profile.id}", outcome_note="x").status_code == 403


def test_an_account_without_a_profile_is_told_so(client, session, english):
    login(client, make_user(session, role="curator"))
    assert "no trainee profile" in client.get("/workspace/me/trainee").text
    assert post(client, "/workspace/me/trainee", public_name="x").status_code == 404


def test_the_dashboard_links_to_the_cohorts_for_supervisors_only(client, session, supervisor, english):
    login(client, supervisor)
    assert "/workspace/cohorts" in client.get("/workspace").text
    login(client, make_user(session, role="curator"))
    page = client.get("/workspace").text
    assert "/workspace/cohorts" not in page and "/workspace/me/trainee" in page


@pytest.mark.parametrize(
    "url",
    [
        "/workspace/trainees/abc",
        "/workspace/trainees/99999999999999999999999",
        "/workspace/cohorts/%3Cscript%3E",
        "/workspace/trainees/new?cohort=%00%3Cscript%3E",
    ],
)
def test_hostile_addresses_get_a_proper_answer(client, session, supervisor, url):
    login(client, supervisor)
    answer = client.get(url)
    assert answer.status_code in (200, 400, 404, 422) and "<script>" not in answer.text
