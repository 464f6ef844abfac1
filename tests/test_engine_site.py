"""What the engine must rebuild, and how pages are shared out, decided from generated trees
in memory (fast tier: no engine)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import yaml

from answer_center.engine_site import (
    PAGES_PER_PROCESS,
    EngineInputs,
    engine_processes,
    page_output,
    plan,
    share,
)
from answer_center.render.search import search_records
from answer_center.render.site_tree import engine_tree
from catalogs import SCHEMA_FILES, answer, catalog, topic

ENGINE_CONFIG = yaml.safe_load(
    (Path(__file__).resolve().parents[1] / "mkdocs.yml").read_text(encoding="utf-8")
)


def tree(**changes: str) -> dict[str, bytes]:
    """The generated tree of three answers in one topic; ``changes`` edit answer ``a``."""
    built = catalog(
        ("answer", answer("a", tags=["stream"], **changes)),
        ("answer", answer("b", tags=["stream"])),
        ("answer", answer("c")),
        ("topic", topic("basics", ["a", "b", "c"])),
    )
    return engine_tree(built, ENGINE_CONFIG, SCHEMA_FILES)


@pytest.mark.parametrize(
    ("page", "output"),
    [
        ("index.md", "index.html"),
        ("answers/a.md", "answers/a/index.html"),
        ("glossary/index.md", "glossary/index.html"),
        ("machine-readable.md", "machine-readable/index.html"),
    ],
)
def test_a_page_is_written_where_the_engine_writes_it(page: str, output: str) -> None:
    assert page_output(page) == output


def test_the_navigation_pages_are_those_the_engine_configuration_names() -> None:
    inputs = EngineInputs.of(tree())
    assert "index.md" in inputs.nav_pages and "topics/basics.md" in inputs.nav_pages
    assert not {p for p in inputs.nav_pages if p.startswith("answers/")}
    assert inputs.nav_pages <= set(inputs.pages)


def test_the_first_build_and_a_changed_navigation_build_every_page() -> None:
    inputs = EngineInputs.of(tree())
    assert plan(None, inputs).full
    renamed = catalog(
        ("answer", answer("a")),
        ("topic", topic("basics", ["a"], title="基础(新)")),
    )
    other = EngineInputs.of(engine_tree(renamed, ENGINE_CONFIG, SCHEMA_FILES))
    assert other.stamp != inputs.stamp
    full = plan(inputs.to_json(), other)
    assert full.full and full.build == tuple(sorted(other.pages))


def test_an_edit_rebuilds_exactly_the_pages_whose_markdown_changed() -> None:
    before, after = (
        tree(),
        tree(short_answer="这是一段改过的简短回答,足够二十个字符长,可以直接引用。"),
    )
    inputs = EngineInputs.of(after)
    todo = plan(EngineInputs.of(before).to_json(), inputs)
    changed = sorted(
        path.removeprefix("docs/")
        for path in after
        if path.endswith(".md") and before.get(path) != after[path]
    )
    assert not todo.full and todo.remove == ()
    assert list(todo.build) == changed
    assert "answers/a.md" in changed and len(changed) < len(inputs.pages)
    nothing = plan(inputs.to_json(), inputs)
    assert nothing.nothing


def test_a_page_no_longer_generated_is_removed() -> None:
    inputs = EngineInputs.of(tree())
    previous = inputs.to_json()
    previous["pages"]["answers/gone.md"] = "0" * 64
    assert plan(previous, inputs).remove == ("answers/gone.md",)


@pytest.mark.parametrize("count", [1, 2, 3, 7])
def test_shares_are_disjoint_cover_every_page_and_do_not_depend_on_order(count: int) -> None:
    pages = [f"answers/{n:03}.md" for n in range(20)]
    shares = [share(pages, number, count) for number in range(1, count + 1)]
    assert sorted(p for s in shares for p in s) == sorted(pages)
    assert sum(len(s) for s in shares) == len(pages)
    assert shares == [share(reversed(pages), number, count) for number in range(1, count + 1)]
    assert max(map(len, shares)) - min(map(len, shares)) <= 1


def test_a_search_record_holds_what_readers_search_for_and_no_page_furniture() -> None:
    built = catalog(
        (
            "answer",
            answer(
                "a",
                title="stream 返回 **429** 怎么办?",
                tags=["stream", "限流"],
                follow_ups=[{"question": "要重试几次?", "answer": "最多 3 次。"}],
                ai_summary={"lang": "en", "text": ["How to troubleshoot.", "Second part."]},
            ),
        ),
        ("topic", topic("basics", ["a"])),
    )
    (record,) = search_records(built)
    assert record.url == "/answers/a/"
    assert record.title == "stream 返回 429 怎么办?"
    assert record.content.splitlines() == [
        "这是问题 a 的一句话摘要。",
        "这是问题 a 的简短回答,足够二十个字符长,可以直接引用。",
        "要重试几次?",
        "How to troubleshoot.",
        "stream 限流",
    ]


def test_a_large_build_runs_one_engine_per_core_and_a_small_one_runs_one() -> None:
    cores = len(os.sched_getaffinity(0))
    assert engine_processes(PAGES_PER_PROCESS - 1) == 1
    assert engine_processes(100 * PAGES_PER_PROCESS) == cores
    assert engine_processes(2 * PAGES_PER_PROCESS, workers=1) == 1
    # Asked for, several engines share even a few pages, never more than one per page.
    assert engine_processes(3, workers=8) == 3
