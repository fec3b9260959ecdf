"""Backups that are proven: BagIt bags of the database, the media originals and the settings (no secrets)."""
