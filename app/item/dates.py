"""Dates as people write them (FR/EN/DE) turned into earliest/latest years, and durations into seconds.

`parse_date` never raises: text it cannot read gives (None, None) and callers keep the text.
Each pattern below turns what it recognises into a span of years and blanks it out, so that
the years inside `vers 1930` or `1920s` are not read again as plain years; the result is the
smallest and largest year of all spans found.
"""

import re
from collections.abc import Callable
from functools import partial

from app.slugs import ascii_fold

Span = tuple[int | None, int | None]
CIRCA = 5  # `vers 1930` is read as 1925-1935
MAX_LENGTH = 500  # longer texts are notes, not dates: only their start is read

_ORDINAL = r"(?<![\w.])(\d{1,2})\s*(?:eme|ere|er|re|e|th|st|nd|rd)\b"
_CENTURY_WORD = r"\s*(?:siecles?|s\.|century|centuries|jahrhunderts?|jhdts?\.?|jh\.?)"
# Roman and German centuries (`XIXe siècle`, `19. Jahrhundert`, `19th c.`) are first rewritten `19e`.
_CENTURY_NUMBER = re.compile(
    r"(?<![\w.])([ivxl]+|\d{1,2})\s*(?:eme|ere|er|re|e|th|st|nd|rd|\.)?(?=" + _CENTURY_WORD + ")"
    r"|(?<![\w.])(\d{1,2})(?:st|nd|rd|th)\s*c\.(?!\s*\d)"
)
_OF = r"\s*(?:du|de la|de|of the|of|des|d')?\s*"
_PARTS = {  # (index, number of parts) by the word for the part
    "moitie": 2,
    "moite": 2,
    "half": 2,
    "halfte": 2,
    "tiers": 3,
    "third": 3,
    "drittel": 3,
    "quart": 4,
    "quarter": 4,
    "viertel": 4,
}
_PART_NUMBERS = {
    "1": 1,
    "premier": 1,
    "premiere": 1,
    "first": 1,
    "erste": 1,
    "ersten": 1,
    "erstes": 1,
    "2": 2,
    "deuxieme": 2,
    "second": 2,
    "seconde": 2,
    "zweite": 2,
    "zweiten": 2,
    "zweites": 2,
    "3": 3,
    "troisieme": 3,
    "third": 3,
    "dritte": 3,
    "dritten": 3,
    "drittes": 3,
    "4": 4,
    "quatrieme": 4,
    "fourth": 4,
    "vierte": 4,
    "vierten": 4,
    "viertes": 4,
    "dernier": -1,
    "derniere": -1,
    "last": -1,
    "letzte": -1,
    "letzten": -1,
    "letztes": -1,
}
_VAGUE = {  # years of the century covered by `début`, `milieu`, `fin`
    "debut": (0, 29),
    "early": (0, 29),
    "anfang": (0, 29),
    "fruhes": (0, 29),
    "fruhen": (0, 29),
    "milieu": (40, 60),
    "mid": (40, 60),
    "mitte": (40, 60),
    "fin": (70, 99),
    "late": (70, 99),
    "ende": (70, 99),
    "spates": (70, 99),
    "spaten": (70, 99),
}
_DECADE_WORDS = {
    "dix": 10,
    "vingt": 20,
    "trente": 30,
    "quarante": 40,
    "cinquante": 50,
    "soixante": 60,
    "soixante-dix": 70,
    "quatre-vingt": 80,
    "quatre-vingts": 80,
    "quatre-vingt-dix": 90,
}
_ROMAN = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100, "d": 500, "m": 1000}
_DASHES = str.maketrans({"\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-"})
_UNKNOWN = {
    "",
    "?",
    "inconnu",
    "inconnue",
    "unknown",
    "unbekannt",
    "date not known",
    "no date",
    "n.d.",
    "s.d.",
    "sans date",
    "undated",
    "ohne datum",
    "o.j.",
}


def parse_date(text: str | None) -> Span:
    """Earliest and latest year meant by `text` (`vers 1930` -> (1925, 1935)); (None, None) if unreadable."""
    try:
        return _parse((text or "")[:MAX_LENGTH])
    except (ValueError, TypeError, AttributeError):
        return None, None


def _parse(text: str) -> Span:
    folded = ascii_fold(text.translate(_DASHES)).lower()
    if folded.strip(" .?") in _UNKNOWN or folded.strip() in _UNKNOWN:
        return None, None
    folded = _CENTURY_NUMBER.sub(_arabic_century, folded)
    spans: list[Span] = []
    for pattern, read in _RULES:
        folded = pattern.sub(partial(_take, read=read, spans=spans), folded)
    spans += _roman_years(text)
    return _bounds(spans)


def _arabic_century(match: re.Match) -> str:
    if match.group(2):
        return f"{match.group(2)}e siecle"
    return f"{_number(match.group(1))}e " if _number(match.group(1)) <= 30 else match.group(0)


def _take(match: re.Match, read: Callable[[re.Match], Span | None], spans: list[Span]) -> str:
    try:
        span = read(match)
    except (ValueError, KeyError):
        span = None
    if span is None:
        return match.group(0)
    spans.append(span)
    return " " * len(match.group(0))


def _bounds(spans: list[Span]) -> Span:
    """The smallest and largest year found; a bound stays open when no span closes it (`after 1900`)."""
    years = [year for span in spans for year in span if year is not None]
    if not years:
        return None, None
    low = min(years) if any(start is not None for start, _end in spans) else None
    high = max(years) if any(end is not None for _start, end in spans) else None
    return low, high


def _number(token: str) -> int:
    """A century or part number written in digits or Roman numerals."""
    if token.isdigit():
        return int(token)
    values = [_ROMAN[char] for char in token]
    total = sum(-v if i + 1 < len(values) and v < values[i + 1] else v for i, v in enumerate(values))
    if total <= 0:
        raise ValueError(token)
    return total


def _century(token: str) -> int:
    return (_number(token) - 1) * 100


def _year(token: str) -> int:
    year = int(token)
    if not 0 < year <= 2200:
        raise ValueError(token)
    return year


def _range_end(start: int, token: str) -> int:
    """`1826-7` ends in 1827 and `1895-05` in 1905: a short end replaces the start's last digits."""
    if len(token) >= 4:
        return _year(token)
    end = int(str(start)[: 4 - len(token)] + token)
    return end if end >= start else end + 10 ** len(token)


def _part_of_century(match: re.Match) -> Span | None:
    number, word, century = match.group(1), match.group(2), match.group(3)
    parts = _PARTS[word]
    index = _PART_NUMBERS.get(number)
    if index is None or index > parts:
        return None
    index = parts if index == -1 else index
    start = _century(century)
    return start + (index - 1) * 100 // parts, start + index * 100 // parts - 1


def _vague_century(match: re.Match) -> Span:
    first, last = _VAGUE[match.group(1)]
    start = _century(match.group(2))
    return start + first, start + last


def _turn_of_century(match: re.Match) -> Span:
    turn = _century(match.group(2))
    return turn - 10, turn + 10


def _whole_century(match: re.Match) -> Span:
    start = _century(match.group(1))
    return start, start + 99


def _decade(match: re.Match) -> Span:
    start = int(match.group(1))
    start = 1900 + start if start < 100 else start
    end = match.group(2)
    end = (1900 + int(end) if len(end) == 2 else int(end)) if end else start
    return start, end - end % 10 + 9


def _decade_word(match: re.Match) -> Span:
    start = 1900 + _DECADE_WORDS[match.group(1)]
    return start, start + 9


def _range(match: re.Match) -> tuple[int, int]:
    start = _year(match.group(1))
    return start, _range_end(start, match.group(2))


def _circa(match: re.Match) -> Span:
    start, end = _range(match) if match.group(2) else (_year(match.group(1)),) * 2
    return start - CIRCA, end + CIRCA


def _one_year(match: re.Match) -> Span:
    year = _year(match.group(1))
    return year, year


def _roman_years(text: str) -> list[Span]:
    """Years in capital Roman numerals (`MDCCCXC`), four letters or more, read from the raw text."""
    years = [_number(token.lower()) for token in _ROMAN_YEAR.findall(text) if len(token) >= 4]
    return [(year, year) for year in years if 1000 <= year <= 2100]


_ROMAN_YEAR = re.compile(r"\b(M{1,2}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3}))\b")
_PART_WORDS = "|".join(sorted(_PARTS, key=len, reverse=True))
_PART_NUMBER = r"(?<![a-z])(\d|[a-z]{4,10})(?:\s*(?:eme|ere|er|re|e|st|nd|rd|th|\.))?"
_YEAR = r"(?<!\d)(\d{4})"
_END = r"\s*(?:-|/|to|a|au|bis|till|until)\s*(?:c\.\s*|ca\.?\s*)?(\d{1,4})(?![\d])"
_CIRCA_WORDS = r"(?:circa|ca\.?|c\.|c|vers|v\.|v|um|around|about|environ|approx\.?|gegen)"

_RULES: list[tuple[re.Pattern, Callable[[re.Match], Span | None]]] = [
    (re.compile(r"(?<!\d)(\d{4})-(?:0?[1-9]|1[0-2])-(?:0?[1-9]|[12]\d|3[01])(?!\d)"), _one_year),
    (re.compile(r"(?<![\d/.])(?:\d{1,2}[/.])?\d{1,2}[/.](\d{4})(?!\d)"), _one_year),
    (re.compile(r"(?:between|entre|zwischen)\s+" + _YEAR + r"\s+(?:and|et|und)\s+(\d{4})"), _range),
    (
        re.compile(_PART_NUMBER + r"\s*(" + _PART_WORDS + r")" + _OF + _ORDINAL + f"(?:{_CENTURY_WORD})?"),
        _part_of_century,
    ),
    (re.compile(r"\b(" + "|".join(_VAGUE) + r")\s*-?" + _OF + _ORDINAL + f"(?:{_CENTURY_WORD})?"), _vague_century),
    (re.compile(r"limite\s*" + _ORDINAL + _CENTURY_WORD + r"\s*" + _ORDINAL + _CENTURY_WORD), _turn_of_century),
    (re.compile(_ORDINAL + _CENTURY_WORD), _whole_century),
    (re.compile(r"(?:les\s+)?annees\s+(\d{4}|\d{2})(?:\s*(?:-|/|a|et)\s*(?:les\s+annees\s+)?(\d{4}|\d{2}))?"), _decade),
    (
        re.compile(r"(?:les\s+)?annees\s+(" + "|".join(sorted(_DECADE_WORDS, key=len, reverse=True)) + r")\b"),
        _decade_word,
    ),
    (re.compile(r"(?<!\d)(\d{3}0)(?:'?s\b|er\b(?:[\s-]*jahren?)?)()"), _decade),
    (re.compile(r"(?<![\w\d])'?([1-9]0)'?s\b()"), _decade),
    (
        re.compile(r"(?:before|avant|vor|not after|until|jusqu'en|bis)\s+(?:c\.\s*)?" + _YEAR),
        lambda match: (None, _year(match.group(1))),
    ),
    (
        re.compile(r"(?:after|apres|nach|not before|since|depuis|seit|des)\s+(?:c\.\s*)?" + _YEAR),
        lambda match: (_year(match.group(1)), None),
    ),
    (re.compile(r"(?<![a-z])" + _CIRCA_WORDS + r"\s*" + _YEAR + f"(?:{_END})?"), _circa),
    (re.compile(_YEAR + _END), _range),
    (re.compile(_YEAR + r"(?!\d)"), _one_year),
]

_UNITS = {
    "h": 3600,
    "hr": 3600,
    "hrs": 3600,
    "hour": 3600,
    "hours": 3600,
    "heure": 3600,
    "heures": 3600,
    "std": 3600,
    "stunde": 3600,
    "stunden": 3600,
    "m": 60,
    "mn": 60,
    "min": 60,
    "mins": 60,
    "minute": 60,
    "minutes": 60,
    "minuten": 60,
    "'": 60,
    "s": 1,
    "sec": 1,
    "secs": 1,
    "second": 1,
    "seconds": 1,
    "seconde": 1,
    "secondes": 1,
    "sekunde": 1,
    "sekunden": 1,
    '"': 1,
}
# Keyed by the previous unit, None before the first one (which then has no smaller unit).
_NEXT_SMALLER_UNIT: dict[int | None, int] = {3600: 60, 60: 1}
_CLOCK = re.compile(r"(?:(\d+):)?(\d{1,3}):(\d{1,2})")
_ISO_DURATION = re.compile(r"pt(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?")
_AMOUNT = re.compile(r"(\d+(?:[.,]\d+)?)\s*([a-z]+|'|\")?\s*")


def parse_duration(text: str | int | None) -> int | None:
    """Seconds in `0:31:35`, `31:35`, `1895`, `31 min`, `1 h 05`, `PT31M35S`; None if unreadable."""
    value = str(text if text is not None else "").strip().lower()
    if value.isdigit():
        return int(value)
    if clock := _CLOCK.fullmatch(value):
        hours, minutes, seconds = (int(part or 0) for part in clock.groups())
        return hours * 3600 + minutes * 60 + seconds if seconds < 60 else None
    if (iso := _ISO_DURATION.fullmatch(value)) and any(iso.groups()):
        hours, minutes, seconds = (int(part or 0) for part in iso.groups())
        return hours * 3600 + minutes * 60 + seconds
    return _duration_in_words(value)


def _duration_in_words(value: str) -> int | None:
    position, total = 0, 0.0
    previous: int | None = None
    while position < len(value):
        amount = _AMOUNT.match(value, position)
        if amount is None:
            return None
        unit = amount.group(2)
        # `1 h 05` and `31 min 35`: a bare number after a unit counts in the next smaller unit.
        factor = _UNITS.get(unit) if unit else _NEXT_SMALLER_UNIT.get(previous)
        if factor is None:
            return None
        total += float(amount.group(1).replace(",", ".")) * factor
        position, previous = amount.end(), factor
    return round(total) if position else None
