"""A catalog field is declared once, in app/item/fields.py, and everything else derives from it."""

import os
import subprocess
import sys
from pathlib import Path

from app.item import fields
from app.item.models import Item
from app.revision import snapshot
from app.transfer import exporter, rows
from app.workspace import forms, labels
from app.workspace.schemas import ItemCreate

ROOT = Path(__file__).resolve().parents[2]


def test_a_field_added_to_the_registry_is_in_the_form_api_history_export_and_import():
    """The field is added before the app is imported, in a process of its own (tests/extra_field.py)."""
    env = os.environ | {"MUSEUM_TEST_EXTRA_FIELD": "1"}
    env.pop("MUSEUM_TEST_DATABASE_URL", None)
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            "-p",
            "no:cov",
            "tests/item/extra_field_case.py",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-2000:]
    assert "3 passed" in done.stdout


def test_every_field_of_the_registry_has_one_name_in_each_place():
    every = [field.name for field in fields.FIELDS]
    assert len(every) == len(set(every))
    assert set(fields.revisioned()) <= {column.key for column in Item.__table__.columns}
    exported = [field.column for field in fields.FIELDS if field.exported]
    assert set(exported) <= set(exporter.COLUMNS) and set(exported) <= set(rows.COLUMNS)
    api = {field.api for field in fields.FIELDS if field.in_form}
    assert api <= set(ItemCreate.model_fields)
    assert {field.name for field in fields.FIELDS} <= set(labels.FIELD_LABELS)
    assert not set(snapshot.RELATIONS) & set(fields.revisioned())
    assert {field.form for field in fields.FIELDS if field.in_form and not field.multilingual} <= set(
        forms.raw_from_form(_EmptyForm())
    )


class _EmptyForm(dict):
    def getlist(self, _name):
        return []
