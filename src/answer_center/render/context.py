"""What a view builder may ask about the page it builds: links, relations, words, dates.

Kinds build their pages' views (``kinds/<kind>.py``) from their typed fields and this
context, which answers from the Catalog, so views never look URLs, dates or words up
themselves.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable

from answer_center import dates, urls
from answer_center.kinds import HOME_ID
from answer_center.markup import to_plain
from answer_center.model import Catalog, Entry
from answer_center.model import Link as EntryLink
from answer_center.view import (
    Block,
    Breadcrumb,
    Field,
    Heading,
    Inline,
    Items,
    Link,
    Paragraph,
    Section,
    Tags,
    Target,
    Words,
    text,
    words,
)
from answer_center.words import Vocabulary

TEASER_CHARS = 80
"""A teaser is the first sentence of an entry's short answer or summary, cut to this."""


def teaser(value: str) -> str:
    """The first sentence of a text field's plain text, at most TEASER_CHARS characters."""
    plain = to_plain(value)
    match = re.match(r"(.+?[。!?]|.+?[.!?](?=\s|$))", plain)
    sentence = (match.group(1) if match else plain).strip()
    if len(sentence) <= TEASER_CHARS:
        return sentence
    return sentence[: TEASER_CHARS - 1].rstrip() + "…"


class PageContext:
    """The Catalog as one page's view builder sees it."""

    def __init__(self, catalog: Catalog, vocabulary: Vocabulary, entry: Entry | None = None):
        self.catalog = catalog
        self.site = catalog.site
        self.w = vocabulary
        self.entry = entry

    # Targets and links ------------------------------------------------------------------

    def target(self, entry: Entry) -> Target:
        """Where an entry's page is."""
        return Target(entry.url, entry.markdown_url)

    def hub(self, hub: urls.Hub) -> Target:
        """Where a hub page is."""
        return Target(hub.path, hub.mirror)

    def link(self, entry: Entry) -> Link:
        """A link to an entry, labelled with its title."""
        return Link(Field(entry.title), self.target(entry))

    def resolved(self, link: EntryLink) -> Link:
        """A link the Catalog resolved (to an entry, the home page or another site)."""
        if link.kind == "external":
            return Link(Field(link.title), Target(link.url, link.url))
        if link.id == HOME_ID:
            return Link(Field(link.title), self.hub(urls.HOME_HUB))
        return self.link(self.catalog.by_id[link.id])

    # Dates ------------------------------------------------------------------------------

    @staticmethod
    def date(value: dt.date) -> str:
        """A date as pages show it."""
        return value.isoformat()

    def updated(self, entry: Entry) -> str:
        """The date an entry's page last changed."""
        return self.date(dates.updated(self.catalog, entry))

    # Common parts of entry pages --------------------------------------------------------

    def byline(self, entry: Entry) -> Paragraph:
        """Author and dates under the title."""
        line = self.w.inline(
            "page.byline",
            author=text(entry.author),
            published=self.date(entry.published),
            updated=self.date(entry.updated),
        )
        return Paragraph(line, role="byline")

    def updated_line(self, entry: Entry, key: str = "page.updated") -> Paragraph:
        """ "Last updated" under the title, in the kind's own words."""
        return Paragraph(self.w.inline(key, date=self.updated(entry)), role="byline")

    def breadcrumb(self, entry: Entry) -> Breadcrumb | None:
        """Home, then the entry's topic, for a member of a topic."""
        topic = self.catalog.topic_of.get(entry.id)
        if topic is None:
            return None
        home = Link(Field(self.site.home_title), self.hub(urls.HOME_HUB))
        return Breadcrumb((home, self.link(topic)))

    def related(self, entry: Entry) -> Section | None:
        """继续查证的相关页面: the entry's related links with their notes."""
        links = self.catalog.links[entry.id]
        if not links:
            return None
        items = tuple(self.related_item(link) for link in links)
        heading = Heading(2, words(self.w("page.related")), "related")
        return Section((heading, Items(items)), navigation=True)

    def related_item(self, link: EntryLink) -> Inline:
        """One related link: the target's title, then the editor's note."""
        resolved = (self.resolved(link),)
        if not link.note:
            return resolved
        return self.w.inline("page.related_item", link=resolved, note=text(link.note))

    def tags(self, entry: Entry) -> Section | None:
        """The entry's tags, each linking to its tag page."""
        if not entry.tags:
            return None
        links = tuple(Link(Words(tag), self.hub(urls.tag_page(tag))) for tag in entry.tags)
        return Section((Tags(links),), navigation=True)

    def glossary(self) -> Target:
        """Where the glossary page is."""
        return self.hub(urls.GLOSSARY_HUB)

    def teaser(self, entry: Entry) -> str:
        """One line about an entry for lists of other pages: its short answer's or its
        summary's first sentence."""
        return teaser(self.one_line(entry))

    def members(self, topic: Entry) -> tuple[Entry, ...]:
        """A topic's members, in its order."""
        return self.catalog.members[topic.id]

    def label(self, entry: Entry) -> str:
        """What one entry of the entry's kind is called (短答案, 清单, ...)."""
        return self.w(f"kinds.{entry.kind.name}.one")

    def one_line(self, entry: Entry) -> str:
        """The line a list shows under an entry's title: its short answer or summary."""
        return str(entry.body.get("short_answer") or entry.summary)


def sections(*found: Section | Block | Iterable[Block] | None) -> tuple[Section, ...]:
    """Sections from a view builder's parts: None is left out (an empty section is not
    shown), a block or blocks make a section of their own."""
    out: list[Section] = []
    for part in found:
        if part is None:
            continue
        if isinstance(part, Section):
            out.append(part)
        elif isinstance(part, tuple | list):
            blocks = tuple(part)
            if blocks:
                out.append(Section(blocks))
        else:
            out.append(Section((part,)))  # type: ignore[arg-type]
    return tuple(out)
