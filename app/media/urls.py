"""Public URLs of media derivatives (originals are linked only when their rights allow it)."""

from fastapi import Request

from app.media.derivatives import IMMEDIATE, SIZES, derivative_path
from app.media.models import Media

READY = "ready"


def available_sizes(media: Media) -> tuple[str, ...]:
    """The sizes that exist on disk: the small ones at once, all of them once the job has run."""
    names = SIZES if media.derivatives_status == READY else IMMEDIATE
    return tuple(name for name in ("thumb", "medium", "large") if name in names)


def derivative_url(media: Media, size: str, fmt: str = "jpg") -> str:
    """Site-relative URL of one derivative, served as a static, immutable file."""
    if size not in available_sizes(media):
        size = available_sizes(media)[-1]
    return "/media/" + derivative_path(media.sha256, size, fmt)


def derivative_urls(media: Media, fmt: str = "jpg") -> dict[str, str]:
    """{size: URL} for every size that exists."""
    return {size: derivative_url(media, size, fmt) for size in available_sizes(media)}


def srcset(media: Media, fmt: str = "jpg") -> str:
    """`srcset` value listing each distinct derivative with its real width (no upscaling); '' if not made."""
    if fmt != "jpg" and media.derivatives_status != READY:
        return ""
    by_width: dict[int, str] = {}
    for size in available_sizes(media):
        by_width.setdefault(_scaled_width(media, SIZES[size]), derivative_url(media, size, fmt))
    return ", ".join(f"{url} {width}w" for width, url in by_width.items())


def _scaled_width(media: Media, bound: int) -> int:
    """Width of a derivative bounded to `bound` pixels on its long side."""
    width, height = media.width or bound, media.height or bound
    scale = min(1.0, bound / max(width, height))
    return max(1, round(width * scale))


def file_url(request: Request, media: Media) -> str:
    """Absolute URL of a media file."""
    ext = media.original_path.rsplit(".", 1)[-1]
    return str(request.url_for("media.file", sha256=media.sha256, ext=ext))
