"""The `museum` command.

Start-up is kept short (`museum --help` under 0.5 s): this module and every domain's `cli.py` import
only Click at the top, and each command imports what it needs (FastAPI, SQLAlchemy, Whoosh, Pillow...)
when it runs. The domains' commands are named here as "module:attribute" and imported on first use;
`tests/test_cli_startup.py` checks that printing the help loads none of the heavy modules.
"""

import importlib
import os
from pathlib import Path

import click

COMMANDS = {
    "import": "app.transfer.cli:import_command",
    "export": "app.transfer.cli:export_command",
    "demo": "app.demo.cli:demo_command",
    "places": "app.place.cli:places_command",
    "media": "app.media.cli:media_group",
    "transcript": "app.interview.cli:transcript_group",
    "worker": "app.job.cli:worker_command",
    "jobs": "app.job.cli:jobs_command",
    "reindex": "app.search.cli:reindex_command",
    "index-check": "app.search.cli:index_check_command",
    "users": "app.account.cli:users_group",
    "contributions": "app.contribution.cli:contributions_group",
    "interviews": "app.interview.access_cli:interviews_group",
    "trainees": "app.trainee.cli:trainees_group",
    "cohorts": "app.trainee.cli:cohorts_group",
    "tasks": "app.task.cli:tasks_group",
    "edm": "app.edm.cli:edm_group",
    "backup": "app.backup.cli:backup_group",
    "restore": "app.backup.cli:restore_command",
}


class LazyGroup(click.Group):
    """A group whose commands named in `lazy` are imported only when looked up (Click's documented LazyGroup)."""

    def __init__(self, *args, lazy: dict[str, str], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.lazy = lazy

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *self.lazy})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.lazy or cmd_name in self.commands:
            return super().get_command(ctx, cmd_name)
        module, attribute = self.lazy[cmd_name].split(":")
        command = getattr(importlib.import_module(module), attribute)
        self.add_command(command, cmd_name)
        return command


@click.group(cls=LazyGroup, lazy=COMMANDS, context_settings={"help_option_names": ["-h", "--help"]})
def main() -> None:
    """Villerupt.com, the virtual heritage museum: run and manage the catalog."""


@main.command()
def init() -> None:
    """Create the database, or upgrade it to the latest schema."""
    from app.config import Settings
    from app.media import uploads
    from app.migrate import upgrade

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

    from app.config import Settings, is_loopback

    settings = Settings()
    if not is_loopback(host) and not settings.public_base_url:
        raise click.UsageError(
            f"Listening on {host} needs MUSEUM_PUBLIC_BASE_URL (for example "
            "https://villerupt.com): links are built from it, and requests naming another "
            "host are refused."
        )
    _check_shared_keys(settings)
    _leave_jobs_to_workers(settings)
    click.echo(f"Serving the museum on http://{host}:{port}/")
    os.environ["MUSEUM_SERVING"] = "true"  # read by each worker process's Settings (app/runtime.py)
    # The app itself believes forwarded headers from MUSEUM_TRUSTED_PROXIES only (app.main): not uvicorn too.
    uvicorn.run("app.main:create_app", factory=True, host=host, port=port, workers=workers, proxy_headers=False)


@main.command("export-site")
@click.argument("dest", type=click.Path(file_okay=False, path_type=Path))
@click.option("--force", is_flag=True, help="Replace DEST when it exists and is not empty.")
@click.option("--jobs", default=2, show_default=True, type=click.IntRange(1, 16), help="Processes rendering items.")
def export_site(dest: Path, force: bool, jobs: int) -> None:
    """Write the public museum into DEST as static HTML (relative links, Pagefind search, no server needed)."""
    # Here rather than in app/sitecopy: the copy is rendered by the whole app, which only this module assembles.
    from app.config import Settings
    from app.main import create_app
    from app.sitecopy import service as sitecopy_service

    if dest.exists() and any(dest.iterdir()) and not force:
        raise click.UsageError(f"{dest} is not empty: choose an empty folder, or add --force to replace it.")
    app = create_app(sitecopy_service.visitor_settings(Settings()))
    report = sitecopy_service.export_site(app, dest, jobs, factory=create_app)
    click.echo(
        f"{report.pages} pages, {report.files} files, {report.bytes / 1_000_000:.1f} MB "
        f"written to {dest} in {report.seconds:.1f} s"
    )


def _check_shared_keys(settings) -> None:
    """On a database several servers share, refuse keys that each host would make for itself."""
    if missing := settings.unshared_keys():
        raise click.UsageError(
            f"The database is shared by several servers, but {' and '.join(missing)} "
            f"{'is' if len(missing) == 1 else 'are'} not set: each host would make its own key in var/, and "
            "a form, a login or a badge from one server would be refused by another. Set the same value on every "
            "server (`museum new-keys` prints new ones), or MUSEUM_KEY_FILES_SHARED=true when there is one host "
            "or the key files are on a folder every server sees."
        )


def _leave_jobs_to_workers(settings) -> None:
    """On a shared database, `museum worker` processes run the jobs unless MUSEUM_RUN_WORKER says otherwise."""
    if not settings.uses_sqlite() and "MUSEUM_RUN_WORKER" not in os.environ:
        os.environ["MUSEUM_RUN_WORKER"] = "false"  # read by each uvicorn process's Settings
        click.echo("Background jobs are left to `museum worker` (MUSEUM_RUN_WORKER=true runs them here too).")


@main.command("new-keys")
def new_keys() -> None:
    """Print a new secret key and badge signing key, to set on every server of a deployment."""
    import secrets

    from app.portfolio.keys import new_pem

    click.echo(f"MUSEUM_SECRET_KEY={secrets.token_urlsafe(48)}")
    click.echo(f"MUSEUM_BADGE_KEY='{new_pem().strip()}'")


def _safe_url(url: str) -> str:
    """The database URL without its password, for messages."""
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True)
