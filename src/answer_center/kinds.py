"""The content kinds, declared once: where they live, their schema, their public URLs.

Like Hugo's output formats, each kind declares what it publishes instead of special cases
spread over the renderers.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Kind:
    """One kind of content entry."""

    name: str
    """Singular name used in diagnostics, the API and JSON-LD (``answer``)."""
    section: str
    """Folder under ``content/`` and first URL segment (``answers``)."""
    title_field: str
    """The key that holds the entry's human title."""
    nested: bool = False
    """True when files sit one folder deeper (``answers/<topic>/<id>.yaml``)."""
    own_page: bool = True
    """False when entries are anchors on a shared page (glossary terms)."""
    noun: str = ""
    """What one entry is called in messages, when not its name ("glossary term")."""

    @property
    def entry_noun(self) -> str:
        """What one entry of this kind is called in messages."""
        return self.noun or self.name

    @property
    def schema_file(self) -> str:
        """File name of this kind's JSON Schema in ``schemas/``."""
        return f"{self.name}.schema.json"


ANSWER = Kind("answer", "answers", "title", nested=True)
TOPIC = Kind("topic", "topics", "title")
CHECKLIST = Kind("checklist", "checklists", "title")
GUIDE = Kind("guide", "guides", "title")
EXAMPLE = Kind("example", "examples", "title")
GLOSSARY = Kind("glossary", "glossary", "term", own_page=False, noun="glossary term")

ENTRY_KINDS: tuple[Kind, ...] = (ANSWER, TOPIC, CHECKLIST, GUIDE, EXAMPLE, GLOSSARY)
"""Every kind an editor writes one file per entry for, in the order pages list them."""

KINDS_BY_SECTION = {kind.section: kind for kind in ENTRY_KINDS}
KINDS_BY_NAME = {kind.name: kind for kind in ENTRY_KINDS}

SITE_FILE = "site.yaml"
SITE_SCHEMA = "site.schema.json"
HOME_ID = "home"
"""Reserved id of the answer center home page; related links may point to it."""

PAGE_ANCHORS = ("title", "related")
"""Heading ids the page templates give themselves on pages that also carry anchors from
content (topic members, glossary terms, guide sections, example scenarios)."""

_FOLDER_PAGE = (
    "names a folder's own page for MkDocs, so the entry would publish at its section's URL"
)
_WINDOWS_DEVICE = "is a device name on Windows, where a file of that name cannot be checked out"
RESERVED_IDS: dict[str, str] = {
    HOME_ID: "is reserved for the answer center home page",
    "index": _FOLDER_PAGE,
    "readme": _FOLDER_PAGE,
    **dict.fromkeys(PAGE_ANCHORS, "is an anchor of the page layout, and entry ids are anchors too"),
    **{name: _WINDOWS_DEVICE for name in ("con", "prn", "aux", "nul")},
    **{f"{port}{digit}": _WINDOWS_DEVICE for port in ("com", "lpt") for digit in range(10)},
}
"""Ids that the id pattern allows but that cannot become a page and a file: id -> why."""
