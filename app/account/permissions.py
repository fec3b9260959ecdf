"""Who may use which route, as data: `PERMISSIONS` maps every route name of the app to a `Rule`.

A `Rule` says which roles may call the route at all (`roles`, visitors included as `VISITOR`) and, for
routes acting on one object, which roles may act on it in each of its states (`states`); a state that
is not listed is refused to everyone. `hide=True` answers 404 instead of 401/403 for a refused state,
so that a visitor cannot learn that a draft exists. `target` names the kind of object, for the test
harness (tests/account/test_permissions.py), which builds one in each state and tries every role.

Enforcement:
- `authorize` runs before every route (an app-wide dependency, see `app.main`): it identifies the
  request, refuses a role the rule does not list (401 for visitors, 403 for others), then checks
  CSRF for writes (`app.account.csrf.protect`). A route missing from the table is refused to
  everyone, and a test lists it.
- Object routes call `check(request, state)` once they have loaded the object.

Adding a route: give it a `name=`, add a line here (e.g. `"workspace.item.submit": Rule(STAFF,
target="item", states={DRAFT: STAFF})`), and, for a new `target`, a state builder in the harness.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, HTTPException, Request

from app.account.csrf import protect
from app.account.identity import BEARER, Identity, IdentityDep
from app.account.roles import (
    ADMIN,
    ADMINS,
    CURATOR,
    EVERYONE,
    MEMBERS,
    NOBODY,
    REVIEWERS,
    ROLE_LABELS,
    STAFF,
    SUPERVISOR,
    VISITOR,
)
from app.errors import wants_json
from app.i18n import gettext as _

# The states of the objects routes act on: items (the workflow) and residents' contributions.
DRAFT, IN_REVIEW, PUBLISHED, WITHDRAWN = "draft", "in_review", "published", "withdrawn"
CONTRIBUTION_PENDING, CONTRIBUTION_REJECTED = "contribution_pending", "contribution_rejected"
ITEM_STATES = (DRAFT, IN_REVIEW, PUBLISHED, WITHDRAWN)
# Curators change drafts (sent-back items are drafts again); reviewers may correct an item in any state.
EDITABLE = {DRAFT: STAFF, IN_REVIEW: REVIEWERS, PUBLISHED: REVIEWERS, WITHDRAWN: REVIEWERS}
CONTRIBUTION_STATES = (CONTRIBUTION_PENDING, CONTRIBUTION_REJECTED)
# A trainee's portfolio page: public once the trainee chose so, else it does not exist for anyone.
PORTFOLIO_PUBLIC, PORTFOLIO_PRIVATE = "public", "private"
PORTFOLIO_STATES = (PORTFOLIO_PUBLIC, PORTFOLIO_PRIVATE)


@dataclass(frozen=True)
class Rule:
    roles: frozenset[str]
    states: Mapping[str, frozenset[str]] | None = None
    hide: bool = False
    target: str | None = None

    def allows(self, role: str, state: str | None = None) -> bool:
        """Whether `role` may use the route (on an object in `state`, for object routes)."""
        if role not in self.roles:
            return False
        return self.states is None or state is None or role in self.states.get(state, NOBODY)

    def refusal(self, role: str, state: str | None = None) -> int:
        """The status a refused request gets: 401 (log in), 403 (not your role) or 404 (hidden)."""
        if role in self.roles and self.hide:
            return 404
        return 401 if role == VISITOR else 403


def public(target: str | None = None) -> Rule:
    return Rule(EVERYONE, target=target)


def only(roles: frozenset[str], target: str | None = None) -> Rule:
    return Rule(roles, target=target)


def published_only(target: str) -> Rule:
    """A public route on an object that exists for the public only once published."""
    return Rule(EVERYONE, states={PUBLISHED: EVERYONE}, hide=True, target=target)


def staff_or_published(target: str) -> Rule:
    """Files and their descriptions (app/media/access.py): public once published, staff's before and after."""
    return Rule(
        EVERYONE,
        states={PUBLISHED: EVERYONE} | dict.fromkeys((DRAFT, IN_REVIEW, WITHDRAWN), STAFF),
        hide=True,
        target=target,
    )


# The workflow steps of every publishable kind (app/publishing/), the same from the workspace's forms and the API.
def workflow_steps(target: str) -> dict[str, Rule]:
    """Who may take each workflow step on a record of `target` in each state (curators submit, reviewers publish)."""
    return {
        "submit": Rule(STAFF, states={DRAFT: STAFF}, target=target),
        "publish": Rule(REVIEWERS, states={IN_REVIEW: REVIEWERS}, target=target),
        "send_back": Rule(REVIEWERS, states={IN_REVIEW: REVIEWERS}, target=target),
        "withdraw": Rule(REVIEWERS, states={PUBLISHED: REVIEWERS}, target=target),
        "to_draft": Rule(STAFF, states={WITHDRAWN: STAFF}, target=target),
    }


def record_rows(
    target: str,
    *,
    steps: dict[str, Rule] | None = None,
    step_routes: tuple[str, ...] = (),
    edit: tuple[str, ...] = (),
    read: tuple[str, ...] = (),
) -> dict[str, Rule]:
    """The permission-table rows of a publishable kind's routes.

    `step_routes` are route names with a `{step}` (one row per workflow step), `edit` the routes that
    change a record (EDITABLE: curators their drafts, reviewers any state), `read` the workspace's
    routes that show one in any state to the staff.
    """
    steps = steps if steps is not None else workflow_steps(target)
    rows = {pattern.format(step=step): rule for pattern in step_routes for step, rule in steps.items()}
    rows |= dict.fromkeys(edit, Rule(STAFF, states=EDITABLE, target=target))
    return rows | dict.fromkeys(read, Rule(STAFF, states=dict.fromkeys(ITEM_STATES, STAFF), target=target))


ITEM_STEPS = workflow_steps("item") | {
    "delete": Rule(REVIEWERS, states=dict.fromkeys(ITEM_STATES, REVIEWERS), target="item"),
}

# Approving a resident's contribution creates an item. Those who may publish publish it at once; a curator's
# approval (curators are trainees) makes it an item in review, which a supervisor publishes like any other.
APPROVAL_STATES = {CURATOR: IN_REVIEW, SUPERVISOR: PUBLISHED, ADMIN: PUBLISHED}


def approval_state(role: str) -> str:
    """The state of the item that `role`'s approval of a contribution creates (in review unless listed)."""
    return APPROVAL_STATES.get(role, IN_REVIEW)


INTERVIEW_EDITOR = (
    "workspace.transcript",
    "workspace.cue_edit",
    "workspace.cue_add",
    "workspace.transcript_shift",
    "workspace.index",
    "workspace.segment_add",
    "workspace.segment_edit",
    "workspace.index_reorder",
    "workspace.recording",
)

PERMISSIONS: dict[str, Rule] = {
    # Public pages, files and API reads.
    "home": public(),
    "about": public(),
    "language.set": public(),
    "search.results": public(),
    "timeline.page": public(),
    "map.page": public(),
    "item.browse": public(),
    "item.detail": published_only("item"),
    "collection.list": public(),
    "collection.detail": published_only("collection"),
    "exhibit.list": public(),
    "exhibit.detail": published_only("exhibit"),
    "exhibit.page": published_only("exhibit"),
    "exhibit.pdf": published_only("exhibit"),
    "tour.list": public(),
    "tour.detail": published_only("tour"),
    "tour.stop": published_only("tour"),
    "tour.pack": published_only("tour"),
    "tour.audio": staff_or_published("tour"),
    "tour.service_worker": public(),
    "tour.manifest": public(),
    "static": public(),
    "media.derivative": staff_or_published("derivative"),
    "media.file": staff_or_published("media"),
    "interview.captions": staff_or_published("item"),
    "interview.chapters": staff_or_published("item"),
    "interview.recording": staff_or_published("recording"),
    "iiif.manifest": staff_or_published("item"),
    "iiif.service": staff_or_published("image"),
    "iiif.info": staff_or_published("image"),
    "iiif.image": staff_or_published("image"),
    "iiif.exhibit": published_only("exhibit"),
    "iiif.not_found": public(),
    "iiif.preflight": public(),
    "api.items": public(),
    "api.item": published_only("item"),
    "api.collections": public(),
    "api.collection": published_only("collection"),
    "api.exhibits": public(),
    "api.exhibit": published_only("exhibit"),
    "api.tours": public(),
    "api.tour": published_only("tour"),
    "api.search": public(),
    "api.timeline": public(),
    "api.map": public(),
    "api.suggest": public(),
    "openapi": public(),
    "swagger_ui_html": public(),
    "favicon": public(),
    "robots": public(),
    # OAI-PMH for harvesters (app/oai/): public records only; POST is the same read (the protocol allows both).
    "oai.endpoint": public(),
    "oai.endpoint_post": public(),
    # Discovery (app/discovery/): sitemaps, feeds and IIIF Change Discovery list published records only.
    "discovery.sitemap_index": public(),
    "discovery.sitemap_items": public(),
    "discovery.sitemap_pages": public(),
    "discovery.feed_items": public(),
    "discovery.feed_memories": public(),
    "discovery.feed_exhibits": public(),
    "discovery.feed_collection": published_only("collection"),
    "discovery.changes": public(),
    "discovery.changes_page": public(),
    # Europeana (app/edm/): a published item's EDM graph; the staff's list of items by Europeana tier.
    "edm.rdf": published_only("item"),
    "edm.jsonld": published_only("item"),
    "edm.catalog": only(STAFF),
    # Interviews' transcripts and indexes: the staff's in any state, the public's once published (then access.py).
    "api.transcript": staff_or_published("item"),
    "api.index": staff_or_published("item"),
    **dict.fromkeys(
        (f"api.{kind}_{fmt}" for kind in ("transcript", "translation") for fmt in ("vtt", "srt", "txt")),
        staff_or_published("item"),
    ),
    "api.index_vtt": staff_or_published("item"),
    # API writes.
    "api.media.create": Rule(STAFF, states=EDITABLE, target="item"),  # as the form: nothing unreviewed goes public
    "api.transcript.import": Rule(STAFF, states=EDITABLE, target="item"),
    # Accounts.
    "account.login_form": public(),
    "account.login": public(),
    "account.logout": public(),
    "account.reset_form": public("reset_link"),
    "account.reset": public("reset_link"),
    "account.page": only(MEMBERS),
    "account.password": only(MEMBERS),
    "account.session_revoke": only(MEMBERS, "own_session"),
    "account.token_create": only(MEMBERS),
    "account.token_revoke": only(MEMBERS, "own_token"),
    "account.users": only(ADMINS),
    "account.user_add": only(ADMINS),
    "account.user_role": only(ADMINS, "user"),
    "account.user_active": only(ADMINS, "user"),
    "account.user_reset": only(ADMINS, "user"),
    "audit.list": only(REVIEWERS),
    # Residents' contributions: the public form and private status link, and their moderation.
    "contribution.form": public(),
    "contribution.submit": public(),
    "contribution.status": public("contribution"),
    "contribution.withdraw": public("contribution"),
    "contribution.status_file": public("contribution"),
    "contribution.email_link": public("contribution"),
    "contribution.resend": public("contribution"),
    "contribution.queue": only(STAFF),
    "contribution.review": only(STAFF, "contribution"),
    "contribution.file": only(STAFF, "contribution"),
    "contribution.edit": only(STAFF, "contribution"),
    "contribution.approve": only(STAFF, "contribution"),
    "contribution.reject": only(STAFF, "contribution"),
    "contribution.ask": only(STAFF, "contribution"),
    "api.contributions": only(STAFF),
    "api.contribution": only(STAFF, "contribution"),
    "api.contribution.approve": only(STAFF, "contribution"),
    "api.contribution.reject": only(STAFF, "contribution"),
    "api.contribution.ask": only(STAFF, "contribution"),
    # The curators' workspace (pages and API): curators write drafts, supervisors review and publish.
    "workspace.dashboard": only(STAFF),
    "workspace.item_new": only(STAFF),
    "workspace.item_create": only(STAFF),
    **record_rows(
        "item",
        steps=ITEM_STEPS,
        step_routes=("workspace.item_{step}", "api.item.{step}"),
        edit=("workspace.item_update", "workspace.media_upload", "api.item.update"),
        read=("workspace.item_edit", "workspace.item_history", "api.item.revisions"),
    ),
    **record_rows("revision", edit=("workspace.item_restore",)),
    # An interview's transcript and index editors (app/interview/editor_views.py): who may edit the item.
    **record_rows("interview", edit=INTERVIEW_EDITOR),
    **record_rows("item_media", edit=("workspace.media_change",)),
    **record_rows("item", edit=("interview.import",), read=("interview.import_form",)),
    "api.item.create": only(STAFF),
    "api.workspace.suggest": only(STAFF),
    "workspace.collections": only(STAFF),
    "workspace.collection_new": only(STAFF),
    "workspace.collection_create": only(STAFF),
    **record_rows(
        "collection",
        step_routes=("workspace.collection_{step}",),
        edit=("workspace.collection_update", "workspace.collection_cover"),
        read=("workspace.collection_edit", "workspace.collection_history"),
    ),
    "workspace.exhibits": only(STAFF),
    "workspace.exhibit_new": only(STAFF),
    "workspace.exhibit_create": only(STAFF),
    **record_rows(
        "exhibit",
        step_routes=("workspace.exhibit_{step}",),
        edit=(
            "workspace.exhibit_update",
            "workspace.exhibit_cover",
            "workspace.exhibit_restore",
            "workspace.exhibit_page_add",
            "workspace.exhibit_page_rename",
            "workspace.exhibit_page_move",
            "workspace.exhibit_page_remove",
            "workspace.exhibit_block_add",
            "workspace.exhibit_block_update",
            "workspace.exhibit_block_move",
            "workspace.exhibit_block_remove",
        ),
        read=(
            "workspace.exhibit_edit",
            "workspace.exhibit_history",
            "workspace.exhibit_page",
            "workspace.exhibit_block_new",
            "workspace.exhibit_block_edit",
        ),
    ),
    # The staff's preview of an exhibit as visitors will see it, in any state (app/exhibit/views.py).
    **record_rows("exhibit", read=("workspace.exhibit_preview", "workspace.exhibit_preview_page")),
    "workspace.tours": only(STAFF),
    "workspace.tour_new": only(STAFF),
    "workspace.tour_create": only(STAFF),
    **record_rows(
        "tour",
        step_routes=("workspace.tour_{step}",),
        edit=(
            "workspace.tour_update",
            "workspace.tour_cover",
            "workspace.tour_restore",
            "workspace.tour_stop_add",
            "workspace.tour_stop_update",
            "workspace.tour_stop_move",
            "workspace.tour_stop_remove",
        ),
        read=(
            "workspace.tour_edit",
            "workspace.tour_history",
            "workspace.tour_stop_new",
            "workspace.tour_stop_edit",
            "workspace.tour_preview",
        ),
    ),
    # Oral memories: an interview's access and consent (as its item's form), access requests and private links.
    **record_rows(
        "interview_consent",
        edit=(
            "interview.access_update",
            "interview.release_form_upload",
            "interview.redaction_add",
            "interview.redaction_remove",
        ),
        read=("interview.access_page", "interview.release_form"),
    ),
    "interview.request_form": public("requestable_interview"),
    "interview.request_submit": public("requestable_interview"),
    "interview.request_sent": public("requestable_interview"),
    "interview.listen": public("listen_link"),
    "interview.listen_recording": public("listen_link"),
    # QR codes of public records, and the workspace's plaques and label sheets (app/plaque/views.py).
    "plaque.qr_png": published_only("plaque"),
    "plaque.qr_svg": published_only("plaque"),
    "plaque.workspace": only(STAFF),
    "plaque.print": only(STAFF),
    "plaque.print_pdf": only(STAFF),
    "interview.requests": only(STAFF),
    "interview.request_approve": only(STAFF, "access_request"),
    "interview.request_refuse": only(STAFF, "access_request"),
    # The trainee's portfolio (app/portfolio/): their own (trainees are curators), any trainee's for reviewers,
    # the public page and its PDF only once the trainee made it public (else 404, as if it did not exist).
    "portfolio.mine": only(STAFF),
    "portfolio.choose": only(STAFF),
    "portfolio.mine_pdf": only(STAFF, "own_portfolio"),
    "portfolio.badge": only(STAFF, "own_badge"),
    "portfolio.trainee": only(REVIEWERS, "trainee_profile"),
    "portfolio.public": Rule(EVERYONE, states={PORTFOLIO_PUBLIC: EVERYONE}, hide=True, target="portfolio"),
    "portfolio.public_pdf": Rule(EVERYONE, states={PORTFOLIO_PUBLIC: EVERYONE}, hide=True, target="portfolio"),
    "portfolio.photo": Rule(EVERYONE, states={PORTFOLIO_PUBLIC: EVERYONE}, hide=True, target="portfolio"),
    "portfolio.issuer": public(),
    "portfolio.keys": public(),
    "portfolio.verify_form": public(),
    "portfolio.verify": public(),
    # The funders' report: aggregates of the trainees' personal data, for supervisors and admins (app/report/).
    "report.page": only(REVIEWERS),
    "report.csv": only(REVIEWERS),
    "report.pdf": only(REVIEWERS),
    # Programme cohorts and trainee profiles (app/trainee/views.py): supervisors and administrators; a trainee
    # (a curator) opens only their own profile page, which never shows the follow-up data.
    "trainee.cohorts": only(REVIEWERS),
    "trainee.cohort_new": only(REVIEWERS),
    "trainee.cohort_create": only(REVIEWERS),
    "trainee.cohort": only(REVIEWERS, "cohort"),
    "trainee.cohort_edit": only(REVIEWERS, "cohort"),
    "trainee.cohort_update": only(REVIEWERS, "cohort"),
    "trainee.new": only(REVIEWERS),
    "trainee.create": only(REVIEWERS),
    "trainee.edit": only(REVIEWERS, "trainee"),
    "trainee.update": only(REVIEWERS, "trainee"),
    "trainee.mine": only(STAFF, "own_trainee"),
    "trainee.mine_update": only(STAFF, "own_trainee"),
    "trainee.mine_photo": only(STAFF, "own_trainee"),
    "trainee.mine_photo_file": only(STAFF, "own_trainee"),
    "trainee.photo": only(REVIEWERS, "trainee"),
    # The trainees' task board (app/task/): the staff do the work; supervisors and admins review it, never their
    # own (the service refuses), and manage tasks, trust, hours and the competence mapping.
    "task.board": only(STAFF),
    "task.next": only(STAFF),
    "task.mine": only(STAFF),
    "task.review_queue": only(REVIEWERS),
    "task.detail": only(STAFF, "task"),
    "task.claim": only(STAFF, "task"),
    "task.renew": only(STAFF, "task"),
    "task.release": only(STAFF, "task"),
    "task.timer": only(STAFF, "task"),
    "task.minutes": only(STAFF, "task"),
    "task.submit": only(STAFF, "task"),
    "task.review": only(REVIEWERS, "task"),
    "task.close": only(REVIEWERS, "task"),
    "task.new": only(REVIEWERS),
    "task.create": only(REVIEWERS),
    "task.trust": only(REVIEWERS),
    "task.trust_grant": only(REVIEWERS),
    "task.trust_remove": only(REVIEWERS),
    "task.hours": only(REVIEWERS),
    "task.competences": only(REVIEWERS),
    "task.competences_save": only(REVIEWERS),
}


def route_name(request: Request) -> str | None:
    route = request.scope.get("route")
    return getattr(route, "name", None)


def rule_for(request: Request) -> Rule:
    """The rule of the route being served; a route missing from the table is open to nobody."""
    return PERMISSIONS.get(route_name(request) or "", Rule(NOBODY))


async def authorize(request: Request, identity: IdentityDep) -> Identity:
    """The app-wide guard: who is asking, may their role use the route (else 401 for visitors, 403 for others),
    and (for writes) CSRF. (`async`: it only reads the rule, and a plain function would cost every request a trip
    to a thread; one dependency rather than two, since every request solves it.)"""
    rule = rule_for(request)
    if identity.role not in rule.roles:
        raise refused(request, identity.role, rule.refusal(identity.role))
    await protect(request, identity)
    return identity


def check(request: Request, state: str) -> None:
    """Refuse (401, 403 or 404) unless the request's role may act on an object in `state` on this route."""
    rule = rule_for(request)
    role = request.state.identity.role
    if not rule.allows(role, state):
        raise refused(request, role, rule.refusal(role, state))


def may(request: Request, name: str) -> bool:
    """Whether this request's role may use route `name` at all (for links; objects are checked apart)."""
    identity = getattr(request.state, "identity", None)
    role = identity.role if identity is not None else VISITOR
    return role in PERMISSIONS.get(name, Rule(NOBODY)).roles


def refused(request: Request, role: str, status: int) -> HTTPException:
    """The exception for a refusal, with a message in the visitor's language."""
    if status == 404:
        return HTTPException(404)
    if status == 401:
        return HTTPException(401, _("Log in to continue."), headers=BEARER if wants_json(request) else None)
    return HTTPException(403, _("Your account ({role}) does not allow this.").format(role=ROLE_LABELS[role]))


AuthorizedDep = Annotated[Identity, Depends(authorize)]
