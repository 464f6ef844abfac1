"""Builds copies of the sample answer center for tests that look at real outputs."""

from __future__ import annotations

import hashlib
import io
import shutil
from pathlib import Path

from answer_center.commands import build
from answer_center.project import Project

REPO = Path(__file__).resolve().parents[1]


def copy_project(target: Path) -> Project:
    """A private copy of the repository's content, schemas and engine configuration."""
    for name in ("content", "schemas"):
        shutil.copytree(REPO / name, target / name)
    for name in ("mkdocs.yml", "allowlist.yaml"):
        shutil.copy2(REPO / name, target / name)
    return Project(target)


def run_build(project: Project) -> tuple[int, str, str]:
    """Build and return the exit status with what was printed."""
    out, err = io.StringIO(), io.StringIO()
    status = build(project, out, err)
    return status, out.getvalue(), err.getvalue()


def tree_digest(root: Path) -> dict[str, str]:
    """SHA-256 of every file under ``root``, by relative path."""
    return {
        path.relative_to(root).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }
