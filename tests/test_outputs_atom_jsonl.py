"""/atom.xml and /entries.jsonl: read back by a real feed parser, an XML parser and the
published JSON Schema (fast tier: the sample content rendered without the engine)."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import feedparser
import pytest
from hypothesis import given
from hypothesis import strategies as st
from jsonschema import Draft202012Validator, FormatChecker

from answer_center import commands, urls
from answer_center.kinds import ENTRY_KINDS
from answer_center.model import Catalog, build_catalog
from answer_center.render.hosting import headers_file
from answer_center.render.inline import escape_xml
from answer_center.render.outputs import published_files
from catalogs import SCHEMA_FILES, SITE, answer, catalog, topic
from outputs_site import schema_registry, strict
from sample_site import copy_project

ATOM = "{http://www.w3.org/2005/Atom}"


def sample_catalog(root: Path) -> Catalog:
    """The repository's sample content as the pipeline models it."""
    report = commands.validate(copy_project(root))
    assert report.validation.site is not None
    return build_catalog(report.validation.site, report.validation.sources)


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> tuple[Catalog, dict[str, bytes]]:
    built = sample_catalog(tmp_path_factory.mktemp("atom-sample"))
    return built, published_files(built, SCHEMA_FILES)


def json_feed_items(files: dict[str, bytes]) -> list[dict[str, Any]]:
    """Every JSON Feed item, following next_url."""
    items: list[dict[str, Any]] = []
    path: str | None = urls.FEED
    while path is not None:
        page = json.loads(files[path.lstrip("/")])
        items += page["items"]
        nxt = page.get("next_url")
        path = None if nxt is None else "/" + nxt.split("/", 3)[3]
    return items


def atom_pages(files: dict[str, bytes]) -> list[Any]:
    """Every Atom page as feedparser reads it, following rel="next"."""
    pages = []
    path: str | None = urls.ATOM
    while path is not None:
        parsed = feedparser.parse(files[path.lstrip("/")])
        pages.append(parsed)
        nxt = [link.href for link in parsed.feed.links if link.rel == "next"]
        path = "/" + nxt[0].split("/", 3)[3] if nxt else None
    return pages


def test_feedparser_reads_the_atom_feed_without_complaint(
    sample: tuple[Catalog, dict[str, bytes]],
) -> None:
    built, files = sample
    parsed = feedparser.parse(files["atom.xml"])
    assert parsed.bozo == 0, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    assert parsed.feed.id == built.site.absolute(urls.ATOM)
    assert parsed.feed.title == built.site.feed_title
    items = json_feed_items(files)
    assert len(parsed.entries) == len(items) == len(built.recent) > 5
    for entry, item in zip(parsed.entries, items, strict=True):
        assert entry.id == item["id"]
        assert entry.title == item["title"]
        assert entry.updated == item["date_modified"]
        assert entry.published == item["date_published"]
        assert entry.link == item["url"]
        types = {link.type: link.href for link in entry.links}
        assert types["text/markdown"] == item["_answer_center"]["markdown_url"]
        assert types["application/json"] == item["_answer_center"]["json_url"]
        assert entry.content[0].type == "text/html"
        assert entry.content[0].value == item["content_html"]
        assert entry.summary == item["summary"]
        assert [tag.term for tag in entry.get("tags", [])] == item.get("tags", [])


def test_atom_is_well_formed_and_every_element_in_the_atom_namespace(
    sample: tuple[Catalog, dict[str, bytes]],
) -> None:
    _, files = sample
    root = ET.fromstring(files["atom.xml"])
    assert root.tag == f"{ATOM}feed"
    assert all(el.tag.startswith(ATOM) for el in root.iter())
    for required in ("id", "title", "updated", "author"):
        assert len(root.findall(f"{ATOM}{required}")) == 1, required
    for entry in root.findall(f"{ATOM}entry"):
        # RFC 4287 4.1.2: exactly one id, title and updated; alternates unique per type.
        for required in ("id", "title", "updated", "content", "author"):
            assert len(entry.findall(f"{ATOM}{required}")) == 1, required
        alternates = [x.get("type") for x in entry.findall(f"{ATOM}link[@rel='alternate']")]
        assert len(alternates) == len(set(alternates)) == 2


def test_atom_pages_follow_the_json_feed_pages() -> None:
    members = [f"a-{n}" for n in range(5)]
    built = catalog(
        ("topic", topic("basics", members)),
        *(("answer", answer(m, updated=f"2026-03-0{n + 2}")) for n, m in enumerate(members)),
        site=SITE | {"feed": {"title": "更新", "page_size": 2}},
    )
    files = published_files(built, SCHEMA_FILES)
    pages = atom_pages(files)
    assert [p.bozo for p in pages] == [0, 0, 0]
    assert sorted(path for path in files if path.startswith("atom")) == [
        "atom.xml",
        "atom/2.xml",
        "atom/3.xml",
    ]
    ids = [entry.id for page in pages for entry in page.entries]
    assert ids == [item["id"] for item in json_feed_items(files)]
    assert ids[0].endswith("/answers/a-4/")
    # Every page is a part of one feed: one id, and a way back to the first page.
    assert {p.feed.id for p in pages} == {built.site.absolute(urls.ATOM)}
    assert [link.href for link in pages[2].feed.links if link.rel == "previous"] == [
        built.site.absolute("/atom/2.xml")
    ]


HOSTILE = "A & B <b>bold</b> \"quoted\" 'single' ]]> &amp; &nbsp; \u00e9"


def test_any_text_comes_out_of_the_atom_feed_as_that_text() -> None:
    built = catalog(
        ("topic", topic("basics", ["x"])),
        ("answer", answer("x", title=HOSTILE, tags=["a&b", "<t>"])),
    )
    raw = published_files(built, SCHEMA_FILES)["atom.xml"]
    ET.fromstring(raw)
    parsed = feedparser.parse(raw)
    assert parsed.bozo == 0
    assert parsed.entries[0].title == HOSTILE
    assert [tag.term for tag in parsed.entries[0].tags] == ["a&b", "<t>"]


def test_every_page_head_and_host_rule_declares_the_atom_feed() -> None:
    headers = headers_file(catalog(("topic", topic("basics", ["x"])), ("answer", answer("x"))).site)
    assert "/atom.xml\n  Content-Type: application/atom+xml\n" in headers
    assert "/atom/*\n  Content-Type: application/atom+xml\n" in headers
    assert "/entries.jsonl\n  Content-Type: application/jsonl; charset=utf-8\n" in headers


def jsonl_validator() -> Draft202012Validator:
    schema = json.loads(SCHEMA_FILES["jsonl-entry.schema.json"])
    return Draft202012Validator(
        strict(schema), registry=schema_registry(), format_checker=FormatChecker()
    )


def test_every_jsonl_line_is_a_schema_org_object_valid_against_its_schema(
    sample: tuple[Catalog, dict[str, bytes]],
) -> None:
    built, files = sample
    text = files["entries.jsonl"].decode("utf-8")
    assert text.endswith("\n")
    lines = text.split("\n")[:-1]
    assert len(lines) == len(built.entries)
    validator = jsonl_validator()
    objects = [json.loads(line) for line in lines]
    for obj in objects:
        errors = [f"{list(e.path)}: {e.message}" for e in validator.iter_errors(obj)]
        assert errors == [], (obj["@id"], errors)
    by_id = {obj["identifier"]: obj for obj in objects}
    assert sorted(by_id) == sorted(e.id for e in built.entries)
    gateway = by_id["openai-compatible-api-gateway"]
    assert gateway["@type"] == "Article"
    assert gateway["url"] == built.site.absolute("/answers/openai-compatible-api-gateway/")
    assert gateway["@id"] == gateway["url"] + "#page"
    assert gateway["about"]["url"] == built.site.absolute("/topics/api-access/")
    assert "只需改 `base_url` 和 Key" not in gateway["text"]  # plain text, no markup
    assert "只需改 base_url 和 Key" in gateway["text"]
    assert "stream=false" in gateway["text"]


def test_the_jsonl_schema_lists_every_declared_schema_org_type() -> None:
    schema = json.loads(SCHEMA_FILES["jsonl-entry.schema.json"])
    assert schema["properties"]["@type"]["enum"] == sorted(
        {kind.jsonld_type for kind in ENTRY_KINDS}
    )


def test_a_jsonl_line_that_breaks_the_schema_is_reported() -> None:
    validator = jsonl_validator()
    bad = {"@context": "https://schema.org", "@type": "Recipe"}
    messages = sorted(e.message for e in validator.iter_errors(bad))
    assert "'Recipe' is not one of ['Article', 'DefinedTerm', 'TechArticle', 'WebPage']" in messages


XML_TEXT = st.text(
    st.characters(
        exclude_categories=["Cs"],
        exclude_characters="\x00\x01\x02\x03\x04\x05\x06\x07\x08\x0b\x0c\x0e\x0f\x10\x11"
        "\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f\ufffe\uffff\r",
    )
)


@given(XML_TEXT)
def test_escape_xml_gives_back_any_text_as_content_and_as_attribute(value: str) -> None:
    element = ET.fromstring(f'<x a="{escape_xml(value)}">{escape_xml(value)}</x>')
    assert (element.text or "") == value
    # Attribute values are normalized by XML (tabs and newlines read as spaces).
    assert element.get("a") == value.replace("\t", " ").replace("\n", " ")
