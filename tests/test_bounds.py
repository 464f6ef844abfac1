"""Nothing per page grows with the site, and no file outgrows its bound (issue #12).

Fast tier: in-memory catalogs with small bounds, so a few entries reach the split forms a
site of ten thousand answers takes.
"""

from __future__ import annotations

import re

import yaml

from answer_center.bounds import Bounds
from answer_center.model import Catalog
from answer_center.render.outputs import published_files
from answer_center.render.site_tree import engine_tree
from catalogs import SCHEMA_FILES, answer, catalog, topic
from test_golden import ENGINE_CONFIG


def centre(topics: int, per_topic: int, bounds: Bounds, tags: list[str] | None = None) -> Catalog:
    """``topics`` topics of ``per_topic`` answers each, every answer tagged ``tags``."""
    entries = []
    for t in range(topics):
        ids = [f"t{t:03d}-a{n:03d}" for n in range(per_topic)]
        topic_id = f"topic-{t:03d}"
        entries += [("answer", answer(i, topic=topic_id, tags=tags or ["stream"])) for i in ids]
        entries.append(("topic", topic(topic_id, ids)))
    return catalog(*entries, bounds=bounds)


def pages(built: Catalog) -> dict[str, str]:
    """The engine tree's Markdown pages and configuration, as text."""
    tree = engine_tree(built, ENGINE_CONFIG, SCHEMA_FILES)
    return {path: data.decode() for path, data in tree.items() if path.endswith((".md", ".yml"))}


def nav_of(built: Catalog) -> list[object]:
    config = yaml.safe_load(pages(built)["mkdocs.yml"])
    nav: list[object] = config["nav"]
    return nav


def test_the_navigation_names_a_bounded_number_of_topics_and_links_the_full_list() -> None:
    bounds = Bounds(nav_entries=3)
    nav = nav_of(centre(10, 1, bounds))
    section = next(item["主题"] for item in nav if isinstance(item, dict) and "主题" in item)
    assert section == [
        {"主题 topic-000": "topics/topic-000.md"},
        {"主题 topic-001": "topics/topic-001.md"},
        {"主题 topic-002": "topics/topic-002.md"},
        {"全部主题(10)": "topics/index.md"},
    ]
    assert nav_of(centre(40, 1, bounds))[1] == {
        "主题": [*section[:3], {"全部主题(40)": "topics/index.md"}]
    }


def test_the_topics_listing_page_lists_every_topic() -> None:
    listing = pages(centre(25, 1, Bounds(nav_entries=3)))["docs/topics/index.md"]
    listed = re.findall(r"^- \[主题 (topic-\d+)\]\((topic-\d+)/\)", listing, re.M)
    assert listed == [(f"topic-{n:03d}", f"topic-{n:03d}") for n in range(25)]


def test_an_answer_page_is_the_same_size_whatever_the_number_of_topics() -> None:
    bounds = Bounds(nav_entries=3, tag_page_entries=5)
    small = pages(centre(5, 4, bounds))["docs/answers/t000-a001.md"]
    large = pages(centre(60, 4, bounds))["docs/answers/t000-a001.md"]
    assert small == large


def test_a_tag_page_lists_a_bounded_number_of_entries_with_links_to_its_other_pages() -> None:
    built = centre(1, 5, Bounds(tag_page_entries=2), tags=["stream"])
    tree = pages(built)
    first = tree["docs/tags/stream/index.md"]
    second = tree["docs/tags/stream/2/index.md"]
    third = tree["docs/tags/stream/3/index.md"]
    assert "docs/tags/stream/4/index.md" not in tree

    def listed(page: str) -> list[str]:
        return re.findall(r"^- \[问题 (\S+) 怎么办", page, re.M)

    assert [listed(first), listed(second), listed(third)] == [
        ["t000-a000", "t000-a001"],
        ["t000-a002", "t000-a003"],
        ["t000-a004"],
    ]
    assert "# 标签:stream {#title}" in first
    assert "# 标签:stream(第 2 页) {#title}" in second
    assert "带有标签 stream 的内容,共 5 条。全部标签见[标签](../)。" in first
    assert first.rstrip().endswith("[下一页](2/)")
    assert second.rstrip().endswith("[上一页](../) · [下一页](../3/)")
    assert third.rstrip().endswith("[上一页](../2/)")
    index = tree["docs/tags/index.md"]
    assert "## stream {#tag-stream}\n\n[带有这个标签的 5 条内容](stream/)" in index
    assert "标签:[stream](../../tags/stream/)" in tree["docs/answers/t000-a003.md"]


def test_tag_pages_have_mirrors_and_sitemap_urls() -> None:
    built = centre(1, 3, Bounds(tag_page_entries=2), tags=["限流"])
    files = published_files(built, SCHEMA_FILES)
    for path in ("tags/限流.md", "tags/限流/index.md", "tags/限流/2.md", "tags/限流/2/index.md"):
        assert path in files
    sitemap = files["sitemap.xml"].decode()
    assert "<loc>https://answers.example.com/tags/限流/2/</loc>" in sitemap
