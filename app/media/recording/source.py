"""Reading a recording with PyAV: only the containers an upload may be, errors said in the museum's words.

FFmpeg opens far more than sounds and videos (pictures, playlists that point at other files, text
shown as "video"), so the demuxers are limited to the containers app/media/sniff.py accepts, and to
local files: a recording never makes FFmpeg open anything else.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import av
from av.audio.frame import AudioFrame
from av.audio.stream import AudioStream
from av.container import InputContainer
from av.stream import Disposition
from av.video.frame import VideoFrame
from av.video.stream import VideoStream

DEMUXERS = "mov,mp4,m4a,3gp,3g2,mj2,mp3,wav,ogg,flac,matroska,webm"
_OPTIONS = {"format_whitelist": DEMUXERS, "protocol_whitelist": "file"}
# HEIF and AVIF pictures are MP4 files to FFmpeg, shown as a one-frame video: they are photos, not recordings.
PICTURE_BRANDS = frozenset({"heic", "heix", "heim", "heis", "mif1", "msf1", "avif", "avis"})


class NotARecording(ValueError):
    """The file is not a sound or video that can be read (or its data is damaged)."""


@dataclass(frozen=True)
class RecordingInfo:
    """What the page and the encoders need to know about a recording; sizes as displayed (rotation applied)."""

    duration: float
    has_video: bool
    audio_codec: str | None
    video_codec: str | None
    width: int | None
    height: int | None
    sample_rate: int | None
    channels: int | None


@contextmanager
def open_input(path: Path) -> Iterator[InputContainer]:
    """The file opened for reading; NotARecording (not an FFmpeg error) when it is no sound or video."""
    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(path)
    try:
        container = av.open(str(path), options=_OPTIONS)
    except av.FFmpegError as error:
        raise NotARecording(f'"{path.name}" is not a sound or video file ({_reason(error)})') from None
    if container.metadata.get("major_brand", "").strip() in PICTURE_BRANDS:
        container.close()
        raise NotARecording(f'"{path.name}" is a HEIF or AVIF picture, not a sound or video')
    try:
        yield container
    except av.FFmpegError as error:
        raise NotARecording(f'"{path.name}" could not be decoded ({_reason(error)})') from None
    finally:
        container.close()


def decoded(container: InputContainer, *streams: AudioStream | VideoStream) -> Iterator[AudioFrame | VideoFrame]:
    """The frames of `streams` in file order, skipping the few packets the decoder rejects.

    An old digitisation often has a scratch: a player skips it, and so does the copy. A file that is
    more damage than recording (over 10 packets and 1 % of those read) is refused as damaged.
    """
    damaged = read = 0
    for packet in container.demux(*streams):
        read += 1
        try:
            frames = packet.decode()
        except MemoryError:
            raise
        except av.FFmpegError:  # decoders reject bad data in their own words: EINVAL, EPERM (AAC)...
            damaged += 1
            if damaged > max(10, read // 100):
                name = Path(container.name).name
                raise NotARecording(f'"{name}" is too damaged to decode ({damaged} of {read} packets)') from None
            continue
        yield from (frame for frame in frames if isinstance(frame, AudioFrame | VideoFrame))


def _reason(error: av.FFmpegError) -> str:
    return error.strerror or type(error).__name__


def audio_stream(container: InputContainer) -> AudioStream | None:
    """The recording's sound: the default audio stream, else the first."""
    streams = list(container.streams.audio)
    return next((s for s in streams if s.disposition & Disposition.default), streams[0] if streams else None)


def video_stream(container: InputContainer) -> VideoStream | None:
    """The moving picture, if any: an album cover in an MP3 or M4A (an "attached picture") is not one."""
    return next((s for s in container.streams.video if not s.disposition & Disposition.attached_pic), None)


def probe(path: Path) -> RecordingInfo:
    """Duration, codecs, displayed size and sound format of a recording; NotARecording for anything else."""
    with open_input(path) as container:
        sound, picture = audio_stream(container), video_stream(container)
        if sound is None and picture is None:
            raise NotARecording(f'"{Path(path).name}" has neither sound nor moving picture')
        size = _first_picture_size(container, picture) if picture is not None else (None, None)
        return RecordingInfo(
            duration=_duration(container, picture or sound),
            has_video=picture is not None,
            audio_codec=sound.codec_context.name if sound is not None else None,
            video_codec=picture.codec_context.name if picture is not None else None,
            width=size[0],
            height=size[1],
            sample_rate=sound.rate if sound is not None else None,
            channels=sound.channels if sound is not None else None,
        )


def _first_picture_size(container: InputContainer, stream: VideoStream) -> tuple[int, int]:
    # A phone's rotation reaches PyAV on the decoded frames only, so one frame is decoded.
    frame = next(container.decode(stream), None)
    container.seek(0)
    return display_size(stream, quarter_turns(frame) if frame is not None else 0)


def display_size(stream: VideoStream, turns: int) -> tuple[int, int]:
    """Width and height as shown: non-square pixels (DV, VHS captures) widened, then `turns` quarter turns."""
    width, height = stream.codec_context.width, stream.codec_context.height
    aspect = stream.sample_aspect_ratio
    if aspect and aspect != 1:
        width = round(width * aspect)
    return (height, width) if turns % 2 else (width, height)


def quarter_turns(frame: VideoFrame) -> int:
    """Clockwise quarter turns that make a picture upright, from its display matrix (as FFmpeg's autorotate)."""
    return round(-frame.rotation / 90) % 4


def _duration(container: InputContainer, stream: AudioStream | VideoStream | None) -> float:
    """The container's duration, else the stream's, else the end of its last packet (read, not decoded)."""
    if container.duration is not None:
        return container.duration / av.time_base
    if stream is not None and stream.duration is not None and stream.time_base is not None:
        return float(stream.duration * stream.time_base)
    end = 0.0
    for packet in container.demux(stream):
        if packet.pts is not None and packet.time_base is not None:
            end = max(end, float((packet.pts + (packet.duration or 0)) * packet.time_base))
    return end
