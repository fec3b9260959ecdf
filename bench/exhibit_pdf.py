"""The printed exhibit: a 20-page exhibit built from real records, its booklet's HTML and PDF, timed.

The records are the developer corpus's (../shared/data: Mérimée monuments, Toulouse inventory notices,
Tate artworks), imported by the museum's importer into a fresh catalog in a temporary folder; the real
scans of ../shared/data/images are attached to the items the exhibit shows (derivatives made at once).
Each of the 20 pages has a text block (an inventory notice's history text), an item, a gallery of four,
a quotation, a "then and now" comparison and a zoom on a region. The booklet's HTML is rendered through the real app (as
`GET /exhibits/{slug}.pdf` does), then the job's work (WeasyPrint) is timed, as is the process's peak RSS.
Target: the PDF in under 10 s. Run with `python -m bench.exhibit_pdf [--data D]`.
"""

import argparse
import io
import resource
import tempfile
import time
from itertools import cycle
from pathlib import Path

from fastapi.testclient import TestClient
from pypdf import PdfReader
from sqlalchemy import select

import app.models  # noqa: F401  (every table is mapped before the first query)
from app.account.models import User
from app.exhibit import blocks, editing, pdf
from app.item.models import Item
from app.job.models import Job
from app.main import create_app
from app.media.service import attach
from bench.corpus import DATA, build_catalog, catalog_settings

PAGES = 20
TARGET_SECONDS = 10.0


def scans(data_dir: Path) -> list[Path]:
    """The corpus's real photographs (JPEG), sorted."""
    return sorted((Path(data_dir) / "images").rglob("*.jpg"))


def pages(buildings: list[Item], artworks: list[Item], notices: list[Item]) -> list[dict]:
    """Twenty pages of six blocks from the records: text, item, gallery, quotation, comparison, zoom."""
    found, art, texts = cycle(buildings), cycle(artworks), cycle(notices)
    made = []
    for number in range(1, PAGES + 1):
        notice = next(texts)
        history = (notice.descriptions or {}).get("fr") or notice.titles.get("fr", "")
        shown = next(found)
        made.append(
            {
                "key": f"page-{number}",
                "titles": {"fr": f"{number}. {shown.titles.get('fr') or shown.identifier}"},
                "blocks": [
                    {"type": "text", "body": {"fr": f"## {notice.titles.get('fr', '')}\n\n{history}"}},
                    {"type": "item", "item": shown.identifier, "caption": {"fr": "Un monument proche de Villerupt"}},
                    {"type": "gallery", "items": [next(art).identifier for _ in range(4)], "width": "full"},
                    {"type": "quote", "text": {"fr": history[:280] or "…"}, "source": {"fr": notice.identifier}},
                    {"type": "compare", "before": next(found).identifier, "after": next(art).identifier},
                    {"type": "zoom", "item": shown.identifier, "region": {"x": 25, "y": 25, "w": 50, "h": 50}},
                ],
            }
        )
    return made


def build_exhibit(settings, data_dir: Path) -> str:
    """The exhibit, published, with the scans attached to the items it shows; returns its slug."""
    app = create_app(settings)
    with app.state.session_factory() as session:
        items = list(session.scalars(select(Item).order_by(Item.id)))
        buildings = [item for item in items if item.identifier.startswith("PA")][:30]
        artworks = [item for item in items if item.kind == "artwork"][:30]
        notices = [item for item in items if item.identifier.startswith("tls-")][:PAGES]
        photos = cycle(scans(data_dir))
        for item in buildings + artworks:
            item.status = "published"
            attach(session, item, next(photos), settings, background=False, alt={"fr": "Photographie"})
        author = User(name="bench", display_name="Bench", role="supervisor", password_hash="-")
        session.add(author)
        session.flush()
        document = blocks.load({"pages": pages(buildings, artworks, notices)})
        values = {"slug": "vingt-pages", "language": "fr", "titles": {"fr": "Vingt pages de patrimoine"}}
        values |= {
            "summaries": {"fr": "Monuments et œuvres du corpus réel."},
            "credits": [("Nadia B.", "catalogued_by")],
        }
        exhibit = editing.create(session, values, author, document)
        exhibit.status = "published"
        session.commit()
    app.state.engine.dispose()
    return "vingt-pages"


def measure(settings, slug: str) -> None:
    app = create_app(settings)
    with TestClient(app, base_url="http://127.0.0.1:8000") as client:
        start = time.perf_counter()
        answer = client.get(f"/exhibits/{slug}.pdf")
        request_seconds = time.perf_counter() - start
        with app.state.session_factory() as session:
            payload = session.scalars(select(Job.payload).where(Job.kind == pdf.JOB)).one()
        rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        start, cpu = time.perf_counter(), time.process_time()
        path = pdf.build(settings, payload["exhibit_id"], payload["digest"], payload["site"])
        build_seconds, cpu_seconds = time.perf_counter() - start, time.process_time() - cpu
        rss_after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        served = client.get(f"/exhibits/{slug}.pdf")
    assert path is not None and answer.status_code == 202 and served.status_code == 200
    reader = PdfReader(io.BytesIO(served.content))
    images = sum(len(page.images) for page in reader.pages)
    size_kb = len(served.content) / 1024
    print(f"request (booklet HTML rendered, job enqueued, 202): {request_seconds * 1000:.0f} ms")
    verdict = "OK" if build_seconds < TARGET_SECONDS else "SLOWER THAN TARGET"
    print(f"PDF build (WeasyPrint, the job's work): {build_seconds:.2f} s (target < {TARGET_SECONDS:.0f} s: {verdict})")
    print(f"  of which CPU time of this process: {cpu_seconds:.2f} s (the wall time grows with the machine's load)")
    print(
        f"PDF: {len(reader.pages)} pages, {images} images, {size_kb:,.0f} kB, /Lang {reader.trailer['/Root']['/Lang']}"
    )
    print(f"peak RSS of the process: {rss_before:,.0f} MB before the build, {rss_after:,.0f} MB after")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA, help="the developer corpus (../shared/data)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-exhibit-pdf-") as folder:
        built = build_catalog(Path(folder), args.data, limit_per_source=40)
        print(f"catalog: {built['rows']} real rows imported ({built['summary']})")
        settings = catalog_settings(Path(folder))
        slug = build_exhibit(settings, args.data)
        print(f"exhibit: {PAGES} pages of 6 blocks from the real records, {len(scans(args.data))} real scans")
        measure(settings, slug)


if __name__ == "__main__":
    main()
