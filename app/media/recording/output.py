"""MP4 files written whole or not at all, with their index first so that a browser can seek at once.

FFmpeg's `faststart` moves the `moov` box (the index of every frame) before the media data once the
file is complete; it re-reads the file by its name, so the output is a real file beside the target,
renamed over it at the end (a crash leaves no half-written derivative under the served name).
"""

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import av
from av.container import OutputContainer

FASTSTART = {"movflags": "+faststart"}


@contextmanager
def mp4_output(target: Path) -> Iterator[OutputContainer]:
    """An MP4 container that appears at `target` complete, index first, once the block ends without error."""
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(dir=target.parent, prefix=".tmp-", suffix=target.suffix)
    os.close(fd)
    try:
        with av.open(name, "w", format="mp4", options=FASTSTART) as container:
            yield container
        _fsync(name)
        os.replace(name, target)
    finally:
        Path(name).unlink(missing_ok=True)


def _fsync(name: str) -> None:
    with open(name, "rb") as written:
        os.fsync(written.fileno())
