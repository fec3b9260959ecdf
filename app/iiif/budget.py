"""How much rendering each client address may ask for: a few renders at once, and render seconds.

Each address has a bucket of render seconds, refilled at `rate` per second up to `burst`; a render
is admitted while the bucket is not empty and the address has fewer than `at_once` renders in
flight (waiting for a slot included), and its measured duration is taken from the bucket when it
ends. Answers from the cache cost nothing. The address is `request.client.host`, which the
proxy middleware sets from X-Forwarded-For only for trusted proxies.
"""

import math
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass

MAX_ADDRESSES = 10_000  # the least recently seen are forgotten (with their full buckets) beyond this


@dataclass
class _Account:
    seconds: float
    in_flight: int
    updated: float


class RenderBudget:
    """The render budget of every client address, in one process."""

    # at_once: a browser opens six connections to a site, and a deep-zoom viewer uses them all for tiles.
    def __init__(self, at_once: int = 6, burst: float = 20.0, rate: float = 1.0) -> None:
        self.at_once, self.burst, self.rate = at_once, burst, rate
        self._accounts: OrderedDict[str, _Account] = OrderedDict()
        self._lock = threading.Lock()

    def admit(self, address: str) -> float | None:
        """None when a render may start now (call `done` after it), else the seconds to wait."""
        with self._lock:
            account = self._refilled(address)
            if account.in_flight >= self.at_once:
                return 1.0
            if account.seconds <= 0:
                return max(1.0, -account.seconds / self.rate)
            account.in_flight += 1
            return None

    def done(self, address: str, seconds: float) -> None:
        """A render admitted for `address` ended after `seconds`."""
        with self._lock:
            account = self._refilled(address)
            account.in_flight = max(0, account.in_flight - 1)
            account.seconds -= seconds

    def _refilled(self, address: str) -> _Account:
        now = time.monotonic()
        account = self._accounts.get(address) or _Account(self.burst, 0, now)
        account.seconds = min(self.burst, account.seconds + (now - account.updated) * self.rate)
        account.updated = now
        self._accounts[address] = account
        self._accounts.move_to_end(address)
        while len(self._accounts) > MAX_ADDRESSES:
            self._accounts.popitem(last=False)
        return account


def retry_after(seconds: float) -> str:
    """The Retry-After value: whole seconds, at least one."""
    return str(max(1, math.ceil(seconds)))
