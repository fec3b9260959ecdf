"""A trainee's photo: an uploaded image stored like every media file (original under its hash, derivatives).

A media file belongs to an item, so each trainee's photo is kept on a draft item of its own, never published
(visitors cannot fetch a draft's files); forgetting the trainee deletes that item with the photo.
"""

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from app.item.kinds import DRAFT
from app.item.models import Item
from app.media import service as media_service
from app.media.models import Media
from app.trainee.models import TraineeProfile

PREFIX = "TRAINEE-PHOTO-"


def _holder(session: Session, profile: TraineeProfile) -> Item:
    identifier = f"{PREFIX}{profile.id}"
    item = session.scalars(select(Item).where(Item.identifier == identifier)).first()
    if item is None:
        title = "Photo de stagiaire"  # not a name: the item is a private container, never shown to visitors
        item = Item(identifier=identifier, kind="photograph", status=DRAFT, titles={"fr": title}, sort_title=title)
        session.add(item)
        session.flush()
    return item


def store(session: Session, profile: TraineeProfile, prepared: media_service.Prepared) -> Media:
    """Record a prepared image as the trainee's photo (in place of the one before)."""
    media = media_service.record(session, _holder(session, profile), prepared, position=0)
    session.flush()
    profile.photo_media_id = media.id
    session.flush()
    return media


def remove(session: Session, profile: TraineeProfile) -> None:
    """No photo any more; an uploaded one is deleted with its private item."""
    profile.photo_media_id = None
    session.flush()
    # Its media rows go with it (ON DELETE CASCADE); a private draft is in no index nor any public page.
    session.execute(delete(Item).where(Item.identifier == f"{PREFIX}{profile.id}"))
