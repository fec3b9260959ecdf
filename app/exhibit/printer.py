"""WeasyPrint's side of the booklet: HTML to a tagged PDF, reading only the museum's own files.

Imported by the job alone (WeasyPrint loads Pango and fonts): the web processes never pay for it.
"""

import io
import re
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

from PIL import Image, ImageFile
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

from app.media.derivatives import derivative_path
from app.media.store import LocalStore, Store
from app.media.store.base import checked_key
from app.web.static import STATIC_DIR

# Importing WeasyPrint turns on Pillow's loading of truncated images for the whole process
# (weasyprint/images.py). The job worker that makes PDFs also checks uploads and builds pyramids, which must
# refuse truncated files (app/media/sniff.py): Pillow's default is put back.
ImageFile.LOAD_TRUNCATED_IMAGES = False

# Served from the museum's own files when the booklet links them; any other address is refused.
DERIVATIVES = "/media/derivatives/"
STATIC = "/static/"
# A zoom block's region of an image, as its IIIF address asks for it (`pct:x,y,w,h`, any size, no rotation).
REGION = re.compile(r"^/iiif/3/(?P<sha>[0-9a-f]{64})/pct:(?P<box>[0-9.]+(?:,[0-9.]+){3})/[^/]+/0/default\.jpg$")
TYPES = {".jpg": "image/jpeg", ".webp": "image/webp", ".png": "image/png", ".css": "text/css", ".svg": "image/svg+xml"}


def to_pdf(html: str, site: str, media_dir: "Store | Path") -> bytes:
    """The booklet's HTML as a PDF/UA-1 (tagged for screen readers, its title shown by readers, XMP metadata);
    its `lang` and `<title>` become the PDF's language and title, its headings the bookmarks."""
    fetcher = LocalFetcher(site, media_dir)
    document = HTML(string=html, base_url=site, url_fetcher=fetcher)
    # The images are the derivatives' JPEGs, embedded as they are (re-encoding them would double the time).
    return document.write_pdf(pdf_variant="pdf/ua-1")


class LocalFetcher(URLFetcher):
    """The site's derivative images (from the media store) and static files; anything else (another site,
    another path, `file:`, `data:`) is refused, so that making a PDF never sends a request anywhere but the
    museum's own media store."""

    def __init__(self, site: str, media: "Store | Path") -> None:
        super().__init__(allowed_protocols=("http", "https"))
        self.site, self.store = site, LocalStore(media) if isinstance(media, Path) else media

    def fetch(self, url, headers=None):
        region = region_of(url, self.site, self.store)
        if region is not None:
            return URLFetcherResponse(url, region, {"Content-Type": "image/jpeg"})
        found = museum_file(url, self.site, self.store)
        if found is None:
            raise ValueError(f"not one of the museum's own files: {url}")
        return URLFetcherResponse(url, found[0], {"Content-Type": TYPES[found[1]]})


def region_of(url: str, site: str, media: "Store | Path") -> bytes | None:
    """A zoom block's region (its IIIF address), cut from the image's large derivative: the image server's
    answer, made from the same file without a request."""
    parts = urlsplit(url)
    found = REGION.match(unquote(parts.path)) if url.startswith(site.rstrip("/") + "/iiif/") else None
    if found is None:
        return None
    store = LocalStore(media) if isinstance(media, Path) else media
    for size in ("large", "medium"):
        key = derivative_path(found["sha"], size)
        if store.exists(key):
            with store.local_copy(key) as path:
                return _crop(path, [float(value) for value in found["box"].split(",")])
    return None


def _crop(path: Path, box: list[float]) -> bytes:
    x, y, w, h = (min(max(value, 0.0), 100.0) / 100 for value in box)
    with Image.open(path) as image:
        width, height = image.size
        area = (round(x * width), round(y * height), round(min(x + w, 1) * width), round(min(y + h, 1) * height))
        buffer = io.BytesIO()
        image.convert("RGB").crop(area).save(buffer, "JPEG", quality=85)
    return buffer.getvalue()


def museum_file(url: str, site: str, store: Store) -> tuple[bytes, str] | None:
    """The bytes and suffix of the museum file a booklet's URL names: a derivative read from the store, a static
    file from disk; None for anything else."""
    local = _local_path(url, site)
    if local is not None and local.startswith(DERIVATIVES):
        key = "derivatives/" + local.removeprefix(DERIVATIVES)
        suffix = PurePosixPath(key).suffix
        try:
            return (store.read_bytes(checked_key(key)), suffix) if suffix in TYPES else None
        except (FileNotFoundError, ValueError):
            return None
    path = _inside(STATIC_DIR, local.removeprefix(STATIC)) if local and local.startswith(STATIC) else None
    return (path.read_bytes(), path.suffix) if path is not None else None


def _local_path(url: str, site: str) -> str | None:
    """The path of `url` on this site (without the path a proxy mounts the site under), or None."""
    parts, root = urlsplit(url), urlsplit(site)
    if (parts.scheme, parts.netloc) != (root.scheme, root.netloc):
        return None
    mount = root.path.rstrip("/")
    return parts.path.removeprefix(mount) if mount and parts.path.startswith(mount + "/") else parts.path


def local_file(url: str, site: str, media_dir: Path) -> Path | None:
    """The museum file a booklet's URL names in a folder store (a derivative image or a static file), or None."""
    local = _local_path(url, site)
    if local is None:
        return None
    for prefix, folder in ((DERIVATIVES, media_dir / "derivatives"), (STATIC, STATIC_DIR)):
        if local.startswith(prefix):
            return _inside(folder, local.removeprefix(prefix))
    return None


def _inside(folder: Path, relative: str) -> Path | None:
    """The file `relative` under `folder` when it is really there (no way out by `..`) and of a known type."""
    path = (folder / relative).resolve()
    inside = path.is_relative_to(folder.resolve()) and path.suffix in TYPES
    return path if inside and path.is_file() else None
