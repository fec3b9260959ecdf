"""WebVTT files: voice tags as speakers, one broken cue reported at its line while the others are kept."""

import pytest

from app.interview.formats import Cue, parse_bytes
from tests.interview.formats.fixtures import fixture


def test_voices_file_keeps_the_cues_around_its_broken_time_line():
    parsed = parse_bytes(fixture("villerupt_voices.vtt"), "villerupt_voices.vtt")
    assert parsed.format == "vtt"
    assert [(cue.start, cue.end, cue.speaker) for cue in parsed.cues] == [
        (1.0, 4.5, "Marie Dupont"),
        (5.0, 8.0, "Interviewer"),
        (12.0, 15.25, "Marie Dupont"),
        (15.25, 18.0, "Interviewer"),  # <v.loud Interviewer>: a voice with a class
    ]
    assert parsed.cues[0].text == "Bonjour, je suis Marie Dupont, j'ai travaillé\naux Grands Bureaux de Micheville."
    assert [(problem.line, problem.code) for problem in parsed.problems] == [(18, "bad-timecode")]
    assert "00:00:1O.000" in parsed.problems[0].reason


def test_character_references_are_resolved_and_the_header_language_applies():
    cue = parse_bytes(fixture("villerupt_voices.vtt")).cues[2]
    assert cue.text == "Depuis 1962 & mon mariage <à l'église>."
    assert cue.language == "fr"


def test_file_without_its_webvtt_line_is_reported_and_read():
    parsed = parse_bytes(b"00:00:01.000 --> 00:00:02.000\n<v Anna>Bonjour\n", "anna.vtt")
    assert parsed.cues == [Cue(1, 2, "Bonjour", "Anna")]
    assert [(problem.line, problem.code) for problem in parsed.problems] == [(1, "missing-header")]


@pytest.mark.parametrize(
    ("broken", "problem"),
    [
        ("00:00:03.000 -> 00:00:04.000\nune fleche de travers", (6, "bad-cue")),  # no arrow: not a cue at all
        ("texte perdu\nidentifiant\n00:00:03.000 --> 00:00:04.000", (8, "bad-timecode")),  # timing in third place
    ],
)
def test_block_that_is_not_a_cue_is_reported_at_its_line(broken, problem):
    data = f"WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nun\n\n{broken}\n\n00:00:05.000 --> 00:00:06.000\ndeux\n"
    parsed = parse_bytes(data.encode())
    assert [cue.text for cue in parsed.cues] == ["un", "deux"]
    assert [(found.line, found.code) for found in parsed.problems] == [problem]


def test_cues_without_a_blank_line_between_them_are_both_kept():
    parsed = parse_bytes(b"WEBVTT\n\n1\n00:00:01.000 --> 00:00:02.000\nun\n2\n00:00:02.000 --> 00:00:03.000\ndeux\n")
    assert [(cue.start, cue.text) for cue in parsed.cues] == [(1, "un"), (2, "deux")]
    assert parsed.problems == []


def test_labels_give_speakers_when_there_are_no_voice_tags():
    data = b"WEBVTT\n\n00:01.000 --> 00:02.000\nQ: Et vous ?\n\n00:02.000 --> 00:03.000\nR: Moi aussi.\n\n"
    data += b"00:03.000 --> 00:04.000\nQ: Merci.\n\n00:04.000 --> 00:05.000\nR: De rien.\n"
    assert [cue.speaker for cue in parse_bytes(data).cues] == ["Q", "R", "Q", "R"]


def test_note_style_and_region_blocks_are_not_cues():
    data = b"WEBVTT\n\nSTYLE\n::cue { color: red }\n\nREGION\nid:bas\n\n\n\nNOTE\nune note\n\n"
    data += b"00:01.000 --> 00:02.000\nun\n"
    parsed = parse_bytes(data)
    assert (parsed.cues, parsed.problems) == ([Cue(1, 2, "un")], [])
