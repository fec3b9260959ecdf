"""The timeline page: the same periods, counts, spans and items as the JSON endpoint, as links and a form that work
without JavaScript; the home page leads to it and to the map."""

import pytest

from tests.web.html import parse

LEVELS = [{}, {"century": 1900}, {"decade": 1930}, {"year": 1932}, {"undated": "true"}, {"century": 1800}]


def _page(client, **params):
    response = client.get("/timeline", params=params)
    assert response.status_code == 200, response.text
    return parse(response.text)


def _path(url: str) -> str:
    return url.removeprefix("http://testserver")


@pytest.mark.parametrize("level", LEVELS, ids=[str(level) for level in LEVELS])
@pytest.mark.parametrize("filters", [{}, {"kind": "building"}, {"q": "objet"}], ids=["all", "building", "words"])
def test_the_page_shows_what_the_json_endpoint_answers(client, dated, level, filters):
    answer = client.get("/api/v1/timeline", params=level | filters).json()
    doc = _page(client, **level, **filters)
    periods = doc.find_all("ul", class_="timeline-periods")
    links = periods[0].find_all("a") if periods else []
    assert [_path(link.get("href")) for link in links] == [_path(p["url"]) for p in answer["periods"]]
    counts = [link.find("span", class_="timeline-count").text for link in links]
    assert counts == [f"{p['count']} élément{'s' if p['count'] > 1 else ''}" for p in answer["periods"]]
    cards = doc.find_all("ul", class_="timeline-items")
    shown = [_path(a.get("href")) for a in cards[0].find_all("a")] if cards else []
    assert shown == [_path(entry["url"]) for entry in answer["items"]]
    assert doc.find("p", class_="lead-figure").text.startswith(f"{answer['total']} élément")
    assert doc.find("h1").text == answer["period"]["label"]


def test_items_dated_across_periods_show_their_years_never_a_single_year(client, dated):
    doc = _page(client, century=1900)
    entry = doc.find("ul", class_="timeline-items").find("li")
    assert entry.find("p", class_="timeline-span").text == "1925–1935"
    assert "vers 1930" in entry.text
    assert "Datés dans ce siècle, sur plusieurs de ses décennies" in doc.find("h2", id="own-title").text


def test_the_top_page_counts_the_undated_items_and_links_to_them(client, dated):
    doc = _page(client)
    link = doc.find("section", class_="timeline-undated").find("a")
    assert link.text == "2 éléments n'ont pas de date"
    assert _path(link.get("href")) == "/timeline?undated=1"
    undated = _page(client, undated="1")
    assert {a.text for a in undated.find("ul", class_="timeline-items").find_all("a")} == {
        "Objet T-UNDATED-1",
        "Objet T-UNDATED-2",
    }


def test_the_breadcrumb_leads_back_up_with_the_filters(client, dated):
    doc = _page(client, decade=1930, kind="building")
    crumbs = doc.find("nav", class_="breadcrumb")
    assert [li.text for li in crumbs.find_all("li")] == ["Frise chronologique", "XXe siècle", "années 1930"]
    assert [_path(a.get("href")) for a in crumbs.find_all("a")] == [
        "/timeline?kind=building",
        "/timeline?century=1900&kind=building",
    ]
    assert crumbs.find("li", aria_current="page").text == "années 1930"


def test_the_filter_form_keeps_the_level_and_works_without_javascript(client, dated):
    form = _page(client, century=1900, subject="cites").find("form", class_="filters")
    assert form.get("method") == "get" and _path(form.get("action")) == "/timeline"
    hidden = {i.get("name"): i.get("value") for i in form.find_all("input", type="hidden")}
    assert hidden == {"century": "1900", "subject": "cites"}
    assert {s.get("name") for s in form.find_all("select")} >= {"kind"}


def test_the_page_speaks_each_language(client, dated):
    assert _page(client, decade=1930, lang="de").find("h1").text == "1930er Jahre"
    assert _page(client, lang="en").find("h1").text == "Timeline"
    assert _page(client, lang="lb").find("h1").text == "Zäitlinn"


def test_the_home_page_links_to_the_timeline_and_the_map(client, dated):
    links = {_path(a.get("href")) for a in parse(client.get("/").text).find("ul", class_="intro-ways").find_all("a")}
    assert links == {"/timeline", "/map"}


def test_every_level_passes_the_nu_html_checker(client, dated, tmp_path):
    from tests.web.test_html_valid import JAVA, _check, _line

    if not JAVA:
        pytest.skip("java is not installed (apt-get install default-jre-headless)")
    pages = {
        f"{level} {lang}": client.get("/timeline", params=level | {"lang": lang}).text
        for level in [*LEVELS, {"century": 1900, "kind": "building", "q": "objet"}]
        for lang in ("fr", "de", "lb", "en")
    }
    folder = tmp_path / "pages"  # vnu reads every file of the folder: not the app's index and key beside it
    folder.mkdir()
    errors = [m for m in _check(pages, folder) if m["type"] in ("error", "non-document-error")]
    assert not errors, "\n".join(map(_line, errors))
