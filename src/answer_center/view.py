"""The view of a page: what it says, in order, before any output format is chosen.

One view per page feeds the site engine's page, the Markdown mirror and the feed item, so
the three cannot say different things or say them in a different order. A view is blocks
(headings, paragraphs, lists, notices, code, tables) of inline pieces; a piece is either
our own words (:class:`Words`, shown as plain text) or an editor's field (:class:`Field`,
read as the inline markup subset), so every writer knows what it may trust.

Writers (``render/engine_page.py``, ``render/mirror_page.py``, ``render/feed.py``) lay a
view out; they decide syntax, never content or order.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Words:
    """Our own words: plain text, escaped by every writer, never read as markup."""

    text: str


@dataclass(frozen=True)
class Field:
    """An editor's text field: the inline markup subset; glossary terms may be marked."""

    text: str


@dataclass(frozen=True)
class Strong:
    """Bold text: a label of ours (原始问题) or a field that names an item (a case)."""

    text: Words | Field


@dataclass(frozen=True)
class Code:
    """Literal code of ours (an HTTP status)."""

    text: str


@dataclass(frozen=True)
class Target:
    """Where a link goes, in each form a writer needs."""

    page: str
    """Site path of the HTML page (``/answers/x/``), or an absolute URL outside the site."""
    mirror: str
    """Site path of the Markdown mirror (the same URL outside the site)."""

    @property
    def external(self) -> bool:
        """True for a page outside the answer center."""
        return not self.page.startswith("/")


@dataclass(frozen=True)
class Link:
    """A link: its label is a field (a title) or our words."""

    label: Field | Words
    target: Target


Piece = Words | Field | Strong | Code | Link
Inline = tuple[Piece, ...]


def words(text: str) -> Inline:
    """Our words as one inline."""
    return (Words(text),)


def text(value: str) -> Inline:
    """An editor's field as one inline."""
    return (Field(value),)


# ------------------------------------------------------------------------------------------
# Blocks.
# ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Heading:
    """A heading; ``anchor`` is its id on the page (None: a mirror-only heading)."""

    level: int
    text: Inline
    anchor: str | None = None


@dataclass(frozen=True)
class Paragraph:
    """A paragraph; ``role`` names its style on the page (``summary``, ``byline``)."""

    text: Inline
    role: str | None = None


@dataclass(frozen=True)
class Items:
    """A list of items, numbered when ``ordered``."""

    items: tuple[Inline, ...]
    ordered: bool = False
    anchors: tuple[str, ...] = ()
    """Each item's id on the page (a citable claim), in item order; empty: none."""


@dataclass(frozen=True)
class Check:
    """One item of a checklist: what to check, why, and what to keep."""

    text: Inline
    why: Inline
    evidence: Inline | None = None


@dataclass(frozen=True)
class Checks:
    """A checklist group's items."""

    items: tuple[Check, ...]


@dataclass(frozen=True)
class Notice:
    """A notice set apart from the text (a tip, a warning), with a title."""

    kind: str
    """``tip`` or ``warning``."""
    title: str
    """Our words."""
    body: Inline
    role: str | None = None
    anchor: str | None = None
    """The body's id on the page (a citable claim)."""


@dataclass(frozen=True)
class Question:
    """A follow-up question with its answer."""

    question: Inline
    answer: Inline


@dataclass(frozen=True)
class Snippet:
    """Code in one language: the label readers see and the highlighter's lexer."""

    label: str
    lexer: str
    code: str


@dataclass(frozen=True)
class Snippets:
    """The same code in several languages (tabs on the page)."""

    items: tuple[Snippet, ...]


@dataclass(frozen=True)
class CodeBlock:
    """One block of code, shown as written and copyable."""

    lexer: str
    code: str


@dataclass(frozen=True)
class Table:
    """A small table: a header row and rows of cells."""

    columns: tuple[Inline, ...]
    rows: tuple[tuple[Inline, ...], ...]


@dataclass(frozen=True)
class Language:
    """Blocks written in another language than the page's."""

    lang: str
    blocks: tuple[Block, ...]
    role: str | None = None


@dataclass(frozen=True)
class Breadcrumb:
    """Where the page sits: links from the home page down to its parent."""

    trail: tuple[Link, ...]


@dataclass(frozen=True)
class Tags:
    """The page's tags, each linking to its place on the tags page."""

    tags: tuple[Link, ...]


Block = (
    Heading
    | Paragraph
    | Items
    | Checks
    | Notice
    | Question
    | Snippets
    | CodeBlock
    | Table
    | Language
    | Breadcrumb
    | Tags
)


@dataclass(frozen=True)
class Section:
    """Blocks that belong together; ``navigation`` sections (related pages, more like
    this, tags) are on the page and in the mirror, not in the feed item."""

    blocks: tuple[Block, ...]
    navigation: bool = False


@dataclass(frozen=True)
class View:
    """A whole page: its title and its sections, in reading order."""

    title: Inline
    sections: tuple[Section, ...] = field(default=())

    def blocks(self, *, navigation: bool = True) -> tuple[Block, ...]:
        """Every block in order; without the navigation sections when ``navigation`` is
        False (the feed item)."""
        return tuple(
            block
            for section in self.sections
            if navigation or not section.navigation
            for block in section.blocks
        )
