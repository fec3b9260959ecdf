"""Web derivatives of images: pure functions over files (no database), upright, sRGB, metadata-free JPEGs."""

import io
import warnings
from pathlib import Path

from PIL import Image, ImageCms, ImageOps

from app.media.storage import atomic_write

SIZES = {"large": 2400, "medium": 1200, "thumb": 400}  # longest side in pixels, largest first
FORMATS = ("JPEG", "PNG", "TIFF", "WEBP")
MIME_TYPES = {"JPEG": "image/jpeg", "PNG": "image/png", "TIFF": "image/tiff", "WEBP": "image/webp"}
EXTENSIONS = {"JPEG": "jpg", "PNG": "png", "TIFF": "tif", "WEBP": "webp"}
# Large archive scans (A2 at 600 dpi) stay under 150 Mpx; beyond that a file is refused rather
# than allowed to take gigabytes of memory while decoding.
MAX_PIXELS = 150_000_000
Image.MAX_IMAGE_PIXELS = MAX_PIXELS
QUALITY = 82
_SRGB = ImageCms.createProfile("sRGB")


def derivative_path(sha256: str, size: str) -> str:
    """`derivatives/ab/cd/<sha256>/<size>.jpg`, relative to the media folder."""
    return f"derivatives/{sha256[:2]}/{sha256[2:4]}/{sha256}/{size}.jpg"


def open_image(path: Path) -> Image.Image:
    """Open an image of an allowed format, refusing anything else or anything too large (ValueError)."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            return Image.open(path, formats=FORMATS)
    except (Image.UnidentifiedImageError, Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
        raise ValueError(f'"{Path(path).name}" is not a JPEG, PNG, TIFF or WebP image ({error})') from None
    except OSError as error:
        raise ValueError(f'"{Path(path).name}" could not be read as an image ({error})') from None


def make_derivatives(original: Path, out_dir: Path) -> dict[str, tuple[int, int]]:
    """Write thumb/medium/large JPEGs of `original` into `out_dir`; returns each one's (width, height)."""
    out_dir = Path(out_dir)
    sizes: dict[str, tuple[int, int]] = {}
    with open_image(original) as image:
        if image.format == "JPEG":
            # Lets libjpeg decode at 1/2, 1/4 or 1/8 scale straight away when that is still big enough.
            image.draft("RGB", (SIZES["large"], SIZES["large"]))
        try:
            current = _upright_srgb(image)
        except OSError as error:
            raise ValueError(f'"{Path(original).name}" could not be decoded ({error})') from None
    for name, bound in SIZES.items():
        current = current.copy()
        current.thumbnail((bound, bound), Image.Resampling.LANCZOS, reducing_gap=3.0)
        _save_jpeg(current, out_dir / f"{name}.jpg")
        sizes[name] = current.size
    return sizes


def _upright_srgb(image: Image.Image) -> Image.Image:
    """The pixels turned upright, converted to sRGB and RGB, with transparency flattened on white."""
    upright = ImageOps.exif_transpose(image)
    profile = upright.info.get("icc_profile")
    if profile and upright.mode in ("RGB", "RGBA", "CMYK"):
        upright = _to_srgb(upright, profile)
    if upright.mode in ("RGBA", "LA", "PA") or (upright.mode == "P" and "transparency" in upright.info):
        rgba = upright.convert("RGBA")
        flat = Image.new("RGB", rgba.size, "white")
        flat.paste(rgba, mask=rgba.getchannel("A"))
        return flat
    return upright.convert("RGB")


def _to_srgb(image: Image.Image, profile: bytes) -> Image.Image:
    try:
        source = ImageCms.ImageCmsProfile(io.BytesIO(profile))
        mode = "RGBA" if image.mode == "RGBA" else "RGB"
        return ImageCms.profileToProfile(image, source, _SRGB, outputMode=mode)
    except (ImageCms.PyCMSError, OSError):
        # A broken embedded profile: the pixels are used as they are rather than refused.
        return image


def _save_jpeg(image: Image.Image, target: Path) -> None:
    clean = Image.new("RGB", image.size)
    clean.paste(image)  # a fresh image carries no EXIF, XMP, GPS or ICC data along
    with atomic_write(target) as out:
        clean.save(out, "JPEG", quality=QUALITY, progressive=True, optimize=True)


def image_info(path: Path) -> tuple[str, int, int]:
    """Format, and width and height as displayed (after EXIF orientation), read from the header."""
    with open_image(path) as image:
        width, height = image.size
        if image.getexif().get(0x0112) in (5, 6, 7, 8):
            width, height = height, width
        return image.format, width, height
