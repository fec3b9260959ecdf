"""Every router of the app, included from this one place (in this order: earlier routes match first)."""

from fastapi import FastAPI
from fastapi.params import Depends

from app.account.admin import router as users_router
from app.account.views import router as account_router
from app.api.schemas import problems
from app.audit.views import router as audit_router
from app.collection.api import router as collection_api_router
from app.collection.views import router as collection_router
from app.contribution.api import router as contribution_api_router
from app.contribution.moderation import router as moderation_router
from app.contribution.status import router as contribution_status_router
from app.contribution.views import router as contribution_router
from app.discovery import links as discovery_links
from app.discovery.views import router as discovery_router
from app.edm.views import router as edm_router
from app.exhibit.api import router as exhibit_api_router
from app.exhibit.iiif import router as exhibit_iiif_router
from app.exhibit.pdf_views import router as exhibit_pdf_router
from app.exhibit.views import router as exhibit_router
from app.iiif.presentation import router as iiif_presentation_router
from app.iiif.views import router as iiif_router
from app.interview.access_views import router as interview_access_router
from app.interview.api import router as interview_api_router
from app.interview.editor_views import router as interview_editor_router
from app.interview.public_views import router as interview_public_router
from app.interview.request_views import router as interview_request_router
from app.interview.views import router as interview_router
from app.item.api import router as item_api_router
from app.item.views import router as item_router
from app.linkeddata import script as linkeddata_script
from app.map.api import router as map_api_router
from app.map.views import router as map_router
from app.media.api import router as media_api_router
from app.media.views import router as media_router
from app.oai.views import router as oai_router
from app.plaque.views import router as plaque_router
from app.portfolio.credential_views import router as credential_router
from app.portfolio.views import router as portfolio_router
from app.report.views import router as report_router
from app.search.api import router as search_api_router
from app.search.views import router as search_router
from app.task.supervise import router as task_supervise_router
from app.task.views import router as task_router
from app.timeline.api import router as timeline_api_router
from app.timeline.views import router as timeline_router
from app.tour.api import router as tour_api_router
from app.tour.views import router as tour_router
from app.trainee.views import router as trainee_router
from app.web.views import router as web_router
from app.workspace.api import router as workspace_api_router
from app.workspace.collections import router as workspace_collections_router
from app.workspace.exhibit_pages import router as workspace_exhibit_pages_router
from app.workspace.exhibits import router as workspace_exhibits_router
from app.workspace.media import router as workspace_media_router
from app.workspace.review import router as workspace_review_router
from app.workspace.suggest import router as workspace_suggest_router
from app.workspace.tour_stops import router as workspace_tour_stops_router
from app.workspace.tours import router as workspace_tours_router
from app.workspace.views import router as workspace_router

# Tried first. A request's path is tried against the routes one by one, in order, at some 20,000 instructions
# each (FastAPI's included routers have no prefix index): the exhibit page spent more than a third of its
# instructions finding its route behind some ninety others. The pages visitors open come first; none of their
# paths is one an earlier route answers (tests/test_routes.py checks that every route answers its own paths).
VISITED = (
    exhibit_router,
    item_router,
    collection_router,
    web_router,
)
API = (
    item_api_router,
    interview_api_router,
    collection_api_router,
    exhibit_api_router,
    tour_api_router,
    media_api_router,
    search_api_router,
    timeline_api_router,
    map_api_router,
    workspace_api_router,
    workspace_suggest_router,
    contribution_api_router,
)
PAGES = (
    oai_router,
    edm_router,
    discovery_router,
    iiif_router,
    iiif_presentation_router,
    exhibit_iiif_router,
    search_router,
    timeline_router,
    map_router,
    media_router,
    interview_public_router,
    account_router,
    users_router,
    audit_router,
    exhibit_pdf_router,
    plaque_router,
    portfolio_router,
    credential_router,
    report_router,
    tour_router,
    workspace_collections_router,
    workspace_exhibits_router,
    workspace_exhibit_pages_router,
    workspace_tours_router,
    workspace_tour_stops_router,
    trainee_router,
    task_supervise_router,
    task_router,
    workspace_router,
    interview_editor_router,
    workspace_review_router,
    workspace_media_router,
    interview_router,
    interview_access_router,
    interview_request_router,
    contribution_router,
    contribution_status_router,
    moderation_router,
)


def include_all(app: FastAPI, api_dependencies: list[Depends]) -> None:
    """Mount the visitors' pages, the JSON API (each route with `api_dependencies`) and the other pages."""
    for router in VISITED:
        app.include_router(router)
    for router in API:
        # A token that is wrong or revoked is a 401 on every API route, public reads included.
        app.include_router(router, dependencies=api_dependencies, responses=problems(401))
    for router in PAGES:
        app.include_router(router)
    discovery_links.install(app)
    linkeddata_script.install(app)
