"""Reading a built site as ``diff`` does, from the published files alone (no engine): a
sitemap split into parts, a site under a path, and files that are not an answer center's."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from answer_center.bounds import BOUNDS, Bounds
from answer_center.publish import write_tree
from answer_center.published_site import UnreadableSiteError, read_site
from answer_center.render.outputs import published_files
from catalogs import SCHEMA_FILES, SITE, answer, catalog, topic

BASE = "https://example.github.io/answer-center/"


def _site(root: Path, bounds: Bounds = BOUNDS) -> Path:
    entries = (
        ("answer", answer("stream-429")),
        ("answer", answer("second")),
        ("topic", topic("basics", ["stream-429", "second"])),
    )
    built = catalog(*entries, site=SITE | {"base_url": BASE}, bounds=bounds)
    write_tree(root, published_files(built, SCHEMA_FILES))
    return root


def test_a_sitemap_in_parts_under_a_path_reads_as_site_paths(tmp_path: Path) -> None:
    whole = read_site(_site(tmp_path / "whole"))
    parts = read_site(_site(tmp_path / "parts", Bounds(sitemap_urls=2)))
    assert (tmp_path / "parts" / "sitemaps").is_dir()
    assert parts.sitemap_paths == whole.sitemap_paths
    assert {"/", "/answers/stream-429/", "/topics/basics/"} <= whole.sitemap_paths
    assert all(path.startswith("/") for path in whole.sitemap_paths)
    assert whole.entries["second"].paths == (
        "/answers/second/",
        "/answers/second.md",
        "/api/v1/answers/second.json",
    )
    assert whole.url_of("/answers/second/") == BASE + "answers/second/"


def test_api_files_of_another_shape_are_refused_with_what_to_do(tmp_path: Path) -> None:
    site = _site(tmp_path / "site")
    index = site / "api" / "v1" / "index.json"
    data = json.loads(index.read_text(encoding="utf-8"))
    del data["entries"][0]["content_hash"]
    index.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(UnreadableSiteError, match="build it with this version of answer-center"):
        read_site(site)
    index.write_text("{", encoding="utf-8")
    with pytest.raises(UnreadableSiteError, match="cannot read it as JSON"):
        read_site(site)
