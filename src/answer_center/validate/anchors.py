"""Anchors from content never collide on a page: with each other or with the layout's own.

Guide sections and example scenarios carry ids that become heading anchors on their page
(``/guides/x/#setup``); two equal ids, or one equal to an anchor of the page layout
(:data:`answer_center.kinds.PAGE_ANCHORS`), would give two elements one id, and links and
the table of contents would land on the wrong one. Entry ids, which are anchors on topic
and glossary pages, are kept clear of the layout's anchors by the reserved ids.
"""

from __future__ import annotations

from collections.abc import Sequence

from answer_center.content import Source
from answer_center.diagnostics import Diagnostic, error
from answer_center.kinds import EXAMPLE, GUIDE, PAGE_ANCHORS, Kind

ANCHORED_LISTS: dict[Kind, str] = {GUIDE: "sections", EXAMPLE: "scenarios"}
"""The list of each kind whose items' ``id`` is a heading anchor on the entry's page."""


def check_anchors(sources: Sequence[Source]) -> list[Diagnostic]:
    """One error per item id that repeats on its page or takes a layout anchor."""
    found: list[Diagnostic] = []
    for source in sources:
        key = ANCHORED_LISTS.get(source.kind)
        if key is None:
            continue
        items = source.document.data.get(key)
        if not isinstance(items, list):
            continue
        document = source.document
        first: dict[str, int] = {}
        for index, item in enumerate(items):
            anchor = item.get("id") if isinstance(item, dict) else None
            if not isinstance(anchor, str):
                continue
            at = document.value_position((key, index, "id"))
            if anchor in PAGE_ANCHORS:
                message = f"'{anchor}' is an anchor of the page layout; give this item another id"
                found.append(error(document.path, at.line, at.column, "id/reserved", message))
            elif anchor in first:
                line = document.value_position((key, first[anchor], "id")).line
                message = (
                    f"'{anchor}' is already the id of the item at line {line}; the ids of "
                    f"{key} are anchors on one page: give each its own"
                )
                found.append(error(document.path, at.line, at.column, "id/duplicate", message))
            else:
                first[anchor] = index
    return found
