"""The demo interview's synthetic recording: labelled, small, and speaking each segment at the cue the app shows."""

import csv
import os
import shutil
import sys
import wave

import av
import numpy as np
import pytest

from app.config import ROOT
from app.interview.transcript import parse, read_text
from app.media.recording.source import probe

sys.path.insert(0, str(ROOT))  # tools/ is not installed with the app
from tools.synthesise_interview import in_order, synthesise, tape_sides  # noqa: E402

RECORDINGS = ROOT / "collections" / "demo" / "recordings"
AUDIO = RECORDINGS / "WATSON_19AUG91.synthetic.m4a"
CUES = [s.start_seconds for s in parse(read_text(RECORDINGS / "WATSON_19AUG91.synthetic.txt")) if s.start_seconds]
SOURCE = ROOT / "collections" / "demo" / "transcripts" / "WATSON_19AUG91.txt"


@pytest.mark.parametrize("name", ["LICENSES.md", "README.md"])
def test_it_is_labelled_as_synthetic_speech(name):
    text = " ".join((ROOT / "collections" / "demo" / name).read_text(encoding="utf-8").split())
    assert "synthesised speech, not the interviewee's voice" in text


def test_it_is_a_small_aac_file_that_lasts_past_the_last_cue():
    info = probe(AUDIO)
    assert (info.audio_codec, info.channels, info.has_video) == ("aac", 1, False)
    assert AUDIO.stat().st_size < 6_000_000
    with (RECORDINGS / "WATSON_19AUG91.synthetic.csv").open(encoding="utf-8") as placed:
        spoken = sum(1 for _row in csv.DictReader(placed))
    assert len(CUES) == spoken == 82 and max(CUES) < info.duration  # every timed segment of the transcript


def test_speech_starts_at_every_cue_after_a_silence():
    with av.open(str(AUDIO)) as container:
        stream = container.streams.audio[0]
        for cue in CUES:
            before, after = _loudness(container, stream, cue - 0.3, cue), _loudness(container, stream, cue, cue + 0.8)
            assert before < 0.002 < 0.02 < after, (cue, before, after)


def _loudness(container, stream, start: float, end: float) -> float:
    container.seek(round((start - 0.1) / stream.time_base), stream=stream)
    pieces = []
    for frame in container.decode(stream):
        times = frame.time + np.arange(frame.samples) / frame.sample_rate
        pieces.append(frame.to_ndarray()[0][(times >= start) & (times < end)])
        if times[-1] >= end:
            break
    samples = np.concatenate(pieces)
    return float(np.sqrt(np.mean(np.square(samples))))


def test_the_record_of_placements_gives_the_same_times_as_the_transcript():
    with open(RECORDINGS / "WATSON_19AUG91.synthetic.csv", encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert [int(row["start_seconds"]) for row in rows] == CUES
    assert all(float(row["end_seconds"]) < next_cue for row, next_cue in zip(rows, CUES[1:], strict=False))


def test_the_second_side_and_misprinted_codes_are_recognised():
    codes = [s.start_seconds for s in parse(read_text(SOURCE)) if s.start_seconds is not None]
    sides = tape_sides(codes)
    assert sides.index(1) == codes.index(72)  # side 2 begins at 1.12
    doubted = {f"{codes[i] // 60}.{codes[i] % 60:02d}" for i in set(range(len(codes))) - in_order(codes)}
    assert doubted == {"26.21", "15.16", "22.19"}


def test_without_espeak_ng_the_same_timeline_is_silence(tmp_path):
    segments = parse("0.02\tHello.\n0.05\tGoodbye.\n")
    placed = synthesise(segments, tmp_path / "out.wav", None, None)
    assert [(row.start, row.end) for row in placed] == [(2, 2.0), (5, 5.0)]
    with wave.open(str(tmp_path / "out.wav")) as made:
        assert made.getnframes() == 7 * made.getframerate()
        assert not any(made.readframes(made.getnframes()))


ESPEAK = shutil.which("espeak-ng")
# CI installs espeak-ng (`make speech`): there these tests never skip.
needs_espeak = pytest.mark.skipif(
    ESPEAK is None and os.environ.get("CI") != "true", reason="espeak-ng is not installed (apt-get install espeak-ng)"
)
QUESTION = "And what about the shops, the school, the church and the river in those days? "


@needs_espeak
def test_a_long_segment_is_read_faster_to_end_before_the_next_cue(tmp_path):
    placed = synthesise(parse(f"0.01\t{QUESTION}\n0.05\tYes.\n"), tmp_path / "out.wav", ESPEAK, None)
    assert 175 < placed[0].rate < 350 and placed[0].end < 5
    assert [row.start for row in placed] == [1, 5]


@needs_espeak
def test_speech_too_long_even_read_fast_pushes_the_next_segment_later(tmp_path):
    placed = synthesise(parse(f"0.01\t{QUESTION * 2}\n0.04\tYes.\n"), tmp_path / "out.wav", ESPEAK, None)
    assert placed[0].rate == 350 and placed[0].end > 4
    assert placed[1].start >= placed[0].end + 0.4 and "late" in placed[1].how
