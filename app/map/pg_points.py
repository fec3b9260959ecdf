"""The map's points on the PostgreSQL search engine: the same arrays as app/map/points.py, read from the
search_documents table (public records only, as Whoosh's documents) instead of Whoosh's columns.

A document number is a position in the list of documents ordered by id. The arrays are read once per catalog
generation (app/search/sync.py: every change the engine writes is recorded as a done index job) and kept on the
index, so every server sees a change at its next request, and a page of clusters costs one query for the words,
one for the pins.
"""

import json
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from sqlalchemy import select

from app.search.pg import tables
from app.search.schema import NO_POINT
from app.search.sync import GENERATION


@dataclass
class PgReading:
    """What the map reads of one state of the PostgreSQL index: record ids and points by document number."""

    index: Any  # the PgIndex (the app holds it as a SearchIndex)
    generation: int
    ids: np.ndarray
    lat: np.ndarray
    lon: np.ndarray
    cache: dict = field(default_factory=dict)

    def docnums(self, record_ids: list[int]) -> np.ndarray:
        """A mask by document number of these records."""
        return np.isin(self.ids, np.asarray(record_ids, dtype=np.int64))

    def displays(self, docnums) -> dict[int, dict]:
        """The display fields, as Whoosh stores them, of these documents, read in one query."""
        wanted = {int(self.ids[docnum]): int(docnum) for docnum in docnums}
        documents = tables.documents
        query = select(documents.c.id, documents.c.stored).where(documents.c.id.in_(wanted))
        with self.index.reading() as connection:
            return {wanted[row.id]: json.loads(row.stored["display"]) for row in connection.execute(query)}


def reading(index) -> PgReading:
    """The index's points at the catalog's current generation (read again after any change), kept on the index."""
    documents = tables.documents
    with index.reading() as connection:
        current = connection.scalar(GENERATION) or 0
        kept = getattr(index, "map_points", None)
        if kept is not None and kept.generation == current:
            return kept
        query = select(documents.c.id, documents.c.latitude, documents.c.longitude).order_by(documents.c.id)
        rows = connection.execute(query).all()
    ids = np.array([row[0] for row in rows], dtype=np.int64)
    lat = np.array([NO_POINT if row[1] is None else row[1] for row in rows], dtype=np.float64)
    lon = np.array([NO_POINT if row[2] is None else row[2] for row in rows], dtype=np.float64)
    index.map_points = found = PgReading(index, current, ids, lat, lon)
    return found
