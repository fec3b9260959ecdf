"""Slugs and sort keys: ASCII-folded forms of names and titles, built with unicodedata only."""

import re
import unicodedata

# Letters that NFKD does not decompose into a base letter plus accents.
_LIGATURES = str.maketrans(
    {
        "ß": "ss",
        "æ": "ae",
        "Æ": "AE",
        "œ": "oe",
        "Œ": "OE",
        "ø": "o",
        "Ø": "O",
        "đ": "d",
        "Đ": "D",
        "ł": "l",
        "Ł": "L",
        "þ": "th",
        "Þ": "Th",
    }
)
_WORD = re.compile(r"[a-z0-9]+")


def ascii_fold(text: str) -> str:
    """`Église Sainte-Barbe` -> `Eglise Sainte-Barbe`: accents and ligatures spelled in ASCII."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_LIGATURES))
    return decomposed.encode("ascii", "ignore").decode("ascii")


def slugify(text: str) -> str:
    """ASCII-folded lowercase words joined by '-': `Église Sainte-Barbe` -> `eglise-sainte-barbe`."""
    return "-".join(_WORD.findall(ascii_fold(text).lower()))


def sort_key(text: str, length: int = 255) -> str:
    """The casefolded, accent-stripped form of `text` that titles are sorted by."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_LIGATURES).casefold())
    stripped = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(stripped.split())[:length]
