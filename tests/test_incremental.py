"""A build after an edit runs the engine on the pages that changed and publishes exactly what
a clean build of the same content publishes; shards built apart and merged do too."""

from __future__ import annotations

import io
import re
import shutil
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import pytest

from answer_center import commands
from answer_center.cli import main
from answer_center.engine_site import SHARD_MANIFEST
from answer_center.project import Project
from answer_center.render.site_tree import engine_tree
from sample_site import copy_project, run_build, tree_digest

ANSWER = "content/answers/stream-rate-limit/ai-api-stream-429-timeout.yaml"
SHORT_ANSWER_START = "先把问题归入三类之一"
RENAMED = ("ai-api-model-not-found", "ai-api-model-missing")


def edit_short_answer(project: Project) -> None:
    path = project.root / ANSWER
    text = path.read_text(encoding="utf-8")
    assert SHORT_ANSWER_START in text
    path.write_text(text.replace(SHORT_ANSWER_START, "先判断问题属于哪一类", 1), encoding="utf-8")


def retitle_topic(project: Project) -> None:
    path = project.content_dir / "topics" / "stream-rate-limit.yaml"
    text = path.read_text(encoding="utf-8")
    title = re.search(r"^title: (.*)$", text, re.M)
    assert title is not None
    path.write_text(
        text.replace(title.group(0), f"title: {title.group(1)} (修订)"), encoding="utf-8"
    )


def rename_answer(project: Project) -> None:
    """Give an answer a new id, as an editor would: every reference follows, and the old
    id redirects."""
    old, new = RENAMED
    for path in project.content_dir.rglob("*.yaml"):
        text = path.read_text(encoding="utf-8")
        if old in text:
            path.write_text(text.replace(old, new), encoding="utf-8")
    source = next(project.content_dir.rglob(f"{old}.yaml"))
    source.rename(source.with_name(f"{new}.yaml"))
    site = project.content_dir / "site.yaml"
    redirect = f"redirects:\n  - from: {old}\n    to: {new}\n    kind: answer\n"
    site.write_text(site.read_text(encoding="utf-8") + redirect, encoding="utf-8")


def built(project: Project) -> str:
    status, out, err = run_build(project)
    assert (status, err) == (0, ""), err
    return out


def clean_build_of(project: Project, root: Path) -> dict[str, str]:
    """The digest of a clean build of ``project``'s content, in another folder."""
    for name in ("content", "schemas"):
        shutil.copytree(project.root / name, root / name)
    for name in ("mkdocs.yml", "allowlist.yaml"):
        shutil.copy2(project.root / name, root / name)
    clean = Project(root)
    built(clean)
    return tree_digest(clean.site_dir)


@pytest.fixture
def project(tmp_path: Path) -> Project:
    project = copy_project(tmp_path / "project")
    assert "the engine built all 59 pages" in built(project)
    return project


def test_nothing_changed_runs_no_engine_and_keeps_the_site(project: Project) -> None:
    before = tree_digest(project.site_dir)
    assert "(0 generated files changed, 0 removed; no page changed, the engine did not run)" in (
        built(project)
    )
    assert tree_digest(project.site_dir) == before


def test_an_edit_rebuilds_the_pages_that_show_it_and_equals_a_clean_build(
    project: Project, tmp_path: Path
) -> None:
    shown = {
        path.relative_to(project.build_dir / "docs").as_posix()
        for path in (project.build_dir / "docs").rglob("*.md")
        if SHORT_ANSWER_START in path.read_text(encoding="utf-8")
    }
    assert "answers/ai-api-stream-429-timeout.md" in shown and len(shown) >= 2
    edit_short_answer(project)
    out = built(project)
    assert f"the engine rebuilt {len(shown)} of 59 pages, removed 0" in out
    assert tree_digest(project.site_dir) == clean_build_of(project, tmp_path / "clean")


def _inodes(root: Path) -> dict[str, int]:
    return {
        path.relative_to(root).as_posix(): path.stat().st_ino
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def test_an_edit_replaces_exactly_the_published_files_whose_bytes_changed(
    project: Project, tmp_path: Path
) -> None:
    """Every other file of site/ is the previous build's (a link to the kept copy), so
    publishing costs what changed, not the size of the site."""
    before, inodes = tree_digest(project.site_dir), _inodes(project.site_dir)
    edit_short_answer(project)
    built(project)
    after, replaced = tree_digest(project.site_dir), _inodes(project.site_dir)
    changed = {path for path in after if before.get(path) != after[path]}
    assert {
        "answers/ai-api-stream-429-timeout/index.html",
        "answers/ai-api-stream-429-timeout.md",
        "llms-full.txt",
    } <= changed
    assert any(path.startswith("pagefind/") for path in changed)
    assert {path for path in after if inodes.get(path) != replaced[path]} == changed
    assert after == clean_build_of(project, tmp_path / "clean")


def test_a_changed_navigation_rebuilds_every_page(project: Project, tmp_path: Path) -> None:
    retitle_topic(project)
    assert "the engine built all 59 pages" in built(project)
    assert tree_digest(project.site_dir) == clean_build_of(project, tmp_path / "clean")


def test_a_renamed_answer_leaves_no_page_behind(project: Project, tmp_path: Path) -> None:
    rename_answer(project)
    out = built(project)
    assert re.search(r"the engine rebuilt \d+ of 59 pages, removed 1\)", out), out
    assert tree_digest(project.site_dir) == clean_build_of(project, tmp_path / "clean")


def test_a_failed_engine_run_is_not_trusted_by_the_next_build(
    project: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    edit_short_answer(project)

    def with_dead_link(*args: object) -> dict[str, bytes]:
        tree = engine_tree(*args)  # type: ignore[arg-type]
        page = "docs/answers/ai-api-stream-429-timeout.md"
        return {**tree, page: tree[page] + b"\n[x](no-such-page.md)\n"}

    monkeypatch.setattr(commands, "engine_tree", with_dead_link)
    assert run_build(project)[0] == 1
    monkeypatch.undo()
    assert "the engine built all 59 pages" in built(project)
    assert tree_digest(project.site_dir) == clean_build_of(project, tmp_path / "clean")


def cli(project: Project, *args: str) -> tuple[int, str]:
    """Run the command line; its status and what it printed (output, then errors)."""
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        status = main(["--root", str(project.root), *args])
    return status, out.getvalue() + err.getvalue()


def test_shards_built_apart_and_merged_equal_a_single_build(tmp_path: Path) -> None:
    single = copy_project(tmp_path / "single")
    built(single)
    sharded = copy_project(tmp_path / "sharded")
    first = cli(sharded, "build", "--shard", "1/2")
    second = cli(sharded, "build", "--shard", "2/2")
    assert first == (0, first[1]) and re.match(r"built shard 1/2 into .*: 30 pages", first[1])
    assert second[0] == 0 and "built shard 2/2" in second[1] and ": 29 pages" in second[1]
    assert not sharded.site_dir.exists()
    status, printed = cli(sharded, "merge")
    assert status == 0, printed
    assert printed.startswith("built site/ from 2 shards: 59 pages")
    assert tree_digest(sharded.site_dir) == tree_digest(single.site_dir)
    # A later build of the same content starts from the merged pages.
    assert "no page changed, the engine did not run" in built(sharded)


def test_two_engine_processes_publish_what_one_does(tmp_path: Path) -> None:
    """``--jobs 2`` deals the pages out to two engines at once, as shards are; the site is
    the one-process build's, after a first build and after an edit."""
    one = copy_project(tmp_path / "one")
    assert "the engine built all 59 pages)" in built(one)
    two = copy_project(tmp_path / "two")
    status, printed = cli(two, "build", "--jobs", "2")
    assert status == 0, printed
    assert "the engine built all 59 pages in 2 processes)" in printed
    assert not (two.build_dir / ".engine-partial").exists()
    assert tree_digest(two.site_dir) == tree_digest(one.site_dir)
    for project in (one, two):
        edit_short_answer(project)
    built(one)
    status, printed = cli(two, "build", "--jobs", "2")
    assert status == 0, printed
    assert re.search(r"the engine rebuilt \d+ of 59 pages in 2 processes, removed 0\)", printed)
    assert tree_digest(two.site_dir) == tree_digest(one.site_dir)


def test_merge_refuses_shards_of_other_content_or_a_missing_share(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    shards = project.build_dir / ".shards"
    assert cli(project, "build", "--shard", "1/2")[0] == 0
    status, printed = cli(project, "merge")
    assert (status, printed) == (
        1,
        "merge failed: the shards are [1] of [2]: each share 1 to N is needed once; "
        "site/ was left unchanged\n",
    )
    edit_short_answer(project)
    assert cli(project, "build", "--shard", "2/2")[0] == 0
    status, printed = cli(project, "merge")
    assert status == 1
    assert printed == (
        f"merge failed: {shards / '1-of-2'} was built from other content or another engine "
        "than this checkout; site/ was left unchanged\n"
    )
    status, printed = cli(project, "merge", str(project.content_dir))
    assert (status, printed) == (
        1,
        f"merge failed: {project.content_dir} is not a shard (no {SHARD_MANIFEST}); "
        "site/ was left unchanged\n",
    )
    assert not project.site_dir.exists()


@pytest.mark.parametrize("value", ["0/2", "3/2", "1", "a/b", "1/0"])
def test_a_shard_outside_one_to_n_is_refused(
    tmp_path: Path, value: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as stopped:
        main(["--root", str(tmp_path), "build", "--shard", value])
    assert stopped.value.code == 2
    assert f"argument --shard: {value!r} is not I/N with 1 <= I <= N, e.g. 1/2" in (
        capsys.readouterr().err
    )
