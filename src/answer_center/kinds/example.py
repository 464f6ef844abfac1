"""Examples: error handling with code per language (``content/examples/<id>.yaml``)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from answer_center.kinds.kind import (
    ANY_KIND,
    API,
    LLMS,
    MIRROR,
    PAGE,
    SEARCH,
    SITEMAP,
    Kind,
    Reference,
)
from answer_center.view import (
    Block,
    Code,
    Heading,
    Paragraph,
    Section,
    Snippet,
    Snippets,
    View,
    text,
)

if TYPE_CHECKING:
    from answer_center.model import Entry
    from answer_center.render.context import PageContext

LANGUAGES = {
    "python": ("Python", "python"),
    "nodejs": ("Node.js", "javascript"),
    "curl": ("curl", "bash"),
}
"""Each snippet language: the tab label and the highlighter's lexer."""


@dataclass(frozen=True)
class CodeInLanguage:
    """The scenario's handling in one language."""

    language: str
    code: str


@dataclass(frozen=True)
class Scenario:
    """One error or situation, explained and handled in each language."""

    id: str
    title: str
    explanation: str
    snippets: tuple[CodeInLanguage, ...]
    http_status: int | None = None


@dataclass(frozen=True)
class Example:
    """An example page's own fields."""

    description: str
    scenarios: tuple[Scenario, ...]


def view(entry: Entry, page: PageContext) -> View:
    """The description, then each scenario with its status, explanation and code tabs."""
    e = entry.fields
    assert isinstance(e, Example)
    blocks: list[Block] = [
        Paragraph(text(e.description), role="summary"),
        page.updated_line(entry, "example.byline"),
    ]
    for scenario in e.scenarios:
        blocks.append(Heading(2, text(scenario.title), scenario.id))
        if scenario.http_status is not None:
            status = (Code(str(scenario.http_status)),)
            blocks.append(Paragraph(page.w.inline("example.http_status", code=status)))
        blocks.append(Paragraph(text(scenario.explanation)))
        snippets = tuple(
            Snippet(*LANGUAGES[snippet.language], snippet.code) for snippet in scenario.snippets
        )
        blocks.append(Snippets(snippets))
    sections = (Section(tuple(blocks)), page.related(entry))
    return View(text(entry.title), tuple(s for s in sections if s is not None))


KIND = Kind(
    name="example",
    section="examples",
    order=4,
    title_field="title",
    summary_field="description",
    jsonld_type="WebPage",
    fields=Example,
    view=view,
    outputs=frozenset({PAGE, MIRROR, LLMS, API, SITEMAP, SEARCH}),
    topic_member=True,
    in_nav=True,
    hub=True,
    llms_section="optional",
    anchors="scenarios",
    references=(Reference(("related", "*", "id"), frozenset({ANY_KIND}), "related id"),),
    search_text=(("scenarios", "*", "title"), ("scenarios", "*", "explanation")),
)
