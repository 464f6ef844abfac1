"""Use cases: a scenario, who it is for, its parameters and steps
(``content/use-cases/<id>.yaml``)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from answer_center.kinds.kind import ANY_KIND, Kind, Reference
from answer_center.view import (
    Block,
    Heading,
    Items,
    Paragraph,
    Section,
    Table,
    View,
    Words,
    text,
    words,
)

if TYPE_CHECKING:
    from answer_center.model import Entry
    from answer_center.render.context import PageContext


@dataclass(frozen=True)
class Parameter:
    """One parameter of the scenario: a row of its table."""

    name: str
    purpose: str
    example: str
    risk: str


@dataclass(frozen=True)
class UseCase:
    """A use case's own fields."""

    summary: str
    scenario: str
    audience: tuple[str, ...]
    parameters: tuple[Parameter, ...]
    steps: tuple[str, ...]
    evidence: tuple[str, ...]
    answers: tuple[str, ...] = ()


def view(entry: Entry, page: PageContext) -> View:
    """Scenario, audience, the parameter table, steps, evidence, then related answers."""
    u = entry.fields
    assert isinstance(u, UseCase)
    w = page.w
    body: list[Block] = [
        Paragraph(text(u.summary), role="summary"),
        Heading(2, words(w("use-case.scenario")), "scenario"),
        Paragraph(text(u.scenario)),
        Heading(2, words(w("use-case.audience")), "audience"),
        Items(tuple(text(line) for line in u.audience)),
        Heading(2, words(w("use-case.parameters")), "parameters"),
        Table(
            tuple(words(column) for column in w.list("use-case.parameter_columns")),
            tuple(
                (text(p.name), text(p.purpose), text(p.example), text(p.risk)) for p in u.parameters
            ),
        ),
        Heading(2, words(w("use-case.steps")), "steps"),
        Items(tuple(text(step) for step in u.steps), ordered=True),
        Heading(2, words(w("use-case.evidence")), "evidence"),
        Items(tuple(text(item) for item in u.evidence)),
    ]
    answers = [page.catalog.by_id[i] for i in u.answers if i in page.catalog.by_id]
    linked = None
    if answers:
        items = tuple((page.link(a), Words(":"), Words(page.teaser(a))) for a in answers)
        heading = Heading(2, words(w("use-case.related_answers")), "answers")
        linked = Section((heading, Items(items)), navigation=True)
    sections = (
        Section((page.byline(entry),), navigation=True),
        Section(tuple(body)),
        linked,
        page.related(entry),
        page.tags(entry),
    )
    return View(text(entry.title), tuple(s for s in sections if s is not None))


KIND = Kind(
    name="use-case",
    section="use-cases",
    order=5,
    title_field="title",
    summary_field="summary",
    jsonld_type="Article",
    fields=UseCase,
    view=view,
    topic_member=True,
    in_nav=True,
    hub=True,
    llms_section="kinds.use-case.many",
    references=(
        Reference(("answers", "*"), frozenset({"answer"}), "answer"),
        Reference(("related", "*", "id"), frozenset({ANY_KIND}), "related id"),
    ),
    search_text=(("scenario",), ("audience", "*"), ("parameters", "*", "name")),
)
