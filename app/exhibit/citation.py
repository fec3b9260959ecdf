"""A ready-to-copy citation for an exhibit's page, in the shape of an item's (app/item/citation.py)."""

from datetime import date

from babel.dates import format_date

from app.exhibit.blocks import Page
from app.exhibit.models import Exhibit
from app.i18n import gettext as _
from app.item.citation import QUOTES
from app.localize import localized


def cite(exhibit: Exhibit, page: Page | None, url: str, lang: str, site_name: str, today: date | None = None) -> str:
    """`Authors, “Exhibit: Page”. Site, exhibit. URL (consulted on …).` (credits loaded)."""
    title = localized(exhibit.titles, exhibit.language, lang)
    heading = title.value if title else exhibit.slug
    page_title = (
        localized({str(k): v for k, v in page.titles.items()}, exhibit.language, lang) if page is not None else None
    )
    if page_title:
        heading = f"{heading} : {page_title.value}" if lang == "fr" else f"{heading}: {page_title.value}"
    authors = ", ".join(dict.fromkeys(credit.agent.name for credit in exhibit.credits))
    work = ", ".join(p for p in (authors, QUOTES.get(lang, "“{}”").format(heading)) if p)
    consulted = format_date(today or date.today(), format="long", locale=lang)
    return _("{work}. {site}, exhibit. {url} (consulted on {date}).").format(
        work=work, site=site_name, url=url, date=consulted
    )
