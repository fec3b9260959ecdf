"""Time codes as transcribers write them, and as each format writes them back.

Read: the museum's `M.SS` (minutes.seconds, minutes unbounded: `60.00` is one hour), `MM:SS`, `H:MM:SS`,
each with an optional fraction (`1:02.5`, `00:01:02,500`). Written: `M.SS` for the museum's text files,
`HH:MM:SS.mmm` for WebVTT (SRT's commas are written by the `srt` package).
"""

import re

_CLOCK = re.compile(
    r"(?:(?P<hours>\d{1,2}):(?P<hour_minutes>\d\d):(?P<hour_seconds>\d\d)|(?P<minutes>\d{1,3})[:.](?P<seconds>\d\d))"
    r"(?:[.,](?P<fraction>\d{1,3}))?"
)


def parse_clock(code: str) -> float | None:
    """Seconds for a time code (`1.02` -> 62.0, `1:02:03,5` -> 3723.5); None when it is not one."""
    found = _CLOCK.fullmatch(code.strip())
    if not found:
        return None
    parts = found.groupdict()
    if parts["hours"] is not None:
        hours, minutes, seconds = int(parts["hours"]), int(parts["hour_minutes"]), int(parts["hour_seconds"])
    else:
        hours, minutes, seconds = 0, int(parts["minutes"]), int(parts["seconds"])
    if seconds > 59 or (parts["hours"] is not None and minutes > 59):
        return None
    fraction = float(f"0.{parts['fraction']}") if parts["fraction"] else 0.0
    return hours * 3600 + minutes * 60 + seconds + fraction


def minutes_seconds(seconds: float) -> str:
    """`M.SS` for a time, rounded to the second: 62 -> `1.02`."""
    whole = round(seconds)
    return f"{whole // 60}.{whole % 60:02d}"


def vtt_time(seconds: float) -> str:
    """`HH:MM:SS.mmm`, the form WebVTT requires: 3723.5 -> `01:02:03.500`."""
    milliseconds = round(seconds * 1000)
    hours, rest = divmod(milliseconds, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    return f"{hours:02d}:{minutes:02d}:{rest // 1000:02d}.{rest % 1000:03d}"


def readable(seconds: float) -> str:
    """A time for people reading a problem report: `1:02`, `1:02:03`."""
    whole = int(seconds)
    hours, rest = divmod(whole, 3600)
    return f"{hours}:{rest // 60:02d}:{rest % 60:02d}" if hours else f"{rest // 60}:{rest % 60:02d}"
