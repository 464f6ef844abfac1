"""``/llms.txt`` (llmstxt.org) and ``/llms-full.txt``: every page for language models.

llms.txt is an H1, a one-line blockquote, a paragraph, then H2 sections holding only
link lines ``- [title](url): notes``; the section named ``Optional`` may be skipped by
readers with little context. Links point to the Markdown mirrors. Each kind's declaration
says where its lines go: a topic's page heads its section, answers follow under their
topic, other kinds go under a section of their own or under Optional. Every other page
the sitemap lists (home, glossary, tags and each tag's pages, the consumers' page, the
listings) is under Optional too, so the llms.txt files cover the sitemap whole.
Deprecated answers are left out: their successor is listed, and a model should not quote
a retired answer.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from answer_center import urls
from answer_center.bounds import BOUNDS
from answer_center.kinds import ANSWER, ENTRY_KINDS
from answer_center.kinds.kind import LLMS, LLMS_FULL
from answer_center.model import Catalog, Entry
from answer_center.render.inline import plain_commonmark
from answer_center.render.mirrors import MirrorRenderer
from answer_center.render.site_pages import HtmlPage, page_description, sitemap_pages
from answer_center.words import vocabulary

MAX_CHARS = BOUNDS.llms_chars
"""Past this size the root llms.txt links one llms.txt per topic instead of every answer."""

OPTIONAL_SECTION = "optional"
"""The ``llms_section`` of kinds whose lines go under ``## Optional``."""


def _line(text: str) -> str:
    """A field's plain text on one line, escaped as CommonMark (llms.txt is Markdown:
    notes, headings and the summary blockquote are one line each)."""
    return plain_commonmark(text)


def link_line(title: str, url: str, note: str) -> str:
    """``- [title](url): note``, the only kind of line under an H2."""
    line = f"- [{_line(title)}]({url})"
    return f"{line}: {_line(note)}" if note else line


def published_answers(entries: Iterable[Entry]) -> list[Entry]:
    """Answers a model may quote: deprecated ones are left out."""
    return [e for e in entries if e.kind is ANSWER and not e.deprecated]


class LlmsRenderer:
    """Renders the llms.txt files of a Catalog."""

    def __init__(self, catalog: Catalog) -> None:
        self.catalog = catalog
        self.site = catalog.site
        self.w = vocabulary(self.site.language)
        # The hubs the sitemap lists: the same list, so no page is in one and not the other.
        self.hubs = tuple(page for page in sitemap_pages(catalog) if page.entry is None)

    def page_line(self, page: HtmlPage) -> str:
        """A hub page: its mirror and its description."""
        return link_line(
            page.title,
            self.site.absolute(page.markdown_path),
            page_description(self.catalog, page),
        )

    def answer_line(self, answer: Entry) -> str:
        """An answer: its mirror and its short answer."""
        return link_line(
            answer.title,
            self.site.absolute(answer.markdown_url),
            str(answer.body["short_answer"]),
        )

    def entry_line(self, entry: Entry) -> str:
        """Any other entry: its mirror and its one-line description."""
        return link_line(entry.title, self.site.absolute(entry.markdown_url), entry.summary)

    def header(self, title: str, summary: str, paragraph: str) -> list[str]:
        """H1, the one-line blockquote summary, and the paragraph before the sections."""
        return [f"# {_line(title)}", "", f"> {_line(summary)}", "", paragraph, ""]

    def intro(self) -> str:
        """How to use the links and the other outputs (one paragraph)."""
        site = self.site
        return self.w(
            "llms.intro",
            site=_line(site.name),
            full=site.absolute(urls.LLMS_FULL),
            api=site.absolute(urls.API_INDEX),
            feed=site.absolute(urls.FEED),
            consumers=site.absolute(urls.CONSUMERS_HUB.mirror),
        )

    def section(self, heading: str, lines: Sequence[str]) -> list[str]:
        """An H2 and its link lines; nothing when there are no lines."""
        return [f"## {_line(heading)}", "", *lines, ""] if lines else []

    def topic_sections(self) -> list[tuple[Entry, list[str]]]:
        """Each topic with the link lines of its answers, in member order (answers only:
        the topic's own page line is :meth:`entry_line`, placed by each file)."""
        return [
            (
                topic,
                [self.answer_line(a) for a in published_answers(self.catalog.members[topic.id])],
            )
            for topic in self.catalog.groups
        ]

    def orphan_lines(self) -> list[str]:
        """Answers no topic lists (validation forbids it; never drop an answer silently)."""
        listed = {a.id for a in self.catalog.answers_in_topic_order}
        return [
            self.answer_line(a)
            for a in published_answers(self.catalog.entries)
            if a.id not in listed
        ]

    def kind_sections(self) -> list[str]:
        """Kinds with a section of their own: one H2 each, their entries' lines."""
        lines: list[str] = []
        for kind in ENTRY_KINDS:
            if kind.has(LLMS) and kind.llms_section not in (None, OPTIONAL_SECTION):
                entries = self.catalog.of_kind(kind)
                lines += self.section(
                    self.w(str(kind.llms_section)), [self.entry_line(e) for e in entries]
                )
        return lines

    def optional_lines(self) -> list[str]:
        """The kinds filed under Optional, then the hub pages in the sitemap's order."""
        lines = [
            self.entry_line(e)
            for kind in ENTRY_KINDS
            if kind.has(LLMS) and kind.llms_section == OPTIONAL_SECTION
            for e in self.catalog.of_kind(kind)
        ]
        return lines + [self.page_line(page) for page in self.hubs]

    def full_index(self) -> str:
        """The root llms.txt listing every answer."""
        site = self.site
        lines = self.header(site.name, site.description, self.intro())
        for topic, answers in self.topic_sections():
            lines += self.section(topic.title, [self.entry_line(topic), *answers])
        lines += self.section(self.w("llms.other_answers"), self.orphan_lines())
        lines += self.kind_sections()
        lines += self.section(self.w("llms.optional"), self.optional_lines())
        return "\n".join(lines)

    def split_index(self) -> str:
        """The root llms.txt linking one llms.txt per topic (for large answer centers)."""
        site = self.site
        topics = [
            link_line(topic.title, site.absolute(urls.topic_llms(topic.id)), topic.summary)
            for topic in self.catalog.groups
        ]
        lines = self.header(site.name, site.description, self.intro())
        lines += self.section(self.w("llms.topics"), topics)
        lines += self.section(self.w("llms.other_answers"), self.orphan_lines())
        lines += self.kind_sections()
        lines += self.section(self.w("llms.optional"), self.optional_lines())
        return "\n".join(lines)

    def topic_file(self, topic: Entry, answers: list[str]) -> str:
        """A topic's own llms.txt: its answers, then its other members as optional."""
        site = self.site
        paragraph = self.w(
            "llms.topic_intro",
            topic=_line(topic.title),
            site=_line(site.name),
            llms=site.absolute(urls.LLMS),
        )
        others = [
            self.entry_line(m) for m in self.catalog.members[topic.id] if m.kind is not ANSWER
        ]
        # The root's split form links this file instead of the topic's page: list it here.
        others.insert(0, self.entry_line(topic))
        lines = self.header(topic.title, topic.summary, paragraph)
        lines += self.section(self.w("llms.answers"), answers)
        lines += self.section(self.w("llms.optional"), others)
        return "\n".join(lines)


def llms_files(catalog: Catalog, max_chars: int = MAX_CHARS) -> dict[str, str]:
    """``llms.txt`` and one ``topics/<id>/llms.txt`` per topic, keyed by path in site/.

    The per-topic files always exist, so their URLs stay valid whichever form the root
    file takes.
    """
    renderer = LlmsRenderer(catalog)
    files = {
        urls.topic_llms(topic.id).lstrip("/"): renderer.topic_file(topic, answers)
        for topic, answers in renderer.topic_sections()
    }
    root = renderer.full_index()
    files[urls.LLMS.lstrip("/")] = root if len(root) <= max_chars else renderer.split_index()
    return files


def full_text_entries(catalog: Catalog) -> list[Entry]:
    """What llms-full.txt holds: published answers in topic order (answers no topic lists
    after them), then the entries of every other kind with a full-text section."""
    listed = catalog.answers_in_topic_order
    listed_ids = {a.id for a in listed}
    answers = published_answers(
        [*listed, *(e for e in catalog.entries if e.kind is ANSWER and e.id not in listed_ids)]
    )
    others = [e for e in catalog.entries if e.kind is not ANSWER and e.kind.has(LLMS_FULL)]
    return [*answers, *others]


def _full_header(catalog: Catalog, title: str, summary: str, paragraph: str) -> list[str]:
    return [f"# {_line(title)}", "", f"> {_line(summary)}", "", paragraph]


def _full_sections(
    catalog: Catalog, mirrors: MirrorRenderer, entries: Iterable[Entry]
) -> list[str]:
    """Each entry's Markdown after a rule, with its URL and date; each body is its
    mirror's (pass the renderer the mirrors used, to reuse them)."""
    site = catalog.site
    parts: list[str] = []
    for entry in entries:
        body = mirrors.entry_body(entry)
        title_line, _, rest = body.partition("\n")
        parts += [
            "",
            "---",
            "",
            title_line,
            "",
            f"URL: {site.absolute(entry.url)}  ",
            f"Markdown: {site.absolute(entry.markdown_url)}  ",
            f"Updated: {entry.updated.isoformat()}",
            rest.rstrip("\n"),
        ]
    return parts


def llms_full_txt(catalog: Catalog, mirrors: MirrorRenderer) -> str:
    """The Markdown of every entry :func:`full_text_entries` lists, in one file."""
    site = catalog.site
    w = vocabulary(site.language)
    intro = w("llms.full_intro", llms=site.absolute(urls.LLMS))
    parts = _full_header(catalog, site.name, site.description, intro)
    parts += _full_sections(catalog, mirrors, full_text_entries(catalog))
    return "\n".join(parts) + "\n"


def topic_full_txt(catalog: Catalog, mirrors: MirrorRenderer, topic: Entry) -> str:
    """A topic's full text: its published answers, in member order."""
    site = catalog.site
    w = vocabulary(site.language)
    intro = w(
        "llms.topic_full_intro",
        topic=_line(topic.title),
        site=_line(site.name),
        full=site.absolute(urls.LLMS_FULL),
    )
    parts = _full_header(catalog, topic.title, topic.summary, intro)
    parts += _full_sections(catalog, mirrors, published_answers(catalog.members[topic.id]))
    return "\n".join(parts) + "\n"


def split_full_txt(catalog: Catalog, mirrors: MirrorRenderer) -> str:
    """llms-full.txt of a large answer center: a link to each topic's full text, then
    the full text of what no topic holds (answers outside topics, the other kinds)."""
    site = catalog.site
    w = vocabulary(site.language)
    intro = w("llms.full_split_intro", llms=site.absolute(urls.LLMS))
    parts = _full_header(catalog, site.name, site.description, intro)
    topics = [
        link_line(topic.title, site.absolute(urls.topic_llms_full(topic.id)), topic.summary)
        for topic in catalog.groups
    ]
    parts += ["", f"## {_line(w('llms.topics'))}", "", *topics]
    in_topics = {a.id for a in catalog.answers_in_topic_order}
    rest = [e for e in full_text_entries(catalog) if e.id not in in_topics]
    parts += _full_sections(catalog, mirrors, rest)
    return "\n".join(parts) + "\n"


def llms_full_files(catalog: Catalog, mirrors: MirrorRenderer) -> dict[str, str]:
    """``llms-full.txt`` and one ``topics/<id>/llms-full.txt`` per topic, by path in site/.

    Past ``bounds.llms_full_bytes`` the root file links the topics' files instead of
    holding their text. The per-topic files always exist, so their URLs stay valid
    whichever form the root file takes.
    """
    files = {
        urls.topic_llms_full(topic.id).lstrip("/"): topic_full_txt(catalog, mirrors, topic)
        for topic in catalog.groups
    }
    whole = llms_full_txt(catalog, mirrors)
    if len(whole.encode("utf-8")) > catalog.bounds.llms_full_bytes:
        whole = split_full_txt(catalog, mirrors)
    files[urls.LLMS_FULL.lstrip("/")] = whole
    return files
