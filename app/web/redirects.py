"""Where forms may send people back to: only this site's own paths."""

from urllib.parse import urlsplit


def is_local(url: str) -> bool:
    """Only same-site paths, so that a form cannot be used to redirect elsewhere."""
    parts = urlsplit(url)
    # Browsers read `\` as `/` and drop tabs and newlines: `/\evil.example` would leave the site.
    unsafe = "\\" in url or any(ord(char) < 32 for char in url)
    return url.startswith("/") and not url.startswith("//") and not unsafe and not parts.scheme and not parts.netloc


def local_or(url: str | None, default: str) -> str:
    """`url` when it stays on the site, else `default`."""
    return url if url and is_local(url) else default
