"""The timeline's periods (centuries, decades, years) and how an item's span of years is written.

An item is dated by its earliest and latest years (app/item/dates.py: `vers 1930` is 1925-1935,
`XIXe siècle` 1800-1899). The timeline never places an item at a year it is not dated to: an item
belongs to the smallest period holding its whole span. `1937` is an item of the year 1937; `années
1930` (1930-1939) one of the 1930s that no year of them holds; `vers 1930` (1925-1935) one of the
20th century that no decade holds; `vers 1900` (1895-1905), `XIXe-XXe siècle` and open spans
(`après 1900`) belong to the whole timeline. Each level lists its periods with their counts, then
its own items with their spans written out, so the counts of a level add up to its total.
"""

from dataclasses import dataclass

from app.i18n import gettext as _
from app.templating import format_century

ALL, CENTURY, DECADE, YEAR, UNDATED = "all", "century", "decade", "year", "undated"
PERIOD, OWN = "period", "own"  # where a level puts an item: in one of its periods, or among its own items
WIDTHS = {CENTURY: 100, DECADE: 10, YEAR: 1}
CHILD = {ALL: CENTURY, CENTURY: DECADE, DECADE: YEAR}
PARENT = {CENTURY: ALL, DECADE: CENTURY, YEAR: DECADE, UNDATED: ALL}


@dataclass(frozen=True)
class Level:
    """Where a visitor is on the timeline: everything, one century, decade or year, or the undated items."""

    name: str = ALL
    start: int | None = None

    @property
    def width(self) -> int | None:
        return WIDTHS.get(self.name)

    @property
    def end(self) -> int | None:
        return None if self.start is None or self.width is None else self.start + self.width - 1

    @property
    def child(self) -> str | None:
        """The kind of period this level is divided into (None: it lists items only)."""
        return CHILD.get(self.name)

    def period(self, start: int) -> "Level":
        """One of this level's periods."""
        return Level(CHILD[self.name], start)

    def parent(self) -> "Level | None":
        """The level this one is a period of (None at the top)."""
        if self.name == ALL:
            return None
        name = PARENT[self.name]
        width = WIDTHS.get(name)
        return Level(name, None if width is None or self.start is None else self.start // width * width)

    def trail(self) -> list["Level"]:
        """The levels from the top down to this one, for the breadcrumb."""
        parent = self.parent()
        return [*(parent.trail() if parent else []), self]

    def place(self, earliest: int | None, latest: int | None) -> tuple[str, int | None]:
        """Where an item of this level goes: (PERIOD, the start of the period holding its whole span), (OWN, None)
        for a span wider than one period (or open), (UNDATED, None). The same rule as the SQL of
        app/timeline/service.py, whose division truncates as SQL's does."""
        if earliest is None and latest is None:
            return UNDATED, None
        width = WIDTHS[self.child or YEAR]
        if earliest is not None and latest is not None and _truncated(earliest, width) == _truncated(latest, width):
            return PERIOD, _truncated(earliest, width) * width
        return OWN, None

    def query_args(self) -> dict[str, str]:
        """This level as the page's query parameters."""
        if self.name == UNDATED:
            return {UNDATED: "1"}
        return {self.name: str(self.start)} if self.start is not None else {}

    def label(self) -> str:
        """The period's name in the visitor's language: `XXe siècle`, `années 1930`, `1937`."""
        if self.name == CENTURY and self.start is not None:
            return format_century(self.start)
        if self.name == DECADE:
            return _("the {start}s").format(start=self.start)
        if self.name == YEAR:
            return str(self.start)
        return _("Undated") if self.name == UNDATED else _("Timeline")

    def years(self) -> str:
        """The period's first and last years (`1900–1999`), empty for the top and the undated items."""
        return f"{self.start}–{self.end}" if self.start is not None and self.end != self.start else ""


def _truncated(year: int, width: int) -> int:
    """`year / width` as SQL divides integers (towards zero)."""
    return abs(year) // width * (1 if year >= 0 else -1)


def span(earliest: int | None, latest: int | None) -> str:
    """An item's span of years as the timeline writes it: `1925–1935`, `1937`, `from 1900`, `until 1900`."""
    if earliest is not None and latest is not None:
        return str(earliest) if earliest == latest else f"{earliest}–{latest}"
    if earliest is not None:
        return _("from {year}").format(year=earliest)
    if latest is not None:
        return _("until {year}").format(year=latest)
    return _("Undated")
