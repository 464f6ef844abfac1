"""A build stopped at any moment leaves the previous site/ complete, and the next one cleans up.

The build runs as the real command in a child process, which is then killed: SIGKILL at
moments spread over a whole build (nothing of ours runs after it), and SIGINT while the
site engine is writing the staging folder (Ctrl-C: the command cleans up and says so).
"""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

from answer_center.cli import INTERRUPTED
from answer_center.project import Project
from answer_center.publish import STAGING_PREFIX
from sample_site import copy_project, run_build, tree_digest

ANSWER = "content/answers/stream-rate-limit/ai-api-stream-429-timeout.yaml"


def start_build(project: Project) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "answer_center.cli", "--root", str(project.root), "build"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def wait_for_staging(project: Project, build: subprocess.Popen[str]) -> bool:
    """Wait until the build has a staging folder; False if it ended first."""
    while build.poll() is None:
        if any(project.root.glob(f"{STAGING_PREFIX}*")):
            return True
        time.sleep(0.005)
    return False


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
    edit_content(project)
    started = time.perf_counter()
    timing = start_build(project)
    assert timing.wait(timeout=120) == 0
    duration = time.perf_counter() - started
    new = tree_digest(project.site_dir)
    assert new != old
    # Back to the old site, then kill builds of the new content at moments spread over a build.
    edit_content(project, undo=True)
    assert run_build(project)[0] == 0
    assert tree_digest(project.site_dir) == old
    edit_content(project)
    seen = set()
    killed_with_staging = 0
    for fraction in (0.1, 0.3, 0.5, 0.7, 0.85, 0.97):
        build = start_build(project)
        time.sleep(duration * fraction)
        killed_with_staging += any(project.root.glob(f"{STAGING_PREFIX}*"))
        build.send_signal(signal.SIGKILL)
        build.wait(timeout=60)
        digest = tree_digest(project.site_dir)
        assert digest in (old, new), f"site/ is neither build after a kill at {fraction:.0%}"
        seen.add("old" if digest == old else "new")
    # The kills did land while the engine was writing, not only before or after.
    assert killed_with_staging >= 2
    assert run_build(project)[0] == 0
    assert tree_digest(project.site_dir) == new
    assert not list(tmp_path.glob(f"{STAGING_PREFIX}*"))
    assert "old" in seen


def test_ctrl_c_during_the_engine_run_cleans_up_and_says_so(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    assert run_build(project)[0] == 0
    old = tree_digest(project.site_dir)
    edit_content(project)
    build = start_build(project)
    assert wait_for_staging(project, build), "the build ended before it staged anything"
    time.sleep(0.2)  # the site engine is running by now
    build.send_signal(signal.SIGINT)
    out, err = build.communicate(timeout=60)
    assert build.returncode == INTERRUPTED, (out, err)
    assert err.endswith("build interrupted: site/ was left unchanged\n")
    assert "Traceback" not in err
    assert tree_digest(project.site_dir) == old
    assert not list(tmp_path.glob(f"{STAGING_PREFIX}*"))
