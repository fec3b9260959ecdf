"""Contributions in a given state, with stored files, for tests (flushed, never committed)."""

import secrets
from pathlib import Path

from app.contribution import spam
from app.contribution.licences import CC_BY
from app.contribution.models import NAMED, PENDING, REJECTED, Contribution, ContributionFile
from app.media import sniff, storage

MEDIA = Path(__file__).parent.parent / "fixtures" / "media"
# The permission table's object states (app/account/permissions.py) -> a contribution's status.
STATES = {"contribution_pending": PENDING, "contribution_rejected": REJECTED}


def make_contribution(
    session, settings, status: str = PENDING, files=("photo.jpg",), token: str | None = None, **fields
) -> tuple:
    """A contribution (status `status` or a permission state) with files from tests/fixtures/media;
    returns it and the secret of its status link."""
    token = token or secrets.token_urlsafe(24)
    values = {
        "token_hash": spam.token_hash(token),
        "idempotency_key": secrets.token_urlsafe(24),
        "status": STATES.get(status, status),
        "story": "Nous habitions la cité.",
        "language": "fr",
        "credit_choice": NAMED,
        "display_name": "Jeanne Habitante",
        "contact": "jeanne@example.org",
        "consent_version": "2026-11",
        "rights": CC_BY,
    } | fields
    if values["status"] == REJECTED:
        values.setdefault("rejection_reason", "Hors sujet")
    contribution = Contribution(**values, files=[_stored(settings, name, n) for n, name in enumerate(files)])
    session.add(contribution)
    session.flush()
    return contribution, token


def _stored(settings, name: str, position: int) -> ContributionFile:
    found = sniff.inspect(MEDIA / name, name, max_bytes=settings.max_upload_bytes)
    stored = storage.store_original(settings.media_dir, MEDIA / name, ext=found.extension)
    return ContributionFile(
        position=position,
        media_type=found.media_type,
        mime_type=found.mime_type,
        sha256=stored.sha256,
        original_path=stored.relative_path,
        size_bytes=stored.size,
        width=found.width,
        height=found.height,
        duration_seconds=found.duration_seconds,
    )
