"""`museum import` and `museum export`: catalog files in and out, with progress and a summary per file."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from app.clitools import command_session

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from app.config import Settings
    from app.transfer import importer

EXIT_REJECTED = 1
EXIT_UNREADABLE = 2
EXIT_STOPPED = 3


@click.command("import")
@click.argument("paths", metavar="FILE...", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--dry-run", is_flag=True, help="Check and count without writing anything.")
@click.option(
    "--strict",
    is_flag=True,
    help="Reject a row rather than split a too-long name or drop half a position (with a warning).",
)
def import_command(paths: tuple[Path, ...], dry_run: bool, strict: bool) -> None:
    """Import CSV or JSON Lines catalog files (upsert by identifier); see docs/import-format.md."""
    status = 0
    with command_session() as (session, settings):
        for number, path in enumerate(paths):
            status = max(status, _import_one(session, path, settings, dry_run, strict))
            if status == EXIT_STOPPED:
                _not_started(paths[number + 1 :])
                break
    sys.exit(status)


def _import_one(session: Session, path: Path, settings: Settings, dry_run: bool, strict: bool) -> int:
    """Import (or check) one file, its good rows committed batch by batch, print its summary; its exit status."""
    from app.transfer import batches, files
    from app.transfer.files import ImportFileError

    try:
        with click.progressbar(length=files.count_records(path), label=path.name, file=sys.stderr) as bar:
            report = batches.import_file(session, path, settings, dry_run=dry_run, progress=bar.update, strict=strict)
    except ImportFileError as error:
        session.rollback()
        click.echo(f"error: {error}", err=True)
        return EXIT_UNREADABLE
    except batches.Stopped as stopped:
        _print_report(path, stopped.report, dry_run, f" (stopped before row {stopped.next_row})")
        click.echo(f"error: {stopped}", err=True)
        return EXIT_STOPPED
    _print_report(path, report, dry_run)
    return EXIT_REJECTED if report.rejected else 0


def _not_started(paths: tuple[Path, ...]) -> None:
    if paths:
        click.echo(f"error: not started: {', '.join(path.name for path in paths)}", err=True)


def _print_report(path: Path, report: importer.ImportReport, dry_run: bool, note: str = "") -> None:
    note = " (dry run, nothing written)" if dry_run else note
    click.echo(f"{path.name}: {report.summary()}{note}")
    for warning in [*report.warnings, *report.row_warnings]:
        click.echo(f"  warning: {warning}")
    for row, identifier in report.assigned:
        click.echo(f"  row {row}: new accession number {identifier}")
    for error in report.rejected:
        click.echo(f"  {error}")


@click.command("export")
@click.argument("path", metavar="FILE", type=click.Path(path_type=Path, dir_okay=False))
def export_command(path: Path) -> None:
    """Export every item (drafts included) to a CSV or JSON Lines file, chosen by its extension."""
    from app.transfer import exporter, files
    from app.transfer.files import ImportFileError
    from app.transfer.originals import ExportError

    try:
        files.file_format(path)
    except ImportFileError as error:
        click.echo(f"error: {error}", err=True)
        sys.exit(EXIT_UNREADABLE)
    with command_session() as (session, settings):
        try:
            count = exporter.export_file(session, path, settings)
        except ExportError as error:
            click.echo(f"error: {path.name} not written: {error}", err=True)
            sys.exit(EXIT_STOPPED)
    click.echo(f"{path.name}: {count} items exported")
