"""Tests build their database the way production does: `alembic upgrade head`."""

from app.migrate import alembic_config, upgrade

__all__ = ["alembic_config", "upgrade"]
