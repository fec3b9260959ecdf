"""Importing transcript, index and translation files into an interview, and exporting them back."""

import io
from datetime import date, timedelta

import pytest
import srt
import webvtt
from sqlalchemy import select

from app.interview import exporting, importing, service
from app.interview.formats import parse_bytes
from app.job.models import Job
from app.revision import service as revision_service
from app.search import sync as search_sync
from tests.factories import make_item, make_user
from tests.interview.helpers import PNG, VOICES_VTT, WATSON, fixture, make_interview, reloaded, vtt, with_rows


def _import(session, item, data, name, kind="transcript", **options):
    return importing.import_file(session, item, data, name, kind, **options)


def _texts(item) -> list[str]:
    return [cue.text for cue in item.transcript]


def test_the_real_watson_transcript_is_imported_whole_with_its_faults_reported(session):
    item = make_interview(session, language="en")
    report = _import(session, item, WATSON.read_bytes(), WATSON.name)
    item = reloaded(session, item)
    assert report.imported and report.format == "text" and report.encoding == "utf-8"
    assert report.cues == len(item.transcript) == 84
    first = next(cue for cue in item.transcript if cue.start_seconds is not None)
    assert first.start_seconds == 30 and first.text.startswith("My name is Audrey Watson")
    assert item.transcript[0].start_seconds is None  # the header, kept as an untimed paragraph
    assert {cue.language for cue in item.transcript} == {"en"}
    assert (143, "bad-timecode") in [(p.line, p.code) for p in report.problems]
    assert all(p.reason and p.line >= 0 for p in report.problems)


def test_voice_tags_become_speakers_and_the_files_language_the_cues(session):
    item = make_interview(session, language="de")
    report = _import(session, item, VOICES_VTT.encode(), "entretien.vtt")
    item = reloaded(session, item)
    assert report.format == "vtt" and report.problems == []
    assert [(c.start_seconds, c.end_seconds, c.speaker) for c in item.transcript] == [
        (1.0, 4.0, "Marie Dupont"),
        (4.0, 7.5, "Claire Rossi"),
        (7.5, 12.0, "Marie Dupont"),
    ]
    assert {cue.language for cue in item.transcript} == {"fr"}  # the file's, before the item's


def test_language_option_applies_when_the_file_has_none(session):
    item = make_interview(session, language="fr")
    _import(session, item, b"0.05\tBonjou\n0.10\tGuten Tag\n", "t.txt", language="lb")
    assert {cue.language for cue in reloaded(session, item).transcript} == {"lb"}


@pytest.mark.parametrize(
    "name, fmt, encoding, cues, problem",
    [
        ("villerupt_cp1252.txt", "text", "cp1252", None, None),
        ("villerupt_overlap.srt", "srt", "utf-8", 5, "overlap"),
        ("villerupt_voices.vtt", "vtt", "utf-8", 4, "bad-timecode"),
        ("villerupt_utf16.txt", "text", "utf-16-le", None, None),
        ("villerupt_untimed.txt", "text", "utf-8", None, None),
    ],
)
def test_every_format_and_encoding_imports_with_problems_at_their_lines(session, name, fmt, encoding, cues, problem):
    item = make_interview(session)
    report = _import(session, item, fixture(name), name)
    item = reloaded(session, item)
    assert (report.format, report.encoding, report.imported) == (fmt, encoding, True)
    assert len(item.transcript) == report.cues == (cues or report.cues) > 0
    if problem:
        assert any(p.code == problem and p.line > 0 for p in report.problems)


def test_accents_of_a_windows_1252_file_survive(session):
    item = make_interview(session)
    _import(session, item, fixture("villerupt_cp1252.txt"), "villerupt_cp1252.txt")
    assert "Vous êtes née à Villerupt ?" in " ".join(_texts(reloaded(session, item)))


def test_nel_line_breaks_are_lines(session):
    item = make_interview(session)
    data = b"\x85".join(
        line.encode("cp1252") for line in ("0.05\tQ : Vous êtes née à Villerupt ?", "0.12\tR : Oui, en 1931.")
    )
    report = _import(session, item, data, "nel.txt")
    assert report.encoding == "cp1252"
    assert [(c.start_seconds, c.text) for c in reloaded(session, item).transcript] == [
        (5.0, "Q : Vous êtes née à Villerupt ?"),
        (12.0, "R : Oui, en 1931."),
    ]


def test_broken_time_codes_cost_only_their_line(session):
    item = make_interview(session)
    data = vtt(
        ("00:00:01.000", "00:00:02.000", "Un"),
        ("00:0x:03.000", "00:00:04.000", "Deux"),
        ("00:00:05.000", "00:00:06.000", "Trois"),
    )
    report = _import(session, item, data, "broken.vtt")
    assert _texts(reloaded(session, item)) == ["Un", "Trois"]
    assert [(p.line, p.code) for p in report.problems] == [(6, "bad-timecode")]


def test_a_five_megabyte_line_is_cut_reported_and_the_rest_kept(session):
    item = make_interview(session)
    data = b"0.05\tBonjour\n0.10\t" + b"a" * (5 * 1024 * 1024) + b"\n0.20\tAu revoir\n"
    report = _import(session, item, data, "long.txt")
    item = reloaded(session, item)
    assert any(p.code == "line-too-long" and p.line == 2 for p in report.problems)
    assert item.transcript[0].text == "Bonjour" and item.transcript[-1].text == "Au revoir"


@pytest.mark.parametrize("data, code", [(PNG, "not-text"), (b"", "empty"), (b"\n\n  \n", "empty")])
def test_a_file_that_cannot_be_read_changes_nothing(session, data, code):
    item = with_rows(session, make_interview(session), cues=[(1.0, 2.0, "Déjà là")])
    before = revision_service.latest_number(session, item.id)
    report = _import(session, item, data, "scan.png")
    assert not report.imported and [p.code for p in report.problems] == [code]
    assert report.status == (415 if code == "not-text" else 422)
    assert _texts(reloaded(session, item)) == ["Déjà là"]
    assert revision_service.latest_number(session, item.id) == before


def test_dry_run_reports_the_same_and_changes_nothing(session):
    item = with_rows(session, make_interview(session), cues=[(1.0, 2.0, "Déjà là")])
    dry = _import(session, item, VOICES_VTT.encode(), "v.vtt", dry_run=True)
    assert _texts(reloaded(session, item)) == ["Déjà là"]
    assert revision_service.history(session, item.id) == []
    real = _import(session, item, VOICES_VTT.encode(), "v.vtt")
    assert (dry.cues, dry.replaced, dry.problems, dry.imported) == (real.cues, real.replaced, real.problems, True)
    assert dry.revision is None and real.revision is not None


def test_each_import_is_a_revision_by_its_curator_and_reaches_the_search_outbox(session):
    search_sync.install(session)  # the app's and the commands' sessions have the outbox; the test's needs it too
    curator = make_user(session, role="curator")
    item = make_interview(session)
    jobs = session.scalar(select(Job.id).order_by(Job.id.desc()).limit(1)) or 0
    _import(session, item, VOICES_VTT.encode(), "v.vtt", actor=curator)
    _import(session, item, fixture("villerupt_ohms.xml"), "ohms.xml", kind="index", actor=curator)
    history = revision_service.history(session, item.id)
    assert [r.action for r in history] == ["transcript_import", "transcript_import", "baseline"]
    assert history[0].user_id == curator.id and history[0].comment == "index: ohms.xml (ohms)"
    payloads = session.scalars(select(Job.payload).where(Job.id > jobs, Job.kind == "search.index")).all()
    assert sum(item.id in payload["item_ids"] for payload in payloads) >= 2


def test_ohms_index_replaces_the_segments_with_keywords_and_places(session):
    item = with_rows(session, make_interview(session), segments=[(0.0, 10.0, "Ancien chapitre")])
    report = _import(session, item, fixture("villerupt_ohms.xml"), "ohms.xml", kind="index")
    item = reloaded(session, item)
    assert report.replaced == 1 and report.segments == len(item.index_segments) >= 2
    first = item.index_segments[0]
    assert first.title == "L'enfance à la cité de Butte" and "mine" in first.keywords
    assert (round(first.latitude, 4), round(first.longitude, 4)) == (49.4628, 5.9286)


@pytest.mark.parametrize("kind, code", [("index", "no-segment"), ("translation", "no-language")])
def test_a_file_without_what_is_asked_changes_nothing(session, kind, code):
    item = with_rows(session, make_interview(session), cues=[(1.0, 4.0, "Bonjour")], segments=[(0.0, 5.0, "Début")])
    report = _import(session, item, b"0.01\tHello\n", "t.txt", kind=kind)
    item = reloaded(session, item)
    assert not report.imported and [p.code for p in report.problems] == [code]
    assert [s.title for s in item.index_segments] == ["Début"] and item.transcript[0].translation is None


def test_translation_attaches_to_cues_starting_within_a_second_and_reports_the_others(session):
    cues = [(1.0, 4.0, "Bonjour"), (4.0, 7.5, "Et vous ?"), (7.5, 12.0, "À Butte.")]
    item = with_rows(session, make_interview(session), cues=cues)
    data = vtt(
        ("00:00:01.400", "00:00:04.000", "Guten Tag"),
        ("00:00:07.000", "00:00:12.000", "In Butte."),
        ("00:01:00.000", "00:01:02.000", "Zu spaet"),
    )
    report = _import(session, item, data, "de.vtt", kind="translation", language="de")
    item = reloaded(session, item)
    assert [(c.translation, c.translation_language) for c in item.transcript] == [
        ("Guten Tag", "de"),
        (None, None),
        ("In Butte.", "de"),
    ]
    assert report.matched == 2 and [(p.code, p.detail) for p in report.problems] == [("no-match", "1:00 Zu spaet")]
    assert _texts(item) == ["Bonjour", "Et vous ?", "À Butte."]


def test_load_interview_refuses_unknown_identifiers_and_other_kinds(session):
    building = make_item(session)
    with pytest.raises(service.NotFound):
        service.load_interview(session, "NO-SUCH")
    with pytest.raises(service.NotAnInterview):
        service.load_interview(session, building.identifier)


# Exports.


def test_vtt_export_is_read_back_by_webvtt_py_with_its_speakers(session):
    item = make_interview(session)
    _import(session, item, VOICES_VTT.encode(), "v.vtt")
    text = exporting.export_item(reloaded(session, item), "vtt")
    captions = webvtt.from_buffer(io.StringIO(text)).captions
    assert [(c.start, c.voice, c.text) for c in captions] == [
        ("00:00:01.000", "Marie Dupont", "Bonjour, je suis arrivée en 1952."),
        ("00:00:04.000", "Claire Rossi", "Et vous habitiez où ?"),
        ("00:00:07.500", "Marie Dupont", "À la cité de Butte, au-dessus de la mine."),
    ]


def test_srt_export_is_read_back_by_the_srt_package(session):
    item = make_interview(session)
    _import(session, item, fixture("villerupt_overlap.srt"), "o.srt")
    subtitles = list(srt.parse(exporting.export_item(reloaded(session, item), "srt")))
    assert len(subtitles) == 5 and subtitles[0].start == timedelta(seconds=1)
    assert subtitles[0].content == "MARIO: On est venus de Gubbio en 1949."


def test_text_export_imports_back_to_the_same_cues(session):
    item = make_interview(session, language="en")
    _import(session, item, WATSON.read_bytes(), WATSON.name)
    item = reloaded(session, item)
    text = exporting.export_item(item, "txt")
    again = make_interview(session, language="en")
    _import(session, again, text.encode(), "again.txt")
    again = reloaded(session, again)
    assert [(c.start_seconds, c.speaker, c.text) for c in again.transcript] == [
        (c.start_seconds, c.speaker, c.text) for c in item.transcript
    ]


def test_index_exports_as_webvtt_chapters(session):
    item = with_rows(session, make_interview(session), segments=[(0.0, 95.0, "L'enfance"), (95.0, 250.0, "L'école")])
    captions = webvtt.from_buffer(io.StringIO(exporting.export_item(item, "vtt", kind="index"))).captions
    assert [(c.start, c.end, c.text) for c in captions] == [
        ("00:00:00.000", "00:01:35.000", "L'enfance"),
        ("00:01:35.000", "00:04:10.000", "L'école"),
    ]


def test_translation_exports_the_translated_text_in_its_language(session):
    item = with_rows(session, make_interview(session), cues=[(1.0, 4.0, "Bonjour"), (4.0, 6.0, "Merci")])
    _import(
        session, item, b"WEBVTT\n\n00:00:01.000 --> 00:00:04.000\nGuten Tag\n", "de.vtt", "translation", language="de"
    )
    parsed = parse_bytes(exporting.export_item(reloaded(session, item), "vtt", kind="translation").encode())
    assert [(c.start, c.text, c.language) for c in parsed.cues] == [(1.0, "Guten Tag", "de")]


def test_public_export_leaves_out_redacted_and_closed_passages(session):
    cues = [(1.0, 4.0, "Bonjour"), (4.0, 7.0, "Le secret"), (7.0, 10.0, "La suite"), (20.0, 25.0, "Sous scellés")]
    segments = [(0.0, 15.0, "Public"), (20.0, 30.0, "Scellé", "withdrawn")]
    item = with_rows(session, make_interview(session), cues=cues, segments=segments, redactions=[(4.5, 5.0)])
    public = exporting.export_item(item, "txt")
    assert "Bonjour" in public and "La suite" in public
    assert "secret" not in public and "scellés" not in public
    assert "Scellé" not in exporting.export_item(item, "vtt", kind="index")
    everything = exporting.export_item(item, "txt", public=False)
    assert "Le secret" in everything and "Sous scellés" in everything


@pytest.mark.parametrize(
    "access, sealed_until, status, public",
    [
        ("withdrawn", None, "published", False),
        ("on_request", None, "published", False),
        ("sealed", date.today() + timedelta(days=365 * 25), "published", False),
        ("sealed", date.today() - timedelta(days=1), "published", True),
        ("public", None, "draft", False),
        ("public", None, "published", True),
    ],
)
def test_public_export_is_refused_unless_the_content_is_public(session, access, sealed_until, status, public):
    item = make_interview(session, status=status)
    item = with_rows(session, item, cues=[(1.0, 2.0, "Bonjour")], access=access, sealed_until=sealed_until)
    if public:
        assert "Bonjour" in exporting.export_item(item, "srt")
    else:
        with pytest.raises(exporting.NotPublic):
            exporting.export_item(item, "srt")
    assert "Bonjour" in exporting.export_item(item, "srt", public=False)
