"""``answer-center report``: each finding where it is written, each output format, the
exit status with and without ``--strict``."""

from __future__ import annotations

import json

import pytest

from answer_center.cli import main
from conftest import MiniProject

OWNED = """\
handoff:
  owner: 平台接入负责人
  environment: 生产环境。
  capability: 文本对话。
  last_known_good: 上周一切正常。
  symptom: 偶发超时。
  evidence: 请求时间和状态码。
  next_review: 下个账期结束时。
review:
  reviewed: 2026-03-02
  reviewer: 编辑团队
  safety_boundary:
    - 不公开完整 API Key。
next_review: {due}
"""
"""The owner and reviewer an answer may have; ``next_review`` is line 37, at column 14."""

GUIDE = """\
id: lonely-guide
title: 没有人链接的手册
description: 一篇没有任何主题或页面链接到的手册。
sections:
  - id: overview
    heading: 概览
    paragraphs:
      - 这是一段说明。
author: 编辑团队
published: 2026-03-01
updated: 2026-03-02
"""

TODAY = "2026-05-01"


def run(capsys: pytest.CaptureFixture[str], project: MiniProject, *argv: str) -> tuple[int, str]:
    # English: the Chinese report is in tests/test_diagnostic_words.py.
    status = main(["--root", str(project.root), "report", "--today", TODAY, "--lang", "en", *argv])
    captured = capsys.readouterr()
    return status, captured.out + captured.err


def reviewed(project: MiniProject, answer_id: str, due: str = "2026-12-01") -> str:
    return project.answer(answer_id, extra=OWNED.format(due=due))


def test_nothing_to_report(mini_project: MiniProject, capsys: pytest.CaptureFixture[str]) -> None:
    reviewed(mini_project, "first")
    mini_project.topic("basics", ["first"])
    assert run(capsys, mini_project, "--strict") == (
        0,
        "report of 2026-05-01: nothing needs attention\n",
    )


def test_review_due(mini_project: MiniProject, capsys: pytest.CaptureFixture[str]) -> None:
    path = reviewed(mini_project, "first", due="2026-04-01")
    reviewed(mini_project, "second", due="2026-05-01")  # due today: not yet late
    mini_project.topic("basics", ["first", "second"])
    assert run(capsys, mini_project) == (
        0,
        f"{path}:37:14: warning [report/review-due] the review was due on 2026-04-01, 30 "
        "days ago; review the answer, then set review.reviewed to today and next_review to "
        "the next date\n"
        "report of 2026-05-01: past next_review: 1\n",
    )


def test_answers_without_owner_or_reviewer(
    mini_project: MiniProject, capsys: pytest.CaptureFixture[str]
) -> None:
    path = mini_project.answer("first")
    reviewed(mini_project, "second")
    mini_project.topic("basics", ["first", "second"])
    status, printed = run(capsys, mini_project)
    assert (status, printed) == (
        0,
        f"{path}:1:5: warning [report/no-owner] no handoff.owner: add a handoff section "
        "naming the team or role that follows the answer up\n"
        f"{path}:1:5: warning [report/no-reviewer] no review.reviewer: add a review section "
        "with the reviewer, the review date and the safety boundary\n"
        "report of 2026-05-01: no owner (handoff.owner): 1, no reviewer (review.reviewer): 1\n",
    )


def test_old_drafts(mini_project: MiniProject, capsys: pytest.CaptureFixture[str]) -> None:
    reviewed(mini_project, "first")
    old = mini_project.answer("old", status="draft", updated="2026-03-02")
    mini_project.answer("fresh", status="draft", updated="2026-04-20")
    mini_project.topic("basics", ["first", "old", "fresh"])
    assert run(capsys, mini_project) == (
        0,
        f"{old}:23:9: warning [report/old-draft] a draft last updated 60 days ago "
        "(2026-03-02), over 30 days; publish it or delete the file\n"
        "report of 2026-05-01: old drafts: 1\n",
    )
    assert run(capsys, mini_project, "--draft-days", "60")[1] == (
        "report of 2026-05-01: nothing needs attention\n"
    )


def test_orphan_pages(mini_project: MiniProject, capsys: pytest.CaptureFixture[str]) -> None:
    reviewed(mini_project, "first")
    mini_project.topic("basics", ["first"])
    mini_project.write("guides/lonely-guide.yaml", GUIDE)
    assert run(capsys, mini_project) == (
        0,
        "content/guides/lonely-guide.yaml:1:5: warning [report/orphan] no topic lists this "
        "guide and no other page links to it; add it to a topic's members or link it from a "
        "related page\n"
        "report of 2026-05-01: orphan pages: 1\n",
    )
    # A link in another page's text reaches it, as a related link or a topic would.
    linked = OWNED.format(due="2026-12-01").replace(
        "symptom: 偶发超时。", "symptom: 偶发超时，见[手册](/guides/lonely-guide/)。"
    )
    mini_project.answer("first", extra=linked)
    assert run(capsys, mini_project)[1] == "report of 2026-05-01: nothing needs attention\n"


def test_large_topics(mini_project: MiniProject, capsys: pytest.CaptureFixture[str]) -> None:
    reviewed(mini_project, "first")
    reviewed(mini_project, "second")
    topic = mini_project.topic("basics", ["first", "second"])
    assert run(capsys, mini_project, "--topic-limit", "1") == (
        0,
        f"{topic}:4:1: warning [report/large-topic] the topic lists 2 entries, over the "
        "limit of 1; split it into narrower topics\n"
        "report of 2026-05-01: topics over the size limit: 1\n",
    )


def test_strict_exits_1_when_anything_is_listed(
    mini_project: MiniProject, capsys: pytest.CaptureFixture[str]
) -> None:
    mini_project.answer("first")
    mini_project.topic("basics", ["first"])
    assert run(capsys, mini_project)[0] == 0
    assert run(capsys, mini_project, "--strict")[0] == 1


def test_json_format(mini_project: MiniProject, capsys: pytest.CaptureFixture[str]) -> None:
    path = reviewed(mini_project, "first", due="2026-04-01")
    mini_project.topic("basics", ["first"])
    status, printed = run(capsys, mini_project, "--format", "json")
    assert status == 0
    assert json.loads(printed) == {
        "today": "2026-05-01",
        "language": "en",
        "findings": [
            {
                "path": path,
                "line": 37,
                "column": 14,
                "severity": "warning",
                "rule": "report/review-due",
                "key": "default",
                "params": {"due": "2026-04-01", "late": 30},
                "message": "the review was due on 2026-04-01, 30 days ago; review the answer, "
                "then set review.reviewed to today and next_review to the next date",
            }
        ],
        "counts": {
            "report/review-due": 1,
            "report/no-owner": 0,
            "report/no-reviewer": 0,
            "report/old-draft": 0,
            "report/orphan": 0,
            "report/large-topic": 0,
        },
    }


def test_markdown_format(mini_project: MiniProject, capsys: pytest.CaptureFixture[str]) -> None:
    path = mini_project.answer("first")
    mini_project.topic("basics", ["first"])
    status, printed = run(capsys, mini_project, "--format", "markdown")
    assert status == 0
    assert printed == (
        "## Editors' report of 2026-05-01\n"
        "\n"
        "no owner (handoff.owner): 1, no reviewer (review.reviewer): 1\n"
        "\n"
        "### No owner (handoff.owner) (1)\n"
        "\n"
        f"- `{path}:1` no handoff.owner: add a handoff section naming the team or role that "
        "follows the answer up\n"
        "\n"
        "### No reviewer (review.reviewer) (1)\n"
        "\n"
        f"- `{path}:1` no review.reviewer: add a review section with the reviewer, the "
        "review date and the safety boundary\n"
    )


def test_content_with_errors_is_not_reported(
    mini_project: MiniProject, capsys: pytest.CaptureFixture[str]
) -> None:
    mini_project.answer("first")  # no topic lists it: an error
    status, printed = run(capsys, mini_project)
    assert status == 1
    assert printed.endswith("report: fix the errors above first; the report reads valid content\n")


def test_a_date_that_is_not_one_is_a_usage_error(
    mini_project: MiniProject, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as stopped:
        main(["--root", str(mini_project.root), "report", "--today", "2026-02-30"])
    assert stopped.value.code == 2
    assert "'2026-02-30' is not a date like 2026-12-31" in capsys.readouterr().err
