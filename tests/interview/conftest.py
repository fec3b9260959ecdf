"""An interview with a real recording (its copy made by the job), timed cues with speakers, translations, an index."""

from datetime import date
from pathlib import Path

import pytest

from app.interview.models import Cue, IndexSegment, Interview, Redaction
from app.media import service as media_service
from tests.factories import make_item, run_jobs
from tests.media.recording.files import write_sound

SECONDS = 6.0
STEP = 1.5
WORDS = [
    ("Q", "Where were you born?", "Où êtes-vous née ?"),
    ("AW", "In Villerupt, near the blast furnaces.", "À Villerupt, près des hauts fourneaux."),
    ("Q", "What did your father do?", "Que faisait votre père ?"),
    ("AW", "He was a miner <at> the Micheville pit & proud.", "Il était mineur à Micheville, et fier."),
]


@pytest.fixture(scope="session")
def talk(tmp_path_factory) -> Path:
    """A six-second AAC recording, made with PyAV once for the run."""
    return write_sound(tmp_path_factory.mktemp("talk") / "talk.m4a", "aac", SECONDS, 22_050)


def add_cues(session, item, step: float = STEP) -> list[Cue]:
    """Four timed cues `step` seconds apart, after an untimed header line."""
    cues = [Cue(item_id=item.id, position=0, start_seconds=None, language="en", text="Interview no. 5, 1991.")]
    for n, (speaker, text, translation) in enumerate(WORDS, start=1):
        start = (n - 1) * step
        cues.append(
            Cue(
                item_id=item.id,
                position=n,
                start_seconds=start,
                end_seconds=start + step,
                speaker=speaker,
                language="en",
                text=text,
                translation=translation,
                translation_language="fr",
            )
        )
    session.add_all(cues)
    session.flush()
    return cues


@pytest.fixture
def interview(session, settings, talk):
    """A published interview with its recording's browser copy made, four cues and one index segment."""
    item = make_item(session, identifier="OH-1", kind="interview", language="en", title="Memories of the mine")
    media_service.attach(session, item, talk, settings, caption="Side A")
    run_jobs(session, settings)
    add_cues(session, item)
    session.add(
        IndexSegment(
            item_id=item.id,
            position=0,
            start_seconds=1.5,
            end_seconds=4.5,
            language="en",
            title="Childhood in Villerupt",
            synopsis="Her birth near the furnaces.",
            keywords=["childhood", "furnaces"],
        )
    )
    session.flush()
    return item


def set_access(session, item, level: str, sealed_until: date | None = None) -> None:
    session.add(Interview(item_id=item.id, access=level, sealed_until=sealed_until))
    session.flush()


def redact(session, item, start: float, end: float) -> None:
    session.add(Redaction(item_id=item.id, start_seconds=start, end_seconds=end, reason="asked by the family"))
    session.flush()
