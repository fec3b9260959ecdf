"""Media store costs: put, head, whole read and a 64 kB range on the media folder and on S3 (moto).

`python -m bench.media_store [--files N] [--kib K]` starts moto_server (an emulator of the S3 API, in
its own process) on a free port, so the S3 figures are boto3 + HTTP + moto on this machine, not AWS:
they show the client-side cost of each request. The folder figures, measured in the same run, are the
reference.
"""

import argparse
import os
import statistics
import tempfile
import time
from pathlib import Path

from app.media.store import LocalStore
from app.media.store.s3 import S3Store, client_for
from tests.storage.s3server import FAKE_CREDENTIALS, start_moto

OPERATIONS = {
    "put": lambda store, key, path: store.put_file(key, path),
    "exists": lambda store, key, path: store.exists(key),
    "read whole": lambda store, key, path: b"".join(store.read(key)),
    "read 64 kB range": lambda store, key, path: b"".join(store.read(key, 1024, 1024 + 65535)),
}


def timings(store, files: list[Path]) -> dict[str, float]:
    """Median milliseconds of each operation over `files`."""
    spent: dict[str, list[float]] = {name: [] for name in OPERATIONS}
    for number, path in enumerate(files):
        key = f"originals/{number:02x}/bench/{path.name}"
        for name, operation in OPERATIONS.items():
            start = time.perf_counter()
            operation(store, key, path)
            spent[name].append((time.perf_counter() - start) * 1000)
    return {name: statistics.median(values) for name, values in spent.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--files", type=int, default=30)
    parser.add_argument("--kib", type=int, default=1024)
    args = parser.parse_args()
    os.environ.update(FAKE_CREDENTIALS)
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        files = [root / f"f{n}.bin" for n in range(args.files)]
        for path in files:
            path.write_bytes(os.urandom(args.kib * 1024))
        process, url = start_moto(root / "moto.log")
        try:
            client = client_for(url, "us-east-1", 1)
            client.create_bucket(Bucket="bench")
            results = {
                "folder (reference)": timings(LocalStore(root / "media"), files),
                "S3 via moto": timings(S3Store(client, "bench", "museum", root / "cache"), files),
            }
        finally:
            process.terminate()
    print(f"{args.files} files of {args.kib} KiB, median ms per operation (load average {os.getloadavg()[0]:.1f})")
    for store, figures in results.items():
        print(f"  {store:20}" + "  ".join(f"{name} {ms:7.1f}" for name, ms in figures.items()))


if __name__ == "__main__":
    main()
