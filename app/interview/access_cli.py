"""`museum interviews open-sealed`: open the interviews whose seal date has come (the worker also does it)."""

import click

from app.clitools import command_session


@click.group("interviews")
def interviews_group() -> None:
    """Oral memories: their access levels."""


@interviews_group.command("open-sealed")
def open_sealed_command() -> None:
    """Make public every sealed interview and index segment whose date has come, with an audit entry each."""
    from datetime import date

    from app.interview import sealing

    with command_session() as (session, _settings):
        opened = sealing.open_sealed(session, date.today())
        session.commit()
    for identifier in opened:
        click.echo(f"opened {identifier}")
    click.echo(f"{len(opened)} interview(s) opened")
