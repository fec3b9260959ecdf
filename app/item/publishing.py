"""Items as a publishable kind: their revisions, snapshot, title and audit actions (app/publishing/)."""

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.i18n import gettext as _
from app.i18n import lazy_gettext as _l
from app.interview.models import Interview
from app.item.models import Item
from app.media.models import Media
from app.publishing.kinds import RecordKind, register
from app.revision import snapshot
from app.revision.models import ItemRevision


def title(item: Item) -> str:
    """The item's title in its original language (else any, else its identifier)."""
    return item.titles.get(item.language) or next(iter(item.titles.values()), item.identifier)


def image_name(media: Media) -> str:
    """How a message names an image: its file's name, else its place among the item's files."""
    return media.original_name or _("image {number}").format(number=media.position + 1)


def images_without_alt(session: Session, item: Item) -> list[Media]:
    """The item's images with no alternative text in any language (visitors who cannot see them get nothing)."""
    query = select(Media).where(Media.item_id == item.id, Media.media_type == "image").order_by(Media.position)
    return [media for media in session.scalars(query) if not any(t.strip() for t in (media.alt_texts or {}).values())]


def missing_alt_message(names: list[str]) -> str:
    """The refusal naming the images that still need an alternative text."""
    return _("Write an alternative text for every image before publishing. Missing for: {names}.").format(
        names=", ".join(f"“{name}”" for name in names)
    )


def consent_missing(session: Session, item: Item) -> bool:
    """Whether an oral memory lacks its speakers' consent: neither a release form nor a note of oral consent."""
    if item.kind != "interview":
        return False
    interview = session.get(Interview, item.id)
    if interview is None:
        return True
    oral = bool(interview.consent_note) and interview.consent_minute is not None
    return not (interview.release_form_path or oral)


CONSENT_MISSING = _l(
    "An interview is published only with its speakers' consent: store the signed release form, or note the "
    "minute of the recording where consent was given orally (the “Access and consent” page)."
)


def blockers(session: Session, item: Item) -> list[str]:
    """What stands in the way of publishing the item: images without alternative text, an interview without consent."""
    missing = images_without_alt(session, item)
    found = [missing_alt_message([image_name(media) for media in missing])] if missing else []
    return found + ([str(CONSENT_MISSING)] if consent_missing(session, item) else [])


ITEM = register(
    RecordKind(
        name="item",
        model=Item,
        revision_model=ItemRevision,
        owner="item_id",
        take=snapshot.take,
        title=title,
        changes=snapshot.changes,
        moved_on=_l("This item is no longer in a state where this can be done: it is now “{status}”."),
        audited={"publish": "item.publish", "send_back": "item.send_back", "withdraw": "item.withdraw"},
        blockers=blockers,
    )
)
