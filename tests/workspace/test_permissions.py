"""The workspace's routes in the permission harness: every route × role × item state, and the table's promises."""

from collections import Counter
from collections.abc import Iterator

import pytest

from app.account.permissions import PERMISSIONS
from app.account.roles import EVERY_ROLE
from tests.account.routes import WORKSPACE, app_routes, share
from tests.account.test_permissions import run_cases


def test_every_workspace_route_is_in_the_table(app):
    names = {route.name for route in app_routes(app)}
    assert WORKSPACE <= names and len(WORKSPACE) >= 25


SHARES = 8


@pytest.fixture(scope="module")
def tally(figures) -> Iterator[Counter]:
    """Cases, routes and wrong answers of this worker's shares, summed into one figure when the module is done."""
    counts: Counter = Counter()
    yield counts
    if counts["routes"]:
        figures.append(
            f"permission table, workspace: {counts['cases']} cases ({counts['routes']} routes), {counts['wrong']} wrong"
        )


@pytest.mark.parametrize("number", range(SHARES))
def test_workspace_routes_follow_the_table_for_every_role_and_item_state(app, client, session, settings, tally, number):
    names = share(WORKSPACE, number, SHARES)
    cases, mismatches = run_cases(app, client, session, settings, names=names)
    tally.update(cases=cases, routes=len(names), wrong=len(mismatches))
    assert cases >= len(names) * len(EVERY_ROLE)  # every route, in each of its states, as every role
    assert not mismatches, "\n".join(mismatches)


def test_contributors_and_visitors_have_nothing_in_the_workspace():
    for name in WORKSPACE:
        assert not PERMISSIONS[name].roles & {"contributor", "visitor"}, name


def test_only_reviewers_publish_and_curators_only_change_drafts():
    for prefix in ("workspace.item_", "api.item."):
        assert PERMISSIONS[prefix + "publish"].allows("supervisor", "in_review")
        assert not PERMISSIONS[prefix + "publish"].allows("curator", "in_review")
        assert PERMISSIONS[prefix + "update"].allows("curator", "draft")
        assert not PERMISSIONS[prefix + "update"].allows("curator", "published")
