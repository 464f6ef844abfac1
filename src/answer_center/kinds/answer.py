"""Answers: one short, citable answer to one question (``content/answers/<topic>/<id>.yaml``).

The page follows the published seed page: the direct answer, the judgement basis and its
boundaries, next steps, the evidence to collect, an English summary for search systems,
follow-up questions, related pages, the handoff note, the review, and more answers like it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from answer_center.claims import ClaimField
from answer_center.kinds.kind import ANY_KIND, Kind, Reference
from answer_center.provenance import provenance
from answer_center.view import (
    Block,
    CodeBlock,
    Field,
    Heading,
    Inline,
    Items,
    Language,
    Notice,
    Paragraph,
    Question,
    Section,
    Strong,
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
class Case:
    """One case of the problem."""

    name: str
    description: str


@dataclass(frozen=True)
class EvidenceField:
    """A non-sensitive field to collect before contacting support."""

    field: str
    note: str | None = None


@dataclass(frozen=True)
class AiSummary:
    """The summary in English for search systems and answer engines."""

    lang: str
    text: tuple[str, ...]


@dataclass(frozen=True)
class FollowUp:
    """A follow-up question and its answer."""

    question: str
    answer: str


@dataclass(frozen=True)
class Handoff:
    """What a team records when it applies the answer."""

    owner: str
    environment: str
    capability: str
    last_known_good: str
    symptom: str
    evidence: str
    next_review: str


@dataclass(frozen=True)
class Review:
    """The editorial review and the page's safety boundary."""

    reviewed: dt.date
    reviewer: str
    safety_boundary: tuple[str, ...]


@dataclass(frozen=True)
class CodeSample:
    """A short code sample shown as a copyable block."""

    language: str
    code: str


@dataclass(frozen=True)
class SmallTable:
    """A small table: column names and rows of cells."""

    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class Answer:
    """An answer's own fields (the keys every kind has are on the Entry)."""

    original_question: str
    summary: str
    short_answer: str
    basis: tuple[str, ...]
    boundaries: tuple[str, ...]
    next_steps: tuple[str, ...]
    evidence_fields: tuple[EvidenceField, ...]
    ai_summary: AiSummary
    topic: str
    cases: tuple[Case, ...] = ()
    follow_ups: tuple[FollowUp, ...] = ()
    code: CodeSample | None = None
    table: SmallTable | None = None
    handoff: Handoff | None = None
    review: Review | None = None
    next_review: dt.date | None = None
    valid_until: dt.date | None = None
    superseded_by: str | None = None


HANDOFF_ORDER = (
    "owner",
    "environment",
    "capability",
    "last_known_good",
    "symptom",
    "evidence",
    "next_review",
)

LEXERS = {"python": "python", "javascript": "javascript", "bash": "bash", "json": "json"}
"""Languages a code sample may be written in, and the highlighter each uses."""


def _labelled(label: str, value: Field | Words) -> tuple[Strong, Words, Field | Words]:
    return (Strong(Words(label)), Words(":"), value)


def view(entry: Entry, page: PageContext) -> View:
    """The answer page, section by section in the seed page's order."""
    a = entry.fields
    assert isinstance(a, Answer)
    w = page.w
    top: list[Block] = [page.byline(entry)]
    crumb = page.breadcrumb(entry)
    if crumb is not None:
        top.insert(0, crumb)
    direct: list[Block] = []
    successor = page.catalog.successor(entry) if entry.deprecated else None
    if successor is not None:
        body = w.inline("answer.deprecated_body", link=(page.link(successor),))
        direct.append(Notice("warning", w("answer.deprecated"), body))
    record = provenance(page.catalog, entry)
    if record is not None and record.expired:
        assert record.valid_until is not None and record.as_of is not None
        body = w.inline(
            "answer.expired_body",
            valid_until=page.date(record.valid_until),
            as_of=page.date(record.as_of),
        )
        direct.append(Notice("warning", w("answer.expired"), body, "expired"))
    direct += [
        Paragraph(text(a.summary), role="summary"),
        Heading(2, words(w("answer.direct_answer")), "direct-answer"),
        Paragraph(_labelled(w("answer.original_question"), Field(a.original_question))),
        Notice(
            "tip",
            w("answer.short_answer"),
            text(a.short_answer),
            "short-answer",
            _claim_ids(entry, "answer")[0],
        ),
    ]
    if a.cases:
        direct += [
            Heading(3, words(w("answer.cases")), "cases"),
            Items(
                tuple((Strong(Field(c.name)), Words(":"), Field(c.description)) for c in a.cases)
            ),
        ]
    basis: list[Block] = [
        Heading(2, words(w("answer.basis_and_boundaries")), "basis-and-boundaries"),
        Heading(3, words(w("answer.basis")), "basis"),
        Items(tuple(text(item) for item in a.basis), anchors=_claim_ids(entry, "basis")),
        Heading(3, words(w("answer.boundaries")), "boundaries"),
        Items(tuple(text(item) for item in a.boundaries), anchors=_claim_ids(entry, "boundary")),
    ]
    if a.table is not None:
        basis += [
            Heading(3, words(w("answer.table")), "table"),
            Table(
                tuple(text(column) for column in a.table.columns),
                tuple(tuple(text(cell) for cell in row) for row in a.table.rows),
            ),
        ]
    steps: list[Block] = [
        Heading(2, words(w("answer.next_steps")), "next-steps"),
        Items(
            tuple(text(step) for step in a.next_steps),
            ordered=True,
            anchors=_claim_ids(entry, "step"),
        ),
    ]
    if a.code is not None:
        steps += [
            Heading(3, words(w("answer.code")), "code"),
            CodeBlock(LEXERS[a.code.language], a.code.code),
        ]
    steps += [
        Heading(3, words(w("answer.evidence_fields")), "evidence-fields"),
        Items(tuple(_evidence(f) for f in a.evidence_fields)),
    ]
    summary: list[Block] = [
        Heading(2, words(w("answer.ai_summary")), "ai-summary"),
        Language(
            a.ai_summary.lang,
            tuple(Paragraph(text(t)) for t in a.ai_summary.text),
            role="ai-summary",
        ),
    ]
    follow_ups: list[Block] = []
    if a.follow_ups:
        follow_ups.append(Heading(2, words(w("answer.follow_ups")), "follow-ups"))
        follow_ups += [Question(text(f.question), text(f.answer)) for f in a.follow_ups]
    handoff: list[Block] = []
    if a.handoff is not None:
        labels = w.table("answer.handoff_fields")
        handoff = [
            Heading(2, words(w("answer.handoff")), "handoff"),
            Paragraph(words(w("answer.handoff_intro"))),
            Items(
                tuple(
                    _labelled(str(labels[key]), Field(getattr(a.handoff, key)))
                    for key in HANDOFF_ORDER
                )
            ),
        ]
    sections = [
        Section(tuple(top), navigation=True),
        Section(tuple(direct)),
        Section(tuple(basis)),
        Section(tuple(steps)),
        Section(tuple(summary)),
        Section(tuple(follow_ups)),
        page.related(entry),
        Section(tuple(handoff)),
        _review(a, page),
        _more_like_this(entry, page),
        page.tags(entry),
    ]
    return View(text(entry.title), tuple(s for s in sections if s is not None and s.blocks))


def _claim_ids(entry: Entry, field: str) -> tuple[str, ...]:
    return tuple(claim.id for claim in entry.claims if claim.field == field)


def _evidence(field: EvidenceField) -> tuple[Strong, ...] | tuple[Strong, Words, Field]:
    if field.note is None:
        return (Strong(Field(field.field)),)
    return (Strong(Field(field.field)), Words(":"), Field(field.note))


def _review(a: Answer, page: PageContext) -> Section | None:
    w = page.w
    items: list[Inline] = []
    if a.review is not None:
        items += [
            _labelled(w("answer.reviewed"), Words(page.date(a.review.reviewed))),
            _labelled(w("answer.reviewer"), Field(a.review.reviewer)),
        ]
    if a.next_review is not None:
        items.append(_labelled(w("answer.next_review"), Words(page.date(a.next_review))))
    if a.valid_until is not None:
        items.append(_labelled(w("answer.valid_until"), Words(page.date(a.valid_until))))
    if a.review is not None:
        items += [text(item) for item in a.review.safety_boundary]
    if not items:
        return None
    return Section((Heading(2, words(w("answer.review")), "review"), Items(tuple(items))))


def _more_like_this(entry: Entry, page: PageContext) -> Section | None:
    similar = page.catalog.similar.get(entry.id, ())
    if not similar:
        return None
    items = tuple((page.link(other), Words(":"), Words(page.teaser(other))) for other in similar)
    heading = Heading(2, words(page.w("answer.more_like_this")), "more-like-this")
    return Section((heading, Items(items)), navigation=True)


KIND = Kind(
    name="answer",
    section="answers",
    order=0,
    title_field="title",
    summary_field="summary",
    jsonld_type="Article",
    fields=Answer,
    view=view,
    nested=True,
    topic_member=True,
    references=(
        Reference(("topic",), frozenset({"topic"}), "topic"),
        Reference(("superseded_by",), frozenset({"answer"}), "superseded_by"),
        Reference(("related", "*", "id"), frozenset({ANY_KIND}), "related id"),
    ),
    search_text=(
        ("short_answer",),
        ("cases", "*", "name"),
        ("follow_ups", "*", "question"),
        ("ai_summary", "text", "0"),
    ),
    # Answers are what a reader's question should land on; the guides, checklists and
    # examples that cover the same words in a broader way come after them.
    search_weight=2.0,
    # Two answers to one question split its readers and its citations between them.
    distinct=("original_question",),
    claims=(
        ClaimField("short_answer", "answer"),
        ClaimField("basis", "basis"),
        ClaimField("boundaries", "boundary"),
        ClaimField("next_steps", "step"),
    ),
)
