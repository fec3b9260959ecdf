"""The demo's walking tour (collections/demo/tours.toml), built from the demo's own geolocated items.

It is created through the workspace's write path (app/tour/editing.py), a revision per change, then submitted and
published through the workflow, whose rules it must pass like any other tour. A tour that exists already is left as
it is (a curator may have edited it): loading the demo again creates nothing.
"""

import tomllib
from pathlib import Path

from sqlalchemy.orm import Session

from app.publishing import revisions, workflow
from app.tour import editing, references
from app.tour.publishing import TOUR

EDITED = ("language", "languages", "titles", "summaries")


def load_tours(session: Session, demo_dir: Path) -> int:
    """Create and publish each listed tour that does not exist yet; returns how many were created."""
    created = 0
    for entry in _read(demo_dir / "tours.toml").get("tour", []):
        if editing.load(session, entry["slug"]) is None:
            tour = _create(session, entry)
            for step in ("submit", "publish"):
                workflow.take(session, tour, step, None)
            created += 1
    return created


def _create(session: Session, entry: dict):
    values = {"slug": entry["slug"], **{name: entry[name] for name in EDITED if name in entry}}
    values["credits"] = [tuple(credit) for credit in entry.get("credits", [])]
    tour = editing.create(session, values, None)
    for stop in entry.get("stop", []):
        editing.add_stop(session, tour, _stop(session, stop), None, revisions.latest_number(session, TOUR, tour.id))
    return tour


def _stop(session: Session, entry: dict) -> dict:
    """A stop's fields as the stop form gives them (its point from its item when it names one)."""
    errors: dict[str, str] = {}
    point = (entry["latitude"], entry["longitude"]) if "latitude" in entry else None
    given = {"titles": entry["titles"], "texts": entry.get("texts", {}), "point": point}
    values = references.resolve(
        session, given | {"item": entry.get("item", ""), "exhibit": entry.get("exhibit", "")}, errors
    )
    if errors:
        raise ValueError(f"collections/demo/tours.toml: {errors}")
    return values


def _read(path: Path) -> dict:
    if not path.is_file():
        return {}
    with path.open("rb") as f:
        return tomllib.load(f)
