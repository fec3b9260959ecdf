"""JSON shapes of the workspace API: items written by curators' scripts, their state and revisions."""

from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Discriminator, Field, Tag, create_model

from app.api.schemas import UtcDateTime
from app.item import fields
from app.text import Text
from app.workspace.forms import MAX_NUMBER

# Integers are bounded by what every supported database stores, so that a huge one is a 400, not an overflow.
Revision = Annotated[
    int, Field(ge=0, le=MAX_NUMBER, description="The revision the change starts from; 409 if someone saved since")
]
Seconds = Annotated[int, Field(ge=0, le=MAX_NUMBER)]
# Lists are bounded so that one request cannot hold the write lock for minutes (100,000 subjects did).
MAX_SUBJECTS, MAX_COLLECTIONS, MAX_CREDITS = 200, 50, 100
# Text is read by the form's rules (31:35, 1 h 05), a number is seconds; each reports its own error only.
Duration = Annotated[
    Annotated[Text, Tag("text")] | Annotated[Seconds, Tag("seconds")],
    Discriminator(lambda value: "text" if isinstance(value, str) else "seconds"),
]


class CreditIn(BaseModel):
    role: Text = Field(description="creator, architect, photographer, collected_by, digitised_by, catalogued_by...")
    name: Text = Field(description="A person or organisation; created when no agent has this name")


def _annotation(field: fields.Field) -> Any:
    """The JSON type of a registry field in the API (all optional: a PATCH gives only what changes)."""
    # Any: the values are type forms (an alias, an Annotated union) that no one static type describes.
    types: dict[str, Any] = {
        fields.MULTILINGUAL: dict[Text, Text],
        fields.BOOLEAN: bool,
        fields.COORDINATE: float,
        fields.DURATION: Duration,
    }
    return types.get(field.type, Text) | None


class _Relations(BaseModel):
    """Places, people and subjects are given by name and created when new."""

    model_config = ConfigDict(extra="forbid")

    subjects: list[Text] | None = Field(None, max_length=MAX_SUBJECTS)
    collections: list[Text] | None = Field(
        None, max_length=MAX_COLLECTIONS, description="Slugs of existing collections"
    )
    credits: list[CreditIn] | None = Field(None, max_length=MAX_CREDITS)


# Catalog fields, one per field of the registry (app/item/fields.py) that the form shows. Typed as Any:
# mypy matches a `**` argument against create_model's own keywords too (__module__: str...).
_catalog_fields: dict[str, Any] = {
    field.api: (_annotation(field), Field(None, description=field.doc))
    for field in fields.FIELDS
    if field.in_form and field.name != "kind"
}
ItemFields = create_model(
    "ItemFields",
    __base__=_Relations,
    __doc__="Catalog fields; places, people and subjects are given by name and created when new.",
    **_catalog_fields,
)


class ItemCreate(ItemFields):
    identifier: Text | None = Field(None, description="Made up (VIL-…) when not given")
    kind: Text = Field(description=fields.by_name("kind").doc)
    language: Text = "fr"
    titles: dict[Text, Text]


class ItemUpdate(ItemFields):
    kind: Text | None = Field(None, description=fields.by_name("kind").doc)
    revision: Revision


class StepIn(BaseModel):
    comment: Text = Field("", description="Required to send back: what should change")


class RevisionOut(BaseModel):
    number: int
    created_at: UtcDateTime
    user: str | None
    action: str
    status: str
    changes: dict[str, list[Any]] = Field(description="{field: [old, new]}")
    comment: str | None = None


class ItemState(BaseModel):
    identifier: str
    kind: str
    status: str = Field(description="draft, in_review, published or withdrawn")
    title: str
    revision: int = Field(description="The latest revision; send it back with PATCH")
    url: str = Field(description="The public page (404 until published)")
    workspace_url: str
    values: dict[str, Any] = Field(description="Every catalog field, as the revision history records them")


class RevisionList(BaseModel):
    identifier: str
    revisions: list[RevisionOut]
