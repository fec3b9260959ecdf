"""Rendering the cohort and trainee pages of the workspace (the views parse input and call these)."""

from fastapi import Request
from sqlalchemy.orm import Session

from app.i18n import lazy_gettext as _l
from app.trainee import forms
from app.trainee import service as trainee_service
from app.trainee.models import Cohort, TraineeProfile
from app.web.render import render

NOTICES = {
    "created": _l("The cohort has been created."),
    "saved": _l("Your changes have been saved."),
    "trainee": _l("The trainee has been added to the cohort."),
    "photo": _l("The photo has been changed."),
    "photo_removed": _l("The photo has been removed."),
}
EMPTY_PROFILE = {"account": "new", "weekly_hours": "35", "languages": ["fr"], "other_languages": "", "outcome_note": ""}


def cohort_list(request: Request, session: Session):
    """Every cohort with its dates, funders and number of trainees."""
    return render(request, "trainees/cohorts.html", {"cohorts": trainee_service.cohorts(session)})


def cohort_form(request: Request, session: Session, cohort: Cohort | None, raw: dict, errors=None, status=200):
    """The form of a new cohort (`cohort` None) or of an existing one."""
    context = {
        "cohort": cohort,
        "raw": raw,
        "errors": errors or {},
        "supervisors": trainee_service.supervisor_choices(session),
    }
    return render(request, "trainees/cohort_form.html", context, status_code=status)


def cohort_page(request: Request, cohort: Cohort, done: str = ""):
    """The cohort's trainees, with links to their profiles."""
    trainees = sorted(cohort.trainees, key=lambda profile: (profile.forgotten_at is not None, profile.id))
    context = {"cohort": cohort, "trainees": trainees, "notice": NOTICES.get(done)}
    return render(request, "trainees/cohort.html", context)


def _choices() -> dict:
    return {
        "language_choices": forms.LANGUAGE_CHOICES,
        "genders": forms.GENDERS,
        "origins": forms.ORIGIN_LABELS,
        "outcomes": forms.OUTCOME_LABELS,
    }


def profile_form(
    request: Request,
    session: Session,
    profile: TraineeProfile | None,
    raw: dict,
    errors=None,
    *,
    link: dict | None = None,
    done: str = "",
    status: int = 200,
):
    """The trainee form: a new trainee (`profile` None) or every field of an existing one."""
    context = _choices() | {
        "profile": profile,
        "raw": raw,
        "errors": errors or {},
        "cohorts": trainee_service.cohorts(session),
        "link": link,
        "notice": NOTICES.get(done),
    }
    return render(request, "trainees/trainee_form.html", context, status_code=status)


def own_page(request: Request, profile: TraineeProfile | None, raw: dict, errors=None, *, done="", status=200):
    """A trainee's own profile: languages, public name and photo only."""
    context = _choices() | {"profile": profile, "raw": raw, "errors": errors or {}, "notice": NOTICES.get(done)}
    return render(request, "trainees/mine.html", context, status_code=status)
