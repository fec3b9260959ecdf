"""Issue 12, "a museum at first sight", over HTTP: what the home page features, collection pictures, the browse
orders, items told apart in lists, thumbnails in results, and the empty search page's ways to start."""

from pathlib import Path

import pytest

from app.item import search as item_search
from app.item.kinds import DRAFT
from app.media.service import attach
from app.search.index import SearchIndex
from tests.factories import make_collection, make_item, make_place
from tests.web.html import parse

PHOTO = Path(__file__).parent.parent / "fixtures" / "images" / "landscape_3.jpg"
OTHER_PHOTO = Path(__file__).parent.parent / "fixtures" / "images" / "portrait_6.jpg"


def page(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, response.text[:500]
    return parse(response.text)


def section(doc, heading_id):
    return next(s for s in doc.find_all("section") if s.get("aria-labelledby") == heading_id)


def listed(element) -> list[str]:
    return [title.find("a").get("href").rsplit("/", 1)[1] for title in element.find_all(class_="card-title")]


@pytest.fixture
def pictured(session, settings):
    """Returns a function that gives an item an image (a real JPEG, its small derivatives made at once)."""

    def give(item, path=PHOTO):
        return attach(session, item, path, settings, background=False)

    return give


def test_home_features_pinned_items_with_images_then_other_items_with_images(client, session, pictured):
    pinned_bare = make_item(session, identifier="PIN-BARE", title="Aaa épinglé sans image", featured=True)
    pinned = make_item(session, identifier="PIN-PIC", title="Zzz épinglé avec image", featured=True)
    other = make_item(session, identifier="PIC", title="Bbb avec image")
    make_item(session, identifier="BARE", title="Ccc sans image")
    hidden = make_item(session, identifier="DRAFT-PIC", title="Aaa brouillon", status=DRAFT, featured=True)
    for item in (pinned, other, hidden):
        pictured(item)
    featured = section(page(client, "/"), "featured-title")
    assert listed(featured) == ["PIN-PIC", "PIC"]
    assert listed(section(page(client, "/"), "featured-title")) == ["PIN-PIC", "PIC"]  # the same at each visit
    assert pinned_bare.identifier not in listed(featured)
    assert len(featured.find_all("img", class_="card-image")) == 2


def test_an_item_without_an_image_gets_a_designed_card_not_a_placeholder(client, session):
    place = make_place(session, "Villerupt")
    make_item(session, identifier="BARE", title="Maison du directeur", date_text="vers 1910", place_id=place.id)
    html = client.get("/").text
    card = section(parse(html), "recent-title").find("article", class_="card")
    art = card.find("div", class_="card-art-building")
    assert art.get("aria-hidden") == "true"
    assert art.text == "Bâtiment vers 1910 Villerupt"
    assert "card-placeholder" not in html


def test_collection_pictures_use_the_cover_else_the_first_published_image(client, session, pictured):
    draft = make_item(session, identifier="DRAFT", status=DRAFT)
    bare = make_item(session, identifier="BARE")
    published = make_item(session, identifier="PUB")
    draft_image = pictured(draft, OTHER_PHOTO)
    first_public = pictured(published)
    fallback = make_collection(session, [draft, bare, published], slug="fallback", titles={"fr": "Sans couverture"})
    covered = make_collection(session, [published], slug="covered", titles={"fr": "Avec couverture"})
    second = pictured(published, OTHER_PHOTO)
    covered.cover = second
    make_collection(session, [bare], slug="bare", titles={"fr": "Sans image"})
    session.flush()
    for url in ("/", "/collections"):
        cards = {
            card.find("a").get("href").rsplit("/", 1)[1]: card
            for card in page(client, url).find_all("li", class_="collection-card")
        }
        assert first_public.sha256 in cards["fallback"].find("img").get("src")
        assert draft_image.sha256 not in str(cards["fallback"].attrs) + cards["fallback"].find("img").get("srcset")
        assert second.sha256 in cards["covered"].find("img").get("src")
        assert not cards["bare"].find_all("img") and cards["bare"].find_all("div", class_="card-art-collection")
    detail = page(client, f"/collections/{fallback.slug}")
    assert first_public.sha256 in detail.find("img", class_="collection-cover").get("src")


def test_browse_opens_on_the_selection_pictures_and_pins_first_then_the_newest(client, session, pictured):
    old = make_item(session, identifier="OLD", title="Ancienne")
    pinned = make_item(session, identifier="PINNED", title="Épinglée", featured=True)
    picture = make_item(session, identifier="PICTURE", title="Illustrée")
    pictured(pinned)
    pictured(picture)
    make_item(session, identifier="PINNED-BARE", title="Épinglée sans image", featured=True)
    new = make_item(session, identifier="NEW", title="Nouvelle")
    doc = page(client, "/items")
    assert listed(doc) == ["PINNED", "PICTURE", "PINNED-BARE", new.identifier, old.identifier]
    assert doc.find("option", value="selection").attrs.keys() >= {"selected"}
    assert listed(page(client, "/items?sort=recent"))[:2] == [new.identifier, "PINNED-BARE"]


def test_the_title_order_files_titles_by_their_first_letter_and_bracketed_ones_last(client, session):
    for identifier, title in [
        ("NO-TITLE", "[no title]"),
        ("LOCH", "?Loch Eil"),
        ("ZINC", "Zinc"),
        ("FIVE", "#5"),
        ("ABBEY", "Abbaye"),
        ("QUOTED", "« Mine » de fer"),
        ("UNTITLED", "[title not known]"),
    ]:
        make_item(session, identifier=identifier, title=title)
    assert listed(page(client, "/items?sort=title")) == [
        "FIVE",
        "ABBEY",
        "LOCH",
        "QUOTED",
        "ZINC",
        "NO-TITLE",
        "UNTITLED",
    ]


def test_the_json_api_keeps_its_title_order_by_default(client, session):
    make_item(session, identifier="B", title="Bbb")
    make_item(session, identifier="A", title="Aaa")
    assert [item["identifier"] for item in client.get("/api/v1/items").json()["items"]] == ["A", "B"]


def meta_lines(doc) -> dict[str, str]:
    return {
        card.find("a").get("href").rsplit("/", 1)[1]: card.find("p", class_="card-meta").text
        for card in doc.find_all("article", class_="card")
    }


def test_identical_titles_are_told_apart_by_place_date_and_identifier(client, session):
    thil, audun = make_place(session, "Thil"), make_place(session, "Audun-le-Tiche")
    first = make_item(session, identifier="PA1", title="Église", date_text="XIIe siècle", place_id=thil.id)
    second = make_item(session, identifier="PA2", title="Église", date_text="1937", place_id=audun.id)
    make_item(session, identifier="PA3", title="Chapelle", date_text="1850")
    make_item(session, identifier="PA4", title="Calvaire")
    collection = make_collection(session, [first, second], slug="eglises")
    expected = {"PA1": "Thil XIIe siècle PA1", "PA2": "Audun-le-Tiche 1937 PA2", "PA3": "1850", "PA4": "PA4"}
    assert meta_lines(page(client, "/items?sort=title")) == expected
    assert meta_lines(page(client, f"/collections/{collection.slug}")) == {
        "PA1": expected["PA1"],
        "PA2": expected["PA2"],
    }


@pytest.fixture
def indexed(session, settings, pictured):
    place = make_place(session, "Villerupt")
    church = make_item(
        session, identifier="PA00106443", title="Église Sainte-Barbe", date_text="1937", place_id=place.id
    )
    make_item(session, identifier="PA00106444", title="Église Sainte-Barbe", date_text="1880")
    make_item(session, identifier="N05738", kind="artwork", language="en", title="Blast Furnaces")
    make_collection(session, [church], slug="patrimoine", titles={"fr": "Patrimoine", "de": "Kulturerbe"})
    pictured(church)
    session.flush()
    index = SearchIndex(settings.index_dir)
    index.rebuild(item_search.documents(session))
    index.close()


def test_results_show_thumbnails_and_tell_identical_titles_apart(client, indexed):
    doc = page(client, "/search?q=sainte+barbe")
    hits = {hit.find("h3").find("a").get("href").rsplit("/", 1)[1]: hit for hit in doc.find_all("li", class_="hit")}
    assert hits["PA00106443"].find("p", class_="card-meta").text == "Villerupt 1937 PA00106443"
    assert hits["PA00106444"].find("p", class_="card-meta").text == "1880 PA00106444"
    assert hits["PA00106443"].find("img", class_="hit-image").get("alt") == ""
    assert hits["PA00106444"].find("div", class_="card-art-building")


def start_sections(doc) -> dict[str, list[str]]:
    start = doc.find("div", class_="search-start")
    return {s.find("h2").text: [a.text for a in s.find_all("a")] for s in start.find_all("section")}


def test_an_empty_search_page_offers_searches_browsing_and_the_glossary(client, indexed):
    doc = page(client, "/search")
    sections = start_sections(doc)
    assert sections["Pour commencer, cherchez"][:2] == ["Sainte-Barbe", "haut-fourneau"]
    assert sections["Parcourir par catégorie"] == ["Bâtiments", "Œuvre d’art"]
    assert sections["Parcourir une collection"] == ["Patrimoine"]
    glossary = sections["Les mots du musée en quatre langues"]
    assert "haut-fourneau" in glossary and "église" in glossary
    link = doc.find("a", href="http://testserver/search?q=haut-fourneau")
    assert link.text == "haut-fourneau"
    assert doc.find("a", href="http://testserver/items?kind=building")


@pytest.mark.parametrize("lang, first", [("de", "Hochofen"), ("en", "blast furnace")])
def test_suggested_searches_follow_the_visitors_language(client, indexed, lang, first):
    assert (
        start_sections(page(client, f"/search?lang={lang}"))
        and first in page(client, f"/search?lang={lang}").find("ul", class_="chips").text
    )


def test_a_search_without_results_helps_instead_of_an_empty_refine_panel(client, indexed):
    doc = page(client, "/search?q=sainte+barbr")
    assert doc.find("p", class_="suggestion").find("a").text  # the spelling suggestion
    doc = page(client, "/search?q=xylophone+quantique")
    assert "Aucun élément ne correspond à « xylophone quantique »." in doc.find("p", class_="result-count").text
    assert not doc.find_all("section", class_="facets")
    assert "Pour commencer, cherchez" in start_sections(doc)


def test_a_filtered_search_without_results_offers_to_drop_the_filters(client, indexed):
    doc = page(client, "/search?q=eglise&kind=artwork")
    assert doc.find("a", href="http://testserver/search?q=eglise").text == "Chercher sans les filtres"


def test_results_put_the_filters_after_them_with_a_button_that_jumps_there(client, indexed):
    doc = page(client, "/search?q=eglise")
    layout = doc.find("div", class_="search-layout")
    sections = [s.get("class") for s in layout.children if not isinstance(s, str)]
    assert sections == ["search-results", "facets"]
    assert layout.find("a", class_="filter-jump").get("href") == "#filters"
    browse = page(client, "/items").find("div", class_="browse")
    assert [s.get("class") for s in browse.children if not isinstance(s, str)] == ["browse-results", "browse-filters"]
    assert browse.find("a", class_="filter-jump").text == "Filtrer"
