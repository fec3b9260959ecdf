"""A ready-to-copy citation for an item page."""

from datetime import date

from babel.dates import format_date

from app.i18n import gettext as _
from app.item.models import Item
from app.localize import localized

QUOTES = {"fr": "« {} »", "de": "„{}“", "lb": "„{}“", "en": "“{}”"}


def cite(
    item: Item,
    url: str,
    lang: str,
    site_name: str,
    today: date | None = None,
    passage: str = "",
    *,
    notice: bool = False,
) -> str:
    """`Creator, Title, date. Site, identifier. URL (consulted on …).`; a clip's `passage` ("12:34–13:32")
    follows the identifier. A `notice` (a sealed interview's) names neither its creators nor its date."""
    title = localized(item.titles, item.language, lang)
    creators = "" if notice else ", ".join(agent.name for agent in item.agents("creator") + item.agents("architect"))
    parts = [p for p in (creators, QUOTES.get(lang, "“{}”").format(title), None if notice else item.date_text) if p]
    consulted = format_date(today or date.today(), format="long", locale=lang)
    return _("{work}. {site}, {identifier}. {url} (consulted on {date}).").format(
        work=", ".join(parts),
        site=site_name,
        identifier=", ".join(filter(None, (item.identifier, passage))),
        url=url,
        date=consulted,
    )
