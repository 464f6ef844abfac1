"""Topics: entries grouped in reading order (``content/topics/<id>.yaml``)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from answer_center.kinds.kind import API, LLMS, MIRROR, PAGE, SITEMAP, Kind, Reference
from answer_center.view import Block, Heading, Paragraph, Section, View, text

if TYPE_CHECKING:
    from answer_center.model import Entry
    from answer_center.render.context import PageContext


@dataclass(frozen=True)
class Topic:
    """A topic's own fields."""

    description: str
    members: tuple[str, ...]


def view(entry: Entry, page: PageContext) -> View:
    """The topic's description, then each member with its kind, date and one line."""
    t = entry.fields
    assert isinstance(t, Topic)
    blocks: list[Block] = [Paragraph(text(t.description), role="summary"), page.updated_line(entry)]
    for member in page.members(entry):
        blocks += [
            Heading(2, (page.link(member),), member.id),
            Paragraph(
                page.w.inline(
                    "page.member", label=page.label(member), date=page.date(member.updated)
                ),
                role="byline",
            ),
            Paragraph(text(page.one_line(member))),
        ]
    return View(text(entry.title), (Section(tuple(blocks)),))


KIND = Kind(
    name="topic",
    section="topics",
    order=1,
    title_field="title",
    summary_field="description",
    jsonld_type="WebPage",
    fields=Topic,
    view=view,
    outputs=frozenset({PAGE, MIRROR, LLMS, API, SITEMAP}),
    groups=True,
    in_nav=True,
    references=(Reference(("members", "*"), frozenset({"topic-member"}), "member"),),
)
