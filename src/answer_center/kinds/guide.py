"""Guides: long-form manuals in sections (``content/guides/<id>.yaml``)."""

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
from answer_center.view import Block, Heading, Items, Paragraph, Section, View, text

if TYPE_CHECKING:
    from answer_center.model import Entry
    from answer_center.render.context import PageContext


@dataclass(frozen=True)
class GuideSection:
    """One section: its anchor, heading, paragraphs and optional steps."""

    id: str
    heading: str
    paragraphs: tuple[str, ...]
    steps: tuple[str, ...] = ()


@dataclass(frozen=True)
class Guide:
    """A guide's own fields."""

    description: str
    sections: tuple[GuideSection, ...]


def view(entry: Entry, page: PageContext) -> View:
    """Byline, description, then the sections in reading order."""
    g = entry.fields
    assert isinstance(g, Guide)
    blocks: list[Block] = [page.byline(entry), Paragraph(text(g.description), role="summary")]
    for section in g.sections:
        blocks.append(Heading(2, text(section.heading), section.id))
        blocks += [Paragraph(text(paragraph)) for paragraph in section.paragraphs]
        if section.steps:
            blocks.append(Items(tuple(text(step) for step in section.steps), ordered=True))
    sections = (Section(tuple(blocks)), page.related(entry))
    return View(text(entry.title), tuple(s for s in sections if s is not None))


KIND = Kind(
    name="guide",
    section="guides",
    order=3,
    title_field="title",
    summary_field="description",
    jsonld_type="Article",
    fields=Guide,
    view=view,
    outputs=frozenset({PAGE, MIRROR, LLMS, API, SITEMAP, SEARCH}),
    topic_member=True,
    in_nav=True,
    hub=True,
    llms_section="optional",
    anchors="sections",
    references=(Reference(("related", "*", "id"), frozenset({ANY_KIND}), "related id"),),
    search_text=(("sections", "*", "heading"),),
)
