"""Settings, read once from the environment (prefix ``MUSEUM_``) and passed to ``create_app``."""

from pathlib import Path

from pydantic_settings import BaseSettings, SettingsConfigDict

ROOT = Path(__file__).resolve().parent.parent
LANGUAGES = ("fr", "de", "en")
CONTENT_LANGUAGES = ("fr", "de", "lb", "en")


class Settings(BaseSettings):
    """Every setting has a default that works for a local run from the repository."""

    model_config = SettingsConfigDict(env_prefix="MUSEUM_")

    database_url: str = f"sqlite:///{ROOT / 'var' / 'museum.db'}"
    media_dir: Path = ROOT / "media"
    index_dir: Path = ROOT / "var" / "index"
    templates_dir: Path = ROOT / "templates"
    demo_dir: Path = ROOT / "collections" / "demo"
    default_language: str = "fr"
    site_name: str = "Villerupt.com"
    public_base_url: str = ""
    per_page: int = 24
    max_per_page: int = 100
    debug: bool = False
    # Largest accepted upload: a 45-minute interview in FLAC or a short video fits.
    max_upload_bytes: int = 512 * 1024 * 1024
    # Until accounts exist, media uploads through the API need this token (empty: uploads are off).
    admin_token: str = ""
    # The web app drains the job table itself; set to false when `museum worker` runs separately.
    run_worker: bool = True
    worker_threads: int = 1

    def ensure_dirs(self) -> None:
        """Create the run-time folders, and the SQLite file's folder when there is one."""
        self.media_dir.mkdir(parents=True, exist_ok=True)
        if self.database_url.startswith("sqlite:///"):
            Path(self.database_url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
