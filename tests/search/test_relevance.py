"""The judged queries on the demo collection: the right items in the first ten results."""

import time
import tomllib
from pathlib import Path

from app.search import service

JUDGED = tomllib.loads((Path(__file__).parent / "judged_queries.toml").read_text(encoding="utf-8"))["query"]
REQUIRED = 0.9


def test_judged_queries_find_the_expected_items(demo_index, figures):
    failures, timings = [], []
    for case in JUDGED:
        started = time.perf_counter()
        results = service.search(demo_index, case["q"], lang="fr", per_page=10)
        timings.append(time.perf_counter() - started)
        found = [hit.identifier for hit in results.hits]
        missing = [identifier for identifier in case["expect"] if identifier not in found]
        if missing:
            failures.append(f"{case['q']!r} ({case['kind']}): missing {missing}, got {found}")
    precision = 1 - len(failures) / len(JUDGED)
    timings.sort()
    figures.append(f"judged queries: {len(JUDGED) - len(failures)}/{len(JUDGED)} satisfied ({precision:.0%}); "
                   f"p50 {timings[len(timings) // 2] * 1000:.1f} ms, max {timings[-1] * 1000:.1f} ms")
    figures.extend(f"  {failure}" for failure in failures)
    assert len(JUDGED) >= 40
    assert precision >= REQUIRED, "\n".join(failures)
