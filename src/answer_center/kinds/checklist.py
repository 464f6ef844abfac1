"""Checklists: grouped items to tick off (``content/checklists/<id>.yaml``)."""

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
from answer_center.view import Block, Check, Checks, Heading, Paragraph, Section, View, text

if TYPE_CHECKING:
    from answer_center.model import Entry
    from answer_center.render.context import PageContext


@dataclass(frozen=True)
class Item:
    """One item to check: what, why, and the non-sensitive evidence to keep."""

    text: str
    why: str
    evidence: str | None = None


@dataclass(frozen=True)
class Group:
    """A group of items, checked in order."""

    title: str
    items: tuple[Item, ...]


@dataclass(frozen=True)
class Checklist:
    """A checklist's own fields."""

    description: str
    groups: tuple[Group, ...]


def view(entry: Entry, page: PageContext) -> View:
    """The description, then each group with its items."""
    c = entry.fields
    assert isinstance(c, Checklist)
    blocks: list[Block] = [
        Paragraph(text(c.description), role="summary"),
        page.updated_line(entry, "checklist.byline"),
    ]
    for number, group in enumerate(c.groups, start=1):
        checks = tuple(
            Check(
                text(item.text),
                text(item.why),
                page.w.inline("checklist.evidence", text=text(item.evidence))
                if item.evidence
                else None,
            )
            for item in group.items
        )
        blocks += [Heading(2, text(group.title), f"group-{number}"), Checks(checks)]
    sections = (Section(tuple(blocks)), page.related(entry))
    return View(text(entry.title), tuple(s for s in sections if s is not None))


KIND = Kind(
    name="checklist",
    section="checklists",
    order=2,
    title_field="title",
    summary_field="description",
    jsonld_type="WebPage",
    fields=Checklist,
    view=view,
    outputs=frozenset({PAGE, MIRROR, LLMS, API, SITEMAP, SEARCH}),
    topic_member=True,
    in_nav=True,
    hub=True,
    llms_section="optional",
    references=(Reference(("related", "*", "id"), frozenset({ANY_KIND}), "related id"),),
    search_text=(("groups", "*", "title"), ("groups", "*", "items", "*", "text")),
)
