"""Bytes to text, for transcripts typed over forty years on DOS, Windows, Macs and phones.

A byte-order mark decides (UTF-8, UTF-16 LE or BE); otherwise UTF-8 when the bytes are valid UTF-8,
since text in another encoding almost never is; otherwise Windows-1252, the encoding of the museum's
older transcripts (a superset of Latin-1 for every printable character). No statistical guess
(charset-normalizer): on a few lines of French it confuses Windows-1252 with its neighbours, and a
wrong guess turns every "é" into something else without a word, where this order is predictable.

Line breaks become "\n" whatever they were: CRLF, CR, NEL (U+0085), U+2028/2029, and the form feeds
and vertical tabs of old word processors' page breaks. Byte 0x85 is "…" in Windows-1252 and stays so,
except in a file that has no CR or LF at all, where it can only be a NEL line break.
"""

import codecs
import re
from dataclasses import dataclass

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_BREAKS = re.compile("\r\n?|[\x85\u2028\u2029\x0b\x0c]")
# Control codes other than tab and line breaks: in a text file they are damage or a binary file.
CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f]")
# Above one character in a hundred that is a control code or an undecodable byte, it is not text.
_MOST_DAMAGE = 0.01


class NotText(ValueError):
    """The bytes are not a text file: an image, a recording, a word-processor document."""


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str


def decode(data: bytes) -> Decoded:
    """The text of a file, its line breaks made "\n"; NotText for bytes that are not text."""
    text, encoding = _decoded(data)
    text = _BREAKS.sub("\n", text.rstrip("\x1a"))  # Ctrl-Z: the end-of-file mark of DOS editors
    damaged = len(CONTROL.findall(text)) + text.count("\ufffd")
    if damaged > len(text) * _MOST_DAMAGE:
        raise NotText(f"{damaged} of {len(text)} characters are control codes or undecodable bytes")
    return Decoded(text, encoding)


def _decoded(data: bytes) -> tuple[str, str]:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data[len(bom) :].decode(encoding.removesuffix("-sig"), errors="replace"), encoding
    if b"\x00" in data:
        raise NotText("the file holds NUL bytes, which text without a byte-order mark never does")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    if b"\x85" in data and b"\n" not in data and b"\r" not in data:
        data = data.replace(b"\x85", b"\n")
    return data.decode("cp1252", errors="replace"), "cp1252"
