"""Several real `museum serve` and `museum worker` processes over one PostgreSQL database, as an operator runs them.

Shared by bench/servers.py and tests/deployment. Every process gets its settings from MUSEUM_* variables, the same
secret and badge keys, and the same media and index folders (one host here; on several hosts those are the media
store and search engine the settings name).
"""

import os
import signal
import socket
import subprocess
import sys
import time
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

ROOT = Path(__file__).resolve().parents[2]
MUSEUM = Path(sys.executable).with_name("museum")


def fresh_database(url: str) -> str:
    """Drop and create the database `url` names (through the server's `postgres` database); returns `url`."""
    name = make_url(url).database
    admin = create_engine(make_url(url).set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return url


def sibling_url(url: str, suffix: str) -> str:
    """The URL of another database on the same server, named after `url`'s with `suffix`."""
    parsed = make_url(url)
    return parsed.set(database=f"{parsed.database}{suffix}").render_as_string(hide_password=False)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Cluster:
    """The processes started, by name, and the ports of the servers."""

    environment: dict[str, str]
    logs: Path
    processes: dict[str, subprocess.Popen] = field(default_factory=dict)
    ports: dict[str, int] = field(default_factory=dict)

    def url(self, server: str) -> str:
        return f"http://127.0.0.1:{self.ports[server]}"

    def log(self, name: str) -> str:
        return (self.logs / f"{name}.log").read_text(errors="replace")

    def museum(self, *arguments: str, timeout: float = 1800) -> subprocess.CompletedProcess:
        """A `museum` command with the deployment's settings; fails with its output when it fails."""
        done = subprocess.run(
            [str(MUSEUM), *arguments], env=self.environment, capture_output=True, text=True, timeout=timeout
        )
        if done.returncode:
            raise RuntimeError(f"museum {' '.join(arguments)} exited {done.returncode}:\n{done.stdout}{done.stderr}")
        return done


def environment(database_url: str, folder: Path, extra: dict[str, str] | None = None) -> dict[str, str]:
    """The MUSEUM_* settings every process of the deployment shares."""
    from app.portfolio.keys import new_pem

    return (
        os.environ
        | {
            "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")]).rstrip(os.pathsep),
            # Each line of a worker's log is written when printed: tests read which worker did which job.
            "PYTHONUNBUFFERED": "1",
            "MUSEUM_DATABASE_URL": database_url,
            "MUSEUM_MEDIA_DIR": str(folder / "media"),
            "MUSEUM_INDEX_DIR": str(folder / "index"),
            "MUSEUM_SECRET_KEY": "deployment-secret-" + os.urandom(16).hex(),
            "MUSEUM_BADGE_KEY": new_pem(),
        }
        | (extra or {})
    )


@contextmanager
def running(cluster: Cluster, servers: int = 2, workers: int = 2):
    """Start `servers` `museum serve` (a, b...) and `workers` `museum worker` (w1, w2...); stopped on the way out."""
    with ExitStack() as stack:
        for number in range(servers):
            name, port = "ab"[number] if number < 2 else f"s{number}", free_port()
            cluster.ports[name] = port
            serve = ["serve", "--host", "127.0.0.1", "--port", str(port)]
            cluster.processes[name] = stack.enter_context(_process(cluster, name, serve))
        for number in range(1, workers + 1):
            cluster.processes[f"w{number}"] = stack.enter_context(_process(cluster, f"w{number}", ["worker"]))
        for name, port in cluster.ports.items():
            _wait_until_up(cluster, name, port)
        yield cluster


@contextmanager
def _process(cluster: Cluster, name: str, arguments: list[str]):
    with (cluster.logs / f"{name}.log").open("w") as out:
        process = subprocess.Popen(
            [str(MUSEUM), *arguments], env=cluster.environment, stdout=out, stderr=subprocess.STDOUT
        )
        try:
            yield process
        finally:
            stop(process)


def stop(process: subprocess.Popen) -> None:
    """SIGTERM, as systemd stops a service; killed after 30 s."""
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=30)


def _wait_until_up(cluster: Cluster, name: str, port: int, seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if cluster.processes[name].poll() is not None:
            raise RuntimeError(f"museum serve ({name}) exited:\n{cluster.log(name)[-3000:]}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"museum serve ({name}) did not answer on port {port} within {seconds:.0f} s")
