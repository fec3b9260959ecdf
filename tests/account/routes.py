"""Every route of the app, and how a test calls each one with real objects in a given state.

Used by the permission, CSRF and security-header tests. When a route acts on a new kind of object,
add a builder to `BUILDERS` (target -> function(session, settings, state, actor) -> path parameters)
and its states to `TARGET_STATES`; when a POST needs a body to reach its permission check (its
object-state check runs after the body is validated), add it to `BODIES`.
"""

from dataclasses import dataclass
from pathlib import Path

from fastapi.routing import iter_route_contexts
from PIL import Image
from sqlalchemy import select

from app.account import resets
from app.account import sessions as login_sessions
from app.account.permissions import CONTRIBUTION_STATES, ITEM_STATES, PERMISSIONS, PORTFOLIO_STATES
from app.db import Base
from app.media import service as media_service
from tests.factories import api_token, make_collection, make_exhibit, make_item, make_user

MEDIA = Path(__file__).parent.parent / "fixtures" / "media"
# The workspace's routes: their rows of the table are tried by tests/workspace/test_permissions.py, every other
# route's by tests/account/test_permissions.py (two tests that run side by side, and no case tried twice).
WORKSPACE = {name for name in PERMISSIONS if name.startswith(("workspace.", "api.item.", "api.workspace."))}


@dataclass(frozen=True)
class AppRoute:
    name: str
    path: str  # with {parameters}
    methods: frozenset[str]

    @property
    def method(self) -> str:
        """The method a test uses: GET when the route has it, else its first other method."""
        return "GET" if "GET" in self.methods else sorted(self.methods)[0]


def app_routes(app) -> list[AppRoute]:
    """Every route and mount of the app (FastAPI's included routers flattened)."""
    found = []
    for route in iter_route_contexts(app.routes):
        path = route.path_format or route.path  # a mount's is "/static/{path}"
        found.append(AppRoute(route.name, path, frozenset(route.methods or {"GET"})))
    return found


def _image(tmp: Path) -> Path:
    path = tmp / "harness.jpg"
    if not path.exists():
        Image.new("RGB", (96, 64), (140, 59, 22)).save(path, "JPEG", quality=80)
    return path


def item_with_image(session, settings, state):
    """An item in `state` with one openly licensed image (derivatives and pyramid made at once)."""
    item = make_item(session, status=state)
    media = media_service.attach(
        session,
        item,
        _image(settings.media_dir.parent),
        settings,
        background=False,
        rights="https://creativecommons.org/licenses/by/4.0/",
    )
    session.flush()
    return item, media


def build_item(session, settings, state, actor):
    item, _media = item_with_image(session, settings, state)
    return {"identifier": item.identifier}


def build_media(session, settings, state, actor):
    _item, media = item_with_image(session, settings, state)
    return {"sha256": media.sha256, "ext": media.original_path.rsplit(".", 1)[-1]}


def build_image(session, settings, state, actor):
    _item, media = item_with_image(session, settings, state)
    return {
        "identifier": media.sha256,
        "region": "full",
        "size": "max",
        "rotation": "0",
        "quality_format": "default.jpg",
    }


def build_item_media(session, settings, state, actor):
    item, media = item_with_image(session, settings, state)
    return {"identifier": item.identifier, "media_id": media.id}


def build_revision(session, settings, state, actor):
    from app.revision import service as revision_service
    from app.workspace import service as workspace_service

    item, _media = item_with_image(session, settings, state)
    revision = revision_service.record(session, workspace_service.load(session, item.identifier), actor, "edit", None)
    return {"identifier": item.identifier, "number": revision.number}


def build_contribution(session, settings, state, actor):
    """A resident's contribution in `state` with one photo: its status link's secret, its id and its file's."""
    from tests.contribution.factories import make_contribution

    contribution, token = make_contribution(session, settings, state)
    return {"token": token, "contribution_id": contribution.id, "file_id": contribution.files[0].id}


def build_collection(session, settings, state, actor):
    """A collection in `state` (published when the route's rule has no states) holding an item with an image."""
    item, _media = item_with_image(session, settings, "published")
    return {"slug": make_collection(session, [item], status=state or "published").slug}


def build_exhibit(session, settings, state, actor):
    """An exhibit in `state` (published when the route's rule has no states) showing a published item with an image
    in the first block of its page "debut", with a first revision (for the workspace's routes)."""
    from app.exhibit import editing
    from app.publishing import revisions

    item, _media = item_with_image(session, settings, "published")
    exhibit = make_exhibit(session, [item], status=state or "published")
    revision = revisions.record(session, editing.load(session, exhibit.slug), actor, revisions.CREATE, None)
    return {"slug": exhibit.slug, "key": "debut", "index": 0, "number": revision.number}


def build_plaque(session, settings, state, actor):
    """A QR code's address: an item in `state` (app/plaque/registry.py names records by kind and key)."""
    return {"kind": "item", "key": make_item(session, status=state).identifier}


def build_tour(session, settings, state, actor):
    """A tour in `state` (published when the route's rule has no states) of three stops, the second with an audio
    commentary: its slug, stop 1 (and revision 1), and the commentary's file."""
    from app.tour import editing
    from tests.tour.conftest import build_tour as tour_in
    from tests.tour.conftest import make_places

    tour = editing.load(session, "harness")  # the tests calling every route without a rollback reuse it
    if tour is None:
        places = make_places(session, settings, images=False)
        tour = tour_in(session, settings, places, status=state or "published", slug="harness")
    tour.status = state or "published"
    session.flush()
    return {"slug": tour.slug, "number": 1, "sha256": tour.stops[1].audio_sha256, "ext": "mp3"}


def build_reset_link(session, settings, state, actor):
    return {"token": resets.create(session, make_user(session, role="contributor"), settings).token}


def build_user(session, settings, state, actor):
    return {"name": make_user(session, role="curator").name}


def build_own_session(session, settings, state, actor):
    owner = actor or make_user(session, role="curator")
    return {"session_id": login_sessions.start(session, owner, settings).login.id}


def build_own_token(session, settings, state, actor):
    from app.account.api_tokens import resolve

    owner = actor or make_user(session, role="curator")
    return {"token_id": resolve(session, api_token(session, owner)).id}


def build_derivative(session, settings, state, actor):
    _item, media = item_with_image(session, settings, state)
    return {"a": media.sha256[:2], "b": media.sha256[2:4], "sha256": media.sha256, "name": "thumb.jpg"}


def build_interview(session, settings, state, actor):
    """An interview in `state` with its cues, segments and a recording (the transcript and index editors)."""
    from tests.interview.editor_helpers import cues, make_interview, recording_id, segments

    item = make_interview(session, settings, status=state)
    return {
        "identifier": item.identifier,
        "cue_id": cues(session, item)[0].id,
        "segment_id": segments(session, item)[0].id,
        "media_id": recording_id(session, item),
    }


def build_recording(session, settings, state, actor):
    """An item in `state` with a sound whose browser copy is made at once (`background=False`)."""
    item = make_item(session, status=state, kind="interview")
    media = media_service.attach(session, item, MEDIA / "sound.mp3", settings, background=False)
    session.flush()
    return {"identifier": item.identifier, "media_id": media.id, "name": "recording.m4a"}


def build_interview_consent(session, settings, state, actor):
    """An interview in `state` with a stored release form and one redaction."""
    from app.interview import consent
    from tests.interview.factories import add_redaction, make_interview

    item = make_interview(session, status=state)
    consent.attach(session, item, consent.store(settings, _image(settings.media_dir.parent), "release.jpg"))
    return {"identifier": item.identifier, "redaction_id": add_redaction(session, item, 5, 9).id}


def build_requestable_interview(session, settings, state, actor):
    from tests.interview.factories import make_interview

    return {"identifier": make_interview(session, "on_request").identifier}


def build_listen_link(session, settings, state, actor):
    from tests.interview.factories import approved_link, make_interview

    item = make_interview(session, "on_request")
    media = media_service.attach(session, item, MEDIA / "sound.mp3", settings, background=False)
    session.flush()
    token = approved_link(session, item)[1]
    return {"identifier": item.identifier, "token": token, "media_id": media.id, "name": "recording.m4a"}


def build_access_request(session, settings, state, actor):
    from tests.interview.factories import make_interview, make_request

    return {"request_id": make_request(session, make_interview(session, "on_request")).id}


def build_own_badge(session, settings, state, actor):
    """The acting user as a trainee with a public name and an approved catalogue task: a competence it shows."""
    from app.task.competences import default
    from tests.portfolio.factories import make_approved
    from tests.trainee.factories import make_trainee

    if actor is not None:
        make_approved(session, make_trainee(session, actor, public_name="Camille R."), "catalogue_item")
    return {"competence_id": default().of("catalogue_item")[0].id}


def build_cohort(session, settings, state, actor):
    from tests.trainee.factories import make_cohort

    return {"slug": make_cohort(session).slug}


def build_trainee(session, settings, state, actor):
    from tests.trainee.factories import make_trainee, with_photo

    return {"profile_id": with_photo(session, make_trainee(session), settings).id}


def build_portfolio(session, settings, state, actor):
    """A trainee's portfolio, public (every section) or private (nothing chosen)."""
    from tests.trainee.factories import make_trainee, with_photo

    choices = {"public": True, "sections": ["photo", "work", "hours", "competences", "comments"]}
    profile = make_trainee(session, public_choices=choices if state == "public" else {}, public_name="Camille R.")
    return {"key": with_photo(session, profile, settings).portfolio_key}


def build_own_trainee(session, settings, state, actor):
    """The actor's own trainee profile, with a photo (a visitor has none)."""
    from tests.trainee.factories import make_trainee, with_photo

    if actor is not None:
        with_photo(session, make_trainee(session, user=actor), settings)
    return {}


def build_task(session, settings, state, actor):
    """An open task on the board (the task service checks its state itself, with 409 pages)."""
    from app.task.models import Task

    task = Task(type="catalogue_item", title="Harness task")
    session.add(task)
    session.flush()
    return {"task_id": task.id}


BUILDERS = {
    "own_portfolio": build_own_trainee,
    "own_badge": build_own_badge,
    "trainee_profile": build_trainee,
    "portfolio": build_portfolio,
    "cohort": build_cohort,
    "trainee": build_trainee,
    "own_trainee": build_own_trainee,
    "task": build_task,
    "interview_consent": build_interview_consent,
    "requestable_interview": build_requestable_interview,
    "listen_link": build_listen_link,
    "access_request": build_access_request,
    "item": build_item,
    "media": build_media,
    "image": build_image,
    "collection": build_collection,
    "exhibit": build_exhibit,
    "plaque": build_plaque,
    "tour": build_tour,
    "reset_link": build_reset_link,
    "user": build_user,
    "own_session": build_own_session,
    "own_token": build_own_token,
    "contribution": build_contribution,
    "item_media": build_item_media,
    "revision": build_revision,
    "derivative": build_derivative,
    "interview": build_interview,
    "recording": build_recording,
}
# Targets whose object depends on who acts (its author or owner): built again for each role. Every other
# target's object is built once per state, with no actor, and every role tries it (tests/account/test_permissions.py).
BY_ACTOR = {"revision", "exhibit", "own_session", "own_token", "own_badge", "own_trainee", "own_portfolio"}
TARGET_STATES = {
    "portfolio": PORTFOLIO_STATES,
    "interview_consent": ITEM_STATES,
    "contribution": CONTRIBUTION_STATES,
    "item": ITEM_STATES,
    "media": ITEM_STATES,
    "image": ITEM_STATES,
    "item_media": ITEM_STATES,
    "derivative": ITEM_STATES,
    "recording": ITEM_STATES,
    "collection": ITEM_STATES,
    "exhibit": ITEM_STATES,
    "plaque": ITEM_STATES,
    "tour": ITEM_STATES,
    "revision": ITEM_STATES,
    "interview": ITEM_STATES,
}
# Routes without a target that still need path parameters.
FIXED = {
    "static": lambda *args: {"path": "css/museum.css"},
    "iiif.not_found": lambda *args: {"rest": "no/such/image"},
    "iiif.preflight": lambda *args: {"rest": "anything/info.json"},
    "discovery.sitemap_items": lambda session, *args: make_item(session) and {"number": 1},  # a file needs an item
    "discovery.changes_page": lambda *args: {"number": 0},
}
# What a POST sends so that an allowed request gets past validation to the view's own checks.
BODIES = {
    "api.contribution.approve": lambda: {"json": {"title": "Souvenir de la cité"}},
    "api.contribution.reject": lambda: {"json": {"reason": "Hors sujet"}},
    "api.media.create": lambda: {"files": {"file": ("photo.jpg", (MEDIA / "photo.jpg").read_bytes())}},
    "api.item.update": lambda: {"json": {"revision": 0}},
    "api.transcript.import": lambda: {"files": {"file": ("t.vtt", b"WEBVTT\n\n00:01.000 --> 00:02.000\nBonjour\n")}},
}
# Routes whose answer is 404 by design, whoever asks.
ALWAYS_404 = {"iiif.not_found"}


def share(names: set[str], number: int, count: int) -> set[str]:
    """The `number`th of `count` interleaved shares of `names`: the permission harness runs as `count` tests, which
    pytest-xdist spreads over its workers (one test took minutes on one worker)."""
    return set(sorted(names)[number::count])


def states_of(target: str | None) -> tuple:
    return TARGET_STATES.get(target, (None,))


def params_for(route: AppRoute, rule, session, settings, state, actor) -> dict:
    builder = BUILDERS.get(rule.target) if rule.target else FIXED.get(route.name)
    return builder(session, settings, state, actor) if builder else {}


def snapshot(session) -> dict:
    """Every row of every table, to compare before and after requests that must change nothing."""
    session.flush()
    tables = Base.metadata.sorted_tables
    return {table.name: sorted(map(repr, session.execute(select(table)).all())) for table in tables}
