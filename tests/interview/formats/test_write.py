"""Writers: WebVTT read back by webvtt-py, SRT by srt, and every format read back into the same cues."""

import pytest
import srt
import webvtt

from app.interview.formats import Cue, IndexSegment, export, parse_bytes
from tests.interview.formats.fixtures import fixture

CUES = [
    Cue(None, None, "ENTRETIEN N°7 – Villerupt"),
    Cue(5, 12, "Vous êtes née à Villerupt ?", "Q"),
    Cue(12, 100, "Oui, près de l'Église <Saint-Martin> & de la mairie…\nIl y a passé toute sa vie.", "R"),
    Cue(100, None, "Et l'été --> que faisiez-vous ?", "Q"),
    Cue(112.25, None, "Une œuvre de tout le quartier.", "R"),
]


def test_webvtt_is_read_back_by_webvtt_py_with_its_voices_and_escaped_text():
    captions = webvtt.from_string(export(CUES, "vtt"), strict=True).captions
    assert [(caption.start, caption.end, caption.voice) for caption in captions] == [
        ("00:00:05.000", "00:00:12.000", "Q"),
        ("00:00:12.000", "00:01:40.000", "R"),
        ("00:01:40.000", "00:01:52.250", "Q"),  # an unknown end is the next cue's start
        ("00:01:52.250", "00:01:57.250", "R"),  # and, for the last cue, 5 seconds later (LAST_CUE_SECONDS)
    ]
    assert captions[1].raw_text == (
        "<v R>Oui, près de l'Église &lt;Saint-Martin&gt; &amp; de la mairie…\nIl y a passé toute sa vie."
    )


def test_srt_is_read_back_by_srt_with_speakers_as_labels():
    subtitles = list(srt.parse(export(CUES, "srt")))
    assert [(s.index, s.start.total_seconds(), s.end.total_seconds()) for s in subtitles] == [
        (1, 5, 12),
        (2, 12, 100),
        (3, 100, 112.25),
        (4, 112.25, 117.25),
    ]
    assert subtitles[1].content == "R: Oui, près de l'Église <Saint-Martin> & de la mairie…\nIl y a passé toute sa vie."


@pytest.mark.parametrize("fmt", ["vtt", "srt", "txt"])
def test_every_format_reads_back_into_the_cues_it_was_written_from(fmt):
    written = [*CUES[1:4], Cue(112, 118, "Une œuvre de tout le quartier.", "R")]  # txt: whole seconds
    once = parse_bytes(export(written, fmt).encode(), kind=fmt)
    assert once.problems == []
    assert [(cue.start, cue.text, cue.speaker) for cue in once.cues] == [
        (cue.start, cue.text, cue.speaker) for cue in written
    ]
    assert parse_bytes(export(once.cues, fmt).encode(), kind=fmt).cues == once.cues


def test_a_speaker_heard_once_comes_back_from_text_formats_as_a_label_in_the_text():
    once = [Cue(5, 9, "Bonjour.", "Q"), Cue(9, 12, "Bonjour !", "R"), Cue(12, 15, "On commence ?", "Q")]
    assert [(cue.speaker, cue.text) for cue in parse_bytes(export(once, "srt").encode()).cues] == [
        ("Q", "Bonjour."),
        (None, "R: Bonjour !"),
        ("Q", "On commence ?"),
    ]
    assert [cue.speaker for cue in parse_bytes(export(once, "vtt").encode()).cues] == ["Q", "R", "Q"]


@pytest.mark.parametrize(
    ("name", "fmt"),
    [("WATSON_19AUG91.txt", "txt"), ("villerupt_voices.vtt", "vtt"), ("villerupt_overlap.srt", "srt")],
)
def test_real_files_round_trip_exactly_through_their_own_format(name, fmt):
    read = parse_bytes(fixture(name), name).cues
    written = export(read, fmt)
    assert parse_bytes(written.encode(), kind=fmt).cues == read
    assert export(parse_bytes(written.encode(), kind=fmt).cues, fmt) == written


def test_text_file_keeps_header_paragraphs_and_continuation_lines():
    assert export(CUES[:3], "txt") == (
        "ENTRETIEN N°7 – Villerupt\n"
        "0.05\tQ: Vous êtes née à Villerupt ?\n"
        "0.12\tR: Oui, près de l'Église <Saint-Martin> & de la mairie…\n"
        "\tIl y a passé toute sa vie.\n"
    )


def test_untimed_cues_are_left_out_of_webvtt_and_srt_and_kept_in_text():
    untimed = parse_bytes(fixture("villerupt_untimed.txt")).cues
    assert export(untimed, "vtt") == "WEBVTT\n"
    assert export(untimed, "srt") == ""
    assert parse_bytes(export(untimed, "txt").encode()).cues == untimed


def test_untimed_cue_after_a_timed_one_is_written_as_its_continuation():
    cues = [Cue(5, None, "Bonjour."), Cue(None, None, "[rires]")]
    assert export(cues, "txt") == "0.05\tBonjour.\n\t[rires]\n"


def test_index_is_written_as_webvtt_chapters_titled_by_segment():
    segments = parse_bytes(fixture("villerupt_ohms.xml")).segments
    chapters = webvtt.from_string(export(segments, "chapters"), strict=True).captions
    assert [(c.start, c.end, c.text) for c in chapters] == [
        ("00:00:00.000", "00:01:35.000", "L'enfance à la cité de Butte"),
        ("00:01:35.000", "00:04:10.000", "L'école Jules-Ferry"),
    ]


def test_chapter_without_an_end_lasts_until_the_next_one():
    segments = [IndexSegment(0, None, "Un <début>"), IndexSegment(60, None, "Suite")]
    assert export(segments, "chapters") == (
        "WEBVTT\n\n00:00:00.000 --> 00:01:00.000\nUn &lt;début&gt;\n\n00:01:00.000 --> 00:01:05.000\nSuite\n"
    )


def test_unknown_format_or_wrong_items_are_the_callers_mistake():
    with pytest.raises(ValueError, match="one of vtt, srt, txt, chapters"):
        export(CUES, "docx")
    with pytest.raises(TypeError, match="IndexSegment"):
        export(CUES, "chapters")
    with pytest.raises(TypeError, match="Cue"):
        export([IndexSegment(0, None, "Titre")], "vtt")
