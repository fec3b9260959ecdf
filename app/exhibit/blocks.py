"""An exhibit's pages and blocks as typed data: one Pydantic model per block type, in a versioned document.

A new block type is one model here (added to `Block`), one template (templates/exhibits/blocks/<type>.html)
and one form partial (templates/workspace/exhibit_blocks/<type>.html). When a block type's fields change,
VERSION goes up and an upgrade step (`UPGRADES`) rewrites stored documents of the version before, so a
revision restored from years ago still opens.
"""

from collections.abc import Callable, Iterator
from typing import Annotated, Literal, get_args

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, TypeAdapter, field_validator, model_validator

from app.config import CONTENT_LANGUAGES

VERSION = 1
Width = Literal["full", "wide", "half", "beside"]  # beside: a narrow column beside the text that follows
WIDTHS = get_args(Width)
Language = Literal["fr", "de", "lb", "en"]
assert get_args(Language) == CONTENT_LANGUAGES, "the languages of an exhibit's texts are the museum's"
MAX_PAGES = 60
MAX_BLOCKS = 80  # per page
MAX_ITEMS = 24  # per gallery, map or timeline
TEXT_LIMIT = 20_000  # characters of one language of a text block
LINE_LIMIT = 1_000  # a caption, a title, a quotation's source

Identifier = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=64)]


# {language: text} in the museum's content languages.
Line = dict[Language, Annotated[str, StringConstraints(max_length=LINE_LIMIT)]]
LongText = dict[Language, Annotated[str, StringConstraints(max_length=TEXT_LIMIT)]]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class _Block(_Strict):
    width: Width = "wide"
    caption: Line = {}

    @field_validator("caption", mode="after")
    @classmethod
    def _drop_empty(cls, value: dict) -> dict:
        return {lang: text.strip() for lang, text in value.items() if text.strip()}

    def items(self) -> list[str]:
        """The identifiers of the catalog items the block shows, in order."""
        return []


class TextBlock(_Block):
    """Text in a small safe subset of Markdown (app/exhibit/markdown.py)."""

    type: Literal["text"] = "text"
    body: LongText = {}


class ItemBlock(_Block):
    """One item: its first image, title, caption and a link to it."""

    type: Literal["item"] = "item"
    item: Identifier

    def items(self) -> list[str]:
        return [self.item]


class _ItemsBlock(_Block):
    """A block showing several items: a gallery, a map, a timeline."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    item_list: list[Identifier] = Field(min_length=1, max_length=MAX_ITEMS, alias="items")

    def items(self) -> list[str]:
        return list(self.item_list)


class GalleryBlock(_ItemsBlock):
    type: Literal["gallery"] = "gallery"


class Region(_Strict):
    """A part of an image, in percent of its width and height (IIIF's `pct:x,y,w,h`)."""

    x: float = Field(0, ge=0, le=100)
    y: float = Field(0, ge=0, le=100)
    w: float = Field(100, gt=0, le=100)
    h: float = Field(100, gt=0, le=100)

    @property
    def iiif(self) -> str:
        return "pct:" + ",".join(f"{value:g}" for value in (self.x, self.y, self.w, self.h))


class ZoomBlock(_Block):
    """An item's image opened in deep zoom on a chosen region."""

    type: Literal["zoom"] = "zoom"
    item: Identifier
    image: int = Field(1, ge=1, le=500)  # which of the item's images (1: the first)
    region: Region = Region()

    def items(self) -> list[str]:
        return [self.item]


class CompareBlock(_Block):
    """Two images side by side, "then and now"."""

    type: Literal["compare"] = "compare"
    before: Identifier
    after: Identifier
    before_label: Line = {}
    after_label: Line = {}

    def items(self) -> list[str]:
        return [self.before, self.after]


class QuoteBlock(_Block):
    type: Literal["quote"] = "quote"
    text: LongText
    source: Line = {}
    item: Identifier | None = None  # the record it is quoted from, when it is in the catalog

    def items(self) -> list[str]:
        return [self.item] if self.item else []


class MomentBlock(_Block):
    """A clip of an interview's recording, with what is said in it (from its transcript)."""

    type: Literal["moment"] = "moment"
    item: Identifier
    start: float = Field(ge=0)
    end: float = Field(gt=0)
    part: int = Field(1, ge=1, le=50)  # the recording, for an interview recorded in several parts

    @model_validator(mode="after")
    def _ends_after_start(self) -> "MomentBlock":
        if self.end <= self.start:
            raise ValueError("a moment ends after it starts")
        return self

    def items(self) -> list[str]:
        return [self.item]


class MapBlock(_ItemsBlock):
    type: Literal["map"] = "map"


class TimelineBlock(_ItemsBlock):
    type: Literal["timeline"] = "timeline"


Block = Annotated[
    TextBlock
    | ItemBlock
    | GalleryBlock
    | ZoomBlock
    | CompareBlock
    | QuoteBlock
    | MomentBlock
    | MapBlock
    | TimelineBlock,
    Field(discriminator="type"),
]
BLOCK_TYPES = ("text", "item", "gallery", "zoom", "compare", "quote", "moment", "map", "timeline")
block_adapter: TypeAdapter[Block] = TypeAdapter(Block)


PageKey = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$", max_length=80)]


class Page(_Strict):
    key: PageKey  # its permanent address: /exhibits/{slug}/{key}
    titles: Line = {}
    blocks: list[Block] = Field(default_factory=list, max_length=MAX_BLOCKS)


class Document(_Strict):
    version: Literal[1] = 1  # VERSION
    pages: list[Page] = Field(default_factory=list, max_length=MAX_PAGES)

    @field_validator("pages", mode="after")
    @classmethod
    def _keys_unique(cls, pages: list[Page]) -> list[Page]:
        keys = [page.key for page in pages]
        if len(set(keys)) != len(keys):
            raise ValueError("two pages have the same key")
        return pages

    def blocks(self) -> Iterator[Block]:
        for page in self.pages:
            yield from page.blocks

    def item_identifiers(self) -> list[str]:
        """Every item the exhibit shows, once, in the order it first appears."""
        return list(dict.fromkeys(identifier for block in self.blocks() for identifier in block.items()))

    def page(self, key: str) -> Page | None:
        return next((page for page in self.pages if page.key == key), None)


# version -> the function taking a stored document of that version to the next one.
UPGRADES: dict[int, Callable[[dict], dict]] = {}


def upgrade(raw: dict) -> dict:
    """A stored document brought to VERSION, one step at a time (an empty document is an empty current one)."""
    document = dict(raw or {"version": VERSION, "pages": []})
    version = int(document.get("version", 1))
    while version < VERSION:
        document = UPGRADES[version](document)
        version = int(document["version"])
    return document


def load(raw: dict) -> Document:
    """A stored document, upgraded and validated (a ValidationError when it is not an exhibit's)."""
    return Document.model_validate(upgrade(raw))


def dump(document: Document) -> dict:
    """The document as stored: plain JSON, with `items` as the field name the forms and the API use."""
    return document.model_dump(mode="json", by_alias=True)
