"""Running the Alembic migrations from the application (``museum init``)."""

from alembic import command
from alembic.config import Config

from app.config import ROOT


def alembic_config(url: str) -> Config:
    """The project's Alembic config pointed at `url`."""
    config = Config(str(ROOT / "alembic.ini"))
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    config.attributes["configure_logger"] = False
    return config


def upgrade(url: str) -> None:
    """Create the database or bring it to the latest schema."""
    command.upgrade(alembic_config(url), "head")
