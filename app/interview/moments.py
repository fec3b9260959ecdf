"""Moments of a recording in links: `?t=754` (a moment), `?t=754-812` (a clip), read without ever failing."""

import re
from dataclasses import dataclass

_SECONDS = r"(\d{1,7}(?:\.\d{1,3})?)"
_MOMENT = re.compile(rf"{_SECONDS}(?:-{_SECONDS})?")


@dataclass(frozen=True)
class Moment:
    start: float
    end: float | None = None  # a clip when set, always after `start`

    @property
    def is_clip(self) -> bool:
        return self.end is not None

    def query(self) -> str:
        """The `t` parameter that gives this moment back."""
        text = seconds_text(self.start)
        return text if self.end is None else f"{text}-{seconds_text(self.end)}"


def parse(text: str | None, duration: float | None) -> Moment | None:
    """The moment `t` names, clamped to the recording; None for anything unreadable or past the end."""
    found = _MOMENT.fullmatch((text or "").strip())
    if found is None:
        return None
    start = float(found.group(1))
    end = float(found.group(2)) if found.group(2) else None
    if duration is not None and start >= duration:
        return None
    if end is not None and duration is not None:
        end = min(end, duration)
    return Moment(start, end if end is not None and end > start else None)


def seconds_text(seconds: float) -> str:
    """754.0 -> "754", 754.25 -> "754.25": what a link carries."""
    return f"{seconds:.3f}".rstrip("0").rstrip(".")


def clock(seconds: float) -> str:
    """`12:34` or `1:02:03`, as a person reads a time in a recording."""
    hours, rest = divmod(int(seconds), 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"
