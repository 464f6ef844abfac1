"""Inline markup is read by a real parser; what it cannot read is an error where it was written.

The corpus below holds every way a text field's markup can go wrong (issue #9, class 4):
each case must give exactly its rule at its line and column, and nothing may pass.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from answer_center.load import load_bytes
from answer_center.markup import decoded_target, parse, target_problem, to_plain, visible_pieces
from answer_center.render.jsonld import script_json
from answer_center.validate.markup import check_markup
from answer_center.validate.schema import SchemaSet

PATH = "content/answers/t/x.yaml"
SCHEMAS = SchemaSet(Path(__file__).resolve().parents[1] / "schemas")
ANSWER_TEXT = SCHEMAS.markup_paths("answer.schema.json")
EXAMPLE_TEXT = SCHEMAS.markup_paths("example.schema.json")


def found(
    yaml_text: str, text_fields: frozenset[tuple[str | int, ...]] = ANSWER_TEXT
) -> list[tuple[int, int, str]]:
    loaded = load_bytes(yaml_text.encode("utf-8"), PATH)
    assert loaded.document is not None, loaded.diagnostics
    return [(d.line, d.column, d.rule) for d in check_markup(loaded.document, text_fields)]


def messages(yaml_text: str) -> list[str]:
    loaded = load_bytes(yaml_text.encode("utf-8"), PATH)
    assert loaded.document is not None
    return [d.text("en") for d in check_markup(loaded.document, ANSWER_TEXT)]


def test_the_text_fields_come_from_the_schemas() -> None:
    assert {("short_answer",), ("summary",), ("basis", "*"), ("title",)} <= ANSWER_TEXT
    assert ("follow_ups", "*", "answer") in ANSWER_TEXT
    assert ("id",) not in ANSWER_TEXT and ("topic",) not in ANSWER_TEXT
    assert ("scenarios", "*", "snippets", "*", "code") not in EXAMPLE_TEXT


UNSAFE_TARGETS = [
    "javascript:void(0)",
    "JavaScript:alert(1)",
    "data:text/html;base64,PHNjcmlwdD4=",
    "vbscript:msgbox",
    "//evil.example/x",
    "/\\evil.example/login",
    "../answers/x/",
    "file:///etc/passwd",
    "/%2F%2Fevil.example/",
    "/%2f/evil.example/",
    "%2F%2Fevil.example/",
    "&#47;&#47;evil.example/",
    "java&#115;cript:alert(1)",
    "javascript&colon;alert(1)",
    "%6A%61%76%61script:alert(1)",
    "/%5Cevil.example/",
    "https:%2F%2Fevil.example/",
    "HTTPS://EVIL.example/",
    'https://evil.example/"onmouseover="x',
    "https://evil.example/<x>",
    "mailto:",
    "/%252F%252Fevil.example/",
]


@pytest.mark.parametrize("href", UNSAFE_TARGETS)
def test_unsafe_targets_are_errors_at_the_link(href: str) -> None:
    yaml = f"short_answer: '先看 [这里]({href}) 再说'\n"  # single quotes keep a backslash as is
    assert found(yaml) == [(1, 19, "markup/unsafe-link")]
    assert f"link target '{href}' is not allowed" in messages(yaml)[0]


@pytest.mark.parametrize(
    "href",
    [
        "https://example.com/a",
        "http://example.com",
        "https://en.wikipedia.org/wiki/Retry_(disambiguation)",
        "https://example.com/search?q=a%20b&lang=zh#top",
        "mailto:support@example.com",
        "/",
        "/answers/openai-sdk-base-url/",
        "/glossary/#rate-limit",
    ],
)
def test_safe_targets_pass(href: str) -> None:
    assert found(f"short_answer: '[link]({href})'\n") == []
    assert target_problem(href) is None


def test_targets_are_judged_decoded() -> None:
    assert decoded_target("/%252F%252Fevil") == "///evil"
    assert decoded_target("java&#115;cript:x") == "javascript:x"
    assert decoded_target("/a\u200b/b") == "/a/b"


# (field text, rule, column of the problem in the field's text, 1-based)
BROKEN = [
    ("先看 `stream=true 再说", "markup/unclosed-code", 4),
    ("``a 不配对", "markup/unclosed-code", 1),
    ("这是 **重点 没有结尾", "markup/unclosed-bold", 4),
    ("空的 **** 粗体", "markup/empty", 4),
    ("空的 `  ` 代码", "markup/empty", 4),
    ("空格 ** 重点** 不行", "markup/bold-space", 4),
    ("粗体里 **有 `code`** 不行", "markup/nested", 9),
    ("粗体里 **有 [链接](/x/)** 不行", "markup/nested", 9),
    ("链接里 [有 `code`](/x/) 不行", "markup/nested", 5),
    ("链接里 [有 **粗**](/x/) 不行", "markup/nested", 5),
    ("嵌套 [外 [内](/a/)](/b/) 不行", "markup/nested", 4),
    ("没有文字 [](/a/) 不行", "markup/empty", 6),
    ("只有空格 [ ](/a/) 不行", "markup/empty", 6),
    ("图片 ![图](https://example.com/a.png) 不行", "markup/image", 4),
    ("没有结尾 [链接](https://example.com/a 不行", "markup/unclosed-link", 6),
]


@pytest.mark.parametrize(("text", "rule", "column"), BROKEN, ids=[r for _, r, _ in BROKEN])
def test_broken_markup_is_an_error_where_it_was_written(text: str, rule: str, column: int) -> None:
    yaml = f"summary: x\nshort_answer: {json.dumps(text, ensure_ascii=False)}\n"
    # "short_answer: " is 14 characters and the JSON string opens with a quote.
    assert found(yaml) == [(2, 15 + column, rule)]
    assert parse(text).errors[0].rule == rule


@pytest.mark.parametrize(
    "text",
    [
        "数组 a[0] 和 [注] 都是文字",
        "单个 * 星号、_ 下划线、# 井号、> 和 <b> 都是文字",
        "未闭合的 [括号 后面 [链接](/a/) 可以",
        "`` a`b `` 用两个反引号包住一个反引号",
        "***三个星号*** 也能读",
        "&amp; 和 &#60; 按原样显示",
    ],
)
def test_text_that_is_not_markup_passes(text: str) -> None:
    assert found(f"short_answer: {json.dumps(text, ensure_ascii=False)}\n") == []


def test_visible_pieces_point_back_at_the_source() -> None:
    text = "用 `stream` 和 **注意** 见 [文档](https://example.com/x)。"
    pieces = visible_pieces(text)
    assert "".join(piece for _, piece in pieces) == to_plain(text) == "用 stream 和 注意 见 文档。"
    assert all(text[offset : offset + len(piece)] == piece for offset, piece in pieces)


def test_position_inside_a_block_scalar_and_a_list() -> None:
    text = (
        "basis:\n  - 第一条\n  - |\n    第二条先说明,\n    再给 [链接](javascript:void(0)) 结束\n"
    )
    assert found(text) == [(5, 8, "markup/unsafe-link")]


def test_a_link_split_over_lines_is_still_seen() -> None:
    text = "summary: |-\n  见 [两行\n  的链接](data:x)\n"
    assert found(text) == [(2, 5, "markup/unsafe-link")]


def test_a_link_in_inline_code_is_code() -> None:
    assert found("short_answer: 'Markdown 写作 `[x](javascript:y)` 不会变成链接'\n") == []


def test_strings_that_are_not_text_fields_are_not_markup() -> None:
    text = "scenarios:\n  - snippets:\n      - code: |\n          x = [a](javascript:1) ** `\n"
    assert found(text, EXAMPLE_TEXT) == []
    assert found("id: '**'\ntopic: '`'\n") == []


def test_a_long_target_is_shortened_in_the_message() -> None:
    href = "javascript:" + "a" * 100
    (message,) = messages(f"title: '[x]({href})'\n")
    assert repr(href[:59] + "…") in message
    assert href not in message


def test_script_json_cannot_end_its_script_or_break_a_line() -> None:
    text = script_json({"a": "</script><!--&\u2028\u2029>"})
    assert json.loads(text) == {"a": "</script><!--&\u2028\u2029>"}
    assert not set(text) & {"<", ">", "&", "\u2028", "\u2029"}
