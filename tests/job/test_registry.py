"""Handlers are registered by kind, once, from the modules listed in HANDLER_MODULES."""

import sys

import pytest

from app.job import registry
from tests.job import handlers


def test_handlers_are_found_by_kind():
    assert registry.get("test.record") is handlers.record
    assert {"test.noop", "test.record"} <= set(registry.kinds())


def test_unknown_kind_names_the_known_ones_and_where_they_come_from():
    with pytest.raises(registry.UnknownJobKind, match=r"'media\.nothing'.*test\.noop.*HANDLER_MODULES"):
        registry.get("media.nothing")


def test_a_second_function_for_the_same_kind_is_refused():
    def noop(session, settings, payload):
        pass

    with pytest.raises(ValueError, match="already handled by tests.job.handlers.noop"):
        registry.handler("test.noop")(noop)


def test_loading_a_handler_module_again_is_harmless(tmp_path, monkeypatch):
    (tmp_path / "job_test_reloaded.py").write_text(
        "from app.job.registry import handler\n\n"
        "@handler('test.reloaded')\n"
        "def reloaded(session, settings, payload):\n"
        "    pass\n",
        encoding="utf-8",
    )
    monkeypatch.syspath_prepend(tmp_path)
    monkeypatch.setattr(registry, "HANDLER_MODULES", ("job_test_reloaded",))

    registry.load_handlers()
    monkeypatch.delitem(sys.modules, "job_test_reloaded")
    registry.load_handlers()

    assert registry.get("test.reloaded") is sys.modules["job_test_reloaded"].reloaded


def test_a_missing_handler_module_is_an_error():
    with pytest.raises(ModuleNotFoundError):
        registry.load_handlers(("app.no_such_domain.jobs",))
