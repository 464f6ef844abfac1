"""Glossary terms: anchors on the shared glossary page (``content/glossary/<id>.yaml``).

A term has no page of its own: the glossary page lists every term (see
``render/hubs.py``), and each term has a Markdown mirror and an API file.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from answer_center.kinds.kind import ANY_KIND, API, MIRROR, Kind, Reference
from answer_center.view import Link, Paragraph, Section, View, Words, text

if TYPE_CHECKING:
    from answer_center.model import Entry
    from answer_center.render.context import PageContext


@dataclass(frozen=True)
class GlossaryTerm:
    """A glossary term's own fields."""

    definition: str
    aliases: tuple[str, ...] = ()
    see_also: tuple[str, ...] = ()


def aliases_line(term: GlossaryTerm, page: PageContext) -> Paragraph | None:
    """也写作: the term's other spellings."""
    if not term.aliases:
        return None
    joined = page.w("glossary.alias_separator").join(term.aliases)
    return Paragraph(page.w.inline("glossary.aliases", aliases=(Words(joined),)))


def view(entry: Entry, page: PageContext) -> View:
    """A term's mirror: its spellings, its definition and where the glossary lists it."""
    term = entry.fields
    assert isinstance(term, GlossaryTerm)
    glossary = page.glossary()
    listed = page.w.inline(
        "glossary.listed",
        link=(Link(Words(page.w("glossary.title")), glossary),),
        date=page.date(entry.updated),
    )
    blocks = [b for b in (aliases_line(term, page), Paragraph(text(term.definition))) if b]
    blocks.append(Paragraph(listed))
    sections = (Section(tuple(blocks)), page.related(entry))
    return View(text(entry.title), tuple(s for s in sections if s is not None))


KIND = Kind(
    name="glossary",
    section="glossary",
    order=9,
    title_field="term",
    summary_field="definition",
    jsonld_type="DefinedTerm",
    fields=GlossaryTerm,
    view=view,
    outputs=frozenset({MIRROR, API}),
    noun="glossary term",
    references=(Reference(("see_also", "*"), frozenset({ANY_KIND}), "related id"),),
)
