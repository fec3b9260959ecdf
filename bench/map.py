"""The map's GeoJSON endpoint at 100,000 points: p50/p95 per request over random views, features, memory.

The catalog is bench.corpus's 104,230 real records imported by the museum's importer (or reused with
`--keep DIR`). Only the Mérimée monuments near Villerupt and the Toulouse inventory notices carry real
coordinates (about 2,200 records); every other record (the Tate and MoMA artworks, which have none) is
given the point of a real geolocated record drawn at random, moved by a Gaussian jitter of JITTER_KM
(a seeded draw: the same points on every run). So the points keep the real records' density: dense
around Villerupt and in Toulouse, empty elsewhere. Titles, texts, kinds and dates stay the real ones, so
the text queries and filters select as they would on the real catalog. `museum reindex` then builds
the index, and `museum serve` (one worker) answers one client over a kept-alive connection.

The views are a 1280 x 800 pixel screen at world (zoom 2-4), region (7-9), town (12-14) and street
(16-18) zooms, centred on a random record's point (so rarely empty) or, one time in five, anywhere in
the points' extent; a third of the requests carry a filter, a quarter a text query from bench/queries.py.
The reference in the same run is /api/v1/search for the same words, one page. Run with
`python -m bench.map [--keep DIR] [--data D] [--requests N]`.
"""

import argparse
import http.client
import json
import math
import os
import random
import sqlite3
import statistics
import time
from pathlib import Path
from urllib.parse import urlencode

from bench import queries as mix_
from bench.corpus import DATA, catalog_settings
from bench.server import catalog_folder, prepare, reindex, rss_mb, served

TARGET = 100_000
JITTER_KM = 1.5
SEED = 20261207
SCREEN = (1280, 800)
LEVELS = {"world": (2, 4), "region": (7, 9), "town": (12, 14), "street": (16, 18)}
FILTERS = [{"kind": "building"}, {"kind": "artwork"}, {"period": "1900-1999"}, {"period": "1850-1870"}]


# The points: real ones, and the others placed near them


def database(folder: Path) -> Path:
    return Path(catalog_settings(folder).database_url.removeprefix("sqlite:///"))


def place_points(folder: Path) -> dict:
    """Give every record without a point a real record's point, with a jitter (once: the records are marked)."""
    db = sqlite3.connect(database(folder))
    if _marked(db):
        jittered = db.execute("SELECT count(*) FROM bench_map_jitter").fetchone()[0]
        db.close()
        return {"jittered": jittered, "changed": False}
    real = db.execute(POINTS).fetchall()
    missing = [row[0] for row in db.execute("SELECT id FROM items WHERE latitude IS NULL AND place_id IS NULL")]
    draw = random.Random(SEED)
    rows = [(*_near(draw, draw.choice(real)), item_id) for item_id in missing]
    with db:
        db.executemany("UPDATE items SET latitude = ?, longitude = ? WHERE id = ?", rows)
        db.execute("CREATE TABLE bench_map_jitter (id INTEGER PRIMARY KEY)")
        db.executemany("INSERT INTO bench_map_jitter VALUES (?)", [(item_id,) for item_id in missing])
    db.close()
    return {"jittered": len(rows), "changed": True}


# Published records with a point of their own or their place's (the index's rule, app/item/search.py).
POINTS = (
    "SELECT i.id, COALESCE(i.latitude, p.latitude), COALESCE(i.longitude, p.longitude) FROM items i "
    "LEFT JOIN places p ON p.id = i.place_id WHERE COALESCE(i.latitude, p.latitude) IS NOT NULL "
    "AND i.status = 'published'"
)


def _marked(db: sqlite3.Connection) -> bool:
    return bool(db.execute("SELECT 1 FROM sqlite_master WHERE name = 'bench_map_jitter'").fetchone())


def _near(draw: random.Random, row: tuple) -> tuple[float, float]:
    _id, lat, lon = row
    dlat = draw.gauss(0, JITTER_KM) / 111.2
    dlon = draw.gauss(0, JITTER_KM) / (111.2 * math.cos(math.radians(lat)))
    return max(-85.0, min(85.0, lat + dlat)), max(-180.0, min(180.0, lon + dlon))


def all_points(folder: Path) -> list[tuple[float, float]]:
    db = sqlite3.connect(database(folder))
    found = [(lat, lon) for _id, lat, lon in db.execute(POINTS)]
    db.close()
    return found


# The views


def view_box(lat: float, lon: float, zoom: int) -> str:
    """The bbox a SCREEN-sized Leaflet map shows at `zoom` around a point (clamped to the world)."""
    scale = 256 * 2**zoom
    x = (lon + 180) / 360 * scale
    y = (1 - math.log(math.tan(math.radians(lat)) + 1 / math.cos(math.radians(lat))) / math.pi) / 2 * scale

    def lon_at(px: float) -> float:
        return max(-180.0, min(180.0, px / scale * 360 - 180))

    def lat_at(py: float) -> float:
        return max(-85.0, min(85.0, math.degrees(math.atan(math.sinh(math.pi * (1 - 2 * py / scale))))))

    half_w, half_h = SCREEN[0] / 2, SCREEN[1] / 2
    return f"{lon_at(x - half_w):.5f},{lat_at(y + half_h):.5f},{lon_at(x + half_w):.5f},{lat_at(y - half_h):.5f}"


def requests(points: list[tuple[float, float]], count: int) -> list[tuple[str, str, str]]:
    """(level, kind of request, URL) for `count` random views."""
    draw = random.Random(SEED + 1)
    words = [text for _group, text, _filters in mix_.mix() if text][:60]
    lats, lons = [p[0] for p in points], [p[1] for p in points]
    found = []
    for n in range(count):
        level = list(LEVELS)[n % len(LEVELS)]
        zoom = draw.randint(*LEVELS[level])
        if draw.random() < 0.2:
            lat, lon = draw.uniform(min(lats), max(lats)), draw.uniform(min(lons), max(lons))
        else:
            lat, lon = draw.choice(points)
        params: dict[str, str | int] = {"bbox": view_box(lat, lon, zoom), "zoom": zoom}
        kind = "plain"
        roll = draw.random()
        if roll < 0.25:
            params["q"], kind = draw.choice(words), "text"
        elif roll < 0.58:
            params.update(draw.choice(FILTERS))
            kind = "filter"
        found.append((level, kind, "/api/v1/map?" + urlencode(params)))
    return found


# Measuring


def timed(connection: http.client.HTTPConnection, url: str) -> tuple[float, bytes, int]:
    start = time.perf_counter()
    connection.request("GET", url, headers={"Host": "127.0.0.1"})
    response = connection.getresponse()
    body = response.read()
    return (time.perf_counter() - start) * 1000, body, response.status


TICK_MS = 1000 / os.sysconf("SC_CLK_TCK")


def cpu_ms(pid: int) -> float:
    """The server's user + system CPU time so far (all its threads), in ms: unlike wall time, it does not grow
    while the process waits for a core that other programs hold."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) * TICK_MS


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def line(name: str, values: list[float]) -> str:
    return (
        f"  {name:<22} n={len(values):>4}  p50 {statistics.median(values):6.1f} ms  "
        f"p95 {percentile(values, 95):6.1f} ms  max {max(values):6.1f} ms"
    )


def measure(port: int, pid: int, plan: list[tuple[str, str, str]], words: list[str]) -> dict:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    for _level, _kind, url in plan[:20]:  # warm-up: the index's arrays, the first masks
        timed(connection, url)
    rss = [rss_mb(pid)]
    times: dict[tuple[str, str], list[float]] = {}
    cpu: dict[str, float] = {}
    features, errors = [], []
    for level, kind, url in plan:
        before = cpu_ms(pid)
        ms, body, status = timed(connection, url)
        cpu[level] = cpu.get(level, 0.0) + cpu_ms(pid) - before
        if status != 200:
            errors.append(f"{status} {url} {body[:200]!r}")
            continue
        answer = json.loads(body)
        features.append(len(answer["features"]))
        assert sum(f["properties"]["count"] for f in answer["features"]) == answer["total"]
        times.setdefault((level, kind), []).append(ms)
        if len(features) % 50 == 0:
            rss.append(rss_mb(pid))
    reference = [timed(connection, "/api/v1/search?" + urlencode({"q": word, "per_page": 20}))[0] for word in words]
    connection.close()
    return {"times": times, "cpu": cpu, "features": features, "errors": errors, "rss": rss, "reference": reference}


def report(found: dict, points: int, placed: dict) -> None:
    every = [ms for values in found["times"].values() for ms in values]
    print(
        f"points: {points:,} published records with a point ({points - placed['jittered']:,} real coordinates, "
        f"{placed['jittered']:,} placed near a real one with a {JITTER_KM} km Gaussian jitter)"
    )
    print(f"requests: {len(every)} over {len(LEVELS)} zoom levels, errors: {len(found['errors'])}")
    for error in found["errors"][:5]:
        print(f"  {error}")
    print(line("all", every))
    for level in LEVELS:
        values = [ms for (lv, _k), values in found["times"].items() if lv == level for ms in values]
        print(line(level, values) + f"  server CPU {found['cpu'][level] / len(values):5.1f} ms/request")
    for kind in ("plain", "filter", "text"):
        print(line(f"{kind}", [ms for (_lv, k), values in found["times"].items() if k == kind for ms in values]))
    print(f"features per answer: max {max(found['features'])}, median {statistics.median(found['features']):.0f}")
    print(f"server RSS: {found['rss'][0]:.0f} MB after warm-up, {max(found['rss']):.0f} MB at most during the run")
    print(line("reference /api/v1/search", found["reference"]))
    p95 = percentile(every, 95)
    verdict = "met" if p95 < 50 and max(found["features"]) < 300 else "NOT met"
    print(f"target p95 < 50 ms and < 300 features at 100,000 points: {verdict} (p95 {p95:.1f} ms)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keep", type=Path, default=None, help="build or reuse the catalog in this folder")
    parser.add_argument("--data", type=Path, default=DATA, help=f"the shared data folder (default {DATA})")
    parser.add_argument("--requests", type=int, default=800, help="map requests measured (default 800)")
    args = parser.parse_args()
    with catalog_folder(args.keep) as folder:
        prepare(folder, args.data)
        placed = place_points(folder)
        points = all_points(folder)
        if placed["changed"] or not (folder / "index" / "CURRENT").exists() or not _indexed_points(folder):
            built = reindex(folder)
            print(f"museum reindex: {built['seconds']:.0f} s, index {built['mb']:.0f} MB")
        plan = requests(points, args.requests)
        words = [text for _group, text, _filters in mix_.mix() if text][:30]
        with served(folder, folder / "serve.log") as (pid, port):
            found = measure(port, pid, plan, words)
        report(found, len(points), placed)


def _indexed_points(folder: Path) -> bool:
    """Whether the index was built with the map's columns (an older one must be rebuilt)."""
    from app.search.index import IndexUnavailable, SearchIndex

    try:
        index = SearchIndex(catalog_settings(folder).index_dir, create=False)
        with index.reading():
            pass
        index.close()
        return True
    except IndexUnavailable:
        return False


if __name__ == "__main__":
    main()
