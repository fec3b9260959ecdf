"""The printed exhibit: `GET /exhibits/{slug}.pdf` answers "being prepared" until the job has made the PDF, then
serves it; the PDF has the exhibit's pages, title and language; an edit makes a new one."""

import io
import time

import pytest
from fastapi.testclient import TestClient
from pypdf import PdfReader
from sqlalchemy import select

from app.exhibit import blocks, editing, pdf
from app.job.models import Job
from app.main import create_app
from app.media.store import store_of
from tests.account.routes import item_with_image
from tests.factories import make_exhibit, make_item, make_user, run_jobs
from tests.migrate import settings_on_copy

PAGES = [
    {
        "key": "la-cite",
        "titles": {"fr": "La cité ouvrière"},
        "blocks": [{"type": "text", "body": {"fr": "Des **maisons** de briques."}}],
    },
    {"key": "le-haut-fourneau", "titles": {"fr": "Le haut fourneau"}, "blocks": []},
    {
        "key": "les-familles",
        "titles": {"fr": "Les familles"},
        "blocks": [{"type": "quote", "text": {"fr": "On vivait ensemble."}}],
    },
]


def exhibit_with_item(session, settings, pages=None, **fields):
    item, image = item_with_image(session, settings, "published")
    image.alt_texts = {"fr": "La façade de l'usine"}
    pages = pages or [
        dict(PAGES[0], blocks=[*PAGES[0]["blocks"], {"type": "item", "item": item.identifier}]),
        *PAGES[1:],
    ]
    return make_exhibit(
        session, pages=pages, language="fr", titles={"fr": "Venir d'Italie", "de": "Aus Italien kommen"}, **fields
    ), item


def pdf_jobs(session) -> list[Job]:
    return list(session.scalars(select(Job).where(Job.kind == pdf.JOB)))


def test_the_pdf_is_prepared_by_a_job_once_then_served(client, session, settings):
    exhibit, _item = exhibit_with_item(session, settings)
    first = client.get(f"/exhibits/{exhibit.slug}.pdf")
    again = client.get(f"/exhibits/{exhibit.slug}.pdf?lang=de")
    assert first.status_code == again.status_code == 202
    assert first.headers["retry-after"] and "being prepared" in client.get(f"/exhibits/{exhibit.slug}.pdf?lang=en").text
    assert "wird vorbereitet" in again.text
    assert len(pdf_jobs(session)) == 1
    assert run_jobs(session, settings) == 1
    served = client.get(f"/exhibits/{exhibit.slug}.pdf")
    assert served.status_code == 200 and served.headers["content-type"] == "application/pdf"
    assert f'filename="{exhibit.slug}.pdf"' in served.headers["content-disposition"]
    assert len(pdf_jobs(session)) == 1


def test_the_pdf_has_the_exhibits_pages_title_and_language(client, session, settings):
    exhibit, item = exhibit_with_item(session, settings)
    client.get(f"/exhibits/{exhibit.slug}.pdf")
    run_jobs(session, settings)
    reader = PdfReader(io.BytesIO(client.get(f"/exhibits/{exhibit.slug}.pdf").content))
    text = "\n".join(page.extract_text() for page in reader.pages)
    # The cover, the contents, then one page or more for each page of the exhibit.
    assert len(reader.pages) >= 2 + len(PAGES)
    assert "Venir d'Italie" in text and "Le haut fourneau" in text and "On vivait ensemble" in text
    # The item's image, read from its derivative file, and its address printed beside it with a QR code.
    assert any(page.images for page in reader.pages)
    assert f"/items/{item.identifier}" in text
    assert reader.trailer["/Root"]["/Lang"] == "fr"
    assert reader.metadata.title == "Venir d'Italie"
    # PDF/UA: tagged for screen readers, the title shown instead of the file's name.
    assert "/StructTreeRoot" in reader.trailer["/Root"] and reader.trailer["/Root"]["/MarkInfo"]["/Marked"]
    assert reader.trailer["/Root"]["/ViewerPreferences"]["/DisplayDocTitle"]


def test_an_edit_makes_a_new_pdf_and_the_old_file_is_removed(client, session, settings):
    curator = make_user(session, "nadia", role="supervisor")
    exhibit = editing.create(
        session,
        {"slug": "les-cites", "language": "fr", "titles": {"fr": "Les cités"}},
        curator,
        blocks.load({"pages": PAGES}),
    )
    exhibit.status = "published"
    session.flush()
    client.get("/exhibits/les-cites.pdf")
    run_jobs(session, settings)
    before = client.get("/exhibits/les-cites.pdf")
    assert before.status_code == 200
    changed = blocks.load({"pages": [*PAGES, {"key": "la-fin", "titles": {"fr": "La fin des usines"}}]})
    editing.save_document(session, exhibit, changed, curator, base=1)
    assert client.get("/exhibits/les-cites.pdf").status_code == 202
    run_jobs(session, settings)
    after = client.get("/exhibits/les-cites.pdf")
    assert after.status_code == 200 and after.content != before.content
    assert "La fin des usines" in "".join(page.extract_text() for page in PdfReader(io.BytesIO(after.content)).pages)
    kept = list(store_of(settings).keys(f"{pdf.FOLDER}/{exhibit.id}/"))
    assert sorted(key.rsplit(".", 1)[1] for key in kept) == ["json", "pdf"]  # one version: its PDF and time


def test_only_what_visitors_may_see_is_printed(client, session, settings):
    hidden = make_item(session, identifier="DRAFT-7", status="draft", title="Brouillon secret")
    exhibit = make_exhibit(session, [hidden], titles={"fr": "Visible"})
    html = client.get(f"/exhibits/{exhibit.slug}.pdf")
    assert html.status_code == 202
    run_jobs(session, settings)
    content = client.get(f"/exhibits/{exhibit.slug}.pdf").content
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)
    assert "Visible" in text and "Brouillon secret" not in text and "DRAFT-7" not in text


@pytest.mark.parametrize("status", ["draft", "in_review", "withdrawn"])
def test_an_unpublished_exhibit_has_no_pdf(client, session, settings, status):
    exhibit = make_exhibit(session, status=status)
    assert client.get(f"/exhibits/{exhibit.slug}.pdf").status_code == 404
    assert client.get("/exhibits/no-such-exhibit.pdf").status_code == 404
    assert not pdf_jobs(session)


def test_every_block_type_is_printed_from_the_pages_partials(client, session, settings, exhibit, catalog):
    client.get(f"/exhibits/{exhibit.slug}.pdf")
    run_jobs(session, settings)
    content = client.get(f"/exhibits/{exhibit.slug}.pdf").content
    (settings.media_dir.parent / "every-block.pdf").write_bytes(content)
    reader = PdfReader(io.BytesIO(content))
    text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    for shown in ("Des maisons ouvrières", "La cité Bel-Air", "Deux vues", "Haut-fourneau de Micheville", "2020"):
        assert shown in text
    assert "On vivait au rythme des hauts-fourneaux" in text and "Une habitante" in text
    # The zoom block's region is cut from the image's own file (no request to the image server).
    assert sum(len(page.images) for page in reader.pages) >= 5
    for item in (catalog["a"], catalog["b"]):
        assert f"/items/{item.identifier}" in text.replace(" ", "")
    assert "/exhibits/la-cite-ouvriere/les-cites" in text.replace(" ", "")


def test_a_newer_versions_html_waiting_for_its_job_is_kept_when_an_older_one_is_built(session, settings):
    store = store_of(settings)
    older = pdf.booklet_for(settings, 7, "<html lang=fr><title>Avant</title><p>Avant</p></html>")
    newer = pdf.booklet_for(settings, 7, "<html lang=fr><title>Après</title><p>Après</p></html>")
    pdf.keep_html(store, older, "<html lang=fr><title>Avant</title><p>Avant</p></html>", written_ns=1)
    pdf.keep_html(store, newer, "<html lang=fr><title>Apres</title><p>Apres</p></html>")
    assert pdf.build(settings, 7, older.digest, "http://testserver/") == older.pdf
    assert store.exists(newer.html) and not store.exists(older.html)
    assert pdf.build(settings, 7, newer.digest, "http://testserver/") == newer.pdf
    assert sorted(store.keys(older.folder + "/")) == sorted([newer.pdf, newer.written])
    assert pdf.build(settings, 7, older.digest, "http://testserver/") is None  # its files are gone


def test_the_apps_own_worker_makes_the_pdf_after_the_first_request(tmp_path, migrated_sqlite_file):
    """End to end: the real app with its worker thread, its own sessions and commits, no test transaction."""
    app = create_app(settings_on_copy(tmp_path, migrated_sqlite_file, run_worker=True))
    with app.state.session_factory() as session:
        exhibit, _item = exhibit_with_item(session, app.state.settings)
        session.commit()
    with TestClient(app) as client:
        assert client.get(f"/exhibits/{exhibit.slug}.pdf").status_code == 202
        deadline = time.monotonic() + 120
        while (served := client.get(f"/exhibits/{exhibit.slug}.pdf")).status_code == 202:
            assert time.monotonic() < deadline, "the worker did not make the PDF"
            time.sleep(0.2)
    assert served.status_code == 200 and served.content.startswith(b"%PDF-")
    with app.state.session_factory() as session:
        assert [job.status for job in pdf_jobs(session)] == ["done"]
