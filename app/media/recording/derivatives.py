"""What the interview page plays and shows for a stored recording, written beside the image derivatives.

In the folder of the original's hash (`derivatives/ab/cd/<sha256>/`): `recording.m4a` (a sound) or
`recording.mp4` (a video, with `poster.jpg`), `waveform.png` when there is sound, and `recording.json`
saying what was made (duration, size, peaks, silenced ranges), so a page needs no database column to
draw the waveform or know the length. Like the image derivatives they belong to the file, not to one
item: a passage silenced here is silenced wherever the recording is shown.
"""

import json
from pathlib import Path

from app.media.recording.ranges import Ranges, checked_ranges
from app.media.recording.sound import browser_audio
from app.media.recording.source import RecordingInfo, probe
from app.media.recording.video import browser_video, poster
from app.media.recording.waveform import waveform
from app.media.storage import atomic_write

AUDIO, VIDEO, POSTER = "recording.m4a", "recording.mp4", "poster.jpg"
WAVEFORM, DESCRIPTION = "waveform.png", "recording.json"


def make_recording_derivatives(original: Path, out_dir: Path, *, silence: Ranges = ()) -> RecordingInfo:
    """Write the browser copy (silent inside `silence`), poster, waveform and description; returns the copy's info."""
    cuts = checked_ranges(silence)
    if probe(original).has_video:
        copy = out_dir / VIDEO
        browser_video(original, copy, silence=cuts)
        poster(copy, out_dir / POSTER)
    else:
        copy = out_dir / AUDIO
        browser_audio(original, copy, silence=cuts)
    made = probe(copy)
    peaks = waveform(copy, out_dir / WAVEFORM) if made.audio_codec else []
    _describe(out_dir / DESCRIPTION, copy.name, made, peaks, cuts)
    return made


def _describe(target: Path, name: str, made: RecordingInfo, peaks: list[float], cuts: Ranges) -> None:
    description = {
        "file": name,
        "duration": round(made.duration, 3),
        "width": made.width,
        "height": made.height,
        "poster": POSTER if made.has_video else None,
        "waveform": WAVEFORM if peaks else None,
        "peaks": peaks,
        "silenced": [list(cut) for cut in cuts],
    }
    with atomic_write(target) as out:
        out.write(json.dumps(description, separators=(",", ":")).encode())
