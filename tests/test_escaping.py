"""Any text in any field comes out of every Markdown output as exactly that text (issue #9).

Hypothesis writes texts full of Markdown, extension and HTML syntax; each is escaped for a
target, placed where the templates place fields (a paragraph, a list item, a heading, an
admonition title, after a bold label), and parsed with that target's real parser: the
site engine's Python-Markdown with every extension of mkdocs.yml, and CommonMark. The
text nodes must be the text, and the elements exactly those of the place.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from answer_center.markup import parse, to_plain
from answer_center.render.inline import (
    Term,
    Tooltips,
    commonmark,
    engine_heading,
    engine_markdown,
    escape_commonmark,
    escape_engine,
)
from markdown_parsers import Tree, commonmark_html, engine_html

TOKENS = (
    "#",
    "##",
    "# ",
    ">",
    "> ",
    "-",
    "- ",
    "+",
    "*",
    "**",
    "***",
    "_",
    "__",
    "=",
    "===",
    "!!!",
    "???",
    "???+",
    ":",
    "::",
    ":::",
    "|",
    "||",
    "~",
    "~~",
    "~~~",
    "`",
    "``",
    "```",
    "\\",
    "\\\\",
    "[",
    "]",
    "(",
    ")",
    "{",
    "}",
    "{: .x}",
    "{#id}",
    "{ onclick=x }",
    "<",
    ">",
    "&",
    "&amp;",
    "&#35;",
    "&lt;b&gt;",
    "&copy",
    "<b>",
    "</p>",
    "<!--",
    "-->",
    "<https://a.b>",
    "*[HTML]: x",
    "[^1]",
    "[ ]",
    "[x]",
    "![i](x)",
    "[a](b)",
    "1.",
    "1)",
    "12.",
    "2 ",
    "---",
    "___",
    "^",
    "^^",
    "==",
    "++",
    "$",
    "%",
    "@",
    '"',
    "'",
    "#!python",
    ":::python",
    "  ",
    " ",
    "a",
    "b1",
    "限流",
    "答案",
    "。",
    ",",
    "\u00a0",
    "\u3000",
    "x_y_z",
    "http://a.b/",
)
texts = st.lists(
    st.one_of(st.sampled_from(TOKENS), st.text(alphabet="ab #*_`[]<>&!=-:|~\\1.", max_size=6)),
    min_size=1,
    max_size=14,
).map("".join)


def normalised(text: str) -> str:
    return " ".join(text.split())


# (name, template, tags the template itself makes, text it adds): "{x}" is the field.
ENGINE_PLACES: tuple[tuple[str, str, list[str], str], ...] = (
    ("paragraph", "{x}", ["p"], ""),
    ("list item", "- {x}", ["ul", "li"], ""),
    ("numbered step", "1. {x}", ["ol", "li"], ""),
    ("after a label", "**问题:**{x}", ["p", "strong"], "问题:"),
    ("before attributes", "{x}\n{{: .ac-summary }}", ["p"], ""),
    ("two items", "- {x}\n- {x}", ["ul", "li", "li"], ""),
)


def assert_engine_place(text: str, template: str, tags: list[str], prefix: str) -> None:
    escaped = escape_engine(text)
    if not normalised(text):
        return
    source = template.replace("{x}", escaped).replace("{{", "{").replace("}}", "}")
    tree = Tree(engine_html(source))
    repeats = template.count("{x}")
    assert tree.tag_names == tags, (source, tree.tags)
    field = text.lstrip(" \t\r\n")  # where a line starts, its spaces mean nothing
    assert tree.text == normalised(" ".join([prefix + field] * repeats)), source


@pytest.mark.parametrize(("place", "template", "tags", "prefix"), ENGINE_PLACES)
@settings(max_examples=150, deadline=None)
@given(text=texts)
@example(text="!!! note")
@example(text='=== "tab"')
@example(text='??? question "x"')
@example(text="*[HTML]: Hyper")
@example(text="1. one")
@example(text="# title {#__config}")
@example(text="| a | b |")
@example(text="&amp; &#60;")
def test_engine_text_is_text_wherever_a_field_stands(
    place: str, template: str, tags: list[str], prefix: str, text: str
) -> None:
    assert_engine_place(text, template, tags, prefix)


@settings(max_examples=200, deadline=None)
@given(text=texts)
@example(text="a {#__config}")
@example(text="x {: onclick=y }")
def test_engine_headings_hold_the_text_and_our_id(text: str) -> None:
    if not normalised(text):
        return
    source = f"## {escape_engine(text)} {{#section}}"
    tree = Tree(engine_html(source))
    assert tree.tag_names == ["h2", "a"], (source, tree.tags)
    assert tree.tags[0][1] == {"id": "section"}
    # The permalink is an empty link (its symbol is drawn by CSS): the text is the heading.
    assert tree.text == normalised(text)


COMMONMARK_PLACES: tuple[tuple[str, str, list[str], str], ...] = (
    ("paragraph", "{x}", ["p"], ""),
    ("list item", "- {x}", ["ul", "li"], ""),
    ("numbered step", "1. {x}", ["ol", "li"], ""),
    ("heading", "### {x}", ["h3"], ""),
    ("after a label", "**问题**:{x}", ["p", "strong"], "问题:"),
    ("under a paragraph", "段落\n{x}", ["p"], "段落 "),
    ("link text", "- [{x}](https://a.example/): 说明", ["ul", "li", "a"], ""),
)


@pytest.mark.parametrize(("place", "template", "tags", "prefix"), COMMONMARK_PLACES)
@settings(max_examples=150, deadline=None)
@given(text=texts)
@example(text="===")
@example(text="---")
@example(text="<div>")
@example(text="a | b\n--- | ---")
@example(text="&copy;")
def test_commonmark_text_is_text_wherever_a_field_stands(
    place: str, template: str, tags: list[str], prefix: str, text: str
) -> None:
    if not normalised(text):
        return
    source = template.replace("{x}", escape_commonmark(normalised(text)))
    tree = Tree(commonmark_html(source))
    assert tree.tag_names == tags, (source, tree.tags)
    expected = prefix + normalised(text) + (": 说明" if place == "link text" else "")
    assert tree.text == normalised(expected), source


# ------------------------------------------------------------------------------------------
# Fields with markup: exactly the elements the model put there.
# ------------------------------------------------------------------------------------------

words = st.lists(st.sampled_from((*TOKENS[:-6], "限流", "stream", "x1")), min_size=1, max_size=5)
plain_words = words.map(lambda w: "".join(w).replace("`", "'").replace("*", "+").strip())


@st.composite
def marked_up(draw: st.DrawFn) -> str:
    """A field of plain text, `code`, **bold** and [links](/x/) that the parser accepts."""
    parts = []
    for kind in draw(st.lists(st.sampled_from(["text", "code", "bold", "link"]), max_size=5)):
        body = draw(plain_words.filter(lambda t: t and "[" not in t and "]" not in t))
        if kind == "code":
            parts.append(f" `{body}` ")
        elif kind == "bold":
            parts.append(f" **{body}** ")
        elif kind == "link":
            parts.append(f" [{body}](/answers/x/) ")
        else:
            parts.append(draw(plain_words))
    return "".join(parts) or "x"


EXPECTED_TAGS = {"code": ["code"], "bold": ["strong"], "link": ["a"], "text": []}


def model_tags(text: str) -> list[str]:
    return [tag for span in parse(text).spans for tag in EXPECTED_TAGS[span.kind]]


def check_marked_up(text: str, render: Callable[[str], str], to_html: Callable[[str], str]) -> None:
    parsed = parse(text)
    if parsed.errors or not normalised(to_plain(text)):
        return
    tree = Tree(to_html(render(text)))
    tags = [t for t in tree.tag_names if t != "p"]
    expected = [t for span in parsed.spans if span.text.strip() for t in EXPECTED_TAGS[span.kind]]
    assert tags == expected, (render(text), tree.tags)
    assert tree.text == normalised(to_plain(text)), render(text)


@settings(max_examples=300, deadline=None)
@given(text=marked_up())
def test_engine_fields_hold_exactly_the_markup_of_the_model(text: str) -> None:
    check_marked_up(text, engine_markdown, engine_html)


@settings(max_examples=300, deadline=None)
@given(text=marked_up())
def test_commonmark_fields_hold_exactly_the_markup_of_the_model(text: str) -> None:
    check_marked_up(text, commonmark, commonmark_html)


@settings(max_examples=200, deadline=None)
@given(text=marked_up())
def test_engine_admonition_titles_hold_exactly_the_markup_of_the_model(text: str) -> None:
    def admonition(field: str) -> str:
        return f'??? question "{engine_heading(field)}"\n\n    答案。\n'

    def html_without_frame(source: str) -> str:
        html = engine_html(source)
        assert html.startswith('<details class="question">\n<summary>'), html
        assert html.endswith("</summary>\n<p>答案。</p>\n</details>"), html
        return html.split("<summary>", 1)[1].rsplit("</summary>", 1)[0]

    check_marked_up(text, admonition, html_without_frame)


# ------------------------------------------------------------------------------------------
# Tooltips.
# ------------------------------------------------------------------------------------------

TERMS = (
    Term("sse", ("SSE", "Server-Sent Events"), 'Server-Sent Events: "流式" <b>&</b>'),
    Term("rate-limit", ("限流",), "限制单位时间内的请求数。"),
)


def test_a_term_gets_one_tooltip_per_page_and_none_in_headings_code_or_links() -> None:
    tips = Tooltips(TERMS)
    heading = engine_heading("SSE 与限流")
    first = engine_markdown("用 `SSE` 和 [SSE](/glossary/) 时,SSE 会断;限流也是。", tips)
    second = engine_markdown("再说一次 SSE 和限流。", tips)
    html = engine_html(f"## {heading} {{#x}}\n\n{first}\n\n{second}")
    tree = Tree(html)
    assert [t for t in tree.tag_names if t == "abbr"] == ["abbr", "abbr"]
    abbrs = [attrs["title"] for tag, attrs in tree.tags if tag == "abbr"]
    assert abbrs == ['Server-Sent Events: "流式" <b>&</b>', "限制单位时间内的请求数。"]
    assert "<abbr" not in html.split("</h2>")[0]
    assert html.count("<abbr") == 2
    assert tree.text == normalised(
        "SSE 与限流 用 SSE 和 SSE 时,SSE 会断;限流也是。 再说一次 SSE 和限流。"
    )


def test_latin_terms_match_whole_words_only() -> None:
    tips = Tooltips(TERMS)
    assert "<abbr" not in engine_markdown("SSEx 和 xSSE 不是术语", tips)
    assert engine_markdown("先看 SSE。", tips).count("<abbr") == 1
