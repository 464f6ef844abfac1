"""Shared fixtures. Validation fixtures first; other suites add theirs below."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from answer_center import commands
from answer_center.diagnostics import Diagnostic
from answer_center.project import Project
from outputs_site import BuiltSite, build_copy, edit_sample

REPOSITORY = Path(__file__).resolve().parents[1]

ENGINE_FIXTURES = frozenset(
    {"built_site", "rebuilt_site", "changed_site", "hostile", "site", "sites", "base_url"}
)
"""Fixtures that build a site with the real engine: tests using them are in the slow tier."""
ENGINE_MODULES = frozenset(
    {
        "test_bad_input",
        "test_build",
        "test_build_interrupted",
        "test_engine_strict",
        "test_incremental",
        "test_preview_rebuilds",
        "test_preview_signals",
        "test_zensical",
    }
)
"""Modules whose tests run the engine themselves (builds, kills, previews)."""


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark the tests that need the site engine ``engine``: ``pytest -m "not engine"`` runs
    the fast tier (in-memory catalogs, golden files, parsers) alone."""
    for item in items:
        fixtures = set(getattr(item, "fixturenames", ()))
        if fixtures & ENGINE_FIXTURES or item.module.__name__ in ENGINE_MODULES:  # type: ignore[attr-defined]
            item.add_marker(pytest.mark.engine)


# ---------------------------------------------------------------------------------------------
# Validation fixtures: a tiny project in tmp_path with known line numbers.
# ---------------------------------------------------------------------------------------------

SITE_YAML = """\
name: 测试答案中心
description: 用于测试的答案中心。
base_url: https://answers.example.com/
language: zh-CN
publisher:
  name: Example
  url: https://example.com/
editorial_team: 编辑团队
support:
  label: 联系客服
  url: https://example.com/support
license:
  name: CC BY 4.0
  url: https://creativecommons.org/licenses/by/4.0/
crawlers:
  default: allow
feed:
  title: 更新
home:
  title: 答案中心
  intro:
    - 欢迎。
"""
"""A minimal valid site.yaml (22 lines); `redirects:` appended by a test is line 23."""

ANSWER_YAML = """\
id: {id}
title: 问题 {id} 怎么办？
original_question: 问题 {id} 怎么办？
summary: 这是问题 {id} 的一句话摘要。
short_answer: 这是问题 {id} 的简短回答，足够二十个字符长，可以直接引用。
basis:
  - 判断依据。
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
    - A short English summary.
topic: {topic}
author: 编辑团队
published: {published}
updated: {updated}
status: {status}
"""
"""A minimal valid answer: `topic` is line 19 (value at column 8), `published` line 21,
`updated` line 22, `status` line 23; extra lines a test appends start at line 24."""

TOPIC_YAML = """\
id: {id}
title: 主题 {id}
description: 主题 {id} 的说明。
members:
{members}published: 2026-03-01
updated: 2026-03-02
"""
"""A minimal valid topic: members start at line 5, one per line."""


class MiniProject:
    """A project root in tmp_path: site.yaml, the real schemas, and helpers to add entries."""

    def __init__(self, root: Path) -> None:
        self.root = root
        (root / "content").mkdir()
        (root / "schemas").symlink_to(REPOSITORY / "schemas", target_is_directory=True)
        self.write("site.yaml", SITE_YAML)

    def write(self, relative: str, text: str) -> Path:
        """Write ``text`` to ``content/<relative>`` (dedented), creating folders."""
        path = self.root / "content" / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
        return path

    def answer(
        self,
        answer_id: str,
        topic: str = "basics",
        *,
        folder: str | None = None,
        file_name: str | None = None,
        published: str = "2026-03-01",
        updated: str = "2026-03-02",
        status: str = "published",
        extra: str = "",
    ) -> str:
        """Write an answer; returns its display path (``content/answers/...``)."""
        relative = f"answers/{folder or topic}/{file_name or answer_id}.yaml"
        text = ANSWER_YAML.format(
            id=answer_id, topic=topic, published=published, updated=updated, status=status
        )
        self.write(relative, text + textwrap.dedent(extra))
        return f"content/{relative}"

    def topic(self, topic_id: str, members: list[str], *, file_name: str | None = None) -> str:
        """Write a topic listing ``members``; returns its display path."""
        listed = "".join(f"  - {member}\n" for member in members)
        relative = f"topics/{file_name or topic_id}.yaml"
        self.write(relative, TOPIC_YAML.format(id=topic_id, members=listed))
        return f"content/{relative}"

    def validate(self) -> list[Diagnostic]:
        """Every diagnostic of ``answer_center.commands.validate``, sorted."""
        return list(commands.validate(Project(self.root)).diagnostics)

    def found(self) -> list[tuple[str, int, int, str]]:
        """``(path, line, column, rule)`` of every diagnostic, sorted."""
        return [(d.path, d.line, d.column, d.rule) for d in self.validate()]


@pytest.fixture
def mini_project(tmp_path: Path) -> MiniProject:
    """An empty but valid project: site.yaml and the repository's schemas."""
    return MiniProject(tmp_path)


@pytest.fixture
def schemas_dir() -> Path:
    """The repository's schemas/ folder."""
    return REPOSITORY / "schemas"


# ---------------------------------------------------------------------------------------------
# Machine-readable outputs (tests/test_outputs_*.py): the sample site built once per session,
# a second identical build, and a build of edited content (a changed answer, a deprecated
# answer, a redirect, two feed items per page).
# ---------------------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    """The sample answer center, built once per session."""
    return build_copy(tmp_path_factory.mktemp("outputs-sample"))


@pytest.fixture(scope="session")
def rebuilt_site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    """The same content built a second time, in another folder."""
    return build_copy(tmp_path_factory.mktemp("outputs-again"))


@pytest.fixture(scope="session")
def changed_site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    """The sample with one answer edited, one deprecated, a redirect and 2 feed items a page."""
    return build_copy(tmp_path_factory.mktemp("outputs-changed"), edit_sample)
