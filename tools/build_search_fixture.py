"""Build tests/fixtures/real_corpus/rows.jsonl.gz, a small slice of the real corpus in the import format.

    .venv/bin/python tools/build_search_fixture.py [SHARED_DATA_DIR]

Every Mérimée monument and Toulouse notice, 1,500 Tate and 3,000 MoMA artworks chosen with
random.Random(54190), always including some records for each judged query's words (so that those
queries have targets among the artworks too). The rows are bench/corpus.py's. The output is
deterministic (gzip without a time stamp); README.md and LICENSES.md beside it are written by hand.
"""

import gzip
import json
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # bench/ is not installed with the app

from bench.corpus import (  # noqa: E402
    DATA,
    MERIMEE,
    MOMA,
    TATE,
    TOULOUSE,
    artwork_row,
    building_row,
    moma_row,
    read_records,
    toulouse_row,
)

OUT = ROOT / "tests" / "fixtures" / "real_corpus" / "rows.jsonl.gz"
SEED = 54190
TATE_COUNT, MOMA_COUNT = 1500, 3000
PER_WORD = 12  # artworks kept for each word below, at most, before the random rest
# The words of the judged queries; a record matches a word when one of its spellings is in its text.
WORDS = [
    ("synagogue",),
    ("école", "ecole"),
    ("maternelle",),
    ("usine",),
    ("centrale",),
    ("électrique",),
    ("cité",),
    ("ouvrière",),
    ("monument aux morts",),
    ("hbm", "habitations à bon marché"),
    ("pans de bois",),
    ("maison de maître",),
    ("chevalement",),
    ("puits",),
    ("haut-fourneau", "haut fourneau", "hauts-fourneaux"),
    ("menier",),
    ("chocolat",),
    ("église", "eglise"),
    ("château", "chateau"),
    ("picasso",),
    ("walker evans",),
]


def text_of(row: dict) -> str:
    values = (value if isinstance(value, list) else [value] for value in row.values())
    return " ".join(str(v) for vs in values for v in vs if v).casefold()


def choose(rows: list[dict], count: int, rng: random.Random) -> list[dict]:
    """Up to PER_WORD rows per word, then a random sample of the rest, `count` in all, in identifier order."""
    texts = [text_of(row) for row in rows]
    chosen: set[int] = set()
    for spellings in WORDS:
        matching = [n for n, text in enumerate(texts) if any(s in text for s in spellings)]
        chosen.update(rng.sample(matching, min(PER_WORD, len(matching))))
    rest = sorted(set(range(len(rows))) - chosen)
    chosen.update(rng.sample(rest, max(0, count - len(chosen))))
    return [rows[n] for n in sorted(chosen)]


def fixture_rows(data_dir: Path) -> list[dict]:
    rng = random.Random(SEED)
    rows = [building_row(r) for r in read_records(data_dir / MERIMEE)]
    rows += [toulouse_row(r) for r in read_records(data_dir / TOULOUSE)]
    rows += choose([artwork_row(r) for r in read_records(data_dir / TATE)], TATE_COUNT, rng)
    return rows + choose([moma_row(r) for r in read_records(data_dir / MOMA)], MOMA_COUNT, rng)


def main() -> None:
    data_dir = Path(sys.argv[1]) if len(sys.argv) > 1 else DATA
    rows = fixture_rows(data_dir)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    with OUT.open("wb") as raw, gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0) as f:
        for row in rows:
            f.write((json.dumps(row, ensure_ascii=False) + "\n").encode("utf-8"))
    print(f"Wrote {OUT}: {len(rows):,} rows, {OUT.stat().st_size / 1e6:.2f} MB")


if __name__ == "__main__":
    main()
