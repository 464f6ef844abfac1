"""The editors' report: what needs an editor's attention in content that validates.

Validation says whether content can be published; the report says what to look after
next: answers past their review date, answers no one owns or reviewed, drafts left
lying, pages nothing leads to, topics grown too large. Each finding is a warning
diagnostic (``report/<finding>``) at the key it is about, so the report prints like
validation and an editor's cursor lands on the line to change. It reads the clock only
through ``today``, which the command passes in: the report is about the day it runs,
unlike the site, which never depends on it.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from answer_center.content import Source
from answer_center.diagnostic_words import DEFAULT_KEY, Param, catalog
from answer_center.diagnostics import Diagnostic, as_json, one_line_text, warning
from answer_center.kinds import ANSWER, SITE_SCHEMA
from answer_center.load import Document, Where
from answer_center.markup import spans
from answer_center.validate.references import _named_page
from answer_center.validate.schema import SchemaSet, markup_place


@dataclass(frozen=True)
class Limits:
    """When a draft counts as old and a topic as too large."""

    draft_days: int = 30
    topic_members: int = 30


FINDINGS = (
    "report/review-due",
    "report/no-owner",
    "report/no-reviewer",
    "report/old-draft",
    "report/orphan",
    "report/large-topic",
)
"""Every finding the report makes, in the order of its groups; each group's heading is
its rule's title in words/diagnostics.yaml."""


def findings(
    site: Document | None,
    sources: Sequence[Source],
    schemas: SchemaSet,
    today: dt.date,
    limits: Limits = Limits(),
) -> list[Diagnostic]:
    """Every finding of the report on schema-valid content, sorted."""
    found: list[Diagnostic] = []
    for source in sources:
        document, data = source.document, source.document.data
        if source.kind is ANSWER:
            found.extend(_answer(document, today, limits))
        members = data.get("members") if source.kind.groups else None
        if isinstance(members, list) and len(members) > limits.topic_members:
            found.append(
                _at(
                    document,
                    ("members",),
                    "report/large-topic",
                    key=True,
                    count=len(members),
                    limit=limits.topic_members,
                )
            )
    reached = _reached(site, sources, schemas)
    for source in sources:
        data = source.document.data
        # Topics are what the navigation lists; terms without a page of their own are
        # reached wherever a page uses them (their tooltips).
        kind = source.kind
        if kind.groups or not kind.own_page or data.get("status") == "draft":
            continue
        if data["id"] in reached:
            continue
        found.append(
            _at(
                source.document,
                ("id",),
                "report/orphan",
                "member" if kind.topic_member else DEFAULT_KEY,
                kind=kind.name,
            )
        )
    return sorted(found)


def _answer(document: Document, today: dt.date, limits: Limits) -> Iterator[Diagnostic]:
    data = document.data
    status = data.get("status")
    if status == "draft":
        age = (today - dt.date.fromisoformat(data["updated"])).days
        if age > limits.draft_days:
            yield _at(
                document,
                ("status",),
                "report/old-draft",
                age=age,
                updated=str(data["updated"]),
                limit=limits.draft_days,
            )
        return
    if status != "published":
        return  # a deprecated answer only points at its successor
    due = data.get("next_review")
    if isinstance(due, str) and dt.date.fromisoformat(due) < today:
        late = (today - dt.date.fromisoformat(due)).days
        yield _at(document, ("next_review",), "report/review-due", due=due, late=late)
    if "handoff" not in data:
        yield _at(document, ("id",), "report/no-owner")
    if "review" not in data:
        yield _at(document, ("id",), "report/no-reviewer")


def _at(
    document: Document,
    where: Where,
    rule: str,
    message: str = DEFAULT_KEY,
    /,
    *,
    key: bool = False,
    **params: Param,
) -> Diagnostic:
    position = document.key_position(where) if key else document.value_position(where)
    return warning(document.path, position.line, position.column, rule, message, **params)


def _reached(site: Document | None, sources: Sequence[Source], schemas: SchemaSet) -> set[str]:
    """Ids that a published page leads to: a topic's members, any declared reference of
    another entry, and site paths in the text of entries and of the home page.

    The navigation and the home page's lists reach every entry of some kinds; they do not
    count, or no page could ever be an orphan.
    """
    reached: set[str] = set()
    for source in sources:
        if source.document.data.get("status") == "draft":
            continue
        for reference in source.kind.references:
            reached.update(
                target
                for target in _values(source.document.data, reference.path)
                if isinstance(target, str) and target != source.document.data["id"]
            )
    linking = [(s.document, s.kind.schema_file, s.document.data["id"]) for s in sources]
    if site is not None:
        linking.append((site, SITE_SCHEMA, ""))
    for document, schema_file, own in linking:
        if document.data.get("status") == "draft":
            continue
        fields = schemas.markup_paths(schema_file)
        for where, text in document.strings():
            if "](/" not in text or markup_place(where) not in fields:
                continue
            for span in spans(text):
                named = _named_page(span.href) if span.kind == "link" else None
                if isinstance(named, tuple) and named[1] != own:
                    reached.add(named[1])
    return reached


def _values(data: object, path: Sequence[str]) -> Iterator[object]:
    if not path:
        yield data
    elif path[0] == "*" and isinstance(data, list):
        for item in data:
            yield from _values(item, path[1:])
    elif isinstance(data, dict) and path[0] in data:
        yield from _values(data[path[0]], path[1:])


def format_text(diagnostics: Sequence[Diagnostic], today: dt.date, language: str) -> str:
    """``path:line:col: warning [rule] message`` lines, then a count per finding."""
    lines = [
        f"{d.path}:{d.line}:{d.column}: {d.severity} [{d.rule}] {one_line_text(d, language)}"
        for d in diagnostics
    ]
    words = catalog()
    lines.append(
        words.sentence(
            "report", language, today=today.isoformat(), counts=_counts(diagnostics, language)
        )
    )
    return "\n".join(lines) + "\n"


def format_json(diagnostics: Sequence[Diagnostic], today: dt.date, language: str) -> str:
    """The findings and their counts as one JSON document, for tools."""
    document = {
        "today": today.isoformat(),
        "language": language,
        "findings": [as_json(d, language) for d in diagnostics],
        "counts": {rule: sum(1 for d in diagnostics if d.rule == rule) for rule in FINDINGS},
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def format_markdown(diagnostics: Sequence[Diagnostic], today: dt.date, language: str) -> str:
    """A Markdown section per finding, for a pull request comment or a job summary."""
    words = catalog()
    title = words.sentence("report_title", language, today=today.isoformat())
    lines = [f"## {title}", "", _counts(diagnostics, language)]
    for rule in FINDINGS:
        group = [d for d in diagnostics if d.rule == rule]
        if not group:
            continue
        lines += ["", f"### {_heading(rule, language).capitalize()} ({len(group)})", ""]
        lines += [
            f"- `{d.path}:{d.line}` {_markdown_text(one_line_text(d, language))}" for d in group
        ]
    return "\n".join(lines) + "\n"


def _heading(rule: str, language: str) -> str:
    return catalog().title(rule, language)


def _markdown_text(text: str) -> str:
    """The message as Markdown text: characters that would start markup are escaped."""
    escaped = "".join(f"\\{c}" if c in "\\`*_[]<>#|" else c for c in text)
    return escaped.replace("\n", " ")


def _counts(diagnostics: Sequence[Diagnostic], language: str) -> str:
    words = catalog()
    if not diagnostics:
        return words.sentence("report_none", language)
    counted = (
        words.sentence(
            "report_count",
            language,
            finding=_heading(rule, language),
            count=sum(1 for d in diagnostics if d.rule == rule),
        )
        for rule in FINDINGS
        if any(d.rule == rule for d in diagnostics)
    )
    return str(words.value("counts", tuple(counted), language))


FORMATS = {"text": format_text, "json": format_json, "markdown": format_markdown}
