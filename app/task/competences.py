"""The competence mapping, as data: the frameworks, their competences, and what each task type shows.

The default is `app/task/competences.toml`; `parse` checks a mapping a supervisor adjusts before it is used.
"""

import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.task.models import CompetenceMapping
from app.task.types import TASK_TYPES

DEFAULT_FILE = Path(__file__).with_name("competences.toml")


class MappingError(ValueError):
    """A competence mapping that cannot be used, with what is wrong in it."""


@dataclass(frozen=True)
class Competence:
    id: str
    framework: str
    names: dict[str, str]  # by language

    def name(self, language: str) -> str:
        return self.names.get(language) or self.names.get("en") or self.id


@dataclass(frozen=True)
class Framework:
    id: str
    names: dict[str, str]
    url: str

    def name(self, language: str) -> str:
        return self.names.get(language) or self.names.get("en") or self.id


@dataclass(frozen=True)
class CompetenceMap:
    frameworks: dict[str, Framework]
    competences: dict[str, Competence]
    task_types: dict[str, tuple[str, ...]]  # task type -> competence ids

    def of(self, task_type: str) -> list[Competence]:
        """The competences a task type shows, in the mapping's order."""
        return [self.competences[c] for c in self.task_types.get(task_type, ())]


def parse(text: str) -> CompetenceMap:
    """The mapping a TOML text describes; `MappingError` names what is wrong."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise MappingError(str(error)) from None
    frameworks = {key: _framework(key, value) for key, value in data.get("frameworks", {}).items()}
    competences = {key: _competence(key, value, frameworks) for key, value in data.get("competences", {}).items()}
    task_types = {key: _shown(key, value, competences) for key, value in data.get("task_types", {}).items()}
    return CompetenceMap(frameworks, competences, task_types)


@lru_cache(maxsize=1)
def default() -> CompetenceMap:
    """The mapping shipped with the museum."""
    return parse(DEFAULT_FILE.read_text(encoding="utf-8"))


def _names(value: object) -> dict[str, str]:
    if isinstance(value, str):
        return {"en": value}
    if isinstance(value, dict) and all(isinstance(v, str) for v in value.values()):
        return dict(value)
    raise MappingError("a name is a text, or a table of texts by language")


def _framework(key: str, value: dict) -> Framework:
    if not isinstance(value, dict):
        raise MappingError(f"framework {key!r} is not a table")
    return Framework(key, _names(value.get("name", key)), str(value.get("url", "")))


def _competence(key: str, value: dict, frameworks: dict[str, Framework]) -> Competence:
    if not isinstance(value, dict) or value.get("framework") not in frameworks:
        raise MappingError(f"competence {key!r} names no known framework")
    return Competence(key, value["framework"], _names(value.get("name", key)))


def _shown(key: str, value: object, competences: dict[str, Competence]) -> tuple[str, ...]:
    if key not in TASK_TYPES:
        raise MappingError(f"{key!r} is not a task type")
    if not isinstance(value, list) or any(c not in competences for c in value):
        raise MappingError(f"task type {key!r} names a competence that is not in the mapping")
    return tuple(value)


def current_text(session: Session) -> str:
    """The TOML text in use: the newest one supervisors saved, or the default file's."""
    saved = session.scalar(select(CompetenceMapping.text).order_by(CompetenceMapping.id.desc()).limit(1))
    return saved if saved is not None else DEFAULT_FILE.read_text(encoding="utf-8")


def current(session: Session) -> CompetenceMap:
    """The mapping in use: the one supervisors adjusted (stored in the database), or the default."""
    text = current_text(session)
    try:
        return _parsed(text)
    except MappingError:  # only a text that passed `parse` is saved, but the task types may have changed since
        return default()


def save(session: Session, text: str, user) -> CompetenceMap:
    """Check and store an adjusted mapping (MappingError, and nothing stored, when it is wrong)."""
    mapping = parse(text)
    session.add(CompetenceMapping(text=text, saved_by_id=user.id if user is not None else None))
    session.flush()
    return mapping


@lru_cache(maxsize=8)
def _parsed(text: str) -> CompetenceMap:
    return parse(text)
