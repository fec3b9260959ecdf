"""Revisions of items: who changed which fields when, with a snapshot to restore any version."""
