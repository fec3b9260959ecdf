"""Revisions: what a snapshot keeps, which fields a change lists, and numbering."""

from app.revision import service as revision_service
from app.revision import snapshot
from app.workspace import service as workspace
from tests.factories import credit, make_agent, make_item, make_place, make_user, tag


def _loaded(session, **fields):
    item = make_item(session, status="draft", **fields)
    return workspace.load(session, item.identifier)


def test_a_snapshot_keeps_relations_by_name_so_it_reads_well_and_restores(session):
    item = make_item(session, status="draft", place_id=make_place(session, "Thil").id)
    credit(session, item, make_agent(session, "Luca Rossi"), "digitised_by")
    tag(session, item, "mine")
    values = snapshot.take(workspace.load(session, item.identifier))
    assert (values["place"], values["credits"], values["subjects"]) == (
        "Thil",
        [["digitised_by", "Luca Rossi"]],
        ["mine"],
    )
    assert values["status"] == "draft" and "identifier" not in values


def test_changes_list_only_the_fields_that_differ():
    before = {"address": "A", "titles": {"fr": "X"}, "medium": None}
    after = {"address": "B", "titles": {"fr": "X"}, "medium": None}
    assert snapshot.changes(before, after) == {"address": ["A", "B"]}
    assert snapshot.changes(None, {"address": "B"}) == {"address": [None, "B"]}


def test_an_edit_that_changes_nothing_records_nothing_and_numbers_follow_on(session):
    user = make_user(session)
    item = _loaded(session, address="Rue Carnot")
    first = revision_service.record(session, item, user, revision_service.CREATE, None)
    assert first.number == 1
    assert revision_service.record(session, item, user, revision_service.EDIT, snapshot.take(item)) is None
    before = snapshot.take(item)
    item.address = "Rue de la Paix"
    second = revision_service.record(session, item, user, revision_service.EDIT, before)
    assert (second.number, second.changes) == (2, {"address": ["Rue Carnot", "Rue de la Paix"]})
    assert [r.number for r in revision_service.since(session, item.id, 1)] == [2]
    assert revision_service.latest_number(session, item.id) == 2
