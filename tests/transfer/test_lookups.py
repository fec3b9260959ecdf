"""Names found or created by slug, once per import run."""

import pytest
from sqlalchemy import func, select

from app.agent import service as agent_service
from app.agent.models import Agent
from app.collection import service_write as collection_service
from app.place import service as place_service
from app.subject import service as subject_service


@pytest.mark.parametrize("service", [agent_service, place_service, subject_service])
def test_get_or_create_matches_names_by_slug(session, service):
    first = service.get_or_create(session, "  Émile Zola ")
    session.flush()
    assert (first.name, first.slug) == ("Émile Zola", "emile-zola")
    assert service.get_or_create(session, "EMILE zola") is first


def test_ensure_ids_asks_the_database_only_for_names_not_yet_cached(session, query_counter):
    cache: dict[str, int | None] = {}
    agent_service.ensure_ids(session, ["Marie Curie", "marie curie", "Jean Dupont"], cache)
    assert set(cache) == {"marie-curie", "jean-dupont"}
    assert session.scalar(select(Agent.name).where(Agent.slug == "marie-curie")) == "Marie Curie"
    query_counter.clear()
    agent_service.ensure_ids(session, ["Marie CURIE", "Jean Dupont"], cache)
    assert query_counter == []


def test_dry_run_lookups_create_nothing(session):
    cache: dict[str, int | None] = {}
    subject_service.ensure_ids(session, ["mine"], cache, create=False)
    assert cache == {"mine": None}
    assert session.scalar(select(func.count()).select_from(subject_service.Subject)) == 0


def test_collections_are_found_by_slug_or_by_name_and_new_ones_go_last(session):
    cache: dict[str, int | None] = {}
    collection_service.ensure_ids(session, ["Mémoire vive", "memoire-vive", "Autre"], "de", cache)
    assert cache["Mémoire vive"] == cache["memoire-vive"] != cache["Autre"]
    positions: dict[int, int] = {}
    cid = cache["Autre"]
    assert [collection_service.next_position(session, cid, positions) for _ in range(3)] == [0, 1, 2]
