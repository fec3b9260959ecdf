"""`museum edm`: Europeana's tiers of the items."""

import click

from app.clitools import command_session


@click.group("edm")
def edm_group() -> None:
    """Europeana (EDM): the items' tiers."""


@edm_group.command("refresh-tiers")
def refresh_tiers_command() -> None:
    """Compute every item's Europeana tiers again (after upgrading to them, or when their rules change)."""
    from app.edm.refresh import refresh_all  # here, not at the top: `museum --help` stays quick

    with command_session() as (session, _settings):
        count = refresh_all(session)
        session.commit()
    click.echo(f"Europeana tiers computed for {count} items.")
