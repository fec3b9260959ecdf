"""What the workspace's item routes share: the item they act on (checked against the route's rule), and the
redirect back to its page."""

from fastapi import HTTPException, Request
from fastapi.responses import RedirectResponse
from sqlalchemy.orm import Session

from app.account import permissions
from app.i18n import gettext as _
from app.workspace import service as workspace


def item_or_404(request: Request, session: Session, identifier: str):
    """The item with everything the workspace shows, once the route's rule allows its state."""
    item = workspace.load(session, identifier)
    if item is None:
        raise HTTPException(404, _("No item has the identifier “{identifier}”.").format(identifier=identifier))
    permissions.check(request, item.status)
    return item


def to_item(request: Request, identifier: str, done: str, anchor: str = "") -> RedirectResponse:
    url = request.url_for("workspace.item_edit", identifier=identifier).include_query_params(done=done)
    return RedirectResponse(f"{url}{anchor}", 303)
