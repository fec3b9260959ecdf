"""The supervisors' task pages: a new task, trust per task type, hours per trainee and week, the competence
mapping."""

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse
from sqlalchemy import select

from app.account.identity import IdentityDep
from app.account.models import User
from app.account.roles import CURATOR
from app.clock import utcnow
from app.collection.models import Collection
from app.config import CONTENT_LANGUAGES
from app.i18n import gettext as _
from app.task import competences, forms, page, review, service, times
from app.task.types import TASK_TYPES
from app.trainee.models import Cohort
from app.web.deps import FormDep, SessionDep
from app.web.render import render

router = APIRouter(prefix="/workspace/tasks", include_in_schema=False)


@router.get("/new", name="task.new")
def new(request: Request, session: SessionDep):
    """The form of a task a supervisor asks for."""
    return _form(request, session, dict.fromkeys(forms.FIELDS, "") | {"difficulty": "1"})


@router.post("/new", name="task.create")
def create(request: Request, session: SessionDep, identity: IdentityDep, form: FormDep):
    """Put the task on the board; the same form with messages when it is wrong."""
    raw = forms.raw_from_form(form)
    checked = forms.validate(session, raw)
    if checked.errors:
        return _form(request, session, raw, checked.errors, status=422)
    task = service.create(session, checked.values, identity.user)
    return RedirectResponse(request.url_for("task.detail", task_id=task.id).include_query_params(done="created"), 303)


def _form(request: Request, session, raw: dict, errors: dict | None = None, status: int = 200):
    context = page.common() | {
        "raw": raw,
        "errors": errors or {},
        "collections": session.execute(select(Collection.slug).order_by(Collection.slug)).scalars().all(),
        "content_languages": CONTENT_LANGUAGES,
    }
    return render(request, "tasks/new.html", context, status_code=status)


@router.get("/trust", name="task.trust")
def trust(request: Request, session: SessionDep):
    """Who is trusted with which task type, and a form to trust a curator with one."""
    return _trust_page(request, session)


def _trust_page(request: Request, session, errors: dict | None = None, status: int = 200):
    users = {u.id: u for u in session.scalars(select(User).where(User.active.is_(True)).order_by(User.display_name))}
    context = page.common() | {
        "trusts": [(users.get(t.user_id), t) for t in review.trusts(session)],
        "curators": [u for u in users.values() if u.role == CURATOR],
        "errors": errors or {},
        "done": request.query_params.get("done", ""),
    }
    return render(request, "tasks/trust.html", context, status_code=status)


@router.post("/trust", name="task.trust_grant")
def trust_grant(request: Request, session: SessionDep, identity: IdentityDep, form: FormDep):
    """Trust a curator with a task type: their submissions of it are then reviewed by sample."""
    user_id, kind = str(form.get("user", "")), str(form.get("type", ""))
    user = session.get(User, int(user_id)) if user_id.isdigit() and len(user_id) < 10 else None
    if user is None or user.role != CURATOR or kind not in TASK_TYPES:
        return _trust_page(request, session, {"trust": _("Choose a curator and a task type.")}, status=422)
    review.trust(session, user.id, kind, identity.user)
    return RedirectResponse(request.url_for("task.trust").include_query_params(done="trusted"), 303)


@router.post("/trust/remove", name="task.trust_remove")
def trust_remove(request: Request, session: SessionDep, form: FormDep):
    """Review every submission of this type by this trainee again."""
    user_id, kind = str(form.get("user", "")), str(form.get("type", ""))
    if user_id.isdigit() and len(user_id) < 10:
        review.distrust(session, int(user_id), kind)
    return RedirectResponse(request.url_for("task.trust").include_query_params(done="removed"), 303)


@router.get("/hours", name="task.hours")
def hours(request: Request, session: SessionDep, cohort: str = "", week: str = ""):
    """Hours logged per trainee of a cohort in an ISO week, against each contract's weekly hours."""
    cohorts = list(session.scalars(select(Cohort).order_by(Cohort.starts_on.desc(), Cohort.slug)))
    chosen = next((c for c in cohorts if c.slug == cohort), cohorts[0] if cohorts and not cohort else None)
    monday = times.parse_week(week) if week else times.parse_week(times.week_of(utcnow().date()))
    errors = {}
    if cohort and chosen is None:
        errors["cohort"] = _("Choose one of the options.")
    if monday is None:
        errors["week"] = _("Type a week such as 2026-W49.")
    rows = times.week_hours(session, chosen.id, monday) if chosen and monday else []
    context = {
        "cohorts": cohorts,
        "chosen": chosen,
        "week": week or (times.week_of(monday) if monday else ""),
        "rows": rows,
        "errors": errors,
    }
    return render(request, "tasks/hours.html", context, status_code=422 if errors else 200)


@router.get("/competences", name="task.competences")
def competence_mapping(request: Request, session: SessionDep):
    """The competences each task type shows, and the mapping's TOML text to adjust."""
    return _competences(request, session, competences.current_text(session))


@router.post("/competences", name="task.competences_save")
def competences_save(request: Request, session: SessionDep, identity: IdentityDep, form: FormDep):
    """Use an adjusted mapping; the same text with what is wrong when it cannot be used (nothing is lost)."""
    text = str(form.get("mapping", ""))
    try:
        competences.save(session, text, identity.user)
    except competences.MappingError as error:
        return _competences(request, session, text, _("This mapping cannot be used: {error}").format(error=error), 422)
    return RedirectResponse(request.url_for("task.competences").include_query_params(done="saved"), 303)


def _competences(request: Request, session, text: str, error: str = "", status: int = 200):
    context = page.common() | {
        "mapping": competences.current(session),
        "text": text,
        "error": error,
        "done": request.query_params.get("done", ""),
    }
    return render(request, "tasks/competences.html", context, status_code=status)
