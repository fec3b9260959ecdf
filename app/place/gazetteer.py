"""The museum's shipped list of places (collections/search/places.csv): reading and writing it.

One row per place: its kind, country (ISO 3166-1 alpha-2), coordinates, its name in French, German,
Luxembourgish and English, and other spellings separated by `|`. Lines starting with `#` are comments.
The search's glossary reads the same file for the names a visitor may type (app/search/glossary.py).
"""

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path

from app.place.models import COUNTRY, PLACE_KINDS
from app.slugs import slugify

DEFAULT_FILE = Path(__file__).resolve().parents[2] / "collections" / "search" / "places.csv"
LANGUAGES = ("fr", "de", "lb", "en")
COLUMNS = ("kind", "country", "latitude", "longitude", *LANGUAGES, "other_names")


class GazetteerError(ValueError):
    """A row of the places file that cannot be read (its line number and what is wrong)."""


@dataclass(frozen=True)
class Entry:
    """One place of the list. `names` holds the languages that have a name of their own."""

    kind: str
    country: str | None
    latitude: float | None
    longitude: float | None
    names: dict[str, str]
    other_names: tuple[str, ...] = field(default=())

    @property
    def name(self) -> str:
        return self.names["fr"]

    @property
    def slug(self) -> str:
        """Communes and regions by their French name; a country by its code (Luxembourg is both)."""
        return f"pays-{self.country.lower()}" if self.kind == COUNTRY and self.country else slugify(self.name)


def read(path: Path = DEFAULT_FILE) -> list[Entry]:
    """The places of the file, in its order."""
    with Path(path).open(encoding="utf-8", newline="") as f:
        lines = [(number, line) for number, line in enumerate(f, 1) if line.strip() and not line.startswith("#")]
    rows = csv.DictReader((line for _number, line in lines), skipinitialspace=True)
    return [_entry(row, number) for (number, _line), row in zip(lines[1:], rows, strict=True)]


def _entry(row: dict, number: int) -> Entry:
    names = {lang: row[lang].strip() for lang in LANGUAGES if (row.get(lang) or "").strip()}
    if row.get("kind") not in PLACE_KINDS or "fr" not in names:
        raise GazetteerError(f"line {number}: a place needs a kind ({', '.join(PLACE_KINDS)}) and a French name")
    try:
        latitude, longitude = _number(row.get("latitude")), _number(row.get("longitude"))
    except ValueError as error:
        raise GazetteerError(f"line {number}: coordinates must be decimal degrees") from error
    others = tuple(name.strip() for name in (row.get("other_names") or "").split("|") if name.strip())
    country = (row.get("country") or "").strip().upper() or None
    return Entry(row["kind"], country, latitude, longitude, names, others)


def _number(text: str | None) -> float | None:
    return float(text) if text and text.strip() else None


def write(path: Path, entries: list[Entry], comments: list[str]) -> None:
    """The file with `comments` (lines without their `#`) above the header, then one line per entry."""
    out = io.StringIO()
    out.writelines(f"# {line}\n" if line else "#\n" for line in comments)
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for entry in entries:
        writer.writerow(
            [
                entry.kind,
                entry.country or "",
                "" if entry.latitude is None else f"{entry.latitude:.5f}",
                "" if entry.longitude is None else f"{entry.longitude:.5f}",
                *(entry.names.get(lang, "") for lang in LANGUAGES),
                "|".join(entry.other_names),
            ]
        )
    Path(path).write_text(out.getvalue(), encoding="utf-8")


def comments(path: Path = DEFAULT_FILE) -> list[str]:
    """The comment lines at the top of the file, without their `#` (kept when a tool rewrites it)."""
    found = []
    with Path(path).open(encoding="utf-8") as f:
        for line in f:
            if not line.startswith("#"):
                break
            found.append(line[1:].strip())
    return found
