"""The workspace's plaques: an A4 sheet of four A6 labels and a single A5 plaque, as HTML to print and as a PDF
made by WeasyPrint from the same template, each label with the titles in French and German, the QR code, the
address and the museum's name; the curators' page that chooses the records."""

import io

import pytest
from pypdf import PdfReader

from tests.factories import login, make_item, make_user
from tests.plaque.helpers import church, decode_png, furnaces
from tests.web.html import parse

A4 = (595, 842)  # points, rounded
A5 = (420, 595)


@pytest.fixture
def curator(client, session):
    login(client, make_user(session, role="curator"))
    return client


def pdf(client, records: list[str], layout: str) -> PdfReader:
    response = client.get("/workspace/plaques/print.pdf", params={"records": "\n".join(records), "layout": layout})
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "application/pdf"
    assert response.headers["cache-control"] == "no-store"
    return PdfReader(io.BytesIO(response.content))


def size(page) -> tuple[int, int]:
    return round(float(page.mediabox.width)), round(float(page.mediabox.height))


def text(reader: PdfReader) -> str:
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


def test_the_a4_sheet_has_four_labels_a_page_with_both_titles_the_address_and_the_museum(curator, session):
    item = church(session)
    exhibit = furnaces(session)
    others = [make_item(session, titles={"fr": f"Maison {n}", "de": f"Haus {n}"}).identifier for n in range(3)]
    reader = pdf(curator, [item.identifier, exhibit.slug, f"{exhibit.slug}/la-coulee", *others], "sheet")
    assert [size(page) for page in reader.pages] == [A4, A4]  # six labels: two pages
    found = text(reader)
    for expected in (
        "Église Sainte-Barbe",
        "Kirche Sankt Barbara",
        "Les hauts-fourneaux",
        "Die Hochöfen",
        "La coulée — Les hauts-fourneaux",
        "Der Abstich — Die Hochöfen",
        f"http://testserver/items/{item.identifier}",
        f"http://testserver/exhibits/{exhibit.slug}/la-coulee",
        "Villerupt.com",
        "Scannez le code",
        "Scannen Sie den Code",
        "Haus 2",
    ):
        assert expected in found, expected
    assert "via=qr" not in found  # the address written out is the clean one; the code carries the mark
    assert reader.trailer["/Root"]["/Lang"] == "fr"


def test_the_a5_plaque_is_one_page_of_one_record(curator, session):
    item = church(session)
    reader = pdf(curator, [f"/items/{item.identifier}"], "plaque")
    assert [size(page) for page in reader.pages] == [A5]
    found = text(reader)
    assert "Église Sainte-Barbe" in found and "Kirche Sankt Barbara" in found and "Villerupt.com" in found
    assert f"http://testserver/items/{item.identifier}" in found
    assert reader.metadata.title.startswith("Église Sainte-Barbe")


def test_the_printed_code_decodes_to_the_address_with_the_mark(curator, session):
    # The PDF's QR code is vector (inline SVG): the HTML's code is the one the PDF draws.
    item = church(session)
    html = curator.get("/workspace/plaques/print", params={"records": item.identifier, "layout": "plaque"}).text
    svg = parse(html).find("svg", class_="qr-code")
    assert svg.get("aria-hidden") == "true"
    png = curator.get(f"/qr/item/{item.identifier}.png").content
    assert decode_png(png) == f"http://testserver/items/{item.identifier}?via=qr"
    assert "qr-code" in html and f"http://testserver/items/{item.identifier}" in html


def test_the_html_sheet_is_a_document_for_printing(curator, session):
    item, exhibit = church(session), furnaces(session)
    response = curator.get("/workspace/plaques/print", params={"records": f"{item.identifier}\n{exhibit.slug}"})
    assert response.status_code == 200 and response.headers["cache-control"] == "no-store"
    page = parse(response.text)
    assert page.find("html").get("lang") == "fr"
    assert page.find("body").get("class") == "layout-sheet"
    stylesheet = page.find("link", rel="stylesheet").get("href")
    assert "/static/css/plaques-print.css" in stylesheet
    css = curator.get(stylesheet).text
    assert "@page { size: A4;" in css and "@page plaque { size: A5;" in css and "@media print" in css
    labels = page.find_all("article", class_="label")
    assert len(labels) == 2 and len(page.find_all("section", class_="print-page")) == 1
    assert labels[0].find(lang="de").text == "Kirche Sankt Barbara"
    assert labels[1].find("h1").text == "Les hauts-fourneaux"
    # No script and no inline style: the site's security policy applies to this document too.
    assert not page.find_all("script") and not page.find_all("style")


def test_a_record_without_a_german_title_prints_the_french_one_only_and_the_workspace_says_so(curator, session):
    item = make_item(session, title="Cité Bel-Air")
    html = curator.get("/workspace/plaques/print", params={"records": item.identifier}).text
    label = parse(html).find("article", class_="label")
    assert label.find("h1").text == "Cité Bel-Air" and not label.find_all("p", class_="label-title-de")
    page = parse(curator.get(f"/workspace/plaques?records={item.identifier}&lang=en").text)
    assert "No German title" in page.find("li", class_="plaque-card").text


def test_a_record_titled_in_german_only_is_printed_under_its_own_title(curator, session):
    item = make_item(session, language="de", title="Rathaus Esch-Uelzecht")
    label = parse(curator.get("/workspace/plaques/print", params={"records": item.identifier}).text).find("article")
    assert label.find("h1").text == "Rathaus Esch-Uelzecht" and label.find("h1").get("lang") == "de"
    assert not label.find_all("p", class_="label-title-de")  # not twice


@pytest.mark.parametrize(
    "params",
    [
        {"records": ""},
        {"records": "NO-SUCH-ITEM"},
        {"records": "A\nB", "layout": "plaque"},
        {"records": "X", "layout": "poster"},
        {"records": "\n".join(f"line-{n}" for n in range(30))},
    ],
)
def test_bad_choices_are_refused_with_a_page(curator, session, params):
    make_item(session, identifier="A")
    make_item(session, identifier="B")
    for route in ("/workspace/plaques/print", "/workspace/plaques/print.pdf"):
        response = curator.get(route, params=params | {"lang": "en"})
        assert response.status_code == 400, (route, params)
        assert "text/html" in response.headers["content-type"]


def test_records_that_are_not_public_cannot_be_printed(curator, session):
    draft = church(session, status="draft")
    response = curator.get("/workspace/plaques/print.pdf", params={"records": draft.identifier, "lang": "en"})
    assert response.status_code == 400 and "is not a public item, exhibit, tour or page" in response.text


def test_the_workspace_page_reads_identifiers_slugs_pages_and_addresses(curator, session):
    item, exhibit = church(session), furnaces(session)
    lines = [
        item.identifier,
        f"https://villerupt.com/exhibits/{exhibit.slug}",
        f"/exhibits/{exhibit.slug}/la-coulee",
        f"  {item.identifier}  ",  # the same record again: listed once
        "NOWHERE",
        "",
    ]
    response = curator.get("/workspace/plaques", params={"records": "\n".join(lines), "lang": "en"})
    assert response.status_code == 400  # one line names nothing: said next to the form
    page = parse(response.text)
    assert "“NOWHERE” is not a public item, exhibit, tour or page" in page.find(class_="error-summary").text
    cards = page.find_all("li", class_="plaque-card")
    assert [card.find("h3").text for card in cards] == [
        "Église Sainte-Barbe",
        "Les hauts-fourneaux",
        "La coulée — Les hauts-fourneaux",
    ]
    links = {a.text: a.get("href") for a in cards[2].find_all("a")}
    assert f"/qr/exhibit-page/{exhibit.slug}/la-coulee.png" in links["QR code (PNG)"]
    assert "layout=plaque" in links["A5 plaque as PDF"]
    print_link = next(a.get("href") for a in page.find_all("a") if a.text == "Print an A4 sheet of labels")
    assert curator.get(print_link).text.count('class="label"') == 3


def test_the_workspace_links_to_the_plaques_of_published_records(curator, session):
    item = church(session)
    draft = church(session, status="draft")
    exhibit = furnaces(session)
    link = "QR code / plaque"
    page = parse(curator.get(f"/workspace/items/{item.identifier}?lang=en").text)
    assert next(a for a in page.find_all("a") if a.text == link).get("href").endswith(f"records={item.identifier}")
    assert link not in curator.get(f"/workspace/items/{draft.identifier}?lang=en").text
    assert link in curator.get(f"/workspace/exhibits/{exhibit.slug}?lang=en").text
    page = parse(curator.get(f"/workspace/exhibits/{exhibit.slug}/pages/la-coulee?lang=en").text)
    href = next(a for a in page.find_all("a") if a.text == link).get("href")
    assert href.endswith(f"records={exhibit.slug}%2Fla-coulee")
    assert "QR codes and plaques" in curator.get("/workspace?lang=en").text


def test_visitors_and_residents_may_not_open_the_plaques(client, session):
    assert client.get("/workspace/plaques").status_code == 401
    login(client, make_user(session, role="contributor"))
    assert client.get("/workspace/plaques/print.pdf?records=x").status_code == 403


def test_the_plaque_page_opens_empty_with_its_form(curator):
    response = curator.get("/workspace/plaques?lang=de")
    assert response.status_code == 200
    page = parse(response.text)
    assert page.find("textarea", id="f-records").get("name") == "records"
    assert "Noch kein Besuch über eine Tafel." in page.text and not page.find_all("li", class_="plaque-card")
