"""Public copies of image originals with their location taken out: no GPS, no XMP, no IPTC.

Phones write where a photo was taken into its EXIF (the GPS directory) and XMP. The stored original
keeps everything, for staff; visitors get this copy, made once per content hash (a pure function
over files, like the derivatives). The copy keeps the rest of the EXIF (camera, date, orientation)
and the colour profile. JPEGs are written again with their own quantisation tables and chroma
subsampling (Pillow's "keep"), PNG and TIFF losslessly, WebP and HEIF at a high quality.
"""

from pathlib import Path
from typing import TYPE_CHECKING

from PIL import ExifTags, Image, TiffImagePlugin

from app.media import derivatives
from app.media.storage import atomic_write

if TYPE_CHECKING:
    from app.media.store.base import Store

# The EXIF pointer to the GPS directory (every GPS tag hangs below it).
GPS_IFD = ExifTags.IFD.GPSInfo
# TIFF tags Pillow carries over from the file read when it writes a TIFF: XMP, IPTC, Photoshop blocks.
TIFF_CARRIED = (700, 33723, 34377)
_SAVE_OPTIONS: dict[str, dict[str, object]] = {
    "JPEG": {"quality": "keep", "subsampling": "keep"},
    "PNG": {},
    "WEBP": {"quality": 95},
    "HEIF": {"quality": 95},
}


def public_copy_path(media_dir: Path, sha256: str, ext: str) -> Path:
    """`media_dir/public/ab/cd/<sha256>.<ext>`: the location-free copy of one original."""
    return Path(media_dir) / "public" / sha256[:2] / sha256[2:4] / f"{sha256}.{ext}"


def ensure_public_copy(media_dir: Path, original_path: str, sha256: str) -> Path:
    """The location-free copy of a stored image original, made now if it is not there yet."""
    target = public_copy_path(media_dir, sha256, original_path.rsplit(".", 1)[-1])
    if not target.exists():
        write_without_location(Path(media_dir) / original_path, target)
    return target


def public_key(sha256: str, ext: str) -> str:
    """`public/ab/cd/<sha256>.<ext>`: the key of the location-free copy of one original, in any store."""
    return f"public/{sha256[:2]}/{sha256[2:4]}/{sha256}.{ext}"


def ensure_public_key(store: "Store", original_path: str, sha256: str) -> str:
    """The key of the location-free copy of a stored image original, made now if the store has none yet."""
    key = public_key(sha256, original_path.rsplit(".", 1)[-1])
    if not store.exists(key):
        with store.local_copy(original_path) as original, store.folder(key.rsplit("/", 1)[0]) as folder:
            write_without_location(original, folder / key.rsplit("/", 1)[1])
    return key


def write_without_location(original: Path, target: Path) -> None:
    """Write `original` to `target` in its own format without its GPS directory, XMP or IPTC."""
    with derivatives.open_image(original) as image:
        fmt, options = image.format, _options(image)
        with atomic_write(target) as out:
            image.save(out, fmt, **options)


def _options(image: Image.Image) -> dict[str, object]:
    exif = image.getexif()
    exif.pop(GPS_IFD, None)
    options = dict(_SAVE_OPTIONS.get(image.format or "", {}))
    if isinstance(image, TiffImagePlugin.TiffImageFile):
        options["compression"] = image.info.get("compression", "raw")
        for tag in TIFF_CARRIED:
            image.tag_v2.pop(tag, None)
    if icc := image.info.get("icc_profile"):
        options["icc_profile"] = icc
    # Nothing else of the file's own metadata goes along: its XMP and IPTC may name the place.
    image.info = {}
    return options | {"exif": exif.tobytes() if exif else b""}
