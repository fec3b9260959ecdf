"""Visiting exhibits: the list, the cover page and the pages, every block type shown without JavaScript, in
the visitor's language, with only what visitors may see; the staff's preview of a draft."""

import json

import pytest

from app.account import csrf
from app.interview.models import Interview
from tests.exhibit.conftest import every_block
from tests.factories import csrf_token, login, make_agent, make_exhibit, make_item, make_user
from tests.interview.conftest import redact
from tests.web.html import parse

PAGE = "/exhibits/la-cite-ouvriere/les-cites"


def _block(response, kind: str):
    return parse(response.text).find("div", class_=f"xb-{kind}")


def test_a_page_shows_every_block_type_without_javascript(client, exhibit, catalog):
    response = client.get(PAGE)
    assert response.status_code == 200
    a, b = catalog["a"].identifier, catalog["b"].identifier
    assert _block(response, "text").find("h4").text == "Les cités"
    assert _block(response, "text").find("em").text == "maisons"
    item = _block(response, "item")
    assert item.find("img").get("alt") == "La cité Bel-Air vue du ciel"
    assert item.find("a").get("href").endswith(f"/items/{a}")
    assert "La cité Bel-Air" in item.find("figcaption").text
    assert len(_block(response, "gallery").find_all("li")) == 2
    zoom = _block(response, "zoom")
    assert "/pct:10,20,30,40/^!960,960/0/default.jpg" in zoom.find("img").get("src")
    assert zoom.find("div", class_="zoomable").get("data-region") == "10.0,20.0,30.0,40.0"
    assert [p.text for p in _block(response, "compare").find_all("p", class_="xb-label")] == ["1910", "2020"]
    assert _block(response, "quote").find("cite").text == "Une habitante"
    assert [li.text for li in _block(response, "timeline").find_all("li")] == [
        "1880 Haut-fourneau de Micheville",
        "1910 Cité Bel-Air",
    ]
    drawn = _block(response, "map").find_all("g", class_="xb-map-point")
    assert [g.find("text").text for g in drawn] == ["1", "2"]
    assert f"/items/{b}" in _block(response, "map").find("ol").find_all("a")[1].get("href")


def test_the_map_block_carries_its_points_for_the_map_drawn_by_the_script(client, exhibit, catalog):
    response = client.get(PAGE)
    area = _block(response, "map").find("div", class_="points-map")
    assert area.get("aria-hidden") == "true" and area.get("data-tiles").startswith("https://")
    points = json.loads(area.get("data-points"))
    assert [point[0] for point in points] == [1, 2] and points[0][1:] == [49.47, 5.90]  # Bel-Air is where Thil is
    head = parse(response.text).find("head")
    assert any("leaflet.js" in (script.get("src") or "") for script in head.find_all("script"))


def test_a_moment_plays_its_clip_with_what_is_said_in_it(client, exhibit):
    moment = _block(client.get(PAGE), "moment")
    assert moment.find("audio").get("src").endswith("#t=1.5,4.5")
    assert [p.text for p in moment.find("div", class_="xb-transcript").find_all("p")] == [
        "AW — In Villerupt, near the blast furnaces.",
        "Q — What did your father do?",
    ]
    assert "t=1.5-4.5" in moment.find("a", href=True).get("href") or any(
        "t=1.5-4.5" in a.get("href") for a in moment.find_all("a")
    )


def test_a_moment_hides_redacted_words_and_nothing_shows_of_an_interview_on_request(
    client, session, exhibit, catalog, outbox
):
    redact(session, catalog["moment"], 3.2, 3.5)
    assert "father" not in client.get(PAGE).text
    session.add(Interview(item_id=catalog["moment"].id, access="on_request"))
    session.flush()
    moment = _block(client.get(PAGE), "moment")
    assert moment.children == [] or not moment.find_all("audio")
    assert "blast furnaces" not in client.get(PAGE).text


def test_unpublished_items_of_a_published_exhibit_are_not_shown(client, session, exhibit, catalog):
    catalog["b"].status = "draft"
    session.flush()
    response = client.get(PAGE)
    assert catalog["b"].identifier not in response.text
    assert "Haut-fourneau" not in response.text
    assert len(_block(response, "gallery").find_all("li")) == 1


@pytest.mark.parametrize(
    ("lang", "title", "body"),
    [("fr", "Les cités", "Les cités"), ("en", "The estates", "Les cités"), ("de", "Les cités", "Die Siedlungen")],
)
def test_texts_are_in_the_visitors_language_and_fallbacks_say_theirs(client, exhibit, lang, title, body):
    page = parse(client.get(f"{PAGE}?lang={lang}").text)
    heading = page.find("h1")
    assert heading.text == title
    assert heading.get("lang") == (None if lang in ("fr", "en") else "fr")
    text = page.find("div", class_="xb-text-body")
    assert text.text.startswith(body)
    assert text.get("lang") == (None if lang in ("fr", "de") else "fr")


def test_the_cover_page_has_credits_tags_contents_and_a_start_link(client, session, exhibit):
    writer = make_agent(session, "Nadia Benali")
    from app.exhibit.models import ExhibitAgent

    session.add(ExhibitAgent(exhibit_id=exhibit.id, agent_id=writer.id, role="catalogued_by"))
    exhibit.tags = ["sidérurgie"]
    session.flush()
    session.expire(exhibit)
    page = parse(client.get("/exhibits/la-cite-ouvriere?lang=en").text)
    assert page.find("h1").text == "La cité ouvrière"
    assert page.find("dl", class_="exhibit-credits").text == "Catalogued by Nadia Benali"
    assert page.find("ul", class_="exhibit-tags").text == "sidérurgie"
    assert [a.text for a in page.find("nav", class_="exhibit-contents").find_all("a")] == ["The estates", "La suite"]
    assert page.find("a", class_="button").get("href").endswith(PAGE)
    assert "Nadia Benali" in page.find("textarea", id="citation").text


def test_a_page_has_previous_next_a_permanent_link_and_a_citation(client, exhibit):
    page = parse(client.get("/exhibits/la-cite-ouvriere/la-suite").text)
    steps = page.find("nav", class_="exhibit-steps")
    assert steps.find("a", rel="prev").get("href").endswith(PAGE)
    assert not steps.find_all("a", rel="next")
    assert page.find("input", id="permalink").get("value") == "http://testserver/exhibits/la-cite-ouvriere/la-suite"
    assert "« La cité ouvrière : La suite »" in page.find("textarea", id="citation").text


def test_the_list_shows_published_exhibits_only(client, session, exhibit):
    make_exhibit(session, slug="brouillon", status="draft", titles={"fr": "Brouillon secret"})
    page = client.get("/exhibits")
    assert "La cité ouvrière" in page.text
    assert "Brouillon secret" not in page.text


@pytest.mark.parametrize("state", ["draft", "in_review", "withdrawn"])
@pytest.mark.parametrize("path", ["/exhibits/cachee", "/exhibits/cachee/debut", "/exhibits/cachee/nope"])
def test_guessing_the_address_of_an_exhibit_not_published_gives_404(client, session, state, path):
    make_exhibit(session, [make_item(session)], slug="cachee", status=state)
    assert client.get(path).status_code == 404


def test_an_unknown_page_is_a_404_and_a_pdf_address_is_left_to_the_booklet(client, exhibit):
    assert client.get("/exhibits/la-cite-ouvriere/no-such-page").status_code == 404
    response = client.get("/exhibits/la-cite-ouvriere.pdf")
    assert "exhibit-grid" not in response.text and "exhibit-cover" not in response.text


def test_the_staff_preview_shows_a_draft_with_its_unpublished_items(client, session, exhibit, catalog):
    catalog["b"].status = "draft"
    exhibit.status = "draft"
    session.flush()
    assert client.get(PAGE).status_code == 404
    login(client, make_user(session, "nadia", role="curator"))
    response = client.get("/workspace/exhibits/la-cite-ouvriere/preview/les-cites")
    assert response.status_code == 200
    page = parse(response.text)
    banner = page.find("div", class_="exhibit-preview")
    assert catalog["b"].identifier in banner.find("ul", class_="exhibit-unpublished").text
    assert len(page.find("div", class_="xb-gallery").find_all("li")) == 2
    # The preview's links stay in the preview; the permanent link is the public one.
    assert (
        page.find("nav", class_="exhibit-contents")
        .find("a")
        .get("href")
        .startswith("http://testserver/workspace/exhibits/la-cite-ouvriere/preview/")
    )
    assert page.find("input", id="permalink").get("value") == f"http://testserver{PAGE}"
    # The cover page shows no block, and its banner still names every item of the exhibit not published yet.
    cover = parse(client.get("/workspace/exhibits/la-cite-ouvriere/preview?lang=en").text)
    listed = cover.find("ul", class_="exhibit-unpublished").text
    assert catalog["b"].identifier in listed and catalog["a"].identifier not in listed


def test_visitors_cannot_open_the_preview(client, exhibit):
    assert client.get("/workspace/exhibits/la-cite-ouvriere/preview").status_code == 401


def test_an_item_page_lists_the_published_exhibits_it_is_in(client, session, exhibit, catalog):
    make_exhibit(session, [catalog["a"]], slug="brouillon", status="draft", titles={"fr": "Brouillon secret"})
    page = parse(client.get(f"/items/{catalog['a'].identifier}").text)
    section = page.find("h2", id="exhibits-title")
    assert section.text in ("Dans les expositions", "In the exhibits")
    text = client.get(f"/items/{catalog['a'].identifier}").text
    assert "La cité ouvrière" in text and "Brouillon secret" not in text


def test_the_home_page_shows_the_newest_and_the_featured_exhibit(client, session, exhibit):
    from datetime import datetime

    exhibit.published_at = datetime(2026, 1, 1)
    make_exhibit(session, slug="venir-d-italie", titles={"fr": "Venir d’Italie"}, published_at=datetime(2026, 6, 1))
    make_exhibit(session, slug="esch", titles={"fr": "Esch"}, featured=True, published_at=datetime(2025, 1, 1))
    session.flush()
    labels = [p.text for p in parse(client.get("/").text).find_all("p", class_="exhibit-card-label")]
    titles = [h.text for h in parse(client.get("/").text).find_all(class_="exhibit-card-title")]
    assert titles == ["Esch", "Venir d’Italie"]
    assert labels == ["Exposition à la une", "Dernière exposition"]


def test_the_nav_links_to_the_exhibits(client):
    assert parse(client.get("/").text).find("nav", class_="site-nav").find("a", href="http://testserver/exhibits")


def test_a_page_renders_with_a_fixed_number_of_queries_whatever_its_number_of_blocks(
    client, session, catalog, query_counter, figures
):
    a, b, moment = (catalog[k].identifier for k in ("a", "b", "moment"))
    every = every_block(a, b, moment)
    few = [every[6], every[0], every[2], every[7], every[8]]  # a moment, text, gallery, map, timeline
    many = [every[n % len(every)] for n in range(40)]
    counts = []
    for slug, page_blocks in (("courte", few), ("longue", many)):
        make_exhibit(session, pages=[{"key": "p", "blocks": page_blocks}], slug=slug)
        query_counter.clear()
        response = client.get(f"/exhibits/{slug}/p")
        assert response.status_code == 200
        assert response.text.count('class="xb xb-') == len(page_blocks)
        counts.append(len(query_counter))
    assert counts[0] == counts[1], counts
    figures.append(f"exhibit page: {counts[0]} SQL queries for 5 blocks and for 40")


def test_a_page_written_once_is_kept_until_what_it_shows_changes(
    client, session, exhibit, catalog, outbox, query_counter
):
    first = client.get(PAGE)
    query_counter.clear()
    again = client.get(PAGE)
    assert again.text == first.text
    assert len(query_counter) == 1, query_counter  # the exhibit's version with the catalog's generation
    # A change through the museum's write path (the outbox) shows at the next request.
    catalog["a"].titles = {"fr": "Cité Bel-Air rebâtie"}
    session.flush()
    assert "Cité Bel-Air rebâtie" in client.get(PAGE).text
    catalog["b"].status = "draft"
    session.flush()
    assert catalog["b"].identifier not in client.get(PAGE).text
    # The exhibit's own changes and its withdrawal too.
    exhibit.titles = {"fr": "La cité ouvrière, revue"}
    session.flush()
    assert "La cité ouvrière, revue" in client.get(PAGE).text
    exhibit.status = "withdrawn"
    session.flush()
    assert client.get(PAGE).status_code == 404


def test_a_kept_page_is_kept_per_language(client, exhibit):
    french, german = client.get(PAGE + "?lang=fr").text, client.get(PAGE + "?lang=de").text
    assert "Des <em>maisons</em> ouvrières." in french and "Die <strong>Siedlungen</strong>." in german
    assert client.get(PAGE + "?lang=fr").text == french


def _token(response) -> str:
    return parse(response.text).find("meta", name="csrf-token").get("content")


def test_a_visitors_kept_page_differs_between_browsers_by_their_own_token_only(client, exhibit):
    pages = []
    for _browser in range(2):
        client.cookies.clear()
        response = client.get(PAGE)
        seed = client.cookies.get(csrf.SEED_COOKIE)
        assert seed and csrf.SEED_COOKIE in response.headers["set-cookie"]
        token = _token(response)
        assert token == csrf.token_for_cookies(client.app.state.secret_key, seed, None)
        assert (
            parse(response.text).find("form", class_="languages").find("input", name="csrf_token").get("value") == token
        )
        pages.append((response, token))
    (first, first_token), (second, second_token) = pages
    assert first_token != second_token
    assert first.text.replace(first_token, "TOKEN") == second.text.replace(second_token, "TOKEN")
    assert first.headers["content-type"] == "text/html; charset=utf-8"
    assert int(second.headers["content-length"]) == len(second.content)
    # The token of the kept page is the browser's: its language form is accepted, with another's it is not.
    refused = client.post("/language", data={"csrf_token": first_token, "lang": "de", "next": PAGE})
    assert refused.status_code == 403
    answer = client.post(
        "/language", data={"csrf_token": second_token, "lang": "de", "next": PAGE}, follow_redirects=False
    )
    assert answer.status_code == 303


def test_a_kept_page_stays_the_visitors_and_the_logged_in_get_their_own(client, session, exhibit):
    assert "Log out" not in client.get(PAGE).text and client.get(PAGE).status_code == 200
    login(client, make_user(session, "camille-curator", role="curator"))
    mine = client.get(PAGE, headers={"accept-language": "en"})
    assert "Camille Curator" in mine.text and _token(mine) == csrf_token(client)
    client.cookies.clear()
    assert "Camille Curator" not in client.get(PAGE).text


def test_a_kept_page_is_not_given_for_another_address(client, exhibit):
    plain = parse(client.get(PAGE).text).find("link", hreflang="de").get("href")
    asked = parse(client.get(PAGE + "?from=leaflet").text).find("link", hreflang="de").get("href")
    assert plain.endswith(f"{PAGE}?lang=de") and asked.endswith(f"{PAGE}?from=leaflet&lang=de")
