"""All problems in one round (issue #11): a file with schema errors still takes part in the
checks across files as far as its other values allow, so fixing the first round of errors
never reveals a second; the values that broke the schema are left out, so nothing is
reported twice or cascades into other files."""

from __future__ import annotations

import pytest

from answer_center import cli
from conftest import MiniProject


def lines(mini_project: MiniProject, capsys: pytest.CaptureFixture[str]) -> tuple[int, list[str]]:
    status = cli.main(["--root", str(mini_project.root), "validate", "--lang", "en"])
    return status, capsys.readouterr().out.splitlines()


def test_a_schema_error_a_dead_reference_and_a_duplicate_id_in_one_run(
    mini_project: MiniProject, capsys: pytest.CaptureFixture[str]
) -> None:
    mini_project.answer("alpha")
    # beta.yaml: an unknown key (schema), a link to no entry, and alpha's id.
    mini_project.answer(
        "beta", extra="summery: 摘要。\nrelated:\n  - id: ghost\n    note: 说明。\n"
    )
    beta = "content/answers/basics/beta.yaml"
    text = (mini_project.root / beta).read_text(encoding="utf-8")
    (mini_project.root / beta).write_text(text.replace("id: beta", "id: alpha", 1), "utf-8")
    mini_project.topic("basics", ["alpha"])
    status, out = lines(mini_project, capsys)
    assert status == 1
    assert out[:-1] == [
        f"{beta}:1:5: error [id/duplicate] id 'alpha' is already used by "
        "content/answers/basics/alpha.yaml:1; ids are unique across all entries: choose another",
        f"{beta}:24:1: error [schema/unknown-key] unknown key 'summery'; did you mean 'summary'?",
        f"{beta}:26:9: error [ref/unresolved] related id 'ghost' is not the id of any entry",
    ]


def test_fixing_the_schema_error_reveals_nothing_new(
    mini_project: MiniProject, capsys: pytest.CaptureFixture[str]
) -> None:
    mini_project.answer("alpha", extra="colour: red\nrelated:\n  - id: ghost\n    note: 说明。\n")
    mini_project.topic("basics", ["alpha"])
    _, first = lines(mini_project, capsys)
    mini_project.answer("alpha", extra="related:\n  - id: ghost\n    note: 说明。\n")
    _, second = lines(mini_project, capsys)
    path = "content/answers/basics/alpha.yaml"
    assert [line for line in first if "schema/" not in line][:-1] == [
        f"{path}:26:9: error [ref/unresolved] related id 'ghost' is not the id of any entry",
    ]
    # The same finding, one line up now that the unknown key is gone.
    assert second[:-1] == [
        f"{path}:25:9: error [ref/unresolved] related id 'ghost' is not the id of any entry",
    ]


def test_a_value_that_breaks_the_schema_is_reported_once(
    mini_project: MiniProject, capsys: pytest.CaptureFixture[str]
) -> None:
    # A date in the wrong format, and a related id that is no id at all: the schema says
    # so, and no date or reference check says it again.
    mini_project.answer(
        "alpha",
        published="2026/03/01",
        extra="related:\n  - id: Ghost Page\n    note: 说明。\n",
    )
    mini_project.topic("basics", ["alpha"])
    status, out = lines(mini_project, capsys)
    assert status == 1
    assert [line.split(" error ")[1].split("]")[0] + "]" for line in out[:-1]] == [
        "[schema/pattern]",
        "[schema/pattern]",
    ]


def test_a_topic_with_broken_members_does_not_disown_its_answers(
    mini_project: MiniProject, capsys: pytest.CaptureFixture[str]
) -> None:
    mini_project.answer("alpha")
    mini_project.answer("beta")
    mini_project.write(
        "topics/basics.yaml",
        """\
        id: basics
        title: 主题 basics
        description: 主题 basics 的说明。
        members: alpha, beta
        published: 2026-03-01
        updated: 2026-03-02
        """,
    )
    status, out = lines(mini_project, capsys)
    assert status == 1
    assert out[:-1] == [
        "content/topics/basics.yaml:4:10: error [schema/type] members must be a list, found text",
    ]


def test_a_broken_entry_still_takes_part_in_duplicate_titles(
    mini_project: MiniProject, capsys: pytest.CaptureFixture[str]
) -> None:
    mini_project.answer("alpha")
    mini_project.answer("beta", extra="colour: red\n")
    beta = mini_project.root / "content/answers/basics/beta.yaml"
    beta.write_text(
        beta.read_text(encoding="utf-8").replace("问题 beta 怎么办？", "问题 **alpha** 怎么办"),
        encoding="utf-8",
    )
    mini_project.topic("basics", ["alpha", "beta"])
    _, out = lines(mini_project, capsys)
    apart = (
        "readers, search and answer engines cannot tell the two answers apart: merge them "
        "into one, or word each so that it says what sets it apart"
    )
    path = "content/answers/basics/beta.yaml"
    assert out[:-2] == [
        f"{path}:2:8: error [answer/duplicate-title] title '问题 **alpha** 怎么办' is also "
        f"the title of content/answers/basics/alpha.yaml:2; {apart}",
        f"{path}:3:20: error [answer/duplicate-original-question] original_question "
        "'问题 **alpha** 怎么办' is also the original_question of "
        f"content/answers/basics/alpha.yaml:3; {apart}",
    ]
    assert out[-2].startswith(f"{path}:24:1: error [schema/unknown-key]")
