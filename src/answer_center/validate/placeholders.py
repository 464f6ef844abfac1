"""Placeholders left in a file: ``answer-center new`` writes ``TODO`` where an editor
must write, and nothing that still starts with it may be published."""

from __future__ import annotations

import re

from answer_center.diagnostics import Diagnostic, error
from answer_center.load import Document

PLACEHOLDER = re.compile(r"(?i)todo(?![a-z])")
"""How a value an editor has not filled yet starts (a word, not a prefix like ``today``)."""

PLACEHOLDER_ID = "todo"
"""The value a skeleton gives an id it cannot know (a topic's first member, an anchor)."""


def is_placeholder(text: str) -> bool:
    """True when a value is still a placeholder of a skeleton."""
    return PLACEHOLDER.match(text.lstrip()) is not None


def check_placeholders(document: Document) -> list[Diagnostic]:
    """One error per value that still starts with TODO, where the value is written."""
    found = []
    for where, text in document.strings():
        if is_placeholder(text):
            at = document.value_position(where)
            found.append(
                error(
                    document.path,
                    at.line,
                    at.column,
                    "content/placeholder",
                    "this value is still the TODO placeholder that `answer-center new` wrote; "
                    "write the real value (the comment above the key says what it holds)",
                )
            )
    return found
