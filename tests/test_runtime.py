"""The served process's garbage collector: what start-up made is frozen, the young generation collected less often."""

import gc

import pytest
from fastapi.testclient import TestClient

from app import runtime
from app.main import create_app


@pytest.fixture
def collector():
    """Python's collector as it was before the test, put back after it."""
    threshold = gc.get_threshold()
    yield
    gc.unfreeze()
    gc.set_threshold(*threshold)


def test_the_served_app_freezes_its_start_up_and_collects_less_often(settings, collector):
    with TestClient(create_app(settings.model_copy(update={"serving": True}))):
        assert gc.get_threshold()[0] == runtime.YOUNG_OBJECTS
        assert gc.get_freeze_count() > 0


def test_an_app_outside_museum_serve_leaves_the_collector_alone(settings, collector):
    before = gc.get_threshold()
    with TestClient(create_app(settings)):
        assert gc.get_threshold() == before and gc.get_freeze_count() == 0
