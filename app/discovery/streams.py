"""Activity Streams 2.0 documents of IIIF Change Discovery 1.0: the collection and its pages (page-0 first)."""

from collections.abc import Callable

from app.discovery.changes import Activity
from app.discovery.http import w3c

CONTEXT = "http://iiif.io/api/discovery/1/context.json"
MEDIA_TYPE = 'application/ld+json;profile="http://iiif.io/api/discovery/1/context.json"'
PER_PAGE = 100


def page_count(total: int, per_page: int = PER_PAGE) -> int:
    """Pages of `per_page` activities (one empty page when there is none, so `first` and `last` exist)."""
    return max(1, -(-total // per_page))


def collection(url: str, page_url: Callable[[int], str], total: int, per_page: int = PER_PAGE) -> dict:
    """The OrderedCollection: how many activities, and its first and last pages."""
    return {
        "@context": CONTEXT,
        "id": url,
        "type": "OrderedCollection",
        "totalItems": total,
        "first": {"id": page_url(0), "type": "OrderedCollectionPage"},
        "last": {"id": page_url(page_count(total, per_page) - 1), "type": "OrderedCollectionPage"},
    }


def page(
    url: str,
    number: int,
    found: list[Activity],
    page_url: Callable[[int], str],
    manifest_url: Callable[[str], str],
    per_page: int = PER_PAGE,
) -> dict:
    """Page `number` of the activities, oldest first, linked to its neighbours."""
    start = number * per_page
    document = {
        "@context": CONTEXT,
        "id": page_url(number),
        "type": "OrderedCollectionPage",
        "startIndex": start,
        "partOf": {"id": url, "type": "OrderedCollection"},
        "orderedItems": [_activity(a, manifest_url) for a in found[start : start + per_page]],
    }
    if number > 0:
        document["prev"] = {"id": page_url(number - 1), "type": "OrderedCollectionPage"}
    if number + 1 < page_count(len(found), per_page):
        document["next"] = {"id": page_url(number + 1), "type": "OrderedCollectionPage"}
    return document


def _activity(activity: Activity, manifest_url: Callable[[str], str]) -> dict:
    return {
        "type": activity.kind,
        "object": {"id": manifest_url(activity.identifier), "type": "Manifest"},
        "endTime": w3c(activity.end),
    }
