"""Where forms may send people back to: only this site's own paths."""

from urllib.parse import urlsplit

# A longer `next` is no page of this site, and would make a Location header some proxies refuse.
MAX_LENGTH = 2048


def is_local(url: str) -> bool:
    """Only same-site paths, so that a form cannot be used to redirect elsewhere."""
    parts = urlsplit(url)
    # Browsers read `\` as `/` and drop tabs and newlines: `/\evil.example` would leave the site.
    unsafe = "\\" in url or any(ord(char) < 32 for char in url)
    local = url.startswith("/") and not url.startswith("//") and not parts.scheme and not parts.netloc
    return local and not unsafe and len(url) <= MAX_LENGTH


def local_or(url: str | None, default: str) -> str:
    """`url` when it stays on the site, else `default`."""
    return url if url and is_local(url) else default
