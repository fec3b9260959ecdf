"""Open Badges 3.0 at the museum: the issuer's profile and public keys (public), a trainee's badge downloads,
and verification of a pasted credential (a page with a form, answering HTML or JSON)."""

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import JSONResponse

from app.i18n import gettext as _
from app.portfolio import badges, keys, service
from app.portfolio.badges import NoPublicName, Site
from app.web.deps import FormDep, SessionDep
from app.web.render import render

router = APIRouter()

JSON_LD = "application/ld+json"
# A pasted credential is a few kilobytes; anything much larger is not one.
MAX_CREDENTIAL = 64_000


@router.get("/credentials/issuer", name="portfolio.issuer", include_in_schema=False)
def issuer(request: Request):
    """The museum as an Open Badges issuer (Profile, JSON-LD)."""
    return JSONResponse(badges.issuer_profile(site_of(request)), media_type=JSON_LD)


@router.get("/credentials/keys", name="portfolio.keys", include_in_schema=False)
def key_set(request: Request):
    """The public key that signs the museum's credentials, as a JWK Set."""
    jwk = keys.public_jwk(request.app.state.settings, site_of(request).keys)
    return JSONResponse({"keys": [jwk]}, headers={"cache-control": "public, max-age=3600"})


@router.get("/workspace/portfolio/badges/{competence_id}.json", name="portfolio.badge", include_in_schema=False)
def badge(request: Request, session: SessionDep, competence_id: str):
    """One competence of the trainee's portfolio as a signed Open Badges 3.0 credential (JWT and decoded)."""
    profile = service.profile_of_user(session, request.state.user.id)
    if profile is None:
        raise HTTPException(404)
    portfolio = service.build(session, profile)
    try:
        issued = badges.issue(
            request.app.state.settings, site_of(request), portfolio, competence_id, request.state.lang
        )
    except NoPublicName as refusal:
        raise HTTPException(409, str(refusal)) from None
    if issued is None:
        raise HTTPException(404)
    headers = {"content-disposition": f'attachment; filename="badge-{competence_id}.json"', "cache-control": "no-store"}
    return JSONResponse(issued, headers=headers)


@router.get("/credentials/verify", name="portfolio.verify_form", include_in_schema=False)
def verify_form(request: Request):
    """A page where anyone pastes a credential to check it."""
    return render(request, "portfolio/verify.html", {"text": "", "verdict": None})


@router.post("/credentials/verify", name="portfolio.verify", include_in_schema=False)
def verify(request: Request, session: SessionDep, form: FormDep):
    """Whether a pasted credential is valid (signature, issuer, expiry, not revoked), and why not."""
    text = str(form.get("credential", ""))
    if len(text) > MAX_CREDENTIAL:
        verdict = badges.Verdict(False, _("This text is far too long to be a credential."))
    else:
        verdict = badges.verify(session, request.app.state.settings, site_of(request), text)
    # The request was understood either way: whether the credential holds is the answer, not an error.
    if "application/json" in request.headers.get("accept", ""):
        return JSONResponse({"valid": verdict.valid, "reason": verdict.reason, "credential": verdict.credential})
    return render(request, "portfolio/verify.html", {"text": text[:MAX_CREDENTIAL], "verdict": verdict})


def site_of(request: Request) -> Site:
    """The museum's addresses as the request reaches it."""

    def work_url(kind: str, key: str) -> str:
        if kind == "item":
            return str(request.url_for("item.detail", identifier=key))
        return str(request.url_for("exhibit.detail", slug=key))

    return Site(
        name=request.app.state.settings.site_name,
        home=str(request.url_for("home")),
        issuer=str(request.url_for("portfolio.issuer")),
        keys=str(request.url_for("portfolio.keys")),
        work_url=work_url,
    )
