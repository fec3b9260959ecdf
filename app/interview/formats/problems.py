"""The problems of one file as they are found, with a ceiling.

A hostile file (a million bad time codes) would otherwise make a million reports: past `LIMIT` only a
count is kept, and one last problem says how many were left out.
"""

from app.interview.formats.model import Problem, ProblemCode

LIMIT = 500


class Problems:
    """Collects the problems of one file; `listed()` gives them in line order."""

    def __init__(self, limit: int = LIMIT) -> None:
        self._items: list[Problem] = []
        self._limit = limit
        self._dropped = 0

    def add(self, line: int, code: ProblemCode, reason: str) -> None:
        """Record a problem at a 1-based line (0: the whole file)."""
        if len(self._items) < self._limit:
            self._items.append(Problem(line, reason, code))
        else:
            self._dropped += 1

    def listed(self) -> list[Problem]:
        """The problems, sorted by line, with a last one counting those left out."""
        items = sorted(self._items, key=lambda problem: problem.line)
        if self._dropped:
            items.append(Problem(0, f"{self._dropped} more problems were found and not listed", "too-many-problems"))
        return items
