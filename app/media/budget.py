"""How much memory decoding one image may take, and how many images are decoded at once.

The cost of an image is read from its header (Pillow's `Image.open` reads nothing else), so a file
declaring too many pixels is refused before a single one is decoded. Every image is turned into RGB for
its derivatives, and Pillow keeps an RGB pixel in four bytes: that is the cost counted for each pixel,
whatever the file's own mode (a 17 KB one-bit PNG of 144 megapixels costs 576 MB once converted).
"""

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

BYTES_PER_PIXEL = 4
MB = 1024 * 1024


@dataclass(frozen=True)
class Budget:
    """The most memory one decoded image may take in a given context."""

    max_bytes: int

    @property
    def max_pixels(self) -> int:
        return self.max_bytes // BYTES_PER_PIXEL

    def allows(self, width: int, height: int) -> bool:
        return width * height * BYTES_PER_PIXEL <= self.max_bytes


# Staff scans: a 100-megapixel scan (400 MB decoded) fits, with room for its conversion within 1 GB.
STAFF = Budget(512 * MB)
# A resident's photo: phones take under 50 megapixels.
CONTRIBUTION = Budget(50_000_000 * BYTES_PER_PIXEL)
# Decoding is memory- and CPU-bound: more at once only makes each slower and the peak higher.
DECODES_AT_ONCE = 2
_slots = threading.BoundedSemaphore(DECODES_AT_ONCE)


@contextmanager
def decoding() -> Iterator[None]:
    """Hold one of the decoding slots while pixels are decoded (never nest two)."""
    with _slots:
        yield
