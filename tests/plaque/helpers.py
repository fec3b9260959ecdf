"""Records for the plaque tests, and reading QR codes back as a phone's camera would (zxing-cpp)."""

import io

import cairosvg
import zxingcpp
from PIL import Image

from tests.factories import make_exhibit, make_item

PAGES = [
    {"key": "la-coulee", "titles": {"fr": "La coulée", "de": "Der Abstich"}, "blocks": []},
    {"key": "sans-titre", "titles": {}, "blocks": []},
]


def church(session, **fields):
    """A published item titled in French and in German."""
    titles = {"fr": "Église Sainte-Barbe", "de": "Kirche Sankt Barbara"}
    return make_item(session, title="Église Sainte-Barbe", titles=titles, **fields)


def furnaces(session, **fields):
    """A published exhibit with two pages, titled in French and in German."""
    titles = {"fr": "Les hauts-fourneaux", "de": "Die Hochöfen"}
    return make_exhibit(session, pages=PAGES, titles=titles, **fields)


def decode_png(data: bytes) -> str:
    """The text of the one QR code in a PNG image."""
    found = zxingcpp.read_barcodes(Image.open(io.BytesIO(data)))
    assert len(found) == 1, f"{len(found)} codes found"
    assert found[0].format == zxingcpp.BarcodeFormat.QRCode
    return found[0].text


def decode_svg(data: bytes) -> str:
    """The text of the one QR code in an SVG image, drawn by CairoSVG on white."""
    png = cairosvg.svg2png(bytestring=data, output_width=400, output_height=400, background_color="white")
    return decode_png(png)
