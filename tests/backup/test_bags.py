"""Damaged bags are refused with what is wrong; incremental bags; no secret ever in a bag; killed backups."""

import random
import signal
import time
from pathlib import Path

import bagit
import pytest

from tests.backup.conftest import SECRET_KEY, SMTP_PASSWORD, museum, museum_process, seed


@pytest.fixture
def bag(make_museum, tmp_path) -> Path:
    source = make_museum("source")
    seed(source, items=3, images=2)
    assert museum(source, "backup", str(tmp_path / "bag")).exit_code == 0
    return tmp_path / "bag"


def _flip_one_byte(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0x01
    path.write_bytes(bytes(data))


def _an_original(bag: Path) -> Path:
    return next(p for p in (bag / "data" / "media" / "originals").rglob("*") if p.is_file())


@pytest.mark.parametrize("damage", ["original", "database", "missing", "extra", "bag-info"])
def test_a_damaged_bag_is_refused_by_verify_and_restore_with_what_is_wrong(make_museum, bag, damage):
    original = _an_original(bag)
    if damage == "original":
        _flip_one_byte(original)
    elif damage == "database":
        _flip_one_byte(next((bag / "data" / "database").iterdir()))
    elif damage == "missing":
        original.unlink()
    elif damage == "extra":
        (bag / "data" / "media" / "originals" / "stray.txt").write_text("not in the manifest")
    else:
        info = bag / "bag-info.txt"
        info.write_text(info.read_text().replace("Museum-Backup-Type: full", "Museum-Backup-Type: fulL"))
    target = make_museum("target", migrated=False)

    verified = museum(target, "backup", "verify", str(bag))
    restored = museum(target, "restore", str(bag))

    for result in (verified, restored):
        assert result.exit_code == 1
        assert "is damaged" in result.output and "\n  - " in result.output
    assert original.name in verified.output or damage in ("database", "extra", "bag-info")
    assert not Path(target.database_url.removeprefix("sqlite:///")).exists() or target.database_url.startswith(
        "postgres"
    )
    assert not target.media_dir.exists() or not any(target.media_dir.rglob("*.png"))


def test_verify_accepts_a_sound_bag(make_museum, bag):
    result = museum(make_museum("other"), "backup", "verify", str(bag))

    assert result.exit_code == 0 and "is a valid full bag" in result.output


def test_a_bag_holds_no_secret(make_museum, tmp_path):
    source = make_museum("source")
    source.secret_key_file.write_text("key-file-contents-91ab")
    source.badge_key_file.write_text("-----BEGIN PRIVATE KEY-----badge-key-contents-5e0f")
    seed(source, items=1, images=1)
    assert museum(source, "backup", str(tmp_path / "bag")).exit_code == 0

    secrets = [SECRET_KEY, SMTP_PASSWORD, "key-file-contents-91ab", "badge-key-contents-5e0f"]
    for path in (tmp_path / "bag").rglob("*"):
        if path.is_file():
            assert not any(secret.encode() in path.read_bytes() for secret in secrets), path
    assert '"site_name": "Villerupt.com"' in (tmp_path / "bag" / "data" / "settings.json").read_text()


def test_an_incremental_bag_holds_only_the_originals_added_since_its_base(make_museum, tmp_path):
    source, target = make_museum("source"), make_museum("target", migrated=False)
    seed(source, items=3, images=2)
    assert museum(source, "backup", str(tmp_path / "full")).exit_code == 0
    seed(source, items=2, images=1, seed_value=2)

    made = museum(source, "backup", "--since", str(tmp_path / "full"), str(tmp_path / "step"))

    assert made.exit_code == 0, made.output
    step = bagit.Bag(str(tmp_path / "step"))
    assert [name for name in step.payload_entries() if "/media/" in name] == [
        name
        for name in step.payload_entries()
        if "/media/" in name and name not in bagit.Bag(str(tmp_path / "full")).entries
    ]
    assert step.info["Museum-Originals"] == "1" and step.info["Museum-Base-Bag"] == "full"
    restored = museum(target, "restore", str(tmp_path / "full"), str(tmp_path / "step"))
    assert restored.exit_code == 0, restored.output
    assert len(list((target.media_dir / "originals").rglob("*.png"))) == 3
    assert "5 documents indexed" in restored.output


def test_an_incremental_bag_since_a_date(make_museum, tmp_path):
    source = make_museum("source")
    seed(source, items=1, images=1)

    made = museum(source, "backup", "--since", "2999-01-01", str(tmp_path / "step"))
    refused = museum(source, "backup", "--since", "last tuesday", str(tmp_path / "other"))

    assert made.exit_code == 0 and "0 originals" in made.output
    assert refused.exit_code == 2 and "--since" in refused.output


def test_a_backup_never_overwrites(make_museum, bag):
    refused = museum(make_museum("other"), "backup", str(bag))

    assert refused.exit_code == 1 and "already exists" in refused.output


def test_a_killed_backup_never_leaves_a_bag_that_claims_to_be_complete(make_museum, tmp_path, figures):
    source = make_museum("source")
    seed(source, items=30, images=30, size=(320, 240))
    writing = _writing_time(source, tmp_path / "timed")
    chance, seen = random.Random(17), []
    for attempt in range(5):
        dest = tmp_path / f"killed-{attempt}"
        process = museum_process(source, "backup", str(dest))
        _wait_for(dest.with_name(f"{dest.name}.partial"), process)
        time.sleep(chance.uniform(0, 0.9) * writing)  # a random moment while the bag is written (or just after)
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)
        partial = dest.with_name(f"{dest.name}.partial").exists()
        seen.append("complete" if dest.exists() else "absent, partial left" if partial else "absent")
        if dest.exists():
            bagit.Bag(str(dest)).validate()  # a bag at DEST is complete and valid
    for dest in (tmp_path / f"killed-{attempt}" for attempt in range(5)):
        if not dest.exists():  # a stopped backup's leftovers never block the next one
            assert museum_process(source, "backup", str(dest)).wait(timeout=60) == 0
            bagit.Bag(str(dest)).validate()
            assert not dest.with_name(f"{dest.name}.partial").exists()
    figures.append(f"killed backups: {'; '.join(seen)} (writing a bag takes {writing:.2f} s)")


def _wait_for(path: Path, process) -> None:
    while not path.exists() and process.poll() is None:
        time.sleep(0.002)


def _writing_time(source, dest: Path) -> float:
    """Seconds from the bag's partial folder appearing to the command's end."""
    process = museum_process(source, "backup", str(dest))
    _wait_for(dest.with_name(f"{dest.name}.partial"), process)
    started = time.monotonic()
    assert process.wait(timeout=60) == 0
    return time.monotonic() - started
