"""`museum contributions purge`: forget the files and contact details of refused or withdrawn memories."""

from datetime import timedelta

import click

from app.clitools import command_session


@click.group("contributions")
def contributions_group() -> None:
    """Residents' contributions."""


@contributions_group.command("purge")
@click.option(
    "--days",
    type=click.IntRange(min=0),
    default=30,
    show_default=True,
    help="Only contributions rejected or withdrawn at least this many days ago.",
)
@click.option("--dry-run", is_flag=True, help="Count what would be forgotten, change nothing.")
def purge_command(days: int, dry_run: bool) -> None:
    """Delete the files and contact details of contributions rejected or withdrawn DAYS ago or more
    (a withdrawn one also loses its title and story); their status and dates are kept."""
    from app.contribution.purge import purge

    with command_session() as (session, settings):
        found = purge(session, settings, timedelta(days=days), dry_run=dry_run)
        if not dry_run:
            session.commit()
    verb = "would be forgotten" if dry_run else "forgotten"
    click.echo(f"{found.contributions} contributions {verb} ({found.files} files)")
