"""Plain-text transcripts: time codes at the start of lines, continuations, headers, speakers, untimed texts."""

import pytest

from app.interview.formats import Cue, parse_bytes
from tests.interview.formats.fixtures import fixture


def _problems(parsed):
    return [(problem.line, problem.code) for problem in parsed.problems]


def test_watson_transcript_is_read_with_its_header_turns_and_faults():
    parsed = parse_bytes(fixture("WATSON_19AUG91.txt"), "WATSON_19AUG91.txt")
    assert (parsed.format, parsed.encoding, len(parsed.cues)) == ("text", "utf-8", 84)
    assert parsed.cues[0] == Cue(None, None, "INTERVIEW NO.5\t\tDATE OF INTERVIEW:  19 SEPTEMBER, 1991.")
    assert parsed.cues[1].text == "MRS. AUDREY WATSON\n26 RIVER ROAD\nEMU PLAINS. N.S.W."
    first = parsed.cues[2]
    assert (first.start, first.end) == (30.0, 62.0)  # ends where the next turn starts
    assert first.text.startswith("My name is Audrey Watson, from 26 River Road, Emu Plains.")
    assert first.text.endswith("\nI've been in the area for - '46 from eleven - for 45 years.")
    assert _problems(parsed) == [
        (143, "bad-timecode"),  # "1346<TAB>And did you exchange food..." (13.46 typed without its dot)
        (285, "overlap"),  # 25.45 after 26.21
        (349, "overlap"),  # side B starts again at 1.12
        (494, "overlap"),
        (503, "overlap"),
    ]


def test_watson_time_codes_followed_by_spaces_open_their_own_turns():
    cues = parse_bytes(fixture("WATSON_19AUG91.txt")).cues
    by_start = {cue.start: cue.text for cue in cues}
    assert by_start[21 * 60 + 38].startswith("So you didn't work")  # " 21.38 So you..." (one space)
    assert by_start[28 * 60 + 30].startswith("Women weren't allowed to bowl")  # "28.30  Women..." (two)
    assert "1346\tAnd did you exchange food" in by_start[13 * 60 + 27]  # kept, as written, in the turn before


def test_last_turn_before_a_time_going_back_has_no_end_rather_than_a_wrong_one():
    cues = parse_bytes(fixture("WATSON_19AUG91.txt")).cues
    before_side_b = next(cue for cue in cues if cue.start == 30 * 60 + 18)
    assert before_side_b.end is None
    assert before_side_b.text.endswith("SIDE B")


def test_french_labels_used_consistently_are_speakers():
    parsed = parse_bytes(fixture("villerupt_cp1252.txt"))
    assert parsed.encoding == "cp1252"
    assert [(cue.start, cue.speaker) for cue in parsed.cues] == [
        (None, None),
        (5, "Q"),
        (12, "R"),
        (100, "Q"),
        (112, "R"),
    ]
    assert parsed.cues[2].text == (
        "Oui, en 1931, près de l'Église Saint-Martin. Mon père était lamineur à Micheville…\nIl y a passé toute sa vie."
    )
    assert parsed.problems == []


def test_text_without_time_codes_is_a_cue_per_paragraph_or_speaker_turn():
    parsed = parse_bytes(fixture("villerupt_untimed.txt"))
    assert [(cue.speaker, cue.text[:25]) for cue in parsed.cues] == [
        (None, "Entretien avec Joseph Bia"),
        ("QUESTION", "Où habitiez-vous enfant ?"),
        ("BIANCHI", "À la cité de Butte, au-de"),
        ("QUESTION", "Et l'école ?"),
        ("BIANCHI", "L'école Jules-Ferry. Le m"),
        (None, "Le reste de l'entretien n"),
    ]
    assert all(cue.start is None and cue.end is None for cue in parsed.cues)
    assert parsed.cues[2].text == "À la cité de Butte, au-dessus de la mine.\nNous étions huit dans trois pièces."
    assert parsed.problems == []


def test_utf16_transcript_with_bracketed_time_codes():
    parsed = parse_bytes(fixture("villerupt_utf16.txt"))
    assert [(cue.start, cue.end) for cue in parsed.cues] == [(3, 41), (41, 75), (75, None)]
    assert parsed.cues[0].text == "Je suis arrivé de Gubbio en 1949, à dix-sept ans."


@pytest.mark.parametrize(
    ("line", "start", "text"),
    [
        ("1.02\tBonjour", 62, "Bonjour"),
        ("1.02  Bonjour", 62, "Bonjour"),
        ("1.02 Bonjour", 62, "Bonjour"),
        ("61.05\tUne heure et une minute", 3665, "Une heure et une minute"),
        ("01:02\tBonjour", 62, "Bonjour"),
        ("1:02:03 Bonjour", 3723, "Bonjour"),
        ("01:02:03.5\tBonjour", 3723.5, "Bonjour"),
        ("[00:01:02] Bonjour", 62, "Bonjour"),
        ("[01:02]Bonjour", 62, "Bonjour"),
        ("1.02", 62, ""),
    ],
)
def test_time_code_forms(line, start, text):
    assert parse_bytes(f"{line}\n".encode()).cues == [Cue(start, None, text)]


@pytest.mark.parametrize(
    "line",
    ["1.50 dollars, c'était cher", "2.5 millions de tonnes", "26 RUE CARNOT", "14", "[inaudible] oui", "1.02Bonjour"],
)
def test_numbers_that_are_not_time_codes_stay_text(line):
    parsed = parse_bytes(f"0.10\tIntro\n{line}\n".encode())
    assert parsed.cues == [Cue(10, None, f"Intro\n{line}")]
    assert parsed.problems == []


@pytest.mark.parametrize(("line", "code"), [("1.75\tTexte", "'1.75'"), ("[12:75] Texte", "'12:75'")])
def test_unreadable_time_code_is_reported_and_its_line_kept(line, code):
    parsed = parse_bytes(f"0.10\tIntro\n\n{line}\n0.20\tSuite\n".encode())
    assert [cue.text for cue in parsed.cues] == [f"Intro\n{line}", "Suite"]
    assert [(problem.line, problem.code) for problem in parsed.problems] == [(3, "bad-timecode")]
    assert code in parsed.problems[0].reason


def test_bracketed_time_code_inside_a_line_opens_a_turn_there():
    parsed = parse_bytes(b"[00:00:05] Je suis venu en 1949. [00:00:09] Mon frere aussi.\n")
    assert parsed.cues == [Cue(5, 9, "Je suis venu en 1949."), Cue(9, None, "Mon frere aussi.")]


def test_unreadable_bracketed_time_code_inside_a_line_is_reported_and_kept():
    parsed = parse_bytes(b"[00:00:05] Je suis venu [00:75] en 1949.\n")
    assert parsed.cues == [Cue(5, None, "Je suis venu\n[00:75] en 1949.")]
    assert [(problem.line, problem.code) for problem in parsed.problems] == [(1, "bad-timecode")]


def test_label_used_once_is_text_not_a_speaker():
    parsed = parse_bytes(b"0.05\tNote: bande abimee\n0.10\tBonjour\n")
    assert [(cue.speaker, cue.text) for cue in parsed.cues] == [(None, "Note: bande abimee"), (None, "Bonjour")]


@pytest.mark.parametrize(
    "label", ["Il a dit", "Le directeur de la fonderie", "Monsieur Le Directeur Des Hauts Fourneaux"]
)
def test_phrases_before_a_colon_are_not_speakers_even_when_repeated(label):
    parsed = parse_bytes(f"0.05\t{label}: non\n0.10\t{label}: non\n".encode())
    assert [cue.speaker for cue in parsed.cues] == [None, None]


def test_label_inside_a_turn_stays_in_its_text():
    parsed = parse_bytes(b"0.05\tQ: Ca va ?\n\tA: Oui.\n0.10\tQ: Et vous ?\n0.12\tA: Aussi.\n")
    assert parsed.cues[0] == Cue(5, 10, "Ca va ?\nA: Oui.", "Q")


def test_blank_file_gives_an_empty_problem():
    parsed = parse_bytes(b"\r\n  \r\n")
    assert (parsed.cues, _problems(parsed)) == ([], [(0, "empty")])
