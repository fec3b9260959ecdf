"""The `museum` command."""

import click

import app.models  # noqa: F401  (every table is mapped before the first query)
from app.config import Settings, is_loopback
from app.media import uploads
from app.migrate import upgrade


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
def main() -> None:
    """Villerupt.com, the virtual heritage museum: run and manage the catalog."""


@main.command()
def init() -> None:
    """Create the database, or upgrade it to the latest schema."""
    settings = Settings()
    settings.ensure_dirs()
    upgrade(settings.database_url)
    click.echo(f"Database ready: {_safe_url(settings.database_url)}")
    removed = uploads.clean_leftovers(settings)
    if removed:
        click.echo(f"{removed} leftover temporary files removed from {settings.media_dir}")


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=int, help="Port to listen on.")
@click.option("--workers", default=1, show_default=True, type=int, help="Worker processes.")
def serve(host: str, port: int, workers: int) -> None:
    """Serve the museum over HTTP."""
    import uvicorn

    settings = Settings()
    if not is_loopback(host) and not settings.public_base_url:
        raise click.UsageError(f"Listening on {host} needs MUSEUM_PUBLIC_BASE_URL (for example "
                               "https://villerupt.com): links are built from it, and requests naming another "
                               "host are refused.")
    click.echo(f"Serving the museum on http://{host}:{port}/")
    # The app itself believes forwarded headers from MUSEUM_TRUSTED_PROXIES only (app.main): not uvicorn too.
    uvicorn.run("app.main:create_app", factory=True, host=host, port=port, workers=workers, proxy_headers=False)


def _safe_url(url: str) -> str:
    """The database URL without its password, for messages."""
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True)


def _register() -> None:
    from app.account.cli import users_group
    from app.contribution.cli import contributions_group
    from app.demo.cli import demo_command
    from app.job.cli import jobs_command, worker_command
    from app.media.cli import media_group
    from app.search.cli import index_check_command, reindex_command
    from app.transfer.cli import export_command, import_command

    main.add_command(import_command, "import")
    main.add_command(export_command, "export")
    main.add_command(demo_command, "demo")
    main.add_command(media_group, "media")
    main.add_command(worker_command, "worker")
    main.add_command(jobs_command, "jobs")
    main.add_command(reindex_command, "reindex")
    main.add_command(index_check_command, "index-check")
    main.add_command(users_group, "users")
    main.add_command(contributions_group, "contributions")


_register()
