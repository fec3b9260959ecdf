"""`museum export-site DEST`: the public museum as static HTML with its search."""

from pathlib import Path

import click


@click.command("export-site")
@click.argument("dest", type=click.Path(file_okay=False, path_type=Path))
@click.option("--force", is_flag=True, help="Replace DEST when it exists and is not empty.")
def export_site_command(dest: Path, force: bool) -> None:
    """Write the public museum into DEST as static HTML (relative links, Pagefind search, no server needed)."""
    from app.config import Settings
    from app.sitecopy.service import export_site

    if dest.exists() and any(dest.iterdir()) and not force:
        raise click.UsageError(f"{dest} is not empty: choose an empty folder, or add --force to replace it.")
    report = export_site(Settings(), dest)
    click.echo(
        f"{report.pages} pages, {report.files} files, {report.bytes / 1_000_000:.1f} MB "
        f"written to {dest} in {report.seconds:.1f} s"
    )
