"""A build stopped at any moment leaves the previous site/ complete, and the next one cleans up.

The build runs as the real command in a child process, which is then killed: SIGKILL at
moments spread over a whole build (nothing of ours runs after it), and SIGINT while the
site engine runs (Ctrl-C: the command cleans up and says so).
"""

from __future__ import annotations

import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from answer_center import publish
from answer_center.cli import INTERRUPTED
from answer_center.engine_site import ENGINE_SITE, STATE_FILE
from answer_center.project import Project
from answer_center.publish import STAGING_PREFIX
from processes import alive, children, command_line
from sample_site import copy_project, run_build, tree_digest

ANSWER = "content/answers/stream-rate-limit/ai-api-stream-429-timeout.yaml"


def start_build(project: Project) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "answer_center.cli", "--root", str(project.root), "build"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def wait_for_engine(build: subprocess.Popen[str]) -> bool:
    """Wait until the build has started the site engine; False if it ended first."""
    while build.poll() is None:
        if any("mkdocs" in command_line(child) for child in children(build.pid)):
            return True
        time.sleep(0.005)
    return False


def forget_engine_output(project: Project) -> None:
    """Drop what the engine kept, so the next build runs it on every page again."""
    shutil.rmtree(project.build_dir / ENGINE_SITE, ignore_errors=True)


def edit_content(project: Project, *, undo: bool = False) -> None:
    """Change what the next build publishes (or change it back), so two sites differ."""
    answer = project.root / ANSWER
    plain, edited = "\ntitle: ", "\ntitle: 【已更新】"
    old, new = (edited, plain) if undo else (plain, edited)
    text = answer.read_text(encoding="utf-8")
    assert old in text
    answer.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_sigkill_at_any_moment_leaves_a_complete_site(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    assert run_build(project)[0] == 0
    old = tree_digest(project.site_dir)
    shutil.copytree(project.site_dir, tmp_path / "old-site")
    edit_content(project)
    started = time.perf_counter()
    forget_engine_output(project)
    timing = start_build(project)
    assert timing.wait(timeout=120) == 0
    duration = time.perf_counter() - started
    new = tree_digest(project.site_dir)
    assert new != old
    # Back to the old site, then kill builds of the new content at moments spread over a build.
    shutil.rmtree(project.site_dir)
    (tmp_path / "old-site").rename(project.site_dir)
    engines_seen = 0
    # More moments than strictly needed: on a loaded machine the stages stretch unevenly.
    for fraction in (0.2, 0.35, 0.45, 0.55, 0.7, 0.9):
        forget_engine_output(project)
        build = start_build(project)
        time.sleep(duration * fraction)
        engines = children(build.pid)  # the site engine or the search indexer
        build.send_signal(signal.SIGKILL)
        build.wait(timeout=60)
        # The engine dies with its build at once; left alone it would go on for a second.
        deadline = time.monotonic() + 0.5
        while any(alive(pid) for pid in engines):
            assert time.monotonic() < deadline, "the site engine outlived its killed build"
            time.sleep(0.01)
        engines_seen += bool(engines)
        digest = tree_digest(project.site_dir)
        assert digest in (old, new), f"site/ is neither build after a kill at {fraction:.0%}"
    assert engines_seen, "no kill landed while the site engine ran"
    assert run_build(project)[0] == 0
    assert tree_digest(project.site_dir) == new
    assert not list(tmp_path.glob(f"{STAGING_PREFIX}*"))


def test_site_is_complete_at_every_step_of_the_swap(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A kill can land between any two steps; check site/ around every one of them.
    other = copy_project(tmp_path / "other")
    edit_content(other)
    assert run_build(other)[0] == 0
    new = tree_digest(other.site_dir)
    project = copy_project(tmp_path / "project")
    assert run_build(project)[0] == 0
    old = tree_digest(project.site_dir)
    edit_content(project)
    steps: list[str] = []

    def checked(name: str, step: Callable[..., Any]) -> Callable[..., Any]:
        def run(*args: Any, **kwargs: Any) -> Any:
            assert tree_digest(project.site_dir) in (old, new), f"site/ broken before {name}"
            result = step(*args, **kwargs)
            assert tree_digest(project.site_dir) in (old, new), f"site/ broken after {name}"
            steps.append(name)
            return result

        return run

    monkeypatch.setattr(publish, "_exchange", checked("exchange", publish._exchange))
    monkeypatch.setattr(shutil, "rmtree", checked("rmtree", shutil.rmtree))
    monkeypatch.setattr(Path, "rename", checked("rename", Path.rename))
    assert run_build(project)[0] == 0
    assert "exchange" in steps
    assert tree_digest(project.site_dir) == new


def test_ctrl_c_during_the_engine_run_cleans_up_and_says_so(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    assert run_build(project)[0] == 0
    old = tree_digest(project.site_dir)
    edit_content(project)
    build = start_build(project)
    assert wait_for_engine(build), "the build ended before it started the engine"
    build.send_signal(signal.SIGINT)
    out, err = build.communicate(timeout=60)
    assert build.returncode == INTERRUPTED, (out, err)
    assert err.endswith("build interrupted: site/ was left unchanged\n")
    assert "Traceback" not in err
    assert tree_digest(project.site_dir) == old
    assert not list(tmp_path.glob(f"{STAGING_PREFIX}*"))
    # What the engine kept may be half written: the next build does not trust it.
    assert not (project.build_dir / STATE_FILE).exists()
    assert run_build(project)[0] == 0
    assert tree_digest(project.site_dir) != old
