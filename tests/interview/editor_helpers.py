"""A draft interview with a real one-second recording, four cues and two index segments, for the editor tests."""

from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.interview.models import Cue, IndexSegment
from app.item.models import Item
from app.media import service as media_service
from app.revision.models import ItemRevision
from tests.factories import make_item

SOUND = Path(__file__).parent.parent / "fixtures" / "media" / "sound.wav"  # one second of a 440 Hz tone
CUES = [
    (0.0, 0.25, "Mario", "Je suis arrivé en 1952."),
    (0.25, 0.5, "Mario", "Mon père travaillait à l'usine."),
    (0.5, 0.75, "Interviewer", "Et votre mère ?"),
    (0.75, 1.0, "Mario", "Elle tenait une pension."),
]


def make_interview(session: Session, settings, status: str = "draft", recording: bool = True) -> Item:
    """An interview item in `status` with CUES, two segments and (unless told not to) its recording."""
    item = make_item(session, kind="interview", status=status, title="Entretien avec Mario")
    for position, (start, end, speaker, text) in enumerate(CUES):
        session.add(
            Cue(
                item_id=item.id,
                position=position,
                start_seconds=start,
                end_seconds=end,
                speaker=speaker,
                language="fr",
                text=text,
            )
        )
    for position, (start, title) in enumerate(((0.0, "L'arrivée"), (0.5, "La famille"))):
        session.add(IndexSegment(item_id=item.id, position=position, start_seconds=start, language="fr", title=title))
    if recording:
        session.refresh(item, ["media"])
        media_service.attach(session, item, SOUND, settings, filename="entretien.wav")
    session.flush()
    return item


def cues(session: Session, item: Item) -> list[Cue]:
    """The item's cues as stored, in order."""
    session.expire_all()
    return list(session.scalars(select(Cue).where(Cue.item_id == item.id).order_by(Cue.position)))


def segments(session: Session, item: Item) -> list[IndexSegment]:
    session.expire_all()
    query = select(IndexSegment).where(IndexSegment.item_id == item.id).order_by(IndexSegment.position)
    return list(session.scalars(query))


def revisions(session: Session, item: Item) -> list[ItemRevision]:
    """The item's revisions, oldest first."""
    query = select(ItemRevision).where(ItemRevision.item_id == item.id).order_by(ItemRevision.number)
    return list(session.scalars(query))


def recording_id(session: Session, item: Item) -> int:
    """The id of the item's recording."""
    from app.media.models import Media

    return session.scalars(select(Media.id).where(Media.item_id == item.id)).one()
