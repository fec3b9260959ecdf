"""A tiny HTML tree for assertions on what a page shows (the standard library's parser, no extra dependency)."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


@dataclass
class Element:
    tag: str
    attrs: dict[str, str | None] = field(default_factory=dict)
    children: list[Element | str] = field(default_factory=list)

    def get(self, name: str, default: str | None = None) -> str | None:
        return self.attrs.get(name, default)

    @property
    def text(self) -> str:
        """The text inside, with whitespace collapsed as a browser shows it."""
        parts = [child if isinstance(child, str) else child.text for child in self.children]
        return " ".join(" ".join(parts).split())

    def iter(self):
        for child in self.children:
            if isinstance(child, Element):
                yield child
                yield from child.iter()

    def find_all(self, tag: str | None = None, **attrs: str | bool) -> list[Element]:
        """Descendants with `tag` whose attributes match (`class_` matches one class; True means present)."""
        return [element for element in self.iter() if (tag is None or element.tag == tag) and _matches(element, attrs)]

    def find(self, tag: str | None = None, **attrs: str | bool) -> Element:
        found = self.find_all(tag, **attrs)
        assert found, f"no <{tag or '*'} {attrs}> in the page"
        return found[0]


def _matches(element: Element, attrs: dict[str, str | bool]) -> bool:
    for name, expected in attrs.items():
        if name == "class_":
            if expected not in (element.get("class") or "").split():
                return False
            continue
        name = name.rstrip("_").replace("_", "-")  # for_ -> for, aria_current -> aria-current
        if expected is True:
            if name not in element.attrs:
                return False
        elif element.attrs.get(name) != expected:
            return False
    return True


class _TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Element("#document")
        self.stack = [self.root]

    def handle_starttag(self, tag, attrs):
        element = Element(tag, dict(attrs))
        self.stack[-1].children.append(element)
        if tag not in VOID:
            self.stack.append(element)

    def handle_startendtag(self, tag, attrs):
        self.stack[-1].children.append(Element(tag, dict(attrs)))

    def handle_endtag(self, tag):
        for depth in range(len(self.stack) - 1, 0, -1):
            if self.stack[depth].tag == tag:
                del self.stack[depth:]
                return

    def handle_data(self, data):
        self.stack[-1].children.append(data)


def parse(html: str) -> Element:
    """The document's tree."""
    builder = _TreeBuilder()
    builder.feed(html)
    builder.close()
    return builder.root
