"""The build command: atomic, deterministic, and cheap to repeat."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from answer_center import publish
from answer_center.cli import main
from answer_center.publish import STAGING_PREFIX
from sample_site import copy_project, run_build, tree_digest


def test_two_builds_in_different_folders_are_byte_identical(tmp_path: Path) -> None:
    first = copy_project(tmp_path / "one")
    second = copy_project(tmp_path / "two")
    assert run_build(first)[0] == 0
    assert run_build(second)[0] == 0
    one, two = tree_digest(first.site_dir), tree_digest(second.site_dir)
    assert one.keys() == two.keys()
    assert one == two
    for path in first.site_dir.rglob("*"):
        if path.is_file() and path.suffix in {".html", ".xml", ".json", ".txt", ".md"}:
            assert str(tmp_path) not in path.read_text(encoding="utf-8"), path


def test_invalid_content_leaves_the_previous_site_untouched(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    assert run_build(project)[0] == 0
    before = tree_digest(project.site_dir)
    topic = project.content_dir / "topics" / "api-access.yaml"
    topic.write_text(topic.read_text(encoding="utf-8") + "titel: oops\n", encoding="utf-8")
    status, out, err = run_build(project)
    assert status == 1
    assert out == ""
    # The sample site is Chinese, and so are its messages.
    assert (
        "content/topics/api-access.yaml:11:1: error [schema/unknown-key] "
        "未知的键“titel”：你是不是想写“title”？"
    ) in err
    assert err.rstrip().endswith("构建失败：请先修正上面的错误；site/ 保持原样，没有改动")
    assert tree_digest(project.site_dir) == before


def test_engine_failure_leaves_the_previous_site_untouched(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    assert run_build(project)[0] == 0
    before = tree_digest(project.site_dir)
    config = project.mkdocs_file.read_text(encoding="utf-8")
    project.mkdocs_file.write_text(
        config.replace("  - abbr\n", "  - abbr\n  - no_such_markdown_extension\n"), encoding="utf-8"
    )
    status, _, err = run_build(project)
    assert status == 1
    assert "the site engine reported" in err
    assert "no_such_markdown_extension" in err
    assert tree_digest(project.site_dir) == before
    assert not list(tmp_path.glob(f"{STAGING_PREFIX}*"))


def test_stale_staging_from_a_killed_build_is_cleaned_up(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    stale = tmp_path / f"{STAGING_PREFIX}99999"
    (stale / "answers").mkdir(parents=True)
    (stale / "answers" / "half-written.html").write_text("<html>", encoding="utf-8")
    assert run_build(project)[0] == 0
    assert not stale.exists()
    assert (project.site_dir / "index.html").is_file()


def test_unchanged_generated_files_keep_their_mtime(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    assert run_build(project)[0] == 0
    docs = project.build_dir / "docs"
    stamps = {p: p.stat().st_mtime_ns for p in docs.rglob("*.md")}
    for path in stamps:
        os.utime(path, ns=(1_000_000_000, 1_000_000_000))
    answer = project.content_dir / "answers" / "team-cost" / "team-ai-api-cost-control.yaml"
    answer.write_text(
        answer.read_text(encoding="utf-8").replace(
            "title: 团队使用 AI API 怎么控制成本？", "title: 团队使用 AI API 时怎么控制成本？"
        ),
        encoding="utf-8",
    )
    status, out, _ = run_build(project)
    assert status == 0
    changed = {p for p in stamps if p.stat().st_mtime_ns != 1_000_000_000}
    assert docs / "answers" / "team-cost-control.md" not in changed
    assert docs / "answers" / "team-ai-api-cost-control.md" in changed
    assert docs / "guides" / "stream-rate-limit-guide.md" not in changed
    assert len(changed) < len(stamps)
    assert "generated files changed" in out


def test_cli_build_exit_codes(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    assert main(["--root", str(project.root), "build"]) == 0
    (project.content_dir / "answers" / "team-cost" / "broken.yaml").write_text(
        "id: [unclosed\n", encoding="utf-8"
    )
    assert main(["--root", str(project.root), "build"]) == 1


def test_a_build_writes_only_into_site_and_build(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    home, system_tmp = tmp_path / "home", tmp_path / "tmp"
    home.mkdir()
    system_tmp.mkdir()
    before = tree_digest(project.root)
    env = {**os.environ, "HOME": str(home), "TMPDIR": str(system_tmp)}
    command = [sys.executable, "-m", "answer_center.cli", "--root", str(project.root), "build"]
    subprocess.run(command, env=env, check=True, capture_output=True)
    after = tree_digest(project.root)
    changed = {path for path in before.keys() | after.keys() if before.get(path) != after.get(path)}
    assert changed
    assert {path.split("/")[0] for path in changed} == {"site", "build"}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["home", "project", "tmp"]
    assert list(home.iterdir()) == []
    assert list(system_tmp.iterdir()) == []


def test_an_unsafe_theme_feature_is_refused(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    config = project.mkdocs_file.read_text(encoding="utf-8")
    project.mkdocs_file.write_text(
        config.replace("  features:\n", "  features:\n    - content.tooltips\n"), encoding="utf-8"
    )
    status, _, err = run_build(project)
    assert status == 1
    assert err.startswith(
        "mkdocs.yml: theme feature content.tooltips is not allowed: Material inserts tooltip "
        "text as HTML, and that text comes from content (glossary tooltips, navigation labels "
        "and titles cut short); remove it from theme.features\n"
    )
    assert not project.site_dir.exists()


@pytest.mark.parametrize(
    ("entry", "name"),
    [("- search", "search"), ("- material/search", "material/search"), ("- search: {}", "search")],
)
def test_the_engine_search_plugin_is_refused(tmp_path: Path, entry: str, name: str) -> None:
    project = copy_project(tmp_path)
    config = project.mkdocs_file.read_text(encoding="utf-8")
    assert "\nplugins: []\n" in config
    project.mkdocs_file.write_text(
        config.replace("\nplugins: []\n", f"\nplugins:\n  {entry}\n"), encoding="utf-8"
    )
    status, _, err = run_build(project)
    assert status == 1
    assert err.startswith(
        f"mkdocs.yml: plugin {name} is not used: search is built by Pagefind after the engine, "
        "in chunks a reader downloads as a query needs them; the plugin's single index of every "
        "page would be built beside it; remove it from plugins\n"
    )
    assert not project.site_dir.exists()


def test_a_swap_without_atomic_exchange_puts_the_old_site_back_on_failure(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("old", encoding="utf-8")
    monkeypatch.setattr(publish, "_exchange", lambda first, second: False)
    with pytest.raises(FileNotFoundError):
        publish.swap_in(tmp_path / f"{STAGING_PREFIX}gone", site)
    assert (site / "index.html").read_text(encoding="utf-8") == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]
    staging = publish.new_staging(site)
    (staging / "index.html").write_text("new", encoding="utf-8")
    publish.swap_in(staging, site)
    assert (site / "index.html").read_text(encoding="utf-8") == "new"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_a_site_left_aside_by_a_killed_swap_comes_back(tmp_path: Path) -> None:
    previous = tmp_path / f"{publish.PREVIOUS_PREFIX}4242"
    previous.mkdir()
    (previous / "index.html").write_text("old", encoding="utf-8")
    site = tmp_path / "site"
    staging = publish.new_staging(site)
    assert (site / "index.html").read_text(encoding="utf-8") == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["site", staging.name])
