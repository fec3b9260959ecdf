"""Start-up time of the `museum` command: `museum --help` and `museum users add` (targets 0.5 s and 2 s).

Each run is a fresh process, as an operator types it; `users add` runs on a database made by
`museum init` in a temporary folder, one new account per run.
"""

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

MUSEUM = Path(sys.executable).with_name("museum")
TARGETS = {"museum --help": 0.5, "museum users add": 2.0}


def environment(folder: Path) -> dict[str, str]:
    """MUSEUM_* variables pointing every file of the museum into `folder`."""
    return os.environ | {
        "MUSEUM_DATABASE_URL": f"sqlite:///{folder / 'museum.db'}",
        "MUSEUM_INDEX_DIR": str(folder / "index"),
        "MUSEUM_MEDIA_DIR": str(folder / "media"),
        "MUSEUM_SECRET_KEY_FILE": str(folder / "secret_key"),
    }


def timed(args: list[str], env: dict[str, str]) -> float:
    """Wall seconds of one `museum ARGS` process; a failure ends the benchmark."""
    start = time.perf_counter()
    done = subprocess.run([str(MUSEUM), *args], env=env, capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - start
    if done.returncode:
        raise SystemExit(f"museum {' '.join(args)} failed ({done.returncode}):\n{done.stderr[-3000:]}")
    return seconds


def measure(runs: int) -> dict[str, list[float]]:
    """Seconds of each run of both commands, in a fresh data folder."""
    with tempfile.TemporaryDirectory(prefix="bench-cli-") as tmp:
        env = environment(Path(tmp))
        timed(["init"], env)
        return {
            "museum --help": [timed(["--help"], env) for _ in range(runs)],
            "museum users add": [timed(["users", "add", f"bench{n}", "--role", "curator"], env) for n in range(runs)],
        }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="Runs of each command (default 5).")
    args = parser.parse_args(argv)
    failed = False
    for name, seconds in measure(args.runs).items():
        median, target = statistics.median(seconds), TARGETS[name]
        verdict = "ok" if median < target else "TOO SLOW"
        failed |= median >= target
        print(
            f"{name:<18} median {median:.2f} s, max {max(seconds):.2f} s over {len(seconds)} runs "
            f"(target {target} s): {verdict}"
        )
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
