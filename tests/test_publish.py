"""The kept trees under build/ that a staged site links: an update rewrites exactly the
files whose bytes changed, and a linked file is replaced, never written through."""

from __future__ import annotations

from pathlib import Path

from answer_center.publish import link_or_copy, link_tree, sync_tree


def _inodes(root: Path) -> dict[str, int]:
    return {
        path.relative_to(root).as_posix(): path.stat().st_ino
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def _contents(root: Path) -> dict[str, bytes]:
    return {
        path.relative_to(root).as_posix(): path.read_bytes()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


FILES = {
    "llms.txt": b"# index\n",
    "answers/a.md": b"a\n",
    "answers/b.md": b"b\n",
    "api/v1/answers/a.json": b"{}",
}


def test_an_update_rewrites_exactly_the_changed_files_and_removes_the_gone(
    tmp_path: Path,
) -> None:
    root = tmp_path / "kept"
    assert sync_tree(root, FILES) == (4, 0)
    before = _inodes(root)
    changed = {**FILES, "answers/a.md": b"a, edited\n"}
    del changed["api/v1/answers/a.json"]
    assert sync_tree(root, changed) == (1, 1)
    after = _inodes(root)
    assert _contents(root) == changed
    assert {path for path in after if after[path] != before[path]} == {"answers/a.md"}
    # The folder the removed file was the last of goes with it.
    assert not (root / "api").exists()


def test_the_dot_folders_at_the_top_are_left_alone(tmp_path: Path) -> None:
    root = tmp_path / "build"
    kept = root / ".engine-site" / "index.html"
    kept.parent.mkdir(parents=True)
    kept.write_bytes(b"<html>")
    (root / ".lock").write_bytes(b"")
    sync_tree(root, FILES)
    assert sync_tree(root, {"llms.txt": b"# index\n"}) == (0, 3)
    assert kept.read_bytes() == b"<html>" and (root / ".lock").is_file()
    assert _contents(root) == {
        ".engine-site/index.html": b"<html>",
        ".lock": b"",
        "llms.txt": b"# index\n",
    }


def test_a_rewritten_kept_file_leaves_the_published_link_as_it_was(tmp_path: Path) -> None:
    """The site links the kept files: rewriting one must not change the live site."""
    kept, site = tmp_path / "kept", tmp_path / "site"
    sync_tree(kept, FILES)
    assert link_tree(kept, site) == 4
    sync_tree(kept, {**FILES, "llms.txt": b"# new index\n"})
    assert (site / "llms.txt").read_bytes() == b"# index\n"
    assert (kept / "llms.txt").read_bytes() == b"# new index\n"


def test_linking_over_a_linked_file_replaces_it_and_spares_its_source(tmp_path: Path) -> None:
    """Our sitemap replaces the engine's in the staged site: the engine's kept copy stays."""
    engine, ours, staging = tmp_path / "engine", tmp_path / "ours", tmp_path / "staging"
    sync_tree(engine, {"sitemap.xml": b"engine's", "index.html": b"<html>"})
    sync_tree(ours, {"sitemap.xml": b"ours"})
    link_tree(engine, staging)
    link_tree(ours, staging)
    assert (staging / "sitemap.xml").read_bytes() == b"ours"
    assert (engine / "sitemap.xml").read_bytes() == b"engine's"
    assert (staging / "sitemap.xml").samefile(ours / "sitemap.xml")
    assert (staging / "index.html").samefile(engine / "index.html")


def test_link_or_copy_makes_the_target_folders(tmp_path: Path) -> None:
    source = tmp_path / "source.txt"
    source.write_bytes(b"text")
    link_or_copy(source, tmp_path / "a" / "b" / "target.txt")
    assert (tmp_path / "a" / "b" / "target.txt").read_bytes() == b"text"
