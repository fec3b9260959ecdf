"""No public surface gives out what an interview's access level or redactions hold back, and a change of level
reaches every surface at once (same app, no restart).

Four published interviews carry marker words in their title, description, cues and index synopsis: one sealed,
one on request (no link), one withdrawn, one public with a redacted passage. Every public page, API answer,
search result, suggestion, IIIF manifest and media URL (guessed by hash under every media route) is read as a
visitor; routes added later under /items/{identifier}/ or taking a file hash are found in the app and probed too.
With each search engine: on PostgreSQL (when the tests run on it), the search tables and their moments are written
at the commit of the test's savepoint, in its transaction.
"""

import math
import struct
import wave
from datetime import date, timedelta
from pathlib import Path

import pytest
from PIL import Image
from starlette.routing import Route

from app.interview import access_service, redaction
from app.interview.models import ON_REQUEST, PUBLIC, SEALED, WITHDRAWN
from app.media import service as media_service
from app.search import jobs, sync
from tests.factories import make_collection, make_item
from tests.interview.factories import add_redaction, add_segment, make_interview
from tests.search.both_engines import app, index_of, settings, settle  # noqa: F401  (fixtures: each engine)

CC_BY = "https://creativecommons.org/licenses/by/4.0/"
FUTURE = date.today() + timedelta(days=365 * 25)
# What each level may show (besides the identifier): the rest of its markers must appear nowhere.
ALLOWED = {
    "zseal": {"title"},
    "zreq": {"title", "desc"},
    "zgone": set(),
    "zredact": {"title", "desc", "cue", "syn"},
}
LEVELS = {"zseal": SEALED, "zreq": ON_REQUEST, "zgone": WITHDRAWN, "zredact": PUBLIC}
# Public surfaces by URL pattern ({identifier}, {q}: a marker word, {slug}: their collection).
PAGES = (
    "/",
    "/items",
    "/items?kind=interview",
    "/items/{identifier}",
    "/collections/{slug}",
    "/search?q={q}",
    "/api/v1/items?kind=interview&per_page=100",
    "/api/v1/items/{identifier}",
    "/api/v1/collections/{slug}",
    "/api/v1/search?q={q}",
    "/api/v1/suggest?q={q}",
    "/iiif/manifest/{identifier}",
)
# File names guessed under every route that takes a file's hash: image sizes and the recording's browser files.
FILE_NAMES = (
    "thumb.jpg", "medium.jpg", "large.jpg", "thumb.webp", "large.webp",
    "recording.m4a", "recording.mp4", "poster.jpg", "waveform.png", "recording.json",
)  # fmt: skip


@pytest.fixture
def museum(session, settings, app, client, tmp_path):
    """The four interviews (each with a photo and a recording) in one collection, and the search index built (with
    the interviews' moments)."""
    items = {}
    for tag, level in LEVELS.items():
        item = make_interview(
            session,
            level,
            sealed_until=FUTURE if level == SEALED else None,
            title=f"Entretien {tag}title",
            descriptions={"fr": f"Souvenirs de la cité {tag}desc"},
            cues=(f"Au début {tag}cue", f"Plus tard {tag}secret" if tag == "zredact" else f"Ensuite {tag}cue"),
        )
        add_segment(session, item, f"Chapitre {tag}", f"Synopsis {tag}syn", 0, 10)
        # Files of their own: a file one public item uses is public, whichever other item shows it too.
        photo, tone = _photo(tmp_path, tag, len(items)), _tone(tmp_path, tag, 300 + 100 * len(items))
        image = media_service.attach(session, item, photo, settings, background=False, rights=CC_BY)
        sound = media_service.attach(session, item, tone, settings, background=False)
        items[tag] = (item, image, sound)
    items["zredact"] += (add_redaction(session, items["zredact"][0], 12, 18),)
    make_collection(session, [entry[0] for entry in items.values()], slug="memoires-orales")
    session.flush()
    index = index_of(app, settings)
    jobs.rebuild(session, index)
    index.close()
    return items


def _photo(folder: Path, tag: str, n: int) -> Path:
    path = folder / f"{tag}.jpg"
    Image.new("RGB", (320, 240), (40 * n, 90, 140)).save(path, "JPEG", quality=85)
    return path


def _tone(folder: Path, tag: str, frequency: int) -> Path:
    """Two seconds of a sine tone, a different one per interview (so a different file)."""
    path, rate = folder / f"{tag}.wav", 8000
    samples = b"".join(
        struct.pack("<h", int(8000 * math.sin(2 * math.pi * frequency * i / rate))) for i in range(2 * rate)
    )
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(rate)
        out.writeframes(samples)
    return path


def _forbidden(tag: str) -> set[str]:
    words = {f"{tag}{part}" for part in ("title", "desc", "cue", "syn") if part not in ALLOWED[tag]}
    return words | ({f"{tag}secret"} if tag == "zredact" else set())


def _page_texts(client, items) -> dict[str, str]:
    """Every public page and API answer, as a visitor, by address (redirects not followed)."""
    found = {}
    for tag, (item, *_files) in items.items():
        for part in ("title", "desc", "cue", "syn", "secret"):
            for pattern in PAGES:
                address = pattern.format(identifier=item.identifier, q=f"{tag}{part}", slug="memoires-orales")
                if address not in found:
                    # The word searched for is said back ("results for …"): only what else is there counts.
                    text = client.get(address, follow_redirects=False).text
                    found[address] = text.replace(f"{tag}{part}", "") if "{q}" in pattern else text
        for address in _item_routes(client.app, item.identifier):
            found[address] = client.get(address, follow_redirects=False).text
    return found


def _item_routes(app, identifier: str) -> list[str]:
    """Other GET routes of one item (captions, chapters, transcripts... once they exist), found in the app."""
    found = []
    for route in app.routes:
        if (
            isinstance(route, Route)
            and "GET" in (route.methods or ())
            and set(route.param_convertors) == {"identifier"}
        ):
            if route.path.startswith(("/items/{identifier}/", "/api/v1/items/{identifier}/")):
                found.append(route.path.format(identifier=identifier))
    return found


def _file_urls(app, media) -> list[str]:
    """Every address a file of this hash could be served at: each media route, filled with every guessed name."""
    sha, ext = media.sha256, media.original_path.rsplit(".", 1)[-1]
    values = {"sha256": sha, "a": sha[:2], "b": sha[2:4], "ext": ext, "identifier": sha}
    urls = {f"/media/files/{sha}.{ext}", f"/iiif/3/{sha}/info.json", f"/iiif/3/{sha}/full/max/0/default.jpg"}
    for route in app.routes:
        params = set(getattr(route, "param_convertors", {}))
        if not isinstance(route, Route) or "sha256" not in params or not params <= {*values, "name"}:
            continue
        for name in FILE_NAMES if "name" in params else ("",):
            urls.add(route.path.format(**values, name=name))
    return sorted(urls)


def _leaks(client, items) -> list[str]:
    texts = _page_texts(client, items)
    leaks = [
        f"{word!r} in {address}"
        for address, text in texts.items()
        for tag in items
        for word in _forbidden(tag)
        if word in text
    ]
    for tag, (_item, image, sound, *_redaction) in items.items():
        files = [sound] + ([image] if LEVELS[tag] in (SEALED, WITHDRAWN) else [])
        for media in files:
            for url in _file_urls(client.app, media):
                status = client.get(url, follow_redirects=False).status_code
                if status != 404:
                    leaks.append(f"{tag} {media.media_type} file answered {status} at {url}")
    return leaks


def test_no_surface_gives_out_what_access_levels_and_redactions_hold_back(client, museum):
    assert _leaks(client, museum) == []
    # What each level does show is there: the test looks where the words would be.
    item_page = client.get(f"/items/{museum['zredact'][0].identifier}").text
    assert "zredactcue" in item_page and "zredactdesc" in item_page
    assert "zsealtitle" in client.get(f"/items/{museum['zseal'][0].identifier}").text
    assert "zreqdesc" in client.get(f"/items/{museum['zreq'][0].identifier}").text
    assert museum["zreq"][0].identifier in client.get("/search?q=zreqtitle").text
    assert client.get(f"/items/{museum['zgone'][0].identifier}").status_code == 404


def test_a_change_of_level_reaches_every_surface_at_once(client, session, settings, museum):
    sealed, on_request, gone, redacted = (museum[tag][0] for tag in ("zseal", "zreq", "zgone", "zredact"))
    today = date.today()
    access_service.set_access(session, sealed, PUBLIC, None, today=today)
    access_service.set_access(session, on_request, WITHDRAWN, None, today=today)
    access_service.set_access(session, gone, ON_REQUEST, None, today=today)
    redaction.remove(session, redacted, museum["zredact"][3].id, today=today)
    session.flush()
    settle(session, settings)
    opened = client.get(f"/items/{sealed.identifier}").text
    assert "zsealdesc" in opened and "zsealcue" in opened
    assert sealed.identifier in client.get("/search?q=zsealdesc").text
    assert client.get(f"/items/{on_request.identifier}").status_code == 404
    assert on_request.identifier not in client.get("/search?q=zreqtitle").text
    assert client.get(f"/api/v1/items/{on_request.identifier}").status_code == 404
    back = client.get(f"/items/{gone.identifier}").text
    assert "zgonedesc" in back and "zgonecue" not in back
    assert "zredactsecret" in client.get(f"/items/{redacted.identifier}").text
    image = museum["zseal"][1]
    assert client.get(f"/media/files/{image.sha256}.jpg").status_code == 200
    assert client.get(f"/media/files/{museum['zreq'][1].sha256}.jpg").status_code == 404


def test_the_api_links_a_memorys_recording_but_never_an_interviews_original(client, session, settings, tmp_path):
    memory = make_item(session, kind="memory")
    media_service.attach(session, memory, _tone(tmp_path, "memory", 440), settings, background=False)
    interview = make_interview(session)
    media_service.attach(session, interview, _tone(tmp_path, "interview", 520), settings, background=False)
    session.flush()
    session.expunge_all()  # as in a request of its own: the media rows come without their item
    assert client.get(f"/api/v1/items/{memory.identifier}").json()["media"][0]["file_url"]
    assert client.get(f"/api/v1/items/{interview.identifier}").json()["media"][0]["file_url"] is None


def test_an_access_row_changed_by_any_path_reaches_the_search_index(client, session, settings, museum):
    from sqlalchemy import select

    from app.interview.models import Interview
    from app.job.models import PENDING, Job

    sync.install(session, settings.search_engine)  # the outbox (or PostgreSQL's writes), as the app's sessions have
    item = museum["zreq"][0]
    session.get(Interview, item.id).access = WITHDRAWN  # not through the service: the outbox still sees it
    session.flush()
    if settings.search_engine == "whoosh":  # PostgreSQL writes no job: the search tables at the commit
        pending = session.scalars(select(Job.payload).where(Job.kind == sync.INDEX_JOB, Job.status == PENDING)).all()
        assert any(item.id in sync.job_ids(payload) for payload in pending)
    settle(session, settings)
    assert item.identifier not in client.get("/search?q=zreqtitle").text
    assert client.get(f"/media/files/{museum['zreq'][1].sha256}.jpg").status_code == 404
