"""What comes with an uploaded file: captions and alternative texts in several languages, rights, credit."""

from pydantic import BaseModel, Field

TEXT = Field(None, max_length=2000)


class MediaForm(BaseModel):
    caption: str | None = TEXT
    caption_fr: str | None = TEXT
    caption_de: str | None = TEXT
    caption_lb: str | None = TEXT
    caption_en: str | None = TEXT
    alt: str | None = TEXT
    alt_fr: str | None = TEXT
    alt_de: str | None = TEXT
    alt_lb: str | None = TEXT
    alt_en: str | None = TEXT
    rights: str | None = Field(None, max_length=255)
    credit: str | None = Field(None, max_length=500)

    def texts(self, field: str, original: str) -> dict[str, str]:
        """{language: text} for `caption` or `alt`: the plain field is in the item's language."""
        values = {lang: getattr(self, f"{field}_{lang}") for lang in ("fr", "de", "lb", "en")}
        values[original] = getattr(self, field) or values.get(original)
        return {lang: text.strip() for lang, text in values.items() if text and text.strip()}
