"""Inline markup checks: every problem the markup parser finds is an error where it was
written, so nothing in a text field is published as half-read markup.

The parser (:mod:`answer_center.markup`) accepts `code`, **bold** and [links](...) with a
safe target; an unclosed delimiter, nested or empty markup, an image or an unsafe link
target is reported here, at the line and column of the problem, before anything is built.
"""

from __future__ import annotations

from collections.abc import Collection

from answer_center.diagnostics import Diagnostic, error
from answer_center.load import Document, Where
from answer_center.markup import parse
from answer_center.validate.locate import TextLocator
from answer_center.validate.schema import markup_place


def check_markup(document: Document, text_fields: Collection[Where]) -> list[Diagnostic]:
    """One error per markup problem in the document's text fields.

    ``text_fields`` are the places (list indexes as ``*``) whose strings carry markup, from
    :meth:`answer_center.validate.schema.SchemaSet.markup_paths`; other strings (ids,
    URLs, code samples) are not read as markup anywhere.
    """
    locator: TextLocator | None = None
    found = []
    for where, text in document.strings():
        if markup_place(where) not in text_fields:
            continue
        for problem in parse(text).errors:
            locator = locator or TextLocator(document)
            line, column = locator.locate(where, text, problem.start, problem.end)
            found.append(
                error(
                    document.path, line, column, problem.rule, problem.key, **dict(problem.params)
                )
            )
    return found
