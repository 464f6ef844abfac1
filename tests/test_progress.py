"""A long build says on a terminal what it is doing, and nothing in CI or in a log.

The unit tests drive the one progress printer with a clock of their own; the slow test
runs the real command with stderr on a pseudo-terminal, then on a pipe and in CI.
"""

from __future__ import annotations

import io
import os
import pty
import re
import subprocess
import sys
from pathlib import Path

import pytest

from answer_center.progress import Progress, in_ci
from sample_site import copy_project

SRC = Path(__file__).resolve().parents[1] / "src"


def test_each_stage_is_one_line_with_its_count_and_the_time_since_the_start() -> None:
    ticks = iter([100.0, 100.0, 102.25, 160.5])
    stream = io.StringIO()
    progress = Progress(stream, clock=lambda: next(ticks))
    progress.stage("validating content")
    progress.stage("rendering", 10_010, "entries")
    progress.stage("site engine done: the engine built all 10013 pages")
    assert stream.getvalue().splitlines() == [
        "[    0.0 s] validating content",
        "[    2.2 s] rendering: 10,010 entries",
        "[   60.5 s] site engine done: the engine built all 10013 pages",
    ]


def test_progress_is_shown_on_a_terminal_only_and_never_in_ci() -> None:
    assert Progress.for_terminal(io.StringIO(), {}).stream is None  # a pipe or a file
    main, secondary = pty.openpty()
    try:
        with os.fdopen(secondary, "w", closefd=False) as terminal:
            assert Progress.for_terminal(terminal, {}).stream is terminal
            assert Progress.for_terminal(terminal, {"CI": "true"}).stream is None
            assert Progress.for_terminal(terminal, {"CI": "false"}).stream is terminal
    finally:
        os.close(main)
        os.close(secondary)
    assert in_ci({"CI": "1"}) and in_ci({"CI": "yes"}) and not in_ci({"CI": ""})
    assert not in_ci({})


def _build_on_a_terminal(root: Path, env: dict[str, str]) -> tuple[int, str, str]:
    """The real command with stderr on a pseudo-terminal: (status, stdout, terminal)."""
    main, secondary = pty.openpty()
    command = [sys.executable, "-m", "answer_center.cli", "--root", str(root), "build"]
    process = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=secondary, stdin=subprocess.DEVNULL, env=env
    )
    os.close(secondary)
    seen = b""
    while True:
        try:
            chunk = os.read(main, 65536)
        except OSError:  # the terminal closed: every writer has gone
            break
        if not chunk:
            break
        seen += chunk
    os.close(main)
    out = process.stdout.read() if process.stdout else b""
    status = process.wait()
    return status, out.decode(), seen.decode().replace("\r\n", "\n")


@pytest.mark.engine
def test_a_build_prints_its_stages_on_a_terminal_and_nothing_on_a_pipe_or_in_ci(
    tmp_path: Path,
) -> None:
    project = copy_project(tmp_path)
    env = {k: v for k, v in os.environ.items() if k != "CI"} | {"PYTHONPATH": str(SRC)}
    status, out, terminal = _build_on_a_terminal(project.root, env)
    assert status == 0, terminal
    stages = re.findall(r"^\[ *(\d+\.\d) s\] (.+)$", terminal, re.M)
    names = [re.sub(r"\d[\d,]*", "N", name) for _, name in stages]
    assert names == [
        "validating content",
        "rendering: N entries",
        "generated: N files",
        "site engine: N pages",
        "site engine done: the engine built all N pages",
        "search index: N entries",
        "publishing site/: N files",
    ]
    elapsed = [float(seconds) for seconds, _ in stages]
    assert elapsed == sorted(elapsed)
    pages = int(re.search(r"(\d+) pages \(", out).group(1))  # type: ignore[union-attr]
    assert f"site engine: {pages:,} pages" in terminal
    assert out.startswith("built site/ from ")

    piped = subprocess.run(
        [sys.executable, "-m", "answer_center.cli", "--root", str(project.root), "build"],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert piped.returncode == 0 and piped.stderr == ""
    assert "no page changed, the engine did not run" in piped.stdout

    status, out, terminal = _build_on_a_terminal(project.root, env | {"CI": "true"})
    assert status == 0 and terminal == ""
    assert out.startswith("built site/ from ")
