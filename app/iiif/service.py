"""The IIIF image service's operations: which image a request may see, its information, its pixels."""

import logging
from dataclasses import dataclass
from pathlib import Path

from fastapi import Request
from sqlalchemy.orm import Session

from app.iiif import cache, image_request, pyramid, render
from app.iiif.image_request import ImageRequest
from app.iiif.pyramid import PyramidError, PyramidInfo
from app.media import access
from app.media.store import Store, StoreUnavailable

log = logging.getLogger(__name__)
CONTEXT = "http://iiif.io/api/image/3/context.json"
EXTRA_FEATURES = [
    # Level 2 already promises regionByPct, regionByPx, regionSquare, rotationBy90s, sizeByConfinedWh,
    # sizeByH, sizeByPct, sizeByW, sizeByWh, baseUriRedirect, cors and jsonldMediaType. Rotations are
    # by 90s only (rotationArbitrary is not offered): any other angle is a 400.
    "mirroring",
    "sizeUpscaling",
]


class ImageUnavailable(Exception):
    """The original cannot be read, so there is no pyramid to answer from."""


@dataclass(frozen=True)
class Source:
    """What rendering needs from the database, read before the session is released."""

    sha256: str
    original_path: str


def image_for(session: Session, request: Request, sha256: str) -> Source | None:
    """The image with this content hash that this request may see (app/media/access.py), if any."""
    media = access.media_for(session, request, sha256, media_type="image")
    return None if media is None else Source(media.sha256, media.original_path)


def pyramid_for(media_dir: Path, source: Source, store: Store) -> PyramidInfo:
    """The pyramid of an image's original; built now, on the first request, if the job has not yet.

    Pyramids are this host's cache under the media folder, made from a local copy of the stored original.
    """
    try:
        with store.local_copy(source.original_path) as original:
            return pyramid.ensure_pyramid(media_dir, original, source.sha256)
    except (OSError, ValueError, StoreUnavailable) as error:
        log.error("no pyramid for %s: %s", source.sha256, error)
        raise ImageUnavailable(str(error)) from None


def cached_bytes(
    media_dir: Path, source: Source, info: PyramidInfo, request: ImageRequest
) -> tuple[bytes | None, bool]:
    """The cached answer if there is one, and whether a render should be kept (it is not there yet)."""
    keep = cache.worth_keeping(info, request)
    if keep and (data := cache.read(cache.cache_path(media_dir, source.sha256, request))):
        return data, False
    return None, keep


def info_document(info: PyramidInfo, service_id: str) -> dict:
    """The image information (info.json) of a pyramid served at `service_id`."""
    return {
        "@context": CONTEXT,
        "id": service_id,
        "type": "ImageService3",
        "protocol": "http://iiif.io/api/image",
        "profile": "level2",
        "width": info.width,
        "height": info.height,
        "maxWidth": image_request.MAX_SIDE,
        "maxHeight": image_request.MAX_SIDE,
        "maxArea": image_request.MAX_AREA,
        "sizes": [
            {"width": level.width, "height": level.height}
            for level in reversed(info.levels)
            if image_request.max_size(level.width, level.height) == (level.width, level.height)
        ],
        "tiles": [{"width": pyramid.VIEWER_TILE, "scaleFactors": [level.scale for level in info.levels]}],
        "extraQualities": ["color", "gray", "bitonal"],
        "extraFormats": ["png", "webp"],
        "extraFeatures": EXTRA_FEATURES,
    }


def render_image(media_dir: Path, source: Source, info: PyramidInfo, request: ImageRequest, store: Store) -> bytes:
    """The rendered image (slow: run it in a render slot, never while holding a database connection)."""
    folder = pyramid.pyramid_dir(media_dir, source.sha256)
    try:
        return render.render(folder, info, request)
    except PyramidError as error:
        # A tile went missing or was damaged on disk: build the pyramid again and answer from it.
        log.warning("rebuilding the pyramid of %s: %s", source.sha256, error)
    try:
        with store.local_copy(source.original_path) as original:
            info = pyramid.rebuild_pyramid(media_dir, original, source.sha256, info.build)
        return render.render(folder, info, request)
    except (OSError, ValueError, PyramidError, StoreUnavailable) as error:
        log.error("no pyramid for %s: %s", source.sha256, error)
        raise ImageUnavailable(str(error)) from None
