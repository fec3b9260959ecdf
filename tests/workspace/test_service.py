"""The workspace's services: identifiers, the workflow's steps and what each one records."""

import pytest

from app.workspace import service as workspace
from app.workspace.workflow import STEPS, StepRefused, take
from tests.factories import make_item, make_user

VALUES = {
    "kind": "object",
    "language": "fr",
    "titles": {"fr": "Lampe de mineur"},
    "descriptions": {},
    "credits": [],
    "subjects": [],
    "collections": [],
    "place": None,
}


def test_a_new_item_gets_a_made_up_identifier_and_a_taken_one_is_refused(session):
    user = make_user(session)
    item = workspace.create(session, VALUES, user)
    assert item.identifier.startswith("VIL-") and item.sort_title == "lampe de mineur"
    with pytest.raises(workspace.IdentifierTaken):
        workspace.create(session, VALUES | {"identifier": item.identifier}, user)


@pytest.mark.parametrize("step", STEPS)
def test_each_step_leads_from_its_states_only(session, step):
    sources, target = STEPS[step]
    user = make_user(session, role="admin")
    wrong = next(status for status in ("draft", "in_review", "published", "withdrawn") if status not in sources)
    item = workspace.load(session, make_item(session, status=wrong).identifier)
    with pytest.raises(StepRefused) as refused:
        take(session, item, step, user, comment="ok")
    assert refused.value.status == 409 and item.status == wrong
    item = workspace.load(session, make_item(session, status=sources[0]).identifier)
    revision = take(session, item, step, user, comment="ok")
    assert item.status == target and revision.changes["status"] == [sources[0], target]
