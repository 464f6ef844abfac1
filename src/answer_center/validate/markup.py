"""Inline markup checks: a link that the renderers would refuse is an error, not a surprise.

The renderers already show an unsafe link (``javascript:``, ``data:``, a relative path) as
plain text (see :mod:`answer_center.render.markup`); reporting it at validation tells the
editor, or the reviewer of a hostile pull request, before anything is published.
"""

from __future__ import annotations

from answer_center.diagnostics import Diagnostic, error
from answer_center.load import Document
from answer_center.render.markup import unsafe_link_spans
from answer_center.validate.locate import TextLocator

VERBATIM_FIELDS = frozenset({"code"})
"""Keys whose strings are shown as written (code samples): link syntax there is code."""

_SHOWN = 60


def check_markup(document: Document) -> list[Diagnostic]:
    """One error per link in a text field whose target no renderer would link to."""
    locator: TextLocator | None = None
    found = []
    for where, text in document.strings():
        if where and where[-1] in VERBATIM_FIELDS:
            continue
        for start, end, href in unsafe_link_spans(text):
            locator = locator or TextLocator(document)
            line, column = locator.locate(where, text, start, end)
            shown = href if len(href) <= _SHOWN else href[: _SHOWN - 1] + "…"
            found.append(
                error(
                    document.path,
                    line,
                    column,
                    "markup/unsafe-link",
                    f"link target {shown!r} is not allowed: links go to https://, http://, "
                    "mailto: or a site path starting with /; change the target or remove "
                    "the link",
                )
            )
    return found
