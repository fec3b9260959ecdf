"""The demo's synthetic recordings (collections/demo/recordings.toml): their labels, and their cues' ends.

interviews.csv attaches each recording and the transcript timed to it, as any import does (the recording job is
enqueued then, as for any upload); here each recording gets its caption saying it is synthetic speech, and each
cue the time its speech stops. Run again, it changes nothing.
"""

import csv
import tomllib
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.interview.models import Cue
from app.item.models import Item
from app.media.models import Media
from app.media.storage import sha256_of


def label_recordings(session: Session, demo_dir: Path) -> int:
    """Caption, credit and cue ends of each listed recording; returns how many recordings changed."""
    path = demo_dir / "recordings.toml"
    if not path.is_file():
        return 0
    with path.open("rb") as f:
        entries = tomllib.load(f).get("recording", [])
    return sum(_label(session, demo_dir, entry) for entry in entries)


def _label(session: Session, demo_dir: Path, entry: dict) -> bool:
    item = session.scalars(select(Item).where(Item.identifier == entry["item"])).first()
    if item is None:
        return False
    sha256 = sha256_of(demo_dir / entry["file"])
    media = session.scalars(select(Media).where(Media.item_id == item.id, Media.sha256 == sha256)).first()
    if media is None:
        return False
    wanted = {"captions": dict(entry["caption"]), "credit": entry["credit"], "rights": entry["rights"]}
    changed = any(getattr(media, name) != value for name, value in wanted.items())
    for name, value in wanted.items():
        setattr(media, name, value)
    return _set_ends(session, item.id, _ends(demo_dir / entry["placements"])) or changed


def _ends(path: Path) -> dict[float, float]:
    """{start: end} of each placed segment, in seconds."""
    with path.open(encoding="utf-8", newline="") as f:
        return {float(row["start_seconds"]): float(row["end_seconds"]) for row in csv.DictReader(f)}


def _set_ends(session: Session, item_id: int, ends: dict[float, float]) -> bool:
    cues = session.scalars(select(Cue).where(Cue.item_id == item_id, Cue.start_seconds.is_not(None)))
    changed = False
    for cue in cues:
        end = ends.get(cue.start_seconds) if cue.start_seconds is not None else None
        if end is not None and cue.end_seconds != end:
            cue.end_seconds = end
            changed = True
    return changed
