"""Plaques and label sheets: which public records a curator asked for, and what each label prints.

A curator names records one a line, as they know them: an item's identifier, an exhibit's slug, `slug/page`
for an exhibit's page, or any public address of the site (`/items/PA00106443`, `https://villerupt.com/exhibits/x`).
An address is read by the app's own routes; a bare name is tried against each kind in turn.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from urllib.parse import urlsplit

from markupsafe import Markup
from sqlalchemy.orm import Session
from starlette.routing import BaseRoute, Match

from app import i18n
from app.i18n import gettext as _
from app.localize import Localized
from app.plaque import qr, registry
from app.plaque.registry import Plaque

# The two languages of every plaque: the town's, and the one spoken across the border.
FRENCH, GERMAN = "fr", "de"
MAX_RECORDS = 12  # three A4 sheets: the PDF is made within the request in about a third of a second
MAX_LINE = 300


@dataclass(frozen=True)
class Label:
    """What one label or plaque prints."""

    plaque: Plaque
    french: Localized  # the French title, else the record's own (first) title
    german: Localized | None  # None when there is no German title: the label then has one title only
    url: str  # the permanent address, written out
    qr: Markup  # the QR code of the address with `?via=qr`

    @property
    def german_missing(self) -> bool:
        return self.german is None


def permanent_url(site: str, path: str) -> str:
    """The absolute permanent address of a record's path on the site `site` (the public base URL)."""
    return site.rstrip("/") + path


def qr_url(site: str, path: str) -> str:
    """The address a QR code encodes: the permanent address, marked as coming from a plaque."""
    return qr.via_qr(permanent_url(site, path))


def label(plaque: Plaque, site: str) -> Label:
    """The label of a public record."""
    titles = plaque.titles
    first = next(iter(titles.items()), (FRENCH, plaque.key))
    french = Localized(titles[FRENCH], FRENCH) if titles.get(FRENCH) else Localized(first[1], first[0])
    german = Localized(titles[GERMAN], GERMAN) if titles.get(GERMAN) and french.lang != GERMAN else None
    url = permanent_url(site, plaque.path)
    return Label(plaque, french, german, url, qr.qr_svg(qr_url(site, plaque.path)))


def prompts() -> dict[str, str]:
    """The plaque's invitation in French and in German, whatever the curator's language."""
    found = {}
    for lang in (FRENCH, GERMAN):
        with i18n.language(lang):
            found[lang] = _("Scan the code to open this page of the virtual museum.")
    return found


def resolve(session: Session, routes: Sequence[BaseRoute], lines: Iterable[str]) -> tuple[list[Plaque], list[str]]:
    """The public records the lines name, once each in their order, and a message for each line naming none
    (and for lines past the first MAX_RECORDS, which are not read)."""
    named = [line.strip()[:MAX_LINE] for line in lines if line.strip()]
    found: dict[tuple[str, str], Plaque] = {}
    errors = [too_many()] if len(named) > MAX_RECORDS else []
    for line in named[:MAX_RECORDS]:
        plaque = _named(session, routes, line)
        if plaque is None:
            message = _("“{name}” is not a public item, exhibit, tour or page of the museum.")
            errors.append(message.format(name=line[:80]))
        else:
            found.setdefault((plaque.kind, plaque.key), plaque)
    return list(found.values()), errors


def too_many() -> str:
    """The refusal of a sheet with more records than a PDF made within the request may have."""
    return _("Choose between 1 and {max} public records.").format(max=MAX_RECORDS)


def _named(session: Session, routes: Sequence[BaseRoute], line: str) -> Plaque | None:
    if line.startswith("/") or "://" in line:
        return at_path(session, routes, urlsplit(line).path)
    for kind in registry.kinds():
        plaque = registry.find(session, kind, line)
        if plaque is not None:
            return plaque
    return None


def at_path(session: Session, routes: Sequence[BaseRoute], path: str) -> Plaque | None:
    """The record whose public page is at `path`, read by the app's routes."""
    scope = {"type": "http", "method": "GET", "path": path, "root_path": ""}
    for route in routes:
        match, child = route.matches(scope)
        if match == Match.FULL:
            kind = registry.kind_of_route(getattr(route, "name", ""))
            return registry.find(session, kind, registry.key_of(child["path_params"])) if kind else None
    return None


def paths_text(plaques: Iterable[Plaque]) -> str:
    """The records as lines of their paths: how the workspace's links name a chosen set."""
    return "\n".join(plaque.path for plaque in plaques)
