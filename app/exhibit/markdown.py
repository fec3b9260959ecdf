"""An exhibit's text blocks: a small safe subset of Markdown made HTML.

markdown-it-py parses only headings, emphasis, lists, links, quotations and line breaks (raw HTML is
text, images and tables are not parsed); nh3 then keeps only the tags and attributes those can produce,
with links to http(s) and mail addresses only, so nothing an author types can run in a visitor's page.
Headings start at <h3>: the page's title is its <h1>, its blocks' titles <h2>.
"""

from functools import lru_cache

import nh3
from markdown_it import MarkdownIt
from markupsafe import Markup

RULES = ("heading", "emphasis", "list", "link", "blockquote", "newline", "escape", "backticks", "autolink")
TAGS = {"p", "h3", "h4", "h5", "h6", "em", "strong", "ul", "ol", "li", "a", "blockquote", "br", "code"}
ATTRIBUTES = {"a": {"href", "title"}, "ol": {"start"}}
SCHEMES = {"http", "https", "mailto"}
FIRST_HEADING = 3


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    parser = MarkdownIt("zero", {"html": False, "linkify": False, "typographer": False})
    return parser.enable(list(RULES))


@lru_cache(maxsize=4096)
def to_html(source: str) -> Markup:
    """The text's HTML, safe to put in a page as it is (made once per text: a page is written in every language
    and for the booklet, search and the API from the same texts)."""
    parser = _parser()
    tokens = parser.parse(source or "")
    for token in tokens:
        if token.type in ("heading_open", "heading_close"):
            token.tag = f"h{min(int(token.tag[1]) + FIRST_HEADING - 1, 6)}"
    html = parser.renderer.render(tokens, parser.options, {})
    cleaned = nh3.clean(html, tags=TAGS, attributes=ATTRIBUTES, url_schemes=SCHEMES, link_rel="noopener noreferrer")
    return Markup(cleaned)  # noqa: S704 - nh3 has just kept only the tags and attributes above


def to_text(source: str) -> str:
    """The text without its markup (for search, summaries and the PDF's outline)."""
    return nh3.clean(str(to_html(source)), tags=set()).strip()
