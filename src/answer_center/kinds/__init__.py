"""The content kinds, each declared once in a module of this package.

A kind's module holds its declaration (:class:`~answer_center.kinds.kind.Kind`): where its
files live, how it is addressed, which outputs it has, which fields reference other
entries. This package finds every module, so adding a kind is adding its module (with its
schema, sample content and tests); nothing else lists kinds.
"""

from __future__ import annotations

import importlib
import pkgutil

from answer_center.kinds.kind import ANY_KIND, Kind, Reference

__all__ = [
    "ANSWER",
    "ANY_KIND",
    "CHECKLIST",
    "ENTRY_KINDS",
    "EXAMPLE",
    "GLOSSARY",
    "GUIDE",
    "HOME_ID",
    "KINDS_BY_NAME",
    "KINDS_BY_SECTION",
    "PAGE_ANCHORS",
    "RESERVED_IDS",
    "SITE_FILE",
    "SITE_SCHEMA",
    "TOPIC",
    "Kind",
    "Reference",
    "kinds_with",
    "reference_kinds",
]


def _declared() -> tuple[Kind, ...]:
    found = []
    for module in pkgutil.iter_modules(__path__):
        if module.name == "kind":
            continue
        declared = getattr(importlib.import_module(f"{__name__}.{module.name}"), "KIND", None)
        if not isinstance(declared, Kind):
            raise TypeError(f"{__name__}.{module.name} declares no KIND")
        found.append(declared)
    return tuple(sorted(found, key=lambda kind: (kind.order, kind.name)))


ENTRY_KINDS: tuple[Kind, ...] = _declared()
"""Every kind an editor writes one file per entry for, in the order pages list them."""

KINDS_BY_SECTION = {kind.section: kind for kind in ENTRY_KINDS}
KINDS_BY_NAME = {kind.name: kind for kind in ENTRY_KINDS}

ANSWER = KINDS_BY_NAME["answer"]
TOPIC = KINDS_BY_NAME["topic"]
CHECKLIST = KINDS_BY_NAME["checklist"]
GUIDE = KINDS_BY_NAME["guide"]
EXAMPLE = KINDS_BY_NAME["example"]
GLOSSARY = KINDS_BY_NAME["glossary"]
"""The kinds the pipeline itself relies on: answers (feeds, more like this), topics (they
group members), glossary terms (tooltips). Every other kind is reached through its
declaration only."""


def kinds_with(output: str) -> tuple[Kind, ...]:
    """The kinds that have ``output``, in order."""
    return tuple(kind for kind in ENTRY_KINDS if kind.has(output))


def reference_kinds(reference: Reference) -> frozenset[str]:
    """The kind names a reference may point to (``topic-member`` and ANY_KIND expanded;
    ANY_KIND also allows ``home``)."""
    names: set[str] = set()
    for name in reference.kinds:
        if name == ANY_KIND:
            names |= set(KINDS_BY_NAME) | {"home"}
        elif name == "topic-member":
            names |= {kind.name for kind in ENTRY_KINDS if kind.topic_member}
        else:
            names.add(name)
    return frozenset(names)


SITE_FILE = "site.yaml"
SITE_SCHEMA = "site.schema.json"
HOME_ID = "home"
"""Reserved id of the answer center home page; related links may point to it."""

PAGE_ANCHORS = ("title", "related")
"""Heading ids the page layout gives itself on pages that also carry anchors from content
(topic members, glossary terms, guide sections, example scenarios)."""

RESERVED_IDS: dict[str, str] = {
    HOME_ID: "home",
    "index": "folder-page",
    "readme": "folder-page",
    **dict.fromkeys(PAGE_ANCHORS, "anchor"),
    **dict.fromkeys(("con", "prn", "aux", "nul"), "windows-device"),
    **{f"{port}{digit}": "windows-device" for port in ("com", "lpt") for digit in range(10)},
}
"""Ids that the id pattern allows but that cannot become a page and a file: id -> why
(a key of terms.reserved in words/diagnostics.yaml)."""
