"""Several app servers: 2 `museum serve` + 1 `museum worker` on one PostgreSQL database under a mixed load.

`python -m bench.servers --database-url postgresql+psycopg://... --minutes 5` empties that database (drops and
creates it), runs `museum init`, imports real rows of ../shared/data (bench.corpus) with `museum import`, attaches
the real images with `museum media add`, builds the index, and starts the deployment (bench.cluster; the
environment's MUSEUM_SEARCH_ENGINE and MUSEUM_MEDIA_STORE are passed through). Then, for the given minutes, across
both servers: visitors (home, browse, item pages, /search and /api/v1/search, IIIF info.json and tiles), a curator
saving item descriptions through the API with a personal token on each server, and a second `museum import` in
the middle. It prints p50/p95/max per route, errors (5xx, timeouts, connection errors, unexpected 4xx), each
process's RSS at the start and the end, how long the worker took to catch up, and checks that no acknowledged save
was lost: every 2xx save is in the item's revisions with its value, the last one is the item's description, and a
search for it finds the item on both servers. The reference, measured in the same run first: the visitors' load on
server a alone for 20 s. Exits 1 on any error or lost write.
"""

import argparse
import http.client
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote, urlencode

from sqlalchemy import create_engine, func, select
from sqlalchemy.orm import Session

from bench import queries
from bench.cluster import MUSEUM, Cluster, environment, fresh_database, running
from bench.corpus import DATA, real_rows, write_rows
from bench.server import rss_mb

TIMEOUT = 30.0
REFERENCE_SECONDS = 20.0
PASSED_THROUGH = ("MUSEUM_SEARCH_ENGINE", "MUSEUM_MEDIA_STORE", "MUSEUM_MEDIA_S3_ENDPOINT_URL", "MUSEUM_MEDIA_SERVING")


# The catalog ------------------------------------------------------------------------------------------------------


@dataclass
class Catalog:
    items: list[str]  # published identifiers, for the item pages
    edited: list[str]  # the curator's items (their descriptions are saved again and again)
    images: list[str]  # sha256 of the images attached
    token: str  # the curator's personal API token
    later: Path  # the rows imported during the load


def build(cluster: Cluster, folder: Path, data_dir: Path, per_source: int) -> Catalog:
    """`museum init`, the first rows imported, images attached, the index built, a curator with a token."""
    rows = list(real_rows(data_dir, per_source))
    first, later = folder / "rows-first.jsonl", folder / "rows-later.jsonl"
    cut = len(rows) * 3 // 4
    write_rows(first, rows[:cut])
    write_rows(later, rows[cut:])
    cluster.museum("init")
    started = time.perf_counter()
    _import(cluster, first)
    print(
        f"catalog: {cut:,} rows imported before the load in {time.perf_counter() - started:.0f} s; "
        f"{len(rows) - cut:,} kept for the import during the load"
    )
    identifiers = [row["identifier"] for row in rows[:cut]]
    images = attach_images(cluster, data_dir / "images", identifiers)
    started = time.perf_counter()
    cluster.museum("reindex")
    print(f"museum reindex: {time.perf_counter() - started:.0f} s")
    return Catalog(identifiers, identifiers[-40:], images, curator_token(cluster), later)


def _import(cluster: Cluster, path: Path) -> subprocess.CompletedProcess:
    done = subprocess.run([str(MUSEUM), "import", str(path)], env=cluster.environment, capture_output=True, text=True)
    if done.returncode not in (0, 1):  # 1: some rows rejected (reported), the others imported
        raise SystemExit(f"museum import {path.name} exited {done.returncode}:\n{done.stderr[-3000:]}")
    return done


def attach_images(cluster: Cluster, folder: Path, identifiers: list[str]) -> list[str]:
    """Each real image of ../shared/data on an item of its own; the sha256 of each."""
    files = sorted(folder.rglob("*.jpg"))
    for identifier, path in zip(identifiers[: len(files)], files, strict=False):
        cluster.museum("media", "add", identifier, str(path), "--rights", "CC BY 3.0 AU")
    engine = create_engine(cluster.environment["MUSEUM_DATABASE_URL"])
    with Session(engine) as session:
        from app.media.models import Media

        found = list(session.scalars(select(Media.sha256).where(Media.mime_type.like("image/%"))))
    engine.dispose()
    print(f"images: {len(files)} real JPEGs attached, {len(found)} image media")
    return found


def curator_token(cluster: Cluster) -> str:
    """An admin account and its personal API token, made as `museum users` would."""
    import app.models  # noqa: F401  (every table mapped)
    from app.account import api_tokens
    from app.account.models import User
    from app.account.passwords import hash_password

    engine = create_engine(cluster.environment["MUSEUM_DATABASE_URL"])
    with Session(engine) as session:
        user = User(name="bench-curator", role="admin", display_name="Bench", password_hash=hash_password("x" * 20))
        session.add(user)
        session.flush()
        token = api_tokens.create(session, user, "bench").token
        session.commit()
    engine.dispose()
    return token


# Requests ---------------------------------------------------------------------------------------------------------


@dataclass
class Tally:
    """Latencies by route, errors, and statuses that are not errors but worth telling (429)."""

    times: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    errors: list[str] = field(default_factory=list)
    statuses: Counter = field(default_factory=Counter)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, route: str, milliseconds: float, status: int, error: str | None) -> None:
        with self.lock:
            self.times[route].append(milliseconds)
            self.statuses[(route, status)] += 1
            if error:
                self.errors.append(error)


def request(connection, method: str, target: str, body: dict | None = None, headers: dict | None = None):
    """(status, body bytes, milliseconds); raises OSError / HTTPException on a broken connection."""
    start = time.perf_counter()
    data = json.dumps(body).encode() if body is not None else None
    extra = {"content-type": "application/json"} if body is not None else {}
    connection.request(method, target, body=data, headers=extra | (headers or {}))
    response = connection.getresponse()
    payload = response.read()
    return response.status, payload, (time.perf_counter() - start) * 1000


def _verdict(route: str, status: int, target: str) -> str | None:
    """An error: any 5xx, and any 4xx but the render budget's 429 on images (one address sends all the load)."""
    if status < 400 or (status == 429 and route.startswith("iiif")):
        return None
    return f"{status} {target}"


def visitor(port: int, targets: list[tuple[str, str]], tally: Tally, stop: threading.Event, offset: int) -> None:
    """One visitor with a kept-alive connection, cycling through (route, URL)."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=TIMEOUT)
    position = offset
    while not stop.is_set():
        route, target = targets[position % len(targets)]
        position += 1
        try:
            status, _body, elapsed = request(connection, "GET", target)
            tally.add(route, elapsed, status, _verdict(route, status, target))
        except (OSError, http.client.HTTPException) as failure:
            connection.close()
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=TIMEOUT)
            tally.add(route, TIMEOUT * 1000, 0, f"{type(failure).__name__} {target}")
    connection.close()


def visitor_targets(catalog: Catalog, port: int) -> list[tuple[str, str]]:
    """The visitors' mix: pages, both searches, and the IIIF info and tiles of every image."""
    pages = [("home", "/"), ("item.browse", "/items"), ("item.browse", "/items?page=2&sort=title")]
    items = [("item.detail", f"/items/{quote(i)}") for i in catalog.items[:: max(1, len(catalog.items) // 150)]]
    searches = [(("search.results", u)) for u in queries.search_urls()[:60]]
    api = [("api.search", queries.url(t, f, path="/api/v1/search")) for _g, t, f in queries.mix()[:60]]
    mixed = [pages[n % 3] if n % 4 == 0 else items[n % len(items)] for n in range(len(items))]
    return _interleave(mixed, searches, api, iiif_targets(catalog, port))


def _interleave(*lists: list) -> list:
    longest = max(len(one) for one in lists)
    return [one[n % len(one)] for n in range(longest) for one in lists if one]


def iiif_targets(catalog: Catalog, port: int) -> list[tuple[str, str]]:
    """info.json and the tiles OpenSeadragon asks for, for every image (read from its info.json)."""
    from app.sitecopy.iiif import grid

    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    targets = []
    for sha256 in catalog.images:
        status, body, _ms = request(connection, "GET", f"/iiif/3/{sha256}/info.json")
        if status != 200:
            raise SystemExit(f"info.json of {sha256}: {status} {body[:300]!r}")
        info = json.loads(body)
        tile = info["tiles"][0]
        targets.append(("iiif.info", f"/iiif/3/{sha256}/info.json"))
        for region, size in grid(info["width"], info["height"], tile["width"], tile["scaleFactors"]):
            targets.append(("iiif.tile", f"/iiif/3/{sha256}/{region}/{size}/0/default.jpg"))
    connection.close()
    return targets


# The curator ------------------------------------------------------------------------------------------------------


@dataclass
class Saves:
    """Every save acknowledged (2xx): item -> the words written, in order."""

    acknowledged: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    conflicts: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)


def word(number: int, server: str) -> str:
    """A word found nowhere else, letters only (the analyzers split digits off)."""
    letters = ""
    while True:
        number, rest = divmod(number, 26)
        letters += chr(ord("a") + rest)
        if number == 0:
            return f"zq{server}{letters}xw"


def curator(port: int, server: str, items: list[str], token: str, saves: Saves, tally: Tally, stop) -> None:
    """Saves a new description on its items in turn, from each item's latest revision, until stopped."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=TIMEOUT)
    headers = {"authorization": f"Bearer {token}"}
    revisions = {identifier: _latest_revision(connection, identifier, headers) for identifier in items}
    number = 0
    while not stop.is_set():
        identifier, number = items[number % len(items)], number + 1
        text = word(number, server)
        body = {"revision": revisions[identifier], "descriptions": {"fr": f"Relevé du curateur : {text}."}}
        try:
            status, payload, elapsed = request(connection, "PATCH", f"/api/v1/items/{identifier}", body, headers)
        except (OSError, http.client.HTTPException) as failure:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=TIMEOUT)
            tally.add("api.item.update", TIMEOUT * 1000, 0, f"{type(failure).__name__} PATCH {identifier}")
            continue
        tally.add("api.item.update", elapsed, status, None if status < 300 else f"{status} PATCH {identifier}")
        if status < 300:
            revisions[identifier] = json.loads(payload)["revision"]
            with saves.lock:
                saves.acknowledged[identifier].append(text)
        time.sleep(0.2)


def _latest_revision(connection, identifier: str, headers: dict) -> int:
    status, body, _ms = request(connection, "GET", f"/api/v1/items/{identifier}/revisions", headers=headers)
    numbers = [revision["number"] for revision in json.loads(body)["revisions"]] if status == 200 else []
    return max(numbers, default=0)


# The run ----------------------------------------------------------------------------------------------------------


def load(cluster: Cluster, catalog: Catalog, servers: list[str], seconds: float, clients: int, curate: bool):
    """Visitors (and the curator, and the import at half time) on `servers` for `seconds`: (tally, saves, import)."""
    tally, saves, stop = Tally(), Saves(), threading.Event()
    threads = []
    for number, server in enumerate(servers):
        port = cluster.ports[server]
        targets = visitor_targets(catalog, port)
        for client in range(clients):
            offset = (number * clients + client) * len(targets) // (clients * len(servers))
            threads.append(threading.Thread(target=visitor, args=(port, targets, tally, stop, offset)))
        if curate:
            mine = catalog.edited[number :: len(servers)]
            args = (port, server, mine, catalog.token, saves, tally, stop)
            threads.append(threading.Thread(target=curator, args=args))
    for thread in threads:
        thread.start()
    imported = _import_at_half_time(cluster, catalog, seconds) if curate else _sleep(seconds)
    stop.set()
    for thread in threads:
        thread.join(timeout=TIMEOUT + 10)
    return tally, saves, imported


def _sleep(seconds: float) -> dict:
    time.sleep(seconds)
    return {}


def _import_at_half_time(cluster: Cluster, catalog: Catalog, seconds: float) -> dict:
    end = time.monotonic() + seconds
    time.sleep(seconds / 2)
    started = time.perf_counter()
    done = subprocess.run(
        [str(MUSEUM), "import", str(catalog.later)], env=cluster.environment, capture_output=True, text=True
    )
    result = {"seconds": time.perf_counter() - started, "code": done.returncode, "said": done.stdout.strip()[-300:]}
    time.sleep(max(0.0, end - time.monotonic()))
    return result


def caught_up(cluster: Cluster, limit: float = 900) -> float:
    """Seconds until no job is due or running (the worker has indexed every change)."""
    from app.job.models import PENDING, RUNNING, Job

    engine = create_engine(cluster.environment["MUSEUM_DATABASE_URL"])
    started = time.perf_counter()
    due = select(func.count()).where(Job.status.in_([PENDING, RUNNING]), Job.run_after <= func.now())
    try:
        while time.perf_counter() - started < limit:
            with engine.connect() as connection:
                if connection.scalar(due) == 0:
                    return time.perf_counter() - started
            time.sleep(0.5)
    finally:
        engine.dispose()
    raise SystemExit(f"the worker had not caught up after {limit:.0f} s")


def lost_writes(cluster: Cluster, saves: Saves, token: str) -> list[str]:
    """Every acknowledged save in the item's revisions, the last one its description, found by both servers."""
    lost = []
    for identifier, words in saves.acknowledged.items():
        history, description = _stored(cluster, identifier, token)
        lost += [f"{identifier}: save '{w}' not in its revisions" for w in words if w not in history]
        if words[-1] not in description:
            lost.append(f"{identifier}: description is {description!r}, last save was '{words[-1]}'")
        for server in cluster.ports:
            if identifier not in _found(cluster.ports[server], words[-1]):
                lost.append(f"{identifier}: '{words[-1]}' not found by /api/v1/search on server {server}")
    return lost


def _stored(cluster: Cluster, identifier: str, token: str) -> tuple[str, str]:
    connection = http.client.HTTPConnection("127.0.0.1", cluster.ports["b"], timeout=60)
    headers = {"authorization": f"Bearer {token}"}
    _s, history, _ms = request(connection, "GET", f"/api/v1/items/{identifier}/revisions", headers=headers)
    _s, detail, _ms = request(connection, "GET", f"/api/v1/items/{identifier}", headers=headers)
    connection.close()
    return history.decode(), json.dumps(json.loads(detail).get("descriptions", {}), ensure_ascii=False)


def _found(port: int, text: str) -> str:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    _s, body, _ms = request(connection, "GET", f"/api/v1/search?{urlencode({'q': text})}")
    connection.close()
    return body.decode()


# Report -----------------------------------------------------------------------------------------------------------


def percentiles(times: list[float]) -> str:
    ordered = sorted(times)
    p95 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))]
    return f"{len(ordered):>7,} {statistics.median(ordered):>8.1f} {p95:>8.1f} {ordered[-1]:>8.1f}"


def print_tally(title: str, tally: Tally, seconds: float) -> None:
    total = sum(len(times) for times in tally.times.values())
    print(f"\n{title}: {total:,} requests in {seconds:.0f} s = {total / seconds:.1f}/s, {len(tally.errors)} errors")
    print(f"  {'route':<18} {'count':>7} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}")
    for route in sorted(tally.times):
        print(f"  {route:<18} {percentiles(tally.times[route])}")
    odd = {f"{route} {status}": n for (route, status), n in sorted(tally.statuses.items()) if status >= 300}
    if odd:
        print(f"  statuses besides 2xx: {odd}")
    for error in tally.errors[:10]:
        print(f"  error: {error}")


def memory(cluster: Cluster) -> dict[str, float]:
    return {name: rss_mb(process.pid) for name, process in cluster.processes.items()}


def load_average() -> str:
    return " ".join(f"{value:.2f}" for value in os.getloadavg())


def parse() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", required=True, help="a PostgreSQL database, dropped and created again")
    parser.add_argument("--minutes", type=float, default=5.0)
    parser.add_argument("--clients", type=int, default=3, help="visitors per server")
    parser.add_argument("--data", dest="data_dir", type=Path, default=DATA, help="the real records (../shared/data)")
    parser.add_argument("--per-source", type=int, default=1000, help="rows of each source of ../shared/data")
    return parser.parse_args()


def main() -> None:
    args = parse()
    if not args.database_url.startswith("postgresql"):
        raise SystemExit(
            "several app servers share a PostgreSQL database: give --database-url postgresql+psycopg://..."
        )
    print(f"machine: {os.cpu_count()} cores, load average {load_average()} (other work on it counts in every figure)")
    with tempfile.TemporaryDirectory(prefix="museum-bench-servers-") as tmp:
        folder = Path(tmp)
        (folder / "logs").mkdir()
        cluster = Cluster(environment(fresh_database(args.database_url), folder), folder / "logs")
        for name in PASSED_THROUGH:
            print(f"{name}={os.environ.get(name, '(not set: the default)')}")
        catalog = build(cluster, folder, args.data_dir, args.per_source)
        with running(cluster, servers=2, workers=1):
            failed = run(cluster, catalog, args)
    sys.exit(1 if failed else 0)


def run(cluster: Cluster, catalog: Catalog, args: argparse.Namespace) -> bool:
    """The reference, the mixed load, the catch-up and the check; True when anything failed."""
    warm, _s, _i = load(cluster, catalog, ["a", "b"], 15, 1, curate=False)
    print(f"warm-up: {sum(len(t) for t in warm.times.values())} requests, {len(warm.errors)} errors")
    reference, _s, _i = load(cluster, catalog, ["a"], REFERENCE_SECONDS, args.clients, curate=False)
    print_tally(f"reference: visitors only, server a alone, {args.clients} clients", reference, REFERENCE_SECONDS)
    before, seconds = memory(cluster), args.minutes * 60
    print(
        f"\nmixed load for {args.minutes:g} min, {args.clients} visitors + 1 curator per server; "
        f"load average {load_average()}"
    )
    tally, saves, imported = load(cluster, catalog, ["a", "b"], seconds, args.clients, curate=True)
    print_tally("mixed load, servers a and b", tally, seconds)
    after = memory(cluster)
    print("RSS MB (start -> end): " + ", ".join(f"{n} {before[n]:.0f} -> {after[n]:.0f}" for n in before))
    print(f"import during the load: exit {imported['code']} in {imported['seconds']:.0f} s: {imported['said']}")
    catch_up = caught_up(cluster)
    print(f"worker caught up {catch_up:.1f} s after the load ended; load average {load_average()}")
    acknowledged = sum(len(words) for words in saves.acknowledged.values())
    lost = lost_writes(cluster, saves, catalog.token)
    print(f"saves acknowledged: {acknowledged} on {len(saves.acknowledged)} items; lost: {len(lost)}")
    for line in lost[:20]:
        print(f"  lost: {line}")
    return bool(tally.errors or lost or imported["code"] not in (0, 1))


if __name__ == "__main__":
    main()
