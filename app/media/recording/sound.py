"""Any sound to AAC in MP4, frame by frame, with redacted passages replaced by silence.

Every AAC frame (1024 samples, about 21 ms) can be decoded on its own, so a player seeking to a cue
starts within 21 ms of it; the MP4's index comes first (see output.py), so it can seek before it
has downloaded the file. The original is only read: redaction happens on the copy.
"""

import math
from fractions import Fraction
from pathlib import Path

import av
from av.audio.frame import AudioFrame
from av.audio.stream import AudioStream
from av.container import OutputContainer

from app.media.recording.output import mp4_output
from app.media.recording.ranges import Ranges, checked_ranges
from app.media.recording.source import NotARecording, audio_stream, decoded, open_input

# The sample rates AAC can signal; anything else (or anything above 48 kHz, wasted on speech) becomes 48 kHz.
AAC_RATES = (8000, 11025, 12000, 16000, 22050, 24000, 32000, 44100, 48000)
BIT_RATES = {1: 96_000, 2: 128_000}
MIN_BIT_RATE = 32_000


def browser_audio(src: Path, dst: Path, *, silence: Ranges = (), bit_rate: int | None = None) -> None:
    """Write the sound of `src` to `dst` as AAC in MP4 (`.m4a`), silent inside the `silence` ranges (seconds)."""
    cuts = checked_ranges(silence)
    with open_input(src) as container:
        source = audio_stream(container)
        if source is None:
            raise NotARecording(f'"{Path(src).name}" has no sound')
        with mp4_output(dst) as output:
            encoder = add_aac_stream(output, source, bit_rate)
            silencer = Silencer(encoder, cuts)
            for frame in (f for f in decoded(container, source) if isinstance(f, AudioFrame)):
                output.mux([packet for piece in silencer(frame) for packet in encoder.encode(piece)])
            finish(output, encoder, silencer)


def add_aac_stream(output: OutputContainer, source: AudioStream, bit_rate: int | None = None) -> AudioStream:
    """An AAC stream for the sound of `source`: mono or stereo as it is (more channels mixed down to two)."""
    channels = 1 if source.channels == 1 else 2
    rate = source.rate if source.rate in AAC_RATES else 48_000
    stream = output.add_stream("aac", rate=rate, layout="mono" if channels == 1 else "stereo")
    stream.bit_rate = bit_rate or _bit_rate(source, channels)
    return stream


def _bit_rate(source: AudioStream, channels: int) -> int:
    """The usual rate, or twice the source's when that is less: a small file re-encoded larger sounds no better."""
    known = source.bit_rate or source.codec_context.bit_rate
    return min(BIT_RATES[channels], max(2 * known, MIN_BIT_RATE)) if known else BIT_RATES[channels]


class Converter:
    """Decoded frames to float planes at one layout and rate (None: as they come), in order.

    PyAV's resampler serves one input format; a damaged MP3 can yield a frame of another rate (noise
    read as a frame header), so the resampler is flushed and made again when the input changes.
    """

    def __init__(self, layout: str | None = None, rate: int | None = None) -> None:
        self._layout, self._rate = layout, rate
        self._input: tuple[str, str, int] | None = None
        self._resampler = av.AudioResampler(format="fltp", layout=layout, rate=rate)

    def __call__(self, frame: AudioFrame | None) -> list[AudioFrame]:
        """The converted frames ready so far (None flushes what the resampler holds)."""
        flushed: list[AudioFrame] = []
        if frame is not None and self._input != (shape := (frame.format.name, frame.layout.name, frame.sample_rate)):
            if self._input is not None:
                flushed = self._resampler.resample(None)
                self._resampler = av.AudioResampler(format="fltp", layout=self._layout, rate=self._rate)
            self._input = shape
        return flushed + self._resampler.resample(frame)


class Silencer:
    """Turns decoded frames into the encoder's sample format and zeroes the samples of the redacted ranges.

    Time is counted in samples from the start of the output, `offset` seconds after the video's first
    frame for a video's sound, so a range means the same moment as the player's clock.
    """

    def __init__(self, encoder: AudioStream, cuts: Ranges, offset: float = 0.0) -> None:
        self.rate, self.layout = encoder.rate, encoder.layout.name
        self._convert = Converter(layout=self.layout, rate=self.rate)
        # Widened to whole samples: a redacted passage is silenced to its very edges.
        self._cuts = [(math.floor(start * self.rate), math.ceil(end * self.rate)) for start, end in cuts]
        self._position = round(offset * self.rate)

    def __call__(self, frame: AudioFrame | None) -> list[AudioFrame]:
        """The frames to encode for one decoded frame (None at the end, to flush the resampler)."""
        return [self._silenced(piece) for piece in self._convert(frame)]

    def _silenced(self, frame: AudioFrame) -> AudioFrame:
        start, end = self._position, self._position + frame.samples
        self._position = end
        overlaps = [(max(a, start) - start, min(b, end) - start) for a, b in self._cuts if a < end and b > start]
        if overlaps:
            samples = frame.to_ndarray()
            for a, b in overlaps:
                samples[:, a:b] = 0
            frame = AudioFrame.from_ndarray(samples, format="fltp", layout=self.layout)
        frame.sample_rate, frame.pts, frame.time_base = self.rate, start, Fraction(1, self.rate)
        return frame


def finish(output: OutputContainer, encoder: AudioStream, silencer: Silencer) -> None:
    """Flush what the resampler and the encoder still hold into the file."""
    for piece in silencer(None):
        output.mux(encoder.encode(piece))
    output.mux(encoder.encode(None))
