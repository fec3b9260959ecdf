"""Interface languages: complete catalogues, and the visitor's language chosen and remembered."""

import re
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po
from fastapi.testclient import TestClient

from app.account.permissions import PERMISSIONS, public
from app.config import LANGUAGES
from app.i18n import LANGUAGE_COOKIE, TRANSLATIONS_DIR
from tests.factories import form
from tests.web.html import parse

ROOT = Path(__file__).resolve().parent.parent
# The same keywords as the `pybabel extract` command documented in babel.cfg.
KEYWORDS = {"_": None, "gettext": None, "ngettext": (1, 2), "lazy_gettext": None, "_l": None}
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|\{\w+\}")


def extracted() -> dict[str | tuple[str, str], set[str]]:
    """Every msgid in app/ and templates/, with the files it comes from, as babel.cfg says."""
    with (ROOT / "babel.cfg").open() as config:
        method_map, options_map = parse_mapping_cfg(config)
    messages: dict = {}
    # babel's default directory filter skips folders starting with `_`, which would miss templates/_macros/.
    found = extract_from_dir(
        ROOT,
        method_map,
        options_map,
        keywords=KEYWORDS,
        directory_filter=lambda path: not Path(path).name.startswith((".", "__")),
    )
    for filename, _lineno, message, _comments, _context in found:
        key = message if isinstance(message, str) else tuple(message[:2])
        messages.setdefault(key, set()).add(filename)
    return messages


@pytest.fixture(scope="module")
def messages():
    found = extracted()
    assert len(found) > 100, "extraction found almost nothing: is babel.cfg right?"
    return found


@pytest.mark.parametrize("lang", LANGUAGES)
def test_catalogue_translates_every_message(messages, lang):
    with (TRANSLATIONS_DIR / lang / "LC_MESSAGES" / "messages.po").open("rb") as po:
        catalog = read_po(po, locale=lang)
    problems = []
    for msgid, files in sorted(messages.items(), key=lambda entry: str(entry[0])):
        entry = catalog.get(msgid)
        strings = () if entry is None else entry.string if isinstance(entry.string, tuple) else (entry.string,)
        if entry is None:
            problems.append(f"missing: {msgid!r} (from {', '.join(sorted(files))})")
        elif entry.fuzzy or not all(strings):
            problems.append(f"untranslated{' (fuzzy)' if entry.fuzzy else ''}: {msgid!r}")
        elif any(_placeholders(s) != _placeholders(msgid) for s in strings):
            problems.append(f"placeholders differ: {msgid!r} -> {entry.string!r}")
    assert not problems, f"{lang} catalogue, fix with the commands in babel.cfg:\n" + "\n".join(problems)


def _placeholders(message) -> set[str]:
    text = " ".join(message) if isinstance(message, tuple) else message
    return set(PLACEHOLDER.findall(text))


def test_english_catalogue_is_the_identity(messages):
    with (TRANSLATIONS_DIR / "en" / "LC_MESSAGES" / "messages.po").open("rb") as po:
        catalog = read_po(po, locale="en")
    different = [m.id for m in catalog if m.id and m.id in messages and (m.string != m.id)]
    assert not different


def language_of(response) -> str:
    return parse(response.text).find("html").get("lang")


@pytest.mark.parametrize(
    "accept, lang, home",
    [
        ("de-DE,de;q=0.9,en;q=0.5", "de", "Startseite"),
        ("en-GB", "en", "Home"),
        ("fr-LU", "fr", "Accueil"),
        ("lb-LU,lb;q=0.9", "lb", "Startsäit"),
        ("lb", "lb", "Startsäit"),
        ("de-LU,de;q=0.9,lb;q=0.8", "de", "Startseite"),
        ("en-US,en;q=0.9,lb;q=0.5", "en", "Home"),
        ("ja", "fr", "Accueil"),
        ("", "fr", "Accueil"),
    ],
)
def test_language_follows_the_browser_then_defaults_to_french(client, accept, lang, home):
    response = client.get("/", headers={"accept-language": accept})
    assert language_of(response) == lang
    assert parse(response.text).find("nav", class_="site-nav").find("a").text == home


def test_chosen_language_is_remembered_and_the_visitor_sent_back(client):
    response = client.post(
        "/language", data=form(client, lang="en", next="/items?kind=building"), follow_redirects=False
    )
    assert response.status_code == 303
    assert response.headers["location"] == "/items?kind=building"
    assert response.cookies[LANGUAGE_COOKIE] == "en"
    assert language_of(client.get("/", headers={"accept-language": "de"})) == "en"


def test_lang_parameter_overrides_the_remembered_language(client):
    client.post("/language", data=form(client, lang="de", next="/"), follow_redirects=False)
    assert language_of(client.get("/?lang=en")) == "en"
    assert language_of(client.get("/?lang=xx")) == "de"


def test_unknown_language_choice_is_ignored(client):
    response = client.post("/language", data=form(client, lang="xx", next="/"), follow_redirects=False)
    assert LANGUAGE_COOKIE not in response.cookies
    assert language_of(client.get("/")) == "fr"


@pytest.mark.parametrize(
    "target",
    [
        "https://evil.example/",
        "//evil.example/",
        "/\\evil.example",
        "\\\\evil.example",
        "/\t/evil.example",
        "javascript:alert(1)",
        "items",
        "",
    ],
)
def test_language_form_never_redirects_off_site(client, target):
    response = client.post("/language", data=form(client, lang="de", next=target), follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == "/"


def test_language_switcher_marks_the_current_language_and_returns_to_the_same_page(client):
    doc = parse(client.get("/items?kind=building&lang=de").text)
    form = doc.find("form", class_="languages")
    assert form.get("method") == "post" and form.get("action") == "http://testserver/language"
    assert form.find("input", name="next").get("value") == "/items?kind=building"
    buttons = {b.get("value"): b for b in form.find_all("button")}
    assert {code: (b.text, b.get("lang")) for code, b in buttons.items()} == {
        "fr": ("Français", "fr"),
        "de": ("Deutsch", "de"),
        "lb": ("Lëtzebuergesch", "lb"),
        "en": ("English", "en"),
    }
    assert list(buttons) == ["fr", "de", "lb", "en"]
    assert [code for code, b in buttons.items() if b.get("aria-current") == "true"] == ["de"]


def test_server_error_page_speaks_the_visitors_language(app, monkeypatch):
    monkeypatch.setitem(PERMISSIONS, "broken", public())

    @app.get("/broken")
    def broken():
        raise RuntimeError("a bug")

    with TestClient(app, raise_server_exceptions=False) as client:
        doc = parse(client.get("/broken?lang=de").text)
    assert doc.find("html").get("lang") == "de"
    assert doc.find("h1").text == "Interner Fehler"


def test_luxembourgish_is_chosen_with_the_switcher_and_remembered(client):
    response = client.post("/language", data=form(client, lang="lb", next="/items"), follow_redirects=False)
    assert response.status_code == 303 and response.cookies[LANGUAGE_COOKIE] == "lb"
    doc = parse(client.get("/items", headers={"accept-language": "fr"}).text)
    assert doc.find("html").get("lang") == "lb"
    assert doc.find("nav", class_="site-nav").find("a").text == "Startsäit"
    pressed = doc.find("form", class_="languages").find("button", **{"aria-current": "true"})
    assert pressed.get("value") == "lb" and pressed.text == "Lëtzebuergesch"


def test_server_error_page_speaks_luxembourgish(app, monkeypatch):
    monkeypatch.setitem(PERMISSIONS, "broken", public())

    @app.get("/broken")
    def broken():
        raise RuntimeError("a bug")

    with TestClient(app, raise_server_exceptions=False) as client:
        doc = parse(client.get("/broken", headers={"accept-language": "lb-LU"}).text)
    assert doc.find("html").get("lang") == "lb"
    assert doc.find("h1").text == "Interne Feeler"


@pytest.mark.parametrize(
    ("headers", "query", "lang"),
    [
        ({"cookie": f"museum_csrf=abc; {LANGUAGE_COOKIE}=de; other=1"}, "", "de"),
        ({"cookie": "museum_csrf=abc", "accept-language": "lb, de;q=0.8"}, "", "lb"),
        ({"cookie": f'{LANGUAGE_COOKIE}=de; bad"cookie=\x7f'}, "", None),  # malformed: still a page
        ({"cookie": f"{LANGUAGE_COOKIE}=de"}, "%6Cang=en", "en"),  # the parameter's name percent-encoded
        ({}, "other=1", "fr"),
    ],
)
def test_the_language_comes_from_the_parameter_the_cookie_or_the_browser(client, headers, query, lang):
    client.cookies.clear()
    response = client.get(f"/about?{query}" if query else "/about", headers=headers)
    assert response.status_code == 200
    assert lang is None or language_of(response) == lang
