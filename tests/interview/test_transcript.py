"""Transcript files: `M.SS<TAB>text` lines, continuations, UTF-8 or Windows-1252."""

from pathlib import Path

import pytest

from app.interview.transcript import Segment, format_code, parse, read_text, render

FIXTURE = Path(__file__).parent.parent / "fixtures" / "transcripts" / "interview_cp1252.txt"


def test_windows_1252_transcript_is_read_with_its_accents():
    segments = parse(read_text(FIXTURE))
    assert segments[0] == Segment(None, "ENTRETIEN N°3\t\tDATE : 19 août 1991")
    assert segments[1] == Segment(
        30, "Je m'appelle Renée, née à Villerupt en 1922.\nMon père travaillait à l'usine de Micheville."
    )
    assert segments[2] == Segment(62, "Et votre mère ?")
    assert segments[3] == Segment(70, "Elle tenait un café – « Chez Renée ».")


def test_utf8_with_bom_is_read(tmp_path):
    path = tmp_path / "t.txt"
    path.write_bytes("\ufeff0.05\tÇa commence.\n".encode("utf-8"))
    assert parse(read_text(path)) == [Segment(5, "Ça commence.")]


@pytest.mark.parametrize("data", [b"\x00\x01\x02binary", b"\x81\x8d\x8f\x90\x9d"])
def test_unreadable_transcript_is_a_clear_error(tmp_path, data):
    path = tmp_path / "t.txt"
    path.write_bytes(data)
    with pytest.raises(ValueError, match="t.txt"):
        read_text(path)


@pytest.mark.parametrize(("seconds", "code"), [(0, "0.00"), (62, "1.02"), (1895, "31.35"), (3600, "60.00")])
def test_time_codes_are_minutes_dot_seconds(seconds, code):
    assert format_code(seconds) == code


def test_render_then_parse_gives_the_same_segments():
    segments = [Segment(None, "Header"), Segment(30, "Question ?\nAnswer."), Segment(95, ""), Segment(125, "End")]
    assert parse(render(segments)) == segments


def test_a_number_inside_text_is_not_a_time_code():
    assert parse("0.10\tIt cost 1.50 dollars\n2.5 million people\n") == [
        Segment(10, "It cost 1.50 dollars\n2.5 million people")
    ]


def test_speaker_labels_stay_in_the_segment_text():
    path = FIXTURE.parent / "villerupt_cp1252.txt"
    segments = parse(read_text(path))
    assert segments[1] == Segment(5, "Q : Vous êtes née à Villerupt ?")
