"""Sitemaps: an index and files valid against the sitemaps.org schemas, split at the limit, public records only."""

from pathlib import Path
from urllib.parse import urlsplit

import pytest
from lxml import etree

from app.tour.models import Tour
from tests.discovery.helpers import hidden_records
from tests.factories import make_collection, make_exhibit, make_item

XSD = Path(__file__).parent.parent / "fixtures" / "xsd"
NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}


def _schema(name: str) -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(XSD / name)))


@pytest.fixture(scope="module")
def urlset_schema():
    # sitemap.xsd checks foreign elements strictly: xhtml:link's small schema is loaded into the same set.
    sitemap, xhtml = (XSD / "sitemap.xsd").as_uri(), (XSD / "sitemap-xhtml-link.xsd").as_uri()
    wrapper = f"""<xsd:schema xmlns:xsd="http://www.w3.org/2001/XMLSchema">
      <xsd:import namespace="{NS["s"]}" schemaLocation="{sitemap}"/>
      <xsd:import namespace="{NS["x"]}" schemaLocation="{xhtml}"/>
    </xsd:schema>"""
    return etree.XMLSchema(etree.fromstring(wrapper.encode()))


def _get(client, url: str) -> etree._Element:
    response = client.get(urlsplit(url).path if url.startswith("http") else url)
    assert response.status_code == 200, url
    assert response.headers["content-type"].startswith("application/xml")
    return etree.fromstring(response.content)


def _all_locs(client, urlset_schema) -> list[str]:
    index = _get(client, "/sitemap.xml")
    _schema("siteindex.xsd").assertValid(index)
    locs = []
    for loc in index.xpath("//s:sitemap/s:loc/text()", namespaces=NS):
        urlset = _get(client, loc)
        urlset_schema.assertValid(urlset)
        locs += urlset.xpath("//s:url/s:loc/text()", namespaces=NS)
    return locs


def test_index_and_files_validate_and_list_public_records(client, session, urlset_schema):
    item = make_item(session)
    tour = Tour(slug="route-du-fer", status="published", titles={"fr": "La route du fer"})
    session.add(tour)
    session.flush()
    collection = make_collection(session, [item])
    exhibit = make_exhibit(session, [item])
    locs = _all_locs(client, urlset_schema)
    paths = {urlsplit(loc).path for loc in locs}
    assert {f"/items/{item.identifier}", f"/collections/{collection.slug}", f"/exhibits/{exhibit.slug}"} <= paths
    assert {"/", "/items", "/collections", "/exhibits", "/tours", "/map", "/timeline"} <= paths
    assert f"/exhibits/{exhibit.slug}/debut" in paths and f"/tours/{tour.slug}" in paths
    assert all(loc.startswith("http://testserver/") for loc in locs)


def test_no_hidden_record_in_any_sitemap(client, session, urlset_schema):
    make_item(session)
    hidden = hidden_records(session)
    text = " ".join(_all_locs(client, urlset_schema))
    for what, key in hidden.items():
        assert key not in text, what


def test_items_are_split_at_the_limit(app, client, session, urlset_schema):
    app.state.sitemap_per_file = 2
    items = [make_item(session) for _ in range(5)]
    index = _get(client, "/sitemap.xml")
    files = [urlsplit(loc).path for loc in index.xpath("//s:sitemap/s:loc/text()", namespaces=NS)]
    assert files == ["/sitemaps/pages.xml", *(f"/sitemaps/items-{n}.xml" for n in (1, 2, 3))]
    counts = [len(_get(client, f).xpath("//s:url", namespaces=NS)) for f in files if "items-" in f]
    assert counts == [2, 2, 1]
    listed = set()
    for f in files[1:]:
        listed |= {urlsplit(loc).path for loc in _get(client, f).xpath("//s:url/s:loc/text()", namespaces=NS)}
    assert {f"/items/{item.identifier}" for item in items} <= listed
    assert client.get(f"/sitemaps/items-{len(files)}.xml").status_code == 404


def test_lastmod_is_the_record_change_and_languages_are_alternates(client, session):
    item = make_item(session)
    urlset = _get(client, "/sitemaps/items-1.xml")
    (url,) = [
        u
        for u in urlset.xpath("//s:url", namespaces=NS)
        if u.findtext("s:loc", namespaces=NS).endswith(item.identifier)
    ]
    assert url.findtext("s:lastmod", namespaces=NS) == item.updated_at.replace(microsecond=0).isoformat() + "Z"
    langs = {link.get("hreflang"): link.get("href") for link in url.xpath("x:link", namespaces=NS)}
    assert langs["de"].endswith(f"/items/{item.identifier}?lang=de") and set(langs) == {
        "fr",
        "de",
        "lb",
        "en",
        "x-default",
    }


def test_public_base_url_is_respected(app, client, session):
    app.state.settings.public_base_url = "https://villerupt.example"
    make_item(session)
    index = _get(client, "/sitemap.xml")
    assert all(loc.startswith("https://villerupt.example/") for loc in index.xpath("//s:loc/text()", namespaces=NS))


def test_conditional_get_answers_304(client, session):
    make_item(session)
    first = client.get("/sitemap.xml")
    assert "public" in first.headers["cache-control"] and first.headers["last-modified"]
    assert client.get("/sitemap.xml", headers={"if-none-match": first.headers["etag"]}).status_code == 304
    since = {"if-modified-since": first.headers["last-modified"]}
    assert client.get("/sitemaps/pages.xml", headers=since).status_code == 304
    make_item(session)
    assert client.get("/sitemap.xml", headers={"if-none-match": first.headers["etag"]}).status_code == 200


def test_an_interview_withdrawn_later_leaves_the_sitemap_at_once(client, session):
    from app.clock import utcnow
    from app.interview.models import PUBLIC, WITHDRAWN, Interview

    item = make_item(session, kind="interview")
    interview = Interview(item_id=item.id, access=PUBLIC)
    session.add(interview)
    session.flush()
    first = client.get("/sitemaps/items-1.xml")
    assert item.identifier in first.text
    interview.access, interview.access_changed_at = WITHDRAWN, utcnow()
    session.flush()
    make_item(session)  # so that the items' file still exists
    again = client.get("/sitemaps/items-1.xml", headers={"if-none-match": first.headers["etag"]})
    assert again.status_code == 200 and item.identifier not in again.text


def test_an_empty_catalog_has_no_items_file(client, session, urlset_schema):
    index = _get(client, "/sitemap.xml")
    assert [urlsplit(loc).path for loc in index.xpath("//s:loc/text()", namespaces=NS)] == ["/sitemaps/pages.xml"]
    urlset_schema.assertValid(_get(client, "/sitemaps/pages.xml"))
    assert client.get("/sitemaps/items-1.xml").status_code == 404
