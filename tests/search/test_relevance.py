"""The judged queries, on the demo collection and on a slice of real records: the right items in
the first ten results."""

import time
import tomllib
from pathlib import Path

from app.search import service

HERE = Path(__file__).parent
JUDGED = tomllib.loads((HERE / "judged_queries.toml").read_text(encoding="utf-8"))["query"]
JUDGED_REAL = tomllib.loads((HERE / "judged_real_queries.toml").read_text(encoding="utf-8"))["query"]
REQUIRED = 0.9


def test_judged_queries_find_the_expected_items(demo, figures):
    judge(demo, JUDGED, "judged queries", figures)


def test_judged_queries_on_real_records_find_the_expected_items(real, figures):
    judge(real, JUDGED_REAL, "judged queries on real records", figures)


def judge(index, judged: list[dict], name: str, figures) -> None:
    failures, timings = [], []
    for case in judged:
        started = time.perf_counter()
        results = service.search(index, case["q"], lang="fr", per_page=10)
        timings.append(time.perf_counter() - started)
        found = [hit.identifier for hit in results.hits]
        missing = [identifier for identifier in case["expect"] if identifier not in found]
        if missing:
            failures.append(f"{case['q']!r} ({case['kind']}): missing {missing}, got {found}")
    precision = 1 - len(failures) / len(judged)
    timings.sort()
    figures.append(
        f"{name} ({index.engine_name}): {len(judged) - len(failures)}/{len(judged)} satisfied ({precision:.0%}); "
        f"p50 {timings[len(timings) // 2] * 1000:.1f} ms, max {timings[-1] * 1000:.1f} ms"
    )
    figures.extend(f"  {failure}" for failure in failures)
    assert len(judged) >= 40
    assert precision >= REQUIRED, "\n".join(failures)
