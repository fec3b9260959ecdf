"""Open Badges 3.0: one `OpenBadgeCredential` per competence a portfolio shows, signed by the museum's key as a
VC-JWT (compact JWS, alg EdDSA, `kid` the published key), and their verification.

The subject is named only by the public name the trainee chose. A credential stays valid while the trainee is
known (not forgotten) and approved work still shows the competence; otherwise it is revoked.
"""

import json
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

import jwt
from sqlalchemy.orm import Session

from app.clock import utcnow
from app.config import Settings
from app.i18n import gettext as _
from app.portfolio import keys, service
from app.portfolio.service import Evidence, Portfolio
from app.trainee.models import TraineeProfile

CONTEXTS = ["https://www.w3.org/ns/credentials/v2", "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"]
ALGORITHM = "EdDSA"
VALID_FOR = timedelta(days=5 * 365)
SUBJECT_PREFIX = "urn:villerupt:portfolio:"
ACHIEVEMENT_PREFIX = "urn:villerupt:competence:"


class NoPublicName(ValueError):
    """A credential names the trainee by the public name they chose: without one, none is issued."""


@dataclass(frozen=True)
class Site:
    """The museum's public addresses a credential points to."""

    name: str
    home: str
    issuer: str
    keys: str
    work_url: Callable[[str, str], str]  # (record kind, key) -> the record's public address


@dataclass(frozen=True)
class Verdict:
    valid: bool
    reason: str
    credential: dict | None = None


def issuer_profile(site: Site) -> dict:
    """The museum as an Open Badges issuer (`Profile`), published at its own id."""
    return {"@context": CONTEXTS, "id": site.issuer, "type": ["Profile"], "name": site.name, "url": site.home}


def credential(portfolio: Portfolio, evidence: Evidence, site: Site, lang: str, now: datetime) -> dict:
    """The unsigned credential for one competence the portfolio shows."""
    name = (portfolio.profile.public_name or "").strip()
    if not name:
        raise NoPublicName(_("Choose a public name on your portfolio first: a badge names you by it."))
    return {
        "@context": CONTEXTS,
        "id": f"urn:uuid:{uuid.uuid4()}",
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "issuer": issuer_profile(site),
        "validFrom": _iso(now),
        "validUntil": _iso(now + VALID_FOR),
        "name": evidence.competence.name(lang),
        "credentialSubject": _subject(portfolio.profile, name, evidence, lang),
        "evidence": _evidence(evidence, site, lang),
    }


def sign(settings: Settings, site: Site, vc: dict) -> str:
    """The credential as a VC-JWT signed with the museum's key."""
    valid_from, valid_until = (
        datetime.fromisoformat(vc[key].replace("Z", "+00:00")) for key in ("validFrom", "validUntil")
    )
    claims = {
        "iss": site.issuer,
        "jti": vc["id"],
        "sub": vc["credentialSubject"]["id"],
        "nbf": int(valid_from.timestamp()),
        "iat": int(valid_from.timestamp()),
        "exp": int(valid_until.timestamp()),
        "vc": vc,
    }
    headers = {"kid": keys.key_id(settings, site.keys), "typ": "JWT"}
    return jwt.encode(claims, keys.private_key(settings), algorithm=ALGORITHM, headers=headers)


def issue(settings: Settings, site: Site, portfolio: Portfolio, competence_id: str, lang: str) -> dict | None:
    """The signed credential and its decoded form, or None when the portfolio does not show the competence."""
    evidence = next((e for e in portfolio.competences if e.competence.id == competence_id), None)
    if evidence is None:
        return None
    vc = credential(portfolio, evidence, site, lang, utcnow())
    return {"jwt": sign(settings, site, vc), "credential": vc}


def verify(session: Session, settings: Settings, site: Site, text: str) -> Verdict:
    """Whether a credential (its JWT, or the JSON a trainee downloads) is valid now, and why not."""
    token = _token(text)
    if not token:
        return Verdict(False, _("This is not a credential: paste the signed text (JWT) or the downloaded file."))
    try:
        header = jwt.get_unverified_header(token)
    except jwt.InvalidTokenError:
        return Verdict(False, _("This is not a credential: paste the signed text (JWT) or the downloaded file."))
    if header.get("kid") != keys.key_id(settings, site.keys) or header.get("alg") != ALGORITHM:
        return Verdict(False, _("This credential was not signed with the museum's published key."))
    return _checked(session, settings, site, token)


def _checked(session: Session, settings: Settings, site: Site, token: str) -> Verdict:
    public_key = keys.private_key(settings).public_key()
    try:
        claims = jwt.decode(
            token, public_key, algorithms=[ALGORITHM], issuer=site.issuer, options={"require": ["exp", "iss", "sub"]}
        )
    except jwt.ExpiredSignatureError:
        return Verdict(False, _("This credential has expired."))
    except jwt.InvalidIssuerError:
        return Verdict(False, _("This credential was not issued by this museum."))
    except jwt.InvalidTokenError:
        return Verdict(False, _("The signature does not match: this credential was changed or not made here."))
    vc = claims.get("vc")
    if not isinstance(vc, dict) or (vc.get("issuer") or {}).get("id") != site.issuer:
        return Verdict(False, _("This credential was not issued by this museum."))
    return _standing(session, claims, vc)


def _standing(session: Session, claims: dict, vc: dict) -> Verdict:
    """Valid unless the trainee was forgotten or their work no longer shows the competence (revoked)."""
    profile = _profile(session, str(claims.get("sub", "")))
    if profile is None or profile.forgotten_at is not None or profile.user_id is None:
        return Verdict(False, _("This credential has been revoked: its holder is no longer on record."), vc)
    achievement = (vc.get("credentialSubject") or {}).get("achievement") or {}
    competence_id = str(achievement.get("id", "")).removeprefix(ACHIEVEMENT_PREFIX)
    shown = {e.competence.id for e in service.build(session, profile).competences}
    if competence_id not in shown:
        return Verdict(False, _("This credential has been revoked: the work it rested on is no longer approved."), vc)
    return Verdict(True, _("Valid: signed by the museum, not expired, not revoked."), vc)


def _profile(session: Session, subject: str) -> TraineeProfile | None:
    number = subject.removeprefix(SUBJECT_PREFIX)
    return session.get(TraineeProfile, int(number)) if subject.startswith(SUBJECT_PREFIX) and number.isdigit() else None


def _token(text: str) -> str:
    text = (text or "").strip()
    if text.startswith("{"):
        try:
            data = json.loads(text)
        except ValueError:
            return ""
        return str(data.get("jwt", "")).strip() if isinstance(data, dict) else ""
    return text


def _subject(profile: TraineeProfile, name: str, evidence: Evidence, lang: str) -> dict:
    identity = {"type": "IdentityObject", "identityType": "name", "hashed": False, "identityHash": name}
    return {
        "id": f"{SUBJECT_PREFIX}{profile.id}",
        "type": ["AchievementSubject"],
        "identifier": [identity],
        "achievement": _achievement(evidence, lang),
    }


def _achievement(evidence: Evidence, lang: str) -> dict:
    competence, framework = evidence.competence, evidence.framework
    return {
        "id": f"{ACHIEVEMENT_PREFIX}{competence.id}",
        "type": ["Achievement"],
        "achievementType": "Competency",
        "humanCode": competence.id,
        "name": competence.name(lang),
        "description": f"{competence.name(lang)} ({framework.name(lang)})",
        "criteria": {"narrative": _narrative(evidence)},
        "alignment": [
            {
                "type": ["Alignment"],
                "targetName": competence.name(lang),
                "targetUrl": framework.url,
                "targetFramework": framework.name(lang),
                "targetCode": competence.id,
            }
        ],
    }


def _narrative(evidence: Evidence) -> str:
    counts: dict[str, int] = {}
    for work in evidence.works:
        counts[work.label] = counts.get(work.label, 0) + 1
    done = ", ".join(f"{count} × {label}" for label, count in counts.items())
    return _("Shown by %(count)s tasks approved by a reviewer at the museum: %(done)s.") % {
        "count": evidence.count,
        "done": done,
    }


def _evidence(evidence: Evidence, site: Site, lang: str) -> list[dict]:
    found = []
    for work in evidence.works:
        if work.public and work.record is not None:
            url = site.work_url(work.record.kind, work.record.key)
            found.append({"id": url, "type": ["Evidence"], "name": work.record.title(lang), "description": work.label})
    return found


def _iso(moment: datetime) -> str:
    return moment.replace(microsecond=0, tzinfo=None).isoformat() + "Z"
