"""Real sound and video files made for the recording tests: a stdlib WAV, MP3 and Ogg Opus and videos encoded with PyAV.

Each tone is loud enough (-10 dBFS) for silence to stand out; each video frame's grey level tells its
number, so a test can see which picture a seek or a poster landed on.
"""

import struct
import wave
from fractions import Fraction
from pathlib import Path

import av
import numpy as np

TONE = 440.0
AMPLITUDE = 0.3


def tone(seconds: float, rate: int, channels: int = 1) -> np.ndarray:
    """A 440 Hz tone as float samples shaped (channels, samples)."""
    times = np.arange(round(seconds * rate)) / rate
    return np.tile(AMPLITUDE * np.sin(2 * np.pi * TONE * times), (channels, 1)).astype(np.float32)


def write_wav(path: Path, seconds: float, rate: int = 44_100, channels: int = 1) -> Path:
    """A 16-bit PCM WAV written with the standard library's `wave` module."""
    samples = (tone(seconds, rate, channels).T * 32767).astype("<i2")
    with wave.open(str(path), "wb") as out:
        out.setnchannels(channels)
        out.setsampwidth(2)
        out.setframerate(rate)
        out.writeframes(samples.tobytes())
    return path


def write_sound(path: Path, codec: str, seconds: float, rate: int, channels: int = 1) -> Path:
    """The tone encoded by PyAV with `codec` (libmp3lame, libopus...) in the container `path`'s suffix names."""
    layout = "mono" if channels == 1 else "stereo"
    with av.open(str(path), "w") as out:
        stream = out.add_stream(codec, rate=rate, layout=layout)
        encode_sound(out, stream, tone(seconds, rate, channels), layout)
    return path


def encode_sound(out, stream, samples: np.ndarray, layout: str) -> None:
    """Encode `samples` (channels, samples) into `stream` of the open output `out`, and flush it."""
    step = 1152
    for start in range(0, samples.shape[1], step):
        frame = av.AudioFrame.from_ndarray(np.ascontiguousarray(samples[:, start : start + step]), "fltp", layout)
        frame.sample_rate, frame.pts, frame.time_base = stream.rate, start, Fraction(1, stream.rate)
        out.mux(stream.encode(frame))
    out.mux(stream.encode(None))


def grey(index: int) -> int:
    """The grey level of frame `index`: 8 levels apart, so a decoded frame tells its number despite compression."""
    return 8 + (index * 8) % 240


def write_video(
    path: Path,
    seconds: float,
    size: tuple[int, int] = (64, 48),
    fps: int = 25,
    *,
    sound: bool = True,
    codec: str = "libx264",
    rotation: int = 0,
) -> Path:
    """A video of numbered grey frames (a white square top left) with the tone, encoded by PyAV from numpy."""
    width, height = size
    with av.open(str(path), "w") as out:
        picture = out.add_stream(codec, rate=fps)
        picture.width, picture.height = width, height
        picture.pix_fmt = "yuvj444p" if codec == "mjpeg" else "yuv420p"
        if rotation:
            picture.set_display_rotation(rotation)
        audio = out.add_stream("aac", rate=44_100, layout="mono") if sound else None
        for index in range(round(seconds * fps)):
            pixels = np.full((height, width, 3), grey(index), dtype=np.uint8)
            pixels[: height // 4, : width // 4] = 255
            frame = av.VideoFrame.from_ndarray(pixels, format="rgb24")
            frame.pts, frame.time_base = index, Fraction(1, fps)
            out.mux(picture.encode(frame))
        out.mux(picture.encode(None))
        if audio is not None:
            encode_sound(out, audio, tone(seconds, 44_100), "mono")
    return path


def top_boxes(path: Path) -> list[bytes]:
    """The types of an ISO media file's top-level boxes, in order (`ftyp`, `moov`, `mdat`...)."""
    data, found, pos = path.read_bytes(), [], 0
    while pos + 8 <= len(data):
        size, kind = struct.unpack_from(">I4s", data, pos)
        if size == 1:
            size = struct.unpack_from(">Q", data, pos + 8)[0]
        found.append(kind)
        pos += size if size else len(data)
    return found


def decoded_sound(path: Path) -> tuple[int, np.ndarray, float]:
    """Sample rate, every decoded sample (channels, samples) and the time of the first one."""
    with av.open(str(path)) as container:
        stream = container.streams.audio[0]
        frames = list(container.decode(stream))
    return stream.rate, np.concatenate([frame.to_ndarray() for frame in frames], axis=1), frames[0].time or 0.0


def rms(path: Path, start: float, end: float) -> float:
    """The loudness (root mean square, 0 to 1) of the decoded sound between two times."""
    rate, samples, first = decoded_sound(path)
    a, b = round((start - first) * rate), round((end - first) * rate)
    return float(np.sqrt(np.mean(np.square(samples[:, a:b]))))


def landing(path: Path, kind: str, at: float) -> float:
    """Where a plain PyAV seek to `at` lands: the time of the first frame decoded after it."""
    with av.open(str(path)) as container:
        stream = container.streams.audio[0] if kind == "audio" else container.streams.video[0]
        container.seek(round(at / stream.time_base), stream=stream)
        frame = next(container.decode(stream))
        return float(frame.time)


def scratched(source: Path, target: Path, start: int, length: int, seed: int = 1) -> Path:
    """A copy of `source` with `length` bytes from `start` replaced by noise, as a damaged digitisation."""
    data = bytearray(source.read_bytes())
    data[start : start + length] = np.random.default_rng(seed).integers(0, 256, length, dtype=np.uint8).tobytes()
    target.write_bytes(data)
    return target
