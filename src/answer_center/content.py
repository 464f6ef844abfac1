"""Finding and loading the content tree: ``content/site.yaml`` and one file per entry."""

from __future__ import annotations

import contextlib
import gc
import marshal
import multiprocessing
import os
import sys
import threading
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from answer_center.diagnostics import Diagnostic, Severity, error
from answer_center.kinds import KINDS_BY_SECTION, SITE_FILE, Kind
from answer_center.load import DEFAULT_LIMITS, Document, Limits, LoadResult, load_file


@dataclass(frozen=True)
class Source:
    """A loaded entry file and the kind its location declares."""

    kind: Kind
    document: Document


@dataclass(frozen=True)
class ContentTree:
    """Everything read from ``content/``: what loaded, and what could not."""

    site: Document | None
    sources: tuple[Source, ...]
    diagnostics: tuple[Diagnostic, ...]
    files_read: int
    unreadable: tuple[str, ...] = ()
    """Display paths of entry files that could not be loaded."""


MAX_ENTRIES = 100_000

PARALLEL_FROM = 1_000
"""Below this many files a process pool costs more to start than it saves."""


def display_path(path: Path, root: Path) -> str:
    """How diagnostics name a file: relative to the project root, with forward slashes."""
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def read_content(
    root: Path,
    content_dir: Path,
    limits: Limits = DEFAULT_LIMITS,
    workers: int | None = None,
) -> ContentTree:
    """Load every content file under ``content_dir``, in a stable order.

    ``workers`` caps the processes that load files; ``None`` uses every CPU this process
    may run on once there are at least ``PARALLEL_FROM`` files, and ``1`` loads in-process.
    """
    diagnostics: list[Diagnostic] = []
    base = display_path(content_dir, root)
    if not (content_dir / SITE_FILE).is_file():
        diagnostics.append(
            error(
                f"{base}/{SITE_FILE}",
                1,
                1,
                "content/missing-site",
                f"{base}/{SITE_FILE} is missing: it names the site, its base URL and language",
            )
        )
    unlisted: list[str] = []
    found = sorted(_walk(str(content_dir), "", unlisted)) if content_dir.is_dir() else []
    for folder in unlisted:
        shown = f"{base}/{folder}" if folder else base
        diagnostics.append(
            error(
                shown, 1, 1, "content/unreadable", "cannot list this folder; check its permissions"
            )
        )
    if len(found) > MAX_ENTRIES:
        diagnostics.append(
            error(
                base,
                1,
                1,
                "content/too-many-files",
                f"{len(found):,} files under {base}; the limit is {MAX_ENTRIES:,}; "
                "split the answer center",
            )
        )
        return ContentTree(None, (), tuple(diagnostics), 0)
    planned: list[tuple[Path, str]] = []
    kinds: list[Kind | None] = []
    for relative, is_link in found:
        shown = f"{base}/{relative}"
        kind, problem = _classify(relative)
        if is_link:
            problem = "symbolic links are not read; copy the file or folder instead"
            diagnostics.append(error(shown, 1, 1, "content/symlink", problem))
        elif problem:
            diagnostics.append(error(shown, 1, 1, "content/unexpected-file", problem))
        else:
            planned.append((content_dir / relative, shown))
            kinds.append(kind)
    site: Document | None = None
    sources: list[Source] = []
    unreadable: list[str] = []
    results = load_files(planned, limits, workers)
    for (_, shown), kind, result in zip(planned, kinds, results, strict=True):
        diagnostics.extend(result.diagnostics)
        if result.document is None:
            unreadable.append(shown)
        elif kind is None:
            site = result.document
        else:
            sources.append(Source(kind, result.document))
    return ContentTree(site, tuple(sources), tuple(diagnostics), len(planned), tuple(unreadable))


def _walk(directory: str, prefix: str, unlisted: list[str]) -> Iterator[tuple[str, bool]]:
    """``(path relative to the content folder, is a symbolic link)`` of every file.

    os.scandir answers "is it a link, a folder" from one directory read, where Path.rglob
    and is_file() cost a stat call each; links to folders are reported, never followed.
    Folders that cannot be listed go to ``unlisted`` rather than vanish silently.
    """
    try:
        with os.scandir(directory) as entries:
            listed = list(entries)
    except OSError:
        unlisted.append(prefix.rstrip("/"))
        return
    for entry in listed:
        relative = prefix + entry.name
        if entry.is_dir(follow_symlinks=False):
            yield from _walk(entry.path, relative + "/", unlisted)
        else:
            yield relative, entry.is_symlink()


def _classify(relative: str) -> tuple[Kind | None, str | None]:
    """The kind a content path declares, or why the file does not belong there."""
    parts = relative.split("/")
    suffix = PurePosixPath(parts[-1]).suffix
    if any(part.startswith(".") for part in parts):
        return None, "hidden files are not content; remove it or rename it without the dot"
    if suffix == ".yml":
        return None, "content files end in .yaml, not .yml; rename it"
    if suffix != ".yaml":
        return None, "only .yaml files belong under content/; move this file elsewhere"
    if parts == [SITE_FILE]:
        return None, None
    kind = KINDS_BY_SECTION.get(parts[0])
    if kind is None:
        sections = ", ".join(sorted(KINDS_BY_SECTION))
        return None, f"'{parts[0]}' is not a content folder; use one of: {sections}"
    depth = 3 if kind.nested else 2
    if len(parts) != depth:
        shape = "answers/<topic>/<id>.yaml" if kind.nested else f"{kind.section}/<id>.yaml"
        article = "an" if kind.name[0] in "aeiou" else "a"
        return None, f"{article} {kind.name} file lives at content/{shape}; move it there"
    return kind, None


def load_files(
    files: Sequence[tuple[Path, str]], limits: Limits = DEFAULT_LIMITS, workers: int | None = None
) -> list[LoadResult]:
    """Load ``(path, display path)`` pairs, in order, in a process pool when that pays."""
    count = _worker_count(len(files), workers)
    with _collector_paused():
        if count > 1:
            try:
                return _load_in_pool(files, limits, count)
            except (OSError, BrokenProcessPool):  # pragma: no cover - no pool: load here
                pass
        return [load_file(path, shown, limits) for path, shown in files]


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause the cycle collector while documents pile up.

    Loaded data is trees of dicts, lists and text, with no cycle to find, yet every
    collection walks all of it again: pausing saves a tenth of a large load.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _worker_count(files: int, workers: int | None) -> int:
    if workers is not None:
        return max(1, min(workers, files))
    if files < PARALLEL_FROM:
        return 1
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not on Linux
        return os.cpu_count() or 1


_CHUNK_FILES = 200
"""Files per pool task: enough to amortise a task's cost, few enough to share the work."""

_Packed = tuple[Any, list[tuple[str, int, int, str, str, str]]]


def _load_in_pool(
    files: Sequence[tuple[Path, str]], limits: Limits, workers: int
) -> list[LoadResult]:
    size = max(1, min(_CHUNK_FILES, -(-len(files) // (workers * 4))))
    chunks = [
        [(str(path), shown) for path, shown in files[start : start + size]]
        for start in range(0, len(files), size)
    ]
    # fork starts a worker in milliseconds with nothing to import again, but only a process
    # with one thread may fork safely (a lock held by another thread stays held in the
    # child): with threads running (serve's file watcher) workers start fresh.
    single = threading.active_count() == 1
    method = "fork" if sys.platform == "linux" and single else "spawn"
    results: list[LoadResult] = []
    with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context(method)) as pool:
        blobs = pool.map(_load_packed, chunks, [limits] * len(chunks))
        for chunk, blob in zip(chunks, blobs, strict=True):
            results.extend(_unpack(blob, chunk))
    return results


def _load_packed(files: Sequence[tuple[str, str]], limits: Limits) -> bytes:
    """Load a chunk in a worker; the results travel back as one marshal blob.

    Loaded data is plain dicts, lists, text and numbers, which marshal writes and reads
    several times faster than pickle writes dataclasses; sources are left behind (a
    document reads its file again if it ever needs positions): the transfer, not the
    parsing, decided whether the pool paid off.
    """
    packed: list[_Packed] = []
    # Workers inherit the paused collector through fork; spawned ones pause it here.
    gc.disable()
    for path, shown in files:
        result = load_file(Path(path), shown, limits)
        problems = [
            (d.path, d.line, d.column, str(d.severity), d.rule, d.message)
            for d in result.diagnostics
        ]
        packed.append((None if result.document is None else result.document.data, problems))
    return marshal.dumps(packed)


def _unpack(blob: bytes, files: Sequence[tuple[str, str]]) -> list[LoadResult]:
    results: list[LoadResult] = []
    for (path, shown), (data, problems) in zip(files, marshal.loads(blob), strict=True):
        diagnostics = tuple(
            Diagnostic(where, line, column, Severity(severity), rule, message)
            for where, line, column, severity, rule, message in problems
        )
        document = None if data is None else Document(shown, data, origin=Path(path))
        results.append(LoadResult(document, diagnostics))
    return results
