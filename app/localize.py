"""Choosing which language of a multilingual value to show."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Localized:
    value: str
    lang: str

    def __str__(self) -> str:
        return self.value


def localized(values: dict[str, str] | None, original: str, lang: str) -> Localized | None:
    """The value in `lang` when translated, else the original, else any; tagged with its language."""
    values = values or {}
    for candidate in (lang, original):
        if values.get(candidate):
            return Localized(values[candidate], candidate)
    for candidate, value in sorted(values.items()):
        if value:
            return Localized(value, candidate)
    return None
