"""`museum tasks propose | expire | list`: the task board from the command line."""

import click

from app.clitools import command_session


@click.group("tasks")
def tasks_group() -> None:
    """The trainees' task board."""


@tasks_group.command("propose")
def propose_command() -> None:
    """Propose tasks for what the catalog needs (alt texts, German titles, transcripts, contributions to check),
    and close those whose need has gone."""
    from app.task import proposals

    with command_session() as (session, _settings):
        outcome = proposals.run(session)
        session.commit()
    click.echo(outcome.summary())


@tasks_group.command("expire")
def expire_command() -> None:
    """Put the tasks whose claim has run out back on the board."""
    from app.task import claims

    with command_session() as (session, _settings):
        count = claims.expire(session)
        session.commit()
    click.echo(f"{count} expired claims returned to the board")


@tasks_group.command("list")
@click.option("--state", type=click.Choice(["open", "claimed", "submitted", "approved", "sent_back", "closed"]))
def list_command(state: str | None) -> None:
    """List the tasks (all but closed ones by default): id, state, type, title."""
    from app.task import service

    with command_session() as (session, _settings):
        grouped = service.board(session, service.Filters(state=state or ""))
        for by_state in grouped.values():
            for shown, tasks in by_state.items():
                for task in tasks:
                    click.echo(f"{task.id}\t{shown}\t{task.type}\t{task.title}")
