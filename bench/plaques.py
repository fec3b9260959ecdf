"""Plaques: QR codes per second, and the label sheets' PDF made within the request, timed on real records.

The records are the developer corpus's Mérimée monuments (their real, long titles), imported by the museum's
importer into a fresh catalog in a temporary folder. Through the real app (a curator's session): `GET
/qr/item/{identifier}.png` and `.svg` (codes per second), then the PDF of an A5 plaque, of one A4 sheet (four
labels) and of the largest sheet a request may ask for (MAX_RECORDS labels), best of five each after WeasyPrint's
first import. Target: the largest sheet in under 0.5 s, so that it is made in the request and not as a job.
Run with `python -m bench.plaques [--data D]`.
"""

import argparse
import tempfile
import time
from pathlib import Path

from fastapi.testclient import TestClient
from sqlalchemy import select

import app.models  # noqa: F401  (every table is mapped before the first query)
from app.account import service as account_service
from app.account import sessions
from app.account.identity import SESSION_COOKIE
from app.item.models import Item
from app.main import create_app
from app.plaque.service import MAX_RECORDS
from bench.corpus import DATA, build_catalog, catalog_settings

TARGET_SECONDS = 0.5
CODES = 200


def best_of(client: TestClient, url: str, params: dict, times: int = 5) -> float:
    """The fastest of `times` answers of `url` (each must be a 200)."""
    best = float("inf")
    for _ in range(times):
        start = time.perf_counter()
        response = client.get(url, params=params)
        best = min(best, time.perf_counter() - start)
        assert response.status_code == 200, response.text[:300]
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        build_catalog(Path(folder), args.data, limit_per_source=200)
        settings = catalog_settings(Path(folder)).model_copy(update={"allowed_hosts": "testserver"})
        app = create_app(settings)
        with app.state.session_factory() as session:
            ids = list(session.scalars(select(Item.identifier).where(Item.identifier.like("PA%")).limit(MAX_RECORDS)))
            user = account_service.create(session, "bench", "curator", "a bench password of some length")
            token = sessions.start(session, user, settings).token
            session.commit()
        with TestClient(app) as client:
            client.cookies.set(SESSION_COOKIE, token)
            start = time.perf_counter()
            for n in range(CODES):
                code = client.get(f"/qr/item/{ids[n % len(ids)]}.{'png' if n % 2 else 'svg'}", params={"scale": 10})
                assert code.status_code == 200, code.text[:300]
            print(f"QR codes: {CODES / (time.perf_counter() - start):.0f} a second (PNG and SVG, scale 10)")
            client.get("/workspace/plaques/print.pdf", params={"records": ids[0], "layout": "plaque"})  # imports
            for label, records, layout in (
                ("A5 plaque", ids[:1], "plaque"),
                ("A4 sheet, 4 labels", ids[:4], "sheet"),
                (f"A4 sheets, {len(ids)} labels", ids, "sheet"),
            ):
                seconds = best_of(
                    client, "/workspace/plaques/print.pdf", {"records": "\n".join(records), "layout": layout}
                )
                print(f"{label}: {seconds * 1000:.0f} ms")
        verdict = "met" if seconds < TARGET_SECONDS else "MISSED"
        print(f"target: the largest sheet in under {TARGET_SECONDS} s: {verdict}")


if __name__ == "__main__":
    main()
