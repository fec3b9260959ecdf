"""The museum as a visitor sees it, asked of the real app in-process: each page once, each file once.

Pages are fetched when a link first names them, written raw, and rewritten when their turn comes, so the
copy never links to a page the app refused (a draft's address answers 404 to a visitor, and is left out).
"""

from collections import deque
from concurrent.futures import Future
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
        self.pending: dict[str, Target] = {}  # pages worker processes are writing (app/sitecopy/prefetch.py)
        self.futures: list[Future] = []

    def expect(self, pages: list[Target], futures: list[Future]) -> None:
        """Count on worker processes for `pages`: links to them are made, their files come later."""
        if futures:
            self.pending = {found.file: found for found in pages}
            self.futures = futures

    def resolve(self, found: Target) -> bool:
        """Fetch `found` the first time it is named; True when the copy holds it."""
        if found.file in self.withheld:
            return False
        if found.file in self.pending:
            return True
        if found.file not in self.known:
            self.known[found.file] = self._fetch(found)
        return self.known[found.file]

    def next_page(self) -> Target | None:
        """The next fetched page still to be rewritten (waiting for the workers' pages last)."""
        while not self.waiting and self.futures:
            self._adopt(self.futures.pop(0).result())
        return self.waiting.popleft() if self.waiting else None

    def _adopt(self, files: list[str]) -> None:
        for file in files:
            found = self.pending.pop(file)
            self.known[file] = True
            self.waiting.append(found)
            self.pages.append(file)
        if not self.futures:  # what no worker could write, the main process asks for itself
            for file, found in list(self.pending.items()):
                del self.pending[file]
                self.known[file] = self._fetch(found)

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
