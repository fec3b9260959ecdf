"""Approving a contribution: the memory becomes an item of the kind "memory", credited as the resident chose,
filed in the residents' collection (`settings.contribution_collection`, "Mémoire vive") unless the moderator
picks another, with a readable identifier (VIL-2026-0001, app/item/identifiers.py).

The item is published at once, or in review when the moderator may not publish (the permission table's
`approval_state`): a supervisor then publishes it through the workflow, as any curator's work.

A memory about an existing item ("I lived in this house") becomes an item of its own whose
`relation` names that item: it keeps its own author, licence and files, which the curated item's
rights and credits must not absorb, and the curated item stays as the curators wrote it.
"""

from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from app.audit import service as audit
from app.clock import utcnow
from app.config import Settings
from app.contribution.models import APPROVED, PENDING, Contribution
from app.contribution.service import ContributionError
from app.errors import DomainError
from app.i18n import gettext as _
from app.item import identifiers
from app.item import write as item_write
from app.item.dates import parse_date
from app.item.kinds import IN_REVIEW, PUBLISHED
from app.item.models import Item
from app.item.publishing import missing_alt_message
from app.media import service as media_service
from app.media.store import store_of
from app.place import service as place_service

ANONYMOUS_NAME = "Anonyme"
CREDIT_ROLE = "creator"
MEMORY = "memory"
MAX_ALT = 1000


@dataclass
class Edits:
    """What a moderator may change before publishing (None: keep the resident's)."""

    title: str | None = None
    story: str | None = None
    date_text: str | None = None
    place_id: int | None = None
    place_text: str | None = None
    target: Item | None = None
    detach: bool = False
    alt_texts: dict[int, str] = field(default_factory=dict)  # file id -> the photo's alternative text


def apply(contribution: Contribution, edits: Edits) -> None:
    """Save a moderator's corrections on a contribution still pending."""
    if contribution.status != PENDING:
        raise ContributionError(contribution.status)
    if edits.title is not None:
        contribution.title = edits.title.strip() or None
    if edits.story is not None and edits.story.strip():
        contribution.story = edits.story.strip()
    if edits.date_text is not None:
        contribution.date_text = edits.date_text.strip() or None
        contribution.date_earliest, contribution.date_latest = parse_date(contribution.date_text)
    if edits.place_id is not None:
        contribution.place_id, contribution.place_text = edits.place_id, None
    elif edits.place_text is not None:
        contribution.place_id, contribution.place_text = None, edits.place_text.strip() or None
    if edits.target is not None or edits.detach:
        contribution.target_item_id = edits.target.id if edits.target else None
    for file in contribution.files:
        if file.id in edits.alt_texts:
            file.alt_text = edits.alt_texts[file.id].strip()[:MAX_ALT] or None


def photo_name(number: int) -> str:
    """How pages and messages name the contribution's `number`-th file (from 1)."""
    return _("photo {number}").format(number=number)


def photos_without_alt(contribution: Contribution) -> list[str]:
    """The names of the photos that still need an alternative text before they can be published."""
    return [
        photo_name(position)
        for position, file in enumerate(contribution.files, start=1)
        if file.media_type == "image" and not (file.alt_text or "").strip()
    ]


class AltTextMissing(DomainError):
    """Photos cannot be published without an alternative text (the rule of app/item/publishing.py)."""

    status = 422


def approve(
    session: Session,
    contribution: Contribution,
    moderator,
    settings: Settings,
    *,
    status: str,
    collection: str | None = None,
) -> Item:
    """Make a pending contribution a memory item in `status` (with its files, credit and collection, the
    residents' one unless `collection` names another); record who approved it."""
    if contribution.status != PENDING:
        raise ContributionError(contribution.status)
    if status not in (IN_REVIEW, PUBLISHED):
        raise ValueError(f"an approved contribution becomes an item in review or published, not {status!r}")
    if missing := photos_without_alt(contribution):
        raise AltTextMissing(missing_alt_message(missing))
    item = _new_item(session, contribution, status)
    item_write.set_credits(session, item, [(CREDIT_ROLE, contribution.credit_name or ANONYMOUS_NAME)])
    item_write.set_collections(session, item, [collection or settings.contribution_collection])
    session.flush()
    agent = item.credits[0].agent
    for position, file in enumerate(contribution.files):
        with store_of(settings).local_copy(file.original_path) as path:
            media_service.attach(
                session,
                item,
                path,
                settings,
                position=position,
                filename=f"{item.identifier}-{position + 1}.{file.original_path.rsplit('.', 1)[-1]}",
                rights=contribution.rights,
                credit=agent.name,
                alt={contribution.language: file.alt_text} if file.alt_text else None,
            )
    contribution.status, contribution.created_item = APPROVED, item
    contribution.moderator, contribution.decided_at = moderator, utcnow()
    audit.record(
        session,
        "contribution.approve",
        actor=moderator,
        target=contribution,
        details={"item": item.identifier, "status": status},
    )
    session.flush()
    return item


def _new_item(session: Session, contribution: Contribution, status: str) -> Item:
    title = contribution.title or contribution.story[:80]
    target = session.get(Item, contribution.target_item_id) if contribution.target_item_id else None
    place_id = contribution.place_id or (target.place_id if target else None)
    if place_id is None and contribution.place_text:
        place = place_service.get_or_create(session, contribution.place_text)
        session.flush()
        place_id = place.id
    item = item_write.new(session, identifiers.next_identifier(session), MEMORY, status)
    item_write.set_columns(
        item,
        {
            "language": contribution.language,
            "titles": {contribution.language: title},
            "descriptions": {contribution.language: contribution.story},
            "date_text": contribution.date_text,
            "date_earliest": contribution.date_earliest,
            "date_latest": contribution.date_latest,
            "rights": contribution.rights,
            "place_id": place_id,
            "relation": target.identifier if target else None,
        },
    )
    session.flush()
    return item
