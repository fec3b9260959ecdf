"""`museum places`: load the shipped place list (collections/search/places.csv) into the database."""

from pathlib import Path

import click

from app.clitools import command_session


@click.command("places")
@click.option(
    "--file",
    "path",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Another list in the same format (default: the shipped collections/search/places.csv).",
)
def places_command(path: Path | None) -> None:
    """Create or update the listed places: names by language, country, coordinates (idempotent)."""
    from app.place import gazetteer
    from app.place import service as place_service

    try:
        entries = gazetteer.read(path or gazetteer.DEFAULT_FILE)
    except gazetteer.GazetteerError as error:
        raise click.ClickException(str(error)) from error
    with command_session() as (session, _settings):
        created, updated = place_service.load_list(session, entries)
        session.commit()
    click.echo(f"places: {created} created, {updated} updated")
