"""Two current entries of a kind never share a title, nor two answers a question (issue
#11): compared as readers tell them apart, without markup, width, case or a final "？"."""

from __future__ import annotations

import pytest

from conftest import MiniProject


def retitle(mini_project: MiniProject, answer_id: str, title: str) -> None:
    path = mini_project.root / f"content/answers/basics/{answer_id}.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace(f"问题 {answer_id} 怎么办？", title), encoding="utf-8")


def rules(mini_project: MiniProject) -> list[tuple[str, int, int, str]]:
    return mini_project.found()


def test_titles_that_differ_only_in_case_width_and_the_question_mark_are_one_title(
    mini_project: MiniProject,
) -> None:
    mini_project.answer("alpha")
    mini_project.answer("beta")
    mini_project.topic("basics", ["alpha", "beta"])
    retitle(mini_project, "alpha", "Stream 为什么会断？")
    retitle(mini_project, "beta", "ｓｔｒｅａｍ 为什么会断")
    # Full-width letters also get a typography warning; the duplicates are the point here.
    assert [found for found in rules(mini_project) if "duplicate" in found[3]] == [
        ("content/answers/basics/beta.yaml", 2, 8, "answer/duplicate-title"),
        ("content/answers/basics/beta.yaml", 3, 20, "answer/duplicate-original-question"),
    ]


@pytest.mark.parametrize("status", ["draft", "deprecated"])
def test_a_draft_or_deprecated_answer_may_share_a_title(
    mini_project: MiniProject, status: str
) -> None:
    mini_project.answer("alpha")
    mini_project.answer("beta", status=status)
    mini_project.topic("basics", ["alpha", "beta"])
    retitle(mini_project, "beta", "问题 alpha 怎么办？")
    assert [rule for *_, rule in rules(mini_project) if "duplicate" in rule] == []


def test_entries_of_different_kinds_may_share_a_title(mini_project: MiniProject) -> None:
    mini_project.answer("alpha")
    mini_project.topic("basics", ["alpha"])
    retitle(mini_project, "alpha", "主题 basics")  # the topic's title
    assert rules(mini_project) == []
