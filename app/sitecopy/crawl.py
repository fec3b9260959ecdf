"""The museum as a visitor sees it, asked of the real app in-process: each page once, each file once.

Pages are fetched when a link first names them, written raw, and rewritten when their turn comes, so the
copy never links to a page the app refused (a draft's address answers 404 to a visitor, and is left out).
"""

from collections import deque
from pathlib import Path

from fastapi.testclient import TestClient

from app.sitecopy.paths import Target

HTML = "text/html"


class Crawl:
    """The pages and files of the copy under `dest`, fetched through `client`."""

    def __init__(self, client: TestClient, dest: Path, withheld: set[str]) -> None:
        self.client = client
        self.dest = dest
        self.withheld = withheld  # files of records visitors may reach but the copy leaves out
        self.known: dict[str, bool] = {}  # target file -> whether the copy holds it
        self.waiting: deque[Target] = deque()
        self.pages: list[str] = []

    def resolve(self, found: Target) -> bool:
        """Fetch `found` the first time it is named; True when the copy holds it."""
        if found.file in self.withheld:
            return False
        if found.file not in self.known:
            self.known[found.file] = self._fetch(found)
        return self.known[found.file]

    def next_page(self) -> Target | None:
        """The next fetched page still to be rewritten."""
        return self.waiting.popleft() if self.waiting else None

    def _fetch(self, found: Target) -> bool:
        path = self.dest / found.file
        if not found.page and path.exists():
            return True  # the static assets, copied beforehand
        response = self.client.get(found.url, follow_redirects=False)
        if response.status_code != 200:
            return False
        if found.page != response.headers.get("content-type", "").startswith(HTML):
            return False
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(response.content)
        if found.page:
            self.waiting.append(found)
            self.pages.append(found.file)
        return True
