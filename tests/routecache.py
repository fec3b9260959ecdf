"""Test-only memo of FastAPI's per-app route build.

The tests build one app per test. FastAPI (0.16x) builds each included route's dependant and pydantic
models lazily, once per app, on its first request: about 0.2 s of every test, a quarter of the suite's
time. The routers are module-level objects shared by every app, and what is built depends only on the
route and on how it is included, except the app that holds `dependency_overrides` (each test overrides
the session on its own app). So the built route is kept per (route, inclusion) and a copy of it is given
to each new app, bound to that app's overrides through a request handler built for it, exactly as
FastAPI builds one. tests/test_routecache.py compares the copies with fresh builds.
"""

import dataclasses
from typing import Any

from fastapi import routing
from fastapi._body_limit import wrap_app_with_body_limit

Context = routing._EffectiveRouteContext
BUILD = Context.from_api_route
ORIGINAL = Context.__dict__["from_api_route"]
# id(route) -> [(route, its inclusion without the overrides' provider, the context built for it)]
Built = dict[int, list[tuple[Any, Any, Any]]]


def install(cache: Built) -> None:
    """Make FastAPI build each included route once per process, keeping the builds in `cache`."""

    def from_api_route(cls, *, original_route, include_context):
        provider = include_context.dependency_overrides_provider
        inclusion = dataclasses.replace(include_context, dependency_overrides_provider=None)
        for route, known, context in cache.get(id(original_route), ()):
            if route is original_route and known == inclusion:
                return rebound(context, provider)
        context = BUILD(original_route=original_route, include_context=include_context)
        cache.setdefault(id(original_route), []).append((original_route, inclusion, context))
        return context

    Context.from_api_route = classmethod(from_api_route)  # type: ignore[method-assign, assignment]


def uninstall() -> None:
    Context.from_api_route = ORIGINAL  # type: ignore[method-assign]


def rebound(context, provider):
    """A copy of a built route whose request handler reads the dependency overrides of `provider`."""
    copy = dataclasses.replace(context, dependency_overrides_provider=provider)
    token = routing._effective_route_context_var.set(copy)
    try:
        handler = copy.original_route.get_route_handler()
        copy.app = wrap_app_with_body_limit(routing.request_response(handler), copy.max_body_size)
    finally:
        routing._effective_route_context_var.reset(token)
    return copy
