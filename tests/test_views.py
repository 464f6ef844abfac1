"""One view per page: the engine page, the Markdown mirror and the feed item say the same
thing in the same order (issue #10). Fast tier: the sample's Catalog, no site engine."""

from __future__ import annotations

import re
from functools import cache

import pytest

from answer_center import commands
from answer_center.kinds.kind import FEED
from answer_center.markup import to_plain
from answer_center.model import Catalog, build_catalog
from answer_center.project import Project
from answer_center.render.feed import feed_item
from answer_center.render.mirrors import MirrorRenderer
from answer_center.render.outputs import parsed_schemas
from answer_center.render.pages import render_pages
from answer_center.render.site_pages import html_pages
from answer_center.render.views import Views
from answer_center.render.writers import plain
from answer_center.view import Heading, Question
from catalogs import SCHEMA_FILES, answer, catalog, topic
from conftest import REPOSITORY
from markdown_parsers import Tree, commonmark_html, engine_html

SCHEMAS = parsed_schemas(SCHEMA_FILES)


@cache
def sample() -> Catalog:
    report = commands.validate(Project(REPOSITORY), use_cache=False)
    assert not report.failed and report.validation.site is not None
    return build_catalog(report.validation.site, report.validation.sources)


def headings(html: str) -> list[str]:
    found = re.findall(r"<h([1-6])[^>]*>(.*?)</h\1>", html, re.S)
    return [Tree(text).text.strip() for _, text in found]


def view_headings(
    catalog: Catalog, entry_id: str, *, navigation: bool = True, questions: bool = False
) -> list[str]:
    """The view's headings in order; with ``questions``, each follow-up question too (the
    mirror and the feed make them headings, the page a details summary)."""
    view = Views(catalog, SCHEMAS).of_entry(catalog.by_id[entry_id])
    found = []
    for block in view.blocks(navigation=navigation):
        if isinstance(block, Heading):
            found.append(plain(block.text))
        elif questions and isinstance(block, Question):
            found.append(plain(block.question))
    return found


@pytest.mark.parametrize("entry_id", [e.id for e in sample().entries if e.kind.has("page")])
def test_page_and_mirror_have_the_views_headings_in_order(entry_id: str) -> None:
    built = sample()
    entry = built.by_id[entry_id]
    expected = [to_plain(entry.title), *view_headings(built, entry_id)]  # the title first
    page = render_pages(built, SCHEMAS)[f"{entry.kind.section}/{entry.id}.md"]
    body = page.split("\n---\n", 1)[1]
    assert headings(engine_html(body)) == expected
    mirror = MirrorRenderer(Views(built, SCHEMAS)).entry_body(entry)
    with_questions = [to_plain(entry.title), *view_headings(built, entry_id, questions=True)]
    assert headings(commonmark_html(mirror)) == with_questions


@pytest.mark.parametrize("entry_id", [e.id for e in sample().entries if e.kind.has(FEED)])
def test_the_feed_item_follows_the_page_without_navigation(entry_id: str) -> None:
    built = sample()
    item = feed_item(built, built.by_id[entry_id], Views(built, SCHEMAS))
    expected = view_headings(built, entry_id, navigation=False, questions=True)
    assert headings(item["content_html"]) == expected


def test_every_page_has_a_view_and_a_mirror() -> None:
    built = sample()
    views = Views(built, SCHEMAS)
    for page in html_pages(built):
        assert views.of_page(page).title


def test_an_answer_without_review_prints_no_review_heading() -> None:
    built = catalog(("answer", answer("a1")), ("topic", topic("basics", ["a1"])))
    assert "内容审核说明和安全边界" not in view_headings(built, "a1")
    reviewed = catalog(
        ("answer", answer("a1", next_review="2026-09-01")), ("topic", topic("basics", ["a1"]))
    )
    assert "内容审核说明和安全边界" in view_headings(reviewed, "a1")


def test_more_like_this_shows_a_one_line_teaser() -> None:
    long_answer = "第一句话说明结论。" + "第二句话很长," * 40 + "结束。"
    built = catalog(
        ("answer", answer("a1")),
        ("answer", answer("a2", short_answer=long_answer)),
        ("topic", topic("basics", ["a1", "a2"])),
    )
    mirror = MirrorRenderer(Views(built, SCHEMAS)).entry_body(built.by_id["a1"])
    line = next(x for x in mirror.splitlines() if "answers/a2.md" in x)
    assert line.endswith(":第一句话说明结论。")
