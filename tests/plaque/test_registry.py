"""The registry of plaque targets: each kind finds its public records by key and nothing else, a record's key is
its page's path parameters, and the curators' lines are read as identifiers, slugs, pages or addresses."""

import pytest
from fastapi.routing import iter_route_contexts

from app.plaque import registry, service
from app.plaque.registry import Plaque
from tests.factories import make_item
from tests.plaque.helpers import church, furnaces


def test_items_exhibits_and_pages_are_registered_with_their_pages_routes():
    assert registry.kinds()[:3] == ["item", "exhibit", "exhibit-page"]
    assert registry.kind_of_route("item.detail") == "item"
    assert registry.kind_of_route("exhibit.page") == "exhibit-page"
    assert registry.kind_of_route("item.browse") is None
    assert registry.key_of({"slug": "hauts-fourneaux", "key": "la-coulee"}) == "hauts-fourneaux/la-coulee"


def test_each_kind_gives_the_record_its_titles_and_permanent_path(session):
    item, exhibit = church(session), furnaces(session)
    assert registry.find(session, "item", item.identifier) == Plaque(
        "item",
        item.identifier,
        {"fr": "Église Sainte-Barbe", "de": "Kirche Sankt Barbara"},
        f"/items/{item.identifier}",
    )
    assert registry.find(session, "exhibit", exhibit.slug).path == f"/exhibits/{exhibit.slug}"
    page = registry.find(session, "exhibit-page", f"{exhibit.slug}/la-coulee")
    assert page.path == f"/exhibits/{exhibit.slug}/la-coulee"
    assert page.titles == {"fr": "La coulée — Les hauts-fourneaux", "de": "Der Abstich — Die Hochöfen"}
    # A page without a title of its own is named by its exhibit.
    untitled = registry.find(session, "exhibit-page", f"{exhibit.slug}/sans-titre")
    assert untitled.titles == {"fr": "Les hauts-fourneaux", "de": "Die Hochöfen"}


@pytest.mark.parametrize("status", ["draft", "in_review", "withdrawn"])
def test_nothing_but_public_records_is_found(session, status):
    item, exhibit = church(session, status=status), furnaces(session, status=status)
    assert registry.find(session, "item", item.identifier) is None
    assert registry.find(session, "exhibit", exhibit.slug) is None
    assert registry.find(session, "exhibit-page", f"{exhibit.slug}/la-coulee") is None


@pytest.mark.parametrize("kind, key", [("item", ""), ("item", "NOWHERE"), ("statue", "X"), ("exhibit-page", "x")])
def test_unknown_kinds_and_keys_find_nothing(session, kind, key):
    assert registry.find(session, kind, key) is None


def test_lines_name_records_by_identifier_slug_page_or_address(app, session):
    item, exhibit = church(session), furnaces(session)
    other = make_item(session, title="Cité Bel-Air")
    routes = list(iter_route_contexts(app.routes))
    lines = [
        item.identifier,
        exhibit.slug,
        f"{exhibit.slug}/la-coulee",
        f"/items/{other.identifier}",
        f"https://villerupt.com/exhibits/{exhibit.slug}",  # the same exhibit again
        "/exhibits",  # a public page, but no record's
        f"/exhibits/{exhibit.slug}.pdf",
        "   ",
    ]
    plaques, errors = service.resolve(session, routes, lines)
    assert [(plaque.kind, plaque.key) for plaque in plaques] == [
        ("item", item.identifier),
        ("exhibit", exhibit.slug),
        ("exhibit-page", f"{exhibit.slug}/la-coulee"),
        ("item", other.identifier),
    ]
    assert len(errors) == 2 and "/exhibits" in errors[0] and ".pdf" in errors[1]


def test_more_lines_than_a_sheet_may_have_are_refused(app, session):
    routes = list(iter_route_contexts(app.routes))
    items = [make_item(session).identifier for _ in range(service.MAX_RECORDS + 1)]
    plaques, errors = service.resolve(session, routes, items)
    assert len(plaques) == service.MAX_RECORDS and errors == [service.too_many()]
