"""`answer-center validate`: exit codes, the three output formats, the real console script."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from answer_center import cli, commands
from answer_center.diagnostics import Diagnostic, error, format_github, format_text, warning
from answer_center.project import Project
from conftest import REPOSITORY, MiniProject

TEXT_LINE = re.compile(
    r"^(?P<path>[^:]+):(?P<line>\d+):(?P<col>\d+): (error|warning) \[[^]]+\] .+$"
)


def broken_project(project: MiniProject) -> None:
    """Three errors in two files, with line numbers that sort differently as text."""
    project.answer("alpha", published="2026-02-30", extra="related:\n  - id: ghost\n    note: x\n")
    project.answer("beta")
    project.topic("basics", ["alpha"])


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    """Run the command line with English messages (tests/test_diagnostic_words.py has the
    Chinese ones, and the default)."""
    status = cli.main([*argv, "--lang", "en"])
    return status, capsys.readouterr().out


def test_clean_project_exits_0(
    mini_project: MiniProject, capsys: pytest.CaptureFixture[str]
) -> None:
    mini_project.answer("alpha")
    mini_project.topic("basics", ["alpha"])
    status, out = run(capsys, "--root", str(mini_project.root), "validate")
    assert status == 0
    assert out == "3 files checked: no problems\n"


def test_errors_exit_1_with_sorted_lines_and_a_summary(
    mini_project: MiniProject, capsys: pytest.CaptureFixture[str]
) -> None:
    broken_project(mini_project)
    status, out = run(capsys, "--root", str(mini_project.root), "validate")
    assert status == 1
    assert out.splitlines() == [
        "content/answers/basics/alpha.yaml:21:12: error [date/invalid] "
        "'2026-02-30' is not a real calendar date; check the month and day",
        "content/answers/basics/alpha.yaml:25:9: error [ref/unresolved] "
        "related id 'ghost' is not the id of any entry",
        "content/answers/basics/beta.yaml:19:8: error [topic/not-member] "
        "topic 'basics' does not list 'beta' in its members; add it to content/topics/basics.yaml",
        "4 files checked: 3 errors, 0 warnings in 2 files",
    ]


def test_warnings_alone_exit_0(
    mini_project: MiniProject, capsys: pytest.CaptureFixture[str]
) -> None:
    mini_project.answer("old", status="deprecated")
    mini_project.topic("basics", ["old"])
    status, out = run(capsys, "--root", str(mini_project.root), "validate")
    assert status == 0
    assert out.splitlines()[-1] == "3 files checked: 0 errors, 1 warning in 1 file"
    assert TEXT_LINE.match(out.splitlines()[0])


def test_schema_and_load_errors_are_reported_together(
    mini_project: MiniProject, capsys: pytest.CaptureFixture[str]
) -> None:
    mini_project.answer("alpha", extra="colour: red\n")
    mini_project.write("answers/basics/beta.yaml", "id: beta\nid: again\n")
    mini_project.topic("basics", ["alpha", "beta"])
    status, out = run(capsys, "--root", str(mini_project.root), "validate")
    assert status == 1
    assert out.splitlines() == [
        "content/answers/basics/alpha.yaml:24:1: error [schema/unknown-key] "
        "unknown key 'colour'; allowed keys: ai_summary, author, basis, boundaries, cases, "
        "code, evidence_fields, follow_ups, handoff, id, lang, next_review, next_steps, "
        "original_question, published, related, review, short_answer, status, summary, "
        "superseded_by, table, tags, title, topic, updated, valid_until",
        "content/answers/basics/beta.yaml:2:1: error [yaml/duplicate-key] "
        "duplicate key 'id' at line 1 and line 2; keep one",
        "4 files checked: 2 errors, 0 warnings in 2 files",
    ]


def test_json_format_has_the_same_diagnostics(
    mini_project: MiniProject, capsys: pytest.CaptureFixture[str]
) -> None:
    broken_project(mini_project)
    _, text = run(capsys, "--root", str(mini_project.root), "validate")
    status, out = run(capsys, "--root", str(mini_project.root), "validate", "--format", "json")
    assert status == 1
    document = json.loads(out)
    assert document["files_checked"] == 4
    assert (document["errors"], document["warnings"]) == (3, 0)
    as_text = [
        f"{d['path']}:{d['line']}:{d['column']}: {d['severity']} [{d['rule']}] {d['message']}"
        for d in document["diagnostics"]
    ]
    assert as_text == text.splitlines()[:-1]
    assert set(document["diagnostics"][0]) == {
        "path",
        "line",
        "column",
        "severity",
        "rule",
        "key",
        "params",
        "message",
    }
    assert document["language"] == "en"


def test_json_format_when_clean(
    mini_project: MiniProject, capsys: pytest.CaptureFixture[str]
) -> None:
    mini_project.answer("alpha")
    mini_project.topic("basics", ["alpha"])
    status, out = run(capsys, "--root", str(mini_project.root), "validate", "--format", "json")
    assert status == 0
    assert json.loads(out) == {
        "language": "en",
        "diagnostics": [],
        "files_checked": 3,
        "errors": 0,
        "warnings": 0,
    }


def test_github_format_prints_annotations(
    mini_project: MiniProject, capsys: pytest.CaptureFixture[str]
) -> None:
    broken_project(mini_project)
    status, out = run(capsys, "--root", str(mini_project.root), "validate", "--format", "github")
    assert status == 1
    lines = out.splitlines()
    assert lines[0] == (
        "::error file=content/answers/basics/alpha.yaml,line=21,col=12,title=date/invalid::"
        "'2026-02-30' is not a real calendar date; check the month and day"
    )
    assert all(line.startswith("::error file=") for line in lines[:3])
    assert lines[3] == "4 files checked: 3 errors, 0 warnings in 2 files"


def test_github_format_escapes_what_would_break_the_command() -> None:
    diagnostics = [
        error("a,b:c.yaml", 1, 2, "load/unreadable", reason="50% done\nnext line"),
        warning("w.yaml", 3, 4, "status/no-successor"),
    ]
    assert format_github(diagnostics, 2, "en").splitlines() == [
        "::error file=a%2Cb%3Ac.yaml,line=1,col=2,title=load/unreadable::"
        "cannot read the file (50%25 done%0Anext line); check it",
        "::warning file=w.yaml,line=3,col=4,title=status/no-successor::"
        "a deprecated answer should name its replacement in superseded_by",
        "2 files checked: 1 error, 1 warning in 2 files",
    ]
    assert format_github(diagnostics, 2, "zh-CN").splitlines() == [
        "::error file=a%2Cb%3Ac.yaml,line=1,col=2,title=load/unreadable::"
        "无法读取这个文件（50%25 done%0Anext line）：检查文件是否存在、是否有读取权限",
        "::warning file=w.yaml,line=3,col=4,title=status/no-successor::"
        "已弃用的答案应该在 superseded_by 里写明替代它的答案",
        "检查了 2 个文件：1 个错误，1 个警告，涉及 2 个文件",
    ]


def test_text_format_sorts_by_path_then_line_number() -> None:
    diagnostics = [error("b.yaml", 1, 1, "load/tab"), error("a.yaml", 10, 1, "load/tab")]
    diagnostics.append(error("a.yaml", 9, 3, "load/tab"))
    assert format_text(diagnostics, 2, "en").splitlines()[:3] == [
        "a.yaml:9:3: error [load/tab] tab character in indentation; indent with spaces",
        "a.yaml:10:1: error [load/tab] tab character in indentation; indent with spaces",
        "b.yaml:1:1: error [load/tab] tab character in indentation; indent with spaces",
    ]


@pytest.mark.parametrize(
    "argv",
    [
        [],
        ["validate", "--format", "xml"],
        ["validate", "--strict"],
        ["publish"],
    ],
)
def test_usage_errors_exit_2(
    mini_project: MiniProject, capsys: pytest.CaptureFixture[str], argv: list[str]
) -> None:
    with pytest.raises(SystemExit) as raised:
        cli.main(["--root", str(mini_project.root), *argv])
    assert raised.value.code == 2
    assert "usage: answer-center" in capsys.readouterr().err


def test_missing_site_yaml_is_an_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "content").mkdir()
    (tmp_path / "schemas").symlink_to(REPOSITORY / "schemas", target_is_directory=True)
    status, out = run(capsys, "--root", str(tmp_path), "validate")
    assert status == 1
    assert out.splitlines()[0] == (
        "content/site.yaml:1:1: error [content/missing-site] "
        "content/site.yaml is missing: it names the site, its base URL and language"
    )


def test_console_script(mini_project: MiniProject) -> None:
    broken_project(mini_project)
    script = Path(sys.executable).with_name("answer-center")
    finished = subprocess.run(
        [str(script), "--root", str(mini_project.root), "validate"],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert finished.returncode == 1
    # The mini project's site is Chinese, so the messages are too.
    assert finished.stdout.splitlines()[-1] == "检查了 4 个文件：3 个错误，0 个警告，涉及 2 个文件"
    assert all(TEXT_LINE.match(line) for line in finished.stdout.splitlines()[:-1])
    usage = subprocess.run(
        [str(script), "validate", "--format", "xml"], capture_output=True, check=False, timeout=60
    )
    assert usage.returncode == 2


def test_sample_content_validates_clean() -> None:
    report = commands.validate(Project(REPOSITORY))
    shown = [f"{d.path}:{d.line}:{d.column}: [{d.rule}] {d.text('en')}" for d in report.diagnostics]
    assert shown == []
    assert report.files_checked >= 20


def test_report_lists_diagnostics_as_values(mini_project: MiniProject) -> None:
    broken_project(mini_project)
    report = commands.validate(Project(mini_project.root))
    assert report.failed
    assert all(isinstance(d, Diagnostic) for d in report.diagnostics)
    assert list(report.diagnostics) == sorted(report.diagnostics)
