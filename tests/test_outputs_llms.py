"""/llms.txt and /llms-full.txt, read with the reference parser of the llms-txt package."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit
from xml.etree import ElementTree

from llms_txt import parse_llms_file

from answer_center.kinds import ANSWER, CHECKLIST, ENTRY_KINDS, EXAMPLE, GUIDE, TOPIC
from answer_center.markup import to_plain
from answer_center.render.inline import commonmark
from answer_center.render.llms import llms_files
from answer_center.render.site_pages import sitemap_pages
from outputs_site import DEPRECATED_ANSWER, SUCCESSOR_ANSWER, BuiltSite


def parse(text: str) -> Any:
    return parse_llms_file(text)


def one_line(text: str) -> str:
    return " ".join(to_plain(text).split())


def test_llms_txt_has_title_summary_and_a_section_per_topic(built_site: BuiltSite) -> None:
    catalog = built_site.catalog
    parsed = parse(built_site.text("llms.txt"))
    assert parsed.title == catalog.site.name
    assert parsed.summary == one_line(catalog.site.description)
    assert "llms-full.txt" in parsed.info
    # Every topic has a section, headed by its page; every other kind with llms.txt lines
    # has its own section or Optional, as its declaration says.
    topics = [one_line(t.title) for t in catalog.of_kind(TOPIC)]
    kinds = ["使用场景", "集成配置", "模板", "解决方案"]
    assert list(parsed.sections) == [*topics, *kinds, "Optional"]


def test_each_topic_section_lists_its_answers_with_short_answers(built_site: BuiltSite) -> None:
    catalog, base = built_site.catalog, built_site.base_url
    sections = parse(built_site.text("llms.txt")).sections
    for topic in catalog.of_kind(TOPIC):
        answers = [m for m in catalog.members[topic.id] if m.kind is ANSWER]
        page, *links = sections[one_line(topic.title)]
        assert (page["title"], page["url"], page["desc"]) == (
            one_line(topic.title),
            base + topic.markdown_url[1:],
            one_line(topic.summary),
        )
        assert [link["title"] for link in links] == [one_line(a.title) for a in answers]
        assert [link["url"] for link in links] == [base + a.markdown_url[1:] for a in answers]
        assert [link["desc"] for link in links] == [
            one_line(a.body["short_answer"]) for a in answers
        ]


def test_optional_lists_checklists_guides_examples_then_every_hub(built_site: BuiltSite) -> None:
    catalog, base = built_site.catalog, built_site.base_url
    optional = parse(built_site.text("llms.txt")).sections["Optional"]
    entries = [
        base + e.markdown_url[1:]
        for kind in (CHECKLIST, GUIDE, EXAMPLE)
        for e in catalog.of_kind(kind)
    ]
    hubs = ["index.md", "glossary/index.md", "tags/index.md", "machine-readable/index.md"]
    listings = [f"{kind.section}/index.md" for kind in ENTRY_KINDS if kind.in_nav]
    tags = [f"tags/{tag}/index.md" for tag in catalog.tags()]
    assert [link["url"] for link in optional] == [
        *entries,
        *(base + path for path in (*hubs, *listings, *tags)),
    ]
    glossary = optional[len(entries) + 1]
    assert (glossary["title"], glossary["desc"]) == ("术语表", "答案中常用名词的简短解释。")
    assert optional[-1]["desc"] == f"带有标签 {list(catalog.tags())[-1]} 的全部内容。"


def _page_path(url: str) -> str:
    """A URL's path as the afdocs checker compares llms.txt links with the sitemap: no
    ``index.md``, ``.md`` or final slash."""
    path = urlsplit(url).path
    path = re.sub(r"/index\.md$", "/", path)
    path = re.sub(r"\.md$", "", path)
    return path.rstrip("/") or "/"


def _links(text: str) -> list[str]:
    return [link["url"] for links in parse(text).sections.values() for link in links]


def _covered(read: Callable[[str], str], base: str) -> set[str]:
    """The pages an agent finds from /llms.txt: its links, and those of every llms.txt it
    links to (one level down, as the checker walks them)."""
    urls = _links(read("llms.txt"))
    for url in [u for u in urls if u.endswith(".txt")]:
        urls += _links(read(url[len(base) :]))
    return {_page_path(url) for url in urls if not url.endswith(".txt")}


def _sitemap(built_site: BuiltSite) -> set[str]:
    root = ElementTree.fromstring(built_site.text("sitemap.xml"))
    locs = root.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")
    return {_page_path(loc.text or "") for loc in locs}


def test_llms_txt_links_every_page_of_the_sitemap(built_site: BuiltSite) -> None:
    sitemap = _sitemap(built_site)
    assert len(sitemap) == len(sitemap_pages(built_site.catalog))
    assert sitemap <= _covered(built_site.text, built_site.base_url)


def test_split_llms_txt_links_every_page_of_the_sitemap_through_the_topics(
    built_site: BuiltSite,
) -> None:
    forced = llms_files(built_site.catalog, max_chars=1_000)
    topic_pages = {f"/topics/{t.id}" for t in built_site.catalog.of_kind(TOPIC)}
    root = {_page_path(url) for url in _links(forced["llms.txt"])}
    assert not topic_pages & root, "the split root links each topic's llms.txt instead"
    assert _sitemap(built_site) <= _covered(forced.__getitem__, built_site.base_url)


def test_only_link_lines_under_h2_headings(built_site: BuiltSite) -> None:
    for path in [
        "llms.txt",
        *(
            p.relative_to(built_site.site).as_posix()
            for p in built_site.site.glob("topics/*/llms.txt")
        ),
    ]:
        text = built_site.text(path)
        body = text[text.index("\n## ") :]
        for line in body.splitlines():
            assert (
                line == "" or line.startswith("## ") or re.match(r"- \[[^\]]+\]\(https://", line)
            ), (
                path,
                line,
            )
        assert "\n### " not in text, "the reference parser would split on an H3 too"


def test_every_link_resolves_to_a_published_file(built_site: BuiltSite) -> None:
    files = ["llms.txt", *(f"topics/{t.id}/llms.txt" for t in built_site.catalog.of_kind(TOPIC))]
    for path in files:
        for links in parse(built_site.text(path)).sections.values():
            for link in links:
                assert built_site.file_of(link["url"]).is_file(), (path, link["url"])


def test_large_sites_link_one_llms_txt_per_topic(built_site: BuiltSite) -> None:
    catalog, base = built_site.catalog, built_site.base_url
    small = llms_files(catalog)
    forced = llms_files(catalog, max_chars=1_000)
    assert len(small["llms.txt"]) > 1_000
    assert {p for p in forced if p != "llms.txt"} == {p for p in small if p != "llms.txt"}
    root = parse(forced["llms.txt"])
    assert list(root.sections) == ["主题", "使用场景", "集成配置", "模板", "解决方案", "Optional"]
    topics = catalog.of_kind(TOPIC)
    assert [link["url"] for link in root.sections["主题"]] == [
        f"{base}topics/{t.id}/llms.txt" for t in topics
    ]
    for topic in topics:
        own = parse(forced[f"topics/{topic.id}/llms.txt"])
        assert own.title == one_line(topic.title)
        answers = [m for m in catalog.members[topic.id] if m.kind is ANSWER]
        assert [link["url"] for link in own.sections.get("答案", [])] == [
            base + a.markdown_url[1:] for a in answers
        ]
        # The per-topic files are published in every build, so these URLs always resolve.
        assert (built_site.site / "topics" / topic.id / "llms.txt").read_text(
            encoding="utf-8"
        ) == small[f"topics/{topic.id}/llms.txt"]


def test_llms_full_has_every_answer_in_topic_order(built_site: BuiltSite) -> None:
    catalog, base = built_site.catalog, built_site.base_url
    text = built_site.text("llms-full.txt")
    positions = []
    for answer in catalog.answers_in_topic_order:
        start = text.index(f"\n# {commonmark(answer.title)}\n")
        positions.append(start)
        block = text[start : start + 400]
        assert f"URL: {base}answers/{answer.id}/" in block
        assert f"Updated: {answer.updated.isoformat()}" in block
        assert "## 直接回答当前问题" in text[start:]
    assert positions == sorted(positions)
    assert text.count("\n## 直接回答当前问题\n") == len(catalog.of_kind(ANSWER))


def test_deprecated_answers_are_left_out_for_their_successor(changed_site: BuiltSite) -> None:
    old = changed_site.catalog.by_id[DEPRECATED_ANSWER]
    index = changed_site.text("llms.txt")
    full = changed_site.text("llms-full.txt")
    assert old.markdown_url not in index
    assert f"\n# {commonmark(old.title)}\n" not in full
    successor = changed_site.catalog.by_id[SUCCESSOR_ANSWER]
    assert successor.markdown_url in index
    assert f"\n# {commonmark(successor.title)}\n" in full
