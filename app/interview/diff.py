"""What changed in a transcript or an index between two revisions, as a few readable lines for the history.

A revision keeps whole lists of cues; listing them old → new would bury one fixed word in hundreds of
lines, so the history says "cue 12: text changed" and "40 cues shifted by +2.5 s" instead.
"""

from difflib import SequenceMatcher

from app.i18n import gettext as _

MOST = 25  # lines shown per revision; the rest are counted
_TIMES = ("start", "end")


def _clock(seconds: float | None) -> str:
    if seconds is None:
        return "—"
    minutes, rest = divmod(float(seconds), 60)
    return f"{int(minutes)}:{rest:04.1f}"


def _extract(text: str | None, size: int = 40) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= size else text[: size - 1] + "…"


def _shift(old: dict, new: dict) -> float | None:
    """The offset that takes old's times to new's when only times changed by one offset, else None."""
    if any(old.get(k) != new.get(k) for k in old.keys() | new.keys() if k not in _TIMES):
        return None
    deltas = {round(new[k] - old[k], 3) for k in _TIMES if old.get(k) is not None and new.get(k) is not None}
    untimed_same = all((old.get(k) is None) == (new.get(k) is None) for k in _TIMES)
    if len(deltas) != 1 or not untimed_same:
        return None
    return deltas.pop() or None


def _field_names() -> dict[str, str]:
    return {
        "text": _("text"),
        "speaker": _("speaker"),
        "language": _("language"),
        "translation": _("translation"),
        "translation_language": _("language of the translation"),
        "media": _("recording"),
        "title": _("title"),
        "synopsis": _("synopsis"),
        "keywords": _("keywords"),
        "people": _("people"),
        "places": _("places"),
        "subjects": _("subjects"),
        "latitude": _("latitude"),
        "longitude": _("longitude"),
        "access": _("access"),
        "sealed_until": _("sealed until"),
    }


def _pair(label: str, number: int, old: dict, new: dict) -> str | None:
    names = _field_names()
    changed = [k for k in old.keys() | new.keys() if old.get(k) != new.get(k)]
    if not changed:
        return None
    parts = [names.get(k, k) for k in sorted(changed) if k not in _TIMES]
    if any(k in _TIMES for k in changed):
        parts.append(
            _("times {old} → {new}").format(
                old=f"{_clock(old.get('start'))}–{_clock(old.get('end'))}",
                new=f"{_clock(new.get('start'))}–{_clock(new.get('end'))}",
            )
        )
    return _("{label} {number}: {changes} changed").format(label=label, number=number, changes=", ".join(parts))


def describe(old: list[dict] | None, new: list[dict] | None, cues: bool = True) -> list[str]:
    """Readable lines saying how the list `old` became `new` (cues, or index segments when cues is False)."""
    old, new = old or [], new or []
    key = "text" if cues else "title"
    label = _("cue") if cues else _("segment")
    lines: list[str] = []
    shifts: dict[float, int] = {}
    matcher = SequenceMatcher(None, [r.get(key) for r in old], [r.get(key) for r in new], autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal" or (tag == "replace" and i2 - i1 == j2 - j1):
            for offset in range(i2 - i1):
                _compare(label, old[i1 + offset], new[j1 + offset], j1 + offset + 1, lines, shifts)
        else:
            lines.extend(_structural(cues, label, old[i1:i2], new[j1:j2], (i1 + 1, j1 + 1)))
    for delta, count in sorted(shifts.items()):
        lines.append(_shifted(cues, count, delta))
    return _capped(lines)


def _compare(label: str, old: dict, new: dict, number: int, lines: list[str], shifts: dict[float, int]) -> None:
    delta = _shift(old, new)
    if delta is not None:
        shifts[delta] = shifts.get(delta, 0) + 1
        return
    line = _pair(label, number, old, new)
    if line:
        lines.append(line)


def _structural(cues: bool, label: str, old: list[dict], new: list[dict], firsts: tuple[int, int]) -> list[str]:
    """Lines for rows that were split, merged, added or removed."""
    key, (first_old, first_new) = ("text" if cues else "title"), firsts
    joined_old, joined_new = " ".join(r.get(key) or "" for r in old), " ".join(r.get(key) or "" for r in new)
    if len(old) == 1 and len(new) == 2 and " ".join(joined_old.split()) == " ".join(joined_new.split()):
        return [_("{label} {number} split in two").format(label=label, number=first_old)]
    if len(old) >= 2 and len(new) == 1 and " ".join(joined_old.split()) == " ".join(joined_new.split()):
        merged = _("cues {first}–{last} merged") if cues else _("segments {first}–{last} merged")
        return [merged.format(first=first_old, last=first_old + len(old) - 1)]
    removed = [
        _("{label} {number} removed: “{text}”").format(label=label, number=first_old + n, text=_extract(r.get(key)))
        for n, r in enumerate(old)
    ]
    added = [
        _("{label} {number} added: “{text}”").format(label=label, number=first_new + n, text=_extract(r.get(key)))
        for n, r in enumerate(new)
    ]
    return removed + added


def _shifted(cues: bool, count: int, delta: float) -> str:
    signed = f"{delta:+g}"
    if cues:
        return _("{count} cue(s) shifted by {delta} s").format(count=count, delta=signed)
    return _("{count} segment(s) shifted by {delta} s").format(count=count, delta=signed)


def _capped(lines: list[str]) -> list[str]:
    if len(lines) <= MOST:
        return lines
    return lines[:MOST] + [_("… and {count} more changes").format(count=len(lines) - MOST)]
