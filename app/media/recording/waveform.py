"""A recording's loudness as a picture and as numbers: the peak of each column, decoded frame by frame.

The peaks are also returned (0 to 1, one per column) so that a page can draw them itself, or describe
them, rather than only show a picture. Memory stays small for hours of sound: only the peak of each
short block is kept while decoding, and the blocks are gathered into columns at the end.
"""

import math
from collections.abc import Iterable
from itertools import chain
from pathlib import Path

import numpy as np
from av.audio.frame import AudioFrame
from PIL import Image

from app.media.recording.sound import Converter
from app.media.recording.source import NotARecording, audio_stream, decoded, open_input, probe
from app.media.storage import atomic_write

COLOUR = (45, 58, 74, 255)  # the site's dark slate; the background stays transparent
BLOCKS_PER_COLUMN = 8


def waveform(src: Path, dst_png: Path, width: int = 1600, height: int = 120) -> list[float]:
    """Draw the peak waveform of `src` into a `width` x `height` PNG; returns the `width` peaks drawn."""
    peaks = column_peaks(src, width)
    with atomic_write(Path(dst_png)) as out:
        draw(peaks, height).save(out, "PNG", optimize=True)
    return [round(float(peak), 4) for peak in peaks]


def column_peaks(src: Path, columns: int) -> np.ndarray:
    """The loudest sample (0 to 1, all channels) in each of `columns` equal slices of the recording."""
    if columns < 1:
        raise ValueError("a waveform needs at least one column")
    expected = probe(src).duration
    with open_input(src) as container:
        stream = audio_stream(container)
        if stream is None:
            raise NotARecording(f'"{Path(src).name}" has no sound')
        block = max(1, math.floor(expected * stream.rate / (columns * BLOCKS_PER_COLUMN)))
        blocks = _block_peaks((f for f in decoded(container, stream) if isinstance(f, AudioFrame)), block)
    if expected > 0:
        # The encoder's padding after the last sample is decoded too: the columns span what the player shows.
        blocks = blocks[: math.ceil(expected * stream.rate / block)]
    if blocks.size == 0:
        return np.zeros(columns, dtype=np.float32)
    starts = (np.arange(columns) * blocks.size) // columns
    return np.minimum(np.maximum.reduceat(blocks, starts), 1.0)


def _block_peaks(frames: Iterable[AudioFrame], block: int) -> np.ndarray:
    """Peaks of consecutive `block`-sample blocks; a frame's leftover samples are carried to the next one."""
    convert = Converter()
    peaks: list[np.ndarray] = []
    carry = np.zeros(0, dtype=np.float32)
    for frame in chain(frames, [None]):
        for piece in convert(frame):
            loudest = np.abs(piece.to_ndarray()).max(axis=0)
            samples = np.concatenate([carry, loudest])
            whole = samples.size - samples.size % block
            peaks.append(samples[:whole].reshape(-1, block).max(axis=1))
            carry = samples[whole:]
    if carry.size:
        peaks.append(carry.max(keepdims=True))
    return np.concatenate(peaks) if peaks else np.zeros(0, dtype=np.float32)


def draw(peaks: np.ndarray, height: int) -> Image.Image:
    """Bars centred on the middle line, as tall as their peak (at least one pixel, so silence shows as a line)."""
    middle = (height - 1) / 2
    reach = np.maximum(np.asarray(peaks) * middle, 0.5)
    rows = np.abs(np.arange(height)[:, None] - middle)
    mask = rows <= reach[None, :]
    pixels = np.zeros((height, len(peaks), 4), dtype=np.uint8)
    pixels[mask] = COLOUR
    return Image.fromarray(pixels)
