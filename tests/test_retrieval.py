"""``answer-center eval``: each answer's questions replayed as an agent reads the site.

The fast tier writes the machine-readable files of small projects (no site engine): a
corpus whose questions each reach their answer, one whose two answers ask the same
question, budgets too small for llms.txt or for the mirror, and the site read over HTTP.
The slow tier runs the check on the sample answer center built by the real engine, as CI
does, and it must pass the threshold of the sample's site.yaml.
"""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest

from answer_center import cli, commands, retrieval
from answer_center.diagnostics import Severity
from answer_center.model import build_catalog
from answer_center.project import Project
from answer_center.render.inline import commonmark
from answer_center.render.llms import llms_files
from answer_center.site_reader import PublishedSite
from browser_support import serve
from conftest import SITE_YAML, MiniProject
from machine_site import write_site
from outputs_site import BuiltSite

ANSWER = """\
id: {id}
title: {title}
original_question: {title}
summary: 这是{title}的一句话摘要。
short_answer: {short}
basis:
  - 判断依据。
boundaries:
  - 适用边界。
next_steps:
  - 下一步。
evidence_fields:
  - field: 请求时间
    note: 写明时区。
{follow_ups}ai_summary:
  lang: en
  text:
    - A short English summary.
topic: {topic}
author: 编辑团队
published: 2026-03-01
updated: 2026-03-02
status: published
"""


STREAM_SHORT = "按 resetAt 等待后再退避重试,不要立刻高频重发。"
MODEL_SHORT = "先核对模型名是否与平台模型列表逐字一致,再看分组权限。"


def reach(site: Path, answer_id: str, short: str) -> int:
    """Bytes an agent reads to reach an answer: llms.txt, then its mirror up to the end of
    the short answer."""
    mirror = (site / f"answers/{answer_id}.md").read_bytes()
    written = commonmark(short).encode()
    return len((site / "llms.txt").read_bytes()) + mirror.find(written) + len(written)


def write_answer(
    project: MiniProject,
    answer_id: str,
    title: str,
    short: str,
    follow_ups: list[str],
    topic: str = "basics",
) -> None:
    """An answer with its own title (its original question), short answer and follow-ups."""
    listed = "".join(f"  - question: {q}\n    answer: 先看说明。\n" for q in follow_ups)
    listed = f"follow_ups:\n{listed}" if listed else ""
    project.write(
        f"answers/{topic}/{answer_id}.yaml",
        ANSWER.format(id=answer_id, title=title, short=short, follow_ups=listed, topic=topic),
    )


def built(
    project: MiniProject, threshold: int | None = None, refused: frozenset[str] = frozenset()
) -> Path:
    """Set the threshold, then write the project's machine-readable site into site/.

    ``refused`` names the errors validation must find, and that the site is written
    despite: what the retrieval check sees in a site built from such content.
    """
    if threshold is not None:
        project.write(
            "site.yaml", SITE_YAML + f"retrieval_check:\n  threshold_percent: {threshold}\n"
        )
    report = commands.validate(Project(project.root))
    errors = {d.rule for d in report.diagnostics if d.severity is Severity.ERROR}
    assert errors == refused, report.diagnostics
    assert report.validation.site is not None
    catalog = build_catalog(report.validation.site, report.validation.sources)
    return write_site(catalog, project.root / "site")


def distinct(project: MiniProject) -> None:
    write_answer(
        project,
        "stream-429",
        "stream 返回 429 限流怎么办?",
        STREAM_SHORT,
        ["限流提示里的 resetAt 是什么?"],
    )
    write_answer(
        project,
        "model-missing",
        "报模型不存在时先查什么?",
        MODEL_SHORT,
        ["模型名大小写写错了会怎样?"],
    )
    project.topic("basics", ["stream-429", "model-missing"])


def run(root: Path, *args: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    status = cli.main(["--root", str(root), "eval", *args])
    printed = capsys.readouterr()
    return status, printed.out, printed.err


def test_every_question_of_distinct_answers_reaches_its_answer(
    mini_project: MiniProject, capsys: pytest.CaptureFixture[str]
) -> None:
    distinct(mini_project)
    site = built(mini_project)
    status, out, _ = run(mini_project.root, capsys=capsys)
    assert status == 0
    assert out == (
        f"retrieval check of {site}\n"
        f"  model-missing: 2/2 questions reached, at most "
        f"{reach(site, 'model-missing', MODEL_SHORT)} bytes read\n"
        f"  stream-429: 2/2 questions reached, at most "
        f"{reach(site, 'stream-429', STREAM_SHORT)} bytes read\n"
        "4 of 4 questions reach their answer (100.0 %, threshold 100 %, budget 100000 bytes "
        "a fetch): passed\n"
    )


def reword_second(project: MiniProject) -> None:
    """Make the content valid again, the built site unchanged: ``eval`` reads the site it
    is given, and its threshold from content that must validate."""
    write_answer(
        project,
        "second-429",
        "stream 返回 429 该怎么办?",
        "降低并发之后再重试,并给重试次数设置上限。",
        [],
    )


SAME_QUESTION = frozenset({"answer/duplicate-title", "answer/duplicate-original-question"})
"""Validation refuses two answers to one question; the retrieval check shows what answer
engines would make of them."""


def test_two_answers_asking_the_same_question_fail_the_threshold(
    mini_project: MiniProject, capsys: pytest.CaptureFixture[str]
) -> None:
    write_answer(
        mini_project,
        "first-429",
        "stream 返回 429 怎么办?",
        "等待 resetAt 之后再重试,不要立刻高频重发。",
        [],
    )
    write_answer(
        mini_project,
        "second-429",
        "stream 返回 429 怎么办?",
        "降低并发之后再重试,并给重试次数设置上限。",
        [],
    )
    mini_project.topic("basics", ["first-429", "second-429"])
    built(mini_project, refused=SAME_QUESTION, threshold=60)
    reword_second(mini_project)
    status, out, _ = run(mini_project.root, "--format", "json", capsys=capsys)
    report = json.loads(out)
    assert status == 1
    assert (report["questions"], report["reached"], report["reached_percent"]) == (2, 1, 50.0)
    assert (report["threshold_percent"], report["passed"]) == (60, False)
    missed = report["answers"][1]["questions"][0]
    assert missed == {
        "answer": "second-429",
        "question": "stream 返回 429 怎么办?",
        "origin": "original",
        "reached": False,
        "bytes": len((mini_project.root / "site/llms.txt").read_bytes()),
        "picked": "/answers/first-429.md",
        "reason": "picked /answers/first-429.md instead of /answers/second-429.md",
    }


def test_the_threshold_of_site_yaml_decides(
    mini_project: MiniProject, capsys: pytest.CaptureFixture[str]
) -> None:
    write_answer(
        mini_project,
        "first-429",
        "stream 返回 429 怎么办?",
        "等待 resetAt 之后再重试,不要立刻高频重发。",
        [],
    )
    write_answer(
        mini_project,
        "second-429",
        "stream 返回 429 怎么办?",
        "降低并发之后再重试,并给重试次数设置上限。",
        [],
    )
    mini_project.topic("basics", ["first-429", "second-429"])
    built(mini_project, refused=SAME_QUESTION, threshold=50)
    reword_second(mini_project)
    status, out, _ = run(mini_project.root, capsys=capsys)
    assert status == 0
    assert out.endswith(
        "1 of 2 questions reach their answer (50.0 %, threshold 50 %, budget 100000 bytes "
        "a fetch): passed\n"
    )
    assert "    missed (original) stream 返回 429 怎么办?: picked /answers/first-429.md " in out


def test_a_budget_smaller_than_llms_txt_reaches_nothing(
    mini_project: MiniProject, capsys: pytest.CaptureFixture[str]
) -> None:
    distinct(mini_project)
    built(mini_project)
    status, out, _ = run(mini_project.root, "--budget", "300", capsys=capsys)
    assert status == 1
    assert out.count("no link of /llms.txt shares a term with the question") == 4
    assert out.endswith(
        "0 of 4 questions reach their answer (0.0 %, threshold 100 %, budget 300 "
        "bytes a fetch): FAILED\n"
    )


def test_a_mirror_cut_before_its_short_answer_ends_is_not_an_answer(
    mini_project: MiniProject,
) -> None:
    distinct(mini_project)
    # The mirror shows the summary before the short answer and llms.txt does not: a long
    # one puts the short answer's end past the whole llms.txt, which lists every page.
    path = mini_project.root / "content/answers/basics/stream-429.yaml"
    summary = "遇到 429 时先看 resetAt、当天 Key 配额和请求频率,再决定何时退避重试。" * 4
    summary += "联系客服前记下请求时间、状态码和错误原文。"
    path.write_text(
        path.read_text("utf-8").replace(
            "summary: 这是stream 返回 429 限流怎么办?的一句话摘要。", f"summary: {summary}"
        ),
        "utf-8",
    )
    site = built(mini_project)
    mirror = (site / "answers/stream-429.md").read_bytes()
    short = commonmark(STREAM_SHORT).encode()
    end = mirror.find(short) + len(short)
    assert len((site / "llms.txt").read_bytes()) < end - 1  # the index fits, the answer not
    cut = _first(retrieval.check(PublishedSite(str(site)), end - 1, 100), "stream-429")
    assert (cut.reached, cut.reason) == (
        False,
        f"the short answer is not within the first {end - 1} bytes of /answers/stream-429.md",
    )
    assert _first(retrieval.check(PublishedSite(str(site)), end, 100), "stream-429").reached


def _first(report: retrieval.RetrievalReport, answer_id: str) -> retrieval.Attempt:
    return next(a for a in report.attempts if a.answer == answer_id)


def test_a_root_llms_txt_of_topics_is_followed_into_the_topic_s_llms_txt(
    mini_project: MiniProject, capsys: pytest.CaptureFixture[str]
) -> None:
    write_answer(
        mini_project, "stream-429", "stream 返回 429 限流怎么办?", STREAM_SHORT, [], "stream"
    )
    write_answer(
        mini_project, "model-missing", "报模型不存在时先查什么?", MODEL_SHORT, [], "models"
    )
    for topic_id, title, members in (
        ("stream", "stream 与限流", "stream-429"),
        ("models", "模型名与模型列表", "model-missing"),
    ):
        mini_project.write(
            f"topics/{topic_id}.yaml",
            f"id: {topic_id}\ntitle: {title}\ndescription: {title}的问题。\nmembers:\n"
            f"  - {members}\npublished: 2026-03-01\nupdated: 2026-03-02\n",
        )
    site = built(mini_project)
    report = commands.validate(Project(mini_project.root))
    assert report.validation.site is not None
    catalog = build_catalog(report.validation.site, report.validation.sources)
    # What the build writes past 50,000 characters: the root links one llms.txt per topic.
    (site / "llms.txt").write_text(llms_files(catalog, max_chars=0)["llms.txt"], "utf-8")
    assert "/topics/models/llms.txt" in (site / "llms.txt").read_text("utf-8")
    status, out, _ = run(mini_project.root, "--format", "json", capsys=capsys)
    attempts = [q for a in json.loads(out)["answers"] for q in a["questions"]]
    assert status == 0
    stream = next(a for a in attempts if a["answer"] == "stream-429")
    root = len((site / "llms.txt").read_bytes())
    topic = len((site / "topics/stream/llms.txt").read_bytes())
    mirror = (site / "answers/stream-429.md").read_bytes()
    tail = commonmark(STREAM_SHORT)[-retrieval.TAIL :].encode()
    assert stream["bytes"] == root + topic + mirror.find(tail) + len(tail)


def test_the_site_is_read_from_a_url_as_from_its_folder(
    mini_project: MiniProject, capsys: pytest.CaptureFixture[str]
) -> None:
    distinct(mini_project)
    site = built(mini_project)
    _, local, _ = run(mini_project.root, "--format", "json", capsys=capsys)
    with serve(site) as url:
        status, remote, _ = run(mini_project.root, "--url", url, "--format", "json", capsys=capsys)
    assert status == 0
    assert json.loads(remote) == json.loads(local) | {"location": url}


def test_the_markdown_report_is_a_table_of_every_question(
    mini_project: MiniProject, capsys: pytest.CaptureFixture[str]
) -> None:
    distinct(mini_project)
    built(mini_project)
    _, out, _ = run(mini_project.root, "--format", "markdown", capsys=capsys)
    rows = [line for line in out.splitlines() if line.startswith("| `")]
    assert len(rows) == 4
    assert rows[3].startswith("| `stream-429` | 限流提示里的 resetAt 是什么? (follow-up) | yes | ")


def test_a_missing_site_says_to_build_it(
    mini_project: MiniProject, capsys: pytest.CaptureFixture[str]
) -> None:
    distinct(mini_project)
    status, out, err = run(mini_project.root, capsys=capsys)
    assert (status, out) == (1, "")
    assert err == (
        f"eval: {mini_project.root / 'site'}: no such folder; build the site first "
        "(answer-center build) or name its folder with --site or its address with --url\n"
    )


def test_an_unreachable_url_is_reported(
    mini_project: MiniProject, capsys: pytest.CaptureFixture[str]
) -> None:
    distinct(mini_project)
    site = built(mini_project)
    with serve(site) as url:
        status, _, err = run(mini_project.root, "--url", url + "missing/", capsys=capsys)
    assert status == 1
    assert err == f"eval: {url}missing/api/v1/index.json: HTTP 404 File not found\n"


def test_a_threshold_outside_0_to_100_is_refused_where_it_is_written(
    mini_project: MiniProject,
) -> None:
    mini_project.write("site.yaml", SITE_YAML + "retrieval_check:\n  threshold_percent: 101\n")
    found = [(d.path, d.line, d.column, d.rule) for d in mini_project.validate()]
    assert [d.text("en") for d in mini_project.validate()] == [
        "retrieval_check.threshold_percent is 101, out of range; use at most 100"
    ]
    assert found == [("content/site.yaml", 24, 22, "schema/range")]


@pytest.mark.parametrize("budget", ["0", "-5", "many"])
def test_a_budget_is_a_positive_number_of_bytes(
    budget: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as stopped:
        cli.main(["--root", str(tmp_path), "eval", "--budget", budget])
    assert stopped.value.code == 2
    assert "is not a whole number of bytes above 0" in capsys.readouterr().err


def test_the_sample_answer_center_passes_its_threshold(
    built_site: BuiltSite, capsys: pytest.CaptureFixture[str]
) -> None:
    # What CI runs: the sample content, built by the real engine, read as an agent reads it.
    status, out, _ = run(built_site.project.root, "--format", "json", capsys=capsys)
    report = json.loads(out)
    assert status == 0, out
    assert report["threshold_percent"] == built_site.catalog.site.retrieval_threshold == 70
    assert report["reached_percent"] >= 70
    answers = {a["id"]: a["questions"] for a in report["answers"]}
    assert set(answers) == {
        e.id
        for e in built_site.catalog.entries
        if e.kind.name == "answer" and e.status == "published"
    }
    original = answers["ai-api-stream-429-timeout"][0]
    assert original["question"] == "AI API stream 中断、429 限流或超时应该怎么排查？"
    assert (original["reached"], original["picked"]) == (
        True,
        "/answers/ai-api-stream-429-timeout.md",
    )
    assert (
        0
        < original["bytes"]
        <= len((built_site.site / "llms.txt").read_bytes())
        + len((built_site.site / "answers/ai-api-stream-429-timeout.md").read_bytes())
    )
    assert sum(len(q) for q in answers.values()) == report["questions"] == 16


def test_python_dash_m_runs_the_same_command(built_site: BuiltSite) -> None:
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, "-m", "answer_center", "--root", str(built_site.project.root), "eval"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[-1].endswith("a fetch): passed")
    assert textwrap.dedent(done.stdout).startswith(f"retrieval check of {built_site.site}\n")
