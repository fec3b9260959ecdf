"""Settings, read once from the environment (prefix ``MUSEUM_``) and passed to ``create_app``."""

import ipaddress
import os
import secrets
from pathlib import Path
from typing import Literal
from urllib.parse import urlsplit

from pydantic import Field, PrivateAttr, SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

ROOT = Path(__file__).resolve().parent.parent
# Interface languages; the first is the default. Luxembourgish sits between the two languages of the border
# and English, in the order the switcher shows them.
LANGUAGES = ("fr", "de", "lb", "en")
CONTENT_LANGUAGES = ("fr", "de", "lb", "en")
LOOPBACK_NAMES = ("localhost", "127.0.0.1")


class Settings(BaseSettings):
    """Every setting has a default that works for a local run from the repository."""

    model_config = SettingsConfigDict(env_prefix="MUSEUM_")

    database_url: str = f"sqlite:///{ROOT / 'var' / 'museum.db'}"
    media_dir: Path = ROOT / "media"
    # Where media files live: empty for `media_dir` itself, or `s3://bucket/prefix` for S3-compatible object
    # storage (credentials from boto3's chain: AWS_ACCESS_KEY_ID..., never here). With S3, `media_dir` holds only
    # this host's caches and uploads in transit (app/media/store/).
    media_store: str = ""
    media_s3_endpoint_url: str = ""  # empty: AWS itself; else MinIO, Garage, Ceph... (path-style addressing)
    media_s3_region: str = ""
    media_s3_attempts: int = 3  # boto3's tries per request before a 503
    # How files are given out: "stream" through the app, or "redirect" (after the same access check) to a
    # short-lived signed URL of the bucket. A folder store always streams.
    media_serving: Literal["stream", "redirect"] = "stream"
    media_signed_url_seconds: int = 300
    _store: object = PrivateAttr(default=None)  # the store these settings name, built on first use
    index_dir: Path = ROOT / "var" / "index"
    templates_dir: Path = ROOT / "templates"
    demo_dir: Path = ROOT / "collections" / "demo"
    default_language: str = "fr"
    site_name: str = "Villerupt.com"
    # Where the public reaches the site (https://villerupt.com): the only source of absolute URLs, and
    # required when `museum serve` listens on anything but loopback. Empty: loopback use only.
    public_base_url: str = ""
    # Host names accepted besides the public base URL's and loopback's (comma-separated); any other Host
    # header is refused, so that no link the site builds can point elsewhere.
    allowed_hosts: str = ""
    per_page: int = 24
    max_per_page: int = 100
    debug: bool = False
    # Set by `museum serve` for the processes it starts: their garbage collector is set for a server (app/runtime.py).
    serving: bool = False
    # Largest accepted upload: a 45-minute interview in FLAC or a short video fits.
    max_upload_bytes: int = 512 * 1024 * 1024
    # Largest photo or recording a resident may send with a contribution (the form takes up to 10).
    contribution_max_file_bytes: int = 64 * 1024 * 1024
    # The collection (slug) residents' memories are filed in when approved, unless the moderator picks another.
    contribution_collection: str = "memoire-vive"
    # Signs the forms' CSRF tokens. Empty: generated once into `secret_key_file` (mode 0600) and reused.
    secret_key: str = ""
    secret_key_file: Path = ROOT / "var" / "secret_key"
    # A login session ends after this long without a request, and after this long in any case.
    session_idle_minutes: int = 240
    session_lifetime_hours: int = 72
    # Addresses of reverse proxies whose X-Forwarded-Proto / X-Forwarded-For are believed (comma-separated,
    # "*" for any). Empty: no proxy is trusted, the connection itself says whether it is HTTPS.
    trusted_proxies: str = ""
    # After this many failed logins for a name or from an address, logins wait, twice as long each time, up
    # to a minute: guessing stays slow, and nobody can lock the real owner out (see app/account/throttle.py).
    login_max_failures: int = 5
    login_lock_seconds: int = 15
    login_max_wait_seconds: int = 60
    reset_link_hours: int = 48
    # Password-reset links are e-mailed when an SMTP host is set; otherwise `museum users` prints them.
    smtp_host: str = ""
    smtp_port: int = 587
    smtp_username: str = ""
    smtp_password: str = ""
    smtp_starttls: bool = True
    mail_from: str = "museum@localhost"
    # The web app drains the job table itself; set to false when `museum worker` runs separately.
    run_worker: bool = True
    worker_threads: int = 1
    # Oral memories: how long a private listening link lasts, the largest signed release form accepted,
    # and how often the worker opens interviews whose seal date has come.
    access_link_days: int = 30
    release_form_max_bytes: int = 20 * 1024 * 1024
    sealed_check_minutes: int = 15
    # Exhibits: how long a public page's written body is kept at most while nothing it shows changes
    # (app/exhibit/pagecache.py); 0 writes it anew at every request.
    exhibit_page_seconds: float = Field(default=60.0, ge=0)
    # The map's background: a tile server's URL template ({z}/{x}/{y}, optionally {s} and {r}) and the credit its
    # licence asks for (HTML: a link is allowed). Its origin is the one outside image source the pages allow.
    map_tile_url: str = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
    map_tile_attribution: str = (
        '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors'
    )
    map_tile_max_zoom: int = 19
    # Where the map opens (latitude, longitude, zoom), and the place (slug) its list counts distances from.
    map_center: str = "49.4689,5.9286"
    map_zoom: int = 12
    map_home_place: str = "villerupt"

    # The trainees' task board: how long a claim holds a task (renewable), and the share of a trusted trainee's
    # submissions still picked for review (the rest is approved on submission).
    task_claim_minutes: int = Field(default=30, ge=1)
    task_review_sample: float = Field(default=0.05, ge=0, le=1)
    # The museum's signing key for the trainees' Open Badges (Ed25519, PEM). Created on first use (mode 0600);
    # its public half is published at /credentials/keys so that anyone can verify a badge.
    badge_key_file: Path = ROOT / "var" / "badge_key.pem"
    # The same key as PEM text (MUSEUM_BADGE_KEY): every server of a deployment signs with it. Wins over the file.
    # A SecretStr, so that no dump of the settings (a backup's settings.json, an error page) shows it.
    badge_key: SecretStr = SecretStr("")
    # Several app servers (PostgreSQL): `museum serve` refuses to make or read its keys from the files above,
    # which another host cannot see, unless told that they are shared (one host only, or a shared folder).
    key_files_shared: bool = False
    # The search engine: Whoosh files in index_dir (each server process keeps its own copy up to date through the
    # job table), or PostgreSQL's full-text search in the database itself (every server shares one index, written
    # in the change's own transaction). PostgreSQL only with a PostgreSQL database.
    search_engine: Literal["whoosh", "postgres"] = "whoosh"

    @field_validator("media_store")
    @classmethod
    def _known_store(cls, value: str) -> str:
        """Empty, `s3://bucket[/prefix]` or `file:///path`: a typo fails at start-up, not at the first upload."""
        parts = urlsplit(value)
        if value and not ((parts.scheme == "s3" and parts.netloc) or (parts.scheme == "file" and parts.path)):
            raise ValueError("use s3://bucket/prefix, file:///path, or leave it empty for media_dir")
        return value

    @model_validator(mode="after")
    def _postgres_search_needs_postgres(self) -> "Settings":
        if self.search_engine == "postgres" and not self.database_url.startswith("postgresql"):
            raise ValueError(
                "MUSEUM_SEARCH_ENGINE=postgres needs a PostgreSQL database (MUSEUM_DATABASE_URL=postgresql+psycopg://"
                "...); with SQLite, search with Whoosh (MUSEUM_SEARCH_ENGINE=whoosh, the default)."
            )
        return self

    @field_validator("map_center")
    @classmethod
    def _latitude_longitude(cls, value: str) -> str:
        """`latitude,longitude` in decimal degrees, refused at start-up rather than on the map page."""
        try:
            latitude, longitude = (float(part) for part in value.split(","))
        except ValueError:
            raise ValueError("map_center is latitude,longitude in decimal degrees, e.g. 49.4689,5.9286") from None
        if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
            raise ValueError("map_center lies outside the world: latitude,longitude, e.g. 49.4689,5.9286")
        return value

    def resolved_secret_key(self) -> str:
        """The configured secret key, else the one kept in `secret_key_file` (created on first use)."""
        if self.secret_key:
            return self.secret_key
        path = self.secret_key_file
        if not path.exists():
            _write_new_secret(path)
        return path.read_text().strip()

    def uses_sqlite(self) -> bool:
        """Whether the database is an SQLite file: one host, and the embedded set-up."""
        return self.database_url.startswith("sqlite")

    def unshared_keys(self) -> list[str]:
        """The keys a server would keep in a file of its own host while the database serves several hosts."""
        if self.uses_sqlite() or self.key_files_shared:
            return []
        named = {"MUSEUM_SECRET_KEY": self.secret_key, "MUSEUM_BADGE_KEY": self.badge_key.get_secret_value()}
        return [name for name, value in named.items() if not value]

    def proxies(self) -> set[str]:
        """The trusted proxy addresses."""
        return {part.strip() for part in self.trusted_proxies.split(",") if part.strip()}

    def host_names(self) -> list[str]:
        """The Host names the site answers to: the public base URL's, loopback, and `allowed_hosts`."""
        extra = [part.strip() for part in self.allowed_hosts.split(",") if part.strip()]
        public = urlsplit(self.public_base_url).hostname
        return [*([public] if public else []), *LOOPBACK_NAMES, *extra]

    def tile_origin(self) -> str:
        """The scheme and host the map's tiles come from ('' when the template is on this site)."""
        parts = urlsplit(self.map_tile_url.replace("{s}", "a"))
        host = (parts.hostname or "").replace("a.", "*.", 1) if "{s}." in self.map_tile_url else parts.hostname
        return f"{parts.scheme}://{host}{f':{parts.port}' if parts.port else ''}" if parts.scheme and host else ""

    def map_home(self) -> tuple[float, float]:
        """(latitude, longitude) of `map_center`."""
        latitude, longitude = (float(part) for part in self.map_center.split(","))
        return latitude, longitude

    def ensure_dirs(self) -> None:
        """Create the run-time folders, and the SQLite file's folder when there is one."""
        self.media_dir.mkdir(parents=True, exist_ok=True)
        if self.database_url.startswith("sqlite:///"):
            Path(self.database_url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)


def is_loopback(host: str) -> bool:
    """Whether a listening address is reachable from this machine only."""
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return host == "localhost"


def _write_new_secret(path: Path) -> None:
    """Write a random key readable by its owner only; a key another process wrote first wins."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}")
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as file:
        file.write(secrets.token_urlsafe(48))
    try:
        os.link(temporary, path)  # atomic, and fails when the file appeared meanwhile
    except FileExistsError:
        pass
    finally:
        temporary.unlink()
