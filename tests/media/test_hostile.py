"""Every hostile upload of tests/media/hostile.py is refused quickly, with its code and a message, never a crash."""

import random
import resource
import time

import pytest

from app.media import sniff
from app.media.refusal import CODES, RefusedFile
from tests.media.hostile import FIXTURES, HOSTILE, MAX_BYTES, media, padded_jpeg, pdf, png_bomb


def test_the_list_is_long_and_uses_every_refusal_code():
    print(f"\n{len(HOSTILE)} hostile cases")
    assert len(HOSTILE) >= 45
    assert len({case.name for case in HOSTILE}) == len(HOSTILE)
    assert {case.code for case in HOSTILE} == set(CODES)


@pytest.mark.parametrize("case", HOSTILE, ids=lambda case: case.name)
def test_hostile_file_is_refused_with_its_code_and_a_message(case, tmp_path):
    path = tmp_path / "upload"
    path.write_bytes(case.content())
    started = time.perf_counter()
    with pytest.raises(RefusedFile) as refused:
        sniff.inspect(path, case.filename, max_bytes=MAX_BYTES)
    assert time.perf_counter() - started < 2
    assert refused.value.code == case.code, str(refused.value)
    assert len(str(refused.value)) > 20


@pytest.mark.parametrize(
    "build",
    [
        lambda: pdf(),
        lambda: pdf(page=b"/Pad (" + b"x" * 9000 + b") "),
        lambda: padded_jpeg(FIXTURES, 20_000),
        lambda: media("photo.jpg")(FIXTURES) + b"\x00" * 100,
    ],
    ids=["pdf", "big_pdf", "big_jpeg", "jpeg_with_padding"],
)
def test_the_files_cases_are_built_from_are_accepted(build, tmp_path):
    """So that each hostile case is refused for what was added to it, not for its base."""
    path = tmp_path / "upload"
    path.write_bytes(build())
    assert sniff.inspect(path, None, max_bytes=MAX_BYTES).media_type in ("pdf", "image")


def test_png_bomb_is_refused_from_its_header_without_allocating_its_pixels(tmp_path):
    path = tmp_path / "bomb.png"
    path.write_bytes(png_bomb(20_000, 20_000))
    assert path.stat().st_size < 100_000
    # ru_maxrss is the peak so far (KiB on Linux): decoding 400 Mpx would lift it by hundreds of MB.
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    with pytest.raises(RefusedFile) as refused:
        sniff.inspect(path, "bomb.png", max_bytes=MAX_BYTES)
    assert refused.value.code == "too_many_pixels"
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before < 50 * 1024


def test_randomly_damaged_accepted_files_are_refused_or_accepted_never_crash(tmp_path):
    """Bytes flipped, cut or inserted anywhere: the answer is an Inspection or a RefusedFile, quickly."""
    rng, fixtures = random.Random(20240517), sorted((FIXTURES / "media").glob("*.*"))
    fixtures = [path.read_bytes() for path in fixtures if path.suffix != ".md"]
    path, started = tmp_path / "upload", time.perf_counter()
    for _ in range(400):
        data = bytearray(rng.choice(fixtures))
        position = rng.randrange(len(data))
        if rng.random() < 0.5:
            data[position : position + 8] = rng.randbytes(8)
        else:
            del data[position:]
        path.write_bytes(bytes(data))
        try:
            sniff.inspect(path, None, max_bytes=MAX_BYTES)
        except RefusedFile as refused:
            assert str(refused)
    assert time.perf_counter() - started < 30
