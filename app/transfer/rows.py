"""Checking one record of an import file and turning it into clean values, or into reasons to reject it.

Everything that can be checked without the database is checked here, so that writing never fails
half-way through a row. A row only carries the columns present in its file (or JSON object).
"""

import math
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from app.agent.models import ROLES
from app.config import CONTENT_LANGUAGES
from app.interview import transcript as transcript_file
from app.item import fields
from app.item import rights as rights_registry
from app.item.dates import parse_date, parse_duration
from app.item.kinds import DRAFT, IN_REVIEW, KINDS, PUBLISHED, WITHDRAWN
from app.media import sniff
from app.media.refusal import RefusedFile
from app.slugs import slugify
from app.text import describe, forbidden
from app.transfer import interviews
from app.transfer.files import Record
from app.workspace.forms import MAX_NUMBER

IDENTIFIER = re.compile(r"[A-Za-z0-9._-]{1,64}")
SEPARATOR = "|"
# Text columns: the Item attribute each one fills, and its length limit (None: unlimited).
TEXT_COLUMNS = {
    field.column: (field.name, field.limit) for field in fields.texts() if field.group != fields.DATE_AND_PLACE
}
TRANSLATED = tuple(
    f"{field.column}_{lang}" for field in fields.FIELDS if field.multilingual for lang in CONTENT_LANGUAGES
)
# Columns of the registry's fields (a multilingual one's column holds the original language's text).
FIELD_COLUMNS = tuple(field.column for field in fields.FIELDS if field.exported)
# Columns only files have: who and what the item links to, and its state.
OTHER_COLUMNS = ("identifier", "status", "subjects", "collection", "media", "transcript", *interviews.COLUMNS)
COLUMNS = OTHER_COLUMNS + FIELD_COLUMNS + TRANSLATED + ROLES
TRUE, FALSE = {"true", "1", "yes", "oui", "ja", "y", "o"}, {"false", "0", "no", "non", "nein", "n", ""}
NAME_LENGTH = 255
# Where a name over the limit is split: MoMA writes a portfolio's artists in one string, "A, B, C...".
NAME_SEPARATORS = re.compile(r"\s*[,;]\s*")

# Imports are run by the museum's own staff from their own disks: only the content is checked,
# against a limit far above what the public upload form accepts.
IMPORT_MAX_BYTES = 4 * 1024**3


@dataclass(frozen=True)
class Folders:
    """Where a row's files may be read: only inside the import file's own folder (`base`, which relative
    paths start from), and for media also inside the museum's own store of originals, which the exporter's
    `media` column points to. An absolute path, `..` or a symbolic link leading elsewhere is refused, so that
    an import file cannot pull a server file (`transcript=/etc/passwd`) into an item."""

    base: Path
    store: Path | None = None


@dataclass
class ItemRow:
    """A valid row: `values` maps each present column to its clean value."""

    row: int
    identifier: str | None
    values: dict[str, Any] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)

    def has(self, column: str) -> bool:
        return column in self.values

    @property
    def key(self) -> str:
        """The identifier the row is written under: `plan` gives one to every valid row that has none."""
        assert self.identifier is not None, "rows are written only after plan() has given them identifiers"
        return self.identifier


class RowProblems(list[str]):
    """The reasons a row is rejected, in the order they were found, and what was split or dropped to keep it.

    `strict` rows have no such second chance: what a lenient row is warned of is never looked for.
    """

    add = list.append

    def __init__(self, strict: bool = False):
        super().__init__()
        self.strict = strict
        self.warnings: list[str] = []


def unknown_columns(columns: list[str]) -> list[str]:
    """Columns this format does not know (reported once as a warning, then ignored)."""
    return [column for column in columns if column and column not in COLUMNS]


def parse_row(
    record: Record, base_dir: Path, store: Path | None = None, *, strict: bool = False
) -> ItemRow | list[str]:
    """The row's clean values and warnings, or the list of reasons it is rejected (files read as `Folders` says).

    Unless `strict`, a credit too long for a name is split at its commas or dropped, and half a position
    is dropped, with a warning each, instead of rejecting the row.
    """
    if record.error:
        return [record.error]
    problems = RowProblems(strict)
    raw = {column: value for column, value in record.values.items() if column in COLUMNS}
    identifier = _identifier(raw.get("identifier"), problems)
    row = ItemRow(record.row, identifier)
    for column, value in raw.items():
        reader = _READERS.get(column)
        if reader is not None:
            row.values[column] = reader(column, value, problems, Folders(base_dir, store))
    _check_required(raw, problems)
    _check_coordinates(row, problems)
    _check_title_language(row, problems)
    interviews.check_row(row.values, problems.add, date.today())
    row.warnings = problems.warnings
    return problems or row


def _text(column: str, value: Any, problems: RowProblems, limit: int | None = None) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        value = "true" if value else "false"
    elif isinstance(value, (int, float)) and not (isinstance(value, float) and not math.isfinite(value)):
        value = str(value)
    if not isinstance(value, str):
        problems.add(f"{column} must be text, not {'a list' if isinstance(value, list) else type(value).__name__}")
        return ""
    text = value.strip()
    if (character := forbidden(text)) is not None:
        problems.add(f"{column} contains {describe(character)}, which text cannot hold")
    if limit is not None and len(text) > limit:
        problems.add(f"{column} is {len(text)} characters long; the limit is {limit}")
    return text


def _names(column: str, value: Any, problems: RowProblems, _folders: Folders | None = None) -> list[str]:
    names: list[str] = []
    for part in _parts(column, value, problems):
        name = _text(column, part, problems, NAME_LENGTH)
        if name and not slugify(name):
            problems.add(f'{column} "{name}" has no letter or digit to name it by')
        elif name and name not in names:
            names.append(name)
    return names


def _parts(column: str, value: Any, problems: RowProblems) -> list[Any]:
    return value if isinstance(value, list) else _text(column, value, problems).split(SEPARATOR)


def _credits(column: str, value: Any, problems: RowProblems, _folders: Folders | None = None) -> list[str]:
    """People in a role; unless strict, a name over the limit is split or dropped first (see `_fitting`)."""
    parts = _parts(column, value, problems)
    if not problems.strict:
        parts = [piece for part in parts for piece in _fitting(column, part, problems)]
    return _names(column, parts, problems)


def _fitting(column: str, part: Any, problems: RowProblems) -> list[Any]:
    """`part` split at its commas and semicolons when over the limit; the pieces still over it dropped, warned of."""
    text = part.strip() if isinstance(part, str) else ""
    if len(text) <= NAME_LENGTH:
        return [part]
    pieces = [piece for piece in NAME_SEPARATORS.split(text) if piece]
    kept = [piece for piece in pieces if len(piece) <= NAME_LENGTH]
    dropped = [piece for piece in pieces if len(piece) > NAME_LENGTH]
    if kept:
        problems.warnings.append(
            f"{column} of {len(text)} characters split at its commas and semicolons into {len(kept)} names"
        )
    if dropped:
        problems.warnings.append(
            f"{column} of {len(text)} characters dropped"
            + (" in part" if kept else "")
            + f": over the {NAME_LENGTH}-character limit for a name, with no comma or semicolon to split it at "
            + "; ".join(f'("{piece[:60]}…", {len(piece)} characters)' for piece in dropped)
        )
    return kept


def _identifier(value: Any, problems: RowProblems) -> str | None:
    text = _text("identifier", value, problems)
    if text and not IDENTIFIER.fullmatch(text):
        problems.add(
            f'identifier "{text[:80]}" is not allowed; use 1 to 64 letters, digits, "-", "_" or "." (no spaces)'
        )
    return text or None


def _choice(options: tuple[str, ...], default: str | None = None):
    def read(column: str, value: Any, problems: RowProblems, _folders: Folders) -> str:
        text = _text(column, value, problems).lower()
        if not text and default:
            return default
        if text not in options:
            problems.add(f'{column} "{text[:80]}" is unknown; use one of {", ".join(options)}')
        return text

    return read


def _featured(column: str, value: Any, problems: RowProblems, _folders: Folders) -> bool:
    text = _text(column, value, problems).lower()
    if text not in TRUE | FALSE:
        problems.add(f'{column} "{text[:80]}" is not a yes/no value; use true or false')
    return text in TRUE


def _plain(column: str, value: Any, problems: RowProblems, _folders: Folders) -> str | None:
    return _text(column, value, problems, _LIMITS.get(column)) or None


def _date(
    column: str, value: Any, problems: RowProblems, _folders: Folders
) -> tuple[str | None, int | None, int | None]:
    text = _text(column, value, problems, 255) or None
    return (text, *parse_date(text)) if text else (None, None, None)


def _coordinate(column: str, value: Any, problems: RowProblems, _folders: Folders) -> float | None:
    text = _text(column, value, problems).replace(",", ".")
    if not text:
        return None
    bound = 90 if column == "latitude" else 180
    try:
        number = float(text)
    except ValueError:
        problems.add(f'{column} "{text[:40]}" is not a number (use a dot: 49.4689)')
        return None
    if not -bound <= number <= bound:
        problems.add(f'{column} "{text[:40]}" is out of range (-{bound} to {bound})')
    return number


def _rights(column: str, value: Any, problems: RowProblems, _folders: Folders) -> str | None:
    text = _text(column, value, problems)
    if not text:
        return None
    uri = rights_registry.normalise(text)
    if uri is None:
        problems.add(
            f'rights "{text[:80]}" is unknown; use a Creative Commons or rightsstatements.org URI '
            'or code, such as "CC BY 4.0" or "https://creativecommons.org/licenses/by/4.0/"'
        )
    return uri


def _recording_date(column: str, value: Any, problems: RowProblems, _folders: Folders) -> str | None:
    text = _text(column, value, problems)
    for pattern in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return datetime.strptime(text, pattern).date().isoformat() if text else None
        except ValueError:
            continue
    problems.add(f'{column} "{text[:40]}" is not a date; use YYYY-MM-DD (1991-08-19) or DD/MM/YYYY')
    return None


def _duration(column: str, value: Any, problems: RowProblems, _folders: Folders) -> int | None:
    text = _text(column, value, problems)
    seconds = parse_duration(text) if text else None
    if text and seconds is None:
        problems.add(f'{column} "{text[:40]}" is not a duration; write 0:31:35, 31:35, 1895 (seconds) or 31 min')
    elif seconds is not None and seconds > MAX_NUMBER:
        problems.add(f'{column} "{text[:40]}" is too long; the limit is {MAX_NUMBER} seconds')
        return None
    return seconds


def _media(column: str, value: Any, problems: RowProblems, folders: Folders) -> list[Path]:
    paths: list[Path] = []
    for name in _names(column, value, problems):
        path = _existing_file(column, name, folders, problems)
        if path is None:
            continue
        try:
            sniff.inspect(path, path.name, max_bytes=IMPORT_MAX_BYTES)
        except RefusedFile as error:
            problems.add(f'media "{name}": {error}')
            continue
        except OSError:
            problems.add(f'media "{name}" cannot be read')
            continue
        paths.append(path)
    return paths


def _transcript(column: str, value: Any, problems: RowProblems, folders: Folders) -> list | None:
    name = _text(column, value, problems)
    path = _existing_file(column, name, Folders(folders.base), problems) if name else None
    if path is None:
        return None
    try:
        return transcript_file.parse(transcript_file.read_text(path))
    except (ValueError, OSError) as error:
        problems.add(f"transcript {error}")
        return None


def _existing_file(column: str, name: str, folders: Folders, problems: RowProblems) -> Path | None:
    try:
        path = (folders.base / name).resolve()  # links followed: where the file really is
        roots = [root.resolve() for root in (folders.base, folders.store) if root is not None]
        if not any(path.is_relative_to(root) for root in roots):
            problems.add(
                f'{column} file "{name}" is outside the imported file\'s folder; files are read only '
                "from that folder (paths relative to it, without ..)"
            )
            return None
        if path.is_file():
            return path
    except (OSError, ValueError, RuntimeError):
        pass
    problems.add(f'{column} file "{name}" was not found (paths are relative to the imported file\'s folder)')
    return None


def _check_required(raw: dict[str, Any], problems: RowProblems) -> None:
    for column in ("kind", "title"):
        if column not in raw or raw[column] is None or (isinstance(raw[column], str) and not raw[column].strip()):
            problems.add(f"{column} is required")


def _check_coordinates(row: ItemRow, problems: RowProblems) -> None:
    latitude, longitude = row.values.get("latitude"), row.values.get("longitude")
    if (latitude is None) == (longitude is None):
        return
    if problems.strict:
        problems.add("latitude and longitude go together: give both or neither")
        return
    given, missing = ("latitude", "longitude") if longitude is None else ("longitude", "latitude")
    problems.warnings.append(f"{given} without {missing}: no coordinates stored (the item's own are left as they are)")
    row.values.pop("latitude", None)
    row.values.pop("longitude", None)


def _check_title_language(row: ItemRow, problems: RowProblems) -> None:
    """`title_fr` on a French row repeats `title`: allowed when empty or equal, refused when it differs."""
    language = row.values.get("language")
    for field_name in ("title", "description"):
        same = row.values.get(f"{field_name}_{language}")
        if language and same and same != (row.values.get(field_name) or ""):
            problems.add(f'{field_name}_{language} differs from {field_name}, which is already in "{language}"')


def _translated(column: str, value: Any, problems: RowProblems, _folders: Folders) -> str:
    return _text(column, value, problems)


def _interview(parse):
    """A reader of an interview column (app/transfer/interviews.py) from the cell's text."""

    def read(column: str, value: Any, problems: RowProblems, _folders: Folders) -> Any:
        return parse(column, _text(column, value, problems), problems.add)

    return read


# How each type of registry field is read from a file; `date` also gives its earliest and latest years.
_BY_TYPE = {
    fields.TEXT: _plain,
    fields.LONG_TEXT: _plain,
    fields.PLACE: _plain,
    fields.MULTILINGUAL: _translated,
    fields.BOOLEAN: _featured,
    fields.COORDINATE: _coordinate,
    fields.RIGHTS: _rights,
    fields.DAY: _recording_date,
    fields.DURATION: _duration,
}
_LIMITS = {field.column: field.limit for field in fields.FIELDS}
_READERS = {
    **{field.column: _BY_TYPE[field.type] for field in fields.FIELDS if field.exported and field.type in _BY_TYPE},
    "kind": _choice(tuple(KINDS)),
    "language": _choice(CONTENT_LANGUAGES, "fr"),
    "date": _date,
    "status": _choice((PUBLISHED, DRAFT, IN_REVIEW, WITHDRAWN), PUBLISHED),
    "subjects": _names,
    "collection": _names,
    "media": _media,
    "transcript": _transcript,
    **{role: _credits for role in ROLES},
    **{column: _translated for column in TRANSLATED},
    **{column: _interview(parse) for column, parse in interviews.READERS.items()},
}
