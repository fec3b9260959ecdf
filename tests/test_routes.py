"""Every route answers its own paths: none is hidden behind an earlier one (app/routes.py puts the visitors' pages
first, for speed, which is safe only while no earlier route matches their paths, nor theirs the later routes')."""

from starlette.convertors import IntegerConvertor
from starlette.routing import Mount

# Routes that exist to answer what the routes before them do not: a catch-all after its specific ones.
FALLBACKS = {"iiif.not_found"}


def _routes(app):
    """(name, methods, path regex, route) of every route, in the order they are tried."""
    for route in app.router.routes:
        if hasattr(route, "effective_candidates"):
            yield from _flattened(route)
        else:
            yield route.name, getattr(route, "methods", None), route.path_regex, route


def _flattened(branch):
    for candidate in branch.effective_candidates():
        if hasattr(candidate, "effective_candidates"):
            yield from _flattened(candidate)
        else:
            route = candidate.original_route
            yield route.name, getattr(route, "methods", None), candidate.path_regex, candidate


def _sample_path(app, name: str, route) -> str:
    """The route's path with a plain value for each parameter (a number for an integer)."""
    convertors = getattr(route, "param_convertors", None) or {}
    values = {key: 1 if isinstance(convertor, IntegerConvertor) else "x1" for key, convertor in convertors.items()}
    if isinstance(route, Mount):
        values = {"path": "x1"}
    return app.url_path_for(name, **values)


def test_every_route_answers_its_own_paths(app):
    routes = list(_routes(app))
    assert len(routes) > 200
    hidden = []
    for name, methods, _regex, route in routes:
        path = _sample_path(app, name, route)
        for method in sorted(methods or {"GET"}):
            first = next(n for n, ms, regex, _ in routes if regex.match(path) and (ms is None or method in ms))
            if first != name and name not in FALLBACKS:
                hidden.append(f"{method} {path}: {name} is answered by {first}")
    assert hidden == []


def test_the_visitors_pages_are_tried_first(app):
    names = [name for name, *_ in _routes(app)]
    assert names.index("exhibit.page") < names.index("api.items")
    assert names.index("item.detail") < names.index("workspace.dashboard")
