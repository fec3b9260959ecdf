"""Attaching images to items: store the original once, make its derivatives, record the Media row."""

from pathlib import Path

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from app.config import Settings
from app.item.models import Item
from app.media import derivatives, storage
from app.media.models import Media


def attach_image(
    session: Session, item: Item, path: Path, settings: Settings, *, position: int,
    caption: str | None = None, alt: str | None = None, rights: str | None = None, credit: str | None = None,
) -> Media:
    """Attach the image file at `path` to `item` at `position`; the same file already there is kept."""
    image_format, width, height = derivatives.image_info(path)
    sha256 = storage.sha256_of(path)
    existing = at_position(session, item, position)
    if existing is not None and existing.sha256 == sha256:
        return existing
    ensure_derivatives(settings.media_dir, path, sha256)
    stored = storage.store_original(settings.media_dir, path, ext=derivatives.EXTENSIONS[image_format])
    if existing is not None:
        session.delete(existing)
    media = Media(
        item=item, position=position, media_type="image", mime_type=derivatives.MIME_TYPES[image_format],
        sha256=stored.sha256, original_path=stored.relative_path, size_bytes=stored.size,
        width=width, height=height, captions=_in_language(item, caption), alt_texts=_in_language(item, alt),
        rights=rights, credit=credit,
    )
    session.add(media)
    return media


def ensure_derivatives(media_dir: Path, original: Path, sha256: str) -> None:
    """Make the web derivatives of an image unless they are all there already."""
    out_dir = Path(media_dir) / Path(derivatives.derivative_path(sha256, "thumb")).parent
    if not all((out_dir / f"{size}.jpg").exists() for size in derivatives.SIZES):
        derivatives.make_derivatives(original, out_dir)


def at_position(session: Session, item: Item, position: int) -> Media | None:
    """The media of `item` at `position`, if any."""
    if item.id is None:
        return None
    query = select(Media).where(Media.item_id == item.id, Media.position == position).order_by(Media.id)
    return session.scalars(query).first()


def remove_from(session: Session, item_id: int, position: int) -> int:
    """Detach every media of an item from `position` on (their stored files stay, they may be shared)."""
    result = session.execute(delete(Media).where(Media.item_id == item_id, Media.position >= position))
    return result.rowcount


def _in_language(item: Item, text: str | None) -> dict[str, str]:
    return {item.language or "fr": text} if text else {}
