"""QR codes, made here with segno (ISO 18004, no network): inline SVG for printed pages (the exhibit booklet, the
plaques), and PNG or SVG files for the curators to download."""

import io
from functools import lru_cache

import segno
from markupsafe import Markup
from starlette.datastructures import URL

# A fixed mask: choosing the best of eight takes 6 ms a code, and every mask reads as well on paper.
MASK = 2
# Error correction "M" (15 % of the code may be dirty or scratched): a plaque outdoors needs more than "L", and
# a longer address still fits in a small version.
ERROR = "m"
# The quiet zone the standard asks for is 4 modules; printed on a label with a margin, 2 read as well.
INLINE_BORDER = 2
# What a QR parameter in the workspace's address gives and accepts (pixels per module, modules of margin).
SCALE, MIN_SCALE, MAX_SCALE = 10, 1, 40
BORDER, MIN_BORDER, MAX_BORDER = 4, 0, 8
# The mark a QR code's address carries (`?via=qr`), by which its visits are counted (app/plaque/visits.py).
VIA, QR = "via", "qr"
FORMATS = {"png": "image/png", "svg": "image/svg+xml"}


def via_qr(url) -> str:
    """`url` with the mark of a scanned code (`via=qr`), by which its visits are counted."""
    return str(URL(str(url)).include_query_params(**{VIA: QR}))


def qr_svg(url) -> Markup:
    """An inline SVG QR code of `url` (a string or a URL); decorative: the URL is printed beside it."""
    return _qr_svg(str(url))


@lru_cache(maxsize=2048)
def _qr_svg(url: str) -> Markup:
    svg = _code(url).svg_inline(scale=4, border=INLINE_BORDER, omitsize=True, svgclass="qr-code")
    # segno's output is an <svg> of one path, built from the URL's bits, never from its text.
    return Markup(svg.replace("<svg ", '<svg aria-hidden="true" ', 1))  # noqa: S704


def qr_image(url) -> Markup:
    """A QR code of `url` as an inline PNG of one pixel a module (some 400 bytes, where the SVG takes 1,900: a web
    page prints one beside each item), drawn without smoothing at the printed size (`.qr-code` in the print CSS)."""
    return _qr_image(str(url))


@lru_cache(maxsize=2048)
def _qr_image(url: str) -> Markup:
    code = _code(url)
    side = code.symbol_size(scale=1, border=INLINE_BORDER)[0]
    return Markup('<img class="qr-code" alt="" width="{}" height="{}" src="{}">').format(
        side, side, code.png_data_uri(scale=1, border=INLINE_BORDER)
    )


def qr_file(url: str, fmt: str, scale: int = SCALE, border: int = BORDER) -> bytes:
    """The QR code of `url` as a PNG or SVG file (`fmt`), `scale` pixels a module, `border` modules of margin."""
    buffer = io.BytesIO()
    options = {"xmldecl": False, "title": url} if fmt == "svg" else {}
    _code(url).save(buffer, kind=fmt, scale=scale, border=border, **options)
    return buffer.getvalue()


def _code(url: str) -> segno.QRCode:
    return segno.make_qr(url, error=ERROR, mask=MASK)
