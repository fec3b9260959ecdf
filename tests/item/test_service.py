"""Reading the catalog: a bounded number of queries, whatever the item holds."""

from app.item import service as item_service
from app.media.models import Media
from tests.factories import credit, make_agent, make_collection, make_item, make_place, tag


def _rich_item(session, n: int):
    item = make_item(session, place_id=make_place(session).id)
    for i in range(n):
        credit(session, item, make_agent(session), "creator", i)
        tag(session, item, f"sujet {i}", i)
        session.add(
            Media(
                item_id=item.id,
                position=i,
                media_type="image",
                mime_type="image/jpeg",
                sha256=f"{i:064x}",
                original_path=f"originals/{i}.jpg",
                size_bytes=1,
                width=10,
                height=10,
            )
        )
    make_collection(session, [item])
    make_collection(session, [item])
    session.flush()
    session.expunge_all()
    return item.identifier


def test_item_detail_query_count_does_not_grow_with_its_contents(session, query_counter):
    small, large = _rich_item(session, 1), _rich_item(session, 25)
    query_counter.clear()
    item_service.get_public(session, small)
    small_count = len(query_counter)
    query_counter.clear()
    loaded = item_service.get_public(session, large)
    assert len(loaded.credits) == 25 and len(loaded.media) == 25 and len(loaded.subjects) == 25
    assert len(query_counter) == small_count <= 10


def test_item_page_query_count_does_not_grow_with_its_contents(client, session, query_counter):
    small, large = _rich_item(session, 1), _rich_item(session, 25)
    query_counter.clear()
    assert client.get(f"/items/{small}").status_code == 200
    small_count = len(query_counter)
    query_counter.clear()
    assert client.get(f"/items/{large}").status_code == 200
    assert len(query_counter) == small_count


def test_list_query_count_does_not_grow_with_page_size(session, query_counter):
    for _ in range(30):
        _rich_item(session, 3)
    from app.item.schemas import ItemFilters

    query_counter.clear()
    item_service.list_public(session, ItemFilters(), 1, 5)
    few = len(query_counter)
    query_counter.clear()
    item_service.list_public(session, ItemFilters(), 1, 30)
    assert len(query_counter) == few
