"""JSON shapes of the workspace API: items written by curators' scripts, their state and revisions."""

from datetime import datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field


class CreditIn(BaseModel):
    role: str = Field(description="creator, architect, photographer, collected_by, digitised_by, catalogued_by...")
    name: str = Field(description="A person or organisation; created when no agent has this name")


class ItemFields(BaseModel):
    """Catalog fields; places, people and subjects are given by name and created when new."""

    model_config = ConfigDict(extra="forbid")

    language: str | None = Field(None, description="Original language: fr, de, lb or en")
    titles: dict[str, str] | None = Field(None, description="Title by language; the original one is required")
    descriptions: dict[str, str] | None = None
    date: str | None = Field(None, description="The date as written (“vers 1930”, “XIXe siècle”)")
    place: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    dc_type: str | None = None
    format: str | None = None
    source: str | None = None
    relation: str | None = None
    rights: str | None = Field(None, description="A Creative Commons or rightsstatements.org URI or code")
    address: str | None = None
    construction_period: str | None = None
    protection: str | None = None
    merimee_reference: str | None = None
    medium: str | None = None
    dimensions: str | None = None
    inscription: str | None = None
    recording_date: str | None = Field(None, description="YYYY-MM-DD")
    duration: str | int | None = Field(None, description="Seconds, or 31:35, 1 h 05...")
    featured: bool | None = None
    subjects: list[str] | None = None
    collections: list[str] | None = Field(None, description="Slugs of existing collections")
    credits: list[CreditIn] | None = None


class ItemCreate(ItemFields):
    identifier: str | None = Field(None, description="Made up (VIL-…) when not given")
    kind: str = Field(description="building, artwork, interview, photograph, document or object")
    language: str = "fr"
    titles: dict[str, str]


class ItemUpdate(ItemFields):
    kind: str | None = None
    revision: int = Field(description="The revision the change starts from; 409 if someone saved since")


class StepIn(BaseModel):
    comment: str = Field("", description="Required to send back: what should change")


class RevisionOut(BaseModel):
    number: int
    created_at: datetime
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
