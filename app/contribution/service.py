"""Contributions: recording one, finding it by its private link, withdrawing it, listing and deciding them."""

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session, selectinload

from app.audit import service as audit
from app.clock import utcnow
from app.collection.models import Collection
from app.contribution import spam
from app.contribution.forms import Checked, ContributionForm, EditForm
from app.contribution.licences import CONSENT_VERSION
from app.contribution.models import (
    NEEDS_INFO,
    PENDING,
    REJECTED,
    STATUSES,
    WITHDRAWN,
    Contribution,
    ContributionFile,
    ContributionVersion,
)
from app.item.dates import parse_date
from app.item.models import Item
from app.pagination import Page
from app.place.models import Place


def _loaded() -> tuple:
    """What the pages and the API show of a contribution (built at call time, once every model is mapped)."""
    return (
        selectinload(Contribution.files),
        selectinload(Contribution.place),
        selectinload(Contribution.target_item),
        selectinload(Contribution.created_item),
        selectinload(Contribution.moderator),
        selectinload(Contribution.versions).options(
            selectinload(ContributionVersion.place), selectinload(ContributionVersion.added_files)
        ),
    )


class ContributionError(ValueError):
    """A decision that does not apply to the contribution's status (approving a withdrawn one...)."""


def place_choices(session: Session) -> list[Place]:
    """The museum's places, for the form's place picker."""
    return list(session.scalars(select(Place).order_by(Place.name)))


def collection_choices(session: Session) -> list[Collection]:
    """The collections a moderator may file an approved memory in (the residents' one by default)."""
    return list(session.scalars(select(Collection).order_by(Collection.position, Collection.slug)))


def by_key(session: Session, key: str) -> Contribution | None:
    """The contribution a form with this idempotency key already created, if any."""
    return session.scalar(select(Contribution).where(Contribution.idempotency_key == key))


def create(
    session: Session,
    checked: Checked[ContributionForm],
    *,
    key: str,
    token: str,
    target: Item | None,
    files: list[ContributionFile],
    address_hash: str | None,
    user=None,
) -> Contribution:
    """Record a new pending contribution from a checked form."""
    form = checked.values
    earliest, latest = parse_date(form.date_text)
    place_id, place_text = checked.place
    contribution = Contribution(
        token_hash=spam.token_hash(token),
        idempotency_key=key,
        status=PENDING,
        title=form.title.strip() or None,
        story=form.story.strip(),
        language=form.language,
        date_text=form.date_text.strip() or None,
        date_earliest=earliest,
        date_latest=latest,
        place_id=place_id,
        place_text=place_text,
        target_item_id=target.id if target else None,
        credit_choice=form.credit_choice,
        display_name=form.display_name.strip() or None,
        contact=form.contact.strip() or None,
        user_id=getattr(user, "id", None),
        consent_version=CONSENT_VERSION,
        rights=form.licence,
        address_hash=address_hash,
        files=files,
    )
    session.add(contribution)
    session.flush()
    return contribution


def by_token(session: Session, token: str) -> Contribution | None:
    """The contribution whose private status link carries `token`."""
    query = select(Contribution).where(Contribution.token_hash == spam.token_hash(token)).options(*_loaded())
    return session.scalar(query)


def get(session: Session, contribution_id: int) -> Contribution | None:
    """One contribution with its files, place and items, for moderators."""
    return session.scalar(select(Contribution).where(Contribution.id == contribution_id).options(*_loaded()))


def withdraw(session: Session, contribution: Contribution) -> None:
    """The resident takes back a contribution still waiting for review (or for their answer)."""
    if contribution.status not in (PENDING, NEEDS_INFO):
        raise ContributionError(contribution.status)
    contribution.status = WITHDRAWN
    contribution.decided_at = utcnow()


def reject(session: Session, contribution: Contribution, moderator, reason: str) -> None:
    """Refuse a contribution waiting for review or for the resident's answer; the reason is shown on its status page."""
    if contribution.status not in (PENDING, NEEDS_INFO):
        raise ContributionError(contribution.status)
    contribution.status = REJECTED
    contribution.rejection_reason = reason.strip()
    contribution.moderator = moderator
    contribution.decided_at = utcnow()
    audit.record(
        session,
        "contribution.reject",
        actor=moderator,
        target=contribution,
        details={"reason": contribution.rejection_reason},
    )


def ask_for_information(session: Session, contribution: Contribution, moderator, question: str) -> None:
    """Ask the resident a question about a pending contribution; it waits for their answer, off the queue's top."""
    if contribution.status != PENDING:
        raise ContributionError(contribution.status)
    contribution.status = NEEDS_INFO
    contribution.info_request = question.strip()
    contribution.moderator = moderator
    audit.record(
        session,
        "contribution.ask",
        actor=moderator,
        target=contribution,
        details={"question": contribution.info_request},
    )


def resend(
    session: Session, contribution: Contribution, checked: Checked[EditForm], files: list[ContributionFile]
) -> None:
    """The resident's changes after the team's question: the contribution as it was is kept as a version (with
    the question, and the files this answer adds), and it waits for review again."""
    if contribution.status != NEEDS_INFO:
        raise ContributionError(contribution.status)
    version = _version(session, contribution)
    contribution.versions.insert(0, version)
    contribution.files.extend(files)
    version.added_files.extend(files)
    form = checked.values
    contribution.title, contribution.story = form.title.strip() or None, form.story.strip()
    contribution.date_text = form.date_text.strip() or None
    contribution.date_earliest, contribution.date_latest = parse_date(contribution.date_text)
    contribution.place_id, contribution.place_text = _answered_place(contribution, checked)
    contribution.status, contribution.info_request = PENDING, None


def _version(session: Session, contribution: Contribution) -> ContributionVersion:
    """The contribution as it is now, numbered after its earlier versions."""
    latest = select(func.max(ContributionVersion.number)).where(ContributionVersion.contribution_id == contribution.id)
    return ContributionVersion(
        number=(session.scalar(latest) or 0) + 1,
        title=contribution.title,
        story=contribution.story,
        date_text=contribution.date_text,
        place_id=contribution.place_id,
        place_text=contribution.place_text,
        info_request=contribution.info_request,
    )


def _answered_place(contribution: Contribution, checked: Checked[EditForm]) -> tuple[int | None, str | None]:
    place_id, words = checked.place
    # The status page shows a place from the list by its name: sent back as it was, it stays that place.
    if place_id is None and contribution.place is not None and words in contribution.place.all_names():
        return contribution.place.id, None
    return place_id, words


def listing(session: Session, status: str | None, page: int, per_page: int) -> Page[Contribution]:
    """A page of contributions, pending first then newest first, optionally of one status."""
    query = select(Contribution)
    if status in STATUSES:
        query = query.where(Contribution.status == status)
    total = session.scalar(select(func.count()).select_from(query.subquery())) or 0
    pending_first = case((Contribution.status == PENDING, 0), else_=1)
    rows = session.scalars(
        query.options(*_loaded())
        .order_by(pending_first, Contribution.created_at.desc(), Contribution.id.desc())
        .limit(per_page)
        .offset((page - 1) * per_page)
    ).all()
    return Page(list(rows), total, page, per_page)


def counts(session: Session) -> dict[str, int]:
    """How many contributions in each status."""
    rows = session.execute(select(Contribution.status, func.count()).group_by(Contribution.status))
    return {status: 0 for status in STATUSES} | dict(rows.all())


def with_status_links(session: Session, user, secret: str) -> list[tuple[Contribution, str]]:
    """The contributions a logged-in resident sent, newest first, each with the secret of its status link."""
    query = (
        select(Contribution)
        .where(Contribution.user_id == user.id)
        .order_by(Contribution.created_at.desc(), Contribution.id.desc())
    )
    return [(c, spam.status_token(secret, c.idempotency_key)) for c in session.scalars(query)]
