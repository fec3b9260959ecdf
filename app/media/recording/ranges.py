"""Redacted passages as (start, end) seconds, checked before any work: kept apart from PyAV, cheap to import."""

import math
from collections.abc import Sequence

Ranges = Sequence[tuple[float, float]]


def checked_ranges(silence: Ranges) -> list[tuple[float, float]]:
    """The ranges sorted and merged; ValueError for a backwards or negative one, rather than a passage left audible."""
    ranges = sorted((float(start), float(end)) for start, end in silence)
    for start, end in ranges:
        if not 0 <= start < end or math.isinf(end):
            raise ValueError(f"a silenced range must run forwards from 0 s or later, not {start}-{end}")
    merged: list[tuple[float, float]] = []
    for start, end in ranges:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged
