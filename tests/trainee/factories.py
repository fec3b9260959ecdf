"""Cohorts and trainees for tests, made with the models directly."""

import secrets
from datetime import date
from io import BytesIO
from itertools import count

from PIL import Image
from sqlalchemy.orm import Session

from app.trainee import photo
from app.trainee.models import Cohort, TraineeProfile
from tests.factories import make_user

_seq = count(1)


def make_cohort(session: Session, **fields) -> Cohort:
    n = next(_seq)
    values = {"slug": f"cohorte-{n}", "name": f"Cohorte {n}", "starts_on": date(2026, 1, 5)} | fields
    values.setdefault("funders", ["Région Grand Est"])
    cohort = Cohort(**values)
    session.add(cohort)
    session.flush()
    return cohort


def with_photo(session: Session, profile: TraineeProfile, settings) -> TraineeProfile:
    """Give the trainee a photo (a small real JPEG)."""
    out = BytesIO()
    Image.new("RGB", (64, 80), (120, 90, 60)).save(out, "JPEG")
    photo.store(session, profile, out.getvalue(), settings)
    return profile


def make_trainee(session: Session, user=None, cohort=None, **fields) -> TraineeProfile:
    """A trainee profile (a new curator account unless `user` is given) in a cohort."""
    user = user or make_user(session, role="curator")
    cohort = cohort or make_cohort(session)
    values = {"starts_on": date(2026, 1, 5), "weekly_hours": 35.0, "languages": ["fr"], "public_choices": {}}
    values |= {"portfolio_key": secrets.token_urlsafe(16)[:22]} | fields
    profile = TraineeProfile(user_id=user.id, cohort_id=cohort.id, **values)
    session.add(profile)
    session.flush()
    return profile
