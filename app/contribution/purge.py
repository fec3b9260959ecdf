"""Forgetting what residents sent once it will never be published: the files and contact details of
contributions rejected or withdrawn some time ago (`museum contributions purge`).

The row stays, with its status, dates and rejection reason, so that the status link keeps saying
what happened; a withdrawn contribution also loses its title and story, since its author took it back.
A file is deleted from disk only when no media and no other contribution uses the same contents.
"""

from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from app.clock import utcnow
from app.config import Settings
from app.contribution.files import discard
from app.contribution.models import REJECTED, WITHDRAWN, Contribution


@dataclass
class Purged:
    contributions: int = 0
    files: int = 0


def purge(session: Session, settings: Settings, older_than: timedelta, dry_run: bool = False) -> Purged:
    """Forget the files and contact details of contributions rejected or withdrawn before `older_than` ago."""
    query = (
        select(Contribution)
        .where(Contribution.status.in_((REJECTED, WITHDRAWN)), Contribution.decided_at < utcnow() - older_than)
        .options(selectinload(Contribution.files))
    )
    found = Purged()
    for contribution in session.scalars(query):
        if not (
            contribution.files
            or contribution.contact
            or contribution.address_hash
            or (contribution.status == WITHDRAWN and (contribution.story or contribution.title))
        ):
            continue  # already purged
        found.contributions += 1
        found.files += len(contribution.files)
        if dry_run:
            continue
        files = list(contribution.files)
        contribution.files.clear()
        contribution.contact = contribution.address_hash = None
        if contribution.status == WITHDRAWN:
            contribution.title, contribution.story = None, ""
        session.flush()
        discard(session, settings, files)
    return found
