"""The Chinese typography check (warnings at the first change of each text field) and
``answer-center fix``, which rewrites only the changed characters of those fields."""

from __future__ import annotations

import random
import shutil
from pathlib import Path

import autocorrect_py
import pytest

from answer_center.cli import main
from answer_center.diagnostics import Severity
from answer_center.validate import typography
from answer_center.validate.typography import corrected
from conftest import MiniProject

REPO = Path(__file__).resolve().parents[1]

# An answer in every scalar style, with comments; its text fields need corrections.
STYLED = """\
# 这份答案覆盖三种 stream 问题。
id: styled
title: 在Python里配置 base_url 怎么办? # 行尾注释保留
original_question: '问题 styled 怎么办?'
summary: "Python SDK 里配置 base_url,指向兼容地址。"
short_answer: |
  先用 `stream=false` 发一次请求,成功后再开 stream。
  记录状态码429和请求时间。
basis:
  # 列表里的注释也保留
  - >-
    普通请求成功而 stream
    请求失败时,原因通常在代理缓冲。
  - 多行的普通值用 API
    Key 时,第二行接着写。
boundaries:
  - 适用边界。
next_steps:
  - 下一步。
evidence_fields:
  - field: 请求时间
    note: 写明时区。
ai_summary:
  lang: en
  text:
    - A short English summary, left as it is.
topic: basics
author: 编辑团队
published: 2026-03-01
updated: 2026-03-02
status: published
code:
  language: python
  code: "# 注释,不是正文\\nprint(1)"
"""

FIXED = """\
# 这份答案覆盖三种 stream 问题。
id: styled
title: 在 Python 里配置 base_url 怎么办？ # 行尾注释保留
original_question: '问题 styled 怎么办？'
summary: "Python SDK 里配置 base_url，指向兼容地址。"
short_answer: |
  先用 `stream=false` 发一次请求，成功后再开 stream。
  记录状态码 429 和请求时间。
basis:
  # 列表里的注释也保留
  - >-
    普通请求成功而 stream
    请求失败时，原因通常在代理缓冲。
  - 多行的普通值用 API
    Key 时，第二行接着写。
boundaries:
  - 适用边界。
next_steps:
  - 下一步。
evidence_fields:
  - field: 请求时间
    note: 写明时区。
ai_summary:
  lang: en
  text:
    - A short English summary, left as it is.
topic: basics
author: 编辑团队
published: 2026-03-01
updated: 2026-03-02
status: published
code:
  language: python
  code: "# 注释,不是正文\\nprint(1)"
"""


def styled_project(project: MiniProject) -> Path:
    project.topic("basics", ["styled"])
    return project.write("answers/basics/styled.yaml", STYLED)


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main([*argv, "--lang", "en"])
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def test_each_text_field_gets_a_warning_at_its_first_change(mini_project: MiniProject) -> None:
    styled_project(mini_project)
    found = mini_project.validate()
    assert {d.severity for d in found} == {Severity.WARNING}
    path = "content/answers/basics/styled.yaml"
    assert [(d.path, d.line, d.column, d.rule) for d in found] == [
        (path, 3, 9, "style/typography"),  # 在|Python: a space goes between them
        (path, 4, 34, "style/typography"),  # the ? after 怎么办, inside single quotes
        (path, 5, 34, "style/typography"),  # the , after base_url, inside double quotes
        (path, 7, 26, "style/typography"),  # the , in a literal block
        (path, 13, 10, "style/typography"),  # the , on a folded block's second line
        (path, 15, 10, "style/typography"),  # the , of a plain value over two lines
    ]
    assert found[0].text("en") == (
        "Chinese typography: write “在 Python 里配置 base…” instead of "
        "“在Python里配置 base_u…”; `answer-center fix` rewrites it for you"
    )


def test_warnings_leave_validation_passing(
    mini_project: MiniProject, capsys: pytest.CaptureFixture[str]
) -> None:
    styled_project(mini_project)
    status, out, _ = run(capsys, "--root", str(mini_project.root), "validate")
    assert status == 0
    assert out.endswith("3 files checked: 0 errors, 6 warnings in 1 file\n")


def test_fix_rewrites_only_the_changed_characters(
    mini_project: MiniProject, capsys: pytest.CaptureFixture[str]
) -> None:
    path = styled_project(mini_project)
    status, out, err = run(capsys, "--root", str(mini_project.root), "fix")
    assert (status, err) == (0, "")
    assert out == (
        "content/answers/basics/styled.yaml: rewrote 6 values\nfix: rewrote 6 values in 1 file\n"
    )
    # Comments, quotes, block styles, line breaks and the code sample stay as written.
    assert path.read_bytes() == FIXED.encode("utf-8")
    assert mini_project.validate() == []


def test_fix_on_clean_content_changes_nothing(
    mini_project: MiniProject, capsys: pytest.CaptureFixture[str]
) -> None:
    path = styled_project(mini_project)
    path.write_text(FIXED, encoding="utf-8")
    before = path.stat()
    status, out, err = run(capsys, "--root", str(mini_project.root), "fix")
    assert (status, out, err) == (0, "fix: rewrote 0 values in 0 files\n", "")
    assert path.read_bytes() == FIXED.encode("utf-8")
    assert path.stat().st_mtime_ns == before.st_mtime_ns  # not even rewritten


def test_fix_takes_files_and_folders(
    mini_project: MiniProject, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = styled_project(mini_project)
    other = mini_project.write("glossary/sse.yaml", GLOSSARY_TERM)
    monkeypatch.chdir(mini_project.root)
    status, out, _ = run(capsys, "fix", "content/glossary")
    assert (status, out) == (
        0,
        "content/glossary/sse.yaml: rewrote 1 value\nfix: rewrote 1 value in 1 file\n",
    )
    assert path.read_text(encoding="utf-8") == STYLED
    assert "服务器推送事件，" in other.read_text(encoding="utf-8")
    status, out, _ = run(capsys, "fix", str(path))
    assert out.endswith("fix: rewrote 6 values in 1 file\n")


GLOSSARY_TERM = """\
id: sse
term: SSE
definition: 服务器推送事件,用于 stream 输出。
published: 2026-03-01
updated: 2026-03-02
"""


def test_fix_refuses_what_it_cannot_write_safely(
    mini_project: MiniProject, capsys: pytest.CaptureFixture[str]
) -> None:
    # A character written as an escape is not in the text to splice; the space a folded
    # line break reads as cannot be removed without joining the lines.
    refused = '  - "请求\\u5931败,原因在代理。"\n' + "  - >-\n    失败时,\n    原因在代理。\n"
    mini_project.topic("basics", ["styled"])
    path = mini_project.write(
        "answers/basics/styled.yaml", STYLED.replace("  - 适用边界。\n", refused)
    )
    status, out, err = run(capsys, "--root", str(mini_project.root), "fix")
    assert status == 1
    assert out.endswith("fix: rewrote 6 values in 1 file\n")
    cannot = (
        "error [style/typography-manual] this value cannot be rewritten in place without "
        "changing how YAML reads it (the change falls on a folded line break, an escape or "
        "a ` #`); edit it by hand to: "
    )
    assert err == (
        f"content/answers/basics/styled.yaml:17:5: {cannot}“请求失败，原因在代理。”\n"
        f"content/answers/basics/styled.yaml:18:5: {cannot}“失败时，原因在代理。”\n"
        "3 files checked: 2 errors, 0 warnings in 1 file\n"
    )
    assert path.read_text(encoding="utf-8") == FIXED.replace("  - 适用边界。\n", refused)


def test_fix_reports_files_it_cannot_read(
    mini_project: MiniProject, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = mini_project.write("glossary/sse.yaml", "id: sse\nterm: [SSE\n")
    outside = mini_project.root / "notes.yaml"
    outside.write_text("title: 在Python里\n", encoding="utf-8")
    status, _, err = run(capsys, "--root", str(mini_project.root), "fix", str(outside))
    assert status == 1
    assert "notes.yaml:1:1: error [fix/not-content]" in err
    status, _, err = run(capsys, "--root", str(mini_project.root), "fix")
    assert status == 1
    assert "content/glossary/sse.yaml:2:7: error [yaml/syntax]" in err
    assert broken.read_text(encoding="utf-8") == "id: sse\nterm: [SSE\n"


def test_corrections_never_touch_code_or_link_targets() -> None:
    assert corrected("用`a,b`检查,好") == "用 `a,b` 检查，好"
    assert corrected("看[文档,说明](/answers/x/)吧") == "看 [文档，说明](/answers/x/) 吧"
    assert corrected("English only, untouched.") == "English only, untouched."


def test_the_sample_content_is_clean(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for name in ("content", "schemas"):
        shutil.copytree(REPO / name, tmp_path / name)
    shutil.copy2(REPO / "allowlist.yaml", tmp_path / "allowlist.yaml")
    status, out, _ = run(capsys, "--root", str(tmp_path), "validate", "--no-cache")
    assert status == 0
    assert "style/typography" not in out
    assert run(capsys, "--root", str(tmp_path), "fix")[1] == "fix: rewrote 0 values in 0 files\n"


ALPHABET = [
    *"中文测试あカ한",
    *"aZ09",
    *",.:;!?()[]<>\"'`*_-+=/\\%$#@&~^{}|",
    " ",
    " ",
    "\n",
    *"，。：；！？（）【】「」、“”\u3000０Ａ",
]


def test_autocorrect_is_asked_wherever_it_would_change_something() -> None:
    """The pattern that spares autocorrect most text lets nothing through that it would
    change: short random mixes of CJK, ASCII and wide punctuation, fixed seed."""
    chance = random.Random(11)
    missed = []
    for _ in range(30_000):
        text = "".join(chance.choice(ALPHABET) for _ in range(chance.randint(1, 8)))
        if autocorrect_py.format(text) != text and not typography._MAY_CHANGE.search(text):
            missed.append(text)
    assert missed == []
