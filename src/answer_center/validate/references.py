"""Cross-file rules: ids, references between entries, topic membership, dates and status."""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from answer_center.content import Source
from answer_center.diagnostics import Diagnostic, error, warning
from answer_center.kinds import ANSWER, GLOSSARY, HOME_ID, RESERVED_IDS, TOPIC, Kind
from answer_center.load import Document, Where

_MEMBER_KINDS = frozenset({"answer", "checklist", "guide", "example"})


@dataclass(frozen=True)
class _Entry:
    kind: Kind
    document: Document

    @property
    def id(self) -> str:
        return str(self.document.data["id"])

    def get(self, key: str) -> Any:
        return self.document.data.get(key)


class _Checker:
    def __init__(self, site: Document | None, valid: Sequence[Source], every_id: set[str]) -> None:
        self.site = site
        self.entries = [_Entry(s.kind, s.document) for s in valid]
        self.by_id: dict[str, _Entry] = {}
        self.every_id = every_id
        self.found: list[Diagnostic] = []

    def report(self, document: Document, where: Where, rule: str, message: str) -> None:
        at = document.value_position(where)
        self.found.append(error(document.path, at.line, at.column, rule, message))

    def warn(self, document: Document, where: Where, rule: str, message: str) -> None:
        at = document.value_position(where)
        self.found.append(warning(document.path, at.line, at.column, rule, message))

    def run(self) -> list[Diagnostic]:
        self.check_ids()
        for entry in self.entries:
            if entry.id in RESERVED_IDS:
                continue  # reported once as reserved; every other check would only echo it
            self.check_location(entry)
            self.check_dates(entry)
            self.check_links(entry)
            if entry.kind is ANSWER:
                self.check_answer(entry)
            if entry.kind is TOPIC:
                self.check_topic(entry)
        self.check_redirects()
        self.check_crawlers()
        self.check_something_published()
        return self.found

    def check_something_published(self) -> None:
        # The build dates the site by its newest published entry (builds are reproducible);
        # with none there is no page to publish and no date to give the site.
        if self.site is None or self.every_id:
            return  # no site, or entries that are broken: their own errors come first
        if any(entry.get("status") != "draft" for entry in self.entries):
            return
        self.report(
            self.site,
            (),
            "content/nothing-published",
            "there is no published entry, so there is no page to build; add an answer at "
            "content/answers/<topic>/<id>.yaml and its topic at content/topics/<topic>.yaml, "
            "or publish a draft",
        )

    def check_ids(self) -> None:
        seen_files: dict[str, Document] = {}
        for entry in self.entries:
            doc = entry.document
            stem = doc.stem
            other_doc = seen_files.get(stem.casefold())
            # Equal names are a duplicate id or a file-name mismatch, reported below.
            if other_doc is not None and other_doc.stem != stem:
                other = other_doc.path
                self.report(
                    doc,
                    ("id",),
                    "id/case-collision",
                    f"file name '{stem}.yaml' differs from {other} only by case; "
                    "such files collide on case-insensitive disks: rename one",
                )
            seen_files[stem.casefold()] = doc
            if entry.id in RESERVED_IDS:
                self.report(
                    doc,
                    ("id",),
                    "id/reserved",
                    f"'{entry.id}' {RESERVED_IDS[entry.id]}; choose another id",
                )
                continue
            if entry.id in self.by_id:
                first = self.by_id[entry.id].document
                line = first.value_position(("id",)).line
                self.report(
                    doc,
                    ("id",),
                    "id/duplicate",
                    f"id '{entry.id}' is already used by {first.path}:{line}; "
                    "ids are unique across all entries: choose another",
                )
                continue
            self.by_id[entry.id] = entry
            if stem != entry.id:
                self.report(
                    doc,
                    ("id",),
                    "id/file-name",
                    f"id '{entry.id}' does not match the file name '{stem}.yaml'; "
                    f"rename the file to {entry.id}.yaml",
                )

    def is_topic(self, target: Any) -> bool:
        found = self.by_id.get(target)
        return found is not None and found.kind is TOPIC

    def check_location(self, entry: _Entry) -> None:
        if entry.kind is not ANSWER:
            return
        folder = entry.document.folder
        topic = entry.get("topic")
        # A topic that is not a topic is reported by check_answer; moving the file there
        # would be wrong advice.
        if folder != topic and self.is_topic(topic):
            self.report(
                entry.document,
                ("topic",),
                "answer/folder",
                f"the file is in answers/{folder}/ but its topic is '{topic}'; "
                f"move it to answers/{topic}/ (its URL stays the same)",
            )

    def check_dates(self, entry: _Entry) -> None:
        doc = entry.document
        dates: dict[str, dt.date] = {}
        for where in (("published",), ("updated",), ("next_review",), ("review", "reviewed")):
            value = _lookup(doc.data, where)
            if value is None:
                continue
            try:
                dates[".".join(map(str, where))] = dt.date.fromisoformat(str(value))
            except ValueError:
                self.report(
                    doc,
                    where,
                    "date/invalid",
                    f"'{value}' is not a real calendar date; check the month and day",
                )
        published, updated = dates.get("published"), dates.get("updated")
        if published and updated and updated < published:
            self.report(
                doc,
                ("updated",),
                "date/order",
                f"updated {updated} is before published {published}; fix one of the dates",
            )
        next_review = dates.get("next_review")
        if updated and next_review and next_review < updated:
            self.report(
                doc,
                ("next_review",),
                "date/order",
                f"next_review {next_review} is before updated {updated}; set a later review date",
            )

    def resolve(
        self, doc: Document, where: Where, target: str, allowed: frozenset[str], role: str
    ) -> _Entry | None:
        found = self.by_id.get(target)
        if found is None:
            if target == HOME_ID:
                if "home" not in allowed:
                    self.report(
                        doc,
                        where,
                        "ref/kind",
                        f"{role} '{target}' is the answer center home page; "
                        f"it must be {_kinds(allowed)}",
                    )
                return None
            if target not in self.every_id:
                self.report(
                    doc,
                    where,
                    "ref/unresolved",
                    f"{role} '{target}' is not the id of any entry{self.suggest(target)}",
                )
            return None
        if found.kind.name not in allowed:
            self.report(
                doc,
                where,
                "ref/kind",
                f"{role} '{target}' is {_article(found.kind.entry_noun)}; "
                f"it must be {_kinds(allowed)}",
            )
            return None
        return found

    def suggest(self, target: str) -> str:
        close = difflib.get_close_matches(target, [*self.by_id, HOME_ID], n=1, cutoff=0.7)
        if close and close[0] == target:  # pragma: no cover - resolved ids never get here
            return ""
        return f"; did you mean '{close[0]}'?" if close else ""

    def check_links(self, entry: _Entry) -> None:
        doc = entry.document
        any_kind = frozenset(
            {"answer", "topic", "checklist", "guide", "example", "glossary", "home"}
        )
        listed = "related" if entry.kind is not GLOSSARY else "see_also"
        for index, item in enumerate(entry.get(listed) or []):
            where: Where = (listed, index, "id") if listed == "related" else (listed, index)
            target = item["id"] if listed == "related" else item
            if target == entry.id:
                self.report(
                    doc, where, "ref/self", "an entry does not link to itself; remove this link"
                )
                continue
            linked = self.resolve(doc, where, target, any_kind, "related id")
            if linked and linked.get("status") == "draft" and entry.get("status") != "draft":
                self.report(
                    doc,
                    where,
                    "ref/draft",
                    f"'{target}' is a draft and not published; the link would be dead: "
                    "remove it until the draft is published",
                )

    def check_answer(self, entry: _Entry) -> None:
        doc = entry.document
        topic = self.resolve(doc, ("topic",), entry.get("topic"), frozenset({"topic"}), "topic")
        if topic and entry.id not in (topic.get("members") or []):
            self.report(
                doc,
                ("topic",),
                "topic/not-member",
                f"topic '{topic.id}' does not list '{entry.id}' in its members; "
                f"add it to {topic.document.path}",
            )
        status = entry.get("status")
        successor = entry.get("superseded_by")
        if successor is None:
            if status == "deprecated":
                self.warn(
                    doc,
                    ("status",),
                    "status/no-successor",
                    "a deprecated answer should name its replacement in superseded_by",
                )
            return
        if status != "deprecated":
            self.report(
                doc,
                ("superseded_by",),
                "status/superseded",
                "superseded_by is only for deprecated answers; set status: deprecated",
            )
        if successor == entry.id:
            self.report(
                doc,
                ("superseded_by",),
                "status/superseded",
                "an answer cannot supersede itself; name the answer that replaces it",
            )
            return
        target = self.resolve(
            doc, ("superseded_by",), successor, frozenset({"answer"}), "superseded_by"
        )
        if target and target.get("status") != "published":
            self.report(
                doc,
                ("superseded_by",),
                "status/superseded",
                f"superseded_by '{successor}' is {target.get('status')}; "
                "it must point to a published answer",
            )

    def check_topic(self, entry: _Entry) -> None:
        doc = entry.document
        for index, member_id in enumerate(entry.get("members") or []):
            member = self.resolve(doc, ("members", index), member_id, _MEMBER_KINDS, "member")
            if (
                member
                and member.kind is ANSWER
                and member.get("topic") != entry.id
                and self.is_topic(member.get("topic"))  # else the answer's own error says it
            ):
                self.report(
                    doc,
                    ("members", index),
                    "topic/member-mismatch",
                    f"answer '{member_id}' belongs to topic '{member.get('topic')}'; "
                    "list it only in its own topic",
                )

    def check_redirects(self) -> None:
        if self.site is None:
            return
        redirects = self.site.data.get("redirects") or []
        sources: dict[str, int] = {}
        for index, redirect in enumerate(redirects):
            sources.setdefault(redirect["from"], index)  # the first one wins; later ones repeat
        for index, redirect in enumerate(redirects):
            old, new, kind = redirect["from"], redirect["to"], redirect["kind"]
            if sources.get(old) != index:
                self.report(
                    self.site,
                    ("redirects", index, "from"),
                    "redirect/duplicate",
                    f"'{old}' already has a redirect; keep one of them",
                )
            if old in RESERVED_IDS:
                self.report(
                    self.site,
                    ("redirects", index, "from"),
                    "id/reserved",
                    f"'{old}' is a reserved id ({RESERVED_IDS[old]}), so it has no old page to "
                    "redirect from; remove this redirect",
                )
            elif old in self.by_id:
                self.report(
                    self.site,
                    ("redirects", index, "from"),
                    "redirect/shadows",
                    f"'{old}' is the id of a live entry; a redirect cannot replace it: "
                    "remove the redirect or the entry",
                )
            if new in sources:
                self.report(
                    self.site,
                    ("redirects", index, "to"),
                    "redirect/chain",
                    f"'{new}' is itself redirected; point straight to the final id",
                )
                continue
            target = self.resolve(
                self.site, ("redirects", index, "to"), new, frozenset({kind}), "redirect target"
            )
            if target and target.get("status") == "draft":
                self.report(
                    self.site,
                    ("redirects", index, "to"),
                    "redirect/draft",
                    f"'{new}' is a draft and not published, so the old URL would lead nowhere: "
                    "point the redirect at a published entry, or add it when the draft is "
                    "published",
                )

    def check_crawlers(self) -> None:
        # robots.txt matches user-agent names regardless of case (RFC 9309), so two spellings
        # of one name are two competing policies for the same crawler.
        if self.site is None:
            return
        agents = (self.site.data.get("crawlers") or {}).get("agents") or {}
        first: dict[str, str] = {}
        for name in agents:
            other = first.setdefault(name.casefold(), name)
            if other == name:
                continue
            line = self.site.key_position(("crawlers", "agents", other)).line
            at = self.site.key_position(("crawlers", "agents", name))
            self.found.append(
                error(
                    self.site.path,
                    at.line,
                    at.column,
                    "crawler/duplicate",
                    f"crawler '{name}' is already listed as '{other}' on line {line}; "
                    "robots.txt matches names regardless of case: keep one of them",
                )
            )


def _article(noun: str) -> str:
    return f"an {noun}" if noun[0] in "aeiou" else f"a {noun}"


def _kinds(allowed: frozenset[str]) -> str:
    """``an answer``, ``an answer or a guide``, ``one of: answer, checklist, guide``."""
    names = sorted(allowed - {"home"})
    if len(names) == 1:
        return _article(names[0])
    if len(names) == 2:
        return f"{_article(names[0])} or {_article(names[1])}"
    return "one of: " + ", ".join(names)


def _lookup(data: Any, where: Where) -> Any:
    for part in where:
        if not isinstance(data, dict):
            return None
        data = data.get(part)
    return data


def check_references(
    site: Document | None, valid: Sequence[Source], broken: Sequence[str]
) -> list[Diagnostic]:
    """Cross-file diagnostics for schema-valid entries.

    ``broken`` holds the ids (file names) of entries that failed to load or failed their
    schema: they still count as existing, so one broken file does not cascade into
    "unresolved" errors in every file that links to it.
    """
    every_id = set(broken)
    return _Checker(site, valid, every_id).run()
