"""External probe, uploads: decompression bombs, the six-PNG attack on writes, stamp replays, refused
submissions counted. Each case is one the museum once failed (issue 10); they stay here so they cannot
come back."""

import statistics
import threading
import time
import tracemalloc
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import requests
from click.testing import CliRunner
from sqlalchemy import func, select

from app.account import csrf
from app.cli import main
from app.config import Settings
from app.contribution import spam
from app.db import make_engine, make_session_factory
from app.media import budget, sniff
from app.media.models import Media
from app.media.refusal import RefusedFile
from bench.bombs import bomb_png
from tests.contribution.helpers import FIELDS, aged, count, fresh_stamp, photo, submit
from tests.factories import PASSWORD, bearer, make_item, make_user

MEDIA = Path(__file__).parent.parent / "fixtures" / "media"


@pytest.fixture(scope="module")
def bomb(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("bomb") / "bomb.png"
    path.write_bytes(bomb_png())
    return path


@pytest.mark.parametrize("which", [budget.STAFF, budget.CONTRIBUTION], ids=["staff", "contribution"])
def test_the_bomb_is_refused_from_its_header_in_little_time_and_memory(bomb, which):
    assert bomb.stat().st_size < 20_000  # 144 megapixels in 17.5 KB
    with pytest.raises(RefusedFile):
        sniff.inspect(bomb, "bomb.png", max_bytes=1 << 30, budget=which)  # Pillow loads its plugins once
    tracemalloc.start()
    started = time.perf_counter()
    with pytest.raises(RefusedFile) as refused:
        sniff.inspect(bomb, "bomb.png", max_bytes=1 << 30, budget=which)
    seconds = time.perf_counter() - started
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert refused.value.code == "too_many_pixels"
    assert seconds < 1 and peak < 50_000_000


def test_a_phone_photo_fits_the_contribution_budget_and_a_large_scan_only_the_staff_one():
    assert budget.CONTRIBUTION.allows(8160, 6120)  # a 50-megapixel phone
    assert budget.STAFF.allows(10_000, 10_000) and not budget.CONTRIBUTION.allows(10_000, 10_000)
    assert not budget.STAFF.allows(12_000, 12_000)


def test_museum_media_add_refuses_the_bomb(fresh_env, bomb):
    engine = make_engine(Settings().database_url)
    with make_session_factory(engine)() as session:
        make_item(session, identifier="VIL-BOMB")
        session.commit()
    started = time.perf_counter()
    result = CliRunner().invoke(main, ["media", "add", "VIL-BOMB", str(bomb)])
    assert time.perf_counter() - started < 5
    assert result.exit_code == 1 and "refused" in result.output and "134 million" in result.output
    with make_session_factory(engine)() as session:
        assert session.scalar(select(func.count()).select_from(Media)) == 0
    engine.dispose()


def test_the_media_api_refuses_the_bomb_at_once(client, session, bomb):
    make_item(session, identifier="VIL-API-BOMB", status="draft")
    headers = bearer(session, make_user(session, role="curator")) | {"Accept-Language": "fr"}
    started = time.perf_counter()
    response = client.post(
        "/api/v1/items/VIL-API-BOMB/media", files={"file": ("scan.png", bomb.read_bytes())}, headers=headers
    )
    assert time.perf_counter() - started < 2
    assert response.status_code == 422 and "millions de pixels" in response.json()["detail"]
    assert session.scalar(select(func.count()).select_from(Media)) == 0


def _bomb_file(bomb: Path) -> tuple:
    return ("photos", ("photo.png", bomb.read_bytes(), "image/png"))


def test_refused_submissions_count_toward_the_hourly_limit(client, session, bomb):
    for _n in range(spam.RATE_LIMIT):
        response = submit(client, files=[_bomb_file(bomb)], headers={"Accept-Language": "en"})
        assert response.status_code == 400 and "million pixels" in response.text
    response = submit(client, files=[photo()], headers={"Accept-Language": "en"})
    assert response.status_code == 429 and count(session) == 0


def test_a_stamp_is_used_once(client, session, bomb):
    stamp = aged(client, fresh_stamp(client))
    assert submit(client, files=[_bomb_file(bomb)], stamp=stamp).status_code == 400
    again = submit(client, files=[photo()], stamp=stamp, headers={"Accept-Language": "de"})
    assert again.status_code == 400 and "bereits einmal gesendet" in again.text
    assert count(session) == 0
    renewed = spam.read_stamp(client.app.state.secret_key, again.text.split('name="stamp" value="')[1].split('"')[0])
    assert renewed is not None and renewed.key != spam.read_stamp(client.app.state.secret_key, stamp).key


def test_a_stamp_that_made_a_contribution_still_leads_to_its_status_page(client, session):
    stamp = aged(client, fresh_stamp(client))
    first = submit(client, files=[photo()], stamp=stamp)
    second = submit(client, files=[photo()], stamp=stamp)
    assert first.status_code == second.status_code == 303
    assert first.headers["location"] == second.headers["location"] and count(session) == 1


# The six-PNG attack, through the real HTTP stack: uvicorn in a thread, the app's own sessions and locks.


def _browser() -> requests.Session:
    client = requests.Session()
    client.cookies.set(csrf.SEED_COOKIE, "probe-seed")
    return client


def _token(app) -> str:
    return csrf.token_for_cookies(app.state.secret_key, "probe-seed", None)


def _attack(app, url: str, bomb: bytes, photo_bytes: bytes) -> int:
    """One /contribute with six 144-megapixel PNGs, or six real photos to decode; returns the status."""
    files = (
        [("photos", (f"p{n}.png", bomb, "image/png")) for n in range(6)]
        if bomb
        else [("photos", (f"p{n}.jpg", photo_bytes, "image/jpeg")) for n in range(6)]
    )
    stamp = spam.new_stamp(app.state.secret_key, issued=int(time.time()) - 60)
    with _browser() as client:
        data = FIELDS | {"csrf_token": _token(app), "stamp": stamp}
        return client.post(f"{url}/contribute", data=data, files=files, allow_redirects=False, timeout=120).status_code


def _login(app, url: str) -> tuple[int, float, str]:
    with _browser() as client:
        started = time.perf_counter()
        response = client.post(
            f"{url}/login",
            data={"csrf_token": _token(app), "name": "resident", "password": PASSWORD},
            allow_redirects=False,
            timeout=60,
        )
        return response.status_code, time.perf_counter() - started, response.text


def _save(url: str, headers: dict, n: int) -> tuple[int, float, str]:
    item = {"kind": "photograph", "language": "fr", "titles": {"fr": f"Photo {n}"}, "subjects": ["usine"]}
    started = time.perf_counter()
    response = requests.post(f"{url}/api/v1/items", json=item, headers=headers, timeout=60)
    return response.status_code, time.perf_counter() - started, response.text


def test_the_six_png_attack_leaves_logins_and_saves_answering(live, bomb, figures, tmp_path):
    app, url, headers = live
    big = tmp_path / "big.jpg"
    from PIL import Image

    Image.effect_noise((4000, 3000), 60).convert("RGB").save(big, quality=90)  # 12 Mpx to really decode
    attack_done = threading.Event()
    with ThreadPoolExecutor(max_workers=8) as pool:
        attacks = [
            pool.submit(_attack, app, url, bomb.read_bytes() if n % 2 else b"", big.read_bytes()) for n in range(6)
        ]
        timed, n = [], 0
        threading.Thread(target=lambda: ([a.result() for a in attacks], attack_done.set()), daemon=True).start()
        while not attack_done.is_set() or n < 6:
            timed += [_login(app, url), _save(url, headers, n)]
            n += 1
    statuses = [attack.result() for attack in attacks]
    assert all(status in (303, 400, 429) for status in statuses), statuses
    logins, saves = timed[0::2], timed[1::2]
    assert all(status == 303 for status, _s, _t in logins), [t for s, _s, t in logins if s != 303][:1]
    assert all(status == 201 for status, _s, _t in saves), [t for s, _s, t in saves if s != 201][:1]
    assert not any("locked" in text for _status, _s, text in timed)
    p95 = statistics.quantiles([seconds for _status, seconds, _t in timed], n=20)[-1]
    figures.append(
        f"six-PNG attack on /contribute ({statuses}): {len(logins)} logins and {len(saves)} saves "
        f"meanwhile, p95 {p95 * 1000:.0f} ms, max {max(s for _st, s, _t in timed) * 1000:.0f} ms"
    )
    assert p95 < 1.5
