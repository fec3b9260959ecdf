"""Reading import files (CSV or JSON Lines) into numbered records, with clear errors for unreadable files.

Formula cells: a spreadsheet runs a CSV cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage
return as a formula (OWASP's "CSV injection"). The exporter protects such cells with a leading `'`, which
spreadsheets show as text, and the reader takes exactly that quote off again: `protect` adds one quote to a
cell made of quotes then a formula character, `unprotect` removes one from such a cell and from no other.
So an export reads back unchanged, and a hand-written `'t Hoogeland` keeps its quote.
"""

import csv
import io
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

FORMULA = re.compile(r"'*[=+\-@\t\r]")
CSV_EXTENSIONS = (".csv",)
JSONL_EXTENSIONS = (".jsonl", ".ndjson")


class ImportFileError(ValueError):
    """The file as a whole cannot be read: wrong extension, encoding or structure."""


@dataclass
class Record:
    """One item's values as written, numbered as the file shows it; `error` when it could not be read."""

    row: int
    values: dict[str, Any]
    columns: frozenset[str]
    error: str | None = None


@dataclass
class Source:
    columns: list[str]
    records: list[Record] = field(default_factory=list)


def protect(cell: str) -> str:
    """A CSV cell a spreadsheet will not run as a formula (see the module's docstring)."""
    return f"'{cell}" if FORMULA.match(cell) else cell


def unprotect(cell: str) -> str:
    """The value `protect` was given: one leading quote less on a protected cell, any other unchanged."""
    return cell[1:] if cell.startswith("'") and FORMULA.match(cell) else cell


def file_format(path: Path) -> str:
    """`csv` or `jsonl`, from the extension; ImportFileError for anything else."""
    suffix = Path(path).suffix.lower()
    if suffix in CSV_EXTENSIONS:
        return "csv"
    if suffix in JSONL_EXTENSIONS:
        return "jsonl"
    raise ImportFileError(f"{Path(path).name}: unknown file type {suffix or '(none)'!r}; use .csv, .jsonl or .ndjson")


def read(path: Path) -> Source:
    """Every record of an import file; ImportFileError when the file itself is unreadable."""
    path = Path(path)
    kind = file_format(path)
    text = _decode(path)
    return _read_csv(text, path.name) if kind == "csv" else _read_jsonl(text)


def _decode(path: Path) -> str:
    try:
        data = path.read_bytes()
    except OSError as error:
        raise ImportFileError(f"{path.name}: cannot be read ({error.strerror or error})") from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise ImportFileError(
            f"{path.name}: is not UTF-8 text (byte 0x{data[error.start]:02x} on line {line}); "
            "save it again as UTF-8 (in a spreadsheet: CSV UTF-8)"
        ) from None


def _read_csv(text: str, name: str) -> Source:
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        raise ImportFileError(f"{name}: contains a NUL character on line {line}; is it really a CSV file?")
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        header = next(reader, None)
        if not header or not any(cell.strip() for cell in header):
            raise ImportFileError(f"{name}: is empty; the first line must name the columns")
        columns = [cell.strip().lower() for cell in header]
        _check_header(columns, name)
        source = Source(columns)
        present = frozenset(column for column in columns if column)
        for number, cells in enumerate(reader, start=2):
            if any(cell.strip() for cell in cells):
                source.records.append(_csv_record(number, columns, cells, present))
    except csv.Error as error:
        raise ImportFileError(f"{name}: is not valid CSV near line {reader.line_num} ({error})") from None
    return source


def _check_header(columns: list[str], name: str) -> None:
    seen: set[str] = set()
    for column in columns:
        if column and column in seen:
            raise ImportFileError(f'{name}: the column "{column}" appears twice in the header')
        seen.add(column)


def _csv_record(number: int, columns: list[str], cells: list[str], present: frozenset[str]) -> Record:
    values = {column: unprotect(cell) for column, cell in zip(columns, cells, strict=False) if column}
    if len(cells) > len(columns) and any(cell.strip() for cell in cells[len(columns) :]):
        error = f"has {len(cells)} values but the header names {len(columns)} columns (a missing quote?)"
        return Record(number, values, present, error)
    return Record(number, values, present)


def _read_jsonl(text: str) -> Source:
    source = Source([])
    known: dict[str, None] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        record = _jsonl_record(number, line)
        known.update(dict.fromkeys(record.values))
        source.records.append(record)
    source.columns = list(known)
    return source


def _jsonl_record(number: int, line: str) -> Record:
    try:
        value = json.loads(line)
    except (json.JSONDecodeError, RecursionError) as error:
        reason = getattr(error, "msg", "too deeply nested")
        column = getattr(error, "colno", None)
        where = f" at column {column}" if column else ""
        return Record(number, {}, frozenset(), f"is not valid JSON ({reason}{where})")
    if not isinstance(value, dict):
        return Record(number, {}, frozenset(), f"must be a JSON object ({{...}}), not {type(value).__name__}")
    values = {str(key).strip().lower(): item for key, item in value.items()}
    return Record(number, values, frozenset(values))


def count_records(path: Path) -> int:
    """How many records the file holds (for progress bars); 0 when it cannot be read."""
    try:
        return len(read(path).records)
    except ImportFileError:
        return 0
