"""An exhibit as a IIIF Presentation 3.0 Collection: the manifests of the items it shows, in their order.

Viewers and aggregators open the exhibit's items from it; only the items visitors may see are listed
(published, with images, sound or video, not sealed), as the item manifests' own route decides.
"""

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse

from app.errors import problem
from app.exhibit import blocks, present
from app.exhibit import service as exhibit_service
from app.exhibit.models import Exhibit
from app.i18n import gettext as _
from app.iiif.manifest import CONTEXT, presentable
from app.item.models import Item
from app.media.urls import derivative_url
from app.web.deps import SessionDep

router = APIRouter()
# As the item manifests' route answers (app/iiif/presentation.py).
MANIFEST_TYPE = 'application/ld+json;profile="http://iiif.io/api/presentation/3/context.json"'
HEADERS = {"Access-Control-Allow-Origin": "*", "Cache-Control": "public, max-age=300"}


@router.get("/iiif/exhibit/{slug}", name="iiif.exhibit")
def exhibit_collection(request: Request, session: SessionDep, slug: str):
    """The IIIF Presentation 3.0 Collection of a published exhibit's items."""
    exhibit = exhibit_service.get_published(session, slug)
    if exhibit is None:
        return problem(404, _("There is no exhibit “{slug}”.").format(slug=slug))
    document = blocks.load(exhibit.document)
    found = present.shown(session, document)
    items = [found.items[key] for key in document.item_identifiers() if found.visible(key)]
    listed = [item for item in items if presentable(item) and item.identifier not in found.sealed]
    return JSONResponse(collection(request, exhibit, listed), media_type=MANIFEST_TYPE, headers=HEADERS)


def collection(request: Request, exhibit: Exhibit, items: list[Item]) -> dict:
    """The Collection's data: the exhibit's titles, summary and page, and a reference to each item's manifest."""
    label = _values(exhibit.titles) or {"none": [exhibit.slug]}
    page = present.exhibit_url(request, exhibit.slug)
    data = {
        "@context": CONTEXT,
        "id": str(request.url_for("iiif.exhibit", slug=exhibit.slug)),
        "type": "Collection",
        "label": label,
        "homepage": [
            {"id": page, "type": "Text", "label": label, "format": "text/html", "language": [exhibit.language]}
        ],
        "items": [_reference(request, item) for item in items],
    }
    if summary := _values(exhibit.summaries):
        data["summary"] = summary
    return data


def _reference(request: Request, item: Item) -> dict:
    reference: dict[str, object] = {
        "id": str(request.url_for("iiif.manifest", identifier=item.identifier)),
        "type": "Manifest",
        "label": _values(item.titles) or {"none": [item.identifier]},
    }
    images = [media for media in item.media if media.media_type == "image"]
    if images:
        url = str(request.base_url).rstrip("/") + derivative_url(images[0], "thumb")
        reference["thumbnail"] = [{"id": url, "type": "Image", "format": "image/jpeg"}]
    return reference


def _values(values: dict[str, str]) -> dict[str, list[str]]:
    return {lang: [text] for lang, text in sorted(values.items()) if text}
