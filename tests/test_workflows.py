"""The GitHub Actions workflows and CODEOWNERS: checked by actionlint, calling only commands
that exist, with the permissions a fork's pull request may have, and a reviewer for every
topic folder of the content."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from answer_center.cli import _parser
from sample_site import REPO

WORKFLOWS = sorted((REPO / ".github" / "workflows").glob("*.yml"))
CODEOWNERS = REPO / ".github" / "CODEOWNERS"
ACTIONLINT = Path(sys.executable).parent / "actionlint"
"""Installed with the dev dependencies (pyproject.toml)."""


def _load(path: Path) -> dict[Any, Any]:
    # YAML 1.1 reads the key `on` as True; workflows mean the string.
    data: dict[Any, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    if True in data:
        data["on"] = data.pop(True)
    return data


def _runs(workflow: dict[Any, Any]) -> list[str]:
    return [
        str(step["run"])
        for job in workflow["jobs"].values()
        for step in job.get("steps", ())
        if "run" in step
    ]


def test_the_workflows_pass_actionlint() -> None:
    assert WORKFLOWS, "no workflows found"
    result = subprocess.run(
        [str(ACTIONLINT), "-no-color", *map(str, WORKFLOWS)],
        capture_output=True,
        text=True,
        check=False,
        cwd=REPO,
    )
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")


def test_actionlint_finds_a_broken_workflow(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yml"
    broken.write_text(
        "on: push\njobs:\n  x:\n    runs-on: ubuntu-latest\n"
        "    steps:\n      - run: echo ${{ github.event.no_such_thing.x }}\n"
        "      - uses: actions/checkout@v5\n        with:\n          no-such-input: 1\n",
        encoding="utf-8",
    )
    result = subprocess.run(
        [str(ACTIONLINT), "-no-color", str(broken)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 1
    assert 'input "no-such-input" is not defined' in result.stdout


def _make_targets() -> set[str]:
    text = (REPO / "Makefile").read_text(encoding="utf-8")
    return set(re.findall(r"^([a-z][a-z-]*):", text, flags=re.MULTILINE))


def _subcommands() -> set[str]:
    parser = _parser()
    (sub,) = [a for a in parser._actions if a.dest == "command"]
    assert isinstance(sub.choices, dict)
    return set(sub.choices)


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_workflows_call_only_commands_that_exist(path: Path) -> None:
    scripts = "\n".join(_runs(_load(path)))
    targets = re.findall(r"\bmake ([a-z][a-z-]*)", scripts)
    commands = re.findall(r"answer-center ([a-z][a-z-]*)", scripts)
    files = re.findall(r"\bbash (scripts/\S+)", scripts)
    assert targets or commands, "no command found: the patterns are out of date"
    assert set(targets) <= _make_targets(), set(targets) - _make_targets()
    assert set(commands) <= _subcommands(), set(commands) - _subcommands()
    assert all((REPO / file).is_file() for file in files), files


def test_the_checks_find_a_missing_command() -> None:
    assert "setup" not in _make_targets()
    assert {"build", "test", "validate"} <= _make_targets()
    assert {"validate", "build", "diff", "ping", "merge", "serve"} <= _subcommands()


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_workflows_default_to_read_only_and_never_run_fork_code_with_secrets(path: Path) -> None:
    workflow = _load(path)
    assert workflow["permissions"] == {"contents": "read"}
    assert "pull_request_target" not in workflow["on"]
    for job in workflow["jobs"].values():
        for step in job.get("steps", ()):
            if str(step.get("uses", "")).startswith("actions/checkout@"):
                assert step["with"]["persist-credentials"] is False


def test_the_pull_request_workflow_reports_checks_retrieval_and_keeps_the_diff() -> None:
    workflow = _load(REPO / ".github" / "workflows" / "pull-request.yml")
    assert set(workflow["on"]) == {"pull_request"}
    scripts = "\n".join(_runs(workflow))
    assert "make validate FORMAT=github" in scripts
    assert 'answer-center diff "$BASE_SHA" > answer-engine-diff.md' in scripts
    assert ".venv/bin/answer-center report --format markdown" in scripts
    assert ".venv/bin/answer-center eval --format markdown > retrieval-check.md" in scripts
    # The content check with the editors' report, the diff, the retrieval check.
    assert scripts.count('>> "$GITHUB_STEP_SUMMARY"') == 3
    (upload,) = [
        s
        for s in workflow["jobs"]["check"]["steps"]
        if str(s.get("uses", "")).startswith("actions/upload-artifact@")
    ]
    assert upload["with"]["path"] == "answer-engine-diff.md"


def test_only_the_deploy_job_may_write_pages() -> None:
    workflow = _load(REPO / ".github" / "workflows" / "deploy.yml")
    assert workflow["on"]["push"] == {"branches": ["main"]}
    jobs = workflow["jobs"]
    assert jobs["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
    assert all("permissions" not in job for name, job in jobs.items() if name != "deploy")
    uses = [s.get("uses", "") for job in jobs.values() for s in job.get("steps", ())]
    assert "actions/upload-pages-artifact@v4" in uses and "actions/deploy-pages@v4" in uses


def _owners() -> dict[str, list[str]]:
    rules = {}
    for line in CODEOWNERS.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            pattern, *owners = line.split()
            rules[pattern] = owners
    return rules


def test_every_topic_folder_and_the_schemas_have_a_reviewer_team() -> None:
    content = REPO / "content"
    topics = {path.stem for path in (content / "topics").glob("*.yaml")}
    folders = {path.name for path in (content / "answers").iterdir() if path.is_dir()}
    assert folders <= topics
    owners = _owners()
    wanted = {f"/content/answers/{topic}/" for topic in topics} | {"/schemas/"}
    assert wanted <= set(owners), wanted - set(owners)
    for pattern, teams in owners.items():
        assert teams and all(re.fullmatch(r"@[a-z0-9-]+/[a-z0-9-]+", t) for t in teams), pattern
        # No rule for a folder that is gone (a topic's folder may wait for its first answer).
        assert pattern == "*" or pattern in wanted or (REPO / pattern.strip("/")).is_dir()


def test_the_command_also_runs_as_python_dash_m() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "answer_center", "diff", "--help"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("usage: answer-center diff [-h]")
