"""Technical metadata of media files as small JSON-able dicts, and readers of their container structure.

Nothing here decides whether a file is acceptable (app/media/sniff.py does): these functions read, and
raise whatever their parser raises on a damaged file.
"""

import io
import re
import struct
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from mutagen.flac import FLAC
from mutagen.mp3 import MP3
from mutagen.mp4 import MP4
from mutagen.oggopus import OggOpus
from mutagen.oggvorbis import OggVorbis
from mutagen.wave import WAVE
from PIL import Image, ImageCms, TiffImagePlugin
from pypdf import PdfReader
from pypdf.errors import PdfReadError

MAX_TEXT = 200  # a title or a camera name longer than this is cut: `technical` stays small
_MUTAGEN = {"mp3": MP3, "wav": WAVE, "flac": FLAC, "vorbis": OggVorbis, "opus": OggOpus, "mp4": MP4}
_BITS = {
    "1": 1,
    "L": 8,
    "LA": 8,
    "P": 8,
    "RGB": 8,
    "RGBA": 8,
    "CMYK": 8,
    "YCbCr": 8,
    "LAB": 8,
    "I;16": 16,
    "I;16B": 16,
    "I;16L": 16,
    "I": 32,
    "F": 32,
}
# Only these EXIF fields are copied: GPS, serial numbers, owner and artist names never leave the file.
_EXIF_BASE = {0x010F: "camera_make", 0x0110: "camera_model", 0x0112: "orientation"}
_EXIF_DATES = ((0x8769, 0x9003), (None, 0x0132))  # DateTimeOriginal, else the file's DateTime


def image(picture: Image.Image, header: bytes = b"") -> dict[str, Any]:
    """Format, mode, bit depth, DPI, colour profile and camera fields of an opened (not yet decoded) image."""
    info: dict[str, Any] = {"format": picture.format, "mode": picture.mode, "bit_depth": _bit_depth(picture, header)}
    if dpi := picture.info.get("dpi"):
        info["dpi"] = [round(float(value), 2) for value in dpi[:2]]
    if profile := picture.info.get("icc_profile"):
        info["icc_profile"] = _profile_name(profile)
    if (frames := getattr(picture, "n_frames", 1)) > 1:
        info["frames"] = frames
    try:
        return info | _camera(picture.getexif())
    except (KeyError, ValueError, TypeError, struct.error, SyntaxError):
        return info  # broken EXIF: the picture itself may be fine, it is only described less


def _bit_depth(picture: Image.Image, header: bytes) -> int | None:
    if picture.format == "PNG" and len(header) > 24:
        return header[24]  # IHDR's bit depth: Pillow shows 16-bit RGB as 8-bit "RGB"
    if isinstance(picture, TiffImagePlugin.TiffImageFile) and (bits := picture.tag_v2.get(258)):
        return int(bits[0] if isinstance(bits, tuple) else bits)
    return picture.info.get("bit_depth") or _BITS.get(picture.mode)


def _profile_name(profile: bytes) -> str:
    try:
        return _text(ImageCms.getProfileDescription(ImageCms.ImageCmsProfile(io.BytesIO(profile)))) or "unnamed"
    except (ImageCms.PyCMSError, OSError, TypeError):
        return "unreadable"


def _camera(exif: Image.Exif) -> dict:
    found = {name: exif[tag] for tag, name in _EXIF_BASE.items() if tag in exif}
    for ifd, tag in _EXIF_DATES:
        if (date := (exif.get_ifd(ifd) if ifd else exif).get(tag)) and "date_taken" not in found:
            found["date_taken"] = date
    return {name: _text(value) if name != "orientation" else _number(value) for name, value in found.items()}


def audio(path: Path, kind: str, size: int) -> dict:
    """Container, codec, bit rate, sample rate, channels and duration read by mutagen (`kind` as in _MUTAGEN)."""
    with open(path, "rb") as file:
        # mutagen declares FileType.info as None; each format sets its own StreamInfo, with its own fields.
        info: Any = _MUTAGEN[kind](file).info
    duration = float(info.length or 0)
    found = {
        "container": {"vorbis": "ogg", "opus": "ogg"}.get(kind, kind),
        "codec": _codec(kind, info),
        "bit_rate": getattr(info, "bitrate", 0) or _rate(size, duration),
        "sample_rate": getattr(info, "sample_rate", None),
        "channels": getattr(info, "channels", None),
        "bits_per_sample": getattr(info, "bits_per_sample", None),
        "duration_seconds": round(duration, 3),
    }
    if kind == "mp3":
        found["bit_rate_mode"] = str(info.bitrate_mode).rsplit(".", 1)[-1].lower()
        found["sketchy"] = info.sketchy  # mutagen guessed where the frames are: kept only when true
    return {key: value for key, value in found.items() if value}


def mp4(path: Path, data, size: int) -> dict:
    """`audio` of an MP4 file, with its video track's codec and size when it has one."""
    found = audio(path, "mp4", size)
    video = next((t for t in tracks(data) if t.get("handler") == "vide"), None)
    if video is not None:
        found["bit_rate"] = _rate(size, found.get("duration_seconds", 0))  # mutagen's is the sound's alone
    return _with_video(found, video)


def _with_video(found: dict, video: dict | None) -> dict:
    if video is None:
        return found
    codec = found.pop("codec", None)
    picture = {"video_codec": video.get("codec"), "width": video.get("width"), "height": video.get("height")}
    return found | picture | ({"audio_codec": codec} if codec and codec != "none" else {})


def _codec(kind: str, info) -> str:
    if kind == "wav":
        return {1: "pcm", 3: "pcm_float"}.get(info.audio_format, f"wav_format_{info.audio_format}")
    if kind == "mp4":
        return getattr(info, "codec", "") or "none"
    return kind


def _rate(size: int, duration: float) -> int | None:
    return round(size * 8 / duration) if duration > 0 else None


_JPEG_MARKER = re.compile(rb"\xff[^\x00\xd0-\xd7\xff]")  # in compressed data: not stuffing, not a restart


def jpeg_end(data, pos: int) -> int:
    """Where the JPEG starting at `pos` ends, just after its EOI marker; ValueError if it never does."""
    pos += 2
    while True:
        if data[pos] != 0xFF:
            raise ValueError("not a JPEG marker")
        while data[pos] == 0xFF:  # fill bytes
            pos += 1
        marker, pos = data[pos], pos + 1
        if marker == 0xD9:
            return pos
        if not (0xD0 <= marker <= 0xD7 or marker == 0x01):
            pos += int.from_bytes(data[pos : pos + 2], "big")
        if marker == 0xDA:
            if not (found := _JPEG_MARKER.search(data, pos)):
                raise ValueError("compressed data without an end")
            pos = found.start()


def png_end(data) -> int:
    """Where a PNG ends, just after its IEND chunk; struct.error if it never does."""
    pos = 8
    while (chunk := struct.unpack_from(">I4s", data, pos))[1] != b"IEND":
        pos += 12 + chunk[0]
    return pos + 12


def boxes(data, start: int, end: int) -> Iterator[tuple[bytes, int, int]]:
    """(type, payload start, box end) of the ISO media boxes from `start`; stops at a box that does not fit."""
    pos = start
    while pos + 8 <= end:
        size, kind = struct.unpack_from(">I4s", data, pos)
        header = 8
        if size == 1 and pos + 16 <= end:
            size, header = struct.unpack_from(">Q", data, pos + 8)[0], 16
        elif size == 0:
            size = end - pos  # "to the end of the file"
        if size < header or pos + size > end or not all(32 <= c < 127 or c == 0xA9 for c in kind):
            return
        yield kind, pos + header, pos + size
        pos += size


def brands(data) -> list[bytes]:
    """The major brand then the compatible brands of an ISO media file's `ftyp` box."""
    kind, start, end = next(boxes(data, 0, min(len(data), 4096)), (b"", 0, 0))
    if kind != b"ftyp" or end - start < 8:
        return []
    return [bytes(data[start : start + 4])] + [bytes(data[p : p + 4]) for p in range(start + 8, end - 3, 4)]


def tracks(data) -> list[dict]:
    """Handler ("vide", "soun"...), codec and display size of each track of an MP4's `moov` box."""
    found = []
    for moov in _children(data, 0, len(data), b"moov"):
        for trak in _children(data, *moov, b"trak"):
            found.append(_track(data, *trak))
    return found


def _track(data, start: int, end: int) -> dict:
    track: dict = {}
    for _body, tkhd_end in _children(data, start, end, b"tkhd"):
        width, height = struct.unpack_from(">II", data, tkhd_end - 8)
        track |= {"width": width >> 16, "height": height >> 16}  # 16.16 fixed point
    for path in ((b"mdia", b"hdlr"), (b"mdia", b"minf", b"stbl", b"stsd")):
        for body_start, _end in _descend(data, start, end, path):
            offset = 8 if path[-1] == b"hdlr" else 12  # past version, flags and (pre_defined | count, size)
            name = "handler" if path[-1] == b"hdlr" else "codec"
            track[name] = bytes(data[body_start + offset : body_start + offset + 4]).decode("latin-1").strip()
    return track


def _children(data, start: int, end: int, kind: bytes) -> Iterator[tuple[int, int]]:
    return ((body, stop) for found, body, stop in boxes(data, start, end) if found == kind)


def _descend(data, start: int, end: int, path: tuple[bytes, ...]) -> Iterator[tuple[int, int]]:
    for body, stop in _children(data, start, end, path[0]):
        yield from ((body, stop),) if len(path) == 1 else _descend(data, body, stop, path[1:])


def ogg_end(data) -> int:
    """Where the run of Ogg pages that starts the file ends (the file's size when nothing follows them)."""
    pos = 0
    while data[pos : pos + 4] == b"OggS" and pos + 27 <= len(data):
        count = data[pos + 26]
        end = pos + 27 + count + sum(data[pos + 27 : pos + 27 + count])
        if end > len(data):
            break
        pos = end
    return pos


# The Matroska elements read from a WebM file (https://www.matroska.org/technical/elements.html).
_EBML = {
    0x1A45DFA3: "ebml",
    0x4282: "doc_type",
    0x18538067: "segment",
    0x1549A966: "info",
    0x2AD7B1: "timecode_scale",
    0x4489: "duration",
    0x1654AE6B: "tracks",
    0xAE: "track",
    0x83: "type",
    0x86: "codec",
    0xE0: "video",
    0xB0: "width",
    0xBA: "height",
    0xE1: "audio",
    0xB5: "sample_rate",
    0x9F: "channels",
}
_EBML_FLOATS = {"duration", "sample_rate"}
_EBML_TEXTS = {"doc_type", "codec"}
_EBML_MASTERS = {"ebml", "segment", "info", "tracks", "track", "video", "audio"}


def webm(data, size: int) -> dict:
    """`audio`-like fields of a WebM file, plus its "doc_type" and "segment_end" (where its data stops)."""
    raw = _matroska(data)
    found: dict[str, Any] = {
        "container": "webm",
        "doc_type": raw.get("doc_type"),
        "segment_end": raw["segment_end"],
        "duration_seconds": raw["duration_seconds"],
        "bit_rate": _rate(size, raw["duration_seconds"]),
    }
    tracks: dict[int | None, list[dict[str, Any]]] = {1: [], 2: []}
    for track in raw["tracks"]:
        tracks.setdefault(track.get("type"), []).append(track)
    if sound := next(iter(tracks[2]), None):
        found |= {
            "codec": _matroska_codec(sound),
            "sample_rate": round(sound.get("sample_rate", 0)),
            "channels": sound.get("channels", 1),
        }
    video = next(({**t, "codec": _matroska_codec(t)} for t in tracks[1]), None)
    return _with_video({key: value for key, value in found.items() if value}, video)


def _matroska_codec(track: dict) -> str:
    return track.get("codec", "").removeprefix("V_").removeprefix("A_").lower()


def _matroska(data) -> dict[str, Any]:
    found: dict[str, Any] = {"tracks": [], "segment_end": 0}
    for name, start, end in _ebml(data, 0, len(data)):
        if name == "segment":
            found["segment_end"] = end
            for child, child_start, child_end in _ebml(data, start, end, stop=("cluster",)):
                _ebml_read(data, child, child_start, child_end, found)
        elif name == "ebml":
            _ebml_read(data, name, start, end, found)
    scale = found.pop("timecode_scale", 1_000_000)
    found["duration_seconds"] = round(found.pop("duration", 0) * scale / 1e9, 3)
    return found


def _ebml_read(data, name: str, start: int, end: int, into: dict) -> None:
    if name == "track":
        track: dict[str, Any] = {}
        into["tracks"].append(track)
        into = track
    if name in _EBML_MASTERS:
        for child, child_start, child_end in _ebml(data, start, end):
            _ebml_read(data, child, child_start, child_end, into)
    elif name in _EBML_FLOATS:
        into[name] = struct.unpack(">f" if end - start == 4 else ">d", data[start:end])[0]
    elif name in _EBML_TEXTS:
        into[name] = _text(bytes(data[start:end]))
    elif name in _EBML.values():
        into[name] = int.from_bytes(data[start:end], "big")


def _ebml(data, start: int, end: int, stop: tuple[str, ...] = ()) -> Iterator[tuple[str, int, int]]:
    """(name, body start, body end) of each element; an unknown size runs to `end`, as live recordings do."""
    pos = start
    while pos < end:
        ident, id_length = _vint(data, pos)
        size, size_length = _size(data, pos + id_length)
        body = pos + id_length + size_length
        stop_at = end if size is None else body + size
        if stop_at > end:
            raise ValueError("a Matroska element runs past the end of the file")
        name = "cluster" if ident == 0x1F43B675 else _EBML.get(ident, "")
        if name in stop:
            return
        yield name, body, stop_at
        pos = stop_at


def _vint(data, pos: int) -> tuple[int, int]:
    """A Matroska variable-length number with its length marker kept (as element ids are read), and its length."""
    first = data[pos]
    if first == 0:
        raise ValueError("invalid Matroska number")
    length = 9 - first.bit_length()
    return int.from_bytes(data[pos : pos + length], "big"), length


def _size(data, pos: int) -> tuple[int | None, int]:
    """An element's size (None when unknown: all its bits set) and its length."""
    value, length = _vint(data, pos)
    value &= (1 << (7 * length)) - 1
    return (None if value == (1 << (7 * length)) - 1 else value), length


def pdf(reader: PdfReader) -> dict:
    """Page count, PDF version and title of an opened PDF."""
    found = {"pages": len(reader.pages), "pdf_version": reader.pdf_header.removeprefix("%PDF-")}
    try:
        title = reader.metadata.title if reader.metadata else None
    except (PdfReadError, AttributeError, TypeError, ValueError, KeyError):
        title = None  # a broken information dictionary costs the title, not the document
    return found | ({"title": _text(title)} if title else {})


def _text(value) -> str:
    if isinstance(value, bytes):
        value = value.decode("utf-8", "replace")
    return str(value).replace("\x00", "").strip()[:MAX_TEXT]


def _number(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None
