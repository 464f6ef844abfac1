"""/feed.json: JSON Feed 1.1, checked against the shared community schema."""

from __future__ import annotations

import datetime as dt
import json
import re
from typing import Any

import pytest
from jsonschema import Draft7Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT4, DRAFT7

from answer_center.kinds import ANSWER
from answer_center.markup import to_plain
from outputs_site import (
    CHANGED_PAGE_SIZE,
    DEPRECATED_ANSWER,
    JSONFEED_DIR,
    SUCCESSOR_ANSWER,
    BuiltSite,
)

RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$")


@pytest.fixture(scope="module")
def feed_validator() -> Draft7Validator:
    """The shared JSON Feed 1.1 schema, with the 1.0 schema it refers to as ``feed-1``."""
    schema_file = JSONFEED_DIR / "feed.json"
    if not schema_file.is_file():
        pytest.skip(f"JSON Feed schema not found at {schema_file} (clone ../shared beside main)")
    feed = json.loads(schema_file.read_text(encoding="utf-8"))
    feed_1 = json.loads((JSONFEED_DIR / "feed-1.json").read_text(encoding="utf-8"))
    registry: Registry = Registry().with_resources(
        [
            ("https://json.schemastore.org/feed-1", Resource.from_contents(feed_1, DRAFT4)),
            ("https://json.schemastore.org/feed.json", Resource.from_contents(feed, DRAFT7)),
        ]
    )
    return Draft7Validator(feed, registry=registry)


def feed_pages(built: BuiltSite) -> list[dict[str, Any]]:
    """Every page of the feed, following next_url from /feed.json."""
    pages = [built.json("feed.json")]
    while "next_url" in pages[-1]:
        path = built.file_of(pages[-1]["next_url"])
        pages.append(json.loads(path.read_text(encoding="utf-8")))
    return pages


def midnight(date: dt.date) -> str:
    return f"{date.isoformat()}T00:00:00+00:00"


def test_feed_validates_against_json_feed_1_1(
    built_site: BuiltSite, feed_validator: Draft7Validator
) -> None:
    feed = built_site.json("feed.json")
    errors = [f"{list(e.path)}: {e.message}" for e in feed_validator.iter_errors(feed)]
    assert errors == []
    assert feed["version"] == "https://jsonfeed.org/version/1.1"
    site = built_site.catalog.site
    assert feed["home_page_url"] == site.base_url
    assert feed["feed_url"] == site.base_url + "feed.json"
    assert feed["language"] == site.language
    assert feed["authors"] == [{"name": site.publisher_name, "url": site.publisher_url}]
    assert "next_url" not in feed


def test_items_are_entries_with_a_feed_newest_first_with_stable_ids(
    built_site: BuiltSite,
) -> None:
    catalog, base = built_site.catalog, built_site.base_url
    items = built_site.json("feed.json")["items"]
    entries = catalog.recent
    assert {e.kind.name for e in entries} == {
        "answer",
        "use-case",
        "integration",
        "template",
        "solution",
    }
    assert [item["_answer_center"]["id"] for item in items] == [e.id for e in entries]
    assert [e.updated for e in entries] == sorted((e.updated for e in entries), reverse=True)
    assert len({item["id"] for item in items}) == len(items)
    for item, answer in zip(items, entries, strict=True):
        section = answer.kind.section
        assert item["id"] == item["url"] == f"{base}{section}/{answer.id}/"
        assert item["title"] == to_plain(answer.title)
        assert item["summary"] == to_plain(answer.body.get("short_answer") or answer.summary)
        assert item["date_published"] == midnight(answer.published)
        assert item["date_modified"] == midnight(answer.updated)
        for key in ("date_published", "date_modified"):
            assert RFC3339.match(item[key])
            dt.datetime.fromisoformat(item[key])
        assert item["tags"] == list(answer.tags)
        assert item["language"] == answer.lang
        assert item["authors"] == [{"name": answer.author}]
        extension = dict(item["_answer_center"])
        topic = catalog.topic_of.get(answer.id)
        # Review provenance is the API's own record (tests/test_provenance.py).
        api_file = built_site.file_of(extension["json_url"])
        review = json.loads(api_file.read_text(encoding="utf-8"))["review"]
        assert extension.pop("review", None) == review
        assert extension == {
            "about": f"{base}machine-readable/",
            "id": answer.id,
            "kind": answer.kind.name,
            "topic": topic.id if topic else None,
            "status": "published",
            "content_hash": answer.content_hash,
            "markdown_url": f"{base}{section}/{answer.id}.md",
            "json_url": f"{base}api/v1/{section}/{answer.id}.json",
        }
        assert built_site.file_of(extension["markdown_url"]).is_file()
        assert built_site.file_of(extension["json_url"]).is_file()


def test_content_follows_the_page_without_its_navigation(built_site: BuiltSite) -> None:
    items = built_site.json("feed.json")["items"]
    for item in items:
        html, text = item["content_html"], item["content_text"]
        assert not re.search(r"<\w", text), "content_text is plain"
        for href in re.findall(r'href="([^"]*)"', html):
            assert href.startswith(("https://", "http://", "mailto:")), href
        # Navigation stays on the page: no related pages, more like this or tags.
        for heading in ("继续查证的相关页面", "更多同类短答案"):
            assert heading not in html and heading not in text
    answers = [i for i in items if i["_answer_center"]["kind"] == "answer"]
    for item in answers:
        html, text = item["content_html"], item["content_text"]
        headings = re.findall(r"<h2>(.*?)</h2>", html)
        # The page's order: the direct answer first, the English summary after the steps.
        assert headings[:4] == [
            "直接回答当前问题",
            "判断依据和适用边界",
            "建议执行的下一步",
            "AI search implementation summary",
        ]
        assert "<h3>判断依据</h3>" in html and "<h3>适用边界</h3>" in html
        assert f"\n\n{headings[0]}\n\n" in text
        assert "<strong>短答案:</strong>" in html
        assert '<div lang="en">' in html


def test_feed_pages_follow_next_url(
    changed_site: BuiltSite, feed_validator: Draft7Validator
) -> None:
    answers = changed_site.catalog.recent
    pages = feed_pages(changed_site)
    assert len(pages) == -(-len(answers) // CHANGED_PAGE_SIZE) > 1
    base = changed_site.base_url
    for number, page in enumerate(pages, start=1):
        assert list(feed_validator.iter_errors(page)) == []
        assert len(page["items"]) <= CHANGED_PAGE_SIZE
        assert page["feed_url"] == f"{base}feed.json"
        if number < len(pages):
            assert page["next_url"] == f"{base}feed/{number + 1}.json"
    ids = [item["_answer_center"]["id"] for page in pages for item in page["items"]]
    assert ids == [a.id for a in answers]


def test_deprecated_answers_stay_in_the_feed(changed_site: BuiltSite) -> None:
    items = [i for page in feed_pages(changed_site) for i in page["items"]]
    old = next(i for i in items if i["_answer_center"]["id"] == DEPRECATED_ANSWER)
    assert old["_answer_center"]["status"] == "deprecated"
    assert old["_answer_center"]["superseded_by"] == SUCCESSOR_ANSWER
    assert f'{changed_site.base_url}answers/{SUCCESSOR_ANSWER}/"' in old["content_html"]
    assert len(items) == len(changed_site.catalog.recent)
    assert sum(i["_answer_center"]["kind"] == "answer" for i in items) == len(
        changed_site.catalog.of_kind(ANSWER)
    )
