"""Public URLs of media derivatives (originals are never linked from public pages)."""

from app.media.derivatives import derivative_path
from app.media.models import Media

SIZES = ("thumb", "medium", "large")
WIDTHS = {"thumb": 400, "medium": 1200, "large": 2400}


def derivative_url(media: Media, size: str) -> str:
    """Site-relative URL of one derivative, served as a static, immutable file."""
    return "/media/" + derivative_path(media.sha256, size)


def derivative_urls(media: Media) -> dict[str, str]:
    return {size: derivative_url(media, size) for size in SIZES}


def srcset(media: Media) -> str:
    """`srcset` value listing each distinct derivative with its real width (no upscaling)."""
    by_width: dict[int, str] = {}
    for size in SIZES:
        by_width.setdefault(_scaled_width(media, WIDTHS[size]), derivative_url(media, size))
    return ", ".join(f"{url} {width}w" for width, url in by_width.items())


def _scaled_width(media: Media, bound: int) -> int:
    """Width of a derivative bounded to `bound` pixels on its long side."""
    width, height = media.width or bound, media.height or bound
    scale = min(1.0, bound / max(width, height))
    return max(1, round(width * scale))
