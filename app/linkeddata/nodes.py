"""The small nodes every record's JSON-LD is made of: language-tagged texts, agents, places, images.

Agents are credited by their public name (an agent row is what a page prints under "Credits"): no account,
login name, e-mail or trainee profile is ever read here.
"""

from collections.abc import Callable, Iterable

from app.agent.models import CREATOR_ROLES, Agent
from app.media.models import Media
from app.media.urls import derivative_url

# Builds an absolute URL from a site-relative path (the site's public address when it has one).
Absolute = Callable[[str], str]


def texts(values: dict[str, str] | None) -> list[dict[str, str]]:
    """Each non-empty value tagged with its language, original first as stored: [{"@value", "@language"}]."""
    return [{"@value": value, "@language": lang} for lang, value in (values or {}).items() if value and value.strip()]


def agent(person: Agent) -> dict:
    """A credited person or organisation by its public name."""
    kind = "Person" if person.kind == "person" else "Organization"
    return {"@type": kind, "name": person.name}


def credits(pairs: Iterable[tuple[str, Agent]]) -> dict[str, list[dict]]:
    """`creator` (the authors) and `contributor` (everyone else, as schema:Role with the credit's role name)."""
    creators, contributors = [], []
    for role, person in pairs:
        if role in CREATOR_ROLES:
            creators.append(agent(person))
        else:
            contributors.append({"@type": "Role", "roleName": role, "contributor": agent(person)})
    return {key: value for key, value in (("creator", creators), ("contributor", contributors)) if value}


def place(name: str | None, latitude: float | None, longitude: float | None) -> dict | None:
    """A schema:Place with its coordinates when known."""
    if not name and latitude is None:
        return None
    found: dict = {"@type": "Place"}
    if name:
        found["name"] = name
    if latitude is not None and longitude is not None:
        found["geo"] = {"@type": "GeoCoordinates", "latitude": latitude, "longitude": longitude}
    return found


def image(media: Media, absolute: Absolute) -> dict:
    """A web-size derivative of an image (never the original, whose rights may keep it private)."""
    found: dict = {"@type": "ImageObject", "contentUrl": absolute(derivative_url(media, "large"))}
    found["thumbnailUrl"] = absolute(derivative_url(media, "thumb"))
    if media.width and media.height:
        found |= {"width": media.width, "height": media.height}
    if media.rights and media.rights.startswith("http"):
        found["license"] = media.rights
    if media.credit:
        found["creditText"] = media.credit
    return found


def compact(data: dict) -> dict:
    """`data` without its empty values (None, "", [], {})."""
    return {key: value for key, value in data.items() if value not in (None, "", [], {})}
