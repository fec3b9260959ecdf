"""Cohorts and trainee profiles: create, change, find, and forget a trainee on request.

Functions take the session first and never commit. A trainee is an account with the curator role plus a
profile; making one reuses app/account/service.py for the account (no second way of creating accounts).
"""

import secrets

from sqlalchemy import delete, select
from sqlalchemy.orm import Session, selectinload

from app.account import passwords
from app.account import service as account_service
from app.account.models import User
from app.account.roles import ADMIN, CONTRIBUTOR, CURATOR, REVIEWERS, SUPERVISOR
from app.account.service import AccountError
from app.audit import service as audit
from app.i18n import gettext as _
from app.trainee import erasure
from app.trainee.models import Cohort, CohortSupervisor, TraineeProfile

PROFILE_FIELDS = (
    "starts_on",
    "ends_on",
    "weekly_hours",
    "languages",
    "public_name",
    "origin",
    "gender",
    "outcome",
    "outcome_on",
    "outcome_note",
)
# What the trainee may change on their own page; the follow-up block, origin, gender and hours are not theirs.
OWN_FIELDS = ("languages", "public_name")


class SlugTaken(ValueError):
    """Another cohort already has this slug."""


def cohorts(session: Session) -> list[Cohort]:
    """Every cohort, newest first, with its supervisors and trainees."""
    query = select(Cohort).options(selectinload(Cohort.supervisors), selectinload(Cohort.trainees))
    return list(session.scalars(query.order_by(Cohort.starts_on.desc(), Cohort.name)).all())


def cohort_by_slug(session: Session, slug: str) -> Cohort | None:
    """The cohort with its supervisors and its trainees' accounts."""
    query = select(Cohort).where(Cohort.slug == slug)
    options = (selectinload(Cohort.supervisors), selectinload(Cohort.trainees).selectinload(TraineeProfile.user))
    return session.scalars(query.options(*options)).first()


def supervisor_choices(session: Session) -> list[User]:
    """The active accounts that may supervise a cohort (supervisors and administrators)."""
    query = select(User).where(User.role.in_(REVIEWERS), User.active.is_(True)).order_by(User.display_name)
    return list(session.scalars(query).all())


def create_cohort(session: Session, values: dict, actor: User | None = None) -> Cohort:
    """A new cohort; SlugTaken when its slug is used already."""
    if session.scalar(select(Cohort.id).where(Cohort.slug == values["slug"])) is not None:
        raise SlugTaken(values["slug"])
    cohort = Cohort(slug=values["slug"])
    session.add(cohort)
    update_cohort(session, cohort, values)
    audit.record(session, "cohort.create", actor=actor, target=cohort)
    return cohort


def update_cohort(session: Session, cohort: Cohort, values: dict) -> None:
    """Set the cohort's name, dates, funders and supervisors (ids among `supervisor_choices`)."""
    cohort.name, cohort.starts_on, cohort.ends_on = values["name"], values["starts_on"], values["ends_on"]
    cohort.funders = list(values["funders"])
    session.flush()
    session.execute(delete(CohortSupervisor).where(CohortSupervisor.cohort_id == cohort.id))
    allowed = {user.id for user in supervisor_choices(session)}
    for user_id in sorted(set(values.get("supervisors", ())) & allowed):
        session.add(CohortSupervisor(cohort_id=cohort.id, user_id=user_id))
    session.flush()
    session.expire(cohort, ["supervisors"])


def profile_of(session: Session, user_id: int | None) -> TraineeProfile | None:
    """The trainee profile of an account (None for an account that is not a trainee), loaded afresh."""
    if user_id is None:
        return None
    query = select(TraineeProfile).where(TraineeProfile.user_id == user_id)
    return session.scalars(query.options(*_loaded()).execution_options(populate_existing=True)).first()


def get_profile(session: Session, profile_id: int) -> TraineeProfile | None:
    """A profile (forgotten ones included) with its account and cohort."""
    query = select(TraineeProfile).where(TraineeProfile.id == profile_id)
    return session.scalars(query.options(*_loaded()).execution_options(populate_existing=True)).first()


def _loaded():
    return (
        selectinload(TraineeProfile.user),
        selectinload(TraineeProfile.cohort),
    )


def active_trainees(session: Session, cohort_id: int | None = None) -> list[TraineeProfile]:
    """The trainees not forgotten, of one cohort or all, by cohort then login name."""
    query = (
        select(TraineeProfile)
        .join(User, TraineeProfile.user_id == User.id)
        .where(TraineeProfile.forgotten_at.is_(None))
        .options(*_loaded())
    )
    if cohort_id is not None:
        query = query.where(TraineeProfile.cohort_id == cohort_id)
    return list(session.scalars(query.order_by(TraineeProfile.cohort_id, User.name)).all())


def trainee_account(
    session: Session,
    account: dict,
    *,
    actor: User | None = None,
    address: str | None = None,
) -> tuple[User, bool]:
    """The account a new trainee profile belongs to, and whether it was just created.

    `account` is {"existing": name} or {"name", "display_name", "email"} for a new account (which gets no
    password: the caller gives out a reset link). AccountError when the account cannot be a trainee.
    """
    if account.get("existing"):
        return _existing_account(session, account["existing"], actor, address), False
    user = account_service.create(
        session,
        account.get("name", ""),
        CURATOR,
        passwords.generate(),
        display_name=account.get("display_name"),
        email=account.get("email"),
        actor=actor,
        address=address,
    )
    return user, True


def _existing_account(session: Session, name: str, actor: User | None, address: str | None) -> User:
    user = account_service.get_by_name(session, name)
    if user is None:
        raise AccountError(_("There is no account named “{name}”.").format(name=name), "existing")
    if user.role in (ADMIN, SUPERVISOR):
        raise AccountError(
            _("“{name}” is a supervisor or an administrator account: a trainee needs an account of their own.").format(
                name=user.name
            ),
            "existing",
        )
    if profile_of(session, user.id) is not None:
        raise AccountError(_("“{name}” is a trainee already.").format(name=user.name), "existing")
    if user.role == CONTRIBUTOR:
        account_service.set_role(session, user, CURATOR, actor=actor, address=address)
    return user


def create_profile(
    session: Session, user: User, cohort: Cohort, values: dict, actor: User | None = None
) -> TraineeProfile:
    """The trainee profile of `user` in `cohort`, with a random permanent portfolio key."""
    profile = TraineeProfile(
        user_id=user.id,
        cohort_id=cohort.id,
        portfolio_key=secrets.token_urlsafe(16)[:22],
        public_choices={},
    )
    session.add(profile)
    update_profile(session, profile, values)
    audit.record(session, "trainee.create", actor=actor, target=profile, target_type="trainee_profile")
    return profile


def update_profile(session: Session, profile: TraineeProfile, values: dict, fields=PROFILE_FIELDS) -> None:
    """Set the profile's `fields` present in `values` (a trainee's own page passes OWN_FIELDS)."""
    for name in fields:
        if name in values:
            setattr(profile, name, values[name])
    if "cohort_id" in values and fields is PROFILE_FIELDS:
        profile.cohort_id = values["cohort_id"]
    session.flush()


def forget(session: Session, profile: TraineeProfile, actor: User | None = None, address: str | None = None) -> None:
    """Erase the trainee's personal data and account, keeping the anonymous counts (hours, tasks, outcome)."""
    erasure.erase(session, profile)
    audit.record(
        session,
        "trainee.forget",
        actor=actor,
        target_type="trainee_profile",
        details={"profile": profile.id},
        address=address,
    )
