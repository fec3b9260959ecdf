"""Responses worked out when they are sent, once the request's database session is closed.

FastAPI closes the session dependency when the view returns and before the response is sent, so
what happens in `Deferred.__call__` holds no database connection. First `prepare` runs in the thread
pool (pyramid, cache, budget); when it asks for a render, the render waits for one of the process's
`RENDER_SLOTS` in the event loop, without a thread or a connection, then runs in a thread.
"""

import time
from collections.abc import Callable

from anyio import CapacityLimiter, to_thread
from starlette.responses import Response
from starlette.types import Receive, Scope, Send

from app.iiif.budget import RenderBudget

# Each render holds up to a few hundred MB of pixels for the largest sizes: no more than this at once.
RENDER_SLOTS = CapacityLimiter(4)


class Render:
    """A render admitted by the budget of `address`: `run` gives the response and measures its time."""

    def __init__(self, work: Callable[[], Response], budget: RenderBudget, address: str) -> None:
        self.work, self.budget, self.address = work, budget, address
        self.released = False

    def run(self) -> Response:
        started = time.monotonic()
        try:
            return self.work()
        finally:
            self.release(time.monotonic() - started)

    def release(self, seconds: float) -> None:
        """Give the address's place back, once, charging `seconds` of rendering."""
        if not self.released:
            self.released = True
            self.budget.done(self.address, seconds)


class Deferred(Response):
    """A response whose content `prepare` gives (a Response, or a Render to run in a slot) when sent."""

    def __init__(self, prepare: Callable[[], "Response | Render"]) -> None:
        self.prepare = prepare
        self.background = None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        result = await to_thread.run_sync(self.prepare)
        if isinstance(result, Render):
            render = result
            try:
                result = await to_thread.run_sync(render.run, limiter=RENDER_SLOTS)
            finally:
                render.release(0.0)  # cancelled while waiting for a slot (the client left): nothing ran
        await result(scope, receive, send)
