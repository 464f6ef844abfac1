"""Prose that would not be published as written (issue #11): each case passed before and
changed the published text; now it is an error or a warning at the offending text."""

from __future__ import annotations

import pytest

from answer_center import commands
from answer_center.diagnostics import Severity
from answer_center.load import load_bytes
from answer_center.model import build_catalog
from answer_center.project import Project
from answer_center.render.outputs import parsed_schemas
from answer_center.render.views import Views
from answer_center.validate.schema import SchemaSet, markup_place
from answer_center.view import Field, Items
from catalogs import SCHEMA_FILES
from conftest import ANSWER_YAML, REPOSITORY, MiniProject

Found = tuple[int, int, str, str, str]


def answer_with(mini_project: MiniProject, old: str, new: str) -> str:
    """Write answer 'alpha' (and its topic) with one line of the minimal answer replaced."""
    text = ANSWER_YAML.format(
        id="alpha", topic="basics", published="2026-03-01", updated="2026-03-02",
        status="published",
    )  # fmt: skip
    assert old in text
    mini_project.write("answers/basics/alpha.yaml", text.replace(old, new, 1))
    mini_project.topic("basics", ["alpha"])
    return "content/answers/basics/alpha.yaml"


def found(mini_project: MiniProject) -> list[Found]:
    """``(line, column, severity, rule, message)`` of every diagnostic of answer 'alpha'."""
    return [
        (d.line, d.column, str(d.severity), d.rule, d.text("en"))
        for d in mini_project.validate()
        if d.path == "content/answers/basics/alpha.yaml"
    ]


def data(mini_project: MiniProject) -> dict[str, object]:
    path = mini_project.root / "content/answers/basics/alpha.yaml"
    loaded = load_bytes(path.read_bytes(), "alpha.yaml").document
    assert loaded is not None
    return dict(loaded.data)


# --- prose/comment -------------------------------------------------------------------------------


def test_a_hash_after_a_space_in_a_plain_text_value_is_an_error(mini_project: MiniProject) -> None:
    answer_with(
        mini_project,
        "summary: 这是问题 alpha 的一句话摘要。",
        "summary: 遇到这个问题时用 issue #11 的办法处理。",
    )
    # What YAML publishes: the text before the comment only.
    assert data(mini_project)["summary"] == "遇到这个问题时用 issue"
    assert found(mini_project) == [
        (
            4,
            25,
            "error",
            "prose/comment",
            "' #' starts a YAML comment here, so “#11 的办法处理。” is left out of the "
            "published text; put the whole value in quotes to keep it (a note for editors "
            "goes on its own line above the key)",
        )
    ]


def test_the_quoted_value_keeps_its_hash_and_passes(mini_project: MiniProject) -> None:
    answer_with(
        mini_project,
        "summary: 这是问题 alpha 的一句话摘要。",
        "summary: '遇到这个问题时用 issue #11 的办法处理。'",
    )
    assert data(mini_project)["summary"] == "遇到这个问题时用 issue #11 的办法处理。"
    assert found(mini_project) == []


@pytest.mark.parametrize(
    ("old", "new"),
    [
        # A note for editors on its own line, and one after a value that is not text.
        ("status: published", "# 写完以后改成 published\nstatus: published"),
        ("status: published", "status: published  # 审核后发布"),
        # A hash and a space: how a note for editors is written, after text too.
        ("author: 编辑团队", "author: 编辑团队 # 团队名"),
        # After a quoted value, the editor chose to end the text there.
        ("author: 编辑团队", "author: '编辑团队'  # 团队名"),
        # Inside a block scalar, '#' is text; and without a space before it, too.
        ("summary: 这是问题 alpha 的一句话摘要。", "summary: |-\n  第 #1 个摘要，够十个字。"),
        ("summary: 这是问题 alpha 的一句话摘要。", "summary: 用 C# 写的客户端也一样处理。"),
    ],
)
def test_comments_that_drop_no_text_pass(mini_project: MiniProject, old: str, new: str) -> None:
    answer_with(mini_project, old, new)
    assert found(mini_project) == []


# --- prose/merged-item ---------------------------------------------------------------------------


def test_an_item_indented_into_the_one_above_is_an_error(mini_project: MiniProject) -> None:
    answer_with(mini_project, "  - 下一步。\n", "  - 先重试一次。\n    - 再联系客服。\n")
    assert data(mini_project)["next_steps"] == ["先重试一次。 - 再联系客服。"]
    assert found(mini_project) == [
        (
            12,
            5,
            "error",
            "prose/merged-item",
            "this line is indented deeper than the item above, so YAML joins “再联系客服。” to "
            "that item instead of making it a list item of its own; indent its '-' like the "
            "'-' above (or put the whole value in quotes if the dash is part of the text)",
        )
    ]


def test_items_at_one_indentation_pass(mini_project: MiniProject) -> None:
    answer_with(mini_project, "  - 下一步。\n", "  - 先重试一次。\n  - 再联系客服。\n")
    assert data(mini_project)["next_steps"] == ["先重试一次。", "再联系客服。"]
    assert found(mini_project) == []


# --- prose/table, prose/code, prose/list ---------------------------------------------------------

TABLE = """short_answer: |
  不同状态码的处理方式不同，见下表：
  | 状态码 | 处理 |
  | --- | --- |
  | 429 | 退避重试 |"""

CODE = """short_answer: |
  用下面的代码设置超时，足够二十个字符：
  ```python
  client = OpenAI(timeout=30)
  ```"""


def test_a_table_in_a_text_field_is_an_error_that_names_the_table_field(
    mini_project: MiniProject,
) -> None:
    answer_with(
        mini_project,
        "short_answer: 这是问题 alpha 的简短回答，足够二十个字符长，可以直接引用。",
        TABLE,
    )
    assert found(mini_project) == [
        (
            7,
            3,
            "error",
            "prose/table",
            "a Markdown table in `short_answer` is flattened into one line of text; "
            "move the table to the entry's `table` field",
        )
    ]


def test_fenced_code_in_a_text_field_is_an_error_that_names_the_code_field(
    mini_project: MiniProject,
) -> None:
    answer_with(
        mini_project,
        "short_answer: 这是问题 alpha 的简短回答，足够二十个字符长，可以直接引用。",
        CODE,
    )
    assert found(mini_project) == [
        (
            7,
            3,
            "error",
            "prose/code",
            "a fenced code block in `short_answer` is flattened into one line of text; "
            "move the code to the entry's `code` field",
        )
    ]


def test_a_kind_without_a_table_field_is_pointed_to_the_kinds_that_have_one(
    mini_project: MiniProject,
) -> None:
    mini_project.write(
        "glossary/quota.yaml",
        """\
        id: quota
        term: 配额
        definition: |
          配额按分组计算：
          | 分组 | 配额 |
          | --- | --- |
        published: 2026-03-01
        updated: 2026-03-02
        """,
    )
    mini_project.answer("alpha")
    mini_project.topic("basics", ["alpha"])
    [diagnostic] = [d for d in mini_project.validate() if d.path.endswith("quota.yaml")]
    assert (diagnostic.line, diagnostic.column, diagnostic.rule) == (5, 3, "prose/table")
    assert diagnostic.text("en") == (
        "a Markdown table in `definition` is flattened into one line of text; a glossary "
        "term shows no table in its text: put it in answer `table` or use-case `parameters` or "
        "template `variables` or solution `capabilities`, and link to it"
    )


def test_list_lines_in_a_text_field_are_a_warning(mini_project: MiniProject) -> None:
    answer_with(
        mini_project,
        "  - 判断依据。\n",
        "  - >-\n    限流有两种：\n\n    - 按分钟计数\n\n    - 按并发计数\n",
    )
    assert found(mini_project) == [
        (
            10,
            5,
            "warning",
            "prose/list",
            "this line of `basis[]` starts like a list item, but a text field is one "
            "paragraph: the lines are joined into one; write the items as a list field "
            "(`next_steps` for steps in order), or rewrite them as sentences",
        )
    ]


def test_a_wrapped_paragraph_without_list_lines_passes(mini_project: MiniProject) -> None:
    answer_with(
        mini_project,
        "  - 判断依据。\n",
        "  - 限流按分钟计数，超过以后返回 429 状态码\n    1.5 秒以后再试 - 或者换一个分组。\n",
    )
    assert found(mini_project) == []


# --- prose/numbered-item -------------------------------------------------------------------------


def test_numbering_in_a_numbered_list_is_an_error(mini_project: MiniProject) -> None:
    answer_with(mini_project, "  - 下一步。\n", "  - 1. 先重试一次。\n  - '2.再联系客服。'\n")
    assert found(mini_project) == [
        (
            11,
            5,
            "error",
            "prose/numbered-item",
            "remove the '1.' numbering: the page numbers the steps, so it would show “1. 1. …”",
        ),
        (
            12,
            6,
            "error",
            "prose/numbered-item",
            "remove the '2.' numbering: the page numbers the steps, so it would show “1. 2. …”",
        ),
    ]


def test_numbering_in_a_bulleted_list_is_a_warning(mini_project: MiniProject) -> None:
    answer_with(mini_project, "  - 判断依据。\n", "  - （1）模型名要一致。\n")
    assert found(mini_project) == [
        (
            7,
            5,
            "warning",
            "prose/numbered-item",
            "remove the '（1）' numbering: the page shows these items as bullets or "
            "paragraphs, where a number reads as part of the text; steps in order go in "
            "`next_steps`, which the page numbers",
        )
    ]


def test_numbers_that_are_not_numbering_pass(mini_project: MiniProject) -> None:
    answer_with(mini_project, "  - 下一步。\n", "  - 1.5 秒以后重试。\n  - 429、503 都先退避。\n")
    assert found(mini_project) == []


# --- author/byline -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("author", "column", "shown", "name"),
    [
        ("作者：编辑团队", 9, "作者:", "编辑团队"),
        ("'作者：编辑团队'", 10, "作者:", "编辑团队"),
        ("By the editors", 9, "By", "the editors"),
    ],
)
def test_a_byline_label_in_author_is_an_error(
    mini_project: MiniProject, author: str, column: int, shown: str, name: str
) -> None:
    answer_with(mini_project, "author: 编辑团队", f"author: {author}")
    assert found(mini_project) == [
        (
            20,
            column,
            "error",
            "author/byline",
            f"the byline already prints “{shown}” before the author; write only the name: "
            f"`author: {name}`",
        )
    ]


@pytest.mark.parametrize("author", ["作者团队", "Byline Studio"])
def test_names_that_only_start_like_the_label_pass(mini_project: MiniProject, author: str) -> None:
    answer_with(mini_project, "author: 编辑团队", f"author: {author}")
    assert found(mini_project) == []


def test_warnings_alone_leave_the_build_possible(mini_project: MiniProject) -> None:
    answer_with(mini_project, "  - 判断依据。\n", "  - 一、模型名要一致。\n")
    severities = {Severity(severity) for _, _, severity, _, _ in found(mini_project)}
    assert severities == {Severity.WARNING}


# --- the declarations the rules read ------------------------------------------------------------


def test_the_lists_the_schemas_call_numbered_are_the_lists_the_pages_number() -> None:
    """``x-ordered`` agrees with the views: every numbered list of a sample page starts
    its items with the text of an ``x-ordered`` list, and every such list is numbered."""
    report = commands.validate(Project(REPOSITORY), use_cache=False)
    assert not report.failed and report.validation.site is not None
    catalog = build_catalog(report.validation.site, report.validation.sources)
    schemas = SchemaSet(REPOSITORY / "schemas")
    views = Views(catalog, parsed_schemas(SCHEMA_FILES))
    kinds_with_lists = set()
    for source in report.validation.sources:
        entry = catalog.by_id[source.document.data["id"]]
        numbered = {
            item[0].text
            for block in views.of_entry(entry).blocks()
            if isinstance(block, Items) and block.ordered
            for item in block.items
            if isinstance(item[0], Field)
        }
        ordered = schemas.ordered_paths(source.kind.schema_file)
        places = ((markup_place(where), text) for where, text in source.document.strings())
        # An item of a numbered list, or a field of such an item (an integration's step).
        declared = {text for place, text in places if ordered & {place[:-1], place[:-2]}}
        assert numbered <= declared, (entry.id, numbered - declared)
        if declared:
            kinds_with_lists.add(source.kind.name)
            assert numbered, f"{entry.id}: its x-ordered lists are not numbered on its page"
    # The sample has an entry of every kind that declares a numbered list.
    assert kinds_with_lists == {"answer", "guide", "integration", "use-case"}
