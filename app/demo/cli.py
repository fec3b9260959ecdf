"""`museum demo`: load the demo collection."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from app.clitools import command_session

if TYPE_CHECKING:
    from app.demo.service import DemoReport


@click.command("demo")
@click.option("--if-empty", is_flag=True, help="Only load the demo when the catalog has no item yet.")
def demo_command(if_empty: bool) -> None:
    """Load the demo collection (running it again changes nothing)."""
    from app.demo import service as demo_service

    with command_session() as (session, settings):
        if if_empty and not demo_service.is_empty(session):
            click.echo("The catalog already has items: demo collection not loaded.")
            return
        report = demo_service.load_demo(session, settings)
        session.commit()
    _print_report(report)
    if report.rejected:
        raise click.exceptions.Exit(1)


def _print_report(report: DemoReport) -> None:
    click.echo(f"places: {report.places_created} created, {report.places_updated} updated")
    click.echo(f"collections: {report.collections_created} created, {report.collections_updated} updated")
    for name, file_report in report.files.items():
        click.echo(
            f"{name}: {file_report.created} created, {file_report.updated} updated, "
            f"{file_report.unchanged} unchanged, {len(file_report.rejected)} rejected"
        )
        for warning in file_report.warnings:
            click.echo(f"  warning: {warning}", err=True)
        for error in file_report.rejected:
            click.echo(f"  row {error.row} ({error.identifier}): {error.message}", err=True)
    click.echo(f"images: {report.images_labelled} given their alternative text")
    click.echo(f"exhibits: {report.exhibits_created} created and published")
    click.echo(f"tours: {report.tours_created} created and published")
    click.echo(f"example trainees: {report.trainees_created} created, with their cohort and tasks")
