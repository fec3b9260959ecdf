"""An exhibit page of 40 blocks made of real records, served by `museum serve` to concurrent clients.

The catalog is bench.corpus's real records (imported once, or reused with `--keep DIR`; `--limit N` takes
the first N records of each source). Real photographs of the corpus (`images/`) are attached to real
buildings and artworks with their derivatives, and the real Western Sydney transcript becomes an interview.
One published exhibit then has a page of 40 blocks of every type (text from the Toulouse inventory's history
texts, items, galleries, zooms, comparisons, quotations of the transcript, clips of it, maps of the
buildings, timelines) and a second page. `museum serve` (one worker) answers that page to `--clients`
clients for `--seconds`: pages/s per worker (target >= 300), p50/p95 latency and the server's RSS, with, measured
on the same server in the same run, the site's lightest page and the framework's floor (`/robots.txt`).
Run with `python -m bench.exhibits [--keep DIR] [--data D] [--limit N] [--seconds S] [--clients C]`.
"""

import argparse
import os
import time
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

import app.models  # noqa: F401  (every mapped class, before the services configure the mappers)
from app.db import make_engine, make_session_factory
from app.exhibit import blocks
from app.exhibit.models import Exhibit, ExhibitItem
from app.interview.formats import parse_bytes
from app.interview.models import Cue, Interview
from app.item.kinds import PUBLISHED
from app.item.models import Item
from app.media.service import attach
from bench.corpus import DATA, build_catalog, catalog_settings, print_import
from bench.interviews import TRANSCRIPT, _jsonl, sentences
from bench.search import spread
from bench.server import Load, catalog_folder, cpu_seconds, rss_mb, served, settle

SLUG = "bench-quarante-blocs"
BLOCKS = 40
TARGET = 300  # pages/s per worker
ORAL = "BENCH-EXHIBIT-OH"


def photos(data: Path) -> list[Path]:
    """The corpus's real photographs."""
    return sorted((data / "images").rglob("*.jpg"))


def _items(session: Session, kind: str, count: int) -> list[Item]:
    query = select(Item).where(Item.kind == kind, Item.status == PUBLISHED).order_by(Item.id).limit(count)
    return list(session.scalars(query))


def _interview(session: Session, data: Path) -> Item:
    """The real Western Sydney interview, with its timed cues."""
    item = Item(identifier=ORAL, kind="interview", status=PUBLISHED, language="en", titles={"en": "Western Sydney"})
    item.sort_title = "western sydney"
    session.add(item)
    session.flush()
    session.add(Interview(item_id=item.id, languages=["en"]))
    cues = parse_bytes((data / TRANSCRIPT).read_bytes(), TRANSCRIPT.name).cues
    for n, cue in enumerate(cues):
        session.add(
            Cue(item_id=item.id, position=n, start_seconds=cue.start, end_seconds=cue.end, language="en", text=cue.text)
        )
    session.flush()
    return item


def _texts(data: Path) -> list[str]:
    """Real French paragraphs: the Toulouse inventory's history texts."""
    found = []
    for record in _jsonl(data / "heritage" / "inventaire_toulouse_dev.jsonl"):
        said = sentences(record.get("chphist"))
        if len(said) >= 3:
            found.append(" ".join(said[:4]))
        if len(found) >= BLOCKS:
            return found
    return found


def page_blocks(buildings: list[str], artworks: list[str], texts: list[str], quotes: list[str], clips) -> list[dict]:
    """40 blocks cycling through every type, over the real items."""
    makers = [
        lambda n: {"type": "text", "body": {"fr": f"## {n + 1}\n\n{texts[n % len(texts)]}"}},
        lambda n: {"type": "item", "item": artworks[n % len(artworks)], "width": "half"},
        lambda n: {"type": "gallery", "items": artworks[:6], "width": "full", "caption": {"fr": "Œuvres"}},
        lambda n: {"type": "zoom", "item": artworks[n % len(artworks)], "region": {"x": 20, "y": 20, "w": 40, "h": 40}},
        lambda n: {"type": "compare", "before": artworks[0], "after": artworks[1]},
        lambda n: {"type": "quote", "text": {"en": quotes[n % len(quotes)]}, "source": {"fr": "Entretien"}},
        lambda n: {"type": "moment", "item": ORAL, "start": clips[n % len(clips)][0], "end": clips[n % len(clips)][1]},
        lambda n: {"type": "map", "items": buildings[:8]},
        lambda n: {"type": "timeline", "items": buildings[:8] + artworks[:4]},
    ]
    return [makers[n % len(makers)](n) for n in range(BLOCKS)]


def add_exhibit(folder: Path, data: Path) -> dict:
    """The exhibit in the catalog of `folder` (added once): what its page shows."""
    settings = catalog_settings(folder)
    engine = make_engine(settings.database_url)
    try:
        with make_session_factory(engine).begin() as session:
            exhibit = session.scalar(select(Exhibit).where(Exhibit.slug == SLUG))
            if exhibit is None:
                exhibit = _build(session, settings, data)
            document = blocks.load(exhibit.document)
            return {"blocks": len(document.pages[0].blocks), "items": len(document.item_identifiers())}
    finally:
        engine.dispose()


def _build(session: Session, settings, data: Path) -> Exhibit:
    buildings = [i for i in _items(session, "building", 400) if i.latitude is not None][:12]
    artworks = _items(session, "artwork", 12)
    for item, photo in zip(artworks + buildings, photos(data), strict=False):
        media = attach(session, item, photo, settings, background=False)
        media.alt_texts = {item.language: next(iter(item.titles.values()), item.identifier)}
    oral = _interview(session, data)
    cues = list(session.scalars(select(Cue).where(Cue.item_id == oral.id, Cue.end_seconds.is_not(None))))
    clips = [(c.start_seconds, c.end_seconds + 20) for c in cues[5:200:20]]
    quotes = [c.text for c in cues if len(c.text) > 80][:10]
    pages = [
        {"key": "quarante", "titles": {"fr": "Quarante blocs"}, "blocks": []},
        {"key": "suite", "titles": {"fr": "La suite"}, "blocks": [{"type": "text", "body": {"fr": "Fin."}}]},
    ]
    ids = ([b.identifier for b in buildings], [a.identifier for a in artworks])
    pages[0]["blocks"] = page_blocks(*ids, _texts(data), quotes, clips)
    document = blocks.load({"version": blocks.VERSION, "pages": pages})
    exhibit = Exhibit(slug=SLUG, status=PUBLISHED, titles={"fr": "Banc d’essai"}, document=blocks.dump(document))
    session.add(exhibit)
    session.flush()
    found = dict(
        session.execute(select(Item.identifier, Item.id).where(Item.identifier.in_(document.item_identifiers()))).all()
    )
    for position, identifier in enumerate(i for i in document.item_identifiers() if i in found):
        session.add(ExhibitItem(exhibit_id=exhibit.id, item_id=found[identifier], position=position))
    return exhibit


# The references, read on the same server in the same run: the site's lightest page, and the framework's floor
# (a text answer through the same middleware, identity and permission check, and one view on a worker thread).
REFERENCES = {"reference": ["/exhibits"], "floor": ["/robots.txt"]}


def http_run(
    folder: Path, seconds: float, clients: int, settings: dict[str, str] | None = None, references: bool = True
) -> dict[str, dict]:
    """The exhibit page, then (on the same server) the references, each for `seconds`."""
    urls = {"exhibit": [f"/exhibits/{SLUG}/quarante"]} | (REFERENCES if references else {})
    found = {}
    with served(folder, folder / "serve-exhibits.log", settings) as (pid, port):
        for name, wanted in urls.items():
            warm = Load(port, wanted, 1, max_requests=50).start()
            warm.threads[0].join(timeout=600)
            warm.stop()
            settle(pid)
            found[name] = _measure(pid, port, wanted, seconds, clients)
    return found


def _measure(pid: int, port: int, urls: list[str], seconds: float, clients: int) -> dict:
    before, cpu_before = rss_mb(pid), cpu_seconds(pid)
    load = Load(port, urls, clients).start()
    start = time.perf_counter()
    time.sleep(seconds)
    load.stop()
    elapsed = time.perf_counter() - start
    times, errors, size = load.take()
    after, cpu = rss_mb(pid), cpu_seconds(pid) - cpu_before
    return {
        "pages": len(times),
        "rate": len(times) / elapsed,
        "latency": spread(times or [0.0]),
        "errors": errors,
        "rss": (before, after),
        "kb": size / max(len(times), 1) / 1000,
        "cpu_ms": cpu * 1000 / max(len(times), 1),
    }


def report(label: str, found: dict, target: int | None = None) -> None:
    p50, p95, top = found["latency"]
    verdict = "" if target is None else (" (ok)" if found["rate"] >= target else f" (BELOW the target of {target})")
    print(
        f"{label}: {found['pages']} pages, {found['rate']:.0f} pages/s per worker{verdict}, "
        f"{found['kb']:.0f} kB a page; "
        f"server CPU {found['cpu_ms']:.1f} ms a page = {1000 / max(found['cpu_ms'], 1e-9):.0f} pages/s for a worker "
        f"with a whole core; latency p50 {p50:.1f} ms, p95 {p95:.1f} ms, max {top:.1f} ms; server RSS "
        f"{found['rss'][0]:.0f} -> {found['rss'][1]:.0f} MB; errors: {len(found['errors'])} {found['errors'][:3]}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keep", type=Path, default=None, help="catalog folder to keep and reuse")
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--limit", type=int, default=2000, help="records of each source (0: all of them)")
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--clients", type=int, default=4)
    options = parser.parse_args()
    with catalog_folder(options.keep) as folder:
        if (folder / "museum.db").exists():
            print(f"catalog: reusing {folder / 'museum.db'}")
        else:
            print_import(build_catalog(folder, options.data, options.limit or None))
        shown = add_exhibit(folder, options.data)
        print(f"exhibit page: {shown['blocks']} blocks of every type showing {shown['items']} real items")
        load_before = os.getloadavg()[0]
        kept = http_run(folder, options.seconds, options.clients)
        anew = http_run(folder, options.seconds, options.clients, {"MUSEUM_EXHIBIT_PAGE_SECONDS": "0"}, False)
    print(f"museum serve, 1 worker, {options.clients} clients, {options.seconds:.0f} s a run:")
    kept_label = "  exhibit page, kept (its body; a visitor's whole page) while the catalog is unchanged"
    report(kept_label, kept["exhibit"], TARGET)
    report("  exhibit page written anew at every request (exhibit_page_seconds=0)", anew["exhibit"])
    report("  reference, same server: /exhibits, the list of one exhibit", kept["reference"])
    report("  floor, same server: /robots.txt, a text answer through the same framework path", kept["floor"])
    after = os.getloadavg()[0]
    print(f"  the machine's load average: {load_before:.1f} before, {after:.1f} after, on {os.cpu_count()} cores")


if __name__ == "__main__":
    main()
