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
from dataclasses import asdict, dataclass

from answer_center.content import Source
from answer_center.diagnostics import Diagnostic, warning
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


FINDINGS = {
    "report/review-due": "past next_review",
    "report/no-owner": "no owner (handoff.owner)",
    "report/no-reviewer": "no reviewer (review.reviewer)",
    "report/old-draft": "old drafts",
    "report/orphan": "orphan pages",
    "report/large-topic": "topics over the size limit",
}
"""Every finding the report makes, with the heading its group gets."""


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
                    f"the topic lists {len(members)} entries, over the limit of "
                    f"{limits.topic_members}; split it into narrower topics",
                    key=True,
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
        fix = "add it to a topic's members or link" if kind.topic_member else "link"
        found.append(
            _at(
                source.document,
                ("id",),
                "report/orphan",
                f"no topic lists this {kind.entry_noun} and no other page links to it; "
                f"{fix} it from a related page",
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
                f"a draft last updated {age} days ago ({data['updated']}), over "
                f"{limits.draft_days} days; publish it or delete the file",
            )
        return
    if status != "published":
        return  # a deprecated answer only points at its successor
    due = data.get("next_review")
    if isinstance(due, str) and dt.date.fromisoformat(due) < today:
        late = (today - dt.date.fromisoformat(due)).days
        yield _at(
            document,
            ("next_review",),
            "report/review-due",
            f"the review was due on {due}, {late} days ago; review the answer, then set "
            "review.reviewed to today and next_review to the next date",
        )
    if "handoff" not in data:
        yield _at(
            document,
            ("id",),
            "report/no-owner",
            "no handoff.owner: add a handoff section naming the team or role that follows "
            "the answer up",
        )
    if "review" not in data:
        yield _at(
            document,
            ("id",),
            "report/no-reviewer",
            "no review.reviewer: add a review section with the reviewer, the review date "
            "and the safety boundary",
        )


def _at(
    document: Document, where: Where, rule: str, message: str, *, key: bool = False
) -> Diagnostic:
    position = document.key_position(where) if key else document.value_position(where)
    return warning(document.path, position.line, position.column, rule, message)


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


def format_text(diagnostics: Sequence[Diagnostic], today: dt.date) -> str:
    """``path:line:col: warning [rule] message`` lines, then a count per finding."""
    lines = [
        f"{d.path}:{d.line}:{d.column}: {d.severity} [{d.rule}] {d.message}" for d in diagnostics
    ]
    lines.append(f"report of {today.isoformat()}: {_counts(diagnostics)}")
    return "\n".join(lines) + "\n"


def format_json(diagnostics: Sequence[Diagnostic], today: dt.date) -> str:
    """The findings and their counts as one JSON document, for tools."""
    document = {
        "today": today.isoformat(),
        "findings": [asdict(d) | {"severity": str(d.severity)} for d in diagnostics],
        "counts": {rule: sum(1 for d in diagnostics if d.rule == rule) for rule in FINDINGS},
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def format_markdown(diagnostics: Sequence[Diagnostic], today: dt.date) -> str:
    """A Markdown section per finding, for a pull request comment or a job summary."""
    lines = [f"## Editors' report of {today.isoformat()}", "", _counts(diagnostics)]
    for rule, heading in FINDINGS.items():
        group = [d for d in diagnostics if d.rule == rule]
        if not group:
            continue
        lines += ["", f"### {heading.capitalize()} ({len(group)})", ""]
        lines += [f"- `{d.path}:{d.line}` {_markdown_text(d.message)}" for d in group]
    return "\n".join(lines) + "\n"


def _markdown_text(text: str) -> str:
    """The message as Markdown text: characters that would start markup are escaped."""
    escaped = "".join(f"\\{c}" if c in "\\`*_[]<>#|" else c for c in text)
    return escaped.replace("\n", " ")


def _counts(diagnostics: Sequence[Diagnostic]) -> str:
    if not diagnostics:
        return "nothing needs attention"
    counted = (
        f"{heading}: {sum(1 for d in diagnostics if d.rule == rule)}"
        for rule, heading in FINDINGS.items()
        if any(d.rule == rule for d in diagnostics)
    )
    return ", ".join(counted)


FORMATS = {"text": format_text, "json": format_json, "markdown": format_markdown}
