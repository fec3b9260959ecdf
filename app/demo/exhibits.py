"""The demo's images' alternative texts (collections/demo/images.toml) and its exhibits (exhibits.toml).

Exhibits are created through the workspace's write path (app/exhibit/editing.py), so each has its revisions,
then submitted and published through the workflow, whose rules they must pass like any other: every item
they show published, every image with an alternative text. An exhibit that exists already is left as it
is (a curator may have edited it): loading the demo again creates nothing.
"""

import tomllib
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.exhibit import blocks, editing
from app.exhibit.publishing import EXHIBIT
from app.item.models import Item
from app.media.models import Media
from app.media.storage import sha256_of
from app.publishing import revisions, workflow

EDITED = ("language", "titles", "summaries", "tags", "featured")


def label_images(session: Session, demo_dir: Path) -> int:
    """Give every image made from each listed file its alternative texts; returns how many images changed."""
    changed = 0
    for entry in _read(demo_dir / "images.toml").get("image", []):
        alt = dict(entry["alt"])
        for media in session.scalars(select(Media).where(Media.sha256 == sha256_of(demo_dir / entry["file"]))):
            if media.alt_texts != alt:
                media.alt_texts = alt
                changed += 1
    return changed


def load_exhibits(session: Session, demo_dir: Path) -> int:
    """Create and publish each listed exhibit that does not exist yet; returns how many were created."""
    created = 0
    for entry in _read(demo_dir / "exhibits.toml").get("exhibit", []):
        if editing.load(session, entry["slug"]) is None:
            _publish(session, _create(session, entry))
            created += 1
    return created


def _create(session: Session, entry: dict):
    values = {"slug": entry["slug"], **{name: entry[name] for name in EDITED if name in entry}}
    values["credits"] = [tuple(credit) for credit in entry.get("credits", [])]
    exhibit = editing.create(session, values, None, document(entry))
    if "cover" in entry:
        base = revisions.latest_number(session, EXHIBIT, exhibit.id)
        editing.set_cover(session, exhibit, _image(session, **entry["cover"]), None, base)
    return exhibit


def document(entry: dict) -> blocks.Document:
    """The exhibit's pages as the TOML file writes them (`page` and `block` tables), validated."""
    pages = [
        {"key": page["key"], "titles": page.get("titles", {}), "blocks": page.get("block", [])}
        for page in entry.get("page", [])
    ]
    return blocks.load({"version": blocks.VERSION, "pages": pages})


def _image(session: Session, item: str, image: int = 1) -> Media | None:
    query = (
        select(Media)
        .join(Item, Item.id == Media.item_id)
        .where(Item.identifier == item, Media.media_type == "image")
        .order_by(Media.position, Media.id)
    )
    return next(iter(session.scalars(query.offset(image - 1).limit(1))), None)


def _publish(session: Session, exhibit) -> None:
    # The demo's exhibits are curated and public at once, through the steps any exhibit takes.
    for step in ("submit", "publish"):
        workflow.take(session, exhibit, step, None)


def _read(path: Path) -> dict:
    if not path.is_file():
        return {}
    with path.open("rb") as f:
        return tomllib.load(f)
