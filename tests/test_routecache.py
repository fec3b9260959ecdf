"""The tests' memo of FastAPI's route build (tests/routecache.py) gives each app what FastAPI would build."""

from fastapi.testclient import TestClient

from app.main import create_app
from app.web.deps import get_session
from tests import routecache
from tests.factories import make_item


def _described(app) -> list[tuple]:
    """What each route of an app is: name, path, methods, status, response class, parameters."""
    return [
        (ctx.name, ctx.path, sorted(ctx.methods), ctx.status_code, repr(ctx.response_class), _parameters(ctx.dependant))
        for ctx in _contexts(app)
    ]


def _contexts(app):
    for branch in app.router.routes:
        if hasattr(branch, "effective_candidates"):
            yield from _flattened(branch)


def _flattened(branch):
    for candidate in branch.effective_candidates():
        if hasattr(candidate, "effective_candidates"):
            yield from _flattened(candidate)
        elif isinstance(candidate.original_route, routecache.routing.APIRoute):
            yield candidate


def _parameters(dependant) -> list[str]:
    params = [*dependant.path_params, *dependant.query_params, *dependant.body_params, *dependant.header_params]
    inner = [name for sub in dependant.dependencies for name in _parameters(sub)]
    return [f"{p.name}:{p.field_info.annotation}:{p.field_info.is_required()}" for p in params] + inner


def test_the_memo_is_installed():
    # FastAPI renamed or removed the hook when this fails: update tests/routecache.py (the suite is slow without it).
    assert routecache.Context.__dict__["from_api_route"] is not routecache.ORIGINAL


def test_an_app_built_from_the_memo_has_the_routes_and_schema_of_a_fresh_build(settings, monkeypatch):
    memoised = create_app(settings)
    memoised_routes, memoised_schema = _described(memoised), memoised.openapi()
    monkeypatch.setattr(routecache.Context, "from_api_route", routecache.ORIGINAL)
    fresh = create_app(settings)
    assert _described(fresh) == memoised_routes
    assert len(memoised_routes) > 100
    assert fresh.openapi() == memoised_schema


def test_each_app_answers_with_its_own_dependency_overrides(settings, session):
    make_item(session, title="Seen through the override")
    session.flush()
    first, second = create_app(settings), create_app(settings)
    used = []

    def _session():
        used.append("first")
        yield session

    first.dependency_overrides[get_session] = _session
    with TestClient(second) as client:
        assert "Seen through the override" not in client.get("/api/v1/items").text
    with TestClient(first) as client:
        assert "Seen through the override" in client.get("/api/v1/items").text
    assert used == ["first"]
