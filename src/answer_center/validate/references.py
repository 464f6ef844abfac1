"""Cross-file rules: ids, references between entries, topic membership, dates and status.

Site paths in text fields (``[text](/answers/<id>/)``) are references too: a path into an
entry section (``/answers/``, ``/topics/``, ``/checklists/``, ``/guides/``, ``/examples/``,
``/glossary/``, and the API's ``/api/v1/<section>/``) must name a published entry of that
section, in one of the spellings the site serves. Other site paths (the home page,
``/tags/``, ``/machine-readable/``, ``/llms.txt``, the feeds) are not entry pages and are
not checked here; a fragment is checked only on the glossary page, where it names a term.
"""

from __future__ import annotations

import datetime as dt
import difflib
import unicodedata
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from typing import Any

from answer_center import urls
from answer_center.content import Source
from answer_center.dates import content_date, is_past
from answer_center.diagnostic_words import DEFAULT_KEY, Param
from answer_center.diagnostics import Diagnostic, error, warning
from answer_center.kinds import (
    ANSWER,
    ANY_KIND,
    ENTRY_KINDS,
    HOME_ID,
    KINDS_BY_SECTION,
    RESERVED_IDS,
    SITE_SCHEMA,
    Kind,
    Reference,
    reference_kinds,
)
from answer_center.load import Document, Where
from answer_center.markup import decoded_target, spans, to_plain
from answer_center.output_formats import OUTPUT_FORMATS
from answer_center.render.llms import OPTIONAL_SECTION
from answer_center.validate.locate import TextLocator
from answer_center.validate.schema import markup_place
from answer_center.words import vocabulary

_UNCHECKED_DRAFTS = frozenset({("members", "*"), ("topic",), ("superseded_by",)})
"""References that may name a draft: a topic lists its drafts (they appear once
published), an answer in a draft topic waits with it; superseded_by has its own rule."""
_SHOWN = 60
_PAGE_FILES = ("", "index.html", "index.md")
"""What may follow ``/<section>/<id>/``: the page's folder, its HTML file, its mirror."""


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
    def __init__(
        self,
        site: Document | None,
        valid: Sequence[Source],
        every_id: set[str],
        text_fields: Callable[[str], Collection[Where]],
    ) -> None:
        self.text_fields = text_fields
        self.site = site
        self.entries = [_Entry(s.kind, s.document) for s in valid]
        self.by_id: dict[str, _Entry] = {}
        self.every_id = every_id
        self.found: list[Diagnostic] = []
        self.validities: list[tuple[_Entry, dt.date]] = []

    def report(
        self,
        document: Document,
        where: Where,
        rule: str,
        key: str = DEFAULT_KEY,
        /,
        **params: Param,
    ) -> None:
        at = document.value_position(where)
        self.found.append(error(document.path, at.line, at.column, rule, key, **params))

    def warn(
        self,
        document: Document,
        where: Where,
        rule: str,
        key: str = DEFAULT_KEY,
        /,
        **params: Param,
    ) -> None:
        at = document.value_position(where)
        self.found.append(warning(document.path, at.line, at.column, rule, key, **params))

    def run(self) -> list[Diagnostic]:
        self.check_ids()
        self.check_distinct()
        for entry in self.entries:
            if entry.id in RESERVED_IDS:
                continue  # reported once as reserved; every other check would only echo it
            self.check_location(entry)
            self.check_dates(entry)
            for reference in entry.kind.references:
                self.check_reference(entry, reference)
            if entry.kind is ANSWER:
                self.check_answer(entry)
            if entry.kind.groups:
                self.check_topic(entry)
            self.check_site_paths(
                entry.document, entry.kind.schema_file, drafted=entry.get("status") == "draft"
            )
        if self.site is not None:
            self.check_site_paths(self.site, SITE_SCHEMA, drafted=False)
        self.check_expired()
        self.check_redirects()
        self.check_indexnow_key()
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
        self.report(self.site, (), "content/nothing-published")

    def check_ids(self) -> None:
        seen_files: dict[str, Document] = {}
        for entry in self.entries:
            doc = entry.document
            stem = doc.stem
            other_doc = seen_files.get(stem.casefold())
            # Equal names are a duplicate id or a file-name mismatch, reported below.
            if other_doc is not None and other_doc.stem != stem:
                other = other_doc.path
                self.report(doc, ("id",), "id/case-collision", file=f"{stem}.yaml", other=other)
            seen_files[stem.casefold()] = doc
            if entry.id in RESERVED_IDS:
                self.report(
                    doc, ("id",), "id/reserved", id=entry.id, reserved=RESERVED_IDS[entry.id]
                )
                continue
            if entry.id in self.by_id:
                first = self.by_id[entry.id].document
                line = first.value_position(("id",)).line
                self.report(
                    doc, ("id",), "id/duplicate", "entry", id=entry.id, path=first.path, line=line
                )
                continue
            self.by_id[entry.id] = entry
            if stem != entry.id:
                self.report(doc, ("id",), "id/file-name", id=entry.id, file=f"{stem}.yaml")

    def check_distinct(self) -> None:
        """Two current entries of a kind never share a title (or an answer's question).

        Drafts and deprecated entries are left out: a draft may be the rewrite of a
        published entry, which is deprecated once the rewrite is published. So is an entry
        whose id is taken (a copy, most often): its id's error says it all.
        """
        first: dict[tuple[str, str, str], _Entry] = {}
        for entry in self.entries:
            if (
                entry.get("status") in ("draft", "deprecated")
                or self.by_id.get(entry.id) is not entry
            ):
                continue
            for field in entry.kind.distinct_fields:
                value = entry.get(field)
                if not isinstance(value, str):
                    continue
                key = (entry.kind.name, field, _compared(value))
                other = first.setdefault(key, entry)
                if other is entry:
                    continue
                line = other.document.value_position((field,)).line
                self.report(
                    entry.document,
                    (field,),
                    f"{entry.kind.name}/duplicate-{field.replace('_', '-')}",
                    field=field,
                    value=_shown(value),
                    first=f"{other.document.path}:{line}",
                    many=entry.kind.name,
                )

    def is_topic(self, target: Any) -> bool:
        found = self.by_id.get(target)
        return found is not None and found.kind.groups

    def check_location(self, entry: _Entry) -> None:
        if entry.kind is not ANSWER:
            return
        folder = entry.document.folder
        topic = entry.get("topic")
        # A topic that is not a topic is reported by check_answer; moving the file there
        # would be wrong advice.
        if folder != topic and self.is_topic(topic):
            self.report(entry.document, ("topic",), "answer/folder", folder=folder, topic=topic)

    def check_dates(self, entry: _Entry) -> None:
        doc = entry.document
        dates: dict[str, dt.date] = {}
        for where in (
            ("published",),
            ("updated",),
            ("next_review",),
            ("valid_until",),
            ("review", "reviewed"),
        ):
            value = _lookup(doc.data, where)
            if value is None:
                continue
            try:
                dates[".".join(map(str, where))] = dt.date.fromisoformat(str(value))
            except ValueError:
                self.report(doc, where, "date/invalid", value=str(value))
        published, updated = dates.get("published"), dates.get("updated")
        if published and updated and updated < published:
            self.report(
                doc,
                ("updated",),
                "date/order",
                "updated",
                updated=updated.isoformat(),
                published=published.isoformat(),
            )
        next_review = dates.get("next_review")
        if updated and next_review and next_review < updated:
            self.report(
                doc,
                ("next_review",),
                "date/order",
                "next-review",
                next_review=next_review.isoformat(),
                updated=updated.isoformat(),
            )
        valid_until = dates.get("valid_until")
        reviewed = dates.get("review.reviewed")
        since, key = (reviewed, "valid-until-reviewed") if reviewed else (updated, "valid-until")
        if valid_until and since and valid_until < since:
            self.report(
                doc,
                ("valid_until",),
                "date/order",
                key,
                valid_until=valid_until.isoformat(),
                since=since.isoformat(),
            )
        elif valid_until and entry.get("status") != "draft":
            self.validities.append((entry, valid_until))

    def check_expired(self) -> None:
        # Builds are reproducible, so "today" is the content's own date: the newest updated
        # of every published entry (dates.content_date), the date the outputs judge by.
        as_of = content_date(
            day
            for entry in self.entries
            if entry.get("status") != "draft" and (day := _date(entry.get("updated"))) is not None
        )
        for entry, valid_until in self.validities:
            if as_of is not None and is_past(valid_until, as_of):
                self.warn(
                    entry.document,
                    ("valid_until",),
                    "review/expired",
                    valid_until=valid_until.isoformat(),
                    as_of=as_of.isoformat(),
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
                        "home",
                        role=role,
                        target=target,
                        kinds=_kinds(allowed),
                    )
                return None
            if target not in self.every_id:
                close = difflib.get_close_matches(target, [*self.by_id, HOME_ID], n=1, cutoff=0.7)
                if close:
                    self.report(
                        doc,
                        where,
                        "ref/unresolved",
                        "suggest",
                        role=role,
                        target=target,
                        suggestion=close[0],
                    )
                else:
                    self.report(doc, where, "ref/unresolved", role=role, target=target)
            return None
        if found.kind.name not in allowed:
            self.report(
                doc,
                where,
                "ref/kind",
                role=role,
                target=target,
                a_kind=found.kind.name,
                kinds=_kinds(allowed),
            )
            return None
        return found

    def check_reference(self, entry: _Entry, reference: Reference) -> None:
        """Every id the field names is an entry of an allowed kind, not the entry itself
        (for links), and published when the entry is."""
        doc = entry.document
        allowed = reference_kinds(reference)
        for where, target in _walk(doc.data, reference.path, ()):
            if not isinstance(target, str):
                continue  # a schema error, reported there
            if ANY_KIND in reference.kinds and target == entry.id:
                self.report(doc, where, "ref/self")
                continue
            linked = self.resolve(doc, where, target, allowed, reference.role)
            if (
                linked
                and reference.path not in _UNCHECKED_DRAFTS
                and linked.get("status") == "draft"
                and entry.get("status") != "draft"
            ):
                self.report(doc, where, "ref/draft", target=target)

    def check_site_paths(self, document: Document, schema_file: str, *, drafted: bool) -> None:
        locator: TextLocator | None = None
        fields = self.text_fields(schema_file)
        for where, text in document.strings():
            if "](/" not in text:  # most text links nowhere on the site; skip the parser
                continue
            if markup_place(where) not in fields:
                continue  # code samples and other verbatim strings hold no links
            for span in spans(text):
                if span.kind != "link" or not span.href.startswith("/"):
                    continue
                problem = self.site_path_problem(span.href, drafted)
                if problem is None:
                    continue
                rule, key, params = problem
                locator = locator or TextLocator(document)
                # From the link's "[" (just before its text) to its ")", as markup errors.
                start = span.start - 1
                end = span.start + len(span.text) + len(span.href) + 3
                line, column = locator.locate(where, text, start, end)
                self.found.append(error(document.path, line, column, rule, key, **params))

    def site_path_problem(
        self, href: str, drafted: bool
    ) -> tuple[str, str, dict[str, Param]] | None:
        """``(rule, message key, values)`` when the site path ``href`` leads to no
        published page."""
        named = _named_page(href)
        if named is None:
            return None
        shown = _shown(href)
        if isinstance(named, DeadPath):
            return "ref/dead-link", named.key, {"path": shown, "section": named.section}
        kind, target = named
        if not kind.own_page and not target:
            # A broken term's own error comes first; it may be the page's only term.
            if self.every_id or any(e.kind is kind for e in self.entries):
                return None
            return "ref/dead-link", "no-glossary", {"path": shown}
        found = self.by_id.get(target)
        if found is None:
            if target in self.every_id or target in self.redirected(kind):
                return None  # a broken entry reports itself; an old id keeps a redirect page
            close = difflib.get_close_matches(
                target, [e.id for e in self.entries if e.kind is kind], n=1, cutoff=0.7
            )
            params: dict[str, Param] = {"path": shown, "kind": kind.name, "target": target}
            if close:
                return "ref/dead-link", "no-entry-suggest", params | {"suggestion": close[0]}
            return "ref/dead-link", "no-entry", params
        if found.kind is not kind:
            return (
                "ref/dead-link",
                "wrong-section",
                {
                    "path": shown,
                    "target": target,
                    "a_kind": found.kind.name,
                    "section": found.kind.section,
                },
            )
        if found.get("status") == "draft" and not drafted:
            return "ref/draft", "site-path", {"path": shown, "target": target}
        return None

    def redirected(self, kind: Kind) -> set[str]:
        """Old ids of ``kind`` whose pages redirect (their targets are checked there)."""
        if self.site is None:
            return set()
        return {r["from"] for r in self.site.data.get("redirects") or [] if r["kind"] == kind.name}

    def check_answer(self, entry: _Entry) -> None:
        doc = entry.document
        topic = self.by_id.get(entry.get("topic"))  # resolved as a reference already
        # A topic whose members are broken (its schema errors say so) lists no one here.
        members = topic.get("members") if topic else None
        if topic and topic.kind.groups and members is not None and entry.id not in members:
            self.report(
                doc,
                ("topic",),
                "topic/not-member",
                topic=topic.id,
                id=entry.id,
                file=topic.document.path,
            )
        status = entry.get("status")
        successor = entry.get("superseded_by")
        if successor is None:
            if status == "deprecated":
                self.warn(doc, ("status",), "status/no-successor")
            return
        if status != "deprecated":
            self.report(doc, ("superseded_by",), "status/superseded", "not-deprecated")
        if successor == entry.id:
            self.report(doc, ("superseded_by",), "status/superseded", "itself")
            return
        target = self.by_id.get(successor)  # resolved as a reference already
        if target and target.kind is ANSWER and target.get("status") != "published":
            self.report(
                doc,
                ("superseded_by",),
                "status/superseded",
                "unpublished",
                successor=successor,
                status=str(target.get("status")),
            )

    def llms_sections(self) -> tuple[str, dict[str, str]]:
        """The name of llms.txt's Optional section, and every section that is not a
        topic's, by its folded name."""
        language = str(self.site.data.get("language")) if self.site else "en"
        words = vocabulary(language)
        optional = words("llms.optional")
        names = [optional, words("llms.other_answers"), words("llms.topics")]
        names += [
            words(str(k.llms_section))
            for k in ENTRY_KINDS
            if k.llms_section not in (None, OPTIONAL_SECTION)
        ]
        return optional, {_folded(name): name for name in names}

    def check_topic(self, entry: _Entry) -> None:
        doc = entry.document
        title = str(entry.get("title"))
        # The root llms.txt gives each topic a section named after it; readers may skip the
        # section named Optional, and with it every answer of such a topic; a topic named
        # like another section would mix its answers into it.
        optional, sections = self.llms_sections()
        section = sections.get(_folded(to_plain(title)))
        if section is not None:
            self.report(
                doc,
                ("title",),
                "topic/reserved-title",
                "optional" if section == optional else "taken",
                title=_shown(title),
                section=section,
            )
        for index, member_id in enumerate(entry.get("members") or []):
            member = self.by_id.get(member_id)  # resolved as a reference already
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
                    id=member_id,
                    topic=str(member.get("topic")),
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
                self.report(self.site, ("redirects", index, "from"), "redirect/duplicate", id=old)
            if old in RESERVED_IDS:
                self.report(
                    self.site,
                    ("redirects", index, "from"),
                    "id/reserved",
                    "redirect",
                    id=old,
                    reserved=RESERVED_IDS[old],
                )
            elif old in self.by_id:
                self.report(self.site, ("redirects", index, "from"), "redirect/shadows", id=old)
            if new in sources:
                self.report(self.site, ("redirects", index, "to"), "redirect/chain", id=new)
                continue
            target = self.resolve(
                self.site, ("redirects", index, "to"), new, frozenset({kind}), "redirect target"
            )
            if target and target.get("status") == "draft":
                self.report(self.site, ("redirects", index, "to"), "redirect/draft", id=new)

    def check_indexnow_key(self) -> None:
        # The key file is /<key>.txt at the site root, where other outputs live too.
        key = None if self.site is None else self.site.data.get("indexnow_key")
        if self.site is None or key is None:
            return
        taken = {p for o in OUTPUT_FORMATS for p in o.paths if p.count("/") == 1}
        if urls.indexnow_key_file(key) in taken:
            self.report(
                self.site, ("indexnow_key",), "site/indexnow-key", file=urls.indexnow_key_file(key)
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
                    name=name,
                    other=other,
                    line=line,
                )
            )


def _compared(text: str) -> str:
    """A title as readers tell titles apart: markup, width, case, spacing and the final
    question mark or full stop do not count."""
    return _folded(to_plain(text)).rstrip("?？。.!！ ")


def _folded(name: str) -> str:
    """A section name as readers compare it: NFKC, spaces collapsed, case folded."""
    return " ".join(unicodedata.normalize("NFKC", name).split()).casefold()


def _walk(data: Any, path: tuple[str, ...], where: Where) -> list[tuple[Where, Any]]:
    """The values at a reference's path (``*`` for each list item), with their places."""
    if not path:
        return [(where, data)]
    head, rest = path[0], path[1:]
    if head == "*":
        if not isinstance(data, list):
            return []
        return [found for i, item in enumerate(data) for found in _walk(item, rest, (*where, i))]
    if not isinstance(data, dict) or head not in data:
        return []
    return _walk(data[head], rest, (*where, head))


def _kinds(allowed: frozenset[str]) -> tuple[str, ...]:
    """The kinds a reference may name, sorted (the home page is said apart)."""
    return tuple(sorted(allowed - {"home"}))


def _shown(text: str) -> str:
    return text if len(text) <= _SHOWN else text[: _SHOWN - 1] + "…"


@dataclass(frozen=True)
class DeadPath:
    """Why a path into an entry section leads to no page: a ref/dead-link message key,
    and the section whose pages it should look like."""

    key: str
    section: str


def _named_page(href: str) -> tuple[Kind, str] | DeadPath | None:
    """The entry a site path leads to, as ``(kind, id)``; why it leads to no entry page (a
    path into an entry section that no page has); or None for a path outside them.

    The shared page of a kind without pages of its own (the glossary) is ``(kind, "")``;
    a fragment there names an entry.
    """
    # Judged as the browser asks for it: /answers/%77ip/ is the page of 'wip'.
    path, _, fragment = decoded_target(href).partition("#")
    parts = path.partition("?")[0].split("/")[1:]
    api = parts[:2] == ["api", "v1"]
    if api:
        parts = parts[2:]
    kind = KINDS_BY_SECTION.get(parts[0]) if parts else None
    if kind is None:
        return None
    rest = parts[1:]
    if api:
        if len(rest) == 1 and rest[0].endswith(".json") and rest[0] != ".json":
            return kind, rest[0].removesuffix(".json")
        return DeadPath("api-file", kind.section)
    if len(rest) == 1 and rest[0].endswith(".md") and rest[0] not in (".md", "index.md"):
        return kind, rest[0].removesuffix(".md")  # the Markdown mirror
    if not kind.own_page:
        if len(rest) <= 1 and (not rest or rest[0] in _PAGE_FILES):
            return kind, fragment
        return DeadPath("one-page", kind.section)
    page_file = rest[1:] in ([], *([name] for name in _PAGE_FILES))
    llms_file = kind.groups and rest[1:] == ["llms.txt"]
    if rest and rest[0] and "." not in rest[0] and (page_file or llms_file):
        return kind, rest[0]
    return DeadPath("entry-page", kind.section)


def _lookup(data: Any, where: Where) -> Any:
    for part in where:
        if not isinstance(data, dict):
            return None
        data = data.get(part)
    return data


def check_references(
    site: Document | None,
    valid: Sequence[Source],
    broken: Sequence[str],
    text_fields: Callable[[str], Collection[Where]],
) -> list[Diagnostic]:
    """Cross-file diagnostics for ``valid`` entries: schema-valid ones, and the usable part
    of the others (:meth:`~answer_center.validate.schema.SchemaSet.usable_part`).

    ``text_fields`` gives, for a schema file, the places of its text fields (see
    :meth:`answer_center.validate.schema.SchemaSet.markup_paths`): only they hold links.

    ``broken`` holds the ids (file names) of entries that failed to load or failed their
    schema: they still count as existing, so one broken file does not cascade into
    "unresolved" errors in every file that links to it.
    """
    every_id = set(broken)
    return _Checker(site, valid, every_id, text_fields).run()


def _date(value: Any) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        return None  # reported as date/invalid
