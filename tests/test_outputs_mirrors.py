"""Markdown mirrors: one per HTML page, declared by the page, holding every section."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import yaml
from hypothesis import given
from hypothesis import strategies as st

from answer_center import dates
from answer_center.kinds import ANSWER
from answer_center.render.formats import front_matter
from answer_center.render.inline import commonmark
from answer_center.render.site_pages import html_pages
from outputs_site import DEPRECATED_ANSWER, SUCCESSOR_ANSWER, BuiltSite

ANSWER_ID = "ai-api-stream-429-timeout"


def split_mirror(text: str) -> tuple[dict[str, Any], str]:
    """(front matter, body) of a mirror; the front matter must be YAML of strings."""
    assert text.startswith("---\n")
    head, body = text[4:].split("\n---\n", 1)
    data = yaml.safe_load(head)
    assert isinstance(data, dict)
    assert all(isinstance(value, str) for value in data.values()), data
    return data, body


class _Page(HTMLParser):
    """The Markdown alternate of a page and the headings (with ids) of its article."""

    def __init__(self) -> None:
        super().__init__()
        self.markdown_links: list[str] = []
        self.headings: list[str] = []
        self._heading: list[str] | None = None
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag == "link" and attributes.get("type") == "text/markdown":
            self.markdown_links.append(attributes.get("href") or "")
        elif tag in ("h2", "h3") and attributes.get("id"):
            self._heading = []
        elif (
            tag == "a"
            and self._heading is not None
            and "headerlink" in (attributes.get("class") or "")
        ):
            self._skip += 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "a" and self._skip:
            self._skip -= 1
        elif tag in ("h2", "h3") and self._heading is not None:
            self.headings.append("".join(self._heading).strip())
            self._heading = None

    def handle_data(self, data: str) -> None:
        if self._heading is not None and not self._skip:
            self._heading.append(data)


class _Layout(HTMLParser):
    """Where the article and the sidebars start in a page, and the text of its permalinks."""

    def __init__(self) -> None:
        super().__init__()
        self.order: list[str] = []
        self.permalinks: list[str] = []
        self._permalink: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        classes = (dict(attrs).get("class") or "").split()
        if tag == "article":
            self.order.append("article")
        for sidebar in ("md-sidebar--primary", "md-sidebar--secondary"):
            if sidebar in classes:
                self.order.append(sidebar)
        if tag == "a" and "headerlink" in classes:
            self._permalink = []

    def handle_endtag(self, tag: str) -> None:
        if tag == "a" and self._permalink is not None:
            self.permalinks.append("".join(self._permalink))
            self._permalink = None

    def handle_data(self, data: str) -> None:
        if self._permalink is not None:
            self._permalink.append(data)


def test_every_page_puts_its_article_before_the_sidebars(built_site: BuiltSite) -> None:
    # An agent reads the document in order: the page's own text first, the navigation
    # after it (answer-center.css draws the primary sidebar on the left again).
    pages = sorted(built_site.site.rglob("index.html"))
    assert len(pages) == len(html_pages(built_site.catalog))
    for path in pages:
        layout = _Layout()
        layout.feed(path.read_text(encoding="utf-8"))
        assert layout.order == ["article", "md-sidebar--primary", "md-sidebar--secondary"], path
        # Heading text is the mirror's heading: the permalink's symbol is drawn by CSS.
        assert layout.permalinks and set(layout.permalinks) == {""}, path


def read_page(path: Path) -> _Page:
    parser = _Page()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def test_every_html_page_has_a_mirror_with_front_matter(built_site: BuiltSite) -> None:
    base = built_site.base_url
    for page in html_pages(built_site.catalog):
        texts = {built_site.text(path) for path in page.mirror_files}
        assert len(texts) == 1, f"{page.mirror_files} must hold the same bytes"
        data, body = split_mirror(texts.pop())
        assert data["url"] == base + page.path[1:]
        assert data["markdown_url"] == base + page.markdown_path[1:]
        assert {"id", "title", "url", "lang", "content_hash"} <= data.keys()
        first = body.lstrip("\n").splitlines()[0]
        assert first.startswith("> ") and f"<{base}llms.txt>" in first, first
        if page.lastmod is not None:
            assert data["updated"] == page.lastmod.isoformat()
    assert {"index.md", "glossary.md", "glossary/index.md", "tags.md", "tags/index.md"} <= {
        p.relative_to(built_site.site).as_posix() for p in built_site.site.rglob("*.md")
    }


def test_entry_mirrors_carry_the_model_facts(built_site: BuiltSite) -> None:
    base = built_site.base_url
    for entry in built_site.catalog.entries:
        data, _ = split_mirror(built_site.text(entry.markdown_url[1:]))
        assert data["id"] == entry.id
        assert data["kind"] == entry.kind.name
        assert data["lang"] == entry.lang
        # A topic's page changes when a member does: the one date every output gives it.
        assert data["updated"] == dates.updated(built_site.catalog, entry).isoformat()
        assert data["content_hash"] == entry.content_hash
        assert data["url"] == base + entry.url[1:]
        assert data["json_url"] == base + entry.json_url[1:]


def test_every_html_page_declares_a_mirror_that_exists(built_site: BuiltSite) -> None:
    pages = [
        p
        for p in built_site.site.rglob("index.html")
        if p.parent.name not in ("search",) and "assets" not in p.parts
    ]
    assert len(pages) == len(html_pages(built_site.catalog))
    for path in pages:
        links = read_page(path).markdown_links
        assert len(links) == 1, path
        assert built_site.file_of(links[0]).is_file(), (path, links[0])


def test_answer_mirror_contains_every_section_of_the_answer_page(built_site: BuiltSite) -> None:
    catalog = built_site.catalog
    for answer in catalog.of_kind(ANSWER):
        html_headings = read_page(built_site.site / "answers" / answer.id / "index.html").headings
        _, mirror = split_mirror(built_site.text(answer.markdown_url[1:]))
        headings = [
            line.lstrip("#").strip().replace("\\", "")
            for line in mirror.splitlines()
            if line.startswith(("## ", "### "))
        ]
        assert len(html_headings) >= 8, html_headings
        for heading in html_headings:
            assert heading in headings, (answer.id, heading)
        body = answer.body
        for text in (body["original_question"], body["short_answer"], body["summary"]):
            assert commonmark(text) in mirror
        for item in (*body["basis"], *body["boundaries"], *body["next_steps"]):
            assert commonmark(item) in mirror
        for field in body["evidence_fields"]:
            assert f"**{commonmark(field['field'])}**:{commonmark(field['note'])}" in mirror
        for paragraph in body["ai_summary"]["text"]:
            assert commonmark(paragraph) in mirror
        for item in body.get("follow_ups", ()):
            assert f"### {commonmark(item['question'])}" in mirror
            assert commonmark(item["answer"]) in mirror
        for link in catalog.links[answer.id]:
            assert f"[{commonmark(link.title)}](" in mirror and commonmark(link.note) in mirror
        for key in body.get("handoff", {}):
            assert commonmark(body["handoff"][key]) in mirror
        for item in body.get("review", {}).get("safety_boundary", ()):
            assert commonmark(item) in mirror
        for other in catalog.similar[answer.id]:
            assert (
                f"[{commonmark(other.title)}]({built_site.base_url}answers/{other.id}.md)" in mirror
            )


def test_mirrors_are_clean_markdown(built_site: BuiltSite) -> None:
    mirrors = sorted(built_site.site.rglob("*.md"))
    assert len(mirrors) > 2 * len(built_site.catalog.of_kind(ANSWER))
    for path in mirrors:
        text = path.read_text(encoding="utf-8")
        prose = re.sub(r"```.*?```", "CODE", text, flags=re.DOTALL)
        for marker in ("{:", "{#", "!!!", "???", "\n*[", "<div", "<p", "](../", "](./", "=== "):
            assert marker not in prose, (path, marker)
        assert "\n\n\n" not in prose, path
        assert text.endswith("\n") and not text.endswith("\n\n"), path


def test_links_in_mirrors_resolve(built_site: BuiltSite) -> None:
    base = re.escape(built_site.base_url)
    for path in built_site.site.rglob("*.md"):
        for url in re.findall(rf"\]\(({base}[^)\s]*)\)", path.read_text(encoding="utf-8")):
            assert built_site.file_of(url).is_file(), (path, url)


def test_deprecated_mirror_points_to_its_successor(changed_site: BuiltSite) -> None:
    data, body = split_mirror(changed_site.text(f"answers/{DEPRECATED_ANSWER}.md"))
    assert data["status"] == "deprecated"
    assert data["superseded_by"] == SUCCESSOR_ANSWER
    notice = body.split("## ")[0]
    assert "此答案已弃用" in notice
    assert f"{changed_site.base_url}answers/{SUCCESSOR_ANSWER}.md" in notice


@given(st.text())
def test_front_matter_survives_any_text(value: str) -> None:
    text = front_matter({"title": value, "id": "x"})
    assert yaml.safe_load(text.strip().strip("-")) == {"title": value, "id": "x"}
