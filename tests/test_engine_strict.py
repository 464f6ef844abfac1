"""The site engine runs strict: a warning fails the build and site/ stays as it was.

MkDocs counts strict mode's warnings only when it prints them, so ``--quiet`` used to turn
strict mode off: a page linking a page that was never generated was published with exit
status 0. Content cannot produce such a link (the generator writes the links between
pages), so these tests put one into the generated tree between generation and the engine.
"""

from __future__ import annotations

import io
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest

from answer_center import commands
from answer_center.engine import run_mkdocs
from answer_center.model import Catalog
from answer_center.publish import STAGING_PREFIX
from answer_center.render.site_tree import ENGINE_CONFIG_FILE, engine_tree
from answer_center.render.views import Views
from sample_site import copy_project, run_build, tree_digest

HOME_PAGE = "docs/index.md"
DEAD_LINK = "\n[术语表](no-such-glossary.md)\n"
WARNING = (
    "WARNING -  Doc file 'index.md' contains a link 'no-such-glossary.md', "
    "but the target is not found among documentation files."
)


def with_dead_link(tree: dict[str, bytes]) -> dict[str, bytes]:
    """The generated tree with the home page linking a page that does not exist."""
    return {**tree, HOME_PAGE: tree[HOME_PAGE] + DEAD_LINK.encode()}


def test_a_dead_link_fails_the_build_and_leaves_site_unchanged(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = copy_project(tmp_path)
    status, out, err = run_build(project)
    assert (status, err) == (0, "")  # a clean build prints no engine output
    assert out.startswith("built site/ from ")
    before = tree_digest(project.site_dir)

    def dead_linked(
        catalog: Catalog,
        config: Mapping[str, Any],
        schemas: Mapping[str, bytes],
        views: Views | None = None,
    ) -> dict[str, bytes]:
        return with_dead_link(engine_tree(catalog, config, schemas, views))

    monkeypatch.setattr(commands, "engine_tree", dead_linked)
    status, out, err = run_build(project)
    assert status == 1
    assert out == ""
    # The engine's own words, without its progress lines or its word splitter's chatter.
    assert err == (
        "build failed: the site engine reported:\n"
        f"{WARNING}\n"
        "Aborted with 1 warnings in strict mode!\n"
        "site/ was left unchanged\n"
    )
    assert tree_digest(project.site_dir) == before
    assert not list(tmp_path.glob(f"{STAGING_PREFIX}*"))


def test_the_engine_itself_refuses_a_dead_link(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    printed = io.StringIO()
    generated = commands.generate(project, printed)
    assert generated is not None, printed.getvalue()
    home = project.build_dir / HOME_PAGE
    home.write_bytes(home.read_bytes() + DEAD_LINK.encode())
    newest = max(entry.updated for entry in generated.catalog.entries)
    result = run_mkdocs(project.build_dir / ENGINE_CONFIG_FILE, tmp_path / "out", newest)
    assert not result.ok
    assert WARNING in result.output.splitlines()
    assert result.report.splitlines() == [WARNING, "Aborted with 1 warnings in strict mode!"]
