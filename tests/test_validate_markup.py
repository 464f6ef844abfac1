"""Links in text fields that no renderer would link to are reported where they were written."""

from __future__ import annotations

import json

import pytest

from answer_center.load import load_bytes
from answer_center.render.jsonld import script_json
from answer_center.validate.markup import check_markup

PATH = "content/answers/t/x.yaml"


def found(yaml_text: str) -> list[tuple[int, int, str]]:
    loaded = load_bytes(yaml_text.encode("utf-8"), PATH)
    assert loaded.document is not None, loaded.diagnostics
    return [(d.line, d.column, d.message) for d in check_markup(loaded.document)]


ALLOWED = "links go to https://, http://, mailto: or a site path starting with /"


@pytest.mark.parametrize(
    "href",
    [
        "javascript:void",
        "JavaScript:alert(1",
        "data:text/html;base64,PHNjcmlwdD4=",
        "vbscript:msgbox",
        "//evil.example/x",
        "/\\evil.example/login",
        "../answers/x/",
        "file:///etc/passwd",
    ],
)
def test_unsafe_targets_are_errors_at_the_link(href: str) -> None:
    # Parentheses end a target, so "javascript:alert(1)" is judged by "javascript:alert(1".
    assert found(f"short_answer: 先看 [这里]({href}) 再说\n") == [
        (
            1,
            18,
            f"link target {href!r} is not allowed: {ALLOWED}; change the target or remove the link",
        )
    ]


@pytest.mark.parametrize(
    "href", ["https://example.com/a", "http://example.com", "mailto:support@example.com", "/"]
)
def test_safe_targets_pass(href: str) -> None:
    assert found(f"short_answer: '[link]({href})'\n") == []


def test_position_inside_a_block_scalar_and_a_list() -> None:
    text = (
        "basis:\n  - 第一条\n  - |\n    第二条先说明,\n    再给 [链接](javascript:void(0)) 结束\n"
    )
    assert [(line, column) for line, column, _ in found(text)] == [(5, 8)]


def test_a_link_split_over_lines_is_still_seen() -> None:
    text = "summary: |-\n  见 [两行\n  的链接](data:x)\n"
    assert [(line, column) for line, column, _ in found(text)] == [(2, 5)]


def test_a_link_in_inline_code_is_code() -> None:
    assert found("short_answer: 'Markdown 写作 `[x](javascript:y)` 不会变成链接'\n") == []


def test_code_samples_are_verbatim() -> None:
    text = "scenarios:\n  - code: |\n      handlers[0](event)\n      x = [a](javascript:1)\n"
    assert found(text) == []


def test_a_long_target_is_shortened_in_the_message() -> None:
    href = "javascript:" + "a" * 100
    ((_, _, message),) = found(f"title: '[x]({href})'\n")
    assert repr(href[:59] + "…") in message
    assert href not in message


def test_script_json_cannot_end_its_script_or_break_a_line() -> None:
    text = script_json({"a": "</script><!--&\u2028\u2029>"})
    assert json.loads(text) == {"a": "</script><!--&\u2028\u2029>"}
    assert not set(text) & {"<", ">", "&", "\u2028", "\u2029"}
