"""Seeking to transcript cues in browser copies of recordings, with the speed and memory of making them.

    python -m bench.seek [--minutes 20] [--video-minutes 3] [--seeks 50]

Three recordings are made browser copies by app/media/recording, each in a fresh child process so
that its peak resident memory (VmHWM) is its own: the demo interview's spoken recording
(collections/demo/recordings, made by tools/synthesise_interview.py), a synthetic stereo 48 kHz WAV
of tones shaped like speech (`--minutes`), and a synthetic 640x360 video with sound
(`--video-minutes`). Then `--seeks` cue times drawn from the demo transcript's cues (seeded) are
sought in each copy with PyAV, as a player jumping to the keyframe before a cue would: the distance
from the cue to the first frame decoded, and the time each seek takes. The target is 0.5 s.
"""

import argparse
import multiprocessing
import random
import resource
import statistics
import tempfile
import time
import wave
from collections.abc import Callable
from fractions import Fraction
from pathlib import Path

import av
import numpy as np

from app.config import ROOT
from app.interview.transcript import parse, read_text
from app.media.recording.sound import browser_audio
from app.media.recording.source import probe
from app.media.recording.video import browser_video

RECORDINGS = ROOT / "collections" / "demo" / "recordings"
SPOKEN = RECORDINGS / "WATSON_19AUG91.synthetic.m4a"
CUES = RECORDINGS / "WATSON_19AUG91.synthetic.txt"
TARGET = 0.5


def speechlike_wav(path: Path, minutes: float, rate: int = 48_000) -> Path:
    """Stereo tones in bursts of syllables and pauses, with a little noise, written ten seconds at a time."""
    rng = np.random.default_rng(54190)
    with wave.open(str(path), "wb") as out:
        out.setnchannels(2)
        out.setsampwidth(2)
        out.setframerate(rate)
        for chunk in range(0, round(minutes * 60), 10):
            times = chunk + np.arange(10 * rate) / rate
            pitch = 140 + 60 * np.sin(2 * np.pi * times / 7)
            syllables = np.clip(np.sin(2 * np.pi * 4 * times), 0, None) * (np.sin(2 * np.pi * times / 3) > -0.3)
            voice = 0.4 * syllables * np.sin(2 * np.pi * pitch * times) + 0.02 * rng.standard_normal(times.size)
            out.writeframes((np.stack([voice, 0.8 * voice], axis=1) * 32767).astype("<i2").tobytes())
    return path


def synthetic_video(path: Path, minutes: float, size: tuple[int, int] = (640, 360), fps: int = 25) -> Path:
    """A moving gradient with grain and a tone, encoded quickly (x264 ultrafast) as the camera's file."""
    width, height = size
    rng = np.random.default_rng(54190)
    ramp = np.linspace(0, 255, width, dtype=np.float32)[None, :, None]
    with av.open(str(path), "w") as out:
        picture = out.add_stream("libx264", rate=fps, options={"preset": "ultrafast", "crf": "20"})
        picture.width, picture.height, picture.pix_fmt = width, height, "yuv420p"
        sound = out.add_stream("aac", rate=48_000, layout="mono")
        for index in range(round(minutes * 60 * fps)):
            shift = (ramp + index * 2) % 256 + rng.integers(0, 12, (height, 1, 1))
            frame = av.VideoFrame.from_ndarray(np.broadcast_to(shift, (height, width, 3)).astype(np.uint8), "rgb24")
            frame.pts, frame.time_base = index, Fraction(1, fps)
            out.mux(picture.encode(frame))
            _tone_for_frame(out, sound, index, fps)
        out.mux(picture.encode(None))
        out.mux(sound.encode(None))
    return path


def _tone_for_frame(out, sound, index: int, fps: int) -> None:
    count = 48_000 // fps
    times = (index * count + np.arange(count)) / 48_000
    samples = (0.3 * np.sin(2 * np.pi * 220 * times)).astype(np.float32)[None, :]
    frame = av.AudioFrame.from_ndarray(samples, "fltp", "mono")
    frame.sample_rate, frame.pts, frame.time_base = 48_000, index * count, Fraction(1, 48_000)
    out.mux(sound.encode(frame))


def _encode(convert: Callable, source: Path, target: Path) -> tuple[float, float, float]:
    """In a child: seconds to convert, and the peak RSS in MB before (imports only) and after."""
    before = _peak_rss()
    started = time.perf_counter()
    convert(source, target)
    return time.perf_counter() - started, before, _peak_rss()


def _peak_rss() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def encode(label: str, convert: Callable, source: Path, target: Path) -> None:
    """Convert in a fresh spawned child and print the speed against real time and the peak memory."""
    with multiprocessing.get_context("spawn").Pool(1) as pool:
        seconds, before, after = pool.apply(_encode, (convert, source, target))
    length = probe(target).duration
    print(
        f"{label:34} {length / 60:6.1f} min  {source.stat().st_size / 1e6:7.1f} MB -> "
        f"{target.stat().st_size / 1e6:6.1f} MB  in {seconds:6.1f} s = {length / seconds:5.0f}x real time  "
        f"peak RSS {after:5.0f} MB ({before:.0f} MB after imports)"
    )


def cue_times(count: int, within: float, rng: random.Random) -> list[float]:
    """`count` cue start times of the demo transcript (with the times the spoken recording uses) before `within`."""
    source = CUES if CUES.exists() else ROOT / "collections" / "demo" / "transcripts" / "WATSON_19AUG91.txt"
    starts = [float(s.start_seconds) for s in parse(read_text(source)) if s.start_seconds is not None]
    starts = [start for start in starts if start < within - 1] or [within / 2]
    return rng.sample(starts, count) if count <= len(starts) else rng.choices(starts, k=count)


def seeks(path: Path, kind: str, cues: list[float]) -> None:
    """Seek to each cue, decode the first frame; print how far from the cue it lands and how long it takes."""
    distances, times = [], []
    with av.open(str(path)) as container:
        stream = container.streams.video[0] if kind == "video" else container.streams.audio[0]
        for cue in cues:
            started = time.perf_counter()
            container.seek(round(cue / stream.time_base), stream=stream)
            frame = next(container.decode(stream))
            times.append((time.perf_counter() - started) * 1000)
            distances.append(abs(float(frame.time or 0.0) - cue))
    p95 = statistics.quantiles(distances, n=20)[18]
    verdict = "within" if max(distances) <= TARGET else "OVER"
    print(
        f"  {kind:5} {len(cues)} cues: distance max {max(distances):.3f} s, p95 {p95:.3f} s ({verdict} {TARGET} s); "
        f"seek + first frame median {statistics.median(times):.2f} ms, max {max(times):.2f} ms"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=20)
    parser.add_argument("--video-minutes", type=float, default=3)
    parser.add_argument("--seeks", type=int, default=50)
    args = parser.parse_args()
    rng = random.Random(54190)
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        cases = [
            ("synthetic speech-like WAV", "audio", speechlike_wav(folder / "tones.wav", args.minutes), browser_audio),
            ("synthetic 640x360 video", "video", synthetic_video(folder / "camera.mp4", args.video_minutes), None),
        ]
        if SPOKEN.exists():
            cases.insert(0, ("demo interview (espeak-ng speech)", "audio", SPOKEN, browser_audio))
        else:
            print(f"{SPOKEN} is missing: run tools/synthesise_interview.py first")
        for label, kind, source, convert in cases:
            target = folder / f"{source.stem}.browser.{'mp4' if kind == 'video' else 'm4a'}"
            encode(label, convert or browser_video, source, target)
            duration = probe(target).duration
            seeks(target, kind, cue_times(args.seeks, duration, rng))
            if kind == "video":
                seeks(target, "audio", cue_times(args.seeks, duration, rng))


if __name__ == "__main__":
    main()
