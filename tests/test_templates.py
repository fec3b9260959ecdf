"""Every page template renders through the real app, extends base.html and has a title (warehouse's check)."""

from datetime import date, timedelta
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from jinja2 import nodes

from app.account import resets
from app.account.permissions import PERMISSIONS, public
from app.config import LANGUAGES
from app.trainee.models import Cohort
from tests.contribution.factories import make_contribution
from tests.factories import login, make_collection, make_exhibit, make_item, make_user
from tests.interview.factories import approved_link, make_interview, make_request
from tests.tour.conftest import build_tour, make_places
from tests.trainee.factories import make_trainee
from tests.web.html import parse

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
BASE_BLOCKS = {"title", "head", "nav", "messages", "content", "footer"}

# Each page template and an address that renders it; a new template needs a line here.
PAGES = {
    "home.html": "/",
    "about.html": "/about",
    "item/browse.html": "/items",
    "item/detail.html": "/items/T-1",
    "collection/list.html": "/collections",
    "collection/detail.html": "/collections/c-1",
    "exhibits/list.html": "/exhibits",
    "exhibits/detail.html": "/exhibits/e-1",
    "exhibits/page.html": "/exhibits/e-1/debut",
    "errors/404.html": "/no/such/page",
    "errors/400.html": "/items?kind=nonsense",
    "errors/500.html": "/broken",
    "search/results.html": "/search?q=fourneau",
    "timeline/page.html": "/timeline",
    "map/page.html": "/map",
    "account/login.html": "/login",
    "account/page.html": "/account",
    "account/reset.html": "/account/reset/{reset}",
    "account/users.html": "/workspace/users",
    "audit/list.html": "/workspace/audit",
    "contribution/form.html": "/contribute?item=T-1",
    "contribution/status.html": "/contribute/status/{contribution_token}",
    "contribution/queue.html": "/workspace/contributions",
    "contribution/review.html": "/workspace/contributions/{contribution_id}",
    "workspace/dashboard.html": "/workspace",
    "workspace/item.html": "/workspace/items/T-1",
    "workspace/history.html": "/workspace/items/T-1/history",
    "workspace/collections.html": "/workspace/collections",
    "workspace/collection.html": "/workspace/collections/c-1",
    "workspace/collection_history.html": "/workspace/collections/c-1/history",
    "workspace/exhibits.html": "/workspace/exhibits",
    "workspace/exhibit.html": "/workspace/exhibits/{exhibit}",
    "workspace/exhibit_history.html": "/workspace/exhibits/{exhibit}/history",
    "workspace/exhibit_page.html": "/workspace/exhibits/{exhibit}/pages/debut",
    "workspace/exhibit_block.html": "/workspace/exhibits/{exhibit}/pages/debut/blocks/0",
    "interview/import.html": "/workspace/items/T-ORAL/transcript/import",
    "interview/editor.html": "/workspace/items/I-ED/transcript",
    "interview/index_editor.html": "/workspace/items/I-ED/index",
    "interview/access.html": "/workspace/items/I-1/access",
    "interview/request_form.html": "/items/I-1/access-request",
    "interview/request_sent.html": "/items/I-1/access-request/sent",
    "interview/listen.html": "/items/I-1/listen/{listen_token}",
    "interview/link_gone.html": "/items/I-1/listen/no-such-link",
    "interview/requests.html": "/workspace/access-requests",
    "exhibits/pdf_pending.html": "/exhibits/e-1.pdf",
    "plaques/workspace.html": "/workspace/plaques?records=T-1",
    "report/page.html": "/workspace/report",
    "tours/list.html": "/tours",
    "tours/detail.html": "/tours/route-du-fer",
    "tours/stop.html": "/tours/route-du-fer/stops/2",
    "workspace/tours.html": "/workspace/tours",
    "edm/catalog.html": "/workspace/europeana",
    "workspace/tour.html": "/workspace/tours/route-du-fer",
    "workspace/tour_history.html": "/workspace/tours/route-du-fer/history",
    "workspace/tour_stop.html": "/workspace/tours/route-du-fer/stops/2",
    "portfolio/none.html": "/workspace/portfolio",
    "portfolio/page.html": "/workspace/trainees/{trainee}/portfolio",
    "portfolio/public.html": "/portfolio/{portfolio_key}",
    "portfolio/verify.html": "/credentials/verify",
    "trainees/cohorts.html": "/workspace/cohorts",
    "trainees/cohort.html": "/workspace/cohorts/{cohort}",
    "trainees/cohort_form.html": "/workspace/cohorts/new",
    "trainees/trainee_form.html": "/workspace/trainees/{trainee}",
    "trainees/mine.html": "/workspace/me/trainee",
    "tasks/board.html": "/workspace/tasks",
    "tasks/detail.html": "/workspace/tasks/{task}",
    "tasks/mine.html": "/workspace/tasks/mine",
    "tasks/review.html": "/workspace/tasks/review",
    "tasks/new.html": "/workspace/tasks/new",
    "tasks/trust.html": "/workspace/tasks/trust",
    "tasks/hours.html": "/workspace/tasks/hours",
    "tasks/competences.html": "/workspace/tasks/competences",
}
# Documents made from templates that are not pages of the site: WeasyPrint's input for an exhibit's PDF, and the
# plaques and label sheets (printed as they are, and WeasyPrint's input for their PDF).
DOCUMENTS = {"exhibits/booklet.html", "plaques/print.html", "portfolio/print.html"}


# Folders of partials: macros, and the exhibit editor's form of each block type.
PARTIAL_FOLDERS = {"_macros", "exhibit_blocks"}


def page_templates() -> list[str]:
    """Templates that are pages: partials (`_name.html`, and those in PARTIAL_FOLDERS) and exhibit blocks are not."""
    return sorted(
        path.relative_to(TEMPLATES).as_posix()
        for path in TEMPLATES.rglob("*.html")
        if not path.name.startswith("_")
        and not PARTIAL_FOLDERS & set(path.parts)
        and path.parent != TEMPLATES / "exhibits" / "blocks"
        and path.name != "base.html"
        and path.relative_to(TEMPLATES).as_posix() not in DOCUMENTS
    )


@pytest.fixture
def site(app, session, monkeypatch):
    item = make_item(session, identifier="T-1", title="Haut fourneau")
    make_collection(session, [item], slug="c-1")
    exhibit = make_exhibit(session, [item], slug="e-1")
    build_tour(session, app.state.settings, make_places(session, app.state.settings, images=False), with_audio=False)
    make_item(session, identifier="T-ORAL", kind="interview", title="Souvenirs de la mine")
    make_item(session, identifier="I-ED", kind="interview", title="Entretien")
    monkeypatch.setitem(PERMISSIONS, "broken", public())
    # Logged in as an administrator, who may open every page; the reset page needs a live link.
    admin = make_user(session, "admin-pages", role="admin")
    link = resets.create(session, make_user(session, "newcomer"), app.state.settings)
    contribution, contribution_token = make_contribution(session, app.state.settings, files=("photo.jpg", "sound.mp3"))
    on_request = make_interview(session, "on_request", identifier="I-1", cues=("Bonjour",))
    make_interview(session, "sealed", identifier="I-S", sealed_until=date.today() + timedelta(days=3650))
    make_request(session, on_request)
    _request, listen_token = approved_link(session, on_request)
    trainee = make_trainee(session, public_name="Camille R.", public_choices={"public": True, "sections": ["work"]})
    cohort = session.get(Cohort, trainee.cohort_id)

    @app.get("/broken")
    def broken():
        raise RuntimeError("a bug")

    with TestClient(app, raise_server_exceptions=False) as client:
        login(client, admin)
        keys = {
            "reset": link.token,
            "contribution_token": contribution_token,
            "contribution_id": contribution.id,
            "listen_token": listen_token,
            "exhibit": exhibit.slug,
            "trainee": trainee.id,
            "portfolio_key": trainee.portfolio_key,
            "cohort": cohort.slug,
            "task": _task(session),
        }
        client.addresses = {template: path.format(**keys) for template, path in PAGES.items()}
        yield client


def _task(session) -> int:
    from app.task.models import Task

    task = Task(type="catalogue_item", title="Cataloguer la photo de l'usine")
    session.add(task)
    session.flush()
    return task.id


def test_every_page_template_has_an_address_to_check_it():
    assert page_templates() == sorted(PAGES)


@pytest.mark.parametrize("template", sorted(PAGES))
@pytest.mark.parametrize("lang", LANGUAGES)
def test_page_renders_with_a_title_and_one_h1(site, template, lang):
    address = site.addresses[template]
    separator = "&" if "?" in address else "?"
    response = site.get(f"{address}{separator}lang={lang}")
    assert response.template.name == template
    doc = parse(response.text)
    title = doc.find("title").text
    assert title.endswith(" · Villerupt.com") and title.removesuffix(" · Villerupt.com").strip()
    assert len(doc.find_all("h1")) == 1
    assert doc.find("header") and doc.find("nav") and doc.find("main", id="main") and doc.find("footer")


@pytest.mark.parametrize("template", sorted(PAGES))
def test_page_extends_base(app, template):
    env = app.state.templates.env
    source = env.loader.get_source(env, template)[0]
    extends = list(env.parse(source).find_all(nodes.Extends))
    assert [node.template.value for node in extends] == ["base.html"]


def test_base_defines_the_shared_blocks(app):
    assert BASE_BLOCKS <= set(app.state.templates.env.get_template("base.html").blocks)


@pytest.mark.parametrize("template", sorted(PAGES))
def test_pages_have_no_inline_script_or_style(site, template):
    """A content security policy will forbid them: scripts come from files in app/static/js/ (a JSON-LD data
    block is no script: browsers never run it, app/linkeddata/ writes it)."""
    doc = parse(site.get(site.addresses[template]).text)
    assert all(script.get("src") or script.get("type") == "application/ld+json" for script in doc.find_all("script"))
    assert not doc.find_all("style")
    for element in doc.iter():
        assert "style" not in element.attrs
        assert not [name for name in element.attrs if name.startswith("on")]
