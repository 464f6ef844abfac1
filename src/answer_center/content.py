"""Finding and loading the content tree: ``content/site.yaml`` and one file per entry."""

from __future__ import annotations

import os
import posixpath
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from answer_center.cache import ResultCache, stamp
from answer_center.diagnostic_words import Param
from answer_center.diagnostics import Diagnostic, error
from answer_center.kinds import KINDS_BY_SECTION, SITE_FILE, Kind
from answer_center.load import DEFAULT_LIMITS, Document, Limits
from answer_center.pool import Checked, FileCheck, Job, Outcome, pack, run_jobs, unpack


@dataclass(frozen=True)
class Source:
    """A loaded entry file and the kind its location declares."""

    kind: Kind
    document: Document
    checked: Checked | None = None
    """What the per-file checks found, when they ran as the file was loaded."""


@dataclass(frozen=True)
class ContentTree:
    """Everything read from ``content/``: what loaded, and what could not."""

    site: Document | None
    sources: tuple[Source, ...]
    diagnostics: tuple[Diagnostic, ...]
    files_read: int
    unreadable: tuple[str, ...] = ()
    """Display paths of entry files that could not be loaded."""
    site_checked: Checked | None = None
    """What the per-file checks found in ``site``, when they ran as it was loaded."""


MAX_ENTRIES = 100_000


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
    check: FileCheck | None = None,
    cache: ResultCache | None = None,
) -> ContentTree:
    """Load every content file under ``content_dir``, in a stable order.

    ``check`` runs on each loaded document where it was loaded (see :mod:`.pool`, which
    also explains ``workers``); ``cache`` answers for files unchanged since it last saw them.
    """
    diagnostics: list[Diagnostic] = []
    base = display_path(content_dir, root)
    if not (content_dir / SITE_FILE).is_file():
        diagnostics.append(
            error(f"{base}/{SITE_FILE}", 1, 1, "content/missing-site", file=f"{base}/{SITE_FILE}")
        )
    unlisted: list[str] = []
    found = sorted(_walk(str(content_dir), "", unlisted)) if content_dir.is_dir() else []
    for folder in unlisted:
        shown = f"{base}/{folder}" if folder else base
        diagnostics.append(error(shown, 1, 1, "content/unreadable"))
    if len(found) > MAX_ENTRIES:
        diagnostics.append(
            error(
                base,
                1,
                1,
                "content/too-many-files",
                count=len(found),
                folder=base,
                limit=MAX_ENTRIES,
            )
        )
        return ContentTree(None, (), tuple(diagnostics), 0)
    jobs: list[Job] = []
    for relative, is_link in found:
        shown = f"{base}/{relative}"
        kind, problem = _classify(relative)
        if is_link:
            diagnostics.append(error(shown, 1, 1, "content/symlink"))
        elif problem:
            key, params = problem
            diagnostics.append(error(shown, 1, 1, "content/unexpected-file", key, **params))
        else:
            jobs.append(Job(content_dir / relative, shown, kind))
    site: Document | None = None
    site_checked: Checked | None = None
    sources: list[Source] = []
    unreadable: list[str] = []
    for job, outcome in zip(jobs, _outcomes(jobs, limits, workers, check, cache), strict=True):
        diagnostics.extend(outcome.loaded.diagnostics)
        document = outcome.loaded.document
        if document is None:
            unreadable.append(job.shown)
        elif job.kind is None:
            site, site_checked = document, outcome.checked
        else:
            sources.append(Source(job.kind, document, outcome.checked))
    return ContentTree(
        site, tuple(sources), tuple(diagnostics), len(jobs), tuple(unreadable), site_checked
    )


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


_Misplaced = tuple[str, dict[str, Param]]
"""Why a file does not belong where it is: a content/unexpected-file message and its values."""


def _classify(relative: str) -> tuple[Kind | None, _Misplaced | None]:
    """The kind a content path declares, or why the file does not belong there."""
    parts = relative.split("/")
    suffix = posixpath.splitext(parts[-1])[1]
    if any(part.startswith(".") for part in parts):
        return None, ("hidden", {})
    if suffix == ".yml":
        return None, ("yml", {})
    if suffix != ".yaml":
        return None, ("not-yaml", {})
    if parts == [SITE_FILE]:
        return None, None
    sections = tuple(sorted(KINDS_BY_SECTION))
    if len(parts) == 1:
        return None, ("top-level", {"site": SITE_FILE, "sections": sections})
    kind = KINDS_BY_SECTION.get(parts[0])
    if kind is None:
        return None, ("unknown-folder", {"folder": parts[0], "sections": sections})
    depth = 3 if kind.nested else 2
    if len(parts) != depth:
        shape = "answers/<topic>/<id>.yaml" if kind.nested else f"{kind.section}/<id>.yaml"
        return None, ("wrong-depth", {"a_kind": kind.name, "shape": shape})
    return kind, None


def _outcomes(
    jobs: Sequence[Job],
    limits: Limits,
    workers: int | None,
    check: FileCheck | None,
    cache: ResultCache | None,
) -> list[Outcome]:
    """Every job's outcome: from the cache where the file is unchanged, else run."""
    if cache is None:
        return run_jobs(jobs, limits, workers, check)
    outcomes: list[Outcome | None] = []
    checked_ns = time.time_ns()  # before any file is stamped or read: see cache.RACY_NS
    stamps = [stamp(job.path) for job in jobs]
    missed: list[int] = []
    for index, (job, current) in enumerate(zip(jobs, stamps, strict=True)):
        packed = cache.get(job.shown, current)
        # An entry cached without checks serves only a run that checks nothing either.
        if packed is None or (check is not None and packed[0] is not None and packed[2] is None):
            missed.append(index)
            outcomes.append(None)
        else:
            outcomes.append(unpack(packed, job))
    fresh = run_jobs([jobs[index] for index in missed], limits, workers, check)
    for index, outcome in zip(missed, fresh, strict=True):
        outcomes[index] = outcome
        cache.put(jobs[index].shown, stamps[index], pack(outcome))
    cache.save((job.shown for job in jobs), checked_ns)
    return [outcome for outcome in outcomes if outcome is not None]
