"""Submitting the "Share a memory" form as a browser would: the form's stamp and CSRF token, and the
stamp aged past the minimum fill time (a test types faster than any person)."""

import re
import time
from pathlib import Path

from sqlalchemy import func, select

from app.contribution import spam
from app.contribution.licences import CC_BY
from app.contribution.models import Contribution, ContributionFile
from tests.factories import csrf_token

MEDIA = Path(__file__).parent.parent / "fixtures" / "media"
STAMP = re.compile(r'name="stamp" value="([^"]+)"')
FIELDS = {
    "story": "Mon grand-père tenait l'épicerie de la rue Carnot.\n\nOn y vendait du café.",
    "title": "L'épicerie de mon grand-père",
    "language": "fr",
    "date_text": "vers 1955",
    "place": "",
    "place_text": "Rue Carnot",
    "credit_choice": "name",
    "display_name": "Marie Dupont",
    "contact": "marie.dupont@example.org",
    "licence": CC_BY,
    "consent": "yes",
}


def fresh_stamp(client, query: str = "") -> str:
    """The stamp of a newly rendered form."""
    return STAMP.search(client.get(f"/contribute{query}").text).group(1)


def aged(client, stamp: str, seconds: int = 60) -> str:
    """The same form's stamp (same idempotency key) as if rendered `seconds` ago."""
    found = spam.read_stamp(client.app.state.secret_key, stamp)
    return spam.new_stamp(client.app.state.secret_key, issued=int(time.time()) - seconds, key=found.key)


def photo(name: str = "photo.jpg") -> tuple:
    return ("photos", (name, (MEDIA / name).read_bytes(), "image/jpeg"))


def recording(name: str = "sound.mp3") -> tuple:
    return ("audio", (name, (MEDIA / name).read_bytes(), "audio/mpeg"))


def submit(client, files=(), stamp: str | None = None, headers: dict | None = None, **fields):
    """POST the form (a fresh, aged stamp unless one is given); returns the response, redirects not followed."""
    stamp = aged(client, fresh_stamp(client)) if stamp is None else stamp
    data = FIELDS | {"csrf_token": csrf_token(client), "stamp": stamp} | fields
    return client.post("/contribute", data=data, files=list(files) or None, headers=headers, follow_redirects=False)


def alt_texts(contribution, text: str = "Une rue de Villerupt") -> dict[str, str]:
    """The review form's alternative texts for every photo of the contribution (required to approve it)."""
    return {
        f"alt_{file.id}": f"{text} ({file.position + 1})" for file in contribution.files if file.media_type == "image"
    }


def count(session, model=Contribution) -> int:
    session.flush()
    return session.scalar(select(func.count()).select_from(model))


__all__ = [
    "ContributionFile",
    "alt_texts",
    "count",
    "submit",
    "photo",
    "recording",
    "aged",
    "fresh_stamp",
    "FIELDS",
    "MEDIA",
]
