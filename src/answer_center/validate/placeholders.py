"""Placeholders left in a file: ``answer-center new`` writes ``TODO`` where an editor
must write, and nothing that still holds one may be published.

A value is a placeholder when it starts with the word TODO (any case: ``todo`` is the id a
skeleton cannot know), or when it still holds the first clause of the skeleton's sentence in
any language (an editor who deleted only the word TODO has not written the value yet).
"""

from __future__ import annotations

import functools
import re

from answer_center.diagnostics import Diagnostic, error
from answer_center.load import Document
from answer_center.words import languages, vocabulary

PLACEHOLDER = re.compile(r"(?i)todo(?![a-z])")
"""How a value an editor has not filled yet starts (a word, not a prefix like ``today``)."""

PLACEHOLDER_ID = "todo"
"""The value a skeleton gives an id it cannot know (a topic's first member, an anchor)."""


@functools.cache
def _sentences() -> tuple[str, ...]:
    """The first clause of the skeleton's placeholder sentence in every language, without
    the word TODO: what is left of it however much of the rest an editor deletes."""
    texts = (vocabulary(language)("new.placeholder") for language in languages())
    clauses = (re.split(r"[,，;；。]", PLACEHOLDER.sub("", text, count=1))[0] for text in texts)
    return tuple(clause.strip() for clause in clauses)


def is_placeholder(text: str) -> bool:
    """True when a value is still a placeholder of a skeleton."""
    if PLACEHOLDER.match(text.lstrip()) is not None:
        return True
    return any(sentence in text for sentence in _sentences())


def check_placeholders(document: Document) -> list[Diagnostic]:
    """One error per value that is still a placeholder, where the value is written."""
    found = []
    for where, text in document.strings():
        if is_placeholder(text):
            at = document.value_position(where)
            found.append(error(document.path, at.line, at.column, "content/placeholder"))
    return found
