"""`museum media`: batch digitisation (add files to an item) and rebuilding derivatives."""

import sys
from pathlib import Path

import click

from app.clitools import command_session


@click.group("media")
def media_group() -> None:
    """Media files: attach scans and recordings, rebuild derivatives."""


@media_group.command("add")
@click.argument("identifier")
@click.argument("paths", metavar="FILE...", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option("--rights", help="Rights statement (URI or code such as 'CC BY 4.0') for every file.")
@click.option("--credit", help="Credit line for every file (who digitised it, the lender...).")
def add_command(identifier: str, paths: tuple[Path, ...], rights: str | None, credit: str | None) -> None:
    """Attach files to an item in order; a folder's files are attached sorted by name."""
    from app.item import service as item_service
    from app.media import service as media_service
    from app.media.sniff import RefusedFile

    files = expand(paths)
    refused = 0
    with command_session() as (session, settings):
        item = item_service.get_by_identifier(session, identifier)
        if item is None:
            raise click.ClickException(f"no item has the identifier {identifier!r}")
        with click.progressbar(files, label=identifier, file=sys.stderr, item_show_func=_name) as bar:
            for path in bar:
                try:
                    media_service.attach(session, item, path, settings, rights=rights, credit=credit, background=False)
                    session.commit()
                except RefusedFile as error:
                    session.rollback()
                    refused += 1
                    click.echo(f"\nrefused: {path}: {error}", err=True)
    click.echo(f"{identifier}: {len(files) - refused} attached, {refused} refused")
    if refused:
        raise click.exceptions.Exit(1)


def expand(paths: tuple[Path, ...]) -> list[Path]:
    """Files as given; a folder stands for its visible files, in name order."""
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files.extend(sorted(p for p in path.iterdir() if p.is_file() and not p.name.startswith(".")))
        else:
            files.append(path)
    return files


def _name(path: Path | None) -> str:
    return path.name if path else ""


@media_group.command("regenerate")
@click.argument("identifiers", nargs=-1)
def regenerate_command(identifiers: tuple[str, ...]) -> None:
    """Rebuild the derivatives and pyramids of every image, or of the given items' images."""
    from sqlalchemy import select

    from app.item.models import Item
    from app.media import service as media_service
    from app.media.models import Media

    with command_session() as (session, settings):
        query = select(Media.sha256, Media.original_path).where(Media.media_type == "image").distinct()
        if identifiers:
            query = query.join(Item, Item.id == Media.item_id).where(Item.identifier.in_(identifiers))
        images = session.execute(query).all()
        failures = 0
        with click.progressbar(images, label="derivatives", file=sys.stderr) as bar:
            for sha256, original_path in bar:
                try:
                    media_service.finish_derivatives(settings, sha256, original_path, force=True)
                    media_service.mark_ready(session, sha256)
                    session.commit()
                except (OSError, ValueError) as error:
                    failures += 1
                    click.echo(f"\nfailed: {original_path}: {error}", err=True)
    click.echo(f"{len(images) - failures} images regenerated, {failures} failed")
    if failures:
        raise click.exceptions.Exit(1)


@media_group.command("clean")
def clean_command() -> None:
    """Remove temporary files left behind by interrupted uploads or writes."""
    from app.media import uploads

    with command_session() as (_session, settings):
        click.echo(f"{uploads.clean_leftovers(settings)} leftover files removed")


@media_group.command("migrate")
@click.option("--to", "target_url", required=True, help="s3://bucket/prefix, file:///path or a folder.")
@click.option(
    "--verify",
    is_flag=True,
    help="Read back in full the files already there too (by default a bucket's are checked by the size and "
    "SHA-256 it recorded, without downloading them).",
)
def migrate_command(target_url: str, verify: bool) -> None:
    """Copy every media file from the current store (MUSEUM_MEDIA_STORE) to another, checking each.

    Every copy is read back to check it. Run it again after an interruption: what is already there is checked,
    not copied again. Then point MUSEUM_MEDIA_STORE at the new store and restart the servers.
    """
    from app.config import Settings
    from app.media.store import migrate as migration
    from app.media.store import open_store, store_of

    settings = Settings()
    try:
        source, target = store_of(settings), open_store(target_url, settings)
    except ValueError as error:
        raise click.BadParameter(str(error), param_hint="--to") from None
    if source.url == target.url:
        raise click.ClickException(f"the media are already in {target.url}")
    keys = migration.keys_to_copy(source)
    with click.progressbar(length=len(keys), label=f"{source.url} -> {target.url}", file=sys.stderr) as bar:
        summary = migration.migrate(
            source, target, keys, lambda key, outcome: _report(bar, key, outcome), verify=verify
        )
    for failure in summary.failed:
        click.echo(f"failed: {failure}", err=True)
    click.echo(
        f"{summary.copied} copied, {summary.present} already there and {'read back' if verify else 'checked'}, "
        f"{len(summary.mismatched)} checksum mismatches, {len(summary.failed)} failed"
    )
    if not summary.ok:
        raise click.exceptions.Exit(1)


def _report(bar, key: str, outcome: str) -> None:
    bar.update(1)
    if outcome not in ("copied", "present"):
        click.echo(f"\n{outcome}: {key}", err=True)
