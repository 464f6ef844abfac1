"""Every schema in schemas/: valid and invalid samples, and rules the schema files follow."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from answer_center.diagnostics import Diagnostic
from answer_center.kinds import ENTRY_KINDS, SITE_SCHEMA
from answer_center.load import Document, load_bytes
from answer_center.validate.schema import COMMON_SCHEMA, SchemaSet, dereference
from conftest import ANSWER_YAML, SITE_YAML

SCHEMAS = Path(__file__).resolve().parents[1] / "schemas"
SCHEMA_FILES = sorted(path.name for path in SCHEMAS.glob("*.schema.json"))
INPUT_SCHEMAS = sorted({kind.schema_file for kind in ENTRY_KINDS} | {SITE_SCHEMA, COMMON_SCHEMA})
"""The schemas editors write against; schemas/ also holds those of the published JSON."""

ANSWER = ANSWER_YAML.format(
    id="stream-429", topic="basics", published="2026-03-01", updated="2026-03-02", status="draft"
)

TOPIC = """\
id: basics
title: 基础
description: 基础问题。
members:
  - stream-429
published: 2026-03-01
updated: 2026-03-02
"""

CHECKLIST = """\
id: stream-checklist
title: 清单
description: 逐项核对。
groups:
  - title: 客户端
    items:
      - text: 发一次最小请求
        why: 先确认基础链路。
published: 2026-03-01
updated: 2026-03-02
"""

GUIDE = """\
id: stream-guide
title: 手册
description: 完整说明。
sections:
  - id: overview
    heading: 概览
    paragraphs:
      - 先分类,再排查。
author: 编辑团队
published: 2026-03-01
updated: 2026-03-02
"""

EXAMPLE = """\
id: error-examples
title: 错误处理示例
description: 各种错误的处理代码。
scenarios:
  - id: rate-limit-429
    title: 429 限流
    http_status: 429
    explanation: 等待后重试。
    snippets:
      - language: python
        code: print("retry")
published: 2026-03-01
updated: 2026-03-02
"""

GLOSSARY = """\
id: sse
term: SSE
definition: Server-Sent Events,服务端推送事件的协议。
published: 2026-03-01
updated: 2026-03-02
"""

USE_CASE = """\
id: batch-script
title: 批量脚本的并发
summary: 批量脚本要限制并发和重试次数。
scenario: 脚本一次发出很多请求。
audience:
  - 开发者。
parameters:
  - name: 并发数
    purpose: 同时在途的请求数。
    example: "2"
    risk: 过高会触发 429。
steps:
  - 先发一条请求。
evidence:
  - 请求时间。
published: 2026-03-01
updated: 2026-03-02
"""

INTEGRATION = """\
id: python-sdk
title: 在 Python SDK 中接入
summary: 把 base_url 指向兼容接口。
client: OpenAI Python SDK
prerequisites:
  - 安装 openai 包。
steps:
  - text: 设置服务地址。
    setting: base_url
    value: https://api.example.com/v1
verify:
  - 发一条最小请求。
published: 2026-03-01
updated: 2026-03-02
"""

TEMPLATE = """\
id: notice
title: 切换通知
summary: 切换地址时发给使用方的通知。
purpose: 通知使用方改地址。
variables:
  - name: new_base_url
    meaning: 新地址。
    example: https://api.example.com/v1
body: 请改为 {{new_base_url}}。
published: 2026-03-01
updated: 2026-03-02
"""

SOLUTION = """\
id: one-gateway
title: 统一接入
summary: 团队用一个接入点调用多家模型。
audience:
  - 团队负责人。
capabilities:
  - capability: 统一接入点
    description: 同一个地址调用所有模型。
    evidence: 两次请求都返回 200。
published: 2026-03-01
updated: 2026-03-02
"""

VALID = {
    "use-case.schema.json": USE_CASE,
    "integration.schema.json": INTEGRATION,
    "template.schema.json": TEMPLATE,
    "solution.schema.json": SOLUTION,
    "answer.schema.json": ANSWER,
    "topic.schema.json": TOPIC,
    "checklist.schema.json": CHECKLIST,
    "guide.schema.json": GUIDE,
    "example.schema.json": EXAMPLE,
    "glossary.schema.json": GLOSSARY,
    "site.schema.json": SITE_YAML,
}


@pytest.fixture(scope="module")
def schemas() -> SchemaSet:
    return SchemaSet(Path("schemas") if Path("schemas").is_dir() else SCHEMAS)


def document(text: str) -> Document:
    result = load_bytes(text.encode("utf-8"), "content/entry.yaml")
    assert result.document is not None, result.diagnostics
    return result.document


def check(schemas: SchemaSet, text: str, schema_file: str) -> list[Diagnostic]:
    return schemas.check(document(text), schema_file)


def found(schemas: SchemaSet, text: str, schema_file: str) -> list[tuple[int, int, str, str]]:
    return sorted(
        (d.line, d.column, d.rule, d.text("en")) for d in check(schemas, text, schema_file)
    )


def swap(text: str, old: str, new: str) -> str:
    assert old in text, old
    return text.replace(old, new, 1)


# --- valid samples -------------------------------------------------------------------------------


def test_every_input_schema_has_a_valid_sample() -> None:
    assert sorted(VALID) == [name for name in INPUT_SCHEMAS if name != COMMON_SCHEMA]


@pytest.mark.parametrize("schema_file", sorted(VALID))
def test_minimal_sample_is_valid(schemas: SchemaSet, schema_file: str) -> None:
    assert check(schemas, VALID[schema_file], schema_file) == []


def test_full_answer_with_every_optional_part_is_valid(schemas: SchemaSet) -> None:
    full = ANSWER + (
        "cases:\n  - name: 情况\n    description: 说明。\n"
        "follow_ups:\n  - question: 追问?\n    answer: 回答。\n"
        "related:\n  - id: sse\n    note: 术语。\n"
        "handoff:\n  owner: 值班\n  environment: 生产\n  capability: 文本\n"
        "  last_known_good: 昨天\n  symptom: 出现 429\n  evidence: 请求时间\n"
        "  next_review: 一周后\n"
        "review:\n  reviewed: 2026-03-02\n  reviewer: 编辑团队\n"
        "  safety_boundary:\n    - 不公开密钥。\n"
        "tags: [stream, 限流, '429']\nnext_review: 2026-06-01\nsuperseded_by: other-answer\n"
        "lang: zh-CN\n"
    )
    assert check(schemas, full, "answer.schema.json") == []


# --- invalid samples: answer ---------------------------------------------------------------------


def test_unknown_key_suggests_the_closest_one(schemas: SchemaSet) -> None:
    text = swap(ANSWER, "summary:", "sumary:")
    assert found(schemas, text, "answer.schema.json") == [
        (1, 1, "schema/required", "missing required key 'summary'; add it"),
        (4, 1, "schema/unknown-key", "unknown key 'sumary'; did you mean 'summary'?"),
    ]


def test_unknown_key_without_a_close_match_lists_the_allowed_keys(schemas: SchemaSet) -> None:
    text = swap(ANSWER, "  lang: en\n", "  lang: en\n  zzz: 1\n")
    ((line, column, rule, message),) = found(schemas, text, "answer.schema.json")
    assert (line, column, rule) == (17, 3, "schema/unknown-key")
    assert message == "unknown key 'zzz' in ai_summary; allowed keys: lang, text"


def test_missing_key_is_positioned_at_its_object(schemas: SchemaSet) -> None:
    text = swap(ANSWER, "  - field: 请求时间\n    note: 写明时区。\n", "  - note: 写明时区。\n")
    assert found(schemas, text, "answer.schema.json") == [
        (13, 5, "schema/required", "missing required key 'field' in evidence_fields[0]; add it")
    ]


def test_an_evidence_field_may_go_without_a_note(schemas: SchemaSet) -> None:
    text = swap(ANSWER, "  - field: 请求时间\n    note: 写明时区。\n", "  - field: 请求时间\n")
    assert found(schemas, text, "answer.schema.json") == []


def test_missing_key_of_a_nested_mapping_points_at_the_mapping_key(schemas: SchemaSet) -> None:
    text = swap(ANSWER, "  lang: en\n", "")
    assert found(schemas, text, "answer.schema.json") == [
        (15, 1, "schema/required", "missing required key 'lang' in ai_summary; add it")
    ]


def test_each_missing_top_level_key_is_reported_once(schemas: SchemaSet) -> None:
    text = "# 只有 id\nid: lonely\n"
    problems = check(schemas, text, "answer.schema.json")
    assert len(problems) == 14
    assert problems[0].text("en") == "missing required key 'title'; add it"
    assert {(d.line, d.column, d.rule) for d in problems} == {(2, 1, "schema/required")}


def test_wrong_type(schemas: SchemaSet) -> None:
    text = swap(ANSWER, "basis:\n  - 判断依据。\n", "basis: 判断依据。\n")
    assert found(schemas, text, "answer.schema.json") == [
        (6, 8, "schema/type", "basis must be a list, found text")
    ]


def test_empty_value_is_named_as_such(schemas: SchemaSet) -> None:
    text = swap(ANSWER, "author: 编辑团队", "author:")
    assert found(schemas, text, "answer.schema.json") == [
        (20, 8, "schema/type", "author must be text, found nothing (an empty value)")
    ]


def test_bad_pattern_shows_the_schema_error_message(schemas: SchemaSet) -> None:
    text = swap(ANSWER, "published: 2026-03-01", "published: 2026/03/01")
    assert found(schemas, text, "answer.schema.json") == [
        (
            21,
            12,
            "schema/pattern",
            "published: a date is written YYYY-MM-DD, like 2026-03-02 (found '2026/03/01')",
        )
    ]


def test_bad_id_shows_the_schema_error_message(schemas: SchemaSet) -> None:
    text = swap(ANSWER, "id: stream-429", "id: Stream_429")
    ((line, column, rule, message),) = found(schemas, text, "answer.schema.json")
    assert (line, column, rule) == (1, 5, "schema/pattern")
    assert message.startswith("id: an id is lowercase ASCII kebab-case")
    assert message.endswith("(found 'Stream_429')")


def test_enum(schemas: SchemaSet) -> None:
    text = swap(ANSWER, "status: draft", "status: publish")
    assert found(schemas, text, "answer.schema.json") == [
        (
            23,
            9,
            "schema/enum",
            "status cannot be 'publish'; use one of: draft, published, deprecated",
        )
    ]


def test_too_long(schemas: SchemaSet) -> None:
    text = swap(ANSWER, "summary: 这是", "summary: " + "长" * 200 + "这是")
    ((line, column, rule, message),) = found(schemas, text, "answer.schema.json")
    assert (line, column, rule) == (4, 10, "schema/length")
    assert message == "summary is 223 characters long; shorten it to at most 200"


def test_too_short(schemas: SchemaSet) -> None:
    text = swap(ANSWER, "id: stream-429", "id: s")
    assert found(schemas, text, "answer.schema.json") == [
        (1, 5, "schema/length", "id is 1 character long; it needs at least 2")
    ]


def test_single_line_text_with_a_line_break(schemas: SchemaSet) -> None:
    text = swap(ANSWER, "title: 问题 stream-429 怎么办？", "title: |\n  第一行\n  第二行")
    ((line, column, rule, message),) = found(schemas, text, "answer.schema.json")
    assert (line, column, rule) == (2, 8, "schema/pattern")
    assert message.startswith("title: this text is a single line: remove the line breaks")


def test_empty_list(schemas: SchemaSet) -> None:
    text = swap(ANSWER, "next_steps:\n  - 下一步。\n", "next_steps: []\n")
    assert found(schemas, text, "answer.schema.json") == [
        (10, 13, "schema/items", "next_steps has 0 items; give it at least 1")
    ]


def test_duplicate_list_item_is_pointed_at(schemas: SchemaSet) -> None:
    text = ANSWER + "tags:\n  - stream\n  - 限流\n  - stream\n"
    assert found(schemas, text, "answer.schema.json") == [
        (27, 5, "schema/duplicate-item", "'stream' is listed twice in tags; remove one")
    ]


def test_several_problems_are_all_reported(schemas: SchemaSet) -> None:
    text = swap(swap(ANSWER, "status: draft", "status: 1"), "titl", "titel")
    assert [(line, rule) for line, _, rule, _ in found(schemas, text, "answer.schema.json")] == [
        (1, "schema/required"),
        (2, "schema/unknown-key"),
        (23, "schema/enum"),
    ]


# --- invalid samples: the other kinds ------------------------------------------------------------


def test_topic_members_must_be_unique_ids(schemas: SchemaSet) -> None:
    text = swap(TOPIC, "  - stream-429\n", "  - stream-429\n  - Bad Id\n  - stream-429\n")
    problems = found(schemas, text, "topic.schema.json")
    assert [(line, column, rule) for line, column, rule, _ in problems] == [
        (6, 5, "schema/pattern"),
        (7, 5, "schema/duplicate-item"),
    ]


def test_checklist_item_needs_why(schemas: SchemaSet) -> None:
    text = swap(CHECKLIST, "        why: 先确认基础链路。\n", "")
    assert found(schemas, text, "checklist.schema.json") == [
        (7, 9, "schema/required", "missing required key 'why' in groups[0].items[0]; add it")
    ]


def test_guide_section_unknown_key(schemas: SchemaSet) -> None:
    text = swap(GUIDE, "    heading: 概览", "    headline: 概览")
    assert found(schemas, text, "guide.schema.json") == [
        (5, 5, "schema/required", "missing required key 'heading' in sections[0]; add it"),
        (
            6,
            5,
            "schema/unknown-key",
            "unknown key 'headline' in sections[0]; did you mean 'heading'?",
        ),
    ]


def test_example_language_enum_and_status_range(schemas: SchemaSet) -> None:
    text = swap(
        swap(EXAMPLE, "language: python", "language: ruby"), "http_status: 429", "http_status: 99"
    )
    assert found(schemas, text, "example.schema.json") == [
        (7, 18, "schema/range", "scenarios[0].http_status is 99, out of range; use at least 100"),
        (
            10,
            19,
            "schema/enum",
            "scenarios[0].snippets[0].language cannot be 'ruby'; use one of: python, nodejs, curl",
        ),
    ]


def test_glossary_term_is_one_line(schemas: SchemaSet) -> None:
    text = swap(GLOSSARY, "term: SSE", 'term: "SSE\\nstream"')
    assert found(schemas, text, "glossary.schema.json") == [
        (
            2,
            7,
            "schema/pattern",
            "term: a term is a real word: at least two characters with a letter or a Chinese "
            "character, no spaces at the ends, no ` * [ ] (found 'SSE\nstream')",
        )
    ]


def test_site_base_url_must_end_with_a_slash(schemas: SchemaSet) -> None:
    text = swap(SITE_YAML, "https://answers.example.com/", "https://answers.example.com")
    ((line, column, rule, message),) = found(schemas, text, "site.schema.json")
    assert (line, column, rule) == (3, 11, "schema/pattern")
    assert message.startswith(
        "base_url: base_url is https://, a lowercase host name, an optional path"
    )


def test_site_usage_preferences_are_allow_or_disallow_for_known_purposes(
    schemas: SchemaSet,
) -> None:
    text = swap(
        SITE_YAML,
        "  default: allow\n",
        "  default: allow\nusage:\n  ai_train: no\n  train: allow\n",
    )
    assert found(schemas, text, "site.schema.json") == [
        (18, 13, "schema/enum", "usage.ai_train cannot be 'no'; use one of: allow, disallow"),
        (19, 3, "schema/unknown-key", "unknown key 'train' in usage; did you mean 'ai_train'?"),
    ]


def test_site_crawler_agent_names_and_policies(schemas: SchemaSet) -> None:
    text = swap(
        SITE_YAML,
        "  default: allow\n",
        "  default: allow\n  agents:\n    Bad/Bot: allow\n    GPTBot: maybe\n",
    )
    assert found(schemas, text, "site.schema.json") == [
        (
            18,
            5,
            "schema/key-name",
            "a user-agent token is letters and digits, words joined by one space, '.', '_' or"
            " '-' (like Sogou web spider or 360Spider) (found 'Bad/Bot')",
        ),
        (
            19,
            13,
            "schema/enum",
            "crawlers.agents.GPTBot cannot be 'maybe'; use one of: allow, disallow",
        ),
    ]


def test_site_redirect_kind_enum(schemas: SchemaSet) -> None:
    text = SITE_YAML + "redirects:\n  - from: old-id\n    to: new-id\n    kind: page\n"
    assert found(schemas, text, "site.schema.json") == [
        (
            26,
            11,
            "schema/enum",
            "redirects[0].kind cannot be 'page'; "
            "use one of: answer, topic, checklist, guide, example, use-case, integration, "
            "template, solution",
        )
    ]


# --- the schema files themselves -----------------------------------------------------------------

DRAFT_07_KEYWORDS = frozenset(
    {
        "$schema", "$id", "$ref", "$comment", "title", "description", "default", "readOnly",
        "writeOnly", "examples", "multipleOf", "maximum", "exclusiveMaximum", "minimum",
        "exclusiveMinimum", "maxLength", "minLength", "pattern", "additionalItems", "items",
        "maxItems", "minItems", "uniqueItems", "contains", "maxProperties", "minProperties",
        "required", "additionalProperties", "definitions", "properties", "patternProperties",
        "dependencies", "propertyNames", "const", "enum", "type", "format", "contentMediaType",
        "contentEncoding", "if", "then", "else", "allOf", "anyOf", "oneOf", "not",
    }
)  # fmt: skip
ALLOWED_KEYWORDS = DRAFT_07_KEYWORDS | {
    "$defs",
    "errorMessage",
    "x-error-message-en",
    "x-markup",
    "x-ordered",
    "x-holds",
    "x-description-zh-CN",
    "x-description-en",
    "defaultSnippets",
}


def raw_schema(name: str) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads((SCHEMAS / name).read_text(encoding="utf-8"))
    return loaded


def subschemas(schema: Any, where: str = "#") -> Iterator[tuple[str, dict[str, Any]]]:
    """Every schema object inside ``schema`` (keywords only, never property names)."""
    if not isinstance(schema, dict):
        return
    yield where, schema
    for keyword in ("properties", "patternProperties", "$defs", "definitions"):
        for name, child in schema.get(keyword, {}).items():
            yield from subschemas(child, f"{where}/{keyword}/{name}")
    for keyword in ("items", "additionalProperties", "propertyNames", "not", "contains"):
        child = schema.get(keyword)
        if isinstance(child, list):
            for index, item in enumerate(child):
                yield from subschemas(item, f"{where}/{keyword}/{index}")
        else:
            yield from subschemas(child, f"{where}/{keyword}")
    for keyword in ("allOf", "anyOf", "oneOf"):
        for index, item in enumerate(schema.get(keyword, [])):
            yield from subschemas(item, f"{where}/{keyword}/{index}")
    for keyword in ("if", "then", "else"):
        yield from subschemas(schema.get(keyword), f"{where}/{keyword}")


@pytest.mark.parametrize("name", SCHEMA_FILES)
def test_schema_is_valid_2020_12(schemas: SchemaSet, name: str) -> None:
    raw = raw_schema(name)
    assert raw["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert raw["$id"] == name
    Draft202012Validator.check_schema(raw)
    Draft202012Validator.check_schema(schemas.bundled(name))


@pytest.mark.parametrize("name", SCHEMA_FILES)
def test_schema_uses_only_draft_07_keywords(name: str) -> None:
    used = {keyword for _, schema in subschemas(raw_schema(name)) for keyword in schema}
    assert used <= ALLOWED_KEYWORDS, used - ALLOWED_KEYWORDS


@pytest.mark.parametrize("name", INPUT_SCHEMAS)
def test_every_property_has_a_description(name: str) -> None:
    missing = [
        f"{where}/properties/{key}"
        for where, schema in subschemas(raw_schema(name))
        for key, child in schema.get("properties", {}).items()
        if not isinstance(child, dict) or "description" not in child
    ]
    assert missing == []


@pytest.mark.parametrize("name", INPUT_SCHEMAS)
def test_every_pattern_has_an_error_message(name: str) -> None:
    missing = [
        where
        for where, schema in subschemas(raw_schema(name))
        if "pattern" in schema and not schema.get("errorMessage")
    ]
    assert missing == []


@pytest.mark.parametrize("name", INPUT_SCHEMAS)
def test_every_error_message_is_chinese_with_an_english_one_beside_it(name: str) -> None:
    """VS Code shows errorMessage to the editor (a Chinese writer); validate --lang en
    prints x-error-message-en."""
    for where, schema in subschemas(raw_schema(name)):
        if "errorMessage" in schema:
            assert re.search("[\u4e00-\u9fff]", schema["errorMessage"]), where
            english = schema.get("x-error-message-en", "")
            assert english.isascii() or "限流" in english, where


@pytest.mark.parametrize("name", INPUT_SCHEMAS)
def test_objects_with_properties_forbid_other_keys(name: str) -> None:
    open_objects = [
        where
        for where, schema in subschemas(raw_schema(name))
        if "properties" in schema and schema.get("additionalProperties") is not False
    ]
    assert open_objects == []


@pytest.mark.parametrize("name", INPUT_SCHEMAS)
def test_ref_siblings_are_annotations_only(name: str) -> None:
    # draft-07 tools (the VS Code YAML extension) ignore every keyword beside $ref; our
    # own annotations (x-ordered, x-holds) are read by this program only.
    annotations = {"$ref", "description", "x-description-en", "title", "x-ordered", "x-holds"}
    mixed = [
        where
        for where, schema in subschemas(raw_schema(name))
        if "$ref" in schema and set(schema) - annotations
    ]
    assert mixed == []


def test_every_kind_and_the_site_have_a_schema() -> None:
    assert set(INPUT_SCHEMAS) <= set(SCHEMA_FILES)


def test_answer_keys_are_the_ones_issues_2_and_13_name() -> None:
    assert set(raw_schema("answer.schema.json")["properties"]) == {
        "id", "title", "original_question", "summary", "short_answer", "cases", "basis",
        "boundaries", "next_steps", "evidence_fields", "ai_summary", "follow_ups", "related",
        "handoff", "review", "topic", "tags", "author", "published", "updated", "next_review",
        "status", "superseded_by", "lang", "code", "table", "valid_until",
    }  # fmt: skip


@pytest.mark.parametrize("name", sorted(VALID))
def test_fast_schema_has_no_references_left(schemas: SchemaSet, name: str) -> None:
    assert "$ref" not in json.dumps(dereference(schemas.bundled(name)))


PATH_MESSAGE = (
    "a path starts with '/' and holds only URL characters (robots.txt's * and $ included): "
    "no spaces, quotes, angle brackets, backslashes or non-ASCII text (percent-encode them)"
)


def test_a_line_break_cannot_ride_in_a_path_or_after_a_pattern(schemas: SchemaSet) -> None:
    # "$" ends the text, as in JSON Schema; Python's would also match before a final "\n".
    text = swap(
        SITE_YAML,
        "  default: allow\n",
        '  default: allow\n  disallow_paths:\n    - "/x\\nSitemap: https://evil.example/s.xml"\n'
        '    - "/ok\\n"\n',
    )
    assert found(schemas, text, "site.schema.json") == [
        (
            18,
            7,
            "schema/pattern",
            f"crawlers.disallow_paths[0]: {PATH_MESSAGE} (found '/x\nSitemap: https://evil.example/s.xml')",
        ),
        (
            19,
            7,
            "schema/pattern",
            f"crawlers.disallow_paths[1]: {PATH_MESSAGE} (found '/ok\n')",
        ),
    ]
    answer = swap(ANSWER, "id: stream-429\n", 'id: "stream-429\\n"\n')
    assert [(d.rule, d.line) for d in check(schemas, answer, "answer.schema.json")] == [
        ("schema/pattern", 1)
    ]


def test_a_related_link_is_an_entry_or_a_page_elsewhere(schemas: SchemaSet) -> None:
    text = ANSWER + "related:\n  - title: 只有标题\n    note: 说明。\n"
    assert found(schemas, text, "answer.schema.json") == [
        (
            25,
            5,
            "schema/one-of",
            "related[0]: a related link is either id and note (a page of the answer center) "
            "or url, title and note (a page elsewhere)",
        )
    ]
    elsewhere = ANSWER + (
        "related:\n  - url: https://example.com/status\n    title: 状态页\n    note: 看状态。\n"
    )
    assert found(schemas, elsewhere, "answer.schema.json") == []
    unsafe = elsewhere.replace("https://example.com/status", "http://example.com/x")
    assert [rule for _, _, rule, _ in found(schemas, unsafe, "answer.schema.json")] == [
        "schema/pattern"
    ]
