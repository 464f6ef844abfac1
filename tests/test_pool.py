"""The per-file stage gives the same outcomes in worker processes as in this one."""

from __future__ import annotations

import threading
from pathlib import Path

from answer_center.kinds import GLOSSARY
from answer_center.load import Position
from answer_center.pool import PARALLEL_FROM, Job, Outcome, pack, run_jobs, unpack
from answer_center.validate import FileChecker
from answer_center.validate.allowlist import Allowlist
from answer_center.validate.schema import SchemaSet

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
    assert first.message == "duplicate key 'id' at line 1 and line 2; keep one"
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


def test_pool_with_threads_running_starts_fresh_workers(tmp_path: Path) -> None:
    # Fresh (spawned) workers receive the checks pickled: the compiled schemas stay behind.
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


def test_packing_round_trips(tmp_path: Path) -> None:
    jobs = tree_jobs(tmp_path, 7)
    for job, outcome in zip(jobs, run_jobs(jobs, workers=1, check=CHECK), strict=True):
        assert same(unpack(pack(outcome), job), outcome)


def test_pool_starts_only_for_many_files() -> None:
    assert PARALLEL_FROM >= 500
