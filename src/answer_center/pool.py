"""The per-file stage: load each content file and run the checks that need that file alone.

Loading and the per-file checks (sensitive data, markup, schema) are independent across
files, so a large tree runs them in worker processes; what needs every file (ids, links)
runs afterwards in the main process. Results travel back, and into the result cache, in
one plain form (:data:`Packed`) that ``marshal`` reads several times faster than pickle
reads dataclasses.
"""

from __future__ import annotations

import contextlib
import gc
import marshal
import multiprocessing
import os
import signal
import sys
import threading
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from answer_center.children import die_with
from answer_center.diagnostic_words import Params, Translated
from answer_center.diagnostics import Diagnostic, Severity
from answer_center.kinds import Kind
from answer_center.load import DEFAULT_LIMITS, Document, Limits, LoadResult, load_file

PARALLEL_FROM = 1_000
"""Below this many files a process pool costs more to start than it saves."""

_CHUNK_FILES = 200
"""Files per pool task: enough to amortise a task's cost, few enough to share the work."""


@dataclass(frozen=True)
class Checked:
    """What the per-file checks found in one document."""

    findings: tuple[Diagnostic, ...]
    """Problems that do not make the document unusable (sensitive data, unsafe links)."""
    schema: tuple[Diagnostic, ...]
    """Schema violations: the document is left out of the cross-file checks and the site."""


class FileCheck(Protocol):
    """The per-file checks; picklable, so that a spawned worker process can run them."""

    def __call__(self, document: Document, kind: Kind | None) -> Checked:
        """Check one loaded document; ``kind`` is None for ``site.yaml``."""
        ...


@dataclass(frozen=True)
class Job:
    """One file to load: where it is, how diagnostics name it, its kind (None: site.yaml)."""

    path: Path
    shown: str
    kind: Kind | None


@dataclass(frozen=True)
class Outcome:
    """One file's result: the document or why it did not load, and what its checks found."""

    loaded: LoadResult
    checked: Checked | None


_PackedParams = tuple[tuple[str, str | int | tuple[str, ...] | dict[str, str]], ...]
_Problem = tuple[str, int, int, str, str, str, _PackedParams]
Packed = tuple[Any, list[_Problem], list[_Problem] | None, list[_Problem] | None]
"""An :class:`Outcome` as plain data: the document's data (None when it did not load),
the load problems, then the checks' findings and schema problems (None when unchecked)."""


def run_jobs(
    jobs: Sequence[Job],
    limits: Limits = DEFAULT_LIMITS,
    workers: int | None = None,
    check: FileCheck | None = None,
) -> list[Outcome]:
    """Load (and check) every job's file, in order, in a process pool when that pays.

    ``workers`` caps the processes; ``None`` uses every CPU this process may run on once
    there are at least ``PARALLEL_FROM`` files, and ``1`` works in-process.
    """
    count = _worker_count(len(jobs), workers)
    with collector_paused():
        if count > 1:
            try:
                return _run_in_pool(jobs, limits, count, check)
            except (OSError, BrokenProcessPool):  # pragma: no cover - no pool: work here
                pass
        return [_run_job(job, limits, check) for job in jobs]


def _run_job(job: Job, limits: Limits, check: FileCheck | None) -> Outcome:
    loaded = load_file(job.path, job.shown, limits)
    if loaded.document is None or check is None:
        return Outcome(loaded, None)
    return Outcome(loaded, check(loaded.document, job.kind))


def pack(outcome: Outcome) -> Packed:
    """The outcome as plain data (the document's source bytes are left behind)."""
    document, checked = outcome.loaded.document, outcome.checked
    return (
        None if document is None else document.data,
        _pack_all(outcome.loaded.diagnostics),
        None if checked is None else _pack_all(checked.findings),
        None if checked is None else _pack_all(checked.schema),
    )


def unpack(packed: Packed, job: Job) -> Outcome:
    """The outcome of ``job`` from its packed form; the document reads its file if needed."""
    data, problems, findings, schema = packed
    document = None if data is None else Document(job.shown, data, origin=job.path)
    checked = None
    if findings is not None and schema is not None:
        checked = Checked(_unpack_all(findings), _unpack_all(schema))
    return Outcome(LoadResult(document, _unpack_all(problems)), checked)


def _pack_all(diagnostics: Sequence[Diagnostic]) -> list[_Problem]:
    return [
        (d.path, d.line, d.column, str(d.severity), d.rule, d.key, _pack_params(d.params))
        for d in diagnostics
    ]


def _pack_params(params: Params) -> _PackedParams:
    # The cache is marshal data: words in several languages travel as a dict.
    return tuple(
        (name, dict(value.texts) if isinstance(value, Translated) else value)
        for name, value in params
    )


def _unpack_params(packed: _PackedParams) -> Params:
    return tuple(
        (name, Translated(tuple(value.items())) if isinstance(value, dict) else value)
        for name, value in packed
    )


def _unpack_all(problems: Sequence[_Problem]) -> tuple[Diagnostic, ...]:
    if not problems:  # the common case, by far
        return ()
    return tuple(
        Diagnostic(path, line, column, Severity(severity), rule, key, _unpack_params(params))
        for path, line, column, severity, rule, key, params in problems
    )


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
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


_worker_check: FileCheck | None = None


def _start_worker(check: FileCheck | None, parent: int) -> None:
    global _worker_check
    _worker_check = check
    # Workers inherit the paused collector through fork; spawned ones pause it here.
    gc.disable()
    die_with(parent)
    # Ctrl-C is the command's to handle (it stops the pool); a worker only ends with it.
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _run_in_pool(
    jobs: Sequence[Job], limits: Limits, workers: int, check: FileCheck | None
) -> list[Outcome]:
    size = max(1, min(_CHUNK_FILES, -(-len(jobs) // (workers * 4))))
    chunks = [list(jobs[start : start + size]) for start in range(0, len(jobs), size)]
    # fork starts a worker in milliseconds with nothing to import again, but only a process
    # with one thread may fork safely (a lock held by another thread stays held in the
    # child): with threads running (serve's file watcher) workers start fresh.
    single = threading.active_count() == 1
    method = "fork" if sys.platform == "linux" and single else "spawn"
    outcomes: list[Outcome] = []
    with ProcessPoolExecutor(
        workers,
        mp_context=multiprocessing.get_context(method),
        initializer=_start_worker,
        initargs=(check, os.getpid()),
    ) as pool:
        try:
            blobs = pool.map(_run_packed, chunks, [limits] * len(chunks))
            for chunk, blob in zip(chunks, blobs, strict=True):
                packed: list[Packed] = marshal.loads(blob)
                outcomes.extend(unpack(item, job) for item, job in zip(packed, chunk, strict=True))
        except BaseException:
            # Ctrl-C: leaving the pool waits for the chunks still queued unless they are
            # cancelled, and the command would go on checking every file before it stops.
            pool.shutdown(wait=False, cancel_futures=True)
            raise
    return outcomes


def _run_packed(jobs: Sequence[Job], limits: Limits) -> bytes:
    """Run a chunk of jobs in a worker; the results travel back as one marshal blob.

    Sources are left behind (a document reads its file again if it ever needs positions):
    the transfer, not the parsing, decided whether the pool paid off.
    """
    return marshal.dumps([pack(_run_job(job, limits, _worker_check)) for job in jobs])
