"""The timeline (/timeline and /api/v1/timeline) on the real catalog: latency of each level, filters and words.

The catalog is bench.corpus's real records (about 104,000: Mérimée, Toulouse, Tate, MoMA; imported once, or
reused with `--keep DIR`), indexed by `museum reindex` when DIR/index is missing (words need the index). The real
app answers in this process through its HTTP interface (Starlette's TestClient: routing, permissions, SQL, the
page's template): the top level, the three fullest centuries, decades and years, the undated items, filters
(kind, collection, period) and words, each page and its JSON `--rounds` times. It prints p50/p95/max by level,
and this process's RSS. Target: p95 under 250 ms for every level of the page.
Run with `python -m bench.timeline [--keep DIR] [--data D] [--rounds N]`.
"""

import argparse
import os
import time
from pathlib import Path
from urllib.parse import urlencode

from fastapi.testclient import TestClient

from app.main import create_app
from app.migrate import upgrade
from bench.corpus import DATA, catalog_settings
from bench.search import spread
from bench.server import catalog_folder, prepare, reindex, rss_mb

TARGET_MS = 250
FULLEST = 3  # periods measured at each level below the top
WORDS = ("portrait", "haut-fourneau", "église")


def fullest(client: TestClient, params: dict) -> list[dict]:
    """The level's periods holding the most items."""
    periods = client.get("/api/v1/timeline", params=params).json()["periods"]
    return sorted(periods, key=lambda period: -period["count"])[:FULLEST]


def requests(client: TestClient) -> dict[str, list[dict]]:
    """The query parameters measured, by group."""
    centuries = fullest(client, {})
    decades = [d for c in centuries for d in fullest(client, {"century": c["start"]})][:FULLEST]
    years = [y for d in decades for y in fullest(client, {"decade": d["start"]})][:FULLEST]
    collection = client.get("/api/v1/collections").json()
    slugs = [entry["slug"] for entry in collection["collections"]][:1]
    return {
        "top": [{}],
        "century": [{"century": c["start"]} for c in centuries],
        "decade": [{"decade": d["start"]} for d in decades],
        "year": [{"year": y["start"]} for y in years],
        "undated": [{"undated": "true"}],
        "filters": [{"kind": "artwork"}, {"period": "1900-1949"}, {"century": 1900, "kind": "building"}]
        + [{"collection": slug} for slug in slugs],
        "words": [{"q": word} for word in WORDS] + [{"q": WORDS[0], "century": 1900}],
    }


def measure(client: TestClient, wanted: dict[str, list[dict]], rounds: int) -> dict[str, dict[str, list[float]]]:
    """Milliseconds of each request, by group, for the page and for the JSON."""
    times: dict[str, dict[str, list[float]]] = {"page": {}, "json": {}}
    for _round in range(rounds):
        for group, all_params in wanted.items():
            for params in all_params:
                for kind, path in (("page", "/timeline"), ("json", "/api/v1/timeline")):
                    start = time.perf_counter()
                    response = client.get(path, params=params)
                    elapsed = (time.perf_counter() - start) * 1000
                    assert response.status_code == 200, (path, params, response.status_code)
                    times[kind].setdefault(group, []).append(elapsed)
                    times[kind].setdefault(f"{group}: {urlencode(params)}", []).append(elapsed)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keep", type=Path, default=None, help="catalog folder to keep and reuse")
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--rounds", type=int, default=10)
    options = parser.parse_args()
    with catalog_folder(options.keep) as folder:
        prepare(folder, options.data)
        if not (folder / "index").is_dir() or not any((folder / "index").iterdir()):
            done = reindex(folder)
            print(f"index: built in {done['seconds']:.0f} s ({done['mb']:.0f} MB)")
        settings = catalog_settings(folder).model_copy(update={"allowed_hosts": "testserver"})
        upgrade(settings.database_url)  # a kept catalog gets the migrations made since (the timeline's index)
        before = rss_mb()
        with TestClient(create_app(settings)) as client:
            top = client.get("/api/v1/timeline").json()
            print(
                f"catalog: {top['total']:,} public items; {len(top['periods'])} centuries, "
                f"{top['items_total']:,} dated across centuries or open-ended, {top['undated']['count']:,} undated"
            )
            wanted = requests(client)
            measure(client, wanted, 1)  # warm-up: the index's caches, SQLite's pages
            warmed = rss_mb()
            times = measure(client, wanted, options.rounds)
        report(times, options.rounds)
        print(
            f"this process's RSS: {before:.0f} MB before the app, {warmed:.0f} MB warmed up, "
            f"{rss_mb():.0f} MB at the end"
        )


def report(times: dict[str, dict[str, list[float]]], rounds: int) -> None:
    print(
        f"latency in ms over {rounds} rounds (p50 / p95 / max), target p95 < {TARGET_MS} ms for the page; "
        f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores"
    )
    for group in times["page"]:
        page, json = spread(times["page"][group]), spread(times["json"][group])
        if ":" in group and page[1] < TARGET_MS:
            continue  # a request is shown on its own only when it misses the target
        verdict = "ok" if page[1] < TARGET_MS else "SLOW"
        print(
            f"  {group:<8} page {page[0]:6.1f} / {page[1]:6.1f} / {page[2]:6.1f}   "
            f"json {json[0]:6.1f} / {json[1]:6.1f} / {json[2]:6.1f}   {verdict}"
        )


if __name__ == "__main__":
    main()
