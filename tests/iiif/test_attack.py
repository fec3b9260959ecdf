"""The IIIF render attack through the real HTTP stack: more concurrent slow renders than render slots.

The issue's shape, smaller: 16 parallel anonymous large-PNG renders of one published image (4 slots)
against the real app served by uvicorn, with the render budget opened wide (as if from 16
addresses). Meanwhile the home page answers 200, fast, and no render holds a database connection.
"""

import statistics
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import httpx2
import numpy
from PIL import Image

from app.db import make_engine
from app.iiif.budget import RenderBudget
from app.main import create_app
from app.media import service as media_service
from tests.factories import make_item
from tests.migrate import settings_on_copy
from tests.web.live import live_server

ATTACKERS = 16
POOL = 3


def _app(tmp_path, migrated_sqlite_file):
    settings = settings_on_copy(tmp_path, migrated_sqlite_file)
    app = create_app(settings)
    app.state.render_budget = RenderBudget(at_once=ATTACKERS, burst=10_000)
    # Fewer connections than renders (as the 15 for 16): a render holding one would starve
    # the home page and the other views into 500s once the pool's timeout passes.
    app.state.engine.dispose()
    app.state.engine = make_engine(settings.database_url, pool_size=POOL, max_overflow=0, pool_timeout=3)
    app.state.session_factory.configure(bind=app.state.engine)
    path = tmp_path / "scan.jpg"
    noise = numpy.random.default_rng(10).integers(0, 255, (1500, 2200, 3), dtype=numpy.uint8)
    Image.fromarray(noise).save(path, quality=90)  # noise: PNG encoding is slow, as on a large scan
    with app.state.session_factory() as session:
        media = media_service.attach(session, make_item(session), path, settings, background=False)
        session.commit()
    return app, media.sha256


def _watch_connections(engine, stop: threading.Event, seen: list[tuple[float, int]]) -> None:
    while not stop.is_set():
        seen.append((time.monotonic(), engine.pool.checkedout()))
        time.sleep(0.005)


def test_renders_hold_no_connection_and_the_home_page_stays_fast(tmp_path, migrated_sqlite_file, figures):
    app, sha = _app(tmp_path, migrated_sqlite_file)
    with live_server(app) as base, httpx2.Client(base_url=base, timeout=120) as client:
        assert client.get("/").status_code == 200
        stop, connections = threading.Event(), []
        watcher = threading.Thread(target=_watch_connections, args=(app.state.engine, stop, connections))
        watcher.start()
        urls = [f"/iiif/3/{sha}/full/^!{1900 + n},{1900 + n}/{90 * (n % 4)}/default.png" for n in range(ATTACKERS)]
        with ThreadPoolExecutor(ATTACKERS) as pool:
            started = time.monotonic()
            attack = [pool.submit(httpx2.get, base + url, timeout=120) for url in urls]
            home = []
            while not all(future.done() for future in attack):
                began = time.monotonic()
                status = client.get("/").status_code
                home.append((status, time.monotonic() - began))
            statuses = [future.result().status_code for future in attack]
            attack_seconds = time.monotonic() - started
        stop.set()
        watcher.join()
    times = sorted(seconds for _status, seconds in home)
    rendering = [count for at, count in connections if at > started]
    p95 = times[max(0, round(0.95 * len(times)) - 1)]
    figures.append(
        f"IIIF attack: {ATTACKERS} renders in {attack_seconds:.1f} s, home page {len(home)} requests, "
        f"median {statistics.median(times) * 1000:.0f} ms, p95 {p95 * 1000:.0f} ms, "
        f"at most {max(rendering)} of {POOL} connections checked out"
    )
    assert statuses == [200] * ATTACKERS
    assert {status for status, _seconds in home} == {200} and len(home) >= 5
    assert p95 < 1.0
    assert attack_seconds > 3  # the renders overlapped the pool's timeout: holding a connection would show
