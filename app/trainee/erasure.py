"""Forgetting a trainee: every personal field of the profile and the account is erased, the counts stay.

The profile row stays (its hours, tasks and exit outcome still count in the funders' report), with no way back to
the person: the account keeps only a neutral name, cannot log in, and its sessions, tokens and links are gone.
"""

import secrets

from sqlalchemy import delete, update
from sqlalchemy.orm import Session

from app.account import passwords
from app.account.models import ApiToken, LoginSession, LoginThrottle, PasswordReset, User
from app.audit.models import AuditEvent
from app.clock import utcnow
from app.i18n import gettext as _
from app.task.models import TaskTime
from app.trainee import photo
from app.trainee.models import TraineeProfile

PERSONAL = ("public_name", "origin", "gender", "outcome_on", "outcome_note")


def erase(session: Session, profile: TraineeProfile) -> None:
    """Empty the profile's personal fields and erase its account (see the module's docstring)."""
    user = session.get(User, profile.user_id) if profile.user_id is not None else None
    photo.remove(session, profile)
    for name in PERSONAL:
        setattr(profile, name, None)
    profile.languages = []
    profile.public_choices = {}
    profile.forgotten_at = utcnow()
    if user is not None:
        _keep_hours(session, profile, user)
        _erase_account(session, profile, user)
    profile.user_id = None
    session.flush()


def _keep_hours(session: Session, profile: TraineeProfile, user: User) -> None:
    """Every time entry of the account names the profile, so its hours still count once the account is erased."""
    session.execute(
        update(TaskTime)
        .where(TaskTime.user_id == user.id, TaskTime.profile_id.is_(None))
        .values(profile_id=profile.id)
        .execution_options(synchronize_session=False)
    )


def _erase_account(session: Session, profile: TraineeProfile, user: User) -> None:
    old_name = user.name
    user.name = f"forgotten-{profile.id}"
    user.display_name = _("Former trainee no. {number}").format(number=profile.id)
    user.email = None
    # A password nobody knows: the hash of random bytes thrown away at once.
    user.password_hash = passwords.hash_password(secrets.token_urlsafe(32))
    user.active = False
    for model in (LoginSession, ApiToken, PasswordReset):
        session.execute(delete(model).where(model.user_id == user.id).execution_options(synchronize_session=False))
    session.execute(delete(LoginThrottle).where(LoginThrottle.scope == "name", LoginThrottle.key == old_name))
    # The audit log keeps what happened, not who it was: the old login name goes from its rows.
    session.execute(
        update(AuditEvent)
        .where(AuditEvent.actor_id == user.id)
        .values(actor_name=user.name)
        .execution_options(synchronize_session=False)
    )
    session.execute(
        update(AuditEvent)
        .where(AuditEvent.target_type == "user", AuditEvent.target_id == str(user.id))
        .values(target_label=user.name)
        .execution_options(synchronize_session=False)
    )
    session.execute(
        update(AuditEvent)
        .where(AuditEvent.actor_name == old_name, AuditEvent.actor_id.is_(None))
        .values(actor_name=user.name)
        .execution_options(synchronize_session=False)
    )
