"""Copying every media file from one store to another, verified by checksums and resumable.

Keys are the same in every store, so a move is a copy. A key already in the target is checked, not copied
again: a second run after an interruption finishes the work (writes are all-or-nothing, so nothing
half-copied can be taken for done). An original's SHA-256 is its name; other files are compared with the
source's checksum. Each copy is read back in full. A key found already there is checked by the size and
SHA-256 the target recorded when it was written (one HEAD on a bucket), so a resumed run does not download
the whole bucket again; `verify` reads those back in full too, which finds bytes damaged since (bit rot, a
tool that kept the metadata), and a store that records no SHA-256 (a folder) is always read back.
"""

import re
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from app.media.storage import sha256_of
from app.media.store.base import Recorded, Store, StoreUnavailable, migrated

ORIGINAL = re.compile(r"originals/[0-9a-f]{2}/[0-9a-f]{2}/([0-9a-f]{64})\.[^/]+")
COPIED, PRESENT, MISMATCH = "copied", "present", "mismatch"


@dataclass
class Summary:
    """What a migration did, key by key."""

    copied: int = 0
    present: int = 0
    mismatched: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not (self.mismatched or self.failed)


def keys_to_copy(source: Store) -> list[str]:
    """Every key of `source` that is content (not a cache or an upload in transit)."""
    return [key for key in source.keys() if migrated(key)]


def migrate(
    source: Store,
    target: Store,
    keys: Iterable[str],
    done: Callable[[str, str], None] | None = None,
    *,
    verify: bool = False,
) -> Summary:
    """Copy `keys` from `source` to `target` (each checked); `done(key, outcome)` is told after each."""
    summary = Summary()
    with tempfile.TemporaryDirectory(prefix="museum-migrate-") as scratch:
        for key in keys:
            try:
                outcome = copy_one(source, target, key, Path(scratch) / "file", verify=verify)
            except (OSError, StoreUnavailable) as error:
                summary.failed.append(f"{key}: {error}")
                outcome = "failed"
            _count(summary, key, outcome)
            if done is not None:
                done(key, outcome)
    return summary


def copy_one(source: Store, target: Store, key: str, scratch: Path, *, verify: bool = False) -> str:
    """Copy one key unless the target has it right already; MISMATCH when a checksum disagrees."""
    named = expected_sha(key)
    found = target.recorded(key)
    if found is not None:
        return PRESENT if _same(source, target, key, named, found, verify) else MISMATCH
    source.get_file(key, scratch)
    try:
        sha = sha256_of(scratch)
        if named is not None and sha != named:
            return MISMATCH  # the source itself is damaged: copying it would spread the damage
        target.put_file(key, scratch, sha)
    finally:
        scratch.unlink(missing_ok=True)
    return COPIED if target.checksum(key) == sha else MISMATCH


def _same(source: Store, target: Store, key: str, named: str | None, found: Recorded, verify: bool) -> bool:
    """Whether the target's object is the source's: by what the target recorded, or its bytes read back."""
    if verify or found.sha256 is None:
        return target.checksum(key) == (named or source.checksum(key))
    kept = source.recorded(key)
    if kept is None:
        return False
    return (found.size, found.sha256) == (kept.size, named or kept.sha256 or source.checksum(key))


def expected_sha(key: str) -> str | None:
    """An original's SHA-256, read from its key; None for other files."""
    found = ORIGINAL.fullmatch(key)
    return found[1] if found else None


def _count(summary: Summary, key: str, outcome: str) -> None:
    if outcome == COPIED:
        summary.copied += 1
    elif outcome == PRESENT:
        summary.present += 1
    elif outcome == MISMATCH:
        summary.mismatched.append(key)
