"""Build a synthetic stand-in recording of a demo interview: espeak-ng reads each transcript segment at its time code.

    .venv/bin/python tools/synthesise_interview.py [TRANSCRIPT] [--out-dir DIR] [--minutes N] [--bit-rate B]

The demo interview's cassette was never digitised for us (see collections/demo/LICENSES.md), so the
interview page would have nothing to play. This writes, into `collections/demo/recordings/`:

- `<name>.synthetic.m4a`: AAC in MP4 (app/media/recording), mono 22.05 kHz, 16 kbit/s, every segment spoken by
  Debian's espeak-ng where the transcript's time code puts it. Synthesised speech, not the
  interviewee's voice. Without espeak-ng it is silence of the same length, and the script says so.
- `<name>.synthetic.txt`: the transcript again, in the same `M.SS<TAB>text` format, with the times at
  which each segment really starts in that file: load it with the recording so that cues and sound agree.
- `<name>.synthetic.csv`: for each segment, its code in the source, where it was placed and why,
  and the speaking rate used.

The transcript does not say who speaks (a segment often holds a question and its answer), so one
voice reads everything. Placement rules: a segment starts at its time code, on whole seconds; one
whose speech is longer than the gap to the next code is read faster (up to MAX_RATE words a minute)
and, if still too long, pushes the next one later; the codes of the second side of the tape start
again near 0, so that side follows the first; a code out of order (a typist's slip, such as 26.21
between 25.06 and 25.45) is not believed, and its segment follows the one before. The output is the
same on every run for the same espeak-ng.
"""

import argparse
import csv
import math
import shutil
import subprocess
import sys
import tempfile
import wave
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from app.interview.transcript import Segment, parse, read_text, render  # noqa: E402
from app.media.recording.sound import browser_audio  # noqa: E402

TRANSCRIPT = ROOT / "collections" / "demo" / "transcripts" / "WATSON_19AUG91.txt"
OUT_DIR = ROOT / "collections" / "demo" / "recordings"
VOICE = "en+f3"  # both speakers are women; espeak-ng's English with its third female variant
RATE, MAX_RATE = 175, 350  # words a minute: espeak-ng's default, and the fastest still understood
SAMPLE_RATE = 22_050  # what espeak-ng speaks at
PAUSE = 0.4  # seconds of silence kept after each segment
NEW_SIDE = 300  # a code this many seconds before the one before starts the next side of the tape
BIT_RATE = 16_000  # a full-length interview (57 min) in 5 MB; speech stays clear below 5 kHz


@dataclass(frozen=True)
class Placed:
    code: int  # the segment's time code in the source, in seconds from the start of its side
    side: int
    start: int  # where it starts in the recording, in seconds
    end: float  # where its speech ends
    rate: int
    how: str


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("transcript", nargs="?", type=Path, default=TRANSCRIPT)
    parser.add_argument("--out-dir", type=Path, default=OUT_DIR)
    parser.add_argument("--minutes", type=float, help="stop after this much of the recording")
    parser.add_argument("--bit-rate", type=int, default=BIT_RATE)
    args = parser.parse_args()
    speaker = shutil.which("espeak-ng")
    if speaker is None:
        print("espeak-ng is not installed (apt-get install espeak-ng): writing silence of the right length")
    segments = parse(read_text(args.transcript))
    name = args.transcript.stem
    args.out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as scratch:
        speech = Path(scratch) / "speech.wav"
        placed = synthesise(segments, speech, speaker, args.minutes)
        audio = args.out_dir / f"{name}.synthetic.m4a"
        browser_audio(speech, audio, bit_rate=args.bit_rate)
    write_records(args.out_dir, name, segments, placed)
    last = placed[-1].end if placed else 0
    print(f"{audio}: {audio.stat().st_size / 1e6:.2f} MB, {last / 60:.1f} min, {len(placed)} segments spoken")
    for row in placed:
        if "late" in row.how or "out of order" in row.how:
            print(f"  {row.side}:{row.code // 60}.{row.code % 60:02d} placed at {row.start} s: {row.how}")


def synthesise(segments: list[Segment], target: Path, speaker: str | None, minutes: float | None) -> list[Placed]:
    """Speak the timed segments into a mono WAV at `target`, one after the other; returns where each went."""
    timed = [s for s in segments if s.start_seconds is not None]
    codes = [s.start_seconds for s in timed if s.start_seconds is not None]
    sides, believed = tape_sides(codes), in_order(codes)
    placed: list[Placed] = []
    cursor, offset, written = 0.0, 0, 0  # earliest next start (s), side's offset (s), samples written
    with wave.open(str(target), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(SAMPLE_RATE)
        for index, segment in enumerate(timed):
            if index and sides[index] != sides[index - 1]:
                offset = math.ceil(cursor) + 2
            code = codes[index]
            start = max(offset + code, math.ceil(cursor)) if index in believed else math.ceil(cursor)
            if minutes is not None and start > minutes * 60:
                break
            room = _room(index, start, codes, sides, believed, offset)
            samples, rate = fitted(segment.text, room, speaker)
            how = _how(index in believed, start, offset + code, rate, sides[index])
            out.writeframes(bytes(2 * (start * SAMPLE_RATE - written)))  # silence up to the segment's start
            out.writeframes(samples)
            written = start * SAMPLE_RATE + len(samples) // 2
            end = start + len(samples) / 2 / SAMPLE_RATE
            placed.append(Placed(code, sides[index] + 1, start, end, rate, how))
            cursor = end + PAUSE
        out.writeframes(bytes(2 * 2 * SAMPLE_RATE))
    return placed


def tape_sides(codes: list[int]) -> list[int]:
    """The side of the tape each code is on: counting restarts near 0 on the next side."""
    sides, side = [], 0
    for index, code in enumerate(codes):
        if index and code < codes[index - 1] - NEW_SIDE and code < NEW_SIDE:
            side += 1
        sides.append(side)
    return sides


def in_order(codes: list[int]) -> set[int]:
    """Indexes of the codes to believe: the longest run that never goes back in time, on each side."""
    sides = tape_sides(codes)
    best: list[list[int]] = []  # best[i]: the longest believable run ending at i
    for i, code in enumerate(codes):
        runs = [best[j] for j in range(i) if sides[j] == sides[i] and codes[j] <= code]
        best.append(max(runs, key=len, default=[]) + [i])
    kept: set[int] = set()
    for side in set(sides):
        kept.update(max((run for i, run in enumerate(best) if sides[i] == side), key=len))
    return kept


def _room(index: int, start: int, codes: list[int], sides: list[int], believed: set[int], offset: int) -> float | None:
    """Seconds of speech that fit before the next believed code on the same side (None: no limit)."""
    for after in range(index + 1, len(codes)):
        if sides[after] != sides[index]:
            return None
        if after in believed:
            return max(1.0, offset + codes[after] - start - PAUSE)
    return None


def fitted(text: str, room: float | None, speaker: str | None) -> tuple[bytes, int]:
    """The segment spoken at the normal rate, or faster when it would not fit in `room` seconds.

    Pauses do not shrink as much as words do, so the rate is raised again until it fits or reaches MAX_RATE.
    """
    rate = RATE
    samples = speak(text, rate, speaker)
    while room is not None and (length := len(samples) / 2 / SAMPLE_RATE) > room and rate < MAX_RATE:
        rate = min(MAX_RATE, max(rate + 10, math.ceil(rate * length / room)))
        samples = speak(text, rate, speaker)
    return samples, rate


def speak(text: str, rate: int, speaker: str | None) -> bytes:
    """16-bit mono samples of `text` read by espeak-ng at `rate` words a minute (none without espeak-ng)."""
    if speaker is None or not text.strip():
        return b""
    with tempfile.NamedTemporaryFile(suffix=".wav") as spoken:
        command = [speaker, "-v", VOICE, "-s", str(rate), "-w", spoken.name]
        subprocess.run(command, input=text.encode("utf-8"), check=True, capture_output=True)
        with wave.open(spoken.name, "rb") as reader:
            if (reader.getframerate(), reader.getnchannels(), reader.getsampwidth()) != (SAMPLE_RATE, 1, 2):
                raise RuntimeError("espeak-ng spoke in an unexpected format")
            return reader.readframes(reader.getnframes())


def _how(believed: bool, start: int, wanted: int, rate: int, side: int) -> str:
    faster = "faster, " if rate != RATE else ""
    if not believed:
        return f"{faster}after the segment before (its code is out of order)"
    if start > wanted:
        return f"{faster}{start - wanted} s late: the speech before ran over"
    return f"{faster}at its time code" + (f" on side {side + 1}" if side else "")


def write_records(folder: Path, name: str, segments: list[Segment], placed: list[Placed]) -> None:
    """The transcript with the times used, and the placement of each segment, beside the recording."""
    untimed = [s for s in segments if s.start_seconds is None]
    timed = [s for s in segments if s.start_seconds is not None]
    retimed = untimed + [Segment(row.start, s.text) for row, s in zip(placed, timed, strict=False)]
    (folder / f"{name}.synthetic.txt").write_text(render(retimed), encoding="utf-8")
    with open(folder / f"{name}.synthetic.csv", "w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(["side", "code", "start_seconds", "end_seconds", "rate_wpm", "placed"])
        for row in placed:
            code = f"{row.code // 60}.{row.code % 60:02d}"
            writer.writerow([row.side, code, row.start, f"{row.end:.2f}", row.rate, row.how])


if __name__ == "__main__":
    main()
