"""The parts a publishable kind reuses: its descriptor, revision table, permission rows, workflow and revisions."""

import pytest

from app.account.permissions import (
    EDITABLE,
    ITEM_STATES,
    ITEM_STEPS,
    PERMISSIONS,
    Rule,
    record_rows,
    workflow_steps,
)
from app.account.roles import STAFF
from app.collection.models import Collection, CollectionRevision
from app.collection.publishing import COLLECTION
from app.item.models import Item
from app.item.publishing import ITEM
from app.publishing import revisions
from app.publishing.kinds import kind_of
from app.revision.models import ItemRevision
from tests.factories import make_collection, make_item, make_user


def test_records_find_their_kind():
    assert kind_of(Item()) is ITEM and kind_of(Collection()) is COLLECTION
    with pytest.raises(KeyError):
        kind_of(object())


def test_a_revision_table_from_the_mixin_has_the_item_revisions_columns():
    def shape(model, owner):
        return {c.name.replace(owner, "owner"): (str(c.type), c.nullable, c.index) for c in model.__table__.columns}

    assert shape(CollectionRevision, "collection_id") == shape(ItemRevision, "item_id")


def test_every_kind_gets_the_same_workflow_rows_as_items():
    for step, rule in workflow_steps("collection").items():
        assert (rule.roles, dict(rule.states)) == (ITEM_STEPS[step].roles, dict(ITEM_STEPS[step].states))
        assert PERMISSIONS[f"workspace.collection_{step}"] == rule
        assert PERMISSIONS[f"workspace.item_{step}"] == ITEM_STEPS[step]
        assert PERMISSIONS[f"api.item.{step}"] == ITEM_STEPS[step]


def test_edit_and_read_rows():
    rows = record_rows("thing", edit=("thing.update",), read=("thing.page",))
    assert rows["thing.update"].states == EDITABLE and rows["thing.update"].target == "thing"
    assert rows["thing.page"].states == dict.fromkeys(ITEM_STATES, STAFF)
    assert PERMISSIONS["workspace.collection_update"] == Rule(STAFF, states=EDITABLE, target="collection")


@pytest.mark.parametrize(
    "make",
    [
        lambda session: make_item(session, status="draft"),
        lambda session: make_collection(session, status="draft"),
    ],
)
def test_revisions_number_on_per_record_whatever_the_kind(session, make):
    from app.collection import editing
    from app.workspace import service as workspace

    user = make_user(session)
    record = make(session)
    record = (
        workspace.load(session, record.identifier) if isinstance(record, Item) else editing.load(session, record.slug)
    )
    kind = kind_of(record)
    before = kind.take(record)
    record.titles = {"fr": "Autre titre"}
    session.flush()
    first = revisions.record(session, record, user, revisions.EDIT, before)
    assert [r.number for r in revisions.history(session, kind, record.id)] == [2, 1]
    assert first.changes["titles"][1] == {"fr": "Autre titre"}
    assert revisions.latest_number(session, kind, record.id) == 2
    assert revisions.get(session, kind, record.id, 1).action == "baseline"
    assert [r.number for r in revisions.since(session, kind, record.id, 1)] == [2]
    with pytest.raises(revisions.StaleEdit):
        revisions.start_edit(session, kind, record.id, 1)
