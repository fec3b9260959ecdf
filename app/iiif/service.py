"""The IIIF image service's operations: which images are public, their information, their pixels."""

import logging
import threading
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.iiif import cache, image_request, pyramid, render
from app.iiif.image_request import ImageRequest
from app.iiif.pyramid import PyramidError, PyramidInfo
from app.item.kinds import PUBLISHED
from app.item.models import Item
from app.media.models import Media

log = logging.getLogger(__name__)
CONTEXT = "http://iiif.io/api/image/3/context.json"
EXTRA_FEATURES = [
    # Level 2 already promises regionByPct, regionByPx, regionSquare, rotationBy90s, sizeByConfinedWh,
    # sizeByH, sizeByPct, sizeByW, sizeByWh, baseUriRedirect, cors and jsonldMediaType.
    "mirroring", "rotationArbitrary", "sizeUpscaling",
]
# Each render holds up to a few hundred MB of pixels for the largest sizes: no more than this at once.
_RENDERS = threading.BoundedSemaphore(4)


class ImageUnavailable(Exception):
    """The original cannot be read, so there is no pyramid to answer from."""


def public_image(session: Session, sha256: str) -> Media | None:
    """An image with this content hash attached to a published item, if there is one."""
    query = (select(Media).join(Item, Media.item_id == Item.id)
             .where(Media.sha256 == sha256, Media.media_type == "image", Item.status == PUBLISHED)
             .order_by(Media.id).limit(1))
    return session.scalars(query).first()


def pyramid_for(media_dir: Path, media: Media) -> PyramidInfo:
    """The pyramid of a media's original; built now, on the first request, if the job has not yet."""
    try:
        return pyramid.ensure_pyramid(media_dir, Path(media_dir) / media.original_path, media.sha256)
    except (OSError, ValueError) as error:
        log.error("no pyramid for %s: %s", media.sha256, error)
        raise ImageUnavailable(str(error)) from None


def image_bytes(media_dir: Path, media: Media, info: PyramidInfo, request: ImageRequest) -> tuple[bytes, bool]:
    """The rendered image, and whether it should be kept in the cache (it is not there yet)."""
    keep = cache.worth_keeping(info, request)
    if keep and (data := cache.read(cache.cache_path(media_dir, media.sha256, request))):
        return data, False
    with _RENDERS:
        return _render(media_dir, media, info, request), keep


def info_document(info: PyramidInfo, service_id: str) -> dict:
    """The image information (info.json) of a pyramid served at `service_id`."""
    return {
        "@context": CONTEXT, "id": service_id, "type": "ImageService3",
        "protocol": "http://iiif.io/api/image", "profile": "level2",
        "width": info.width, "height": info.height,
        "maxWidth": image_request.MAX_SIDE, "maxHeight": image_request.MAX_SIDE, "maxArea": image_request.MAX_AREA,
        "sizes": [{"width": level.width, "height": level.height} for level in reversed(info.levels)
                  if image_request.max_size(level.width, level.height) == (level.width, level.height)],
        "tiles": [{"width": pyramid.VIEWER_TILE, "scaleFactors": [level.scale for level in info.levels]}],
        "extraQualities": ["color", "gray", "bitonal"],
        "extraFormats": ["png", "webp"],
        "extraFeatures": EXTRA_FEATURES,
    }


def _render(media_dir: Path, media: Media, info: PyramidInfo, request: ImageRequest) -> bytes:
    folder = pyramid.pyramid_dir(media_dir, media.sha256)
    try:
        return render.render(folder, info, request)
    except PyramidError as error:
        # A tile went missing or was damaged on disk: build the pyramid again and answer from it.
        log.warning("rebuilding the pyramid of %s: %s", media.sha256, error)
    try:
        info = pyramid.rebuild_pyramid(media_dir, Path(media_dir) / media.original_path, media.sha256, info.build)
        return render.render(folder, info, request)
    except (OSError, ValueError, PyramidError) as error:
        log.error("no pyramid for %s: %s", media.sha256, error)
        raise ImageUnavailable(str(error)) from None
