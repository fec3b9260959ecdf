"""SRT files: overlaps and impossible ends reported and kept, speakers from consistent labels, tags dropped."""

from app.interview.formats import parse_bytes
from tests.interview.formats.fixtures import fixture


def test_overlapping_srt_keeps_every_cue_and_reports_each_fault_at_its_line():
    parsed = parse_bytes(fixture("villerupt_overlap.srt"), "villerupt_overlap.srt")
    assert parsed.format == "srt"
    assert [(cue.start, cue.end, cue.speaker) for cue in parsed.cues] == [
        (1.0, 4.0, "MARIO"),
        (3.5, 6.0, "ANNA"),
        (6.0, 9.0, "MARIO"),
        (10.0, 11.0, "ANNA"),  # its end (9.5, before its start) replaced by the next cue's start
        (11.0, 13.0, "ANNA"),
    ]
    assert [(problem.line, problem.code) for problem in parsed.problems] == [(6, "overlap"), (14, "end-before-start")]


def test_formatting_tags_are_dropped_and_the_label_taken_out():
    cue = parse_bytes(fixture("villerupt_overlap.srt")).cues[1]
    assert cue.text == "Et moi en 1952, avec ma mère."


def test_broken_timing_costs_only_its_own_cue():
    data = b"1\n00:00:01,000 --> 00:00:02,000\nun\n\n2\n00:00:0x,000 --> 00:00:03,000\ncasse\n\n"
    data += b"3\n00:00:04,000 --> 00:00:05,000\n{\\an8}trois\n\n4\nplus de minutage\n"
    parsed = parse_bytes(data, "casse.srt")
    assert [(cue.start, cue.text) for cue in parsed.cues] == [(1, "un"), (4, "trois")]
    assert [(problem.line, problem.code) for problem in parsed.problems] == [(6, "bad-timecode"), (13, "bad-cue")]
