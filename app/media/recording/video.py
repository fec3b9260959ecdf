"""Any video to H.264 and AAC in MP4 for the browser, and a poster picture; frame by frame, redactions silenced.

A keyframe every half second: a player that jumps to the keyframe before a cue (a quick seek, a
slow phone) still lands within half a second of it, and one that decodes on to the exact frame has
at most half a second of pictures to decode. Phones' rotation and old captures' non-square pixels
are applied to the pixels, so every player shows the same upright picture.
"""

from fractions import Fraction
from pathlib import Path

import numpy as np
from av.audio.frame import AudioFrame
from av.audio.stream import AudioStream
from av.container import InputContainer, OutputContainer
from av.video.frame import VideoFrame
from av.video.stream import VideoStream

from app.media.recording.output import mp4_output
from app.media.recording.ranges import Ranges, checked_ranges
from app.media.recording.sound import Silencer, add_aac_stream, finish
from app.media.recording.source import (
    NotARecording,
    RecordingInfo,
    audio_stream,
    decoded,
    open_input,
    probe,
    quarter_turns,
    video_stream,
)
from app.media.storage import atomic_write

MAX_SIDE = 1280  # longest side in pixels: an interview needs a face, not 4K
KEYFRAME_SECONDS = 0.5
X264 = {"preset": "veryfast", "crf": "23"}
POSTER_QUALITY = 85


def browser_video(src: Path, dst: Path, *, silence: Ranges = (), max_side: int = MAX_SIDE) -> None:
    """Write `src` to `dst` as H.264 (yuv420p, even size) with AAC sound in MP4; silent inside `silence` (seconds)."""
    cuts = checked_ranges(silence)
    size = output_size(probe(src), max_side)
    with open_input(src) as container, mp4_output(dst) as output:
        picture, sound = _streams(container, src)
        rate, start = frame_rate(picture), _start(picture, sound)
        encoder = _add_h264_stream(output, rate, size)
        audio = add_aac_stream(output, sound) if sound is not None else None
        silencer = Silencer(audio, cuts, _start(sound) - start) if audio is not None and sound is not None else None
        last = -1
        for frame in decoded(container, *[s for s in (picture, sound) if s is not None]):
            if isinstance(frame, VideoFrame) and (pts := _pts(frame, start, rate, last)) > last:
                last = pts
                output.mux(encoder.encode(_upright(frame, size, pts, rate)))
            elif isinstance(frame, AudioFrame) and audio is not None and silencer is not None:
                output.mux([p for piece in silencer(frame) for p in audio.encode(piece)])
        output.mux(encoder.encode(None))
        if audio is not None and silencer is not None:
            finish(output, audio, silencer)


def poster(src: Path, dst_jpeg: Path, at: float | None = None, *, max_side: int = MAX_SIDE) -> tuple[int, int]:
    """A JPEG of the picture shown at `at` seconds (default: a tenth in, at most 30 s), the browser copy's size."""
    info = probe(src)
    size = output_size(info, max_side)
    at = min(info.duration / 10, 30.0) if at is None else at
    with open_input(src) as container:
        picture, _sound = _streams(container, src)
        frame = _frame_at(container, picture, at)
    with atomic_write(Path(dst_jpeg)) as out:
        _upright(frame, size, 0, Fraction(1)).to_image().save(out, "JPEG", quality=POSTER_QUALITY, optimize=True)
    return size


def output_size(info: RecordingInfo, max_side: int = MAX_SIDE) -> tuple[int, int]:
    """The displayed size of the video, no larger than `max_side`, rounded to even numbers (yuv420p needs them)."""
    if info.width is None or info.height is None:
        raise NotARecording("this recording has no moving picture")
    scale = min(1.0, max_side / max(info.width, info.height))
    return max(2, round(info.width * scale / 2) * 2), max(2, round(info.height * scale / 2) * 2)


def frame_rate(stream: VideoStream) -> Fraction:
    """The stream's frame rate; 25 when it has none or an absurd one (a variable-rate file's time base)."""
    rate = stream.average_rate or stream.guessed_rate
    if not rate or not 0 < rate <= 120:
        return Fraction(25)
    return Fraction(rate).limit_denominator(1001)


def _streams(container: InputContainer, src: Path) -> tuple[VideoStream, AudioStream | None]:
    picture = video_stream(container)
    if picture is None:
        raise NotARecording(f'"{Path(src).name}" has no moving picture')
    return picture, audio_stream(container)


def _add_h264_stream(output: OutputContainer, rate: Fraction, size: tuple[int, int]) -> VideoStream:
    stream = output.add_stream("libx264", rate=rate, options=dict(X264))
    stream.width, stream.height = size
    stream.pix_fmt = "yuv420p"
    stream.codec_context.gop_size = max(1, round(rate * Fraction(KEYFRAME_SECONDS)))
    return stream


def _start(*streams: AudioStream | VideoStream | None) -> float:
    """When the first of `streams` starts, in seconds (0 when none says)."""
    starts = [
        float(s.start_time * s.time_base)
        for s in streams
        if s is not None and s.start_time is not None and s.time_base is not None
    ]
    return min(starts, default=0.0)


def _pts(frame: VideoFrame, start: float, rate: Fraction, last: int) -> int:
    """The frame's place in the output, in frames; a frame without a time follows the one before."""
    return last + 1 if frame.time is None else round((frame.time - start) * rate)


def _upright(frame: VideoFrame, size: tuple[int, int], pts: int, rate: Fraction) -> VideoFrame:
    """The frame at `size`, turned upright, in yuv420p, numbered `pts` at `rate` frames a second."""
    width, height = size
    turns = quarter_turns(frame)
    if turns == 0:
        upright = frame.reformat(width, height, "yuv420p")
    else:
        before = (height, width) if turns % 2 else (width, height)
        pixels = frame.reformat(*before, "rgb24").to_ndarray()
        turned = np.ascontiguousarray(np.rot90(pixels, k=-turns), dtype=np.uint8)
        upright = VideoFrame.from_ndarray(turned, format="rgb24").reformat(format="yuv420p")
    upright.pts, upright.time_base = pts, 1 / rate
    return upright


def _frame_at(container: InputContainer, stream: VideoStream, at: float) -> VideoFrame:
    """The picture shown at `at` seconds (the last one when `at` is past the end)."""
    base = stream.time_base or Fraction(1, 1000)
    container.seek(int(at / base) + (stream.start_time or 0), stream=stream)
    shown = None
    for frame in (f for f in decoded(container, stream) if isinstance(f, VideoFrame)):
        if frame.time is not None and frame.time > at and shown is not None:
            break
        shown = frame
    if shown is None:
        raise NotARecording("the video has no picture to show")
    return shown
