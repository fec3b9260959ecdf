"""JSON shapes of the moderation API. Contact details and address hashes are never part of them."""

from typing import Annotated

from pydantic import BaseModel, Field

from app.api.schemas import UtcDateTime
from app.text import Text


class ContributionFileOut(BaseModel):
    type: str = Field(description="image or audio")
    mime_type: str
    size_bytes: int
    width: int | None = None
    height: int | None = None
    duration_seconds: float | None = None


class ContributionOut(BaseModel):
    id: int
    status: str = Field(
        description="pending, needs_info (waiting for the resident's answer), approved, rejected or withdrawn"
    )
    title: str | None
    story: str
    language: str
    date: str | None
    place: str | None
    about_item: str | None = Field(description="Identifier of the item the memory is about")
    about_item_title: str | None = Field(None, description="Title of the item the memory is about")
    credit: str | None = Field(description="The name to credit; null for an anonymous contribution")
    rights: str
    files: list[ContributionFileOut]
    created_at: UtcDateTime
    item: str | None = Field(description="Identifier of the item made from it, once approved")
    item_status: str | None = Field(
        None,
        description="That item's state: in_review after a curator's approval "
        "(a supervisor publishes it), published, or withdrawn",
    )
    rejection_reason: str | None
    info_request: str | None = Field(None, description="The team's question to the resident, while needs_info")
    versions: int = Field(0, description="How many earlier versions the resident's edits left")
    url: str


class ContributionList(BaseModel):
    total: int
    page: int
    per_page: int
    contributions: list[ContributionOut]


class ApproveIn(BaseModel):
    title: Text | None = Field(
        None, max_length=255, description="Title of the published item (default: the resident's)"
    )
    story: Text | None = Field(None, max_length=20_000)
    date: Text | None = Field(None, max_length=255)
    alt_texts: list[Annotated[Text, Field(max_length=1000)]] | None = Field(
        None,
        description="Alternative texts, one per file of `files` in order (ignored for recordings); "
        "every photo needs one before it is published",
    )
    collection: Text | None = Field(
        None, max_length=255, description="Slug of the collection to file the memory in (default: the residents')"
    )


class AskIn(BaseModel):
    question: Text = Field(
        min_length=1, max_length=5000, description="Shown to the resident on their status page (and e-mailed)"
    )


class RejectIn(BaseModel):
    reason: Text = Field(min_length=1, max_length=5000, description="Shown to the resident on their status page")
