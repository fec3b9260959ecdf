"""The roles, as data: who people are on the site, and the groups the permission table uses.

A stored user has one of `ROLES`; anyone without an account (or not logged in) is a `VISITOR`,
which is never stored. Groups are frozensets so that rules read as `STAFF` or `REVIEWERS`.
"""

from app.i18n import lazy_gettext as _l

ADMIN, SUPERVISOR, CURATOR, CONTRIBUTOR = "admin", "supervisor", "curator", "contributor"
VISITOR = "visitor"
ROLES = (ADMIN, SUPERVISOR, CURATOR, CONTRIBUTOR)
EVERY_ROLE = (VISITOR, *ROLES)

EVERYONE = frozenset(EVERY_ROLE)
MEMBERS = frozenset(ROLES)
STAFF = frozenset({CURATOR, SUPERVISOR, ADMIN})
REVIEWERS = frozenset({SUPERVISOR, ADMIN})
ADMINS = frozenset({ADMIN})
NOBODY: frozenset[str] = frozenset()

ROLE_LABELS = {
    ADMIN: _l("Administrator"),
    SUPERVISOR: _l("Supervisor"),
    CURATOR: _l("Curator"),
    CONTRIBUTOR: _l("Contributor"),
    VISITOR: _l("Visitor"),
}
ROLE_DESCRIPTIONS = {
    ADMIN: _l("manages the accounts and the site's settings"),
    SUPERVISOR: _l("reviews the curators' work and publishes it"),
    CURATOR: _l("creates and edits items, media and collections, and submits them for review"),
    CONTRIBUTOR: _l("a resident who shares memories with an account"),
}


def role_of(user) -> str:
    """The role a request acts with: the user's, or `VISITOR` without an (active) user."""
    return user.role if user is not None and user.active else VISITOR
