"""Highlighted extracts: HTML text with <mark> around what matched.

Only &, < and > are escaped: the extracts go into element text, never attributes, and API clients
got `s&#x27;installe` otherwise.
"""

import html
import re

from app.search.analysis import word_terms, words

SCAN_CHARS = 20_000  # matches are looked for in the start of long transcripts only
_MARKS = re.compile("</?mark>")


def spans(text: str, lang: str, terms: set[str]) -> list[tuple[int, int]]:
    """The (start, end) of each word of `text` whose terms are among `terms` (in its first SCAN_CHARS)."""
    if not terms:
        return []
    found_spans = []
    for match in words(text[:SCAN_CHARS]):
        found = word_terms(lang, match.group())
        if terms.intersection(found.stems) or found.joined in terms:
            found_spans.append(match.span())
    return found_spans


def highlight(text: str, lang: str, terms: set[str], size: int | None) -> str:
    """`text` with &, < and > escaped, cut to about `size` characters around the first match, matches in <mark>."""
    return excerpt(text, spans(text, lang, terms), size)


def excerpt(text: str, spans: list[tuple[int, int]], size: int | None) -> str:
    """`text` escaped, cut to about `size` characters from just before the first span, spans in <mark>."""
    start, end = 0, len(text)
    if size is not None and len(text) > size:
        start = max(0, spans[0][0] - size // 4) if spans else 0
        start = text.rfind(" ", 0, start) + 1 if start else 0
        end = min(len(text), start + size)
        end = text.rfind(" ", start, end) if end < len(text) and " " in text[start:end] else end
    pieces = ["…"] if start else []
    position = start
    for first, last in spans:
        if first >= position and last <= end:
            pieces += [_text(text[position:first]), "<mark>", _text(text[first:last]), "</mark>"]
            position = last
    pieces.append(_text(text[position:end]))
    return "".join(pieces) + ("…" if end < len(text) else "")


def _text(text: str) -> str:
    return html.escape(text, quote=False)


def plain(fragment: str) -> str:
    """An extract as plain text: the marks removed, the three escaped characters written back."""
    return html.unescape(_MARKS.sub("", fragment))
