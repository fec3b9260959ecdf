"""The transcript files of tests/fixtures/transcripts/, read as bytes, as a curator would upload them."""

from pathlib import Path

FOLDER = Path(__file__).parents[2] / "fixtures" / "transcripts"


def fixture(name: str) -> bytes:
    return (FOLDER / name).read_bytes()
