"""The portfolio's pages and PDFs over HTTP: the trainee's choices, and what the public page and PDF may show."""

import io

import pytest
from pypdf import PdfReader

from tests.factories import form, login, make_user
from tests.portfolio.conftest import EXHIBIT_TITLE, PERSONAL, PUBLIC_TITLE, SECRET_TITLE, publish
from tests.trainee.factories import make_trainee, with_photo


def _pdf_text(response) -> str:
    assert response.status_code == 200 and response.headers["content-type"] == "application/pdf"
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)


def _public(client, known, suffix=""):
    return client.get(f"/portfolio/{known.profile.portfolio_key}{suffix}")


def test_the_trainee_sees_everything_of_their_portfolio(client, known):
    login(client, known.user)
    page = client.get("/workspace/portfolio?lang=en")
    assert page.status_code == 200
    for text in (PUBLIC_TITLE, SECRET_TITLE, EXHIBIT_TITLE, "Notice claire et complète.", "Sophie Martin"):
        assert text in page.text
    assert "Nothing of your portfolio is public" in page.text
    assert 'content="noindex"' in page.text


def test_an_account_without_a_trainee_profile_is_told_why_it_has_no_portfolio(client, session):
    login(client, make_user(session, role="curator"))
    page = client.get("/workspace/portfolio?lang=en")
    assert page.status_code == 200 and "has no trainee profile" in page.text


@pytest.mark.parametrize("suffix", ["", ".pdf"])
def test_with_nothing_public_the_public_page_and_pdf_are_404(client, known, suffix):
    assert _public(client, known, suffix).status_code == 404
    assert client.get(f"/portfolio/no-such-key{suffix}").status_code == 404


def test_the_choices_form_publishes_the_chosen_sections_and_works(client, session, known):
    login(client, known.user)
    hidden = known.tasks["exhibit_page"].id
    shown = [str(t.id) for key, t in known.tasks.items() if key != "exhibit_page"]
    data = form(client, public="1", sections=["work", "competences"], show=shown, public_name="Camille R.")
    answer = client.post("/workspace/portfolio", data=data, follow_redirects=False)
    assert answer.status_code == 303
    session.refresh(known.profile)
    assert known.profile.public_choices == {
        "public": True,
        "sections": ["work", "competences"],
        "hidden": [hidden],
        "indexed": False,
    }
    mine = client.get("/workspace/portfolio?lang=en")
    assert f"/portfolio/{known.profile.portfolio_key}" in mine.text
    client.cookies.clear()
    page = _public(client, known, "?lang=en")
    assert page.status_code == 200
    assert PUBLIC_TITLE in page.text and EXHIBIT_TITLE not in page.text  # the exhibit page was unticked
    assert "Competences shown" in page.text
    assert "Tasks and hours by type" not in page.text and "Notice claire" not in page.text
    assert 'name="robots" content="noindex"' in page.text


def test_a_public_name_too_long_is_refused_with_a_message(client, session, known):
    login(client, known.user)
    answer = client.post("/workspace/portfolio?lang=en", data=form(client, public_name="x" * 200))
    assert answer.status_code == 400 and "at most 120 characters" in answer.text
    session.refresh(known.profile)
    assert known.profile.public_name == "Camille R."


def test_an_indexed_portfolio_drops_noindex(client, session, known):
    publish(session, known.profile, indexed=True)
    assert 'content="noindex"' not in _public(client, known).text


def test_public_page_never_names_a_non_public_record_nor_personal_data(client, session, known):
    publish(session, known.profile)
    page = _public(client, known, "?lang=en")
    assert page.status_code == 200
    assert PUBLIC_TITLE in page.text and EXHIBIT_TITLE in page.text and "Camille R." in page.text
    assert "Notice claire et complète." in page.text and "Sophie Martin" in page.text
    assert SECRET_TITLE not in page.text
    assert known.draft_item.identifier not in page.text
    for secret in [*PERSONAL.values(), "27.5", "27,5"]:
        assert secret not in page.text, secret


@pytest.mark.parametrize("lang, heading", [("fr", "Portfolio de"), ("de", "Portfolio von")])
def test_public_pdf_shows_what_the_page_shows_and_nothing_private(client, session, known, lang, heading):
    publish(session, known.profile)
    text = _pdf_text(_public(client, known, f".pdf?lang={lang}"))
    assert heading in text and "Camille R." in text and PUBLIC_TITLE in text
    assert SECRET_TITLE not in text
    for secret in PERSONAL.values():
        assert secret not in text, secret


def test_the_pdf_is_tagged_and_in_the_chosen_language(client, session, known):
    publish(session, known.profile)
    reader = PdfReader(io.BytesIO(_public(client, known, ".pdf?lang=de").content))
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "de"
    assert root["/MarkInfo"]["/Marked"]


def test_the_trainee_pdf_has_everything(client, known):
    login(client, known.user)
    text = _pdf_text(client.get("/workspace/portfolio.pdf?lang=fr"))
    assert SECRET_TITLE in text and PUBLIC_TITLE in text


def test_a_supervisor_sees_any_trainee_portfolio(client, session, known):
    login(client, make_user(session, role="supervisor"))
    page = client.get(f"/workspace/trainees/{known.profile.id}/portfolio?lang=en")
    assert page.status_code == 200 and SECRET_TITLE in page.text
    assert client.get("/workspace/trainees/999999/portfolio").status_code == 404


def test_a_forgotten_trainee_public_page_is_404(client, session, known):
    publish(session, known.profile)
    known.profile.user_id = None
    session.flush()
    assert _public(client, known).status_code == 404


def test_an_example_trainee_carries_a_fictional_banner(client, session):
    profile = make_trainee(session, example=True, public_name="Exemple E.")
    publish(session, profile)
    page = client.get(f"/portfolio/{profile.portfolio_key}?lang=en")
    assert page.status_code == 200 and "Fictional example" in page.text


def test_the_photo_shows_on_the_public_page_only_when_the_trainee_chose_it(client, session, settings, known):
    with_photo(session, known.profile, settings)
    publish(session, known.profile, sections=["work"])
    assert 'class="portfolio-photo"' not in _public(client, known).text
    assert _public(client, known, "/photo.jpg").status_code == 404
    publish(session, known.profile, sections=["photo", "work"])
    assert 'class="portfolio-photo"' in _public(client, known).text
    photo = _public(client, known, "/photo.jpg")
    assert photo.status_code == 200 and photo.headers["content-type"] == "image/jpeg"
    known.profile.public_choices = {}
    session.flush()
    assert _public(client, known, "/photo.jpg").status_code == 404
