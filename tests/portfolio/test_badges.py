"""Open Badges 3.0 credentials: issued per competence, signed with the museum's key, verified against the key set
the app publishes over HTTP; a tampered payload or signature, another key, an expired or revoked credential fail."""

import base64
import json
import stat
from datetime import timedelta

import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from app.clock import utcnow
from app.i18n import language
from app.portfolio import badges, keys, service
from app.portfolio.badges import Site
from tests.factories import form, login
from tests.portfolio.conftest import PERSONAL, PUBLIC_TITLE, SECRET_TITLE

ISSUER = "http://testserver/credentials/issuer"
KEYS = "http://testserver/credentials/keys"
CATALOGUE = "digcomp-1.3"  # shown by cataloguing (public and draft items)


@pytest.fixture(autouse=True)
def english():
    """Verdicts read in English where the service is called outside a request."""
    with language("en"):
        yield


def _site() -> Site:
    return Site(
        "Villerupt.com", "http://testserver/", ISSUER, KEYS, lambda kind, key: f"http://testserver/{kind}/{key}"
    )


def _download(client, known, competence=CATALOGUE):
    login(client, known.user)
    return client.get(f"/workspace/portfolio/badges/{competence}.json?lang=fr")


def _verify(client, text: str) -> dict:
    answer = client.post(
        "/credentials/verify", data=form(client, credential=text), headers={"accept": "application/json"}
    )
    assert answer.status_code == 200
    return answer.json()


def _tamper_payload(token: str) -> str:
    header, payload, signature = token.split(".")
    claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    claims["vc"]["credentialSubject"]["identifier"][0]["identityHash"] = "Someone Else"
    forged = base64.urlsafe_b64encode(json.dumps(claims).encode()).rstrip(b"=").decode()
    return f"{header}.{forged}.{signature}"


def _tamper_signature(token: str) -> str:
    header, payload, signature = token.split(".")
    raw = bytearray(base64.urlsafe_b64decode(signature + "=" * (-len(signature) % 4)))
    raw[0] ^= 0x01
    return f"{header}.{payload}.{base64.urlsafe_b64encode(bytes(raw)).rstrip(b'=').decode()}"


def test_a_badge_is_an_open_badge_credential_naming_the_trainee_by_public_name_only(client, known):
    answer = _download(client, known)
    assert answer.status_code == 200 and "attachment" in answer.headers["content-disposition"]
    vc = answer.json()["credential"]
    assert vc["@context"] == [
        "https://www.w3.org/ns/credentials/v2",
        "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
    ]
    assert vc["type"] == ["VerifiableCredential", "OpenBadgeCredential"]
    assert vc["issuer"]["id"] == ISSUER and vc["issuer"]["type"] == ["Profile"]
    subject = vc["credentialSubject"]
    assert subject["identifier"][0]["identityHash"] == "Camille R."
    achievement = subject["achievement"]
    assert achievement["humanCode"] == CATALOGUE and achievement["achievementType"] == "Competency"
    assert "2 " in achievement["criteria"]["narrative"]
    assert achievement["alignment"][0]["targetUrl"].startswith("https://publications.jrc.ec.europa.eu/")
    assert [e["name"] for e in vc["evidence"]] == [PUBLIC_TITLE]
    text = answer.text
    assert SECRET_TITLE not in text and known.draft_item.identifier not in text
    for secret in PERSONAL.values():
        assert secret not in text, secret


def test_the_signature_verifies_with_the_key_set_published_over_http(client, known):
    token = _download(client, known).json()["jwt"]
    key_set = jwt.PyJWKSet.from_dict(client.get("/credentials/keys").json())
    kid = jwt.get_unverified_header(token)["kid"]
    assert kid.startswith(KEYS + "#")
    public_key = key_set[kid].key
    claims = jwt.decode(token, public_key, algorithms=["EdDSA"], issuer=ISSUER)
    assert claims["vc"]["credentialSubject"]["achievement"]["humanCode"] == CATALOGUE
    for forged in (_tamper_payload(token), _tamper_signature(token)):
        with pytest.raises(jwt.InvalidSignatureError):
            jwt.decode(forged, public_key, algorithms=["EdDSA"], issuer=ISSUER)


def test_the_verify_endpoint_accepts_a_credential_and_rejects_tampered_ones(client, known):
    issued = _download(client, known).json()
    client.cookies.clear()
    assert _verify(client, issued["jwt"])["valid"] is True
    assert _verify(client, json.dumps(issued))["valid"] is True  # the downloaded file as it is
    for forged in (_tamper_payload(issued["jwt"]), _tamper_signature(issued["jwt"])):
        verdict = _verify(client, forged)
        assert verdict["valid"] is False and "signature" in verdict["reason"]
    assert _verify(client, "not a credential")["valid"] is False


def test_the_verify_page_answers_in_words(client, known):
    token = _download(client, known).json()["jwt"]
    client.cookies.clear()
    assert client.get("/credentials/verify?lang=en").status_code == 200
    page = client.post("/credentials/verify?lang=en", data=form(client, credential=token))
    assert page.status_code == 200 and "Valid" in page.text and "Camille R." in page.text
    page = client.post("/credentials/verify?lang=en", data=form(client, credential=token[:-4] + "AAAA"))
    assert "Not valid" in page.text


def test_a_credential_signed_with_another_key_is_rejected(client, session, settings, known):
    kid = keys.key_id(settings, KEYS)
    vc = badges.credential(
        service.build(session, known.profile),
        service.build(session, known.profile).competences[0],
        _site(),
        "fr",
        utcnow(),
    )
    forged = jwt.encode(
        {"iss": ISSUER, "sub": "x", "exp": 4102444800, "vc": vc},
        Ed25519PrivateKey.generate(),
        algorithm="EdDSA",
        headers={"kid": kid},
    )
    assert badges.verify(session, settings, _site(), forged).valid is False


def test_an_expired_credential_is_rejected(session, settings, known):
    portfolio = service.build(session, known.profile)
    long_ago = utcnow() - timedelta(days=6 * 365)
    token = badges.sign(
        settings, _site(), badges.credential(portfolio, portfolio.competences[0], _site(), "fr", long_ago)
    )
    verdict = badges.verify(session, settings, _site(), token)
    assert not verdict.valid and "expired" in verdict.reason


def test_a_credential_of_a_forgotten_trainee_is_revoked(session, settings, known):
    portfolio = service.build(session, known.profile)
    token = badges.sign(
        settings, _site(), badges.credential(portfolio, portfolio.competences[0], _site(), "en", utcnow())
    )
    assert badges.verify(session, settings, _site(), token).valid
    known.profile.user_id, known.profile.forgotten_at = None, utcnow()
    session.flush()
    verdict = badges.verify(session, settings, _site(), token)
    assert not verdict.valid and "revoked" in verdict.reason


def test_a_credential_whose_work_is_no_longer_approved_is_revoked(session, settings, known):
    portfolio = service.build(session, known.profile)
    subtitling = next(e for e in portfolio.competences if e.competence.id == "subtitling")
    token = badges.sign(settings, _site(), badges.credential(portfolio, subtitling, _site(), "en", utcnow()))
    for key in ("transcribe", "subtitle"):
        known.tasks[key].state = "sent_back"
    session.flush()
    verdict = badges.verify(session, settings, _site(), token)
    assert not verdict.valid and "revoked" in verdict.reason


def test_no_badge_without_a_public_name(client, session, known):
    known.profile.public_name = None
    session.flush()
    answer = _download(client, known)
    assert answer.status_code == 409 and "un nom public" in answer.text
    assert "Choose a public name above" in client.get("/workspace/portfolio?lang=en").text


def test_no_badge_for_a_competence_the_portfolio_does_not_show(client, known):
    assert _download(client, known, "image_retouching").status_code == 404


def test_the_key_is_made_once_readable_by_its_owner_only(client, settings):
    first = client.get("/credentials/keys").json()
    assert stat.S_IMODE(settings.badge_key_file.stat().st_mode) == 0o600
    assert client.get("/credentials/keys").json() == first
    assert first["keys"][0]["kty"] == "OKP" and first["keys"][0]["crv"] == "Ed25519" and "d" not in first["keys"][0]


def test_the_issuer_profile_is_published_at_its_id(client):
    profile = client.get("/credentials/issuer").json()
    assert profile["id"] == ISSUER and profile["type"] == ["Profile"] and profile["name"]
