"""The result cache: unchanged files are not checked again, and nothing stale is ever used."""

from __future__ import annotations

import marshal
import os
import shutil
import time
from collections.abc import Sequence
from pathlib import Path

import pytest

import answer_center
from answer_center import cache, commands, pool
from answer_center.cli import main
from answer_center.load import Limits
from answer_center.pool import FileCheck, Job, Outcome
from answer_center.project import Project
from sample_site import copy_project

ANSWER = "content/answers/stream-rate-limit/ai-api-stream-429-timeout.yaml"
HOUR_AGO = time.time() - 3600


class Spy:
    """Counts the files the per-file stage really loads and checks."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.runs: list[int] = []
        self.delay = 0.0
        """Seconds each run of the stage takes longer, as on a large tree."""
        real = pool.run_jobs

        def counting(
            jobs: Sequence[Job],
            limits: Limits,
            workers: int | None = None,
            check: FileCheck | None = None,
        ) -> list[Outcome]:
            self.runs.append(len(jobs))
            time.sleep(self.delay)
            return real(jobs, limits, workers, check)

        # content.py calls the stage by this name; the spy counts and passes through.
        monkeypatch.setattr("answer_center.content.run_jobs", counting)

    @property
    def last(self) -> int:
        return self.runs[-1]


def age(project: Project, when: float = HOUR_AGO) -> None:
    """Date every content file back, as files look that were not just edited."""
    for path in project.content_dir.rglob("*.yaml"):
        os.utime(path, (when, when))


def found(report: commands.Report) -> list[tuple[str, int, int, str]]:
    return [(d.path, d.line, d.column, d.rule) for d in report.diagnostics]


@pytest.fixture
def project(tmp_path: Path) -> Project:
    project = copy_project(tmp_path)
    age(project)
    return project


@pytest.fixture
def spy(monkeypatch: pytest.MonkeyPatch) -> Spy:
    return Spy(monkeypatch)


def files(project: Project) -> int:
    return sum(1 for _ in project.content_dir.rglob("*.yaml"))


def test_unchanged_files_come_from_the_cache(project: Project, spy: Spy) -> None:
    first = commands.validate(project)
    assert spy.last == files(project)
    assert project.cache_file.is_file()
    second = commands.validate(project)
    assert spy.last == 0
    assert second.diagnostics == first.diagnostics == ()
    assert second.files_checked == first.files_checked == files(project)
    assert second.validation.sources == first.validation.sources


def test_an_edited_file_is_checked_again(project: Project, spy: Spy) -> None:
    commands.validate(project)
    answer = project.root / ANSWER
    original = answer.read_text(encoding="utf-8")
    answer.write_text(
        original.replace("\ntitle: ", "\ntitle: 写信给 ops.lead@corp-mail.cn ", 1), encoding="utf-8"
    )
    os.utime(answer, (HOUR_AGO + 60, HOUR_AGO + 60))
    report = commands.validate(project)
    assert spy.last == 1
    assert found(report) == [(ANSWER, 2, 12, "secret/email-address")]
    answer.write_text(original, encoding="utf-8")
    os.utime(answer, (HOUR_AGO + 120, HOUR_AGO + 120))
    assert commands.validate(project).diagnostics == ()
    assert spy.last == 1


@pytest.mark.parametrize("changed", ["allowlist.yaml", "schemas/answer.schema.json"])
def test_a_changed_allowlist_or_schema_rechecks_everything(
    project: Project, spy: Spy, changed: str
) -> None:
    commands.validate(project)
    path = project.root / changed
    path.write_bytes(path.read_bytes() + b"\n")
    commands.validate(project)
    assert spy.last == files(project)


def test_cached_files_get_exact_cross_file_positions(project: Project, spy: Spy) -> None:
    answer = project.root / ANSWER
    text = answer.read_text(encoding="utf-8")
    answer.write_text(text.replace("  - id: ", "  - id: no-such-", 1), encoding="utf-8")
    age(project)
    uncached = commands.validate(project, use_cache=False)
    assert not project.cache_file.exists()
    commands.validate(project)
    cached = commands.validate(project)
    assert spy.last == 0
    assert [d.rule for d in cached.diagnostics] == ["ref/unresolved"]
    assert cached.diagnostics == uncached.diagnostics


def test_a_corrupt_cache_is_ignored_and_rewritten(project: Project, spy: Spy) -> None:
    commands.validate(project)
    project.cache_file.write_bytes(b"\x00not a cache")
    assert commands.validate(project).diagnostics == ()
    assert spy.last == files(project)
    commands.validate(project)
    assert spy.last == 0


def test_files_edited_just_before_the_cache_was_written_are_checked_again(
    project: Project, spy: Spy
) -> None:
    # An edit in the same clock tick as the read that cached the file would keep its time.
    age(project, time.time())
    commands.validate(project)
    commands.validate(project)
    assert spy.last == files(project)


def test_a_file_edited_just_before_a_long_run_is_checked_again(project: Project, spy: Spy) -> None:
    # Edited 1.5 s before the run began: an edit in the same clock tick as the read would
    # keep this time, however long the run then takes before the cache is written.
    answer = project.root / ANSWER
    recent = time.time() - 1.5
    os.utime(answer, (recent, recent))
    spy.delay = 1.0
    commands.validate(project)
    spy.delay = 0.0
    commands.validate(project)
    assert spy.last == 1


def test_deleted_files_leave_the_cache(project: Project) -> None:
    commands.validate(project)
    (project.content_dir / "glossary" / "sse.yaml").unlink()
    commands.validate(project)
    _, _, _, entries = marshal.loads(project.cache_file.read_bytes())
    assert "content/glossary/sse.yaml" not in entries
    assert len(entries) == files(project)


def test_no_cache_option(project: Project, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--root", str(project.root), "validate", "--no-cache"]) == 0
    assert not project.cache_file.exists()
    assert "没有问题" in capsys.readouterr().out  # the sample site is Chinese


def _other_package(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    package = tmp_path / "package"
    shutil.copytree(Path(answer_center.__file__).parent, package)
    rules = package / "validate" / "secret_rules.py"
    rules.write_text(rules.read_text(encoding="utf-8") + "\n# a new rule\n", encoding="utf-8")
    monkeypatch.setattr(answer_center, "__file__", str(package / "__init__.py"))


@pytest.mark.parametrize("change", ["package", "limits", "library", "parser"])
def test_what_the_verdicts_depend_on_drops_the_cache(
    project: Project, spy: Spy, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, change: str
) -> None:
    commands.validate(project)
    if change == "package":
        _other_package(tmp_path, monkeypatch)
    elif change == "limits":
        monkeypatch.setattr(commands, "DEFAULT_LIMITS", Limits(max_depth=23))
    elif change == "library":
        monkeypatch.setattr(cache, "_version", lambda name: "99.0")
    else:
        monkeypatch.setattr(cache, "PARSER", "libyaml 9.9.9")
    commands.validate(project)
    assert spy.last == files(project)
