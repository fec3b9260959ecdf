"""`museum --help` answers at once: printing help imports none of the heavy libraries the commands use.

Each case runs in a new interpreter, since this one has imported the whole app already. Nothing is timed
here (the machine's load would make it flaky); `python -m bench.cli` measures the seconds.
"""

import json
import subprocess
import sys

import pytest

HEAVY = {
    "alembic",
    "babel",
    "fastapi",
    "jinja2",
    "numpy",
    "PIL",
    "pydantic",
    "pydantic_settings",
    "sqlalchemy",
    "starlette",
    "uvicorn",
    "whoosh",
}

SCRIPT = """
import json, sys
from app.cli import main
try:
    main(sys.argv[1:], prog_name="museum")
except SystemExit as exit:
    status = exit.code
print(json.dumps({"status": status, "modules": sorted({name.split(".")[0] for name in sys.modules})}))
"""


def help_of(*args: str) -> tuple[str, dict]:
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, *args, "--help"], capture_output=True, text=True, check=True, timeout=60
    )
    shown, _, last = done.stdout.rstrip("\n").rpartition("\n")
    return shown, json.loads(last)


# Not `users add --help`: the `users` group sets the language of the messages (app.i18n) before its
# commands parse their options, as it did before.
@pytest.mark.parametrize(
    "args",
    [
        (),
        ("users",),
        ("jobs",),
        ("jobs", "retry"),
        ("worker",),
        ("reindex",),
        ("import",),
        ("media", "add"),
        ("serve",),
        ("init",),
        ("backup",),
        ("backup", "verify"),
        ("restore",),
    ],
)
def test_help_loads_no_heavy_library(args):
    shown, run = help_of(*args)
    assert run["status"] == 0 and shown.startswith(f"Usage: museum {' '.join(args)}".rstrip() + " ")
    assert HEAVY.isdisjoint(run["modules"]), sorted(HEAVY & set(run["modules"]))


def test_help_lists_every_command():
    shown, _ = help_of()
    commands = [line.split()[0] for line in shown.split("Commands:\n")[1].splitlines()]
    assert commands == [
        "backup",
        "cohorts",
        "contributions",
        "demo",
        "edm",
        "export",
        "export-site",
        "import",
        "index-check",
        "init",
        "interviews",
        "jobs",
        "media",
        "new-keys",
        "places",
        "reindex",
        "restore",
        "serve",
        "tasks",
        "trainees",
        "transcript",
        "users",
        "worker",
    ]
