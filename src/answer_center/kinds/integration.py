"""Integrations: configuring one client or SDK for the gateway
(``content/integrations/<id>.yaml``)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from answer_center.kinds.kind import ANY_KIND, Kind, Reference
from answer_center.view import (
    Block,
    Code,
    Heading,
    Items,
    Paragraph,
    Section,
    View,
    Words,
    text,
    words,
)

if TYPE_CHECKING:
    from answer_center.model import Entry
    from answer_center.render.context import PageContext


@dataclass(frozen=True)
class Step:
    """One configuration step and the setting it changes."""

    text: str
    setting: str
    value: str


@dataclass(frozen=True)
class CommonError:
    """A common error, its fix and the answer that explains it."""

    error: str
    fix: str
    answer: str | None = None


@dataclass(frozen=True)
class Integration:
    """An integration's own fields."""

    summary: str
    client: str
    prerequisites: tuple[str, ...]
    steps: tuple[Step, ...]
    verify: tuple[str, ...]
    errors: tuple[CommonError, ...] = ()


def view(entry: Entry, page: PageContext) -> View:
    """Client, prerequisites, numbered steps with their settings, verification, errors."""
    i = entry.fields
    assert isinstance(i, Integration)
    w = page.w
    steps = tuple(
        (
            *text(step.text),
            Words(" "),
            *w.inline("integration.setting", name=(Code(step.setting),), value=text(step.value)),
        )
        for step in i.steps
    )
    body: list[Block] = [
        Paragraph(text(i.summary), role="summary"),
        Paragraph(w.inline("page.label", label=w("integration.client"), text=text(i.client))),
        Heading(2, words(w("integration.prerequisites")), "prerequisites"),
        Items(tuple(text(line) for line in i.prerequisites)),
        Heading(2, words(w("integration.steps")), "steps"),
        Items(steps, ordered=True),
        Heading(2, words(w("integration.verify")), "verify"),
        Items(tuple(text(line) for line in i.verify)),
    ]
    if i.errors:
        items = []
        for error in i.errors:
            line = w.inline("integration.error_item", error=text(error.error), fix=text(error.fix))
            target = page.catalog.by_id.get(error.answer) if error.answer else None
            if target is not None:
                see = w.inline("integration.error_answer", link=(page.link(target),))
                line = (*line, Words(" "), *see)
            items.append(line)
        body += [Heading(2, words(w("integration.errors")), "errors"), Items(tuple(items))]
    sections = (
        Section((page.byline(entry),), navigation=True),
        Section(tuple(body)),
        page.related(entry),
        page.tags(entry),
    )
    return View(text(entry.title), tuple(s for s in sections if s is not None))


KIND = Kind(
    name="integration",
    section="integrations",
    order=6,
    title_field="title",
    summary_field="summary",
    jsonld_type="TechArticle",
    fields=Integration,
    view=view,
    topic_member=True,
    in_nav=True,
    hub=True,
    llms_section="kinds.integration.many",
    references=(
        Reference(("errors", "*", "answer"), frozenset({"answer"}), "answer"),
        Reference(("related", "*", "id"), frozenset({ANY_KIND}), "related id"),
    ),
    search_text=(("client",), ("steps", "*", "text"), ("errors", "*", "error")),
)
