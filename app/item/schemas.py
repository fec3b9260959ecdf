"""Filters for listing items, parsed from query parameters with messages people can act on."""

from dataclasses import dataclass

from app.filters import FilterError, parse_kind, parse_period
from app.i18n import gettext as _
from app.item.kinds import KINDS

SORTS = ("selection", "title", "date", "recent")
# Pages open on the curated order (pictures first); the JSON API keeps the title order it documents.
PAGE_SORT = "selection"
API_SORT = "title"

__all__ = ["FilterError", "ItemFilters", "SORTS", "parse_period"]


@dataclass(frozen=True)
class ItemFilters:
    kind: str | None = None
    collection: str | None = None
    place: str | None = None
    period: tuple[int, int] | None = None
    sort: str = PAGE_SORT
    creator: str | None = None
    subject: str | None = None
    exhibit: str | None = None  # a published exhibit's slug: the items it shows (search's filter, not browse's)

    @classmethod
    def parse(
        cls,
        kind=None,
        collection=None,
        place=None,
        period=None,
        sort=None,
        creator=None,
        subject=None,
        default_sort=PAGE_SORT,
    ) -> "ItemFilters":
        """Validate raw query values; empty strings mean no filter (and the default order)."""
        return cls(
            kind=_parse_kind(kind or None),
            collection=(collection or "").strip() or None,
            place=(place or "").strip() or None,
            period=parse_period(period or None),
            sort=_parse_sort(sort or None, default_sort),
            creator=(creator or "").strip() or None,
            subject=(subject or "").strip() or None,
        )

    def query_args(self) -> dict[str, str]:
        """The filters as query parameters, for links that keep them."""
        args = {
            "kind": self.kind,
            "collection": self.collection,
            "place": self.place,
            "creator": self.creator,
            "subject": self.subject,
            "exhibit": self.exhibit,
        }
        if self.period:
            args["period"] = f"{self.period[0]}-{self.period[1]}"
        if self.sort != PAGE_SORT:
            args["sort"] = self.sort
        return {key: value for key, value in args.items() if value}


def _parse_kind(kind: str | None) -> str | None:
    return parse_kind(kind, KINDS)


def _parse_sort(sort: str | None, default: str) -> str:
    if sort is None:
        return default
    if sort not in SORTS:
        raise FilterError(
            _("“{value}” is not a sort order. Use one of: {choices}.").format(value=sort, choices=", ".join(SORTS))
        )
    return sort
