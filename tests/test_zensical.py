"""Engine independence: Zensical builds the same generated tree (optional extra)."""

from __future__ import annotations

from pathlib import Path

import pytest

from answer_center.engine import run_zensical, zensical_available
from sample_site import copy_project, run_build

pytestmark = pytest.mark.skipif(
    not zensical_available(), reason="Zensical is not installed: pip install '.[zensical]'"
)


def test_zensical_builds_the_generated_tree(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    assert run_build(project)[0] == 0
    result = run_zensical(project.build_dir / "mkdocs.yml")
    assert result.ok, result.output
    answer = project.build_dir / "site" / "answers" / "ai-api-stream-429-timeout" / "index.html"
    html = answer.read_text(encoding="utf-8")
    assert '<html lang="zh-CN"' in html
    assert "ac-short-answer" in html
    assert "application/ld+json" in html
