"""All writes to disk: the generated tree, the staged site, and the atomic swap into site/.

A build writes its site into a staging folder beside site/ and exchanges the two in one
rename, so site/ is always a complete build: the previous one until the very end, then
the new one. A build killed at any moment leaves only a staging folder, which the next
build removes.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import fcntl
import os
import shutil
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

STAGING_PREFIX = ".site-staging-"
PREVIOUS_PREFIX = ".site-previous-"
"""Where the previous site waits during a swap on file systems without an atomic exchange."""


class FilesOnDisk(Mapping[str, bytes]):
    """Files written under ``root``, read when asked for: a tree :func:`sync_tree` wrote,
    passed on by its paths instead of its bytes."""

    def __init__(self, root: Path, paths: Sequence[str]) -> None:
        self.root = root
        self.paths = tuple(paths)
        self._known = frozenset(self.paths)

    def __getitem__(self, path: str) -> bytes:
        if path not in self._known:
            raise KeyError(path)
        return (self.root / path).read_bytes()

    def __iter__(self) -> Iterator[str]:
        return iter(self.paths)

    def __len__(self) -> int:
        return len(self.paths)


def sync_tree(
    root: Path, files: Mapping[str, bytes], keep: Collection[str] = ()
) -> tuple[int, int]:
    """Make ``root`` hold exactly ``files``; unchanged files keep their mtime.

    Dotfiles at the top of ``root`` (the build lock) and the paths in ``keep`` (files
    another step writes) are left alone. Returns the number of files written and removed.
    """
    synced = sync_files(root, files.items(), keep)
    return synced.written, synced.removed


@dataclass(frozen=True)
class Synced:
    """What :func:`sync_files` did."""

    written: int
    removed: int
    sizes: dict[str, int]
    """The size of every file ``root`` holds, by path."""


def sync_files(
    root: Path, files: Iterable[tuple[str, bytes]], keep: Collection[str] = ()
) -> Synced:
    """:func:`sync_tree` for files as they are rendered: each is written (or found
    unchanged) and let go before the next comes, so only one is held at a time."""
    root.mkdir(parents=True, exist_ok=True)
    written = 0
    sizes: dict[str, int] = {}
    for relative, data in files:
        sizes[relative] = len(data)
        written += _update(root / relative, data)
    removed = 0
    folders: list[Path] = []
    # The dot folders at the top (the engine's kept site among them, thousands of files)
    # are not walked at all.
    for folder, subfolders, names in os.walk(root):
        base = Path(folder)
        relative = base.relative_to(root).as_posix()
        if base == root:
            subfolders[:] = [name for name in subfolders if not name.startswith(".")]
            names = [name for name in names if not name.startswith(".")]
        else:
            folders.append(base)
        for name in names:
            path = name if base == root else f"{relative}/{name}"
            if path not in sizes and path not in keep:
                (base / name).unlink()
                removed += 1
    # Deepest first, so a folder emptied of its files and folders goes too.
    for walked in reversed(folders):
        if not any(walked.iterdir()):
            walked.rmdir()
    return Synced(written, removed, sizes)


def update_files(root: Path, files: Mapping[str, bytes]) -> int:
    """Write each of ``files`` under ``root`` whose bytes differ, each in one rename (a
    reader sees the old file or the new one, never part of one); the number written."""
    root.mkdir(parents=True, exist_ok=True)
    return sum(_update(root / relative, data) for relative, data in files.items())


def _update(target: Path, data: bytes) -> int:
    """Write ``target`` in one rename unless it holds ``data`` already; 1 if written."""
    try:
        if target.read_bytes() == data:
            return 0
    except OSError:
        pass
    target.parent.mkdir(parents=True, exist_ok=True)
    _write_atomically(target, data)
    return 1


def _write_atomically(target: Path, data: bytes) -> None:
    temporary = target.with_name(f".{target.name}.tmp")
    temporary.write_bytes(data)
    temporary.replace(target)


def write_tree(root: Path, files: Mapping[str, bytes]) -> None:
    """Write files under a fresh folder (the staging site).

    A file already there may be a hard link to a published one (see link_tree): it is
    replaced, never written through.
    """
    for relative, data in files.items():
        target = root / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.unlink(missing_ok=True)
        target.write_bytes(data)


def link_or_copy(source: Path, target: Path) -> None:
    """``target`` becomes ``source``'s content: a hard link where the disk allows, else a
    copy. Only for files nothing writes in place (the engine's kept output, the kept
    machine outputs). A file already at ``target`` is replaced, never written through:
    it may be a link to another kept file."""
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.link(source, target)
    except FileExistsError:
        target.unlink()
        link_or_copy(source, target)
    except OSError:
        shutil.copy2(source, target)


def link_tree(source: Path, target: Path) -> int:
    """Every file under ``source`` into ``target`` (see link_or_copy); the number of files."""
    count = 0
    for folder, _, names in os.walk(source):
        base = Path(folder)
        for name in names:
            link_or_copy(base / name, target / (base / name).relative_to(source))
            count += 1
    return count


def _remove_stale_staging(site_dir: Path) -> None:
    for previous in sorted(site_dir.parent.glob(f"{PREVIOUS_PREFIX}*")):
        if site_dir.exists():
            shutil.rmtree(previous, ignore_errors=True)
        else:  # a build killed between the two renames of a swap: the old site comes back
            previous.rename(site_dir)
    for stale in site_dir.parent.glob(f"{STAGING_PREFIX}*"):
        shutil.rmtree(stale, ignore_errors=True)


@contextmanager
def build_lock(build_dir: Path) -> Iterator[None]:
    """One build at a time per project; a second one waits for the first."""
    build_dir.mkdir(parents=True, exist_ok=True)
    with (build_dir / ".lock").open("w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def new_staging(site_dir: Path) -> Path:
    """An empty staging folder beside site/ (same disk, so the swap is a rename).

    Call it holding the build lock: leftovers of killed builds are removed first.
    """
    _remove_stale_staging(site_dir)
    staging = site_dir.parent / f"{STAGING_PREFIX}{os.getpid()}"
    staging.mkdir(parents=True)
    return staging


def discard(staging: Path) -> None:
    """Remove a staging folder after a failed build."""
    shutil.rmtree(staging, ignore_errors=True)


_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def _exchange(first: Path, second: Path) -> bool:
    """Swap two paths in one atomic step (Linux renameat2); False where unsupported."""
    libc_name = ctypes.util.find_library("c")
    if libc_name is None:
        return False
    libc = ctypes.CDLL(libc_name, use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is None:
        return False
    result = renameat2(
        _AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE
    )
    return bool(result == 0)


def swap_in(staging: Path, site_dir: Path) -> None:
    """Publish the staging folder as site/ and remove the previous site."""
    if not site_dir.exists():
        staging.rename(site_dir)
        return
    if _exchange(staging, site_dir):
        shutil.rmtree(staging)
        return
    # Without an atomic exchange, the old site is moved aside for the shortest possible gap;
    # should the second rename fail or be interrupted, it goes back. A build killed in the
    # gap leaves it aside, and the next build puts it back (_remove_stale_staging).
    previous = site_dir.with_name(f"{PREVIOUS_PREFIX}{os.getpid()}")
    site_dir.rename(previous)
    try:
        staging.rename(site_dir)
    except BaseException:
        previous.rename(site_dir)
        raise
    shutil.rmtree(previous)
