"""The workspace's cohort and trainee pages (supervisors and administrators), and a trainee's own profile page."""

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import RedirectResponse, Response
from sqlalchemy.orm import Session
from starlette.datastructures import UploadFile

from app.account import resets
from app.account.identity import IdentityDep, client_address
from app.account.service import AccountError
from app.db import release
from app.i18n import gettext as _
from app.media import uploads
from app.media.store import serving
from app.trainee import forms, pages, photo
from app.trainee import service as trainee_service
from app.web.deps import FormDep, SessionDep

router = APIRouter(prefix="/workspace", include_in_schema=False)
EMPTY_COHORT = {"name": "", "slug": "", "starts_on": "", "ends_on": "", "funders": "", "supervisors": []}


def cohort_or_404(session: Session, slug: str):
    cohort = trainee_service.cohort_by_slug(session, slug)
    if cohort is None:
        raise HTTPException(404, _("There is no cohort “{slug}”.").format(slug=slug))
    return cohort


def profile_or_404(session: Session, profile_id: int):
    # An id no database integer can hold names no trainee (SQLite would refuse to compare it).
    profile = trainee_service.get_profile(session, profile_id) if 0 < profile_id < 2**63 else None
    if profile is None or profile.forgotten_at is not None or profile.user is None:
        raise HTTPException(404, _("There is no such trainee."))
    return profile


def redirect(request: Request, route: str, done: str, **params) -> RedirectResponse:
    return RedirectResponse(request.url_for(route, **params).include_query_params(done=done), 303)


@router.get("/cohorts", name="trainee.cohorts")
def cohort_list(request: Request, session: SessionDep):
    """Every programme cohort, with its dates, funders and trainees."""
    return pages.cohort_list(request, session)


@router.get("/cohorts/new", name="trainee.cohort_new")
def new_cohort(request: Request, session: SessionDep):
    """An empty cohort form."""
    return pages.cohort_form(request, session, None, EMPTY_COHORT)


@router.post("/cohorts", name="trainee.cohort_create")
def create_cohort(request: Request, session: SessionDep, identity: IdentityDep, form: FormDep):
    """Create a cohort; the same form with messages next to the fields when it is wrong."""
    raw = forms.raw_cohort(form)
    checked = forms.validate_cohort(raw, new=True)
    if checked.errors:
        return pages.cohort_form(request, session, None, raw, checked.errors, status=422)
    try:
        cohort = trainee_service.create_cohort(session, checked.values, identity.user)
    except trainee_service.SlugTaken:
        errors = {"slug": _("Another cohort already has this address.")}
        return pages.cohort_form(request, session, None, raw, errors, status=422)
    return redirect(request, "trainee.cohort", "created", slug=cohort.slug)


@router.get("/cohorts/{slug}", name="trainee.cohort")
def cohort_page(request: Request, session: SessionDep, slug: str, done: str = ""):
    """The cohort's trainees, with links to their profiles."""
    return pages.cohort_page(request, cohort_or_404(session, slug), done)


@router.get("/cohorts/{slug}/edit", name="trainee.cohort_edit")
def edit_cohort(request: Request, session: SessionDep, slug: str):
    """The cohort's form."""
    cohort = cohort_or_404(session, slug)
    return pages.cohort_form(request, session, cohort, forms.raw_from_cohort(cohort))


@router.post("/cohorts/{slug}/edit", name="trainee.cohort_update")
def update_cohort(request: Request, session: SessionDep, slug: str, form: FormDep):
    """Save the cohort's name, dates, funders and supervisors (its address stays)."""
    cohort = cohort_or_404(session, slug)
    raw = forms.raw_cohort(form) | {"slug": cohort.slug}
    checked = forms.validate_cohort(raw, new=False)
    if checked.errors:
        return pages.cohort_form(request, session, cohort, raw, checked.errors, status=422)
    trainee_service.update_cohort(session, cohort, checked.values)
    return redirect(request, "trainee.cohort", "saved", slug=cohort.slug)


@router.get("/trainees/new", name="trainee.new")
def new_trainee(request: Request, session: SessionDep, cohort: str = ""):
    """An empty trainee form, in the cohort named by `?cohort=` when there is one."""
    return pages.profile_form(request, session, None, pages.EMPTY_PROFILE | {"cohort": cohort[:100]})


@router.post("/trainees", name="trainee.create")
def create_trainee(request: Request, session: SessionDep, identity: IdentityDep, form: FormDep):
    """Make an account (or take an existing one) a trainee of a cohort; a new account's password link is shown."""
    raw = forms.raw_profile(form)
    checked = forms.validate_profile(raw)
    account, account_errors = forms.validate_account(raw)
    cohort = trainee_service.cohort_by_slug(session, raw["cohort"])
    errors = checked.errors | account_errors | ({} if cohort else {"cohort": _("Choose the trainee's cohort.")})
    if errors or cohort is None:
        return pages.profile_form(request, session, None, raw, errors, status=422)
    address = client_address(request)
    try:
        user, new = trainee_service.trainee_account(session, account, actor=identity.user, address=address)
    except AccountError as error:
        field = "name" if error.field == "password" else error.field or "existing"
        return pages.profile_form(request, session, None, raw, {field: str(error)}, status=422)
    profile = trainee_service.create_profile(session, user, cohort, checked.values, identity.user)
    if not new:
        return redirect(request, "trainee.edit", "trainee", profile_id=profile.id)
    link = resets.create(session, user, request.app.state.settings, actor=identity.user, address=address)
    url = link.url(request.app.state.settings.public_base_url or str(request.base_url))
    shown = trainee_service.get_profile(session, profile.id) or profile
    raw = forms.raw_from_profile(shown)
    return pages.profile_form(request, session, shown, raw, link={"user": user, "url": url}, status=201)


@router.get("/trainees/{profile_id}", name="trainee.edit")
def edit_trainee(request: Request, session: SessionDep, profile_id: int, done: str = ""):
    """Every field of a trainee's profile, the follow-up block included."""
    profile = profile_or_404(session, profile_id)
    return pages.profile_form(request, session, profile, forms.raw_from_profile(profile), done=done)


@router.post("/trainees/{profile_id}", name="trainee.update")
def update_trainee(request: Request, session: SessionDep, profile_id: int, form: FormDep):
    """Save a trainee's profile (its cohort may change; its account stays)."""
    profile = profile_or_404(session, profile_id)
    raw = forms.raw_profile(form)
    checked = forms.validate_profile(raw)
    cohort = trainee_service.cohort_by_slug(session, raw["cohort"])
    errors = checked.errors | ({} if cohort else {"cohort": _("Choose the trainee's cohort.")})
    if errors or cohort is None:
        return pages.profile_form(request, session, profile, raw, errors, status=422)
    trainee_service.update_profile(session, profile, checked.values | {"cohort_id": cohort.id})
    return redirect(request, "trainee.edit", "saved", profile_id=profile.id)


@router.get("/me/trainee", name="trainee.mine")
def my_profile(request: Request, session: SessionDep, identity: IdentityDep, done: str = ""):
    """The logged-in trainee's own profile: languages, public name, photo."""
    profile = trainee_service.profile_of(session, identity.user.id if identity.user else None)
    raw = forms.raw_from_profile(profile) if profile else {}
    return pages.own_page(request, profile, raw, done=done)


def own_or_404(session: Session, identity):
    profile = trainee_service.profile_of(session, identity.user.id if identity.user else None)
    if profile is None:
        raise HTTPException(404, _("Your account has no trainee profile."))
    return profile


@router.post("/me/trainee", name="trainee.mine_update")
def update_my_profile(request: Request, session: SessionDep, identity: IdentityDep, form: FormDep):
    """Save the trainee's languages and public name; any other field sent is ignored."""
    profile = own_or_404(session, identity)
    raw = forms.raw_profile(form)
    checked = forms.validate_own(raw)
    if checked.errors:
        return pages.own_page(request, profile, forms.raw_from_profile(profile) | raw, checked.errors, status=422)
    trainee_service.update_profile(session, profile, checked.values, fields=trainee_service.OWN_FIELDS)
    return redirect(request, "trainee.mine", "saved")


@router.post("/me/trainee/photo", name="trainee.mine_photo")
def change_my_photo(request: Request, session: SessionDep, identity: IdentityDep, form: FormDep):
    """Upload a photo (made small, without its metadata) or remove the present one."""
    profile = own_or_404(session, identity)
    if form.get("action") == "remove":
        photo.remove(session, profile)
        return redirect(request, "trainee.mine", "photo_removed")
    upload = form.get("photo")
    if not isinstance(upload, UploadFile) or not upload.filename:
        return _photo_refused(request, session, identity, _("Choose an image first."))
    settings = request.app.state.settings
    release(session)  # the image is checked and decoded with no transaction open
    try:
        with uploads.received(upload, settings) as path:
            jpeg = photo.prepare(path, settings, upload.filename)
    except (photo.NotAPhoto, uploads.TooLarge) as refused:
        return _photo_refused(request, session, identity, str(refused))
    photo.store(session, own_or_404(session, identity), jpeg, settings)
    return redirect(request, "trainee.mine", "photo")


@router.get("/me/trainee/photo.jpg", name="trainee.mine_photo_file")
def my_photo(request: Request, session: SessionDep, identity: IdentityDep):
    """The trainee's own photo."""
    return photo_response(request, photo.file_of(own_or_404(session, identity), request.app.state.settings))


@router.get("/trainees/{profile_id}/photo.jpg", name="trainee.photo")
def trainee_photo(request: Request, session: SessionDep, profile_id: int):
    """A trainee's photo, for supervisors."""
    return photo_response(request, photo.file_of(profile_or_404(session, profile_id), request.app.state.settings))


def photo_response(request: Request, key: str | None) -> Response:
    if key is None:
        raise HTTPException(404, _("There is no photo."))
    return serving.respond(request, key, {"Cache-Control": "private, no-cache"}, "image/jpeg")


def _photo_refused(request: Request, session: Session, identity, message: str):
    profile = own_or_404(session, identity)
    return pages.own_page(request, profile, forms.raw_from_profile(profile), {"photo": message}, status=422)
