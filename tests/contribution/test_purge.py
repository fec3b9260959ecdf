"""`museum contributions purge`: refused and withdrawn memories lose their files and contact details after a while."""

from datetime import timedelta

from click.testing import CliRunner
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.clock import utcnow
from app.config import Settings
from app.contribution.cli import contributions_group
from app.contribution.files import path_of
from app.contribution.models import WITHDRAWN, Contribution, ContributionFile
from app.contribution.purge import purge
from app.db import make_engine
from tests.contribution.factories import make_contribution

LONG_AGO = utcnow() - timedelta(days=40)


def test_old_refusals_and_withdrawals_are_forgotten_and_shared_files_kept(session, settings):
    rejected, _ = make_contribution(
        session, settings, "contribution_rejected", files=("photo.jpg", "sound.mp3"), decided_at=LONG_AGO
    )
    withdrawn, _ = make_contribution(
        session,
        settings,
        WITHDRAWN,
        files=("sound.ogg",),
        decided_at=LONG_AGO,
        title="Mon souvenir",
        story="Je préfère le garder pour moi.",
    )
    recent, _ = make_contribution(
        session, settings, "contribution_rejected", files=("sound.flac",), decided_at=utcnow() - timedelta(days=2)
    )
    waiting, _ = make_contribution(session, settings, files=("photo.jpg",))  # the same photo, still waiting
    shared, only_rejected = (path_of(settings, file) for file in rejected.files)
    withdrawn_file, recent_file = path_of(settings, withdrawn.files[0]), path_of(settings, recent.files[0])

    dry = purge(session, settings, timedelta(days=30), dry_run=True)
    assert (dry.contributions, dry.files) == (2, 3) and only_rejected.exists() and rejected.contact

    done = purge(session, settings, timedelta(days=30))
    assert (done.contributions, done.files) == (2, 3)
    assert not only_rejected.exists() and not withdrawn_file.exists()
    assert shared.exists() and recent_file.exists()  # another contribution uses it / refused 2 days ago
    session.expire_all()
    files = {
        owner: count
        for owner, count in session.execute(
            select(ContributionFile.contribution_id, func.count()).group_by(ContributionFile.contribution_id)
        )
    }
    assert files == {recent.id: 1, waiting.id: 1}
    assert rejected.contact is None and rejected.address_hash is None
    assert rejected.rejection_reason and rejected.status == "rejected"  # the status page still says why
    assert withdrawn.title is None and withdrawn.story == "" and withdrawn.contact is None
    assert recent.contact and waiting.contact
    assert purge(session, settings, timedelta(days=30)).contributions == 0  # nothing left to forget


def test_the_command_counts_first_with_dry_run_then_forgets(fresh_env):
    settings = Settings()
    engine = make_engine(settings.database_url)
    with Session(engine) as session:
        make_contribution(session, settings, "contribution_rejected", decided_at=LONG_AGO)
        session.commit()
    runner = CliRunner()
    dry = runner.invoke(contributions_group, ["purge", "--dry-run"])
    assert dry.exit_code == 0 and "1 contributions would be forgotten (1 files)" in dry.output
    done = runner.invoke(contributions_group, ["purge", "--days", "30"])
    assert done.exit_code == 0 and "1 contributions forgotten (1 files)" in done.output
    with Session(engine) as session:
        assert session.scalar(select(Contribution.contact)) is None
    engine.dispose()
