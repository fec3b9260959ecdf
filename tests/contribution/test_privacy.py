"""A contributor's private details (contact, address hash) never reach a public output: pages, the public and
moderation APIs, IIIF, the search index (of each engine) and `museum export`, before or after approval."""

import json

from sqlalchemy import select

from app.contribution.models import Contribution
from app.item import search as item_search
from app.transfer.exporter import export_file
from tests.contribution.helpers import alt_texts, photo, recording, submit
from tests.factories import bearer, form, login, logout, make_user
from tests.search.both_engines import app, index_contents, index_of, settings  # noqa: F401  (fixtures: each engine)

EMAIL = "private-resident-4242@example.org"
PHONE = "+33 6 12 34 56 78"


def _public_addresses(identifier: str) -> list[str]:
    return [
        "/",
        "/items",
        f"/items/{identifier}",
        "/about",
        "/collections",
        "/search?q=épicerie",
        "/search?q=Dupont",
        "/api/v1/items",
        f"/api/v1/items/{identifier}",
        "/api/v1/search?q=épicerie",
        "/api/v1/suggest?q=Marie",
        f"/iiif/manifest/{identifier}",
        "/api/v1/openapi.json",
    ]


def test_contact_details_and_address_hashes_appear_in_no_public_output(client, session, settings, app, tmp_path):
    status_url = submit(client, files=[photo(), recording()], contact=f"{EMAIL} / {PHONE}").headers["location"]
    contribution = session.scalar(select(Contribution))
    secrets = (EMAIL, PHONE, contribution.address_hash)
    curator = make_user(session, role="supervisor")  # who publishes at once
    api = bearer(session, curator)
    before = [client.get("/api/v1/contributions", headers=api), client.get(status_url)]
    login(client, curator)
    approved = client.post(
        f"/workspace/contributions/{contribution.id}/approve",
        follow_redirects=False,
        data=form(
            client, title="L'épicerie", story=contribution.story, date_text="1955", place="", place_text="", item=""
        )
        | alt_texts(contribution),
    )
    assert approved.status_code == 303
    identifier = contribution.created_item.identifier
    logout(client)
    index = index_of(app, settings)
    assert index.rebuild(item_search.documents(session)) == 1
    index.close()
    outputs = {response.request.url.path: response.text for response in before}
    for address in _public_addresses(identifier) + [status_url]:
        response = client.get(address)
        assert response.status_code == 200, address
        outputs[address] = response.text
    outputs["API, a moderator's view"] = client.get(f"/api/v1/contributions/{contribution.id}", headers=api).text
    outputs["search documents"] = json.dumps(list(item_search.documents(session)), ensure_ascii=False, default=str)
    for name in ("export.csv", "export.jsonl"):
        export_file(session, tmp_path / name, settings)
        outputs[name] = (tmp_path / name).read_text()
    outputs["search index"] = index_contents(app, settings)
    assert "Marie Dupont" in outputs[f"/items/{identifier}"]  # the credit the resident chose is public
    assert "picerie" in outputs["search index"].lower()  # the index was read (its title; "é" is two bytes there)
    assert identifier in outputs["/search?q=épicerie"] and identifier in outputs["/api/v1/search?q=épicerie"]
    leaks = [f"{secret!r} in {name}" for name, text in outputs.items() for secret in secrets if secret in text]
    assert not leaks, leaks
