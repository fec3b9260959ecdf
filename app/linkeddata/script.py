"""The `<script type="application/ld+json">` of the public pages, written by template globals from what the page
already loaded (templates run no queries).

Only a published record on its public route gets one: never a workspace preview, an error page, a draft, or an
interview whose details are sealed (app/interview/page.py's `Listening`, decided by app/interview/access.py).
"""

import json

from fastapi import FastAPI, Request
from jinja2 import pass_context
from markupsafe import Markup

from app.interview.visitors import PublicView, visible_transcript
from app.item.kinds import PUBLISHED
from app.linkeddata import records
from app.templating import url_for

# Inside <script> the HTML parser looks only for `</script` (and `<!--`): these escapes keep JSON's meaning.
_ESCAPES = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"})


def script(data: dict) -> Markup:
    """`data` as a JSON-LD script element that no value can close or break out of."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=False).translate(_ESCAPES)
    return Markup('<script type="application/ld+json">%s</script>') % Markup(text)  # noqa: S704  (escaped above)


def site(context) -> records.Site:
    """The site's public address (settings' `public_base_url` when set, else the request's) and its name."""
    request: Request = context["request"]
    settings = request.app.state.settings
    base = settings.public_base_url.rstrip("/") or str(request.base_url).rstrip("/")

    def absolute(path: str) -> str:
        return base + path

    def link(name: str, **params: str) -> str:
        # The templates' url_for: routes found once per name, not by walking the app's routes at each call.
        return absolute(url_for(context, name, **params).path)

    return records.Site(name=settings.site_name, home=link("home"), absolute=absolute, link=link)


def _shown_on(context, route: str, status: str) -> bool:
    """Whether the page is `route` itself showing a published record."""
    found = context["request"].scope.get("route")
    return getattr(found, "name", None) == route and status == PUBLISHED


@pass_context
def item_json_ld(context, item, permalink: str, listening, view: PublicView) -> Markup:
    """`{{ item_json_ld(item, permalink, listening, interview_view) }}` on the item page."""
    if not _shown_on(context, "item.detail", item.status) or not listening.details_public:
        return Markup("")
    cues = visible_transcript(item.transcript, view) if listening.content_public else []
    transcript = "\n".join(cue.text for cue in cues if cue.text) or None
    return script(records.item_record(item, permalink, site(context), transcript))


@pass_context
def collection_json_ld(context, collection, page, cover) -> Markup:
    """`{{ collection_json_ld(collection, page, cover) }}` on the collection page (its page of items as parts)."""
    if not _shown_on(context, "collection.detail", collection.status):
        return Markup("")
    found = site(context)
    url = found.link("collection.detail", slug=collection.slug)
    return script(records.collection_record(collection, url, found, page.items, page.total, cover))


@pass_context
def exhibit_json_ld(context, exhibit, resolved, permalink: str) -> Markup:
    """`{{ exhibit_json_ld(exhibit, resolved, permalink) }}` on the exhibit's cover page."""
    if not _shown_on(context, "exhibit.detail", exhibit.status):
        return Markup("")
    found = site(context)
    return script(records.exhibit_record(exhibit, permalink, found, resolved.document.pages, resolved.cover))


@pass_context
def exhibit_page_json_ld(context, resolved, current, permalink: str) -> Markup:
    """`{{ exhibit_page_json_ld(resolved, current, permalink) }}` in the body of an exhibit's page (written once per
    change of the exhibit, so it names only what every visitor sees: the items resolved for visitors)."""
    exhibit = resolved.exhibit
    if not _shown_on(context, "exhibit.page", exhibit.status):
        return Markup("")
    shown = dict.fromkeys(identifier for block in current.blocks for identifier in block.items())
    items = [resolved.items[identifier] for identifier in shown if identifier in resolved.items]
    number = resolved.document.pages.index(current) + 1
    return script(records.exhibit_page_record(exhibit, current, number, permalink, site(context), items))


def install(app: FastAPI) -> None:
    """Give the app's templates the three globals (the environment is built before the routers are mounted)."""
    app.state.templates.env.globals.update(
        item_json_ld=item_json_ld,
        collection_json_ld=collection_json_ld,
        exhibit_json_ld=exhibit_json_ld,
        exhibit_page_json_ld=exhibit_page_json_ld,
    )
