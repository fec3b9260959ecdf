"""The real `museum` command over a catalog folder: reindex, serve on loopback, memory, concurrent clients.

Shared by bench.search and bench.soak. A catalog folder holds museum.db, index/ and media/
(bench.corpus builds it); the commands get it through MUSEUM_* variables, as an operator would.
"""

import http.client
import os
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from contextlib import contextmanager
from pathlib import Path

from bench.corpus import DATA, build_catalog, catalog_settings, print_import

MUSEUM = Path(sys.executable).with_name("museum")


def environment(folder: Path) -> dict[str, str]:
    settings = catalog_settings(folder)
    return os.environ | {
        "MUSEUM_DATABASE_URL": settings.database_url,
        "MUSEUM_INDEX_DIR": str(settings.index_dir),
        "MUSEUM_MEDIA_DIR": str(settings.media_dir),
        "MUSEUM_RUN_WORKER": "false",
        "MUSEUM_SECRET_KEY_FILE": str(Path(folder).resolve() / "secret_key"),
    }


def prepare(folder: Path, data_dir: Path = DATA) -> None:
    """Import the real rows into `folder` unless it already holds a catalog."""
    if (Path(folder) / "museum.db").exists():
        print(f"catalog: reusing {Path(folder) / 'museum.db'}")
        return
    print_import(build_catalog(folder, data_dir))


def reindex(folder: Path) -> dict:
    """`museum reindex` as a subprocess: wall seconds, its last line, the index's size in MB."""
    start = time.perf_counter()
    done = subprocess.run(
        [str(MUSEUM), "reindex"], env=environment(folder), capture_output=True, text=True, check=False, timeout=3600
    )
    seconds = time.perf_counter() - start
    if done.returncode:
        raise SystemExit(f"museum reindex failed ({done.returncode}):\n{done.stderr[-3000:]}")
    return {
        "seconds": seconds,
        "said": done.stdout.strip().splitlines()[-1:],
        "mb": index_mb(catalog_settings(folder).index_dir),
    }


def index_mb(index_dir: Path) -> float:
    """The size of the index searched: the generation CURRENT names, when the folder keeps older ones."""
    current = Path(index_dir) / "CURRENT"
    named = Path(index_dir) / current.read_text().strip() if current.is_file() else None
    folder = named if named and named.is_dir() else Path(index_dir)
    return sum(f.stat().st_size for f in folder.rglob("*") if f.is_file()) / 1e6


@contextmanager
def catalog_folder(keep: Path | None):
    """The folder given with --keep (kept), or a temporary one removed at the end."""
    if keep:
        Path(keep).mkdir(parents=True, exist_ok=True)
        yield Path(keep)
        return
    with tempfile.TemporaryDirectory(prefix="museum-bench-real-") as folder:
        yield Path(folder)


# Memory


def rss_mb(pid: int | str = "self") -> float:
    """VmRSS of a process and of its children, in MB (0 when it has gone)."""
    total = 0.0
    for process in [str(pid), *_children(pid)]:
        try:
            status = Path(f"/proc/{process}/status").read_text()
        except OSError:
            continue
        total += next((int(line.split()[1]) for line in status.splitlines() if line.startswith("VmRSS:")), 0) / 1024
    return total


def _children(pid: int | str) -> list[str]:
    found = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            found += (task / "children").read_text().split()
        except OSError:
            continue
    return found + [grandchild for child in found for grandchild in _children(child)]


# `museum serve`


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def served(folder: Path, log: Path, settings: dict[str, str] | None = None):
    """`museum serve` (one worker) on a free loopback port, with `settings` (MUSEUM_* variables) if given; yields
    (pid, port); stopped on the way out."""
    port = free_port()
    with Path(log).open("w") as out:
        server = subprocess.Popen(
            [str(MUSEUM), "serve", "--host", "127.0.0.1", "--port", str(port), "--workers", "1"],
            env=environment(folder) | (settings or {}),
            stdout=out,
            stderr=subprocess.STDOUT,
        )
        try:
            _wait_until_up(server, port, log)
            yield server.pid, port
        finally:
            _stop(server)


def cpu_seconds(pid: int) -> float:
    """The CPU time (user and system) a process has used so far."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def settle(pid: int, seconds: float = 180) -> float:
    """Wait until the server is idle (under 3 % of a core for a second: its start-up work, such as warming the
    search index, is done), at most `seconds`; the seconds waited."""
    start = time.monotonic()
    while time.monotonic() - start < seconds:
        before = cpu_seconds(pid)
        time.sleep(1)
        if cpu_seconds(pid) - before < 0.03:
            break
    return time.monotonic() - start


def _wait_until_up(server: subprocess.Popen, port: int, log: Path, seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"museum serve exited with {server.returncode}:\n{Path(log).read_text()[-3000:]}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"museum serve did not answer on port {port} within {seconds:.0f} s")


def _stop(server: subprocess.Popen) -> None:
    if server.poll() is None:
        server.send_signal(signal.SIGINT)
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait(timeout=20)


# Concurrent clients


class Load:
    """Client threads, each with one kept-alive connection, cycling through URLs until told to stop.

    Latencies (ms), statuses and errors are appended under a lock; `take()` hands over what was
    gathered since the last call, so a soak can report interval by interval.
    """

    def __init__(self, port: int, urls: list[str], clients: int, max_requests: int = 10_000_000):
        self.port, self.urls, self.clients, self.max_requests = port, urls, clients, max_requests
        self.lock, self.stopping = threading.Lock(), threading.Event()
        self.times: list[float] = []
        self.errors: list[str] = []
        self.bytes = self.requests = self.past_end = 0
        self.threads = [threading.Thread(target=self._client, args=(n,), daemon=True) for n in range(clients)]

    def start(self) -> "Load":
        for thread in self.threads:
            thread.start()
        return self

    def stop(self) -> None:
        self.stopping.set()
        for thread in self.threads:
            thread.join(timeout=60)

    def take(self) -> tuple[list[float], list[str], int]:
        with self.lock:
            taken = self.times, self.errors, self.bytes
            self.times, self.errors, self.bytes = [], [], 0
        return taken

    def _client(self, number: int) -> None:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        position = number * len(self.urls) // self.clients  # clients start at different places in the mix
        while not self.stopping.is_set() and self.requests < self.max_requests:
            target = self.urls[position % len(self.urls)]
            position += 1
            connection = self._one(connection, target)
        connection.close()

    def _one(self, connection: http.client.HTTPConnection, target: str) -> http.client.HTTPConnection:
        start = time.perf_counter()
        try:
            connection.request("GET", target)
            response = connection.getresponse()
            size, status = len(response.read()), response.status
            error = None if status in (200, 404) else f"{status} {target}"  # 404: a page past the end
        except (OSError, http.client.HTTPException) as failure:
            connection.close()
            connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
            size, status, error = 0, 0, f"{type(failure).__name__} {target}"
        elapsed = (time.perf_counter() - start) * 1000
        with self.lock:
            self.requests += 1
            self.times.append(elapsed)
            self.bytes += size
            self.past_end += status == 404
            if error:
                self.errors.append(error)
        return connection
