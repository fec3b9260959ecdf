"""QR codes printed beside the items of an exhibit, so that a reader of the paper can open each one."""

from functools import lru_cache

import segno
from markupsafe import Markup

MASK = 2


def qr_svg(url) -> Markup:
    """An inline SVG QR code of `url` (a string or a URL), made here (segno, no network); decorative: the URL
    is printed beside it."""
    return _qr_svg(str(url))


@lru_cache(maxsize=2048)
def _qr_svg(url: str) -> Markup:
    # A fixed mask: choosing the best of eight takes 6 ms a code, and every mask reads as well on paper.
    svg = segno.make_qr(url, error="m", mask=MASK).svg_inline(scale=4, border=2, omitsize=True, svgclass="qr-code")
    # segno's output is an <svg> of one path, built from the URL's bits, never from its text.
    return Markup(svg.replace("<svg ", '<svg aria-hidden="true" ', 1))  # noqa: S704
