"""What an uploaded file really is, decided from its content (magic bytes, then a full parse), or why it is refused.

The name a file arrives with and its declared content type are never trusted: a name only has to agree
with the content. Pictures are decoded in full, sounds, videos and PDFs parsed, and anything that could
also be read as another file (an archive, a web page, a script) is refused, so what is stored is inert.
"""

import math
import mmap
import re
import struct
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from pathlib import Path

from PIL import Image
from pypdf import PdfReader
from pypdf.generic import IndirectObject

from app.i18n import gettext as _
from app.i18n import lazy_gettext
from app.media import budget as budgets
from app.media import derivatives, probe, refusal
from app.media.refusal import RefusedFile

# Lets Pillow open the HEIC photos phones take; `_opened` passes Pillow its own list of allowed formats.
IMAGE_FORMATS = derivatives.FORMATS
HEAD = 8192  # markup within this many first bytes makes browsers and servers take a file for a page
TAIL_TOLERANCE = 4096  # padding some writers leave after the end of a picture or document
MAX_PDF_OBJECTS = 500_000  # beyond this a PDF takes too long to check for scripts: refused
_budget: ContextVar[budgets.Budget] = ContextVar("image_budget", default=budgets.STAFF)


@dataclass(frozen=True)
class Format:
    media_type: str
    mime_type: str
    extensions: tuple[str, ...]  # the canonical one first
    label: object  # translated when shown, e.g. "a JPEG image"


ALLOWED = {
    "jpeg": Format("image", "image/jpeg", ("jpg", "jpeg", "jpe", "jfif"), lazy_gettext("a JPEG image")),
    "png": Format("image", "image/png", ("png",), lazy_gettext("a PNG image")),
    "tiff": Format("image", "image/tiff", ("tif", "tiff"), lazy_gettext("a TIFF image")),
    "webp": Format("image", "image/webp", ("webp",), lazy_gettext("a WebP image")),
    "heic": Format("image", "image/heic", ("heic", "heif", "hif"), lazy_gettext("a HEIC photo")),
    "mp3": Format("audio", "audio/mpeg", ("mp3",), lazy_gettext("an MP3 sound")),
    "wav": Format("audio", "audio/wav", ("wav", "wave"), lazy_gettext("a WAV sound")),
    "vorbis": Format("audio", "audio/ogg", ("ogg", "oga"), lazy_gettext("an Ogg Vorbis sound")),
    "opus": Format("audio", "audio/ogg", ("opus", "ogg", "oga"), lazy_gettext("an Ogg Opus sound")),
    "m4a": Format("audio", "audio/mp4", ("m4a", "mp4"), lazy_gettext("an M4A (AAC) sound")),
    "flac": Format("audio", "audio/flac", ("flac",), lazy_gettext("a FLAC sound")),
    "webm_audio": Format("audio", "audio/webm", ("webm", "weba"), lazy_gettext("a WebM sound")),
    "mp4": Format("video", "video/mp4", ("mp4", "m4v"), lazy_gettext("an MP4 video")),
    "webm": Format("video", "video/webm", ("webm",), lazy_gettext("a WebM video")),
    "pdf": Format("pdf", "application/pdf", ("pdf",), lazy_gettext("a PDF document")),
}
# For <input type="file" accept="...">: every accepted MIME type and extension.
ACCEPT = ",".join(
    sorted({f.mime_type for f in ALLOWED.values()} | {f".{e}" for f in ALLOWED.values() for e in f.extensions})
)


@dataclass(frozen=True)
class Inspection:
    media_type: str  # "image", "audio", "video" or "pdf"
    mime_type: str
    extension: str  # canonical, without the dot: "jpg", "m4a"...
    width: int | None = None  # as displayed (after EXIF orientation)
    height: int | None = None
    duration_seconds: float | None = None
    technical: dict = field(default_factory=dict)


def inspect(path: Path, filename: str | None, *, max_bytes: int, budget: budgets.Budget = budgets.STAFF) -> Inspection:
    """What the file at `path` is, judged from its content alone; RefusedFile when it is not to be kept.

    An image must decode within `budget` (checked from its header, before decoding).
    """
    token = _budget.set(budget)
    try:
        return _inspect(path, filename, max_bytes)
    finally:
        _budget.reset(token)


def _inspect(path: Path, filename: str | None, max_bytes: int) -> Inspection:
    size = Path(path).stat().st_size
    if size == 0:
        raise refusal.empty()
    if size > max_bytes:
        raise refusal.too_large(size, max_bytes)
    with open(path, "rb") as file, mmap.mmap(file.fileno(), 0, access=mmap.ACCESS_READ) as data:
        family = _identify(data[:HEAD])
        _refuse_hidden_files(data)
        key, found = _INSPECTORS[family](Path(path), data)
    _check_name(filename, key)
    return found


def _identify(head: bytes) -> str:
    """The accepted family of a file from its first bytes; RefusedFile naming anything else."""
    if not head.strip(b"\x00"):
        raise refusal.only_zeros()
    for magic, family in _MAGIC:
        if head.startswith(magic):
            return family
    if head[:4] == b"RIFF" and head[8:12] in (b"WAVE", b"WEBP"):
        return "wav" if head[8:12] == b"WAVE" else "webp"
    if head[4:8] == b"ftyp":
        return "iso"
    if len(head) > 1 and head[0] == 0xFF and head[1] & 0xE6 == 0xE2 and head[1] & 0x18 != 0x08:
        return "mp3"  # an MPEG audio layer III frame header without an ID3 tag in front
    raise refusal.not_accepted(head)


_MAGIC = (
    (b"\xff\xd8\xff", "jpeg"),
    (b"\x89PNG\r\n\x1a\n", "png"),
    (b"II*\x00", "tiff"),
    (b"MM\x00*", "tiff"),
    (b"fLaC", "flac"),
    (b"OggS", "ogg"),
    (b"\x1aE\xdf\xa3", "webm"),
    (b"%PDF-", "pdf"),
    (b"ID3", "mp3"),
)
_MARKUP = re.compile(
    b"|".join(
        [rb"<(?:script|html|svg|body|iframe|\?php)[\s>/]"]
        + [
            re.escape(word.encode(encoding))
            for word in ("<script", "<html", "<svg", "<?php")
            for encoding in ("utf-16-le", "utf-16-be")
        ]
    ),
    re.IGNORECASE,
)


def _refuse_hidden_files(data) -> None:
    """Refuse an accepted type whose first bytes hold markup or whose end is a ZIP archive's (polyglots)."""
    if found := _MARKUP.search(data, 0, HEAD):
        raise refusal.hidden_markup(bytes(found.group()).replace(b"\x00", b"").decode("ascii").rstrip("/> \t\r\n"))
    if _zip_at_end(data):
        raise refusal.hidden_zip()


def _zip_at_end(data) -> bool:
    """Whether the file ends as a ZIP archive does: an end-of-central-directory record reaching the last byte."""
    start = max(0, len(data) - 22 - 65_535)
    pos = data.rfind(b"PK\x05\x06", start)
    while pos >= 0:
        if pos + 22 <= len(data) and pos + 22 + struct.unpack_from("<H", data, pos + 20)[0] == len(data):
            return True
        pos = data.rfind(b"PK\x05\x06", start, pos)
    return False


def _check_tail(data, end: int, key: str, advice: str = "") -> None:
    """Refuse data after the end of a picture, sound or document, beyond a little padding."""
    rest = len(data) - end
    if rest > 0 and (rest > TAIL_TOLERANCE or data[end:].strip(b"\x00\xff\r\n\t ")):
        raise refusal.trailing(ALLOWED[key].label, rest, advice)


@contextmanager
def _decoding(key: str) -> Iterator[None]:
    """Turn whatever a parser raises on damaged data into a `corrupt` refusal."""
    try:
        yield
    except RefusedFile:
        raise
    except Exception as error:  # parsers fed hostile data raise anything: OSError, SyntaxError, struct.error...
        raise refusal.corrupt(ALLOWED[key].label) from error


def _found(key: str, technical: dict, width=None, height=None, duration=None) -> tuple[str, Inspection]:
    kind = ALLOWED[key]
    return key, Inspection(kind.media_type, kind.mime_type, kind.extensions[0], width, height, duration, technical)


_IMAGE_KEYS = {"JPEG": "jpeg", "MPO": "jpeg", "PNG": "png", "TIFF": "tiff", "WEBP": "webp", "HEIF": "heic"}


def _image(path: Path, data, key: str) -> tuple[str, Inspection]:
    """Check the declared size against the pixel limit, then verify and decode every pixel."""
    with _opened(path, key) as picture, _decoding(key):
        if _IMAGE_KEYS.get(picture.format or "") != key:
            raise refusal.corrupt(ALLOWED[key].label)
        picture.verify()  # PNG: every chunk's checksum
    with _opened(path, key) as picture, _decoding(key):
        technical = probe.image(picture, data[:32])
        width, height = picture.size
        if picture.format == "JPEG":
            # libjpeg still reads every byte of the compressed data, so damage is found, in 1/64 of the memory.
            picture.draft(picture.mode, (1, 1))
        with budgets.decoding():
            picture.load()
    if technical.get("orientation") in (5, 6, 7, 8):
        width, height = height, width
    return _found(key, technical, width, height)


@contextmanager
def _opened(path: Path, key: str) -> Iterator[Image.Image]:
    """The image opened by Pillow (header only); too many declared pixels are refused before any is decoded."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            picture = Image.open(path, formats=IMAGE_FORMATS)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise refusal.too_many_pixels(_pixel_limit()) from None
    except Exception as error:  # a hostile header makes Pillow raise anything
        raise refusal.corrupt(ALLOWED[key].label) from error
    with picture:
        _check_pixels(*picture.size)  # also when another thread changed the warnings filter
        yield picture


def _pixel_limit() -> int:
    return min(_budget.get().max_pixels, Image.MAX_IMAGE_PIXELS or derivatives.MAX_PIXELS)


def _check_pixels(width: int, height: int) -> None:
    if width * height > _pixel_limit():
        raise refusal.too_many_pixels(_pixel_limit())


def _jpeg(path: Path, data) -> tuple[str, Inspection]:
    with _decoding("jpeg"):
        end = probe.jpeg_end(data, 0)
        # Images announced by an MPF header (phones' HDR gain maps, stereo pairs) may follow the first one.
        while data[end : end + 3] == b"\xff\xd8\xff" and data.find(b"MPF\x00", 0, min(end, 65_536)) > 0:
            end = probe.jpeg_end(data, end)
    _check_tail(data, end, "jpeg", _("A phone's motion photo must first be saved as a still photo."))
    return _image(path, data, "jpeg")


def _png(path: Path, data) -> tuple[str, Inspection]:
    with _decoding("png"):
        end = probe.png_end(data)
    _check_tail(data, end, "png")
    return _image(path, data, "png")


def _riff(path: Path, data) -> tuple[str, Inspection]:
    key = "webp" if data[8:12] == b"WEBP" else "wav"
    end = 8 + struct.unpack_from("<I", data, 4)[0]
    if end > len(data) + 1:  # one byte of padding after an odd-sized chunk may be missing
        raise refusal.corrupt(ALLOWED[key].label)
    _check_tail(data, end + end % 2, key)
    if key == "webp" and data[12:16] == b"VP8X":
        # libwebp allocates the declared canvas before Pillow sees its size: the header is checked first.
        _check_pixels(1 + int.from_bytes(data[24:27], "little"), 1 + int.from_bytes(data[27:30], "little"))
    return _image(path, data, key) if key == "webp" else _sound(path, data, "wav", "wav")


def _sound(path: Path, data, reader: str, key: str) -> tuple[str, Inspection]:
    """Parse a sound with mutagen; refused when it cannot be, or when it lasts no time."""
    with _decoding(key):
        technical = probe.audio(path, reader, len(data))
    if technical.pop("sketchy", False):  # mutagen had to guess where the sound starts
        raise refusal.corrupt(ALLOWED[key].label)
    return _timed(key, technical)


def _timed(key: str, technical: dict) -> tuple[str, Inspection]:
    if not math.isfinite(technical.get("duration_seconds", 0)):
        raise refusal.corrupt(ALLOWED[key].label)
    if technical.get("duration_seconds", 0) <= 0:
        raise refusal.silent()
    return _found(key, technical, technical.get("width"), technical.get("height"), technical["duration_seconds"])


def _ogg(path: Path, data) -> tuple[str, Inspection]:
    packet = bytes(data[27 + data[26] : 27 + data[26] + 8])
    key = "vorbis" if packet.startswith(b"\x01vorbis") else "opus" if packet == b"OpusHead" else None
    if key is None:
        raise refusal.other_type(_("an Ogg file of another kind (Theora video, Speex or FLAC sound)"))
    end = probe.ogg_end(data)
    if data[end : end + 4] == b"OggS":  # a page cut short
        raise refusal.corrupt(ALLOWED[key].label)
    _check_tail(data, end, key)
    return _sound(path, data, key, key)


_HEIF_BRANDS = {b"heic", b"heix", b"heim", b"heis", b"hevc", b"hevx", b"mif1", b"msf1"}
_MP4_BRANDS = {
    b"isom",
    b"iso2",
    b"iso3",
    b"iso4",
    b"iso5",
    b"iso6",
    b"mp41",
    b"mp42",
    b"avc1",
    b"M4A ",
    b"M4B ",
    b"M4V ",
    b"dash",
    b"mmp4",
    b"MSNV",
}
_OTHER_ISO = {
    b"avif": lazy_gettext("an AVIF image"),
    b"avis": lazy_gettext("an AVIF image"),
    b"qt  ": lazy_gettext("a QuickTime (MOV) video"),
    b"crx ": lazy_gettext("a camera's raw photo"),
}


def _iso(path: Path, data) -> tuple[str, Inspection]:
    """HEIC photos and MP4 videos or sounds, told apart by their brands, then parsed."""
    brands = probe.brands(data)
    if other := next((label for brand, label in _OTHER_ISO.items() if brand in brands), None):
        raise refusal.other_type(other, _("Export it as JPEG or MP4 and send it again."))
    if brands and brands[0] in _HEIF_BRANDS:
        _check_boxes(data, b"meta", "heic")
        return _image(path, data, "heic")
    if not _MP4_BRANDS & set(brands):
        raise refusal.other_type(
            _("an MPEG-4 file of another kind (3GP, F4V…)"), _("Export it as MP4 and send it again.")
        )
    _check_boxes(data, b"moov", "mp4")
    with _decoding("mp4"):
        technical = probe.mp4(path, data, len(data))
    return _timed("mp4" if "video_codec" in technical else "m4a", technical)


def _check_boxes(data, needed: bytes, key: str) -> None:
    """The top-level boxes must fill the file: one cut short is damage, anything else after them is hidden."""
    kinds, end = [], 0
    for kind, _start, box_end in probe.boxes(data, 0, len(data)):
        kinds.append(kind)
        end = box_end  # where the last box stops
    if needed not in kinds or (end < len(data) and len(data) - end >= 8 and _box_overruns(data, end)):
        raise refusal.corrupt(ALLOWED[key].label)
    _check_tail(data, end, key)


def _box_overruns(data, pos: int) -> bool:
    size, kind = struct.unpack_from(">I4s", data, pos)
    return kind.isalnum() and size > len(data) - pos


def _webm(path: Path, data) -> tuple[str, Inspection]:
    with _decoding("webm"):
        technical = probe.webm(data, len(data))
    if technical.pop("doc_type", None) != "webm":
        raise refusal.other_type(_("a Matroska (MKV) video"), _("Export it as MP4 or WebM and send it again."))
    _check_tail(data, technical.pop("segment_end"), "webm")
    if "codec" not in technical and "video_codec" not in technical:
        raise refusal.corrupt(ALLOWED["webm"].label)
    return _timed("webm" if "video_codec" in technical else "webm_audio", technical)


# Names that make a PDF act on its own: scripts, launching programs, attached files, forms that send data.
_ACTIVE_KEYS = frozenset(
    {"/JS", "/JavaScript", "/Launch", "/EmbeddedFile", "/EmbeddedFiles", "/EF", "/RichMedia", "/XFA"}
)
_ACTIVE_ACTIONS = frozenset(
    {"/JavaScript", "/Launch", "/ImportData", "/SubmitForm", "/RichMediaExecute", "/GoToE", "/Rendition"}
)
# The same names in the raw bytes: also found where the parser would not look (unreferenced or broken objects).
_RAW_ACTIVE = re.compile(rb"/(JavaScript|Launch|EmbeddedFiles?|RichMedia)(?![A-Za-z0-9])")


def _pdf(path: Path, data) -> tuple[str, Inspection]:
    """A PDF that ends where it says, without scripts, actions or attachments, and whose pages can be read."""
    end = data.rfind(b"%%EOF")
    if end < 0:
        raise refusal.corrupt(ALLOWED["pdf"].label)
    _check_tail(data, end + 5, "pdf")
    if found := _RAW_ACTIVE.search(data):
        raise refusal.active_content(found.group().decode("ascii"))
    with open(path, "rb") as stream, _decoding("pdf"):
        reader = PdfReader(stream)
        if reader.is_encrypted:
            raise refusal.encrypted()
        if name := _active_name(reader):
            raise refusal.active_content(name)
        technical = probe.pdf(reader)
    if not technical["pages"]:
        raise refusal.corrupt(ALLOWED["pdf"].label)
    return _found("pdf", technical)


def _active_name(reader: PdfReader) -> str | None:
    """The first active-content name among the objects reachable from the PDF's trailer, if any."""
    pending: list[object] = [reader.trailer]
    seen: set[tuple[int, int]] = set()
    while pending:
        node = pending.pop()
        if isinstance(node, IndirectObject):
            if (node.idnum, node.generation) in seen:
                continue
            seen.add((node.idnum, node.generation))
            if len(seen) > MAX_PDF_OBJECTS:  # refused as damaged: no real document has that many
                raise ValueError("too many objects to check")
            node = node.get_object()
        if isinstance(node, dict):
            if found := _ACTIVE_KEYS & node.keys():
                return min(found)
            if (action := _resolved(node.get("/S"))) in _ACTIVE_ACTIONS:
                return action
            if _resolved(node.get("/Type")) == "/EmbeddedFile":
                return "/EmbeddedFile"
            pending.extend(value for value in node.values() if isinstance(value, (dict, list, IndirectObject)))
        elif isinstance(node, list):
            pending.extend(value for value in node if isinstance(value, (dict, list, IndirectObject)))
    return None


def _resolved(value):
    return value.get_object() if isinstance(value, IndirectObject) else value


_EXTENSION = re.compile(r"\.([A-Za-z0-9]*[A-Za-z][A-Za-z0-9]*)$")  # "scan.1954" has no extension: no letter


def _check_name(filename: str | None, key: str) -> None:
    """A name's extension, when it has one, must be one of the content's: a PNG is not to be called .jpg."""
    name = re.split(r"[/\\]", filename or "")[-1]
    found = _EXTENSION.search(name)
    if found and len(found.group(1)) <= 5 and found.group(1).lower() not in ALLOWED[key].extensions:
        raise refusal.mismatch(name, found.group(1), ALLOWED[key].label, ALLOWED[key].extensions[0])


_INSPECTORS = {
    "jpeg": _jpeg,
    "png": _png,
    "tiff": lambda path, data: _image(path, data, "tiff"),
    "webp": _riff,
    "wav": _riff,
    "iso": _iso,
    "mp3": lambda path, data: _sound(path, data, "mp3", "mp3"),
    "flac": lambda path, data: _sound(path, data, "flac", "flac"),
    "ogg": _ogg,
    "webm": _webm,
    "pdf": _pdf,
}
