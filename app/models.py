"""Imports every domain's models so that the mapper registry and Alembic see all tables."""

from app.account.models import ApiToken, LoginSession, LoginThrottle, PasswordReset, User
from app.agent.models import Agent
from app.audit.models import AuditEvent
from app.collection.models import Collection, CollectionItem, CollectionRevision
from app.contribution.models import Contribution, ContributionFile, ContributionVersion
from app.exhibit.models import Exhibit, ExhibitAgent, ExhibitItem, ExhibitRevision
from app.interview.models import AccessRequest, Cue, IndexSegment, Interview, Redaction
from app.item.models import IdentifierSequence, Item, ItemAgent, ItemSubject
from app.job.models import Job
from app.media.models import Media
from app.oai.models import OaiRecord
from app.place.models import Place
from app.plaque.models import PlaqueVisit
from app.report.models import SiteVisit
from app.revision.models import ItemRevision
from app.subject.models import Subject
from app.task.models import Task, TaskTime, TaskTrust
from app.tour.models import Tour, TourAgent, TourRevision, TourStop
from app.trainee.models import Cohort, CohortSupervisor, TraineeProfile

__all__ = [
    "AccessRequest",
    "Cue",
    "IndexSegment",
    "Interview",
    "Redaction",
    "ApiToken",
    "AuditEvent",
    "LoginSession",
    "LoginThrottle",
    "PasswordReset",
    "User",
    "Agent",
    "Collection",
    "CollectionItem",
    "CollectionRevision",
    "Contribution",
    "Exhibit",
    "ExhibitAgent",
    "ExhibitItem",
    "ExhibitRevision",
    "ContributionFile",
    "ContributionVersion",
    "IdentifierSequence",
    "PlaqueVisit",
    "Item",
    "ItemAgent",
    "ItemSubject",
    "Job",
    "ItemRevision",
    "Media",
    "OaiRecord",
    "Place",
    "Subject",
    "Task",
    "TaskTime",
    "TaskTrust",
    "Cohort",
    "CohortSupervisor",
    "TraineeProfile",
    "SiteVisit",
    "Tour",
    "TourAgent",
    "TourRevision",
    "TourStop",
]
