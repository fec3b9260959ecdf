"""Contributions in a given state, with stored files, for tests (flushed, never committed)."""

import secrets
from pathlib import Path

from app.contribution import spam
from app.contribution.licences import CC_BY
from app.contribution.models import (
    NAMED,
    NEEDS_INFO,
    PENDING,
    REJECTED,
    Contribution,
    ContributionFile,
    ContributionVersion,
)
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


def make_answered(session, settings, token: str | None = None, **fields) -> tuple:
    """A contribution the resident answered once, moving it and adding a photo, that the team asks about again:
    its status page shows the answer form, its review page the earlier version and the photo that answer added."""
    contribution, token = make_contribution(
        session,
        settings,
        status=NEEDS_INFO,
        files=("photo.jpg", "photo.png"),
        info_request="Avez-vous une photo de la rue à la même époque ?",
        place_text="Cantebonne",
        token=token,
        **fields,
    )
    version = ContributionVersion(
        contribution_id=contribution.id,
        number=1,
        story="Nous habitions une cité.",
        place_text="Rue Carnot",
        info_request="Où se trouvait la maison ?",
    )
    version.added_files.append(contribution.files[1])
    session.add(version)
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
