"""Loading the demo collection shipped in `settings.demo_dir` (collections/demo/)."""

import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.collection.models import Collection
from app.config import Settings
from app.demo import exhibits, recording, tours, trainees
from app.item.kinds import PUBLISHED
from app.item.models import Item
from app.place import gazetteer
from app.place import service as place_service
from app.transfer import importer
from app.transfer.importer import ImportReport

COLLECTION_FIELDS = ("language", "titles", "descriptions", "position")


@dataclass
class DemoReport:
    """What loading the demo did: collections created or updated, and one import report per file."""

    collections_created: int = 0
    collections_updated: int = 0
    places_created: int = 0
    places_updated: int = 0
    files: dict[str, ImportReport] = field(default_factory=dict)
    recordings_labelled: int = 0
    images_labelled: int = 0
    exhibits_created: int = 0
    tours_created: int = 0
    trainees_created: int = 0

    @property
    def rejected(self) -> int:
        return sum(len(report.rejected) for report in self.files.values())


def is_empty(session: Session) -> bool:
    """True when the catalog has no item at all."""
    return session.scalar(select(Item.id).limit(1)) is None


def load_demo(session: Session, settings: Settings, *, progress: Callable | None = None) -> DemoReport:
    """Upsert the place list and the demo collections, then import every file of the manifest, in order."""
    demo_dir = Path(settings.demo_dir)
    report = DemoReport()
    # The rows name their communes: the listed places (names by language, coordinates) come first.
    report.places_created, report.places_updated = place_service.load_list(session, gazetteer.read())
    for entry in _read_toml(demo_dir / "collections.toml")["collection"]:
        _upsert_collection(session, entry, report)
    # The importer looks collections up by slug: they must exist before the first row.
    session.flush()
    for name in _read_toml(demo_dir / "manifest.toml")["files"]:
        report.files[name] = importer.import_file(session, demo_dir / name, settings, progress=progress)
    report.recordings_labelled = recording.label_recordings(session, demo_dir)
    report.images_labelled = exhibits.label_images(session, demo_dir)
    # The exhibits show the items just imported: they come last.
    report.exhibits_created = exhibits.load_exhibits(session, demo_dir)
    # The tour stops at the items and opens an exhibit page: after both.
    report.tours_created = tours.load_tours(session, demo_dir)
    # The example trainees' tasks work on the items, images and interview loaded above: last.
    report.trainees_created = trainees.load_trainees(session)
    return report


def _read_toml(path: Path) -> dict:
    with path.open("rb") as f:
        return tomllib.load(f)


def _upsert_collection(session: Session, entry: dict, report: DemoReport) -> None:
    values = {
        "language": entry.get("language", "fr"),
        "titles": dict(entry["title"]),
        "descriptions": dict(entry.get("description", {})),
        "position": entry.get("position", 0),
    }
    collection = session.scalars(select(Collection).where(Collection.slug == entry["slug"])).first()
    if collection is None:
        # The demo's collections are curated and public at once (new collections are otherwise drafts).
        session.add(Collection(slug=entry["slug"], status=PUBLISHED, **values))
        report.collections_created += 1
    elif any(getattr(collection, name) != values[name] for name in COLLECTION_FIELDS):
        for name in COLLECTION_FIELDS:
            setattr(collection, name, values[name])
        report.collections_updated += 1
