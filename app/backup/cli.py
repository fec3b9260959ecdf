"""`museum backup DEST`, `museum backup verify BAG` and `museum restore BAG...` (see app/backup/service.py)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import click

from app.clitools import command_session

BAG = click.Path(exists=True, file_okay=False, path_type=Path)


class DefaultGroup(click.Group):
    """A group whose first argument, when it names no subcommand, goes to the `create` subcommand."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if args and args[0] not in self.commands and args[0] not in ("-h", "--help"):
            args = ["create", *args]
        return super().parse_args(ctx, args)


@click.group("backup", cls=DefaultGroup)
def backup_group() -> None:
    """Write a BagIt bag of the museum (`museum backup DEST`), or check one (`museum backup verify BAG`)."""


@backup_group.command("create")
@click.argument("dest", type=click.Path(path_type=Path))
@click.option("--since", metavar="DATE|BAG", help="Incremental: only the originals added since a date or a bag.")
def create_command(dest: Path, since: str | None) -> None:
    """Write a bag of the museum at DEST, a folder that must not exist (`museum backup DEST`)."""
    from app.backup import service
    from app.config import Settings

    bag = _or_exit(lambda: service.create(Settings(), dest, _base(since)))
    info = bag.info
    click.echo(
        f"{info['Museum-Backup-Type']} bag written to {dest}: {info['Museum-Rows']} rows in {info['Museum-Tables']} "
        f"tables, {info['Museum-Originals']} originals ({info['Payload-Oxum'].split('.')[0]} bytes)."
    )


def _base(since: str | None):  # noqa: ANN202  (the type lives in app.backup.service, imported when run)
    from app.backup.service import Base

    if since is None:
        return None
    if Path(since).is_dir():
        return Base(bag=Path(since))
    try:
        moment = datetime.fromisoformat(since)
    except ValueError:
        raise click.BadParameter(
            "a date (2026-12-01 or 2026-12-01T10:00) or the folder of a bag", param_hint="--since"
        ) from None
    return Base(moment=moment if moment.tzinfo else moment.replace(tzinfo=UTC))


@backup_group.command("verify")
@click.argument("bag", type=BAG)
def verify_command(bag: Path) -> None:
    """Check a bag without restoring it: every checksum, its size, nothing missing or extra."""
    from app.backup import service

    checked = _or_exit(lambda: service.verify(bag))
    click.echo(f"{bag} is a valid {service.info_value(checked, 'Museum-Backup-Type')} bag.")


@click.command("restore")
@click.argument("bags", metavar="BAG...", nargs=-1, required=True, type=BAG)
@click.option("--procs", type=click.IntRange(min=1), default=1, show_default=True, help="Processes for the index.")
def restore_command(bags: tuple[Path, ...], procs: int) -> None:
    """Restore a full bag, then its incremental bags in the order they were made, into an empty museum."""
    from app.backup import restore
    from app.config import Settings
    from app.migrate import upgrade

    settings = Settings()
    chain = _or_exit(lambda: restore.validated_chain(list(bags)))
    _or_exit(lambda: restore.refuse_unless_empty(settings))
    _or_exit(lambda: restore.restore_database(settings, chain[-1]))
    restore.restore_media(settings, chain)
    checked = restore.check(settings, chain)
    for fault in checked.faults:
        click.echo(f"mismatch: {fault}", err=True)
    if checked.faults:
        raise click.ClickException(f"the restored museum differs from the bag in {len(checked.faults)} place(s)")
    click.echo(f"Restored and checked: {checked.rows} rows in {checked.tables} tables, {checked.originals} originals.")
    upgrade(settings.database_url)  # a bag from an older version is brought to this version's schema
    _rebuild(procs)


def _rebuild(procs: int) -> None:
    from contextlib import closing

    from app.backup import rebuild
    from app.search.index import open_index

    with command_session() as (session, settings):
        made, failures = rebuild.images(session, settings)
        queued = rebuild.recordings(session)
        session.commit()
        with closing(open_index(settings)) as index:
            documents = rebuild.search_index(session, index, procs)
        session.commit()
    for failure in failures:
        click.echo(f"derivatives failed: {failure}", err=True)
    click.echo(
        f"{made} images' derivatives made, {queued} recordings queued for the worker, {documents} documents indexed."
    )
    if failures:
        raise click.exceptions.Exit(1)


def _or_exit(call):  # noqa: ANN001, ANN202
    """Run `call`; a damaged bag lists each problem and exits 1, any other refusal exits with its message."""
    import logging

    from app.backup import service, snapshot

    logging.getLogger("bagit").addHandler(logging.NullHandler())  # its log lines repeat the problems listed below
    try:
        return call()
    except service.DamagedBag as error:
        click.echo(f"{error}:", err=True)
        for problem in error.problems:
            click.echo(f"  - {problem}", err=True)
        raise click.exceptions.Exit(1) from None
    except (service.BackupError, snapshot.DatabaseToolError) as error:
        raise click.ClickException(str(error)) from None
