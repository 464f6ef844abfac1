"""The pre-commit hooks, run by the real ``pre-commit`` in a temporary git repository that
holds a copy of the sample answer center, as an editor's checkout after ``make build``."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from pre_commit.clientlib import load_config, load_manifest

from fake_secrets import fake

REPO = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
ANSWER = "content/answers/team-cost/team-ai-api-cost-control.yaml"
SENTENCE = "测试脚本的消耗会混进生产账目"


@pytest.fixture
def checkout(tmp_path: Path) -> Path:
    root = tmp_path / "center"
    for name in ("content", "schemas"):
        shutil.copytree(REPO / name, root / name)
    for name in ("allowlist.yaml", ".pre-commit-config.yaml"):
        shutil.copy2(REPO / name, root / name)
    # What `make build` leaves: the command in .venv (here the one running the tests).
    (root / ".venv" / "bin").mkdir(parents=True)
    (root / ".venv" / "bin" / "answer-center").symlink_to(BIN / "answer-center")
    git(root, "init", "-q")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "sample")
    return root


def environment(root: Path) -> dict[str, str]:
    home = root.parent / "home"
    home.mkdir(exist_ok=True)
    return {
        **os.environ,
        "HOME": str(home),
        "PRE_COMMIT_HOME": str(home / "pre-commit"),
        "GIT_AUTHOR_NAME": "Editor",
        "GIT_AUTHOR_EMAIL": "editor@example.com",
        "GIT_COMMITTER_NAME": "Editor",
        "GIT_COMMITTER_EMAIL": "editor@example.com",
    }


def git(root: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=root, env=environment(root), check=True)


def pre_commit(root: Path, *files: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(BIN / "pre-commit"), "run", "--color", "never", "--files", *files],
        cwd=root,
        env=environment(root),
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_good_content_passes(checkout: Path) -> None:
    ran = pre_commit(checkout, ANSWER)
    assert ran.returncode == 0, ran.stdout + ran.stderr
    assert "answer-center validate (schemas, references, sensitive data)" in ran.stdout
    assert ran.stdout.count("Passed") == 2


def test_a_leaked_key_fails_with_our_message(checkout: Path) -> None:
    answer = checkout / ANSWER
    key = "sk-proj-" + fake("alnum", 40)
    answer.write_text(
        answer.read_text(encoding="utf-8").replace(SENTENCE, f"密钥 {key}，{SENTENCE}", 1),
        encoding="utf-8",
    )
    ran = pre_commit(checkout, ANSWER)
    assert ran.returncode == 1
    assert f"{ANSWER}:9:" in ran.stdout
    assert "error [secret/openai-api-key]" in ran.stdout
    assert key not in ran.stdout  # masked, as validation always prints it


def test_typography_is_fixed_in_the_changed_file(checkout: Path) -> None:
    answer = checkout / ANSWER
    text = answer.read_text(encoding="utf-8")
    answer.write_text(text.replace(SENTENCE, f"在Python里,{SENTENCE}", 1), encoding="utf-8")
    ran = pre_commit(checkout, ANSWER)
    # pre-commit fails a hook that changed files, so the editor sees and stages the fix.
    assert ran.returncode == 1
    assert "files were modified by this hook" in ran.stdout
    assert f"{ANSWER}：改写了 1 个值" in ran.stdout  # the sample site is Chinese
    assert answer.read_text(encoding="utf-8") == text.replace(
        SENTENCE, f"在 Python 里，{SENTENCE}", 1
    )
    assert pre_commit(checkout, ANSWER).returncode == 0


def test_other_repositories_get_the_same_hooks() -> None:
    """The published hooks and this repository's local ones are the same commands."""
    published = {hook["id"]: hook for hook in load_manifest(REPO / ".pre-commit-hooks.yaml")}
    (local,) = load_config(REPO / ".pre-commit-config.yaml")["repos"]
    assert local["repo"] == "local"
    assert set(published) == {hook["id"] for hook in local["hooks"]}
    for hook in local["hooks"]:
        mine = published[hook["id"]]
        assert mine["language"] == "python"
        assert hook["entry"] == f".venv/bin/{mine['entry']}"
        assert (hook["files"], hook["pass_filenames"]) == (mine["files"], mine["pass_filenames"])
