"""Imports every domain's models so that the mapper registry and Alembic see all tables."""

from app.agent.models import Agent
from app.collection.models import Collection, CollectionItem
from app.interview.models import TranscriptSegment
from app.item.models import Item, ItemAgent, ItemSubject
from app.job.models import Job
from app.media.models import Media
from app.place.models import Place
from app.subject.models import Subject

__all__ = [
    "Agent", "Collection", "CollectionItem", "Item", "ItemAgent", "ItemSubject", "Job",
    "Media", "Place", "Subject", "TranscriptSegment",
]
