"""Two real builds of a small answer center that differ the way a pull request does: an
answer added, one changed, one deprecated, one removed with a redirect and one removed
without (which breaks its published addresses)."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

from answer_center import commands
from answer_center.project import Project
from conftest import REPOSITORY, MiniProject

BASE_ANSWERS = ("alpha", "beta", "gamma", "delta")
CHANGED_SHORT_ANSWER = "这是问题 alpha 的简短回答，已经按新的限流规则改写，可以直接引用。"


def new_project(root: Path, *, own_schemas: bool = False) -> MiniProject:
    """A buildable project at ``root`` with the base content; ``own_schemas`` copies the
    schemas (a git repository holds its own, not a link out of it)."""
    root.mkdir(parents=True)
    project = MiniProject(root)
    if own_schemas:
        (root / "schemas").unlink()
        shutil.copytree(REPOSITORY / "schemas", root / "schemas")
    for name in ("mkdocs.yml", "allowlist.yaml"):
        shutil.copy2(REPOSITORY / name, root / name)
    base_content(project)
    return project


def base_content(project: MiniProject) -> None:
    """Four answers in one topic."""
    for answer in BASE_ANSWERS:
        project.answer(answer)
    project.topic("basics", list(BASE_ANSWERS))


def head_content(project: MiniProject) -> None:
    """alpha's short answer rewritten, delta deprecated for alpha, gamma redirected to
    alpha, beta removed, epsilon added."""
    content = project.root / "content"
    alpha = content / "answers/basics/alpha.yaml"
    text = alpha.read_text(encoding="utf-8")
    old = "这是问题 alpha 的简短回答，足够二十个字符长，可以直接引用。"
    assert old in text
    alpha.write_text(text.replace(old, CHANGED_SHORT_ANSWER), encoding="utf-8")
    delta = content / "answers/basics/delta.yaml"
    text = delta.read_text(encoding="utf-8")
    delta.write_text(
        text.replace("status: published", "status: deprecated\nsuperseded_by: alpha"),
        encoding="utf-8",
    )
    (content / "answers/basics/beta.yaml").unlink()
    (content / "answers/basics/gamma.yaml").unlink()
    project.answer("epsilon", published="2026-03-05", updated="2026-03-05")
    project.topic("basics", ["alpha", "delta", "epsilon"])
    site = content / "site.yaml"
    redirect = "redirects:\n  - from: gamma\n    to: alpha\n    kind: answer\n"
    site.write_text(site.read_text(encoding="utf-8") + redirect, encoding="utf-8")


def build(root: Path) -> None:
    """Build the project at ``root``; the build must succeed."""
    err = io.StringIO()
    assert commands.build(Project(root), err, err) == 0, err.getvalue()
