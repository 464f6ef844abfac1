"""The result cache: per-file outcomes kept between runs, so an edit rechecks what changed.

Like mypy's and ruff's caches, an entry is trusted while the file's size, modification time
and inode are the ones it was read with; everything that could change a verdict without
changing the file (this package's code, the schemas, the allowlist, the loader limits) goes
into one fingerprint, and any change to it drops the whole cache. Cross-file checks always
run: they are cheap and depend on every file.

The cache is one ``marshal`` file under ``build/.answer-center-cache/``: reading 10,000
entries from one file is far cheaper than opening 10,000. A cache that cannot be read is
ignored and rewritten; one that cannot be written costs speed, never a result.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib.metadata
import marshal
import os
import sys
import threading
from collections.abc import Iterable
from pathlib import Path

import answer_center
from answer_center.load import PARSER
from answer_center.pool import Packed, collector_paused
from answer_center.words import DIAGNOSTICS_FILE

CACHE_FORMAT = 2

RACY_NS = 2_000_000_000
"""Files modified this close before the run that cached them began are not trusted: an edit
in the same clock tick as the read keeps the old time (git calls this "racily clean")."""

_Stamp = tuple[int, int, int]


def fingerprint(inputs: Iterable[Path], settings: str) -> str:
    """A digest of what every cached verdict depends on besides the file itself.

    ``inputs`` are files (schemas, the allowlist; missing ones count as empty) and
    ``settings`` anything else (the loader limits). Always in: this package's own source
    and the words of its diagnostics (a cached finding names a message of theirs), and the
    Python and library versions that parse and check (a new libyaml may read a file
    differently).
    """
    versions = [
        sys.version,
        *(_version(name) for name in _CHECKING_LIBRARIES),
        PARSER,
    ]
    digest = hashlib.sha256(f"{CACHE_FORMAT}\0{settings}\0{versions}\0".encode())
    package = Path(answer_center.__file__).parent
    for path in [*sorted(package.rglob("*.py")), package / "words" / DIAGNOSTICS_FILE, *inputs]:
        digest.update(str(path.name).encode() + b"\0")
        with contextlib.suppress(OSError):
            digest.update(path.read_bytes())
        digest.update(b"\0")
    return digest.hexdigest()


_CHECKING_LIBRARIES = ("PyYAML", "jsonschema", "fastjsonschema")


def _version(name: str) -> str:
    try:
        return importlib.metadata.version(name)
    except importlib.metadata.PackageNotFoundError:
        return "-"


def stamp(path: Path) -> _Stamp | None:
    """What identifies this version of a file without reading it; None if it cannot be seen."""
    try:
        info = path.stat()
    except OSError:
        return None
    return info.st_size, info.st_mtime_ns, info.st_ino


class ResultCache:
    """Packed per-file outcomes by display path, valid for one fingerprint."""

    def __init__(self, path: Path, key: str) -> None:
        self.path = path
        self.key = key
        self.entries: dict[str, tuple[_Stamp, Packed]] = {}
        self.checked_ns = 0
        """When the run that wrote the cache began stamping files."""
        self.changed = False
        self._load()

    def _load(self) -> None:
        try:
            raw = self.path.read_bytes()
            with collector_paused():  # millions of new objects, none in a cycle: twice as fast
                version, key, checked_ns, entries = marshal.loads(raw)
        except (OSError, EOFError, ValueError, TypeError):
            return  # no cache yet, or one from another version of the format
        if version == CACHE_FORMAT and key == self.key:
            self.checked_ns, self.entries = checked_ns, entries

    def get(self, shown: str, current: _Stamp | None) -> Packed | None:
        """The cached outcome of a file whose stamp has not changed since it was cached."""
        entry = self.entries.get(shown)
        if entry is None or current is None or entry[0] != current:
            return None
        if current[1] >= self.checked_ns - RACY_NS:
            return None
        return entry[1]

    def put(self, shown: str, current: _Stamp | None, packed: Packed) -> None:
        """Remember an outcome, under the stamp the file had before it was read."""
        if current is None:
            return
        self.entries[shown] = (current, packed)
        self.changed = True

    def save(self, keep: Iterable[str], checked_ns: int) -> None:
        """Write the cache atomically, with only the files in ``keep`` (the others are gone).

        ``checked_ns`` is when this run began stamping files (``time.time_ns()``), from which
        the next run judges what was modified too close to the read to be trusted.
        """
        kept = set(keep)
        if kept != self.entries.keys():
            self.entries = {shown: e for shown, e in self.entries.items() if shown in kept}
            self.changed = True
        if not self.changed:
            return
        # Per process and thread: two previews regenerating at once must not share it.
        temporary = self.path.with_name(
            f".{self.path.name}.{os.getpid()}.{threading.get_ident()}.tmp"
        )
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            stored = (CACHE_FORMAT, self.key, checked_ns, self.entries)
            temporary.write_bytes(marshal.dumps(stored))
            temporary.replace(self.path)
        except OSError:
            return  # a cache that cannot be written costs speed, never a result
        finally:
            with contextlib.suppress(OSError):
                temporary.unlink(missing_ok=True)
        self.checked_ns = checked_ns
        self.changed = False
