"""The build's output stays proportional to its input (issue #9, class 9).

Fast tier: in-memory catalogs, rendered without the site engine.
"""

from __future__ import annotations

import re

from answer_center.kinds import ANSWER
from answer_center.model import TAG_CANDIDATES, Entry, tag_candidates
from answer_center.render.budget import (
    BASE_BYTES,
    OUTPUT_FACTOR,
    PER_LINK_BYTES,
    allowance,
    content_bytes,
    over_budget,
)
from answer_center.render.inline import TOOLTIP_CHARS, tooltip
from answer_center.render.outputs import parsed_schemas, published_files
from answer_center.render.pages import render_pages
from catalogs import SCHEMA_FILES, answer, catalog, glossary, topic

LONG_SENTENCE = "限流" + "是一种保护服务的手段" * 60 + "。第二句不会出现。"


def test_a_tooltip_is_one_short_sentence() -> None:
    tip = tooltip(LONG_SENTENCE)
    assert len(tip) == TOOLTIP_CHARS and tip.endswith("…") and "第二句" not in tip
    assert tooltip("SSE 是一种协议。第二句。") == "SSE 是一种协议。"
    assert tooltip("An English sentence. A second one.") == "An English sentence."


def test_a_term_used_everywhere_adds_one_short_tooltip_per_page() -> None:
    answers = [
        answer(f"answer-{n}", short_answer="限流 " * 100 + "之后要退避重试,限流要看提示。")
        for n in range(20)
    ]
    built = catalog(
        *(("answer", a) for a in answers),
        ("topic", topic("basics", [a["id"] for a in answers])),
        ("glossary", glossary("rate-limit", "限流", LONG_SENTENCE)),
    )
    pages = render_pages(built, parsed_schemas(SCHEMA_FILES))
    for path, page in pages.items():
        tips = re.findall(r'<abbr title="([^"]*)">', page)
        assert len(tips) <= 1, path
        assert all(len(tip) <= TOOLTIP_CHARS for tip in tips), path
    assert sum("<abbr" in page for page in pages.values()) >= 20


def test_an_entry_within_its_budget_passes_and_one_over_it_fails() -> None:
    built = catalog(("answer", answer("a1")), ("topic", topic("basics", ["a1"])))
    entry = built.by_id["a1"]
    limit = allowance(built, entry)
    # No related entries, no tags, no other answer to suggest: its topic and a successor.
    assert limit == BASE_BYTES + OUTPUT_FACTOR * content_bytes(entry) + PER_LINK_BYTES * 2
    fits = {"answers/a1.md": limit}
    assert over_budget(built, [fits], "docs") == []
    over = {"answers/a1.md": limit - 10, "docs/answers/a1.md": 11}
    (found,) = over_budget(built, [over], "docs")
    assert (found.path, found.line, found.column, found.rule) == (
        "content/answers/basics/a1.yaml",
        1,
        1,
        "output/too-large",
    )
    assert f"would take {limit + 1:,} bytes" in found.text("en")


def test_real_outputs_stay_within_budget_with_hostile_repetition() -> None:
    answers = [
        answer(
            f"answer-{n}",
            tags=[f"t{k}" for k in range(20)],
            related=[{"id": f"answer-{(n + k) % 30}", "note": "看这里。"} for k in range(1, 21)],
        )
        for n in range(30)
    ]
    built = catalog(
        *(("answer", a) for a in answers),
        ("topic", topic("basics", [a["id"] for a in answers])),
        ("glossary", glossary("rate-limit", "问题", LONG_SENTENCE, aliases=["怎么办", "回答"])),
    )
    pages = {
        f"docs/{path}": len(text.encode())
        for path, text in render_pages(built, parsed_schemas(SCHEMA_FILES)).items()
    }
    published = {path: len(data) for path, data in published_files(built, SCHEMA_FILES).items()}
    assert over_budget(built, [pages, published], "docs") == []


def test_more_like_this_ranks_a_bounded_candidate_set() -> None:
    # 3,000 answers that all share the same three tags: an all-pairs ranking would look at
    # 3,000 candidates for each of them.
    tags = ["rate-limit", "stream", "retry"]
    answers = [
        answer(f"a{n:04d}", tags=tags, updated=f"2026-{1 + n % 12:02d}-01") for n in range(3000)
    ]
    built = catalog(
        *(("answer", a) for a in answers),
        ("topic", topic("basics", ["a0000"])),
    )
    by_tag: dict[str, list[Entry]] = {}
    for entry in sorted(built.of_kind(ANSWER), key=lambda e: (-e.updated.toordinal(), e.id)):
        for tag in entry.tags:
            by_tag.setdefault(tag, []).append(entry)
    entry = built.by_id["a1234"]
    candidates = tag_candidates(entry, by_tag, {entry.id})
    assert len(candidates) <= TAG_CANDIDATES * len(tags)
    assert entry not in candidates
    # The newest answers that share the tags are the ones considered, then ranked.
    assert all(c.updated.month == 12 for c in candidates)
    assert len(built.similar["a1234"]) == 4
