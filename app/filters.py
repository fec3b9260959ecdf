"""Filter values shared by the browse pages and search, parsed with messages people can act on."""

import re
from collections.abc import Mapping

from app.errors import DomainError
from app.i18n import gettext as _

_PERIOD = re.compile(r"^\s*(\d{1,4})\s*(?:[-–]\s*(\d{1,4}))?\s*$")


class FilterError(DomainError, ValueError):
    """A filter value that cannot be used; the message is shown to the visitor (a 400)."""


def parse_kind(kind: str | None, kinds: Mapping[str, object]) -> str | None:
    """`kind` when it is one of `kinds` (or None)."""
    if kind is not None and kind not in kinds:
        raise FilterError(
            _("“{value}” is not a kind of item. Use one of: {choices}.").format(value=kind, choices=", ".join(kinds))
        )
    return kind


def parse_period(period: str | None) -> tuple[int, int] | None:
    """`1900` or `1900-1949` to a (first, last) year range."""
    if period is None:
        return None
    match = _PERIOD.match(period)
    if not match:
        raise FilterError(
            _("“{value}” is not a period. Write a year (1930) or two years (1900-1949).").format(value=period)
        )
    first, last = int(match[1]), int(match[2] or match[1])
    if first > last:
        raise FilterError(_("The period {first}-{last} ends before it starts.").format(first=first, last=last))
    return first, last
