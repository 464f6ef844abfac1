"""Diagnostics in Chinese and English (issue #11): the catalog is complete, every message is
written in both languages, YAML mistakes become advice at the mistake, and the commands
speak the site's language unless asked for another."""

from __future__ import annotations

import ast
import importlib.util
import json
import re
from typing import Any

import pytest

from answer_center import cli
from answer_center.diagnostic_words import LANGUAGES, UnknownMessageError, catalog, places
from answer_center.diagnostics import error, format_github, format_json, format_text
from answer_center.load import load_bytes
from answer_center.report import FINDINGS
from answer_center.validate.schema import _kebab
from answer_center.validate.secret_rules import RULES
from conftest import REPOSITORY, MiniProject

SOURCE = REPOSITORY / "src" / "answer_center"
RULE = re.compile(r"[a-z]+/[a-z0-9*-]+")


def rule_strings() -> set[str]:
    """Every string constant of the source that names a rule of the catalog's families,
    and the fixed part of every f-string rule (``schema/``, ``secret/``)."""
    families = {name.split("/")[0] for name in catalog().rules}
    found = set()
    for path in SOURCE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                text = node.value
                if RULE.fullmatch(text) and text.split("/")[0] in families:
                    found.add(text)
    return found


def test_every_rule_named_in_the_source_has_words() -> None:
    names = rule_strings()
    assert len(names) > 60
    missing = []
    for name in sorted(names):
        try:
            catalog().rule(name)
        except UnknownMessageError:
            missing.append(name)
    assert missing == []


def test_every_rule_of_the_catalog_is_reported_somewhere() -> None:
    """No words for rules that no check reports (schema/<keyword> and secret/<id> are made
    from the keyword and the rule id)."""
    named = rule_strings()
    dynamic = {"schema/key-name", "schema/unknown-key", "schema/required", "schema/type"}
    dynamic |= {"schema/enum", "schema/pattern", "schema/length", "schema/items"}
    dynamic |= {"schema/duplicate-item", "schema/range", "schema/*", "secret/*", "*/duplicate-*"}
    assert sorted(set(catalog().rules) - named - dynamic) == []


def test_every_schema_keyword_and_secret_rule_has_its_words() -> None:
    words = catalog()
    for rule in RULES:
        assert words.rule(f"secret/{rule.id}").name == "secret/*"
        for table in ("secret", "placeholder"):
            assert set(words.terms[table][rule.id]) == set(LANGUAGES), (table, rule.id)
    # A keyword without a rule of its own falls back to schema/* (its `hint`, `other`).
    assert words.rule(f"schema/{_kebab('oneOf')}").name == "schema/*"


def test_every_template_is_written_in_both_languages_with_the_same_places() -> None:
    for name, rule in catalog().rules.items():
        assert set(rule.fix) == set(LANGUAGES), name
        assert all(rule.fix.values()), name
        assert rule.messages, name
        for key, template in rule.messages.items():
            assert set(template.texts) == set(LANGUAGES), (name, key)
            texts = [template.texts[language] for language in LANGUAGES]
            assert {places(text) for text in texts} == {template.places}, (name, key)
            assert re.search("[\u4e00-\u9fff\uff01-\uff1f]", template.texts["zh-CN"]), (name, key)
            # Chinese text uses full-width punctuation between its clauses.
            # ("键: 值" shows YAML as it is written.)
            zh = template.texts["zh-CN"]
            assert not re.search("[\u4e00-\u9fff](?:[,;?]|:(?! ))", zh), (name, key)


def test_every_term_is_written_in_both_languages() -> None:
    for table, values in catalog().terms.items():
        for value, texts in values.items():
            assert set(texts) == set(LANGUAGES) and all(texts.values()), (table, value)


def test_every_finding_of_the_report_has_a_title() -> None:
    for rule in FINDINGS:
        assert catalog().title(rule, "zh-CN") and catalog().title(rule, "en")


def test_a_diagnostic_the_catalog_cannot_write_fails_loudly() -> None:
    with pytest.raises(UnknownMessageError, match="no rule nope/rule"):
        error("a.yaml", 1, 1, "nope/rule")
    with pytest.raises(UnknownMessageError, match="yaml/syntax has no message guess"):
        error("a.yaml", 1, 1, "yaml/syntax", "guess")
    with pytest.raises(UnknownMessageError, match=r"takes \['name'\], given \[\]"):
        error("a.yaml", 1, 1, "yaml/alias")
    with pytest.raises(UnknownMessageError, match="given \\['name', 'other'\\]"):
        error("a.yaml", 1, 1, "yaml/alias", name="x", other="y")
    with pytest.raises(UnknownMessageError, match=r"terms\.kind has no 'gadget'"):
        error("a.yaml", 1, 1, "report/orphan", kind="gadget")


def test_a_message_renders_in_each_language() -> None:
    found = error("a.yaml", 3, 5, "id/file-name", id="quota", file="quotas.yaml")
    assert found.text("zh-CN") == (
        "id“quota”和文件名“quotas.yaml”不一致：把文件重命名为 quota.yaml"
    )
    assert found.text("en") == (
        "id 'quota' does not match the file name 'quotas.yaml'; rename the file to quota.yaml"
    )


# --- YAML mistakes, as an editor makes them --------------------------------------------------

SYNTAX = [
    (
        "quote then text",
        'id: x\ntitle: "如何" 重试\n',
        (2, 13, "text-after-quote"),
        '这个值以引号 " 开头，引号结束后还有文字，YAML 只把引号里的部分当作值：'
        '把整个值放进一对引号里（值里的双引号写成 \\"，或者外面改用单引号）',
        'this value starts with a quote (") and goes on after the closing quote, so YAML reads '
        "only the quoted part: put the whole value in one pair of quotes (write a double quote "
        'inside it as \\", or use single quotes outside)',
    ),
    (
        "quote then text in a list",
        "id: x\nsteps:\n  - 'a' b\n",
        (3, 9, "text-after-quote"),
        None,
        None,
    ),
    (
        "colon inside a value",
        "id: x\ntitle: 错误: 429 太多\n",
        (2, 10, "colon-in-value"),
        "这个值里有“: ”（冒号加空格），YAML 以为这里开始了一个新的键：把整个值用引号括起来，"
        "或者把冒号改成全角“：”",
        "this value holds ': ' (a colon and a space), which YAML reads as the start of another "
        "key: put the whole value in quotes, or write the colon as a full-width '：'",
    ),
    (
        "no space after the colon",
        "id: x\ntitle:y\nnote: z\n",
        (2, 6, "missing-space"),
        "这一行的冒号后面少了一个空格，YAML 没有把它读成“键: 值”：在冒号后面加一个空格",
        "this line has no space after its colon, so YAML does not read it as 'key: value': "
        "add a space after the colon",
    ),
    (
        "a key indented under a value",
        "id: x\ntitle: y\n  more: z\n",
        (3, 3, "indented-key"),
        "这一行比上面的键缩进得多，YAML 把它当成了上一个值的一部分：让它和同一层的键对齐；"
        "如果上一个值里本来就有冒号，把那个值用引号括起来",
        "this line is indented further than the key above it, so YAML takes it as part of the "
        "value before: align it with the keys of its level; if the value above holds a colon, "
        "put that value in quotes",
    ),
    (
        "a list item out of line",
        "id: x\nsteps:\n  - a\n - b\n",
        (4, 2, "list-item-misplaced"),
        "这个列表项“- ”的缩进和同一列表的其他项不一致，或者它不在任何键下面："
        "让同一列表的每一项对齐，放在它所属的键下面",
        "this list item ('- ') is not indented like the other items of its list, or belongs to "
        "no key: align every item of the list under the key it belongs to",
    ),
    (
        "a line that is no key",
        "id: x\njust text\nother: y\n",
        (2, 1, "missing-colon"),
        "这一行既不是“键: 值”也不是列表项：在键后面写“: ”；如果它是上一行文字的续行，"
        "把它缩进到比键更靠右，或者把整段文字用引号括起来",
        None,
    ),
    ("starts with %", "id: x\ntitle: %50 off\n", (2, 8, "reserved-start"), None, None),
    ("starts with @", "id: x\ntitle: '@me'\nnote: @me\n", (3, 7, "reserved-start"), None, None),
    (
        "starts with a backquote",
        "id: x\ntitle: `code` 怎么用\n",
        (2, 8, "reserved-start"),
        "“`”在 YAML 里有特殊含义，值不能以它开头：把整个值用引号括起来",
        "'`' has a meaning of its own in YAML and cannot start a value: put the whole value in "
        "quotes",
    ),
    (
        "starts with |",
        "id: x\ntitle: |a\n",
        (2, 8, "block-indicator"),
        "这个值以“|”开头，YAML 把它读成多行文字的标记，同一行后面不能再有文字："
        "把整个值用引号括起来；如果要写多行文字，在“|”后面换行，再缩进书写",
        None,
    ),
    ("starts with >", "id: x\ntitle: >注意\n", (2, 8, "block-indicator"), None, None),
    (
        "an unclosed bracket",
        "id: x\ntags: [a, b\nnote: y\n",
        (2, 7, "unclosed-bracket"),
        "这个值以“[”开头，YAML 把它读成列表或映射，却找不到结束的“]”：如果这是文字，"
        "把整个值用引号括起来；如果是列表，在末尾补上“]”",
        "this value starts with '[', which YAML reads as a list or mapping, but no ']' closes "
        "it: if it is text, put the whole value in quotes; if it is a list, close it with ']'",
    ),
    ("an unclosed brace", "id: x\ntitle: {注意\n", (2, 8, "unclosed-bracket"), None, None),
    (
        "text after brackets",
        "id: x\ntitle: [注意] 先看这里\n",
        (2, 13, "text-after-bracket"),
        "这个值以“[”开头，YAML 把它读成了列表或映射，后面的文字就多出来了：把整个值用引号括起来",
        None,
    ),
    (
        "an unclosed quote",
        'id: x\ntitle: "如何重试\nnote: y\n',
        (2, 8, "unclosed-quote"),
        '这里开始的引号 " 一直没有结束：在值的末尾补上同样的引号；值里如果还有这个引号，'
        '写成两个（单引号）或 \\"（双引号）',
        'the quote (") that starts here is never closed: add the same quote at the end of the '
        'value; inside it, write that quote twice (single quotes) or as \\" (double quotes)',
    ),
    (
        "a bad escape",
        'id: x\ntitle: "C:\\Users"\n',
        (2, 11, "escape"),
        "双引号里的“\\U”不是有效的转义：反斜杠要写成 \\\\，或者把值改用单引号",
        "'\\U' inside double quotes is not a valid escape: write a backslash as \\\\, or use "
        "single quotes for the value",
    ),
    (
        "a dash after the colon",
        "id: x\nsteps: - a\n",
        (2, 8, "dash-in-value"),
        None,
        "a list item ('- ') cannot follow the colon on the same line: put the items on the next "
        "lines, indented; if it is text starting with '-', put the whole value in quotes",
    ),
    ("a document end", "id: x\n...\ntitle: y\n", (3, 1, "document-marker"), None, None),
]


@pytest.mark.parametrize(
    ("text", "at", "chinese", "english"),
    [case[1:] for case in SYNTAX],
    ids=[case[0] for case in SYNTAX],
)
def test_a_yaml_mistake_is_advice_at_the_mistake(
    text: str, at: tuple[int, int, str], chinese: str | None, english: str | None
) -> None:
    loaded = load_bytes(text.encode(), "entry.yaml")
    (found,) = loaded.diagnostics
    assert (found.line, found.column, found.rule, found.key) == (*at[:2], "yaml/syntax", at[2])
    if chinese is not None:
        assert found.text("zh-CN") == chinese
    if english is not None:
        assert found.text("en") == english


def test_text_starting_with_a_yaml_sign_says_to_quote_it() -> None:
    for text in ("title: **粗体** 提示\n", "title: *important* note\n"):
        (star,) = load_bytes(f"id: x\n{text}".encode(), "e.yaml").diagnostics
        assert (star.line, star.column, star.rule, star.key) == (
            2,
            8,
            "yaml/syntax",
            "reserved-start",
        )
        assert star.text("zh-CN") == "“*”在 YAML 里有特殊含义，值不能以它开头：把整个值用引号括起来"
    (alias,) = load_bytes(b"id: x\ntitle: *important\n", "e.yaml").diagnostics
    assert (alias.line, alias.column, alias.rule) == (2, 8, "yaml/alias")
    assert alias.text("zh-CN") == (
        "以“*”开头的值被 YAML 读成了别名（*important）：如果这是文字，把整个值用引号括起来；"
        "别名不可用，请把值完整写出"
    )
    (tag,) = load_bytes(b"id: x\ntitle: !important\n", "e.yaml").diagnostics
    assert (tag.line, tag.column, tag.rule) == (2, 8, "yaml/tag")
    assert "把整个值用引号括起来" in tag.text("zh-CN")


# --- the language of the commands ------------------------------------------------------------


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    status = cli.main(list(argv))
    captured = capsys.readouterr()
    return status, captured.out + captured.err


def broken(project: MiniProject) -> None:
    project.answer("alpha", published="2026-02-30")
    project.topic("basics", ["alpha"])


CHINESE = [
    "content/answers/basics/alpha.yaml:21:12: error [date/invalid] "
    "“2026-02-30”不是日历上存在的日期：检查月份和日期",
    "检查了 3 个文件：1 个错误，0 个警告，涉及 1 个文件",
]
ENGLISH = [
    "content/answers/basics/alpha.yaml:21:12: error [date/invalid] "
    "'2026-02-30' is not a real calendar date; check the month and day",
    "3 files checked: 1 error, 0 warnings in 1 file",
]


def test_a_chinese_site_gets_chinese_messages_and_en_asks_for_english(
    mini_project: MiniProject, capsys: pytest.CaptureFixture[str]
) -> None:
    broken(mini_project)
    root = ["--root", str(mini_project.root)]
    assert run(capsys, *root, "validate") == (1, "\n".join(CHINESE) + "\n")
    assert run(capsys, *root, "validate", "--lang", "en") == (1, "\n".join(ENGLISH) + "\n")
    status, printed = run(capsys, *root, "build")
    assert status == 1
    assert printed.splitlines() == [
        *CHINESE,
        "构建失败：请先修正上面的错误；site/ 保持原样，没有改动",
    ]


def test_an_english_site_gets_english_messages(
    mini_project: MiniProject, capsys: pytest.CaptureFixture[str]
) -> None:
    broken(mini_project)
    site = mini_project.root / "content" / "site.yaml"
    site.write_text(site.read_text(encoding="utf-8").replace("zh-CN", "en-US"), "utf-8")
    assert run(capsys, "--root", str(mini_project.root), "validate") == (
        1,
        "\n".join(ENGLISH) + "\n",
    )
    assert run(capsys, "--root", str(mini_project.root), "validate", "--lang", "zh-CN") == (
        1,
        "\n".join(CHINESE) + "\n",
    )


def test_without_a_readable_site_yaml_the_messages_are_chinese(
    mini_project: MiniProject, capsys: pytest.CaptureFixture[str]
) -> None:
    (mini_project.root / "content" / "site.yaml").write_text('name: "broken\n', "utf-8")
    status, printed = run(capsys, "--root", str(mini_project.root), "validate")
    assert status == 1
    assert printed.splitlines()[0] == (
        'content/site.yaml:1:7: error [yaml/syntax] 这里开始的引号 " 一直没有结束：'
        '在值的末尾补上同样的引号；值里如果还有这个引号，写成两个（单引号）或 \\"（双引号）'
    )


def test_json_and_github_carry_the_language_chosen(
    mini_project: MiniProject, capsys: pytest.CaptureFixture[str]
) -> None:
    broken(mini_project)
    root = ["--root", str(mini_project.root), "validate", "--format"]
    _, printed = run(capsys, *root, "json")
    document = json.loads(printed)
    assert document["language"] == "zh-CN"
    assert document["diagnostics"] == [
        {
            "path": "content/answers/basics/alpha.yaml",
            "line": 21,
            "column": 12,
            "severity": "error",
            "rule": "date/invalid",
            "key": "default",
            "params": {"value": "2026-02-30"},
            "message": "“2026-02-30”不是日历上存在的日期：检查月份和日期",
        }
    ]
    _, printed = run(capsys, *root, "json", "--lang", "en")
    document = json.loads(printed)
    assert document["language"] == "en"
    assert document["diagnostics"][0]["message"] == (
        "'2026-02-30' is not a real calendar date; check the month and day"
    )
    _, printed = run(capsys, *root, "github")
    assert printed.splitlines() == [
        "::error file=content/answers/basics/alpha.yaml,line=21,col=12,title=date/invalid::"
        "“2026-02-30”不是日历上存在的日期：检查月份和日期",
        CHINESE[1],
    ]


def test_printers_escape_control_characters_in_every_language() -> None:
    found = [error("a.yaml", 1, 1, "load/unreadable", reason="x\ny\x1b[2J")]
    assert format_text(found, 1, "zh-CN").splitlines()[0] == (
        "a.yaml:1:1: error [load/unreadable] 无法读取这个文件（x\\ny\\x1b[2J）："
        "检查文件是否存在、是否有读取权限"
    )
    assert json.loads(format_json(found, 1, "en"))["diagnostics"][0]["params"] == {
        "reason": "x\\ny\\x1b[2J"
    }
    assert "%0A" in format_github(found, 1, "zh-CN")


def test_schema_messages_are_chinese_with_the_field_and_the_expected_value(
    mini_project: MiniProject,
) -> None:
    mini_project.answer("alpha", extra="owner: 小王\n")
    mini_project.topic("basics", ["alpha"])
    answer = mini_project.root / "content/answers/basics/alpha.yaml"
    text = answer.read_text(encoding="utf-8").replace("status: published", "status: live")
    answer.write_text(text.replace("published: 2026", "published: 2026/01", 1), "utf-8")
    shown = {(d.rule, d.text("zh-CN")) for d in mini_project.validate()}
    assert ("schema/enum", "status 不能是“live”：改成以下之一：draft、published、deprecated") in (
        shown
    )
    assert any(
        rule == "schema/pattern" and text.startswith("published：日期写成 YYYY-MM-DD")
        for rule, text in shown
    ), shown
    assert any(
        rule == "schema/unknown-key" and text.startswith("未知的键“owner”：")
        for rule, text in shown
    ), shown


def test_the_report_speaks_chinese_by_default(
    mini_project: MiniProject, capsys: pytest.CaptureFixture[str]
) -> None:
    mini_project.answer("first")
    mini_project.topic("basics", ["first"])
    status, printed = run(
        capsys, "--root", str(mini_project.root), "report", "--today", "2026-05-01"
    )
    assert status == 0
    assert printed.splitlines()[-1] == (
        "2026-05-01 的编辑报告：没有负责人（handoff.owner）：1；没有审核人（review.reviewer）：1"
    )


# --- CONTRIBUTING.md -------------------------------------------------------------------------


def load_script() -> Any:
    spec = importlib.util.spec_from_file_location("rules_doc", REPOSITORY / "scripts/rules_doc.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_contributing_lists_every_rule_with_its_fix() -> None:
    text = (REPOSITORY / "CONTRIBUTING.md").read_text(encoding="utf-8")
    assert text == load_script().expected(text), "run: python scripts/rules_doc.py"
    section = text.partition("<!-- rules:start -->")[2].partition("<!-- rules:end -->")[0]
    for name in catalog().rules:
        shown = load_script()._shown(name)
        assert section.count(f"| `{shown}` |") == 2, name  # the Chinese and the English table
    assert section.index("| 规则 | 怎么改 |") < section.index("| Rule | How to fix |")
