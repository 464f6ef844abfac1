"""`answer-center new`: a skeleton for every kind, listed in its topic, and its refusals.

The skeleton's design: every value an editor must write starts with TODO, and validation
reports each of them (``content/placeholder``) and nothing else, so a skeleton can never
be published with placeholder text; once the TODOs are replaced, the file validates.
"""

from __future__ import annotations

import io
import re
import subprocess
import sys
from pathlib import Path

import pytest

from answer_center import commands
from answer_center.kinds import ENTRY_KINDS, TOPIC, Kind
from answer_center.load import load_file
from answer_center.new_entry import new
from answer_center.project import Project
from sample_site import REPO, copy_project, tree_digest

TODAY = "2026-12-02"
TOPIC_ID = "api-access"
TOPIC_FILE = f"content/topics/{TOPIC_ID}.yaml"
TODO_VALUE = re.compile(r"^\s*(?:- )?(?:[a-z_]+: )?(?:TODO\b|todo$)")


@pytest.fixture
def project(tmp_path: Path) -> Project:
    return copy_project(tmp_path)


def run_new(
    project: Project, kind: str, entry_id: str, topic: str | None = None
) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    status = new(project, kind, entry_id, topic, TODAY, out, err)
    return status, out.getvalue(), err.getvalue()


def topic_for(kind: Kind) -> str | None:
    return TOPIC_ID if kind.topic_member else None


def new_file(kind: Kind, entry_id: str) -> str:
    folder = f"{kind.section}/{TOPIC_ID}" if kind.nested else kind.section
    return f"content/{folder}/{entry_id}.yaml"


@pytest.mark.parametrize("kind", ENTRY_KINDS, ids=lambda kind: kind.name)
def test_validation_points_at_each_todo_of_the_skeleton_and_nothing_else(
    project: Project, kind: Kind
) -> None:
    entry_id = f"new-{kind.name}"
    status, out, err = run_new(project, kind.name, entry_id, topic_for(kind))
    assert (status, err) == (0, "")
    path = new_file(kind, entry_id)
    assert out.splitlines()[0] == f"已写入 {path}"
    text = (project.root / path).read_text(encoding="utf-8")
    todo_lines = [n for n, line in enumerate(text.splitlines(), 1) if TODO_VALUE.match(line)]
    assert todo_lines, "a skeleton has something for the editor to write"
    report = commands.validate(project, use_cache=False)
    flagged = [d for d in report.diagnostics if d.rule == "content/placeholder"]
    assert {d.path for d in report.diagnostics} == {path}
    assert sorted(d.line for d in flagged) == todo_lines
    # Other rules may speak about a placeholder (a template variable the body does not
    # use yet, a topic member that is no entry), never about any other line.
    assert {d.line for d in report.diagnostics} == set(todo_lines)
    assert report.failed


@pytest.mark.parametrize("kind", [k for k in ENTRY_KINDS if k.topic_member], ids=lambda k: k.name)
def test_the_entry_joins_its_topic_and_the_topic_file_keeps_every_other_byte(
    project: Project, kind: Kind
) -> None:
    before = (project.root / TOPIC_FILE).read_text(encoding="utf-8")
    status, out, _ = run_new(project, kind.name, "brand-new-entry", TOPIC_ID)
    assert status == 0
    after = (project.root / TOPIC_FILE).read_text(encoding="utf-8")
    assert after == before.replace(
        "  - openai-python-sdk\n", "  - openai-python-sdk\n  - brand-new-entry\n"
    )
    loaded = load_file(project.root / TOPIC_FILE, TOPIC_FILE).document
    assert loaded is not None
    assert loaded.data["members"][-1] == "brand-new-entry"
    assert out.splitlines()[1] == (
        f"已把 brand-new-entry 加入 {TOPIC_FILE} 的 members(排在最后,需要时调整顺序)"
    )


def test_a_topic_with_comments_and_crlf_keeps_them(project: Project) -> None:
    path = project.root / TOPIC_FILE
    original = (
        "# 接入主题\r\nid: api-access\r\ntitle: API 接入\r\ndescription: 接入相关资料。\r\n"
        "members:   # 按阅读顺序\r\n  # 先读网关\r\n  - openai-compatible-api-gateway\r\n"
        "  - openai-sdk-base-url  # 配置\r\n\r\n  - openai-python-sdk\r\n"
        "published: 2026-02-05\r\nupdated: 2026-09-02\r\n"
    )
    path.write_bytes(original.encode())
    assert run_new(project, "checklist", "base-url-checklist", TOPIC_ID)[0] == 0
    assert path.read_bytes().decode() == original.replace(
        "  - openai-python-sdk\r\n", "  - openai-python-sdk\r\n  - base-url-checklist\r\n"
    )


def test_the_first_entry_of_a_new_topic_takes_its_placeholder_member(project: Project) -> None:
    assert run_new(project, "topic", "new-topic")[0] == 0
    path = project.root / "content/topics/new-topic.yaml"
    before = path.read_text(encoding="utf-8")
    assert before.count("\n  - todo\n") == 1
    assert run_new(project, "guide", "first-guide", "new-topic")[0] == 0
    assert run_new(project, "checklist", "second-checklist", "new-topic")[0] == 0
    assert path.read_text(encoding="utf-8") == before.replace(
        "\n  - todo\n", "\n  - first-guide\n  - second-checklist\n"
    )


def test_deleting_only_the_word_todo_leaves_the_value_a_placeholder(project: Project) -> None:
    assert run_new(project, "glossary", "quota")[0] == 0
    path = project.root / "content/glossary/quota.yaml"
    text = path.read_text(encoding="utf-8")
    lines = [n for n, line in enumerate(text.splitlines(), 1) if TODO_VALUE.match(line)]
    assert len(lines) == 2  # the term and its definition
    for half_done in (
        text.replace(": TODO ", ": "),
        text.replace(": TODO ", ": ").replace("，写完删掉 TODO", ""),
    ):
        path.write_text(half_done, encoding="utf-8")
        report = commands.validate(project, use_cache=False)
        assert [(d.path, d.line, d.rule) for d in report.diagnostics] == [
            ("content/glossary/quota.yaml", n, "content/placeholder") for n in lines
        ]


def fill(text: str) -> str:
    """The skeleton as an editor leaves it: every TODO replaced by real words."""
    lines = []
    for number, line in enumerate(text.splitlines(), 1):
        line = re.sub(
            r"TODO .*$", f"这是编辑写下的第 {number} 项内容，说明读者需要知道的事情。", line
        )
        line = re.sub(r"^(\s*(?:- )?)id: todo$", rf"\1id: section-{number}", line)
        line = re.sub(r"^(\s*- )name: todo$", r"\1name: filled", line)
        if line.startswith("body: "):
            line += " 变量:{{filled}}"
        if line.strip() != "- todo":
            lines.append(line)
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("kind", ENTRY_KINDS, ids=lambda kind: kind.name)
def test_the_filled_skeleton_validates(project: Project, kind: Kind) -> None:
    written = []
    if kind is TOPIC:
        assert run_new(project, "topic", "new-topic")[0] == 0
        assert run_new(project, "answer", "new-answer", "new-topic")[0] == 0
        written = ["content/topics/new-topic.yaml", "content/answers/new-topic/new-answer.yaml"]
    else:
        assert run_new(project, kind.name, f"new-{kind.name}", topic_for(kind))[0] == 0
        written = [new_file(kind, f"new-{kind.name}")]
    for path in written:
        file = project.root / path
        file.write_text(fill(file.read_text(encoding="utf-8")), encoding="utf-8")
    report = commands.validate(project, use_cache=False)
    assert report.diagnostics == ()


def test_an_answer_is_a_draft_until_the_editor_publishes_it(project: Project) -> None:
    status, out, _ = run_new(project, "answer", "stream-empty-reply", "stream-rate-limit")
    assert status == 0
    text = (project.root / "content/answers/stream-rate-limit/stream-empty-reply.yaml").read_text()
    assert "\nstatus: draft\n" in text
    assert f"\npublished: {TODAY}\n" in text
    assert f"\nupdated: {TODAY}\n" in text
    assert out.splitlines() == [
        "已写入 content/answers/stream-rate-limit/stream-empty-reply.yaml",
        "已把 stream-empty-reply 加入 content/topics/stream-rate-limit.yaml 的 members"
        "(排在最后,需要时调整顺序)",
        "下一步:",
        "1. 打开 content/answers/stream-rate-limit/stream-empty-reply.yaml,把每个 TODO "
        "换成真实内容;注释说明每一项会成为页面的哪一部分。",
        "2. 运行 answer-center validate,直到没有错误(每条消息都给出行号和改法)。",
        "3. 运行 make serve,在 http://127.0.0.1:8000 预览页面。",
        "这是草稿(status: draft),不会发布;写好并审核后改成 status: published。",
    ]


REDIRECTS = "redirects:\n  - from: old-base-url\n    to: openai-sdk-base-url\n    kind: answer\n"
TOPICS = "api-access, migration-handoff, stream-rate-limit, team-cost, troubleshooting"


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (
            ("checklist", "openai-sdk-base-url", TOPIC_ID),
            "id“openai-sdk-base-url”已被 content/answers/api-access/openai-sdk-base-url.yaml "
            "使用;id 在所有条目中唯一,请换一个",
        ),
        (
            ("glossary", "sse", None),
            "id“sse”已被 content/glossary/sse.yaml 使用;id 在所有条目中唯一,请换一个",
        ),
        (
            ("answer", "old-base-url", TOPIC_ID),
            "id“old-base-url”曾经用过:content/site.yaml 的 redirects 把它跳转到"
            "“openai-sdk-base-url”;旧 id 不能再用,请换一个",
        ),
        (
            ("answer", "retired-answer", TOPIC_ID),
            "id“retired-answer”已被 content/answers/api-access/retired-answer.yaml 使用;"
            "id 在所有条目中唯一,请换一个",
        ),
        (
            ("guide", "Base_URL", None),
            "“Base_URL”不能作为 id:id 只能用小写英文字母 a-z、数字和单个连字符“-”，"
            "开头和结尾不能是连字符，例如 stream-429-timeout",
        ),
        (
            ("guide", "index", None),
            "“index”不能作为 id:“index”是 MkDocs 里文件夹首页的名字，"
            "条目会被发布到它所在栏目的网址上：换一个 id",
        ),
        (
            ("example", "con", None),
            "“con”不能作为 id:“con”是 Windows 的设备名，这个名字的文件在 Windows 上无法检出："
            "换一个 id",
        ),
        (
            ("answer", "fresh-answer", None),
            f"短答案必须属于一个主题:加上 --topic <主题 id>,现有主题:{TOPICS}",
        ),
        (
            ("answer", "fresh-answer", "nowhere"),
            f"没有 id 为“nowhere”的主题(应在 content/topics/nowhere.yaml);现有主题:{TOPICS}",
        ),
        (
            ("answer", "fresh-answer", "../site"),
            f"没有 id 为“../site”的主题(应在 content/topics/../site.yaml);现有主题:{TOPICS}",
        ),
        (
            ("faq", "fresh-faq", None),
            "没有“faq”这种内容类型;可用的类型:answer, topic, checklist, guide, example, "
            "use-case, integration, template, solution, glossary",
        ),
        (("glossary", "fresh-term", TOPIC_ID), "术语不会列在主题里,不要加 --topic"),
        (("topic", "fresh-topic", TOPIC_ID), "主题不会列在主题里,不要加 --topic"),
    ],
)
def test_refusals_say_why_and_write_nothing(
    project: Project, argv: tuple[str, str, str | None], message: str
) -> None:
    site = project.content_dir / "site.yaml"
    site.write_text(site.read_text(encoding="utf-8") + REDIRECTS, encoding="utf-8")
    retired = project.content_dir / "answers/api-access/retired-answer.yaml"
    base = (project.content_dir / "answers/api-access/openai-sdk-base-url.yaml").read_text()
    retired.write_text(
        base.replace("id: openai-sdk-base-url", "id: retired-answer").replace(
            "status: published", "status: deprecated\nsuperseded_by: openai-sdk-base-url"
        ),
        encoding="utf-8",
    )
    before = tree_digest(project.root)
    assert run_new(project, *argv) == (1, "", f"new: {message}\n")
    assert tree_digest(project.root) == before


def test_a_flow_style_member_list_is_left_to_the_editor(project: Project) -> None:
    path = project.root / TOPIC_FILE
    text = path.read_text(encoding="utf-8")
    flow = re.sub(
        r"members:\n(?:  - .*\n)+",
        "members: [openai-compatible-api-gateway, openai-sdk-base-url, openai-python-sdk]\n",
        text,
    )
    path.write_text(flow, encoding="utf-8")
    before = tree_digest(project.root)
    assert run_new(project, "guide", "fresh-guide", TOPIC_ID) == (
        1,
        "",
        f"new: {TOPIC_FILE} 的 members 不是逐行列出的列表(“- id”),无法自动添加;"
        "请手工把 fresh-guide 加进去,或先改成逐行列表\n",
    )
    assert tree_digest(project.root) == before


def test_the_console_command_and_python_m_write_the_same_skeleton(tmp_path: Path) -> None:
    first, second = copy_project(tmp_path / "a"), copy_project(tmp_path / "b")
    for root, command in (
        (first.root, ["-m", "answer_center"]),
        (second.root, ["-m", "answer_center.cli"]),
    ):
        done = subprocess.run(
            [sys.executable, *command, "--root", str(root), "new", "guide", "fresh-guide"],
            capture_output=True,
            text=True,
            check=False,
            env={"PYTHONPATH": str(REPO / "src")},
        )
        assert (done.returncode, done.stderr) == (0, "")
        assert done.stdout.startswith("已写入 content/guides/fresh-guide.yaml\n")
    guide = "content/guides/fresh-guide.yaml"
    assert (first.root / guide).read_bytes() == (second.root / guide).read_bytes()
