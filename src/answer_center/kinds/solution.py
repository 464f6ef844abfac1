"""Solutions: what a team gets, capability by capability, with the evidence that shows it
(``content/solutions/<id>.yaml``)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from answer_center.kinds.kind import ANY_KIND, Kind, Reference
from answer_center.view import (
    Block,
    Heading,
    Items,
    Paragraph,
    Section,
    Table,
    View,
    Words,
    text,
    words,
)

if TYPE_CHECKING:
    from answer_center.model import Entry
    from answer_center.render.context import PageContext


@dataclass(frozen=True)
class Capability:
    """One capability: what it is, what it does, how to verify it."""

    capability: str
    description: str
    evidence: str


@dataclass(frozen=True)
class Solution:
    """A solution's own fields."""

    summary: str
    audience: tuple[str, ...]
    capabilities: tuple[Capability, ...]
    use_cases: tuple[str, ...] = ()
    integrations: tuple[str, ...] = ()


def view(entry: Entry, page: PageContext) -> View:
    """Audience, the capability table, then the use cases and integrations it builds on."""
    s = entry.fields
    assert isinstance(s, Solution)
    w = page.w
    body: list[Block] = [
        Paragraph(text(s.summary), role="summary"),
        Heading(2, words(w("solution.audience")), "audience"),
        Items(tuple(text(line) for line in s.audience)),
        Heading(2, words(w("solution.capabilities")), "capabilities"),
        Table(
            tuple(words(column) for column in w.list("solution.capability_columns")),
            tuple(
                (text(c.capability), text(c.description), text(c.evidence)) for c in s.capabilities
            ),
        ),
    ]
    linked: list[Block] = []
    for key, ids, anchor in (
        ("solution.use_cases", s.use_cases, "use-cases"),
        ("solution.integrations", s.integrations, "integrations"),
    ):
        found = [page.catalog.by_id[i] for i in ids if i in page.catalog.by_id]
        if found:
            items = tuple((page.link(e), Words(":"), Words(page.teaser(e))) for e in found)
            linked += [Heading(2, words(w(key)), anchor), Items(items)]
    sections = (
        Section((page.byline(entry),), navigation=True),
        Section(tuple(body)),
        Section(tuple(linked), navigation=True),
        page.related(entry),
        page.tags(entry),
    )
    return View(text(entry.title), tuple(x for x in sections if x is not None and x.blocks))


KIND = Kind(
    name="solution",
    section="solutions",
    order=8,
    title_field="title",
    summary_field="summary",
    jsonld_type="Article",
    fields=Solution,
    view=view,
    topic_member=True,
    in_nav=True,
    hub=True,
    llms_section="kinds.solution.many",
    references=(
        Reference(("use_cases", "*"), frozenset({"use-case"}), "use case"),
        Reference(("integrations", "*"), frozenset({"integration"}), "integration"),
        Reference(("related", "*", "id"), frozenset({ANY_KIND}), "related id"),
    ),
    search_text=(("audience", "*"), ("capabilities", "*", "capability")),
)
