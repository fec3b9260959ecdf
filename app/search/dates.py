"""Items' dates as arrays over a searcher's documents, and the years a visitor types.

Each item is indexed with the earliest and latest years its date stands for (columns, not
postings). A year or a range of years among the visitor's words ("1937", "1914-1918") also
matches the items whose dates overlap it.
"""

import re

import numpy as np

from app.search.reading import Limited, Reading, segment_id

YEARS = re.compile(r"^(1\d{3}|20\d{2})(?:[-–/](1\d{3}|20\d{2}))?$")
PERIODS_KEPT = 64  # period masks kept per index state (one byte per document each)


def typed_period(word: str) -> tuple[int, int] | None:
    """(first, last) year of a word that is a year or a range of years, else None."""
    found = YEARS.match(word)
    if found is None:
        return None
    first, last = int(found[1]), int(found[2] or found[1])
    return (first, last) if first <= last else None


def overlapping(reading: Reading, period: tuple[int, int]) -> np.ndarray:
    """True for each document whose dates overlap `period` (cached per index state)."""
    cache = reading.cache.setdefault("periods", Limited(PERIODS_KEPT))
    if period not in cache:
        first, last = period
        cache[period] = (numbers(reading, "date_earliest") <= last) & (numbers(reading, "date_latest") >= first)
    return cache[period]


def numbers(reading: Reading, field_name: str) -> np.ndarray:
    """A numeric column of every document (dates: items without one hold the column's default)."""
    return np.concatenate(
        [np.zeros(0, np.int64)]
        + [
            segment_numbers(reading.segments, reader, field_name)
            for reader, _offset in reading.searcher.reader().leaf_readers()
        ]
    )


def segment_numbers(segments: dict, reader, field_name: str) -> np.ndarray:
    if not reader.doc_count_all():  # an empty index's reader has no columns at all
        return np.zeros(0, np.int64)
    key = (segment_id(reader), f"numbers:{field_name}")
    if key not in segments:
        segments[key] = np.array(reader.column_reader(field_name).load(), dtype=np.int64)
    return segments[key]
