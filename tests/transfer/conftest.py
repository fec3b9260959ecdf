"""Helpers for import tests: files written into tmp_path, imported with the test's session."""

import csv
import json
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.config import Settings
from app.item.models import Item
from app.transfer.importer import ImportReport, import_file

FIXTURES = Path(__file__).parent.parent / "fixtures"


def write_csv(path: Path, rows: list[dict[str, str]]) -> Path:
    columns = list(dict.fromkeys(column for row in rows for column in row))
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, columns)
        writer.writeheader()
        writer.writerows(rows)
    return path


def write_jsonl(path: Path, rows: list[dict]) -> Path:
    path.write_text("".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows), encoding="utf-8")
    return path


@pytest.fixture
def run_import(session: Session, settings: Settings) -> Callable[..., ImportReport]:
    def run(path: Path, **options) -> ImportReport:
        return import_file(session, path, settings, **options)

    return run


@pytest.fixture
def get_item(session: Session) -> Callable[[str], Item | None]:
    def get(identifier: str) -> Item | None:
        session.expire_all()
        return session.scalars(select(Item).where(Item.identifier == identifier)).first()

    return get
