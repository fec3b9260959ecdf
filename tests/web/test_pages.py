"""The public pages over HTTP through the real app: what a visitor sees, and never sees."""

from datetime import date

import pytest
from babel.dates import format_date
from PIL import Image

from app.i18n import language
from app.interview.models import Cue
from app.item.citation import cite
from app.item.kinds import DRAFT
from app.item.models import Item
from app.media.service import attach
from tests.factories import credit, make_agent, make_collection, make_item, make_place, run_jobs, tag
from tests.web.html import parse

ETALAB = "https://www.etalab.gouv.fr/licence-ouverte-open-licence/"


@pytest.fixture
def catalog(session):
    villerupt = make_place(session, "Villerupt", latitude=49.4689, longitude=5.9286)
    church = make_item(
        session,
        identifier="PA00106443",
        title="Église Sainte-Barbe",
        date_text="1937",
        date_earliest=1937,
        date_latest=1937,
        place_id=villerupt.id,
        latitude=49.47,
        longitude=5.93,
        titles={"fr": "Église Sainte-Barbe", "de": "Kirche Sankt Barbara"},
        descriptions={"fr": "Église de la cité ouvrière.\n\nConstruite pour les mineurs."},
        dc_type="Édifice religieux",
        format="Notice Mérimée",
        source="https://pop.culture.gouv.fr/notice/merimee/PA00106443",
        relation="Cité ouvrière de Cantebonne",
        rights=ETALAB,
        address="Rue de la Paix",
        construction_period="1936-1937",
        protection="Monument historique (inscription)",
        merimee_reference="PA00106443",
        featured=True,
    )
    painting = make_item(
        session,
        identifier="N05738",
        kind="artwork",
        language="en",
        title="Blast Furnaces",
        date_text="c.1794",
        date_earliest=1789,
        date_latest=1799,
        medium="Oil paint on canvas",
    )
    memory = make_item(
        session,
        identifier="OH-001",
        kind="interview",
        title="Souvenirs de la mine",
        date_earliest=1991,
        date_latest=1991,
        recording_date="1991-08-19",
        duration_seconds=1895,
    )
    make_item(session, identifier="DRAFT-1", title="Brouillon secret", status=DRAFT)
    credit(session, church, make_agent(session, "Émile Architecte"), "architect")
    credit(session, church, make_agent(session, "Stagiaire Une"), "catalogued_by")
    credit(session, church, make_agent(session, "Stagiaire Deux"), "digitised_by")
    credit(session, painting, make_agent(session, "J. M. W. Turner"), "creator")
    tag(session, church, "église")
    tag(session, church, "architecture ouvrière", position=1)
    session.add_all(
        [
            Cue(item_id=memory.id, position=0, start_seconds=0, language="fr", text="Je suis née ici."),
            Cue(item_id=memory.id, position=1, start_seconds=65, language="fr", text="Mon père était mineur."),
        ]
    )
    make_collection(
        session,
        [church, painting],
        slug="patrimoine",
        titles={"fr": "Patrimoine", "de": "Kulturerbe", "en": "Heritage"},
        descriptions={"fr": "Les bâtiments et les œuvres."},
    )
    session.flush()
    return {"church": church, "painting": painting, "memory": memory, "place": villerupt}


def page(client, url, status=200, **headers):
    response = client.get(url, headers=headers)
    assert response.status_code == status, response.text[:500]
    assert response.headers["content-type"].startswith("text/html")
    return parse(response.text)


def listed(doc) -> list[str]:
    """Identifiers of the item cards on a page, in order."""
    return [title.find("a").get("href").rsplit("/", 1)[1] for title in doc.find_all(class_="card-title")]


def fields(doc) -> dict[str, list[str]]:
    """Every <dt> of the page's field lists with the texts of its <dd>."""
    rows = {}
    for group in doc.find_all("dl", class_="fields"):
        for row in group.find_all("div"):
            rows[row.find("dt").text] = [dd.text for dd in row.find_all("dd")]
    return rows


def test_home_shows_counts_by_kind_and_collections(client, catalog):
    doc = page(client, "/")
    assert doc.find("html").get("lang") == "fr"
    assert doc.find("a", href="http://testserver/items?kind=building").text == "1 Bâtiment"
    assert doc.find("a", href="http://testserver/items?kind=artwork").text == "1 Œuvre d’art"
    assert doc.find("a", href="http://testserver/items?kind=interview").text == "1 Témoignage oral"
    collection = doc.find("a", href="http://testserver/collections/patrimoine").text
    assert collection == "Patrimoine"
    assert "2 éléments" in doc.find(class_="collection-list").text
    assert "3 éléments à découvrir" in doc.text
    assert "PA00106443" in listed(doc)  # featured and recent


def test_home_of_an_empty_museum_says_so(client):
    doc = page(client, "/")
    assert "rien n’est encore public" in doc.text


@pytest.mark.parametrize(
    "query, expected",
    [
        ("", ["N05738", "OH-001", "PA00106443"]),
        ("kind=artwork", ["N05738"]),
        ("kind=building", ["PA00106443"]),
        ("collection=patrimoine", ["N05738", "PA00106443"]),
        ("collection=patrimoine&kind=building", ["PA00106443"]),
        ("period=1900-1999", ["OH-001", "PA00106443"]),
        ("period=1700-1799&collection=patrimoine", ["N05738"]),
        ("place=PLACE", ["PA00106443"]),
        ("place=PLACE&kind=artwork", []),
        ("kind=&collection=&period=&place=&sort=", ["N05738", "OH-001", "PA00106443"]),
    ],
)
def test_browse_filters_combine(client, catalog, query, expected):
    doc = page(client, "/items?" + query.replace("PLACE", catalog["place"].slug))
    assert sorted(listed(doc)) == expected
    assert doc.find("h2", id="results-title").text == {0: "0 élément", 1: "1 élément"}.get(
        len(expected), f"{len(expected)} éléments"
    )


def test_browse_form_shows_labelled_filters_with_the_current_values(client, catalog):
    doc = page(client, f"/items?kind=building&period=1900-1999&place={catalog['place'].slug}&sort=date")
    form = doc.find("form", class_="filters")
    for name in ("kind", "collection", "period", "place", "sort"):
        select = form.find("select", name=name)
        assert form.find("label", for_=select.get("id")).text
    assert form.find("option", value="building").attrs.keys() >= {"selected"}
    assert form.find("option", value="1900-1999").text == "XXe siècle (2)"
    assert form.find("option", value="1700-1799").text == "XVIIIe siècle (1)"
    assert form.find("option", value="date").attrs.keys() >= {"selected"}
    chips = [a.text for a in doc.find_all("a", class_="chip")]
    assert chips == [
        "Retirer le filtre Catégorie : Bâtiment ✕",
        "Retirer le filtre Période : XXe siècle ✕",
        "Retirer le filtre Lieu : Villerupt ✕",
    ]
    removal = doc.find("a", class_="chip").get("href")
    assert "kind=" not in removal and "period=1900-1999" in removal and "sort=date" in removal


@pytest.mark.parametrize(
    "lang, century",
    [("fr", "XXe siècle"), ("de", "20. Jahrhundert"), ("lb", "20. Joerhonnert"), ("en", "20th century")],
)
def test_periods_are_named_by_century_in_each_language(client, catalog, lang, century):
    doc = page(client, f"/items?lang={lang}")
    assert doc.find("option", value="1900-1999").text == f"{century} (2)"


def test_browse_paginates_and_keeps_the_filters(client, app, session):
    app.state.settings.per_page = 2
    for n in range(5):
        make_item(session, identifier=f"B-{n}", title=f"Maison {n}")
    make_item(session, identifier="A-0", kind="artwork", title="Tableau")
    first = page(client, "/items?kind=building")
    assert listed(first) == ["B-4", "B-3"]  # the default order: newest first when none has an image
    pagination = first.find("nav", class_="pagination")
    assert pagination.get("aria-label") == "Pages de résultats"
    assert pagination.find("a", rel="next").get("href") == "http://testserver/items?kind=building&page=2"
    assert pagination.find("a", aria_current="page").text == "Page 1"
    assert not pagination.find_all("a", rel="prev")
    last = page(client, "/items?kind=building&page=3")
    assert listed(last) == ["B-0"]
    assert last.find("a", rel="prev").get("href") == "http://testserver/items?kind=building&page=2"
    assert not last.find_all("a", rel="next")
    assert "Page 3 sur 3" in last.text


def test_page_past_the_end_is_the_html_404_page(client, catalog):
    doc = page(client, "/items?page=9", status=404)
    assert doc.find("h1").text == "Page introuvable"
    assert doc.find("a", href="http://testserver/")


@pytest.mark.parametrize(
    "query, words",
    [
        ("kind=foo", ["« foo »", "building"]),
        ("period=abc", ["« abc »", "1900-1949"]),
        ("period=1950-1900", ["1950-1900"]),
        ("sort=size", ["« size »", "title"]),
        ("page=abc", ["« page »"]),
        ("page=0", ["« page »"]),
    ],
)
def test_bad_filter_values_give_a_clear_400_page(client, catalog, query, words):
    doc = page(client, f"/items?{query}", status=400)
    assert doc.find("h1").text == "Requête incorrecte"
    detail = doc.find("p", class_="lead").text
    for word in words:
        assert word in detail
    assert doc.find("a", href="http://testserver/items")


def test_bad_filter_message_is_translated(client, catalog):
    doc = page(client, "/items?kind=foo", status=400, **{"accept-language": "de-DE"})
    assert doc.find("h1").text == "Ungültige Anfrage"
    assert doc.find("p", class_="lead").text.startswith("„foo“ ist keine Objektkategorie.")


def test_drafts_never_appear_anywhere(client, catalog):
    assert "3 éléments à découvrir" in page(client, "/").text
    assert "DRAFT-1" not in listed(page(client, "/items"))
    assert "DRAFT-1" not in listed(page(client, "/items?sort=recent"))
    assert "Brouillon secret" not in page(client, "/").text
    assert "2 éléments" in page(client, "/collections").find(class_="collection-list").text
    assert page(client, "/items/DRAFT-1", status=404).find("h1").text == "Page introuvable"
    assert client.get("/api/v1/items/DRAFT-1").status_code == 404


def test_item_page_shows_every_metadata_field(client, catalog):
    doc = page(client, "/items/PA00106443?lang=en")
    rows = fields(doc)
    assert rows["Kind"] == ["Building"]
    assert rows["Identifier"] == ["PA00106443"]
    assert rows["Date"] == ["1937"]
    assert rows["Place"] == ["Villerupt"]
    assert rows["Coordinates"][0].startswith("49.47000, 5.93000")
    assert rows["Architect"] == ["Émile Architecte"]
    assert rows["Catalogued by"] == ["Stagiaire Une"]
    assert rows["Digitised by"] == ["Stagiaire Deux"]
    assert rows["Subjects"] == ["église architecture ouvrière"]
    assert rows["Address"] == ["Rue de la Paix"]
    assert rows["Construction period"] == ["1936-1937"]
    assert rows["Protection"] == ["Monument historique (inscription)"]
    assert rows["Mérimée reference"] == ["PA00106443"]
    assert rows["Type"] == ["Édifice religieux"]
    assert rows["Format"] == ["Notice Mérimée"]
    assert rows["Source"] == ["https://pop.culture.gouv.fr/notice/merimee/PA00106443"]
    assert rows["Relation"] == ["Cité ouvrière de Cantebonne"]
    assert rows["Language"] == ["French"]
    assert rows["Rights"] == ["Licence Ouverte 2.0 (Etalab open licence)"]
    assert doc.find("a", rel="license").get("href") == ETALAB
    assert doc.find("a", href="http://testserver/collections/patrimoine").text == "Heritage"


def test_item_page_shows_kind_specific_fields_and_the_transcript(client, catalog):
    doc = page(client, "/items/OH-001?lang=en")
    rows = fields(doc)
    assert rows["Recording date"] == ["1991-08-19"]
    assert rows["Duration"] == ["31:35"]
    segments = doc.find("ol", class_="transcript").find_all("li")
    assert [(li.find("time").text, li.find("time").get("datetime")) for li in segments] == [
        ("0:00", "PT0S"),
        ("1:05", "PT65S"),
    ]
    assert segments[1].find("p").get("lang") == "fr"
    assert segments[1].find("p").text == "Mon père était mineur."


def test_item_title_is_shown_translated_with_lang_attributes(client, catalog):
    doc = page(client, "/items/PA00106443", **{"accept-language": "de-DE,de;q=0.9"})
    assert doc.find("html").get("lang") == "de"
    title = doc.find("h1")
    assert title.text == "Kirche Sankt Barbara" and title.get("lang") is None
    assert doc.find("title").text == "Kirche Sankt Barbara · Villerupt.com"
    original = doc.find(class_="translations").find("span", lang="fr")
    assert original.text == "Église Sainte-Barbe"
    description = doc.find("div", class_="prose")
    assert description.get("lang") == "fr"
    assert [p.text for p in description.find_all("p")] == [
        "Église de la cité ouvrière.",
        "Construite pour les mineurs.",
    ]


def test_item_title_falls_back_to_the_original_marked_with_its_language(client, catalog):
    doc = page(client, "/items/OH-001?lang=de")
    title = doc.find("h1")
    assert (title.text, title.get("lang")) == ("Souvenirs de la mine", "fr")
    card_titles = page(client, "/items?lang=de").find_all(class_="card-title")
    assert any(span.get("lang") == "en" and span.text == "Blast Furnaces" for h in card_titles for span in h.iter())


def test_item_page_offers_a_permalink_and_a_citation(client, app, catalog):
    doc = page(client, "/items/PA00106443")
    permalink = doc.find("input", id="permalink")
    assert permalink.get("value") == "http://testserver/items/PA00106443"
    assert "readonly" in permalink.attrs
    citation = doc.find("textarea", id="citation")
    assert "readonly" in citation.attrs
    assert citation.text.startswith("Émile Architecte, « Église Sainte-Barbe », 1937. Villerupt.com, PA00106443.")
    assert doc.find("label", for_="permalink").text == "Lien permanent"
    assert doc.find("label", for_="citation").text == "Référence à citer"
    scripts = doc.find_all("script")
    sources = [script.get("src", "") for script in scripts]
    assert any("/static/js/copy.js?v=" in src for src in sources)
    assert all(src.startswith("http://testserver/static/") for src in sources)  # external files only, no inline
    app.state.settings.public_base_url = "https://villerupt.com/"
    assert page(client, "/items/PA00106443").find("input", id="permalink").get("value") == (
        "https://villerupt.com/items/PA00106443"
    )


def test_item_images_are_responsive_figures(client, settings, session, catalog, tmp_path):
    source = tmp_path / "furnace.jpg"
    Image.new("RGB", (1600, 1200), (140, 59, 22)).save(source, "JPEG")
    attach(
        session,
        catalog["church"],
        source,
        settings,
        position=0,
        caption="La façade en 1950",
        alt="Façade de brique de l’église",
        rights=ETALAB,
    )
    session.flush()
    run_jobs(session, settings)
    figure = page(client, "/items/PA00106443").find("figure")
    image = figure.find("img")
    assert image.get("alt") == "Façade de brique de l’église"
    # The item's first image is on screen at once: not loaded lazily (Lighthouse's LCP audits).
    assert (image.get("width"), image.get("height"), image.get("loading")) == ("1600", "1200", "eager")
    assert image.get("sizes") and image.get("srcset").count("w,") == 2
    assert client.get(image.get("src")).status_code == 200
    assert "La façade en 1950" in figure.find("figcaption").text
    card = page(client, "/items?kind=building").find("img", class_="card-image")
    assert card.get("alt") == "" and card.get("loading") == "lazy"


def test_collection_pages(client, app, catalog):
    listing = page(client, "/collections?lang=de")
    assert listing.find("a", href="http://testserver/collections/patrimoine").text == "Kulturerbe"
    doc = page(client, "/collections/patrimoine?lang=en")
    assert doc.find("h1").text == "Heritage"
    assert doc.find("div", class_="prose").get("lang") == "fr"
    assert sorted(listed(doc)) == ["N05738", "PA00106443"]
    assert doc.find("h2", id="items-title").text == "2 items"
    app.state.settings.per_page = 1
    second = page(client, "/collections/patrimoine?page=2")
    assert len(listed(second)) == 1
    assert second.find("a", rel="prev").get("href") == "http://testserver/collections/patrimoine"
    page(client, "/collections/patrimoine?page=3", status=404)
    page(client, "/collections/nowhere", status=404)


def test_about_page_lists_trainee_credits_and_sources(client, catalog):
    doc = page(client, "/about")
    groups = {
        group.find("h3").text: [li.text for li in group.find_all("li")]
        for group in doc.find_all("section", class_="credit-group")
    }
    assert groups["Numérisé par"] == ["Stagiaire Deux 1 élément"]
    assert groups["Catalogué par"] == ["Stagiaire Une 1 élément"]
    assert "Le centre communal d’action sociale (CCAS) de Villerupt" in groups["Le programme"]
    assert "J. M. W. Turner" not in doc.text
    licences = [a.get("href") for a in doc.find_all("a", rel="license")]
    assert licences == [
        ETALAB,
        "https://creativecommons.org/publicdomain/zero/1.0/",
        "https://creativecommons.org/licenses/by/3.0/au/",
    ]
    assert "Chambers, Deborah; Liston, Carol; Wieneke, Christine (2015)" in doc.text
    assert "insertion professionnelle" in doc.text


def test_luxembourgish_page_shows_the_lb_title_where_there_is_one_else_the_original(client, session):
    make_item(
        session,
        identifier="LB-1",
        titles={"fr": "Haut-fourneau de Micheville", "de": "Hochofen Micheville", "lb": "Héichuewen Micheville"},
        descriptions={"fr": "Le dernier haut-fourneau.", "lb": "Den Héichuewen, deen am längsten gelaf ass."},
    )
    make_item(session, identifier="LB-2", titles={"fr": "Cité de Cantebonne", "de": "Siedlung Cantebonne"})
    doc = page(client, "/items/LB-1?lang=lb")
    assert doc.find("html").get("lang") == "lb"
    title = doc.find("h1")
    assert (title.text, title.get("lang")) == ("Héichuewen Micheville", None)  # the page's own language
    assert "Den Héichuewen, deen am längsten gelaf ass." in doc.find("section", class_="item-section").text
    fallback = page(client, "/items/LB-2", **{"Accept-Language": "lb-LU"}).find("h1")
    assert (fallback.text, fallback.get("lang")) == ("Cité de Cantebonne", "fr")
    cards = page(client, "/items?lang=lb").find_all(class_="card-title")
    assert {card.text.strip() for card in cards} == {"Héichuewen Micheville", "Cité de Cantebonne"}
    assert [tag.text for card in cards for tag in card.find_all(lang=True)] == ["Cité de Cantebonne"]


def test_luxembourgish_citation_dates_the_consultation_in_luxembourgish(client, session, catalog):
    citation = page(client, "/items/PA00106443?lang=lb").find("textarea", id="citation").text
    assert citation.startswith("Émile Architecte, „Église Sainte-Barbe“, 1937. Villerupt.com, PA00106443.")
    assert f"(opgeruff den {format_date(date.today(), format='long', locale='lb')})." in citation
    church = session.query(Item).filter_by(identifier="PA00106443").one()
    with language("lb"):
        dated = cite(church, "https://villerupt.com/items/PA00106443", "lb", "Villerupt.com", today=date(2026, 3, 1))
    assert dated.endswith("https://villerupt.com/items/PA00106443 (opgeruff den 1. Mäerz 2026).")


@pytest.mark.parametrize("lang, size", [("fr", "1,5 MB"), ("de", "1,5 MB"), ("lb", "1,5 MB"), ("en", "1.5 MB")])
def test_file_sizes_use_the_languages_decimal_sign(client, app, lang, size):
    app.state.settings.contribution_max_file_bytes = 3 * 512 * 1024
    hints = [p.text for p in page(client, f"/contribute?lang={lang}").find_all("p", class_="field-hint")]
    assert any(size in hint for hint in hints), hints


@pytest.mark.parametrize(
    "path, description",
    [
        ("/", "Le musée virtuel du patrimoine de Villerupt, ville sidérurgique de Lorraine"),
        ("/items", "Tous les objets du musée de Villerupt"),
        ("/search", "Rechercher parmi les bâtiments"),
        ("/contribute", "Partagez avec son musée un souvenir"),
        ("/items/PA00106443", "Église de la cité ouvrière."),
        ("/items/PA00106443?lang=de", "Église de la cité ouvrière."),  # no German one: the original
        ("/about?lang=de", "Das virtuelle Museum des Kulturerbes von Villerupt"),
    ],
)
def test_every_page_describes_itself_to_search_engines(client, catalog, path, description):
    head = page(client, path).find("head")
    assert head.find("meta", name="description").get("content", "").startswith(description)
    assert head.find("meta", name="theme-color").get("content") == "#23303a"


@pytest.mark.parametrize(
    "lang, where",
    [("fr", "Esch-sur-Alzette (environs)"), ("de", "bei Esch an der Alzette"), ("lb", "bei Esch-Uelzecht")],
)
def test_lists_and_the_item_page_name_the_place_in_the_visitors_language_and_say_near(client, session, lang, where):
    esch = make_place(session, "Esch-sur-Alzette")
    esch.names = {"fr": "Esch-sur-Alzette", "de": "Esch an der Alzette", "lb": "Esch-Uelzecht"}
    make_item(session, identifier="NEAR-1", title="Croix de chemin", place=esch, place_near=True)
    card = page(client, f"/items?lang={lang}").find("article", class_="card")
    assert card.find(class_="card-place").text == where
    summary = page(client, f"/items/NEAR-1?lang={lang}").find(class_="item-summary")
    assert where in summary.text


def test_every_page_names_its_versions_in_the_other_languages(client, catalog):
    head = page(client, "/items/PA00106443?lang=de").find("head")
    alternates = {
        link["hreflang"]: link.get("href") for link in head.find_all("link", rel="alternate", hreflang=True)
    }
    base = "http://testserver/items/PA00106443"
    assert alternates == {
        "fr": f"{base}?lang=fr",
        "de": f"{base}?lang=de",
        "lb": f"{base}?lang=lb",
        "en": f"{base}?lang=en",
        "x-default": base,
    }
    filtered = page(client, "/items?kind=building&lang=fr").find("head").find("link", rel="alternate", hreflang="lb")
    assert filtered.get("href") == "http://testserver/items?kind=building&lang=lb"  # the filters stay
