"""Nothing per page grows with the site, and no file outgrows its bound (issue #12).

Fast tier: in-memory catalogs with small bounds, so a few entries reach the split forms a
site of ten thousand answers takes.
"""

from __future__ import annotations

import io
import json
import re
from dataclasses import replace
from pathlib import Path

import yaml

from answer_center.bounds import Bounds
from answer_center.commands import build
from answer_center.model import Catalog
from answer_center.render.outputs import published_files, published_outputs
from answer_center.render.site_tree import engine_tree
from catalogs import SCHEMA_FILES, answer, catalog, topic
from sample_site import copy_project
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


def test_every_published_file_comes_once_in_the_split_forms_too() -> None:
    """A build writes the outputs as they come: a path rendered twice would be written
    twice, the second silently winning."""
    small = Bounds(tag_page_entries=2, api_index_entries=2, llms_full_bytes=2_000, sitemap_urls=5)
    for built in (centre(3, 4, Bounds(), tags=["限流"]), centre(3, 4, small, tags=["限流"])):
        paths = [path for path, _ in published_outputs(built, SCHEMA_FILES)]
        assert len(paths) == len(set(paths)) > 50
        assert dict(sorted(published_outputs(built, SCHEMA_FILES))) == published_files(
            built, SCHEMA_FILES
        )


def test_llms_full_splits_into_one_file_per_topic_past_its_bound() -> None:
    whole = published_files(centre(3, 2, Bounds()), SCHEMA_FILES)
    root = whole["llms-full.txt"].decode()
    assert root.count("\n---\n") == 6
    split = published_files(centre(3, 2, Bounds(llms_full_bytes=len(root) - 1)), SCHEMA_FILES)
    index = split["llms-full.txt"].decode()
    assert "\n---\n" not in index and len(index) < len(root)
    links = re.findall(r"^- \[主题 (topic-\d+)\]\((\S+)\): ", index, re.M)
    assert links == [
        (f"topic-{n:03d}", f"https://answers.example.com/topics/topic-{n:03d}/llms-full.txt")
        for n in range(3)
    ]
    for n in range(3):
        path = f"topics/topic-{n:03d}/llms-full.txt"
        # The per-topic files are the same in both forms, so their URLs always hold.
        assert split[path] == whole[path]
        text = split[path].decode()
        assert re.findall(r"^URL: (\S+)", text, re.M) == [
            f"https://answers.example.com/answers/t{n:03d}-a{a:03d}/" for a in range(2)
        ]
    together = "".join(split[f"topics/topic-{n:03d}/llms-full.txt"].decode() for n in range(3))
    assert re.findall(r"^URL: .*", together, re.M) == re.findall(r"^URL: .*", root, re.M)


def test_the_api_index_is_paged_with_next_links_and_valid_pages() -> None:
    from jsonschema import Draft202012Validator
    from referencing import Registry, Resource

    built = centre(2, 3, Bounds(api_index_entries=3))
    files = published_files(built, SCHEMA_FILES)
    paths = sorted(p for p in files if p.startswith("api/v1/index"))
    assert paths == ["api/v1/index.json", "api/v1/index/2.json", "api/v1/index/3.json"]
    registry = Registry().with_resources(
        (name, Resource.from_contents(json.loads(data)))
        for name, data in SCHEMA_FILES.items()
        if name.endswith(".schema.json")
    )
    schema = json.loads(SCHEMA_FILES["api-index.schema.json"])
    validator = Draft202012Validator(schema, registry=registry)
    seen: list[str] = []
    url: str | None = "https://answers.example.com/api/v1/index.json"
    page = 0
    while url is not None:
        document = json.loads(files[url.removeprefix("https://answers.example.com/")])
        assert list(validator.iter_errors(document)) == []
        page += 1
        assert document["page"] == page and document["count"] == 8
        assert len(document["entries"]) <= 3
        seen += [e["id"] for e in document["entries"]]
        url = document["next_url"]
    assert seen == [e.id for e in built.entries]


def test_a_sitemap_past_its_byte_bound_becomes_an_index_of_parts() -> None:
    from answer_center.render.sitemap import sitemap_files

    built = centre(2, 5, Bounds())
    single = sitemap_files(built)
    assert "sitemap.xml" in single and not any(p.startswith("sitemaps/") for p in single)
    limit = len(single["sitemap.xml"]) // 3
    files = sitemap_files(built, max_bytes=limit)
    parts = sorted(p for p in files if p.startswith("sitemaps/"))
    assert len(parts) >= 3
    assert all(len(files[p]) <= limit for p in parts)
    locs = re.compile(r"<loc>(.*?)</loc>")
    root = files["sitemap.xml"].decode()
    assert "<sitemapindex" in root
    assert locs.findall(root) == [f"https://answers.example.com/{p}" for p in parts]
    together = [url for p in parts for url in locs.findall(files[p].decode())]
    assert together == locs.findall(single["sitemap.xml"].decode())


def test_a_build_with_a_file_over_the_size_bound_fails_and_names_it(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    project.site_dir.mkdir()
    (project.site_dir / "keep.txt").write_text("previous site\n")
    out, err = io.StringIO(), io.StringIO()
    # The sample's JSON Lines dump is about 108 KB, its feed page about 101 KB, every other
    # file less.
    status = build(replace(project, language="en"), out, err, bounds=Bounds(file_bytes=104_000))
    assert status == 1
    lines = err.getvalue().splitlines()
    assert len(lines) == 3, err.getvalue()
    path, _, message = lines[0].partition(": error [output/file-too-large] ")
    assert path == "site/entries.jsonl:1:1"
    found = re.match(r"this file would be ([\d,]+) bytes, over the limit of 104,000 bytes", message)
    assert found is not None and int(found.group(1).replace(",", "")) > 104_000
    assert "feed.page_size" in message
    assert lines[1].endswith(" files checked: 1 error, 0 warnings in 1 file")
    assert lines[2] == "build failed: fix the errors above; site/ was left unchanged"
    # Refused before the engine ran: nothing generated, the previous site as it was.
    assert sorted(p.name for p in project.site_dir.iterdir()) == ["keep.txt"]
    assert not (project.build_dir / "docs").exists()


def test_the_json_lines_dump_splits_into_parts_that_hold_every_entry_once() -> None:
    built = centre(25, 1, Bounds(jsonl_bytes=20_000))
    files = published_files(built, SCHEMA_FILES)
    parts = [files["entries.jsonl"]]
    number = 2
    while f"entries/{number}.jsonl" in files:
        parts.append(files[f"entries/{number}.jsonl"])
        number += 1
    assert len(parts) > 2
    assert all(len(part) <= 20_000 for part in parts)
    ids = [json.loads(line)["@id"] for part in parts for line in part.decode().splitlines()]
    assert len(ids) == len(set(ids)) == len(built.entries)
    whole = published_files(centre(25, 1, Bounds()), SCHEMA_FILES)
    assert b"".join(parts) == whole["entries.jsonl"]
    assert "entries/2.jsonl" not in whole


def test_the_consumers_page_states_the_bounds_the_build_splits_at() -> None:
    built = centre(1, 2, Bounds(llms_chars=1234, api_index_entries=7, sitemap_urls=98765))
    page = published_files(built, SCHEMA_FILES)["machine-readable/index.md"].decode()
    assert "Past 1,234 characters the root file links one llms.txt per topic" in page
    assert "The index lists every entry of every kind, 7 per page" in page
    assert "每页 7 条" in page
    assert "Past 98,765 URLs or 5,000,000 bytes `/sitemap.xml` is a sitemap index" in page
    assert "50,000" not in page
