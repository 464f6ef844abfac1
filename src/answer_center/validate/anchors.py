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
from answer_center.kinds import PAGE_ANCHORS


def check_anchors(sources: Sequence[Source]) -> list[Diagnostic]:
    """One error per item id that repeats on its page or takes a layout anchor."""
    found: list[Diagnostic] = []
    for source in sources:
        key = source.kind.anchors
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
                found.append(
                    error(document.path, at.line, at.column, "id/reserved", "anchor", anchor=anchor)
                )
            elif anchor in first:
                line = document.value_position((key, first[anchor], "id")).line
                found.append(
                    error(
                        document.path,
                        at.line,
                        at.column,
                        "id/duplicate",
                        "item",
                        anchor=anchor,
                        line=line,
                        field=key,
                    )
                )
            else:
                first[anchor] = index
    return found
