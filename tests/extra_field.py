"""A catalog field added to the registry, for tests/item/extra_field_case.py (which runs in its own process).

`tests/conftest.py` calls `register` before the app is imported when MUSEUM_TEST_EXTRA_FIELD is set: the
registry is read when the modules deriving from it are imported, as a new field would be in production.
"""

from sqlalchemy import String
from sqlalchemy.orm import mapped_column

NAME, LABEL, LIMIT = "inventory_number", "Inventory number", 40


def register() -> None:
    """Declare the field once (its column in the model stands for the migration a real field comes with)."""
    from app.item import fields
    from app.item.models import Item

    fields.FIELDS.append(fields.Field(NAME, LABEL, fields.TEXT, limit=LIMIT))
    Item.inventory_number = mapped_column(String(LIMIT))


def add_column(connection) -> None:
    """The field's column in the migrated test database."""
    connection.exec_driver_sql(f"ALTER TABLE items ADD COLUMN {NAME} VARCHAR({LIMIT})")
