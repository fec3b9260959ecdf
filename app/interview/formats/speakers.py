"""Speaker labels opening a turn: `AW:`, `Q :` (French spacing), `INTERVIEWER:`, `Mrs Watson:`, `SPEAKER 2:`.

A label counts only when the same one opens at least two turns of the file: `Note:` or `DATE OF
INTERVIEW:` once is text, and a real interview names each voice more than once. Each word of a label
starts with a capital (or is a number), so `He said: no` stays text.
"""

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import replace

from app.interview.formats.model import Cue, Located

_LABEL = re.compile(r"(?P<label>[^\W\d_][\w.'’-]*(?: [\w.'’-]+){0,3})\s?:(?:\s+|$)")
_LONGEST = 30


def label_of(text: str) -> tuple[str, str] | None:
    """(label, rest of the text) when `text` opens with something shaped like a speaker label."""
    found = _LABEL.match(text)
    if not found:
        return None
    label = found.group("label")
    if len(label) > _LONGEST or not all(word[0].isupper() or word.isdigit() for word in label.split()):
        return None
    return label, text[found.end() :]


def consistent(openings: Iterable[str]) -> set[str]:
    """The labels that open at least two of these turns."""
    counts = Counter(found[0] for text in openings if (found := label_of(text)))
    return {label for label, count in counts.items() if count >= 2}


def split(text: str, labels: set[str]) -> tuple[str | None, str]:
    """(speaker, words) for a turn: the speaker when it opens with one of `labels`, else (None, text)."""
    found = label_of(text)
    if found and found[0] in labels:
        return found
    return None, text


def labelled(located: list[Located]) -> list[Located]:
    """The cues, those without a speaker given the consistent label that opens their text (then taken out)."""
    labels = consistent(cue.text for _, cue in located if cue.speaker is None)
    return [(line, _with_speaker(cue, labels)) for line, cue in located]


def _with_speaker(cue: Cue, labels: set[str]) -> Cue:
    if cue.speaker is not None:
        return cue
    speaker, words = split(cue.text, labels)
    return cue if speaker is None else replace(cue, speaker=speaker, text=words.strip())
