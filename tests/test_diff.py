"""``answer-center diff``: what a change does to what answer engines read, on two real
builds (site folders) and on two git revisions built in temporary work trees."""

from __future__ import annotations

import io
import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from answer_center import commands
from answer_center.project import Project
from conftest import REPOSITORY
from diff_sites import build, head_content, new_project

pytestmark = pytest.mark.engine

EXPECTED_BODY = (Path(__file__).parent / "diff_expected.md").read_text(encoding="utf-8")
"""The report after its heading and counts, byte for byte (Chinese: the site's language)."""


def _heading(base: str, head: str) -> str:
    return (
        "## 答案引擎将看到的变化\n\n"
        f"对比 `{base}` 与 `{head}`:新增 1 条,修改 2 条,弃用 1 条,重定向 1 条,删除 1 条。\n\n"
    )


def _diff(project: Project, base: str, head: str | None, fmt: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    status = commands.diff(project, base, head, fmt, out, err)
    return status, out.getvalue(), err.getvalue()


@pytest.fixture(scope="module")
def two_builds(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """``base-site/`` (the base build's site/) beside a project whose site/ is the head."""
    root = tmp_path_factory.mktemp("diff-builds")
    project = new_project(root / "project")
    build(project.root)
    shutil.copytree(project.root / "site", root / "base-site")
    head_content(project)
    build(project.root)
    return root


def test_two_site_folders_give_every_kind_of_change_and_fail_on_lost_addresses(
    two_builds: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(two_builds)
    status, out, _ = _diff(Project(two_builds / "project"), "base-site", "project/site", "markdown")
    assert out == _heading("base-site", "project/site") + EXPECTED_BODY
    assert status == 1


def test_head_defaults_to_the_working_tree_built_first(
    two_builds: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(two_builds)
    status, out, err = _diff(Project(two_builds / "project"), "base-site", None, "markdown")
    assert out == _heading("base-site", "工作区") + EXPECTED_BODY
    assert "no page changed, the engine did not run" in err
    assert status == 1


def test_a_site_compared_with_itself_shows_nothing_and_passes(two_builds: Path) -> None:
    site = str(two_builds / "base-site")
    status, out, _ = _diff(Project(two_builds / "project"), site, site, "markdown")
    assert status == 0
    assert out.endswith("删除 0 条。\n\n答案引擎看到的内容没有变化。\n")


def _validator() -> Draft202012Validator:
    schema = json.loads((REPOSITORY / "schemas" / "diff.schema.json").read_text("utf-8"))
    return Draft202012Validator(schema)


def test_json_follows_its_schema_and_names_every_change(two_builds: Path) -> None:
    base, head = str(two_builds / "base-site"), str(two_builds / "project" / "site")
    status, out, _ = _diff(Project(two_builds / "project"), base, head, "json")
    document: dict[str, Any] = json.loads(out)
    _validator().validate(document)
    assert status == 1 and document["ok"] is False
    assert [e["id"] for e in document["added"]] == ["epsilon"]
    assert [(e["id"], e["fields"]) for e in document["changed"]] == [
        ("alpha", ["short_answer"]),
        ("basics", ["members"]),
    ]
    assert document["deprecated"][0]["superseded_by"] == "alpha"
    assert document["redirected"] == [
        {
            "from": "gamma",
            "to": "alpha",
            "kind": "answer",
            "path": "/answers/gamma/",
            "target_path": "/answers/alpha/",
        }
    ]
    assert [e["id"] for e in document["removed"]] == ["beta"]
    assert document["missing_paths"] == [
        "/answers/beta.md",
        "/answers/beta/",
        "/api/v1/answers/beta.json",
    ]
    assert document["changed_paths"] == [
        "/answers/epsilon/",
        "/answers/alpha/",
        "/topics/basics/",
        "/answers/delta/",
        "/answers/beta/",
        "/answers/gamma/",
    ]


def test_a_name_that_is_neither_a_site_nor_a_revision_is_a_usage_error(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    project = Project(tmp_path)
    status, out, err = _diff(project, "no-such-thing", str(tmp_path / "empty"), "markdown")
    assert (status, out) == (2, "")
    assert err == "diff: 'no-such-thing' is neither a built site folder nor a git revision\n"
    status, _, err = _diff(project, str(tmp_path / "empty"), str(tmp_path / "empty"), "json")
    assert status == 2
    assert err == (
        f"diff: {tmp_path / 'empty'}: not a built site (no api/v1/index.json); "
        "run answer-center build first\n"
    )


def _git(root: Path, *args: str) -> str:
    result = subprocess.run(
        ["git", "-C", str(root), *args], check=True, capture_output=True, text=True
    )
    return result.stdout


def test_two_git_revisions_are_built_in_temporary_work_trees(tmp_path: Path) -> None:
    project = new_project(tmp_path / "repo", own_schemas=True)
    root = project.root
    _git(root, "init", "--quiet", "--initial-branch=main")
    _git(root, "config", "user.email", "editor@example.com")
    _git(root, "config", "user.name", "Editor")
    _git(root, "add", "-A")
    _git(root, "commit", "--quiet", "-m", "base")
    _git(root, "tag", "base")
    head_content(project)
    _git(root, "add", "-A")
    _git(root, "commit", "--quiet", "-m", "head")
    status, out, err = _diff(Project(root), "base", "HEAD", "markdown")
    assert out == _heading("base", "HEAD") + EXPECTED_BODY, err
    assert status == 1
    # The temporary work trees are gone, and the checkout was never built into.
    assert _git(root, "worktree", "list", "--porcelain").count("worktree ") == 1
    assert not (root / "site").exists() and not (root / "build").exists()
    assert _git(root, "status", "--porcelain") == ""


def test_a_revision_that_does_not_build_says_so(tmp_path: Path) -> None:
    project = new_project(tmp_path / "repo", own_schemas=True)
    root = project.root
    project.answer("broken", extra="unknown_key: 1\n")
    _git(root, "init", "--quiet")
    _git(root, "config", "user.email", "editor@example.com")
    _git(root, "config", "user.name", "Editor")
    _git(root, "add", "-A")
    _git(root, "commit", "--quiet", "-m", "broken")
    status, out, err = _diff(Project(root), "HEAD", "HEAD", "markdown")
    assert (status, out) == (1, "")
    assert "content/answers/basics/broken.yaml:24:1: error [schema/" in err
    assert err.endswith(") does not build\n")
    assert err.splitlines()[-1].startswith("diff: HEAD (")
    assert _git(root, "worktree", "list", "--porcelain").count("worktree ") == 1
