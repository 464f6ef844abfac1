"""Templates: a copyable text with declared variables (``content/templates/<id>.yaml``).

The body holds ``{{variable}}`` placeholders; validation (``validate/templates.py``)
refuses a body that uses a variable the template does not declare, or declares one the
body never uses.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from answer_center.diagnostics import Diagnostic, error
from answer_center.kinds.kind import ANY_KIND, Kind, Reference
from answer_center.view import (
    Block,
    Code,
    CodeBlock,
    Heading,
    Paragraph,
    Section,
    Table,
    View,
    text,
    words,
)

if TYPE_CHECKING:
    from answer_center.load import Document
    from answer_center.model import Entry
    from answer_center.render.context import PageContext


@dataclass(frozen=True)
class Variable:
    """A variable of the body: its name, what to put there, an example."""

    name: str
    meaning: str
    example: str


@dataclass(frozen=True)
class Template:
    """A template's own fields."""

    summary: str
    purpose: str
    variables: tuple[Variable, ...]
    body: str


def placeholder(name: str) -> str:
    """How a variable is written in the body."""
    return "{{" + name + "}}"


_PLACEHOLDER = re.compile(r"\{\{(.*?)\}\}")
_NAME = re.compile(r"\s*([a-z][a-z0-9_]*)\s*\Z")


def check(document: Document) -> list[Diagnostic]:
    """The body and the declared variables agree: every ``{{name}}`` of the body is
    declared, every declared variable is used, no name is declared twice."""
    data = document.data
    body, variables = data.get("body"), data.get("variables")
    if not isinstance(body, str) or not isinstance(variables, list):
        return []  # a schema error, reported there
    found: list[Diagnostic] = []
    declared: dict[str, int] = {}
    for index, variable in enumerate(variables):
        name = variable.get("name") if isinstance(variable, dict) else None
        if not isinstance(name, str):
            continue
        if name in declared:
            at = document.value_position(("variables", index, "name"))
            found.append(error(document.path, at.line, at.column, "template/duplicate", name=name))
        declared.setdefault(name, index)
    # Imported here: validation imports the kinds, so the kinds cannot import it first.
    from answer_center.validate.locate import TextLocator

    used: set[str] = set()
    locator: TextLocator | None = None
    for match in _PLACEHOLDER.finditer(body):
        name_match = _NAME.match(match.group(1))
        name = name_match.group(1) if name_match else None
        if name is not None and name in declared:
            used.add(name)
            continue
        locator = locator or TextLocator(document)
        line, column = locator.locate(("body",), body, match.start(), match.end())
        if name is None:
            found.append(
                error(document.path, line, column, "template/placeholder", text=match.group())
            )
        else:
            found.append(
                error(document.path, line, column, "template/undeclared-variable", name=name)
            )
    for name, index in declared.items():
        if name not in used:
            at = document.value_position(("variables", index, "name"))
            found.append(
                error(document.path, at.line, at.column, "template/unused-variable", name=name)
            )
    return found


def view(entry: Entry, page: PageContext) -> View:
    """Purpose, the variables table, then the body as a copyable block."""
    t = entry.fields
    assert isinstance(t, Template)
    w = page.w
    body: list[Block] = [
        Paragraph(text(t.summary), role="summary"),
        Heading(2, words(w("template.purpose")), "purpose"),
        Paragraph(text(t.purpose)),
        Heading(2, words(w("template.variables")), "variables"),
        Table(
            tuple(words(column) for column in w.list("template.variable_columns")),
            tuple(
                ((Code(placeholder(v.name)),), text(v.meaning), text(v.example))
                for v in t.variables
            ),
        ),
        Heading(2, words(w("template.body")), "body"),
        Paragraph(words(w("template.body_hint"))),
        CodeBlock("text", t.body),
    ]
    sections = (
        Section((page.byline(entry),), navigation=True),
        Section(tuple(body)),
        page.related(entry),
        page.tags(entry),
    )
    return View(text(entry.title), tuple(s for s in sections if s is not None))


KIND = Kind(
    name="template",
    section="text-templates",
    order=7,
    title_field="title",
    summary_field="summary",
    jsonld_type="TechArticle",
    fields=Template,
    view=view,
    check=check,
    topic_member=True,
    in_nav=True,
    hub=True,
    llms_section="kinds.template.many",
    references=(Reference(("related", "*", "id"), frozenset({ANY_KIND}), "related id"),),
    search_text=(("purpose",), ("variables", "*", "name")),
)
