"""The one entry point: formats found from the content, the name or the caller; hostile files never raise."""

import time
from typing import get_args

import pytest
from PIL import Image

from app.interview.formats import PROBLEM_CODES, parse_bytes
from app.interview.formats.lines import MAX_LINE
from app.interview.formats.model import ProblemCode
from app.interview.formats.problems import LIMIT


@pytest.mark.parametrize(
    ("data", "filename", "kind", "fmt"),
    [
        (b"WEBVTT\n\n00:01.000 --> 00:02.000\nun\n", "notes.txt", None, "vtt"),  # the content over the name
        (b"1\n00:00:01,000 --> 00:00:02,000\nun\n", None, None, "srt"),
        (b"00:00:01.000 --> 00:00:02.000\nun\n", None, None, "vtt"),
        (b"  <ROOT><record/></ROOT>", None, None, "ohms"),
        (b"0.05\tun\n", "entretien.vtt", None, "vtt"),  # nothing in the content: the name decides
        (b"0.05\tun\n", "entretien.docx", None, "text"),
        (b"WEBVTT\n", None, "txt", "text"),  # the caller decides over both
        (b"<p>un</p>", None, "TEXT", "text"),
    ],
)
def test_format_is_the_callers_then_the_contents_then_the_names(data, filename, kind, fmt):
    assert parse_bytes(data, filename, kind).format == fmt


def test_unknown_kind_is_the_callers_mistake():
    with pytest.raises(ValueError, match="one of vtt, srt, ohms, text"):
        parse_bytes(b"", kind="docx")


def test_png_is_not_text_and_gives_one_problem(tmp_path):
    path = tmp_path / "scan.png"
    Image.new("RGB", (32, 32), (200, 30, 30)).save(path)
    parsed = parse_bytes(path.read_bytes(), "scan.txt")
    assert (parsed.cues, parsed.segments, parsed.encoding) == ([], [], "")
    assert [(problem.line, problem.code) for problem in parsed.problems] == [(0, "not-text")]


def test_five_megabyte_single_line_is_cut_and_reported_quickly(tmp_path):
    path = tmp_path / "long.txt"
    path.write_bytes(b"0.05\t" + b"Villerupt " * 500_000)
    started = time.perf_counter()
    parsed = parse_bytes(path.read_bytes(), path.name)
    assert time.perf_counter() - started < 10  # linear work takes well under a second; a pathological pattern hours
    assert [(cue.start, len(cue.text)) for cue in parsed.cues] == [(5, MAX_LINE - 5)]
    assert [(problem.line, problem.code) for problem in parsed.problems] == [(1, "line-too-long")]


def test_control_codes_are_removed_and_reported_at_their_line():
    parsed = parse_bytes(b"0.05\tun" + b" mot" * 30 + b"\n0.10\tdeux\x07 trois\n")
    assert parsed.cues[1].text == "deux trois"
    assert [(problem.line, problem.code) for problem in parsed.problems] == [(2, "bad-character")]


def test_a_flood_of_problems_is_listed_up_to_a_limit_then_counted():
    parsed = parse_bytes(b"0.00\tdebut\n" + b"1.99\tx\n" * (LIMIT + 20))
    assert len(parsed.problems) == LIMIT + 1
    assert (parsed.problems[-1].code, parsed.problems[-1].reason) == (
        "too-many-problems",
        "20 more problems were found and not listed",
    )


def test_every_problem_code_has_its_english_meaning_for_translators():
    assert set(get_args(ProblemCode)) == set(PROBLEM_CODES)
    assert all(PROBLEM_CODES.values())
