"""Where each address of the museum lands in the static copy, and the relative links between its files.

A page `/items/X` becomes `items/X/index.html`, its list page `/items?page=2` `items/index-page-2.html`; a
file (`/static/...`, `/media/derivatives/...`) keeps its path without its query (the `?v=` cache busters).
"""

import posixpath
import re
from dataclasses import dataclass
from urllib.parse import parse_qsl, urlencode

# The public pages a visitor reaches without a server-side search or form: anything else is left out.
PAGES = re.compile(
    r"^/(about|timeline|items(/[^/.]+)?|collections(/[^/.]+)?|exhibits(/[^/.]+){0,2}|tours(/[^/.]+|/[^/.]+/stops/\d+)?)?$"
)
# Files shown or played in those pages (media at web sizes, the interviews' recordings and captions).
FILES = re.compile(
    r"^/(static/.+|media/derivatives/.+|favicon\.ico|items/[^/]+/(captions|chapters)\.vtt|items/[^/]+/recordings/.+)$"
)
KEPT_KEYS = {"page"}  # list pages are followed through their pagination only, not every filter combination
IGNORED_KEYS = {"t"}  # an interview's "play from" moment: the same page, the cue's anchor still applies


@dataclass(frozen=True)
class Target:
    """A museum address as the copy knows it: a page or a file, and the file it is written to."""

    url: str  # the path and kept query, as requested from the app
    file: str  # relative to the copy's root, with "/" separators
    page: bool


def target(path: str, query: str) -> Target | None:
    """The copy's file for `path?query`, or None when the copy leaves that address out."""
    if FILES.match(path):
        return Target(path, path.lstrip("/"), page=False)
    pairs = [(key, value) for key, value in parse_qsl(query) if key not in IGNORED_KEYS]
    if not PAGES.match(path) or any(key not in KEPT_KEYS for key, _ in pairs):
        return None
    if any(key == "page" and value == "1" for key, value in pairs):
        pairs = [pair for pair in pairs if pair[0] != "page"]
    folder = path.strip("/")
    name = "index.html" if not pairs else f"index-{_slug(pairs)}.html"
    url = path + (f"?{urlencode(sorted(pairs))}" if pairs else "")
    return Target(url, f"{folder}/{name}" if folder else name, page=True)


def relative(from_file: str, to_file: str) -> str:
    """The link from one file of the copy to another."""
    return posixpath.relpath(to_file, posixpath.dirname(from_file) or ".")


def _slug(pairs: list[tuple[str, str]]) -> str:
    return "-".join(re.sub(r"[^A-Za-z0-9]", "_", part) for pair in sorted(pairs) for part in pair)
