"""Search filters and sort, parsed from query parameters with the browse pages' names and messages."""

from dataclasses import dataclass

from app.filters import FilterError, parse_kind, parse_period
from app.i18n import gettext as _
from app.search import registry

SORTS = ("relevance", "date", "title")
MAX_PER_PAGE = 100

__all__ = ["FilterError", "SearchFilters", "SORTS", "parse_sort"]


@dataclass(frozen=True)
class SearchFilters:
    kind: str | None = None
    collection: str | None = None
    place: str | None = None
    period: tuple[int, int] | None = None
    creator: str | None = None
    subject: str | None = None
    exhibit: str | None = None  # a published exhibit's slug: the items it shows

    @classmethod
    def parse(
        cls, kind=None, collection=None, place=None, period=None, creator=None, subject=None, exhibit=None
    ) -> "SearchFilters":
        """Validate raw query values; empty strings mean no filter."""
        return cls(
            kind=parse_kind(kind or None, registry.source().kinds),
            collection=_slug(collection),
            place=_slug(place),
            period=parse_period(period or None),
            creator=_slug(creator),
            subject=_slug(subject),
            exhibit=_slug(exhibit),
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
        return {key: value for key, value in args.items() if value}


def _slug(value: str | None) -> str | None:
    return (value or "").strip() or None


def parse_sort(sort: str | None) -> str:
    """`relevance` (the default), `date` or `title`."""
    if not sort:
        return "relevance"
    if sort not in SORTS:
        raise FilterError(
            _("“{value}” is not a sort order. Use one of: {choices}.").format(value=sort, choices=", ".join(SORTS))
        )
    return sort
