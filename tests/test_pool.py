"""The per-file stage gives the same outcomes in worker processes as in this one."""

from __future__ import annotations

import multiprocessing
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import pytest

from answer_center import pool
from answer_center.cli import INTERRUPTED
from answer_center.kinds import GLOSSARY
from answer_center.load import Position
from answer_center.pool import Job, Outcome, pack, run_jobs, unpack
from answer_center.validate import FileChecker
from answer_center.validate.allowlist import Allowlist
from answer_center.validate.schema import SchemaSet
from processes import alive, children

REPO = Path(__file__).resolve().parents[1]
CHECK = FileChecker(SchemaSet(REPO / "schemas"), Allowlist())


def tree_jobs(root: Path, count: int) -> list[Job]:
    """Glossary files: every seventh one does not load, the others break the schema or leak."""
    jobs = []
    for n in range(count):
        path = root / f"e{n}.yaml"
        if n % 7 == 0:
            text = f"id: e{n}\nid: again\n"
        elif n % 3 == 0:
            text = (
                f"id: e{n}\nterm: 词{n}\ndefinition: 写信给 someone{n}@corp-mail.cn 询问\n"
                "published: 2026-03-10\nupdated: 2026-10-18\n"
            )
        else:
            text = f"id: e{n}\ntitle: 第 {n} 条\n"
        path.write_text(text, encoding="utf-8")
        jobs.append(Job(path, f"content/glossary/e{n}.yaml", GLOSSARY))
    return jobs


def same(left: Outcome, right: Outcome) -> bool:
    if (left.loaded.diagnostics, left.checked) != (right.loaded.diagnostics, right.checked):
        return False
    a, b = left.loaded.document, right.loaded.document
    if a is None or b is None:
        return a is b
    return (a.path, a.data, dict(a.values)) == (b.path, b.data, dict(b.values))


def test_pool_gives_exactly_what_one_process_gives(tmp_path: Path) -> None:
    jobs = tree_jobs(tmp_path, 40)
    alone = run_jobs(jobs, workers=1, check=CHECK)
    pooled = run_jobs(jobs, workers=2, check=CHECK)
    assert all(same(a, b) for a, b in zip(alone, pooled, strict=True))
    first = pooled[0].loaded.diagnostics[0]
    assert first.text("en") == "duplicate key 'id' at line 1 and line 2; keep one"
    leak = pooled[3].checked
    assert leak is not None
    assert [(d.line, d.column, d.rule) for d in leak.findings] == [(3, 17, "secret/email-address")]
    assert leak.schema == ()
    broken = pooled[1].checked
    assert broken is not None
    assert broken.schema
    assert {d.rule for d in broken.schema} <= {"schema/required", "schema/unknown-key"}
    document = pooled[1].loaded.document
    assert document is not None
    assert document.raw == b""  # the bytes stayed in the worker; the file is read again
    assert document.source == jobs[1].path.read_bytes()
    assert document.value_position(("title",)) == Position(2, 8)


class PoolSpy:
    """Records the pools the per-file stage starts, by start method."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.methods: list[str] = []
        real = multiprocessing.get_context

        def get_context(method: str | None = None) -> Any:
            self.methods.append(str(method))
            return real(method)

        monkeypatch.setattr(multiprocessing, "get_context", get_context)


def test_pool_with_threads_running_starts_fresh_workers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Fresh (spawned) workers receive the checks pickled: the compiled schemas stay behind.
    spy = PoolSpy(monkeypatch)
    jobs = tree_jobs(tmp_path, 8)
    stop = threading.Event()
    watcher = threading.Thread(target=stop.wait, daemon=True)  # like serve's file watcher
    watcher.start()
    try:
        pooled = run_jobs(jobs, workers=2, check=CHECK)
    finally:
        stop.set()
        watcher.join()
    alone = run_jobs(jobs, workers=1, check=CHECK)
    assert all(same(a, b) for a, b in zip(alone, pooled, strict=True))
    assert spy.methods == ["spawn"]


def test_packing_round_trips(tmp_path: Path) -> None:
    jobs = tree_jobs(tmp_path, 7)
    for job, outcome in zip(jobs, run_jobs(jobs, workers=1, check=CHECK), strict=True):
        assert same(unpack(pack(outcome), job), outcome)


def test_pool_starts_only_for_many_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    spy = PoolSpy(monkeypatch)
    jobs = tree_jobs(tmp_path, 30)
    run_jobs(jobs, check=CHECK)  # a small tree: a pool would cost more than it saves
    assert spy.methods == []
    monkeypatch.setattr(pool, "PARALLEL_FROM", 30)
    run_jobs(jobs, check=CHECK)
    assert spy.methods == (["fork"] if len(os.sched_getaffinity(0)) > 1 else [])


def many_files(root: Path, count: int) -> Path:
    """A project of ``count`` glossary terms: enough for the pool to start."""
    content = root / "content"
    (content / "glossary").mkdir(parents=True)
    shutil.copy2(REPO / "content" / "site.yaml", content / "site.yaml")
    term = (REPO / "content" / "glossary" / "sse.yaml").read_text(encoding="utf-8")
    for n in range(count):
        text = term.replace("id: sse\n", f"id: term-{n}\n", 1)
        (content / "glossary" / f"term-{n}.yaml").write_text(text, encoding="utf-8")
    shutil.copytree(REPO / "schemas", root / "schemas")
    return root


def start_validation(root: Path) -> tuple[subprocess.Popen[str], set[int]]:
    """``answer-center validate`` in its own session, once its pool workers are running."""
    command = [sys.executable, "-m", "answer_center.cli", "--root", str(root), "validate"]
    process = subprocess.Popen(
        [*command, "--no-cache"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and process.poll() is None:
        workers = children(process.pid)
        if len(workers) >= 2 and all(ignores_sigint(pid) for pid in workers):
            return process, workers
        time.sleep(0.01)
    pytest.fail("the pool never started")


def ignores_sigint(pid: int) -> bool:
    """True once a worker has set itself up: it ignores Ctrl-C last (see pool._start_worker)."""
    try:
        status = Path(f"/proc/{pid}/status").read_text(encoding="utf-8")
    except OSError:
        return False
    ignored = next(line for line in status.splitlines() if line.startswith("SigIgn:"))
    return bool(int(ignored.split()[1], 16) & (1 << (signal.SIGINT - 1)))


linux_only = pytest.mark.skipif(
    not sys.platform.startswith("linux") or len(os.sched_getaffinity(0)) < 2,
    reason="reads /proc; parent-death signals are Linux's; a pool needs two CPUs",
)


@linux_only
def test_ctrl_c_stops_the_pool_without_a_traceback(tmp_path: Path) -> None:
    process, workers = start_validation(many_files(tmp_path, 3000))
    os.killpg(process.pid, signal.SIGINT)  # what a terminal sends: the whole group
    out, err = process.communicate(timeout=30)
    assert process.returncode == INTERRUPTED
    assert err == "validate interrupted\n"
    assert out == ""
    assert not any(alive(pid) for pid in workers)


@linux_only
def test_workers_die_with_a_killed_command(tmp_path: Path) -> None:
    process, workers = start_validation(many_files(tmp_path, 3000))
    process.kill()
    process.wait(timeout=30)
    deadline = time.monotonic() + 10
    while any(alive(pid) for pid in workers):
        assert time.monotonic() < deadline, "pool workers outlived the killed command"
        time.sleep(0.05)
