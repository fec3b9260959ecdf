"""Builders for oral-memory rows in tests: interviews at an access level, cues, redactions, access requests."""

from datetime import date, timedelta

from sqlalchemy.orm import Session

from app.clock import utcnow
from app.interview import access_request_service
from app.interview.models import AccessRequest, Cue, IndexSegment, Interview, Redaction
from app.item.models import Item
from tests.factories import make_item


def make_interview(
    session: Session,
    access: str = "public",
    *,
    sealed_until: date | None = None,
    consent: bool = True,
    cues: tuple[str, ...] = (),
    **fields,
) -> Item:
    """A published interview item at `access`, with oral consent noted and one cue per text (10 s each)."""
    item = make_item(session, kind="interview", **fields)
    interview = Interview(item_id=item.id, access=access, sealed_until=sealed_until, languages=["fr"])
    if consent:
        interview.consent_minute, interview.consent_note = 1, "Accord donné oralement au début de l'entretien."
    session.add(interview)
    for position, text in enumerate(cues):
        start = position * 10.0
        session.add(
            Cue(
                item_id=item.id,
                position=position,
                start_seconds=start,
                end_seconds=start + 10,
                language="fr",
                text=text,
            )
        )
    session.flush()
    return item


def add_segment(session: Session, item: Item, title: str, synopsis: str, start: float, end: float, **fields) -> None:
    session.add(
        IndexSegment(
            item_id=item.id,
            position=0,
            start_seconds=start,
            end_seconds=end,
            language="fr",
            title=title,
            synopsis=synopsis,
            **fields,
        )
    )
    session.flush()


def add_redaction(session: Session, item: Item, start: float, end: float) -> Redaction:
    redaction = Redaction(item_id=item.id, start_seconds=start, end_seconds=end, reason="demande du témoin")
    session.add(redaction)
    session.flush()
    return redaction


def make_request(session: Session, item: Item, status: str = "pending", **fields) -> AccessRequest:
    values = {"name": "Lucia Bernardi", "contact": "lucia@example.org", "purpose": "Histoire de ma famille"}
    request = AccessRequest(item_id=item.id, status=status, **(values | {"language": "fr"} | fields))
    session.add(request)
    session.flush()
    return request


def approved_link(session: Session, item: Item, days: int = 30) -> tuple[AccessRequest, str]:
    """An approved request on `item` and its private link's token."""
    token = f"token-{item.identifier}-{days}"
    request = make_request(session, item, status="approved")
    request.token_hash = access_request_service.token_hash(token)
    request.expires_at = utcnow() + timedelta(days=days)
    session.flush()
    return request, token


def upload_release_form(client, item: Item, pdf: bytes):
    """The speakers' signed release form sent through the workspace's form (not followed: a 303 when kept)."""
    from tests.factories import form

    return client.post(
        f"/workspace/items/{item.identifier}/access/release-form",
        data=form(client),
        files={"release_form": ("accord-signé.pdf", pdf, "application/pdf")},
        follow_redirects=False,
    )
