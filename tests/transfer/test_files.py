"""Hostile and broken files: a clear error for an unreadable file, a rejected row for a bad row, never a traceback."""

import json
import random

import pytest
from sqlalchemy import func, select

from app.item.models import Item
from app.transfer.files import ImportFileError
from tests.transfer.conftest import write_csv, write_jsonl

HEADER = b"identifier,kind,title\n"


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("items.csv", HEADER + "A,object,Café\n".encode("latin-1"), "is not UTF-8 text (byte 0xe9 on line 2)"),
        ("items.csv", "identifier,kind,title\nA,object,Pot\n".encode("utf-16"), "is not UTF-8 text"),
        ("items.jsonl", '{"title": "Café"}\n'.encode("cp1252"), "is not UTF-8 text (byte 0xe9 on line 1)"),
        ("items.csv", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "is not UTF-8 text"),
        ("items.csv", HEADER + b"A,object,P\x00t\n", "contains a NUL character on line 2"),
        ("items.csv", b"", "is empty"),
        ("items.csv", b"\n\n", "is empty"),
        ("items.csv", b"identifier,kind\nA,object\n", 'the header has no "title" column'),
        ("items.csv", b"identifier,kind,title,Title\nA,object,x,y\n", 'the column "title" appears twice'),
        ("items.csv", HEADER + b'A,object,"never closed\n', "is not valid CSV"),
        ("items.csv", HEADER + b"A,object," + b"x" * 200_000 + b"\n", "is not valid CSV"),
        ("items.xlsx", b"PK\x03\x04", "unknown file type '.xlsx'"),
        ("items", HEADER, "unknown file type '(none)'"),
    ],
)
def test_unreadable_file_is_one_clear_error(tmp_path, run_import, name, content, message):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(ImportFileError) as raised:
        run_import(path)
    assert message in str(raised.value)
    assert str(raised.value).startswith(name)


def test_missing_file_and_folder_are_clear_errors(tmp_path, run_import):
    (tmp_path / "folder.csv").mkdir()
    for path in (tmp_path / "nothing.csv", tmp_path / "folder.csv"):
        with pytest.raises(ImportFileError, match="cannot be read"):
            run_import(path)


def test_bom_and_blank_lines_and_short_rows_are_accepted(tmp_path, run_import):
    path = tmp_path / "items.csv"
    text = "\ufeffIdentifier, Kind ,TITLE,date\r\nA,object,Pot\r\n,,,\r\n\r\nB,object,Lampe,1930\r\n"
    path.write_bytes(text.encode())
    report = run_import(path)
    assert (report.created, report.rejected) == (2, [])


def test_row_with_too_many_values_is_rejected(tmp_path, run_import):
    path = tmp_path / "items.csv"
    path.write_bytes(HEADER + b"A,object,Pot,extra\n")
    [error] = run_import(path).rejected
    assert error.message == "has 4 values but the header names 3 columns (a missing quote?)"


HOSTILE = [
    "",
    " ",
    "\x01",
    "\u202eevil",
    "a" * 100_000,
    "😀🏭",
    "=cmd|' /C calc'!A0",
    "<script>alert(1)</script>",
    "NaN",
    "inf",
    "-0",
    "1e309",
    "0x10",
    "null",
    "[]",
    "{}",
    "'; DROP TABLE items; --",
    "../../etc/passwd",
    "/etc/passwd",
    "/dev/zero",
    "C:\\Windows\\win.ini",
    "\r\n",
    '"',
    "||||",
    "1.5.6",
    "   9999   ",
    "\ufeff",
    "Ω" * 300,
    "-91",
    "181",
    "2e moitié 99e siècle",
    "XIXe XIXe XIXe",
    "0:99:99",
    "31/02/1991",
    "9999-99-99",
    "building",
    "artwork",
    "CC BY 4.0",
    "published",
    "true",
]
COLUMNS = [
    "identifier",
    "kind",
    "title",
    "latitude",
    "longitude",
    "date",
    "creator",
    "media",
    "transcript",
    "rights",
    "collection",
    "duration",
    "recording_date",
    "status",
    "featured",
    "language",
    "place",
    "subjects",
    "title_de",
    "description",
    "merimee_reference",
]


def _hostile_rows(seed: int, count: int) -> list[dict[str, str]]:
    chance = random.Random(seed)
    rows = []
    for number in range(count):
        row = {"identifier": f"H{number}", "kind": "object", "title": "Objet"}
        for column in chance.sample(COLUMNS, 4):
            row[column] = chance.choice(HOSTILE)
        rows.append(row)
    return rows


def test_a_hundred_hostile_csv_rows_are_imported_or_rejected_never_crash(tmp_path, run_import, session):
    rows = _hostile_rows(54190, 100)
    report = run_import(write_csv(tmp_path / "items.csv", rows))
    assert report.created + len(report.rejected) == 100
    assert all(error.message and error.row >= 2 for error in report.rejected)
    assert session.scalar(select(func.count()).select_from(Item)) == report.created
    again = run_import(write_csv(tmp_path / "items.csv", rows))
    assert (again.created, again.updated, again.unchanged) == (0, 0, report.created)


JSON_VALUES = [
    None,
    True,
    0,
    -1,
    1.5,
    10**30,
    float("nan"),
    [],
    ["a", ["nested"]],
    {"a": 1},
    [None, 1, True],
    "x" * 70,
    ["||"],
    [""],
    "😀",
]


def test_a_hundred_hostile_jsonl_rows_are_imported_or_rejected_never_crash(tmp_path, run_import):
    chance = random.Random(57390)
    rows = []
    for number in range(100):
        row = {"identifier": f"J{number}", "kind": "object", "title": "Objet"}
        for column in chance.sample(COLUMNS, 3):
            row[column] = chance.choice([*JSON_VALUES, *HOSTILE[:10], "\x00"])
        rows.append(row)
    path = write_jsonl(tmp_path / "items.jsonl", rows)
    with path.open("a", encoding="utf-8") as f:
        f.write("[" * 100_000 + "\n" + json.dumps("just a string") + "\n")
    report = run_import(path)
    assert report.created + len(report.rejected) == 102
