"""Atom feeds: valid for feedparser, the newest published records first, nothing hidden or personal."""

from datetime import timedelta

import feedparser
import pytest

from app.agent.models import Agent
from app.item.models import ItemAgent
from tests.discovery.helpers import hidden_records
from tests.factories import make_collection, make_exhibit, make_item, make_user

FEEDS = ["/feeds/items.atom", "/feeds/exhibits.atom", "/feeds/memories.atom"]


def _parse(client, path: str):
    response = client.get(path)
    assert response.status_code == 200, path
    assert response.headers["content-type"].startswith("application/atom+xml")
    parsed = feedparser.parse(response.content)
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    return parsed


def _aged(item, days: int):
    item.created_at = item.created_at - timedelta(days=days)
    return item


def test_items_feed_lists_the_newest_published_first(client, session):
    old = _aged(make_item(session, title="Vieille maison"), 10)
    new = make_item(session, title="Nouvelle église", descriptions={"fr": "Une église de 1930."})
    parsed = _parse(client, "/feeds/items.atom")
    links = [entry.link for entry in parsed.entries]
    assert links[0].endswith(f"/items/{new.identifier}") and links[1].endswith(f"/items/{old.identifier}")
    first = parsed.entries[0]
    assert first.id == first.link and first.title == "Nouvelle église" and first.summary == "Une église de 1930."
    assert first.updated_parsed and parsed.feed.links[0].rel in ("self", "alternate")


def test_at_most_fifty_entries(client, session):
    for _ in range(52):
        make_item(session)
    assert len(_parse(client, "/feeds/items.atom").entries) == 50


def test_credited_creators_are_authors_and_images_enclosures(client, session, settings):
    from tests.account.routes import item_with_image

    item, _media = item_with_image(session, settings, "published")
    agent = Agent(name="Jean Prouvé", slug="jean-prouve")
    session.add(agent)
    session.flush()
    session.add(ItemAgent(item_id=item.id, agent_id=agent.id, role="architect", position=0))
    session.flush()
    (entry,) = _parse(client, "/feeds/items.atom").entries
    assert entry.author == "Jean Prouvé"
    (enclosure,) = [link for link in entry.links if link.rel == "enclosure"]
    assert (
        enclosure.type == "image/jpeg"
        and client.get(enclosure.href.removeprefix("http://testserver")).status_code == 200
    )


def test_memories_and_exhibits_feeds(client, session):
    memory = make_item(session, kind="memory", title="Le bal du 14 juillet")
    make_item(session, title="Une maison")
    exhibit = make_exhibit(session)
    memories = _parse(client, "/feeds/memories.atom")
    assert [e.link.rsplit("/", 1)[1] for e in memories.entries] == [memory.identifier]
    exhibits = _parse(client, "/feeds/exhibits.atom")
    assert [e.link.rsplit("/", 1)[1] for e in exhibits.entries] == [exhibit.slug]


def test_collection_feed_lists_its_public_items_and_a_draft_collection_has_none(client, session):
    inside, outside = make_item(session), make_item(session)
    hidden = make_item(session, status="draft")
    collection = make_collection(session, [inside, hidden])
    parsed = _parse(client, f"/collections/{collection.slug}/feed.atom")
    assert [e.link.rsplit("/", 1)[1] for e in parsed.entries] == [inside.identifier]
    assert outside.identifier not in str(parsed)
    draft = make_collection(session, [inside], status="draft")
    assert client.get(f"/collections/{draft.slug}/feed.atom").status_code == 404
    assert client.get("/collections/no-such-thing/feed.atom").status_code == 404


@pytest.mark.parametrize("path", FEEDS)
def test_no_hidden_or_personal_data_in_feeds(client, session, path):
    make_item(session, kind="memory")
    make_exhibit(session)
    hidden = hidden_records(session)
    make_user(session, "login-secret", email="secret@example.org", display_name="Prénom Secret")
    text = client.get(path).text
    for what, key in hidden.items():
        assert key not in text, what
    assert "secret" not in text.lower()


@pytest.mark.parametrize("path", FEEDS)
def test_feeds_answer_304_when_unchanged(client, session, path):
    make_item(session, kind="memory")
    first = client.get(path)
    assert first.headers["etag"] and "max-age" in first.headers["cache-control"]
    again = client.get(path, headers={"if-none-match": first.headers["etag"]})
    assert again.status_code == 304 and not again.content
    make_item(session, kind="memory")
    assert client.get(path, headers={"if-none-match": first.headers["etag"]}).status_code == 200


def test_pages_name_their_feeds(client, session):
    collection = make_collection(session, [make_item(session)])
    for path, feed in (
        ("/", "/feeds/items.atom"),
        ("/exhibits", "/feeds/exhibits.atom"),
        ("/collections", "/feeds/items.atom"),
    ):
        assert f'type="application/atom+xml" href="{feed}"' in client.get(path).text.replace("http://testserver", ""), (
            path
        )
    page = client.get(f"/collections/{collection.slug}").text.replace("http://testserver", "")
    assert f'href="/collections/{collection.slug}/feed.atom"' in page
