"""The items harvesters have been shown, so that one that leaves the public stays as a deleted header."""

from datetime import datetime

from sqlalchemy import String, Text, event
from sqlalchemy.orm import Mapped, Session, mapped_column

from app.db import Base


class OaiRecord(Base):
    """An item that has been public: live while it is, a tombstone (`deleted_at`) once it is no longer.

    No foreign key to the item: the tombstone must outlive the item's deletion.
    """

    __tablename__ = "oai_records"

    item_id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    identifier: Mapped[str] = mapped_column(String(64))
    # Its sets when last public, space-separated with a space at each end (" kind:building collection:mines "),
    # so that a set's deleted headers are found with LIKE '% spec %'.
    sets: Mapped[str] = mapped_column(Text, default=" ")
    deleted_at: Mapped[datetime | None] = mapped_column(index=True)


# Kept in step at every flush of every session, whichever process writes (a server, a `museum` command): the
# models are imported wherever the database is used, so the hook is installed there too.
@event.listens_for(Session, "after_flush")
def _keep_records(session: Session, flush_context) -> None:
    from app.oai import tombstones  # its queries need the other domains' models, which import this one

    tombstones.after_flush(session, flush_context)
