"""Who may have a stored file: the one rule for originals, derivatives, IIIF images and manifests.

A file (found by its content hash, so one file may serve several items) is public while at least
one published item uses it; otherwise only staff get it, and everyone else a 404, as if it did not
exist. A withdrawn, draft or in-review item's files are staff-only, and so are those of a withdrawn or
still sealed interview (app/interview/access.py). The public answer is cached per hash
(app/media/visibility.py) for the files served most often.
"""

from datetime import date

from fastapi import Request
from sqlalchemy import ColumnElement, and_, or_, select
from sqlalchemy.orm import Session, joinedload

from app.account.roles import STAFF
from app.interview.models import ON_REQUEST, SEALED, Interview
from app.interview.models import PUBLIC as PUBLIC_LEVEL
from app.item.kinds import PUBLISHED
from app.item.models import Item
from app.media.models import Media
from app.media.visibility import Visibility


def is_staff(request: Request) -> bool:
    """Whether the request comes from a curator, supervisor or administrator (set by `authorize`)."""
    identity = getattr(request.state, "identity", None)
    return identity is not None and identity.role in STAFF


def public_media(session: Session, sha256: str, media_type: str | None = None) -> Media | None:
    """A media row with this hash on a published item whose details are public (with its item), if there is one."""
    query = (
        select(Media)
        .join(Item, Item.id == Media.item_id)
        .outerjoin(Interview, Interview.item_id == Item.id)
        .where(Media.sha256 == sha256, Item.status == PUBLISHED, details_open(date.today()))
    )
    return _first(session, query, media_type)


def details_open(today: date) -> ColumnElement[bool]:
    """SQL for app/interview/access.py's `details_are_public` (with Interview outer-joined): no withdrawn
    interview, no seal still closed. An on-request interview's pictures stay public, as its catalog record."""
    return or_(
        Interview.item_id.is_(None),
        Interview.access.in_((PUBLIC_LEVEL, ON_REQUEST)),
        and_(Interview.access == SEALED, Interview.sealed_until.is_not(None), Interview.sealed_until <= today),
    )


def any_media(session: Session, sha256: str, media_type: str | None = None) -> Media | None:
    """A media row with this hash, whatever its item's status (for staff)."""
    return _first(session, select(Media).where(Media.sha256 == sha256), media_type)


def media_for(session: Session, request: Request, sha256: str, media_type: str | None = None) -> Media | None:
    """The media row this request may have for `sha256`: any for staff, a public one for everyone else."""
    if is_staff(request):
        return public_media(session, sha256, media_type) or any_media(session, sha256, media_type)
    return public_media(session, sha256, media_type)


def is_public(session: Session, cache: Visibility, sha256: str) -> bool:
    """Whether a published item uses this file (cached: a hit asks nothing of the database)."""
    generation = cache.generation(session)  # read before the query: a change meanwhile discards the answer
    cached = cache.get(sha256, generation)
    if cached is not None:
        return cached
    public = public_media(session, sha256) is not None
    cache.put(sha256, public, generation)
    return public


def may_have(session: Session, request: Request, sha256: str) -> bool:
    """Whether this request may have a file of this hash (staff always; others while it is public)."""
    return is_staff(request) or is_public(session, request.app.state.visibility, sha256)


def _first(session: Session, query, media_type: str | None) -> Media | None:
    if media_type is not None:
        query = query.where(Media.media_type == media_type)
    return session.scalars(query.options(joinedload(Media.item)).order_by(Media.id).limit(1)).first()


PUBLIC = "public, max-age=300"
PRIVATE = "private, no-store"


def cache_headers(staff: bool) -> dict[str, str]:
    """Public answers may be kept five minutes (a withdrawn item's files must stop being served); staff's never."""
    return {"Cache-Control": PRIVATE if staff else PUBLIC}
