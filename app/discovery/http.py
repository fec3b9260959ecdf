"""Answers harvesters can keep and check cheaply: short public caching, an ETag and Last-Modified, and a 304
when nothing changed (the validator is computed before the body, so an unchanged answer is never built)."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import format_datetime, parsedate_to_datetime
from hashlib import sha256

from fastapi import Request, Response

CACHE_CONTROL = "public, max-age=300"


@dataclass(frozen=True)
class Validator:
    """What identifies one state of an answer: a fingerprint of its inputs and when they last changed."""

    fingerprint: str
    last_modified: datetime | None

    @property
    def etag(self) -> str:
        return '"' + sha256(self.fingerprint.encode()).hexdigest()[:32] + '"'


def conditional(request: Request, validator: Validator, build: Callable[[], bytes], media_type: str) -> Response:
    """The body built by `build`, or a 304 when the client's copy (If-None-Match / If-Modified-Since) is current."""
    headers = {"Cache-Control": CACHE_CONTROL, "ETag": validator.etag}
    if validator.last_modified is not None:
        headers["Last-Modified"] = format_datetime(_aware(validator.last_modified), usegmt=True)
    if _fresh(request, validator):
        return Response(status_code=304, headers=headers)
    return Response(build(), media_type=media_type, headers=headers)


def _fresh(request: Request, validator: Validator) -> bool:
    # RFC 9110 §13.2.2: If-None-Match, when present, decides alone.
    if_none_match = request.headers.get("if-none-match")
    if if_none_match is not None:
        tags = {tag.strip().removeprefix("W/") for tag in if_none_match.split(",")}
        return "*" in tags or validator.etag in tags
    since = _http_date(request.headers.get("if-modified-since"))
    if since is None or validator.last_modified is None:
        return False
    return _aware(validator.last_modified).replace(microsecond=0) <= since


def _http_date(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        return _aware(parsedate_to_datetime(value))
    except (TypeError, ValueError):  # a malformed date is ignored, as RFC 9110 asks
        return None


def _aware(moment: datetime) -> datetime:
    """Stored datetimes are naive UTC (app/clock.py)."""
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def w3c(moment: datetime) -> str:
    """A W3C datetime (ISO 8601 in UTC, seconds, `Z`), as sitemaps, Atom and Activity Streams write them."""
    return _aware(moment).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def origin(request: Request) -> str:
    """The origin links are built on: MUSEUM_PUBLIC_BASE_URL when set (as permalinks are), else the request's."""
    base = request.app.state.settings.public_base_url or str(request.base_url)
    return base.rstrip("/")


def absolute(request: Request, name: str, **params) -> str:
    """The absolute public URL of route `name`."""
    return origin(request) + request.app.url_path_for(name, **params)
