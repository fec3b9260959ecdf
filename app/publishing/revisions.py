"""Recording revisions of any registered kind and reading their history. Never commits; callers flush."""

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.publishing.kinds import RecordKind, kind_of

CREATE, EDIT, RESTORE, BASELINE = "create", "edit", "restore", "baseline"


def lock(session: Session, kind: RecordKind, record_id: int) -> None:
    """Hold the record's row until commit, so two saves cannot both start from the same revision.

    On PostgreSQL this is SELECT ... FOR UPDATE; SQLite writers already take the database lock at BEGIN.
    """
    record_id_column = kind.id_column()
    session.execute(select(record_id_column).where(record_id_column == record_id).with_for_update())


def latest_number(session: Session, kind: RecordKind, record_id: int | None) -> int:
    """The number of the record's latest revision (0 when it has none: created before the workspace)."""
    if record_id is None:
        return 0
    query = select(func.max(kind.revision_model.number)).where(kind.owner_column() == record_id)
    return session.scalar(query) or 0


def record(session: Session, record, user, action: str, before: dict | None, comment: str | None = None):
    """Add the revision that took the record from `before` to its present state; None when nothing changed.

    A record that has no revision yet (imported, or from the demo) first gets a baseline revision of
    `before`, so that its state before the first change can be restored too.
    """
    kind = kind_of(record)
    after = kind.take(record)
    changed = kind.changes(before, after)
    if not changed and action in (EDIT, RESTORE):
        return None
    number = latest_number(session, kind, record.id)
    if number == 0 and before is not None:
        number = 1
        session.add(_row(kind, record, None, BASELINE, before, {}, number))
    revision = _row(kind, record, user, action, after, changed, number + 1, comment)
    session.add(revision)
    session.flush()
    return revision


def _row(
    kind: RecordKind, record, user, action: str, values: dict, changed: dict, number: int, comment: str | None = None
):
    return kind.revision_model(
        **{kind.owner: record.id},
        number=number,
        user_id=getattr(user, "id", None),
        user_name=getattr(user, "name", None),
        action=action,
        status=values["status"],
        changes=changed,
        snapshot=values,
        comment=comment or None,
    )


def history(session: Session, kind: RecordKind, record_id: int) -> list:
    """Every revision of a record, newest first."""
    model = kind.revision_model
    return list(session.scalars(select(model).where(kind.owner_column() == record_id).order_by(model.number.desc())))


def since(session: Session, kind: RecordKind, record_id: int, number: int) -> list:
    """The revisions made after revision `number`, oldest first (what someone else saved meanwhile)."""
    model = kind.revision_model
    query = select(model).where(kind.owner_column() == record_id, model.number > number).order_by(model.number)
    return list(session.scalars(query))


def get(session: Session, kind: RecordKind, record_id: int, number: int):
    """One revision of a record by its number."""
    model = kind.revision_model
    return session.scalars(select(model).where(kind.owner_column() == record_id, model.number == number)).first()


class StaleEdit(Exception):
    """Someone saved the record after the revision the edit started from."""

    def __init__(self, revisions: list) -> None:
        super().__init__("stale edit")
        self.revisions = revisions


def start_edit(session: Session, kind: RecordKind, record_id: int, base: int) -> None:
    """Lock the record for an edit made from revision `base`; StaleEdit (with theirs) if someone saved since."""
    lock(session, kind, record_id)
    if latest_number(session, kind, record_id) != base:
        raise StaleEdit(since(session, kind, record_id, base))
