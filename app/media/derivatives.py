"""Web derivatives of images: pure functions over files (no database), upright, sRGB, metadata-free JPEGs."""

import io
import warnings
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pillow_heif
from PIL import Image, ImageCms, ImageOps

from app.media import budget
from app.media.storage import atomic_write

SIZES = {"large": 2400, "medium": 1200, "thumb": 400}  # longest side in pixels, largest first
# Made while the upload waits (JPEG only, cheap); the rest comes from the background job.
IMMEDIATE = ("medium", "thumb")
OUTPUTS = ("jpg", "webp")
# HEIF is what phones take photos in; pillow-heif teaches Pillow to read it.
FORMATS = ("JPEG", "PNG", "TIFF", "WEBP", "HEIF")
MIME_TYPES = {
    "JPEG": "image/jpeg",
    "PNG": "image/png",
    "TIFF": "image/tiff",
    "WEBP": "image/webp",
    "HEIF": "image/heic",
}
EXTENSIONS = {"JPEG": "jpg", "PNG": "png", "TIFF": "tif", "WEBP": "webp", "HEIF": "heic"}
# The staff budget (app.media.budget): large archive scans (A2 at 500 dpi) fit; beyond it a file is refused
# rather than allowed to take gigabytes of memory while decoding.
MAX_PIXELS = budget.STAFF.max_pixels
Image.MAX_IMAGE_PIXELS = MAX_PIXELS
pillow_heif.register_heif_opener()
QUALITY = 82
_SRGB = ImageCms.createProfile("sRGB")


def derivative_path(sha256: str, size: str, fmt: str = "jpg") -> str:
    """`derivatives/ab/cd/<sha256>/<size>.<fmt>`, relative to the media folder."""
    return f"derivatives/{sha256[:2]}/{sha256[2:4]}/{sha256}/{size}.{fmt}"


def open_image(path: Path) -> Image.Image:
    """Open an image of an allowed format, refusing anything else or anything too large (ValueError)."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(path, formats=FORMATS)
    except (Image.UnidentifiedImageError, Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
        raise ValueError(f'"{Path(path).name}" is not a JPEG, PNG, TIFF or WebP image ({error})') from None
    except OSError as error:
        raise ValueError(f'"{Path(path).name}" could not be read as an image ({error})') from None
    if image.width * image.height > MAX_PIXELS:  # the warnings filter is per process, not per thread
        image.close()
        raise ValueError(f'"{Path(path).name}" declares more than {MAX_PIXELS} pixels')
    return image


def make_derivatives(
    original: Path,
    out_dir: Path,
    *,
    sizes: Iterable[str] = tuple(SIZES),
    outputs: Iterable[str] = OUTPUTS,
) -> dict[str, tuple[int, int]]:
    """Write `<size>.<fmt>` files of `original` into `out_dir`; returns each size's (width, height)."""
    wanted = [name for name in SIZES if name in set(sizes)]
    # Pillow's resizers and encoders release the GIL, so two threads use both cores.
    with budget.decoding(), ThreadPoolExecutor(max_workers=2) as pool:
        resized = _cascade(_load(original, SIZES[wanted[0]]), wanted, pool)
        encodes = [(image, out_dir / f"{name}.{fmt}", fmt) for name, image in resized.items() for fmt in outputs]
        list(pool.map(lambda job: _save(*job), encodes))
    return {name: image.size for name, image in resized.items()}


def _load(original: Path, bound: int) -> Image.Image:
    """The upright sRGB pixels, decoded no larger than needed for a `bound` px derivative."""
    with open_image(original) as image:
        if image.format == "JPEG":
            # libjpeg decodes at 1/2, 1/4 or 1/8 scale straight away when that still covers the bound.
            scale = bound / max(image.size)
            image.draft("RGB", (max(1, int(image.width * scale)), max(1, int(image.height * scale))))
        try:
            return upright_srgb(image)
        except OSError as error:
            raise ValueError(f'"{Path(original).name}" could not be decoded ({error})') from None


def _cascade(image: Image.Image, names: list[str], pool: ThreadPoolExecutor) -> dict[str, Image.Image]:
    """Each size made from the previous, larger one (never enlarged)."""
    resized = {}
    for name in names:
        scale = min(1.0, SIZES[name] / max(image.size))
        size = (max(1, round(image.width * scale)), max(1, round(image.height * scale)))
        if scale == 1:
            image = image.copy()
        elif image.width * image.height > 4_000_000:
            image = _resize_halves(image, size, pool)
        else:
            # The smaller sizes: an exact box reduction, then Lanczos for what is left (9 ms, not 70).
            image = image.resize(size, Image.Resampling.LANCZOS, reducing_gap=1.0)
        resized[name] = image
    return resized


def _resize_halves(image: Image.Image, size: tuple[int, int], pool: ThreadPoolExecutor) -> Image.Image:
    """Resize the top and bottom halves side by side; `box` keeps the filter seamless across the cut."""
    width, height = size
    cut = height // 2
    source_cut = image.height * cut / height
    halves = [((0, 0, image.width, source_cut), cut), ((0, source_cut, image.width, image.height), height - cut)]
    top, bottom = pool.map(lambda half: image.resize((width, half[1]), Image.Resampling.BICUBIC, box=half[0]), halves)
    result = Image.new(image.mode, size)
    result.paste(top, (0, 0))
    result.paste(bottom, (0, cut))
    return result


def upright_srgb(image: Image.Image) -> Image.Image:
    """The pixels turned upright, converted to sRGB and RGB, with transparency flattened on white.

    Works in place where it can: each copy of a 24-megapixel picture costs tens of milliseconds.
    """
    image.load()
    upright = image if image.getexif().get(0x0112, 1) == 1 else ImageOps.exif_transpose(image)
    profile = upright.info.get("icc_profile")
    if profile and upright.mode in ("RGB", "RGBA", "CMYK"):
        upright = _to_srgb(upright, profile)
    if upright.mode in ("RGBA", "LA", "PA") or (upright.mode == "P" and "transparency" in upright.info):
        rgba = upright.convert("RGBA")
        flat = Image.new("RGB", rgba.size, "white")
        flat.paste(rgba, mask=rgba.getchannel("A"))
        return flat
    return upright if upright.mode == "RGB" else upright.convert("RGB")


def _to_srgb(image: Image.Image, profile: bytes) -> Image.Image:
    try:
        source = ImageCms.ImageCmsProfile(io.BytesIO(profile))
        mode = "RGBA" if image.mode == "RGBA" else "RGB"
        converted = ImageCms.profileToProfile(image, source, _SRGB, outputMode=mode)
    except (ImageCms.PyCMSError, OSError):
        # A broken embedded profile: the pixels are used as they are rather than refused.
        return image
    if converted is None:  # what Pillow returns when it converts in place, which is not asked here
        raise RuntimeError("ImageCms converted the image in place instead of returning a copy")
    return converted


def _save(image: Image.Image, target: Path, fmt: str) -> None:
    clean = Image.new("RGB", image.size)
    clean.paste(image)  # a fresh image carries no EXIF, XMP, GPS or ICC data along
    big = max(clean.size) > 800
    with atomic_write(target) as out:
        if fmt == "webp":
            # method 0: 4-5x faster than the default, for a few percent more bytes.
            clean.save(out, "WEBP", quality=QUALITY, method=0 if big else 4)
        else:
            # Progressive encoding costs 3x on the large size, which is only opened on demand.
            clean.save(out, "JPEG", quality=QUALITY, progressive=max(clean.size) <= 1200, optimize=True)


def image_info(path: Path) -> tuple[str, int, int]:
    """Format, and width and height as displayed (after EXIF orientation), read from the header."""
    with open_image(path) as image:
        width, height = image.size
        if image.getexif().get(0x0112) in (5, 6, 7, 8):
            width, height = height, width
        if image.format is None:  # set by every format plugin when it reads a file
            raise ValueError(f"{path}: Pillow gave no format")
        return image.format, width, height
