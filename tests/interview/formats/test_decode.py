"""Bytes to text: byte-order marks, UTF-8, Windows-1252, every kind of line break, and what is not text."""

import pytest

from app.interview.formats.decode import NotText, decode
from tests.interview.formats.fixtures import fixture


def test_windows_1252_transcript_keeps_its_french_accents_and_its_ellipsis():
    decoded = decode(fixture("villerupt_cp1252.txt"))
    assert decoded.encoding == "cp1252"
    assert "l'Église Saint-Martin" in decoded.text
    assert "une œuvre de tout le quartier" in decoded.text
    assert "l'été" in decoded.text
    assert "lamineur à Micheville…\n" in decoded.text  # byte 0x85 in a file with CRLF lines is "…"
    assert "\r" not in decoded.text


def test_utf16_with_its_bom_is_read():
    decoded = decode(fixture("villerupt_utf16.txt"))
    assert decoded.encoding == "utf-16-le"
    assert decoded.text.startswith("[00:00:03] Je suis arrivé de Gubbio")


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        ("\ufeffÉté\n".encode(), "utf-8-sig"),
        ("\ufeffÉté\n".encode("utf-16-be"), "utf-16-be"),
        ("Été\n".encode(), "utf-8"),
        ("Été\n".encode("cp1252"), "cp1252"),
    ],
)
def test_encoding_is_found_from_the_bom_then_utf8_then_windows_1252(data, encoding):
    decoded = decode(data)
    assert (decoded.text, decoded.encoding) == ("Été\n", encoding)


@pytest.mark.parametrize(
    ("data", "text"),
    [
        (b"un\r\ndeux\r\n", "un\ndeux\n"),
        (b"un\rdeux\r", "un\ndeux\n"),  # classic Mac OS
        ("un\u0085deux".encode(), "un\ndeux"),  # NEL decoded from UTF-8
        ("un\u2028deux\u2029trois".encode(), "un\ndeux\ntrois"),
        (b"page un\x0cpage deux", "page un\npage deux"),  # a word processor's page break
        (b"un\x85deux\x85", "un\ndeux\n"),  # Windows-1252 bytes with no CR/LF at all: 0x85 can only be NEL
        (b"fin\r\n\x1a", "fin\n"),  # the DOS end-of-file mark
    ],
)
def test_every_line_break_becomes_a_newline(data, text):
    assert decode(data).text == text


def test_nul_bytes_without_a_bom_are_not_text():
    with pytest.raises(NotText, match="NUL"):
        decode(b"0.05\tBonjour\x00\x00\x00")


@pytest.mark.parametrize("data", [b"\x81\x8d\x8f\x90\x9d", b"\x1b[31m\x07\x07\x02\x03\x04" * 10])
def test_bytes_that_decode_only_to_control_codes_are_not_text(data):
    with pytest.raises(NotText, match="control codes or undecodable bytes"):
        decode(data)


def test_one_undecodable_byte_in_a_long_text_is_kept_visible():
    data = "Église ".encode("cp1252") * 40 + b"\x81"
    assert decode(data).text.endswith("Église \ufffd")
