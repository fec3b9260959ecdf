"""The report's page, its CSV and PDF: the same figures as shown, the filters, bad input, and nothing personal."""

import csv
import io

import pytest
from pypdf import PdfReader

from app.trainee.models import Cohort
from tests.factories import login, make_user
from tests.report.fixture import build
from tests.web.html import parse

PERIOD = {"from": "2026-01-01", "to": "2026-06-30"}


@pytest.fixture
def programme(session):
    return build(session)


@pytest.fixture
def supervisor(client, session):
    return login(client, make_user(session, role="supervisor"))


def figures_of(html: str) -> dict[str, str]:
    """{figure: value} of the page's tables."""
    rows = parse(html).find_all("tr")
    return {row.find("th").text.strip(): row.find("td").text.strip() for row in rows if row.find_all("td")}


def params(programme, **more) -> dict:
    return {"cohort": str(programme.founding.id), **PERIOD, "lang": "en"} | more


def test_the_page_shows_the_cohorts_figures_and_charts(supervisor, programme):
    response = supervisor.get("/workspace/report", params=params(programme))
    assert response.status_code == 200
    shown = figures_of(response.text)
    assert shown["Trainees"] == "13"
    assert shown["Hours logged"] == "5.0"
    assert shown["Origin: France"] == "5 (38 %)" and shown["Origin: Luxembourg"] == "< 5"
    assert shown["Catalogue an item: done"] == "3" and shown["Catalogue an item: approved"] == "2"
    assert shown["Minutes of interviews transcribed"] == "12"
    assert shown["Public visits"] == "67"
    assert shown["A job"] == "6 (46 %)" and shown["Positive outcomes"] == "77 %"
    page = parse(response.text)
    charts = page.find_all("svg")
    assert {chart.get("id") for chart in charts} == {"chart-hours", "chart-tasks", "chart-outcomes"}
    for chart in charts:
        assert chart.get("role") == "img" and chart.get("aria-label")
        assert chart.find("title").text and chart.find("desc").text
    assert "job or a qualifying training" in page.find("p", **{"class": "note report-definition"}).text


def test_nothing_personal_appears(supervisor, session, programme):
    first = programme.trainees[0]
    first.outcome_note = "Embauchée chez ArcelorMittal Esch"
    first.public_name = "Jeanne Trainee"
    session.flush()
    for path in ("/workspace/report", "/workspace/report.csv"):
        text = supervisor.get(path, params=params(programme)).content.decode("utf-8-sig")
        assert "ArcelorMittal" not in text and "Jeanne Trainee" not in text
        assert not any(user in text for user in ("curator-",))


def test_the_cohort_filter(supervisor, programme):
    everyone = figures_of(supervisor.get("/workspace/report", params={**PERIOD, "lang": "en"}).text)
    other = figures_of(supervisor.get("/workspace/report", params=params(programme, cohort=programme.other.id)).text)
    assert everyone["Trainees"] == "14" and everyone["Hours logged"] == "7.0"
    assert other["Trainees"] == "< 5" and other["Hours logged"] == "2.0"


def test_the_period_filter_and_the_default_period(supervisor, programme):
    february = figures_of(supervisor.get("/workspace/report", params=params(programme, to="2026-02-28")).text)
    assert february["Hours logged"] == "4.0"  # January's 1.5 and February's 2.5
    page = parse(supervisor.get("/workspace/report", params={"cohort": programme.founding.id}).text)
    assert page.find("input", id="f-from").get("value") == "2026-01-05"
    assert page.find("input", id="f-to").get("value") == "2026-06-30"


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"from": "2026-13-01"}, "is not a date"),
        ({"to": "soon"}, "is not a date"),
        ({"from": "2026-06-01", "to": "2026-01-01"}, "must not be after"),
        ({"cohort": "999999"}, "no such cohort"),
        ({"cohort": "=cmd()"}, "no such cohort"),
        ({"from": "0001-01-01"}, "between 1900 and 2999"),
        ({"to": "9999-12-31"}, "between 1900 and 2999"),
    ],
)
@pytest.mark.parametrize("path", ["/workspace/report", "/workspace/report.csv", "/workspace/report.pdf"])
def test_bad_input_shows_the_form_again_with_a_message(supervisor, query, message, path):
    response = supervisor.get(path, params={"lang": "en", **query})
    assert response.status_code == 400
    page = parse(response.text)
    assert message in page.find("div", role="alert").text
    assert page.find("form", **{"class": "report-form"})


def test_the_csv_has_one_row_per_figure_as_shown(supervisor, programme):
    response = supervisor.get("/workspace/report.csv", params=params(programme))
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/csv; charset=utf-8"
    assert response.content.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == ["Section", "Figure", "Value"]
    values = {row[1]: row[2] for row in rows[1:]}
    assert values["Cohort"] == "Action fondatrice"
    assert values["Period"] == "2026-01-01 – 2026-06-30"
    assert values["Trainees"] == "13" and values["Origin: Luxembourg"] == "< 5"
    assert values["Positive outcomes"] == "77 %" and values["Public visits"] == "67"
    page = figures_of(supervisor.get("/workspace/report", params=params(programme)).text)
    assert {label: value for label, value in values.items() if label in page} == page


def test_a_cohort_named_as_a_formula_is_text_in_the_csv(supervisor, session, programme):
    programme.founding.name = "=cmd()"
    session.flush()
    rows = list(csv.reader(io.StringIO(supervisor.get("/workspace/report.csv", params=params(programme)).text)))
    assert ["Report", "Cohort", "'=cmd()"] in rows
    assert not any(cell.startswith(("=", "+", "-", "@")) for row in rows for cell in row)


def test_the_pdf_shows_the_pages_figures(supervisor, programme):
    response = supervisor.get("/workspace/report.pdf", params=params(programme))
    assert response.status_code == 200 and response.headers["content-type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    text = " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)
    page = figures_of(supervisor.get("/workspace/report", params=params(programme)).text)
    for label, value in page.items():
        assert f"{label} {value}" in text, label
    assert reader.trailer["/Root"]["/Lang"] == "en"
    assert "/StructTreeRoot" in reader.trailer["/Root"]
    assert "Funders' report" in reader.metadata.title


def links_the_report(client) -> bool:
    links = parse(client.get("/workspace").text).find_all("a")
    return any((link.get("href") or "").endswith("/workspace/report") for link in links)


def test_the_dashboard_links_the_report_for_supervisors_only(client, session):
    login(client, make_user(session, role="supervisor"))
    assert links_the_report(client)
    login(client, make_user(session, role="curator"))
    assert not links_the_report(client)


@pytest.mark.parametrize("path", ["/workspace/report", "/workspace/report.csv", "/workspace/report.pdf"])
def test_curators_are_refused_and_visitors_asked_to_log_in(client, session, path):
    assert client.get(path).status_code == 401
    login(client, make_user(session, role="curator"))
    assert client.get(path).status_code == 403


def test_no_cohort_yet_still_makes_a_report(supervisor, session):
    assert session.query(Cohort).count() == 0
    response = supervisor.get("/workspace/report", params={"lang": "en"})
    assert response.status_code == 200
    assert figures_of(response.text)["Trainees"] == "< 5"
