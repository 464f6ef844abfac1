"""Review provenance: valid_until is checked against the review date, an answer past it on
the content date is marked in every output, and the build warns where the date is."""

from __future__ import annotations

import json
from typing import Any

import yaml

from answer_center.diagnostics import Severity
from answer_center.model import Catalog
from answer_center.render.outputs import published_files
from answer_center.render.site_tree import engine_tree
from catalogs import SCHEMA_FILES, answer, catalog, topic
from conftest import MiniProject
from test_golden import ENGINE_CONFIG

REVIEW = (
    "review:\n  reviewed: 2026-03-02\n  reviewer: 编辑团队\n"
    "  safety_boundary:\n    - 不公开密钥。\n"
)


def diagnostics(project: MiniProject) -> list[tuple[str, int, int, Severity, str, str]]:
    return [
        (d.path, d.line, d.column, d.severity, d.rule, d.text("en")) for d in project.validate()
    ]


def test_valid_until_before_the_review_date_is_an_error(mini_project: MiniProject) -> None:
    mini_project.answer("alpha", extra=REVIEW + "valid_until: 2026-03-01\n")
    mini_project.topic("basics", ["alpha"])
    assert diagnostics(mini_project) == [
        (
            "content/answers/basics/alpha.yaml",
            29,
            14,
            Severity.ERROR,
            "date/order",
            "valid_until 2026-03-01 is before the review date 2026-03-02; an answer holds at "
            "least until it was reviewed: set a later valid_until",
        )
    ]


def test_without_a_review_valid_until_is_checked_against_updated(
    mini_project: MiniProject,
) -> None:
    mini_project.answer("alpha", extra="valid_until: 2026-02-01\n")
    mini_project.topic("basics", ["alpha"])
    assert [(d.rule, d.text("en")) for d in mini_project.validate()] == [
        (
            "date/order",
            "valid_until 2026-02-01 is before updated 2026-03-02; an answer holds at least "
            "until it was reviewed: set a later valid_until",
        )
    ]


def test_an_answer_past_its_validity_on_the_content_date_warns(mini_project: MiniProject) -> None:
    # The newest updated date of the content (beta's) is the date validity is judged by.
    mini_project.answer("alpha", extra=REVIEW + "valid_until: 2026-03-10\n")
    mini_project.answer("beta", published="2026-03-11", updated="2026-03-11")
    mini_project.topic("basics", ["alpha", "beta"])
    found = diagnostics(mini_project)
    assert found == [
        (
            "content/answers/basics/alpha.yaml",
            29,
            14,
            Severity.WARNING,
            "review/expired",
            "the answer was valid until 2026-03-10, before the content date 2026-03-11 (the "
            "newest updated date of the site); every output marks it expired: review it, then "
            "set a later valid_until",
        )
    ]


def test_valid_on_the_content_date_itself_is_not_expired(mini_project: MiniProject) -> None:
    mini_project.answer("alpha", extra=REVIEW + "valid_until: 2026-03-11\n")
    mini_project.answer("beta", published="2026-03-11", updated="2026-03-11")
    mini_project.topic("basics", ["alpha", "beta"])
    assert mini_project.validate() == []


def test_a_draft_neither_dates_the_content_nor_expires(mini_project: MiniProject) -> None:
    mini_project.answer("alpha", extra=REVIEW + "valid_until: 2026-03-10\n")
    mini_project.answer("beta", published="2026-03-11", updated="2026-03-11", status="draft")
    mini_project.topic("basics", ["alpha", "beta"])
    assert mini_project.validate() == []


def two(valid_until: str) -> Catalog:
    reviewed = {"reviewed": "2026-03-02", "reviewer": "编辑团队", "safety_boundary": ["不公开。"]}
    return catalog(
        ("topic", topic("basics", ["old", "new"])),
        (
            "answer",
            answer("old", review=reviewed, next_review="2026-04-01", valid_until=valid_until),
        ),
        ("answer", answer("new", published="2026-03-20", updated="2026-03-20")),
    )


def front_matter(markdown: bytes) -> dict[str, Any]:
    text = markdown.decode("utf-8")
    loaded = yaml.safe_load(text.split("\n---\n", 1)[0].removeprefix("---\n"))
    assert isinstance(loaded, dict)
    return loaded


def jsonld_of(page: bytes) -> dict[str, Any]:
    loaded = json.loads(front_matter(page)["jsonld"])["@graph"][0]
    assert isinstance(loaded, dict)
    return loaded


def test_an_expired_answer_is_marked_in_every_output() -> None:
    built = two("2026-03-15")
    files = published_files(built, SCHEMA_FILES)
    tree = engine_tree(built, ENGINE_CONFIG, SCHEMA_FILES)
    mirror = front_matter(files["answers/old.md"])
    assert {k: mirror[k] for k in ("reviewed", "reviewer", "next_review", "valid_until")} == {
        "reviewed": "2026-03-02",
        "reviewer": "编辑团队",
        "next_review": "2026-04-01",
        "valid_until": "2026-03-15",
    }
    assert mirror["expired"] == "true"
    review = {
        "reviewed": "2026-03-02",
        "reviewer": "编辑团队",
        "next_review": "2026-04-01",
        "valid_until": "2026-03-15",
        "expired": True,
        "as_of": "2026-03-20",
    }
    assert json.loads(files["api/v1/answers/old.json"])["review"] == review
    feed = json.loads(files["feed.json"])
    item = next(i for i in feed["items"] if i["_answer_center"]["id"] == "old")
    assert item["_answer_center"]["review"] == review
    assert item["content_text"].startswith("此答案已过有效期:这条答案的有效期到 2026-03-15 为止")
    node = jsonld_of(tree["docs/answers/old.md"])
    assert (node["lastReviewed"], node["reviewedBy"]["name"], node["expires"]) == (
        "2026-03-02",
        "编辑团队",
        "2026-03-15",
    )
    assert node["creativeWorkStatus"] == "Expired"
    lines = [json.loads(line) for line in files["entries.jsonl"].decode().splitlines()]
    assert next(x for x in lines if x["identifier"] == "old")["creativeWorkStatus"] == "Expired"
    page = tree["docs/answers/old.md"].decode("utf-8")
    assert '!!! warning ac-expired "此答案已过有效期"' in page
    assert "- **有效期至**:2026-03-15" in page
    assert "此答案已过有效期" in files["answers/old.md"].decode("utf-8")


def test_an_answer_still_valid_is_marked_nowhere() -> None:
    built = two("2026-03-20")
    files = published_files(built, SCHEMA_FILES)
    tree = engine_tree(built, ENGINE_CONFIG, SCHEMA_FILES)
    assert front_matter(files["answers/old.md"])["expired"] == "false"
    assert json.loads(files["api/v1/answers/old.json"])["review"]["expired"] is False
    node = jsonld_of(tree["docs/answers/old.md"])
    assert "creativeWorkStatus" not in node and node["expires"] == "2026-03-20"
    assert "ac-expired" not in tree["docs/answers/old.md"].decode("utf-8")
    assert "此答案已过有效期" not in files["answers/old.md"].decode("utf-8")
    # An answer with no review data at all has none in the API and the feed.
    assert json.loads(files["api/v1/answers/new.json"])["review"] is None
    assert "review" not in next(
        i["_answer_center"]
        for i in json.loads(files["feed.json"])["items"]
        if i["_answer_center"]["id"] == "new"
    )
