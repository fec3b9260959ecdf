"""JSON shapes of tours in the public API (/api/v1/tours)."""

from pydantic import BaseModel, Field

from app.api.schemas import Credit, UtcDateTime


class StopImage(BaseModel):
    alt: str | None = Field(description="The alternative text, in the visitor's language when translated")
    url: str = Field(description="The image at phone size (JPEG, 1200 px on its long side)")


class StopItem(BaseModel):
    identifier: str
    title: str
    url: str = Field(description="The item's public page")


class StopExhibit(BaseModel):
    slug: str
    page: str | None = Field(description="The exhibit page's key (null: the exhibit's cover page)")
    url: str


class StopOut(BaseModel):
    number: int = Field(description="Its place in the tour, 1 for the first")
    title: str | None
    titles: dict[str, str]
    text: str | None
    texts: dict[str, str]
    latitude: float
    longitude: float
    next_m: float | None = Field(description="Metres to the next stop, as the crow flies (null for the last)")
    url: str = Field(description="The stop's permanent page")
    item: StopItem | None = Field(description="The published item it shows")
    image: StopImage | None
    exhibit: StopExhibit | None = Field(description="The published exhibit page it opens")
    audio: str | None = Field(description="Its audio commentary")


class TourSummary(BaseModel):
    slug: str
    title: str
    title_language: str
    titles: dict[str, str]
    summary: str | None
    summaries: dict[str, str]
    language: str = Field(description="The language the tour was written in")
    languages: list[str] = Field(description="The languages its texts are offered in")
    stops: int = Field(description="How many stops it has")
    length_m: float = Field(description="Its length from the first stop to the last, as the crow flies, in metres")
    credits: list[Credit]
    url: str = Field(description="The tour's public page")
    published: UtcDateTime | None
    updated: UtcDateTime


class TourDetail(TourSummary):
    route: list[StopOut] = Field(description="Its stops in order")


class TourList(BaseModel):
    total: int
    tours: list[TourSummary]
