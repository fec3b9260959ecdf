"""An S3 API server for the tests: moto's emulator, run as its own process on a free port (real HTTP).

moto is an emulator of AWS's API, not S3 itself: what it checks is what the tests can rely on.
And a TCP proxy that can cut a connection part-way through, to play a network failure.
"""

import os
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

# Credentials for the emulator only (it accepts any); boto3 reads them from the environment, as in production.
FAKE_CREDENTIALS = {
    "AWS_ACCESS_KEY_ID": "testing",
    "AWS_SECRET_ACCESS_KEY": "testing",
    "AWS_DEFAULT_REGION": "us-east-1",
}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_moto(log: Path) -> tuple[subprocess.Popen, str]:
    """moto_server on a free port, once it answers; returns the process and its URL."""
    port = free_port()
    command = [str(Path(sys.executable).parent / "moto_server"), "-H", "127.0.0.1", "-p", str(port)]
    process = subprocess.Popen(
        command, stdout=log.open("wb"), stderr=subprocess.STDOUT, env=os.environ | FAKE_CREDENTIALS
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return process, f"http://127.0.0.1:{port}"
        except OSError:
            time.sleep(0.1)
    process.kill()
    raise RuntimeError(f"moto_server did not start: {log.read_text()}")


class CuttingProxy:
    """Forwards TCP to `target`, and plays failures of the network between the app and the S3 server.

    While `cut_after` is set, each connection is dropped after that many request bytes; while `budget` is
    set, the link goes down for good once that many request bytes have passed in all (an outage).
    """

    def __init__(self, target_port: int) -> None:
        self.target_port, self.cut_after, self.budget, self.cuts = target_port, None, None, 0
        self.received = 0  # bytes the S3 server sent back, in all (what the app downloaded)
        self.lock = threading.Lock()
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.url = f"http://127.0.0.1:{self.listener.getsockname()[1]}"
        threading.Thread(target=self._accept, daemon=True).start()

    def _allowed(self, size: int, left: int | None, upstream: bool) -> int:
        """How many of `size` bytes may pass now (request bytes only count against the limits)."""
        with self.lock:
            if not upstream:
                self.received += size
                return size
            allowed = min([size, *(n for n in (left, self.budget) if n is not None)])
            if self.budget is not None:
                self.budget -= allowed
            return max(allowed, 0)

    def close(self) -> None:
        self.listener.close()

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            server = socket.create_connection(("127.0.0.1", self.target_port))
            threading.Thread(target=self._pipe, args=(client, server, True), daemon=True).start()
            threading.Thread(target=self._pipe, args=(server, client, False), daemon=True).start()

    def _pipe(self, source: socket.socket, target: socket.socket, upstream: bool) -> None:
        sent = 0
        try:
            while data := source.recv(65536):
                limit = self.cut_after  # read each time: pooled connections opened earlier are cut too
                allowed = self._allowed(len(data), None if limit is None else limit - sent, upstream)
                target.sendall(data[:allowed])
                sent += allowed
                if allowed < len(data):
                    self.cuts += 1
                    break
        except OSError:
            pass
        for s in (source, target):
            try:
                s.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            s.close()
