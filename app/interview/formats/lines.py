"""A decoded text as lines that every line-based reader can trust: bounded in length, free of control codes.

The bound is what keeps a 5 MB file of one line (a mistaken export, or a hostile upload) from reaching
the readers' patterns and the libraries behind them whole: the line is cut and reported, the rest read.
"""

from app.interview.formats.decode import CONTROL
from app.interview.formats.problems import Problems

# Far beyond a real paragraph (the longest line of the WATSON transcript has 1,424 characters).
MAX_LINE = 20_000


def split(text: str, problems: Problems, first: int = 1) -> list[str]:
    """The lines of `text` (numbered from `first` in the problems), cut to MAX_LINE, control codes removed."""
    lines = text.split("\n")
    if lines[-1] == "":
        lines.pop()
    damaged = CONTROL.search(text) is not None or "\ufffd" in text
    for index, line in enumerate(lines):
        if len(line) > MAX_LINE:
            problems.add(first + index, "line-too-long", f"{len(line)} characters, cut to {MAX_LINE}")
            lines[index] = line = line[:MAX_LINE]
        if damaged and (CONTROL.search(line) or "\ufffd" in line):
            problems.add(first + index, "bad-character", "control codes removed; undecodable bytes shown as �")
            lines[index] = CONTROL.sub("", line)
    return lines
