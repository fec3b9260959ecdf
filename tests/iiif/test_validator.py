"""The official IIIF Image API validator (`iiif-validator` on PyPI) against a real server on 127.0.0.1.

Every test the validator defines for version 3.0 up to compliance level 2 is run, in process, with
the validator's own classes (its command-line script does the same loop), on the test image it
expects: a 10 x 10 grid of 100-pixel squares whose colours come from the validator's source.
"""

import socket
import threading
import time
from importlib.metadata import version

import pytest
import uvicorn

# The module, not its classes: pytest would try to collect a class named TestSuite.
from iiif_validator import validator
from PIL import Image


def validator_image(path) -> None:
    """The validator's test image: square (x, y) is filled with its colour table's entry [x][y]."""
    image = Image.new("RGB", (1000, 1000))
    for x, column in enumerate(validator.ValidationInfo().colorInfo):
        for y, colour in enumerate(column):
            image.paste(colour, (x * 100, y * 100, x * 100 + 100, y * 100 + 100))
    image.save(path, quality=95, subsampling=0)


@pytest.fixture
def server(app):
    """The app served by uvicorn on a free loopback port, in a thread: `host:port`."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    config = uvicorn.Config(app, http="h11", ws="none", lifespan="off", log_level="warning")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.01)
    assert server.started, "uvicorn did not start"
    yield f"127.0.0.1:{sock.getsockname()[1]}"
    server.should_exit = True
    thread.join(10)
    sock.close()


def level_2_tests() -> list[str]:
    """The names of the validator's tests for version 3.0 up to level 2."""
    tests = validator.TestSuite(validator.ValidationInfo()).list_tests("3.0")
    return sorted(name for name, test in tests.items() if test["level"] <= 2)


def run(name: str, identifier: str, server: str) -> str | None:
    """Run one validator test; None when it passes, else what went wrong."""
    result = validator.ImageAPI(identifier, server, "iiif/3", version="3.0", debug=False)
    try:
        validator.TestSuite(validator.ValidationInfo()).run_test(name, result)
    except Exception as error:  # the validator's own bugs surface as plain exceptions
        return f"{type(error).__name__}: {error} ({result.urls})"
    return None if result.exception is None else f"{result.exception} ({result.urls})"


@pytest.fixture
def validator_media(attach, tmp_path):
    path = tmp_path / "validator.jpg"
    validator_image(path)
    return attach(path)


def test_official_validator_passes_every_level_2_test(server, validator_media, capsys):
    names = level_2_tests()
    failures = {name: problem for name in names if (problem := run(name, validator_media.sha256, server))}
    with capsys.disabled():
        print(
            f"\niiif-validator {version('iiif-validator')}, IIIF Image API 3.0 level 2: "
            f"{len(names) - len(failures)} passed, {len(failures)} failed"
        )
    assert len(names) >= 30
    assert not failures, failures


# The level 3 tests of the extra features info.json announces. (Its `size_up` test expects `^max`
# to mean the full size, where the specification says the largest allowed; its `format_webp` test
# calls Python 2's urllib.urlopen: neither can pass on any server.)
# rot_full_non90 and rot_region_non90 test rotationArbitrary, which info.json no longer offers.
@pytest.mark.parametrize("name", ["rot_mirror", "rot_mirror_180"])
def test_official_validator_passes_the_announced_extra_features(server, validator_media, name):
    assert run(name, validator_media.sha256, server) is None
