"""``/llms.txt`` (llmstxt.org) and ``/llms-full.txt``: every answer for language models.

llms.txt is an H1, a one-line blockquote, a paragraph, then H2 sections holding only
link lines ``- [title](url): notes``; the section named ``Optional`` may be skipped by
readers with little context. Links point to the Markdown mirrors. Deprecated answers are
left out: their successor is listed, and a model should not quote a retired answer.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from answer_center.kinds import ANSWER, CHECKLIST, EXAMPLE, GLOSSARY, GUIDE, TOPIC
from answer_center.model import Catalog, Entry
from answer_center.render.inline import plain_commonmark
from answer_center.render.mirrors import LLMS_FULL_PATH, LLMS_PATH, MirrorRenderer

MAX_CHARS = 50_000
"""Past this size the root llms.txt links one llms.txt per topic instead of every answer."""

OPTIONAL = "Optional"
OTHER_ANSWERS = "其他答案"


def topic_llms_path(topic: Entry) -> str:
    """Site path of a topic's own llms.txt."""
    return f"/{TOPIC.section}/{topic.id}/llms.txt"


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
        return (
            f"Each link below is the Markdown mirror of a page of {_line(site.name)}; "
            "its front matter gives the canonical URL, updated date and content hash. "
            f"The full text of every answer is in {site.absolute(LLMS_FULL_PATH)}; "
            f"structured data is in {site.absolute('/api/v1/index.json')} and updates in "
            f"{site.absolute('/feed.json')}. Deprecated answers are left out in favour of "
            "the answers that replace them. Fields, stability promises and how to sync: "
            f"{site.absolute('/machine-readable/index.md')}"
        )

    def section(self, heading: str, lines: Sequence[str]) -> list[str]:
        """An H2 and its link lines; nothing when there are no lines."""
        return [f"## {_line(heading)}", "", *lines, ""] if lines else []

    def topic_sections(self) -> list[tuple[Entry, list[str]]]:
        """Each topic with the link lines of its answers, in member order."""
        return [
            (
                topic,
                [self.answer_line(a) for a in published_answers(self.catalog.members[topic.id])],
            )
            for topic in self.catalog.of_kind(TOPIC)
        ]

    def orphan_lines(self) -> list[str]:
        """Answers no topic lists (validation forbids it; never drop an answer silently)."""
        listed = {a.id for a in self.catalog.answers_in_topic_order}
        return [
            self.answer_line(a)
            for a in published_answers(self.catalog.entries)
            if a.id not in listed
        ]

    def optional_lines(self) -> list[str]:
        """Guides, examples, checklists, then the glossary."""
        lines = [
            self.entry_line(e)
            for kind in (GUIDE, EXAMPLE, CHECKLIST)
            for e in self.catalog.of_kind(kind)
        ]
        if self.catalog.of_kind(GLOSSARY):
            lines.append(
                link_line(
                    "术语表",
                    self.site.absolute("/glossary/index.md"),
                    "答案中常用名词的简短解释",
                )
            )
        return lines

    def full_index(self) -> str:
        """The root llms.txt listing every answer."""
        site = self.site
        lines = self.header(site.name, site.description, self.intro())
        for topic, answers in self.topic_sections():
            lines += self.section(topic.title, answers)
        lines += self.section(OTHER_ANSWERS, self.orphan_lines())
        lines += self.section(OPTIONAL, self.optional_lines())
        return "\n".join(lines)

    def split_index(self) -> str:
        """The root llms.txt linking one llms.txt per topic (for large answer centers)."""
        site = self.site
        topics = [
            link_line(topic.title, site.absolute(topic_llms_path(topic)), topic.summary)
            for topic in self.catalog.of_kind(TOPIC)
        ]
        lines = self.header(site.name, site.description, self.intro())
        lines += self.section("主题", topics)
        lines += self.section(OTHER_ANSWERS, self.orphan_lines())
        lines += self.section(OPTIONAL, self.optional_lines())
        return "\n".join(lines)

    def topic_file(self, topic: Entry, answers: list[str]) -> str:
        """A topic's own llms.txt: its answers, then its other members as optional."""
        site = self.site
        paragraph = (
            f"Answers of the topic {_line(topic.title)} of {_line(site.name)}, as Markdown "
            f"mirrors. Every topic: {site.absolute(LLMS_PATH)}"
        )
        others = [
            self.entry_line(m) for m in self.catalog.members[topic.id] if m.kind is not ANSWER
        ]
        lines = self.header(topic.title, topic.summary, paragraph)
        lines += self.section("答案", answers)
        lines += self.section(OPTIONAL, others)
        return "\n".join(lines)


def llms_files(catalog: Catalog, max_chars: int = MAX_CHARS) -> dict[str, str]:
    """``llms.txt`` and one ``topics/<id>/llms.txt`` per topic, keyed by path in site/.

    The per-topic files always exist, so their URLs stay valid whichever form the root
    file takes.
    """
    renderer = LlmsRenderer(catalog)
    files = {
        topic_llms_path(topic).lstrip("/"): renderer.topic_file(topic, answers)
        for topic, answers in renderer.topic_sections()
    }
    root = renderer.full_index()
    files[LLMS_PATH.lstrip("/")] = root if len(root) <= max_chars else renderer.split_index()
    return files


def llms_full_txt(catalog: Catalog, mirrors: MirrorRenderer | None = None) -> str:
    """Every published answer's Markdown in topic order, each with its URL and date.

    The body of each answer is its mirror's; pass the renderer the mirrors used to reuse it.
    """
    site = catalog.site
    mirrors = mirrors or MirrorRenderer(catalog)
    listed = catalog.answers_in_topic_order
    listed_ids = {a.id for a in listed}
    answers = published_answers(
        [*listed, *(e for e in catalog.entries if e.kind is ANSWER and e.id not in listed_ids)]
    )
    parts = [
        f"# {_line(site.name)}",
        "",
        f"> {_line(site.description)}",
        "",
        f"The full text of every published answer, in topic order. Index: "
        f"{site.absolute(LLMS_PATH)}",
    ]
    for answer in answers:
        body = mirrors.entry_body(answer)
        title_line, _, rest = body.partition("\n")
        parts += [
            "",
            "---",
            "",
            title_line,
            "",
            f"URL: {site.absolute(answer.url)}  ",
            f"Markdown: {site.absolute(answer.markdown_url)}  ",
            f"Updated: {answer.updated.isoformat()}",
            rest.rstrip("\n"),
        ]
    return "\n".join(parts) + "\n"
