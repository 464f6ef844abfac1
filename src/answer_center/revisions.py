"""Sites built from git revisions: each revision is checked out in a temporary work tree
(``git worktree add --detach``), built there by this package, read, and removed.

The revision's own content, schemas and ``mkdocs.yml`` are built by the running package,
so two revisions compare as the same generator would publish them.
"""

from __future__ import annotations

import subprocess
import tempfile
from collections.abc import Callable
from pathlib import Path

from answer_center.project import Project
from answer_center.published_site import PublishedSite, read_site


class RevisionError(Exception):
    """A revision that is not in the repository, or that does not build."""


def _git(root: Path, *args: str) -> str:
    result = subprocess.run(
        ["git", "-C", str(root), *args], capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        raise RevisionError(result.stderr.strip() or f"git {' '.join(args)} failed")
    return result.stdout.strip()


def is_revision(root: Path, name: str) -> bool:
    """True when ``name`` names a commit of the repository ``root`` is in."""
    try:
        _git(root, "rev-parse", "--verify", "--quiet", f"{name}^{{commit}}")
    except RevisionError:
        return False
    return True


def built_revision(root: Path, revision: str, build: Callable[[Project], bool]) -> PublishedSite:
    """The site ``build`` makes of ``revision``, read before its work tree is removed.

    ``build`` builds a project and says whether it succeeded (printing why not). Raises
    :class:`RevisionError` when the revision is unknown or does not build.
    """
    top = Path(_git(root, "rev-parse", "--show-toplevel"))
    inside = root.resolve().relative_to(top.resolve())
    commit = _git(root, "rev-parse", "--verify", f"{revision}^{{commit}}")
    with tempfile.TemporaryDirectory(prefix="answer-center-diff-") as temporary:
        tree = Path(temporary) / "tree"
        _git(root, "worktree", "add", "--detach", "--quiet", str(tree), commit)
        try:
            project = Project(tree / inside)
            if not build(project):
                raise RevisionError(f"{revision} ({commit[:12]}) does not build")
            return read_site(project.site_dir)
        finally:
            _git(root, "worktree", "remove", "--force", str(tree))
