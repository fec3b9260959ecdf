"""The plaque routes in the permission table: QR codes are public for published records only (404 otherwise,
whoever asks); the plaques and label sheets are the staff's. Checked by the permission harness itself."""

from app.account.permissions import PERMISSIONS
from app.account.roles import EVERY_ROLE
from tests.account.routes import app_routes
from tests.account.test_permissions import run_cases

ROUTES = {"plaque.qr_png", "plaque.qr_svg", "plaque.workspace", "plaque.print", "plaque.print_pdf"}


def test_every_plaque_route_has_a_row(app):
    names = {route.name for route in app_routes(app) if route.name.startswith("plaque.")}
    assert names == ROUTES and ROUTES <= set(PERMISSIONS)


def test_the_plaque_routes_follow_their_rows_for_every_role_and_state(app, client, session, settings):
    cases, mismatches = run_cases(app, client, session, settings, names=ROUTES)
    assert cases == len(EVERY_ROLE) * (2 * 4 + 3)  # the QR codes: four item states; the workspace's: none
    assert not mismatches, "\n".join(mismatches)
