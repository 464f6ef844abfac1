"""What a kind of content declares about itself, once.

Like Hugo's output formats, each kind says which outputs it has and how it is addressed;
renderers, validation and the published documentation iterate the declarations instead
of listing kinds themselves.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from answer_center.claims import ClaimField

if TYPE_CHECKING:
    from answer_center.diagnostics import Diagnostic
    from answer_center.load import Document
    from answer_center.model import Entry
    from answer_center.render.context import PageContext
    from answer_center.view import View

PAGE = "page"
"""The HTML page the site engine builds (with its JSON-LD)."""
MIRROR = "mirror"
"""The page's Markdown mirror."""
LLMS = "llms"
"""A line in llms.txt."""
LLMS_FULL = "llms-full"
"""A section of llms-full.txt with the whole text."""
FEED = "feed"
"""An item of the JSON Feed."""
API = "api"
"""A file of the static JSON API."""
SITEMAP = "sitemap"
"""A URL in the sitemap."""
SEARCH = "search"
"""The page is in the site's search index (listings and hubs are not: they would rank
above the entries they list)."""

ENTRY_OUTPUTS = (PAGE, MIRROR, LLMS, LLMS_FULL, FEED, API, SITEMAP, SEARCH)
"""Every output an entry can have, in the order the documentation lists them."""

ANY_KIND = "*"
"""A reference that may point to an entry of any kind (or the home page)."""


@dataclass(frozen=True)
class Reference:
    """A field that holds the id of another entry."""

    path: tuple[str, ...]
    """Where the id is: keys, ``*`` for each item of a list (``("related", "*", "id")``)."""
    kinds: frozenset[str]
    """Kinds the target may be: kind names, ``topic-member`` for any kind that joins
    topics, or ANY_KIND (which also allows the home page)."""
    role: str
    """What the field is called in messages (``related id``)."""


@dataclass(frozen=True)
class Kind:
    """One kind of content entry, as every part of the pipeline sees it."""

    name: str
    """Singular name used in diagnostics, the API and JSON-LD (``answer``)."""
    section: str
    """Folder under ``content/`` and first URL segment (``answers``)."""
    order: int
    """Where the kind comes in lists of kinds (the catalog, navigation, llms.txt)."""
    title_field: str
    """The key that holds the entry's human title."""
    summary_field: str
    """The key that holds its one-line description."""
    jsonld_type: str
    """The schema.org type of its page (``Article``, ``TechArticle``, ``WebPage``)."""
    fields: type[Any]
    """The dataclass of its own fields (see :mod:`answer_center.fields`)."""
    view: Callable[[Entry, PageContext], View] | None = None
    """Builds the view of its page and mirror."""
    check: Callable[[Document], list[Diagnostic]] | None = None
    """Rules of its own beyond its schema, on a schema-valid document (a template's
    variables); cross-file rules stay in ``validate/``."""
    outputs: frozenset[str] = frozenset(ENTRY_OUTPUTS)
    """Which of ENTRY_OUTPUTS it has."""
    nested: bool = False
    """True when files sit one folder deeper (``answers/<topic>/<id>.yaml``)."""
    topic_member: bool = False
    """True when topics may list it among their members."""
    groups: bool = False
    """True for the kind whose entries list members (topics): each has a section in
    llms.txt, an llms.txt of its own, and its members' breadcrumbs."""
    in_nav: bool = False
    """True when the site's navigation lists its entries (kinds with few entries)."""
    hub: bool = False
    """True when the home page lists its entries under its other resources."""
    llms_section: str | None = None
    """The llms.txt section of its lines: a words key, ``optional`` for the section readers
    may skip, or None for answers, filed under their topic, and topics, whose line heads
    their section."""
    anchors: str | None = None
    """The list whose items' ``id`` are heading anchors on the entry's page."""
    references: tuple[Reference, ...] = ()
    search_text: tuple[tuple[str, ...], ...] = ()
    """Fields its search record holds after the title and summary: what readers search for
    and what a result's excerpt shows. Paths as in :attr:`Reference.path` (``*`` for each
    item, a number for one item)."""
    search_weight: float = 1.0
    """How much its records' words count in search ranking, against other kinds'."""
    claims: tuple[ClaimField, ...] = ()
    """Fields whose text, or each item of which, is a citable claim with its own id."""
    noun: str = ""
    """What one entry is called in messages, when not its name ("glossary term")."""
    distinct: tuple[str, ...] = ()
    """Text fields besides the title that no two current entries of the kind may share (an
    answer's question): readers and answer engines tell entries apart by them."""

    @property
    def own_page(self) -> bool:
        """False when entries are anchors on a shared page (glossary terms)."""
        return PAGE in self.outputs

    @property
    def entry_noun(self) -> str:
        """What one entry of this kind is called in messages."""
        return self.noun or self.name

    @property
    def distinct_fields(self) -> tuple[str, ...]:
        """The title field, then :attr:`distinct`."""
        return (self.title_field, *self.distinct)

    @property
    def schema_file(self) -> str:
        """File name of this kind's JSON Schema in ``schemas/``."""
        return f"{self.name}.schema.json"

    def has(self, output: str) -> bool:
        """True when the kind has ``output``."""
        return output in self.outputs
