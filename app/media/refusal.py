"""Why an uploaded file is refused: a short machine code and a translated, actionable message.

Each function below builds the refusal for one reason, so the wording lives in one place for translators;
`not_accepted` also names what a refused file is (an archive, a program, a web page...) from its first bytes.
"""

from babel.numbers import format_decimal

from app.i18n import get_language
from app.i18n import gettext as _

# Every code `RefusedFile.code` can take; the upload API returns it beside the message.
CODES = (
    "empty",  # no bytes, only zero bytes, or a sound/video lasting zero seconds
    "too_large",  # more bytes than the limit
    "unsupported_type",  # recognised or not, the content is not a type the museum keeps
    "extension_mismatch",  # an accepted type, named as another one
    "corrupt",  # the type it claims, but truncated or damaged
    "too_many_pixels",  # an image declaring more pixels than may be decoded (decompression bomb)
    "polyglot",  # an accepted type that also carries another file (archive, page, script)
    "active_content",  # a PDF with scripts, launch actions or attached files
    "encrypted",  # a password-protected PDF, which cannot be checked
)


class RefusedFile(ValueError):
    """A file that will not be stored; `str(error)` is the message for the person who sent it."""

    def __init__(self, code: str, message: str):
        if code not in CODES:
            raise AssertionError(f"unknown refusal code {code!r}")
        super().__init__(message)
        self.code = code
        self.message = message


def empty() -> RefusedFile:
    return RefusedFile("empty", _("This file is empty (0 bytes)."))


def only_zeros() -> RefusedFile:
    return RefusedFile("empty", _("This file contains only zero bytes: nothing was recorded in it."))


def silent() -> RefusedFile:
    return RefusedFile("empty", _("This sound or video lasts zero seconds: nothing was recorded in it."))


def too_large(size: int, limit: int) -> RefusedFile:
    return RefusedFile(
        "too_large",
        _(
            "This file ({size}) is larger than the {limit} allowed. Send a smaller "
            "version (lower resolution or bit rate)."
        ).format(size=human_size(size), limit=human_size(limit)),
    )


def _unsupported(kind: str) -> RefusedFile:
    """A content the museum does not keep; `kind` is one of the keys below, or anything else for unknown."""
    messages = {
        "gif": _("This is a GIF image, which the museum does not keep. Save it as PNG and send it again."),
        "bmp": _("This is a BMP image, which the museum does not keep. Save it as PNG or JPEG and send it again."),
        "archive": _(
            "This is a compressed archive (ZIP, RAR, 7z, gzip, tar…) or a document stored as one (Word, "
            "OpenDocument). Send the pictures, sounds or videos one by one, and documents as PDF."
        ),
        "program": _("This is a program. Programs are never accepted."),
        "office": _("This is a Microsoft Office document. Save it as PDF and send it again."),
        "svg": _(
            "This is an SVG drawing. SVG files can carry scripts, so they are not accepted: export the "
            "drawing as PNG or PDF."
        ),
        "page": _("This is a web page or an XML document. Such files can carry scripts and are not accepted."),
        "script": _("This is a script (shell, PHP, Python…). Programs are never accepted."),
        "text": _("This is a text file (a document, a list or a program), not a picture, sound, video or PDF."),
    }
    message = messages.get(kind) or _("The content of this file is not of a type the museum keeps.")
    return RefusedFile("unsupported_type", f"{message} {_accepted()}")


def not_accepted(head: bytes) -> RefusedFile:
    """The refusal of a file whose first bytes are of no accepted type, naming what it is when known."""
    return _unsupported(_binary_kind(head) or _text_kind(head) or "unknown")


_REFUSED_MAGIC = (
    (b"GIF8", "gif"),
    (b"PK\x03\x04", "archive"),
    (b"PK\x05\x06", "archive"),
    (b"\x1f\x8b", "archive"),
    (b"BZh", "archive"),
    (b"\xfd7zXZ\x00", "archive"),
    (b"7z\xbc\xaf\x27\x1c", "archive"),
    (b"Rar!\x1a\x07", "archive"),
    (b"\x28\xb5\x2f\xfd", "archive"),
    (b"MSCF", "archive"),
    (b"MZ", "program"),
    (b"\x7fELF", "program"),
    (b"\xcf\xfa\xed\xfe", "program"),
    (b"\xfe\xed\xfa\xcf", "program"),
    (b"\xca\xfe\xba\xbe", "program"),
    (b"\x00asm", "program"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "office"),
)


def _binary_kind(head: bytes) -> str | None:
    if head[257:262] == b"ustar":
        return "archive"  # tar has its signature at offset 257
    if head[:2] == b"BM" and head[14:15] in (b"\x0c", b"\x28", b"\x38", b"\x6c", b"\x7c"):
        return "bmp"
    return next((kind for magic, kind in _REFUSED_MAGIC if head.startswith(magic)), None)


def _text_kind(head: bytes) -> str | None:
    """ "svg", "page", "script" or "text" for a file that reads as text; None for binary data."""
    text = _as_text(head)
    if text is None:
        return None
    lowered = text.lower()
    if "<svg" in lowered:
        return "svg"
    if "<?php" in lowered or lowered.lstrip().startswith("#!"):
        return "script"
    if lowered.lstrip().startswith("<") or "<script" in lowered or "<html" in lowered:
        return "page"
    return "text"


def _as_text(head: bytes) -> str | None:
    for bom, encoding in ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")):
        if head.startswith(bom):
            return head[len(bom) :].decode(encoding, "replace")
    if b"\x00" in head:
        return None
    try:
        text = head.decode("utf-8")
    except UnicodeDecodeError as error:
        # Only the last character may be cut in two by the end of `head`; otherwise it is Windows text, or binary.
        text = head[: error.start].decode() if error.start >= len(head) - 3 else head.decode("cp1252", "replace")
    controls = sum(1 for c in text if (c < " " and c not in "\t\n\r\f") or c == "\ufffd")
    return text if controls <= len(text) // 50 else None


def other_type(label, advice: str = "") -> RefusedFile:
    """A recognised format that is not accepted; `label` says which ("an MKV video"), `advice` what to do."""
    message = _("This is {kind}, which the museum does not keep.").format(kind=label)
    return RefusedFile("unsupported_type", " ".join(filter(None, (message, advice, _accepted()))))


def _accepted() -> str:
    return _(
        "Accepted: pictures (JPEG, PNG, TIFF, WebP, HEIC), sounds (MP3, WAV, OGG, M4A, FLAC), videos "
        "(MP4, WebM) and PDF documents."
    )


def mismatch(filename: str, extension: str, label, expected: str) -> RefusedFile:
    return RefusedFile(
        "extension_mismatch",
        _(
            "“{name}” is named as a .{extension} file, but its content is {kind}. Rename it to end in .{expected}, "
            "or choose the right file, and send it again."
        ).format(name=filename, extension=extension, kind=label, expected=expected),
    )


def corrupt(label) -> RefusedFile:
    return RefusedFile(
        "corrupt",
        _(
            "This file looks like {kind} but it is damaged or incomplete (perhaps cut short "
            "while copying), so it cannot be read. Send the original file again."
        ).format(kind=label),
    )


def too_many_pixels(limit: int) -> RefusedFile:
    return RefusedFile(
        "too_many_pixels",
        _(
            "This image declares more than {limit} million pixels, more than can be processed safely. Reduce its "
            "size (for example to 10,000 pixels on the longest side) and send it again."
        ).format(limit=limit // 1_000_000),
    )


def hidden_markup(code: str) -> RefusedFile:
    return RefusedFile(
        "polyglot",
        _(
            "This file hides web-page or script code (“{code}”) in its first bytes, so it "
            "could also be read as something else. Save it again as an ordinary file and "
            "send it again."
        ).format(code=code),
    )


def hidden_zip() -> RefusedFile:
    return RefusedFile(
        "polyglot",
        _(
            "This file is also a ZIP archive (one is hidden at its end). Save it again "
            "as an ordinary file and send it again."
        ),
    )


def trailing(label, size: int, advice: str = "") -> RefusedFile:
    message = _(
        "This file goes on after the end of {kind}: {size} of other data (perhaps another file) are hidden "
        "there. Save it again as an ordinary file and send it again."
    ).format(kind=label, size=human_size(size))
    return RefusedFile("polyglot", f"{message} {advice}".strip())


def active_content(what: str) -> RefusedFile:
    return RefusedFile(
        "active_content",
        _(
            "This PDF contains active content ({what}). Scripts, launch actions and attached files are not accepted, "
            "as they could run on visitors' computers. Print it again to a PDF file to get a plain copy, and send "
            "that."
        ).format(what=what),
    )


def encrypted() -> RefusedFile:
    return RefusedFile(
        "encrypted",
        _(
            "This PDF is protected by a password or encryption, so its content cannot be "
            "checked. Remove the protection (or print it again to a PDF file) and send it "
            "again."
        ),
    )


def human_size(size: int) -> str:
    """A size in bytes as people read it: "850 KB", "12.5 MB"."""
    if size < 1000:
        return _("{count} bytes").format(count=size)
    if size < 1_000_000:
        return _("{count} KB").format(count=round(size / 1000))
    return _("{count} MB").format(count=format_decimal(size / 1_000_000, "#,##0.#", locale=get_language()))
