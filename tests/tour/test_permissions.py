"""The permission table's rows of every tour route, tried with every role on a tour in every state (the whole
table is tried in tests/account/test_permissions.py; this runs the tours' rows alone, quickly)."""

from app.account.permissions import PERMISSIONS
from tests.account.routes import app_routes
from tests.account.test_permissions import run_cases

TOUR_ROUTES = {
    "tour.list",
    "tour.detail",
    "tour.stop",
    "tour.pack",
    "tour.audio",
    "tour.service_worker",
    "tour.manifest",
    "api.tours",
    "api.tour",
    "workspace.tours",
    "workspace.tour_new",
    "workspace.tour_create",
    "workspace.tour_edit",
    "workspace.tour_update",
    "workspace.tour_cover",
    "workspace.tour_history",
    "workspace.tour_restore",
    "workspace.tour_preview",
    "workspace.tour_stop_new",
    "workspace.tour_stop_add",
    "workspace.tour_stop_edit",
    "workspace.tour_stop_update",
    "workspace.tour_stop_move",
    "workspace.tour_stop_remove",
    *(f"workspace.tour_{step}" for step in ("submit", "publish", "send_back", "withdraw", "to_draft")),
}


def test_every_tour_route_has_a_row(app):
    names = {route.name for route in app_routes(app)}
    tours = {name for name in names if "tour" in name.split(".")[-1] or name.startswith("tour.")}
    assert tours == TOUR_ROUTES
    assert TOUR_ROUTES <= set(PERMISSIONS)


def test_tour_routes_follow_the_permission_table(app, client, session, settings):
    cases, mismatches = run_cases(app, client, session, settings, names=TOUR_ROUTES)
    assert cases > 400
    assert not mismatches, "\n".join(mismatches)
