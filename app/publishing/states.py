"""The states of a publishable record: only PUBLISHED is ever shown to visitors."""

from app.item.kinds import DRAFT, IN_REVIEW, PUBLISHED, STATUS_LABELS, STATUSES, WITHDRAWN

__all__ = ["DRAFT", "IN_REVIEW", "PUBLISHED", "STATUSES", "STATUS_LABELS", "WITHDRAWN"]
