"""Filters for listing items, parsed from query parameters with messages people can act on."""

from dataclasses import dataclass

from app.filters import FilterError, parse_kind, parse_period
from app.i18n import gettext as _
from app.item.kinds import KINDS

SORTS = ("title", "date", "recent")

__all__ = ["FilterError", "ItemFilters", "SORTS", "parse_period"]


@dataclass(frozen=True)
class ItemFilters:
    kind: str | None = None
    collection: str | None = None
    place: str | None = None
    period: tuple[int, int] | None = None
    sort: str = "title"
    creator: str | None = None
    subject: str | None = None

    @classmethod
    def parse(
        cls, kind=None, collection=None, place=None, period=None, sort=None, creator=None, subject=None
    ) -> "ItemFilters":
        """Validate raw query values; empty strings mean no filter."""
        return cls(
            kind=_parse_kind(kind or None),
            collection=(collection or "").strip() or None,
            place=(place or "").strip() or None,
            period=parse_period(period or None),
            sort=_parse_sort(sort or None),
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
        }
        if self.period:
            args["period"] = f"{self.period[0]}-{self.period[1]}"
        if self.sort != "title":
            args["sort"] = self.sort
        return {key: value for key, value in args.items() if value}


def _parse_kind(kind: str | None) -> str | None:
    return parse_kind(kind, KINDS)


def _parse_sort(sort: str | None) -> str:
    if sort is None:
        return "title"
    if sort not in SORTS:
        raise FilterError(
            _("“{value}” is not a sort order. Use one of: {choices}.").format(value=sort, choices=", ".join(SORTS))
        )
    return sort
