"""WebVTT and SRT files cut into cue blocks, each with the line number it starts at.

The libraries that read these formats read a whole file and give up, or skip silently, at the first
cue they cannot read. Handing them one block at a time is what lets one bad cue be reported at its
line while the others are kept. A timing line in a block that already has one starts a new block (two
cues with no blank line between them), taking along a cue number just above it; an arrow inside a
cue's words (SRT has no escaping) does not.
"""

import re
from collections.abc import Iterator
from dataclasses import dataclass

ARROW = "-->"
_TIMING = re.compile(r"\s*\d[\d:.,]*\s*-->")


@dataclass(frozen=True)
class Block:
    first: int
    lines: list[str]

    def timing_line(self) -> int:
        """The line number of the block's `-->` line, or of its first line when it has none."""
        return next((self.first + i for i, line in enumerate(self.lines) if ARROW in line), self.first)

    def text(self) -> str:
        return "\n".join(self.lines)


def blocks(lines: list[str], first: int = 1) -> Iterator[Block]:
    """The blocks of non-blank lines, in order."""
    current: list[str] = []
    start, timed = first, False
    for number, line in enumerate(lines, start=first):
        if not line.strip():
            if current:
                yield Block(start, current)
            current, timed = [], False
            continue
        if timed and _TIMING.match(line):
            carried = [current.pop()] if current[-1].strip().isdigit() else []
            yield Block(start, current)
            current, timed, start = carried, False, number - len(carried)
        if not current:
            start = number
        current.append(line)
        timed = timed or ARROW in line
    if current:
        yield Block(start, current)
