"""`museum transcript`: import transcript, index and translation files into interviews, and export them."""

from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING

import click

from app.clitools import command_session

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from app.interview.reports import Report
    from app.item.models import Item

KIND = click.Choice(["transcript", "index", "translation"])


@click.group("transcript")
def transcript_group() -> None:
    """Interview transcripts and indexes: import files, export them."""


@transcript_group.command("import")
@click.argument("identifier")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--kind", type=KIND, default="transcript", show_default=True, help="What the file holds.")
@click.option("--dry-run", is_flag=True, help="Read the file and report, change nothing.")
@click.option("--language", help="Language code of the cues (else the file's, else the item's).")
@click.option(
    "--recording",
    type=click.IntRange(min=1),
    default=1,
    show_default=True,
    help="The part the file goes with, for an interview recorded in several (1: its first sound or video).",
)
def import_command(identifier: str, file: Path, kind: str, dry_run: bool, language: str | None, recording: int) -> None:
    """Import FILE (WebVTT, SRT, OHMS XML or text with time codes) into the interview IDENTIFIER."""
    from app.i18n import language as interface_language
    from app.interview import importing, reports, service
    from app.interview.parts import NoSuchPart

    with command_session() as (session, _settings), interface_language("en"):  # as every command's messages
        item = _interview(service, session, identifier)
        data = file.read_bytes()
        try:
            report = importing.import_file(
                session, item, data, file.name, kind, language=language, dry_run=dry_run, recording=recording
            )
        except NoSuchPart as error:
            raise click.BadParameter(str(error), param_hint="--recording") from None
        session.commit()
    _print(report, reports.lines(report))
    if not report.imported:
        raise click.ClickException(f"nothing imported from {file.name}")


@transcript_group.command("export")
@click.argument("identifier")
@click.argument("file", metavar="FILE")
@click.option("--kind", type=KIND, default="transcript", show_default=True, help="What to export.")
@click.option("--public", is_flag=True, help="Only what visitors may read (no redacted passages).")
@click.option(
    "--recording", type=click.IntRange(min=1), help="Only the part that goes with this recording (1: the first)."
)
def export_command(identifier: str, file: str, kind: str, public: bool, recording: int | None) -> None:
    """Write the interview's transcript, translation or index to FILE (.vtt, .srt, .txt; `-` for WebVTT on stdout)."""
    from app.interview import exporting, service
    from app.interview.parts import NoSuchPart

    fmt = "vtt" if file == "-" else Path(file).suffix.lower().lstrip(".")
    if (kind, fmt) not in exporting.FILES:
        raise click.UsageError(
            f"cannot write the {kind} as {fmt or 'a file without extension'}: use .vtt, .srt or .txt"
        )
    with command_session() as (session, _settings):
        item = _interview(service, session, identifier)
        try:
            text = exporting.export_item(item, fmt, kind=kind, public=public, recording=recording)
        except NoSuchPart as error:
            raise click.BadParameter(str(error), param_hint="--recording") from None
        except exporting.NotPublic:
            raise click.ClickException(f"the {kind} of {identifier} is not public") from None
    if file == "-":
        click.echo(text, nl=False)
    else:
        Path(file).write_text(text, encoding="utf-8")
        click.echo(f"{identifier}: {kind} written to {file}", err=True)


def _interview(service: ModuleType, session: "Session", identifier: str) -> "Item":
    try:
        return service.load_interview(session, identifier)
    except service.NotFound:
        raise click.ClickException(f"no item has the identifier {identifier!r}") from None
    except service.NotAnInterview:
        raise click.ClickException(f"{identifier} is not an interview (oral memory)") from None


def _print(report: "Report", problems: list[str]) -> None:
    action = "would import" if report.dry_run else "imported"
    read = f"{report.cues} cues, {report.segments} index segments"
    click.echo(f"{report.filename}: {report.format or '?'} file, {report.encoding or 'not text'}; read {read}")
    if report.imported:
        done = (
            f"{report.matched} translations matched" if report.kind == "translation" else f"{report.replaced} replaced"
        )
        click.echo(f"{action} as {report.kind}: {done}")
    for line in problems:
        click.echo(line)
