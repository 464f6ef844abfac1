"""The validated content as immutable entries, and the Catalog that relates them.

URLs, ordering, resolved links, "more like this" and content hashes are decided here so
that every renderer presents the same facts.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from types import MappingProxyType
from typing import Any

from answer_center import dates, urls
from answer_center.bounds import BOUNDS, Bounds
from answer_center.claims import Claim, entry_claims
from answer_center.content import Source
from answer_center.fields import typed
from answer_center.kinds import ANSWER, HOME_ID, KINDS_BY_NAME, Kind
from answer_center.kinds.kind import FEED
from answer_center.load import Document

MORE_LIKE_THIS = 4
"""How many answers "更多同类短答案" lists."""


@dataclass(frozen=True)
class Redirect:
    """An old id that now lives under another id."""

    old_id: str
    kind: Kind
    target_id: str


@dataclass(frozen=True)
class Site:
    """The answer center as a whole (``content/site.yaml``)."""

    name: str
    description: str
    base_url: str
    language: str
    languages: tuple[str, ...]
    publisher_name: str
    publisher_url: str
    editorial_team: str
    support_label: str
    support_url: str
    license_name: str
    license_url: str
    crawler_default: str
    crawler_agents: Mapping[str, str]
    disallow_paths: tuple[str, ...]
    feed_title: str
    feed_page_size: int
    home_title: str
    home_intro: tuple[str, ...]
    home_recent: int
    redirects: tuple[Redirect, ...]
    indexnow_key: str | None
    """The IndexNow key published as ``/<key>.txt``, if the site has one."""
    retrieval_threshold: int
    """Percent of the answers' questions the retrieval check must bring to their answer."""
    usage: Mapping[str, str]
    """Stated usage preferences, ``allow`` or ``disallow`` by purpose (see usage_signals)."""

    def absolute(self, path: str) -> str:
        """The public URL of a site path such as ``/answers/x/``."""
        return self.base_url + path.lstrip("/")


@dataclass(frozen=True)
class Entry:
    """One published entry of any kind.

    ``fields`` is the kind's typed dataclass of its own fields (``kinds/<kind>.py``);
    ``body`` the validated data as written, for the API and the content hash.
    """

    id: str
    kind: Kind
    title: str
    lang: str
    status: str
    published: dt.date
    updated: dt.date
    tags: tuple[str, ...]
    author: str
    source_path: str
    content_hash: str
    fields: Any = field(repr=False)
    body: Mapping[str, Any] = field(repr=False)
    claims: tuple[Claim, ...] = field(default=(), repr=False)
    """Its citable claims (see :mod:`answer_center.claims`), in page order."""

    @property
    def url(self) -> str:
        """Site path of the entry's HTML page (glossary terms are anchors on one page)."""
        return urls.page(self.kind, self.id)

    @property
    def markdown_url(self) -> str:
        """Site path of the entry's Markdown mirror."""
        return urls.mirror(self.kind, self.id)

    @property
    def json_url(self) -> str:
        """Site path of the entry's file in the static JSON API."""
        return urls.api_file(self.kind, self.id)

    @property
    def summary(self) -> str:
        """The one-line description its kind declares (a summary or a description)."""
        return str(self.body[self.kind.summary_field])

    @property
    def deprecated(self) -> bool:
        """True for an answer kept online only to point at its successor."""
        return self.status == "deprecated"


@dataclass(frozen=True)
class Link:
    """A resolved link from one entry to another page, with the note that explains it.

    ``kind`` is the target's kind name, ``home`` for the home page, or ``external`` for a
    page outside the answer center (``url`` is then absolute).
    """

    id: str
    kind: str
    title: str
    url: str
    note: str


@dataclass(frozen=True)
class Catalog:
    """Every published entry and the relations between them."""

    site: Site
    entries: tuple[Entry, ...]
    by_id: Mapping[str, Entry]
    links: Mapping[str, tuple[Link, ...]]
    members: Mapping[str, tuple[Entry, ...]]
    topic_of: Mapping[str, Entry]
    similar: Mapping[str, tuple[Entry, ...]]
    content_date: dt.date | None
    """The newest ``updated`` of any entry: the date of the whole site (``dates.py``)."""
    bounds: Bounds = BOUNDS
    """Where growing pages and files split (see :mod:`answer_center.bounds`)."""

    def of_kind(self, kind: Kind) -> tuple[Entry, ...]:
        """Entries of one kind, ordered by id."""
        return tuple(e for e in self.entries if e.kind is kind)

    @property
    def groups(self) -> tuple[Entry, ...]:
        """The entries that list members (topics), in order."""
        return tuple(e for e in self.entries if e.kind.groups)

    @property
    def answers_in_topic_order(self) -> tuple[Entry, ...]:
        """Answers topic by topic, each topic's answers in member order."""
        ordered = [m for t in self.groups for m in self.members[t.id] if m.kind is ANSWER]
        return tuple(ordered)

    @property
    def recent_answers(self) -> tuple[Entry, ...]:
        """Answers newest ``updated`` first (ties by id), for the home page."""
        return newest_first(self.of_kind(ANSWER))

    @property
    def recent(self) -> tuple[Entry, ...]:
        """Entries of every kind with a feed item, newest ``updated`` first (ties by id)."""
        return newest_first(e for e in self.entries if e.kind.has(FEED))

    def tags(self) -> Mapping[str, tuple[Entry, ...]]:
        """Every tag with the entries that carry it, tags and entries sorted."""
        index: dict[str, list[Entry]] = defaultdict(list)
        for entry in self.entries:
            for tag in entry.tags:
                index[tag].append(entry)
        return {tag: tuple(index[tag]) for tag in sorted(index)}

    def successor(self, entry: Entry) -> Entry | None:
        """The answer that replaces a deprecated one."""
        target = entry.body.get("superseded_by")
        return self.by_id.get(target) if isinstance(target, str) else None


def newest_first(entries: Iterable[Entry]) -> tuple[Entry, ...]:
    """Entries by ``updated``, newest first, ties by id."""
    return tuple(sorted(entries, key=lambda e: (-e.updated.toordinal(), e.id)))


def content_hash(data: Mapping[str, Any]) -> str:
    """SHA-256 of the entry's canonical JSON: sorted keys, no spaces, UTF-8."""
    canonical = json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return "sha256:" + hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def published_text(value: Any) -> Any:
    """Content as it is published: every string in NFC, Unicode's composed form.

    The same word typed on two keyboards can arrive decomposed (e + combining accent) or
    composed; published text, hashes and search all see one form of it.
    """
    if isinstance(value, str):
        return (
            value
            if unicodedata.is_normalized("NFC", value)
            else unicodedata.normalize("NFC", value)
        )
    if isinstance(value, dict):
        return {key: published_text(item) for key, item in value.items()}
    if isinstance(value, list):
        return [published_text(item) for item in value]
    return value


def _freeze(value: Any) -> Any:
    if isinstance(value, dict):
        return MappingProxyType({key: _freeze(item) for key, item in value.items()})
    if isinstance(value, list):
        return tuple(_freeze(item) for item in value)
    return value


def build_site(document: Document) -> Site:
    """The Site from a schema-valid ``site.yaml``."""
    data = published_text(document.data)
    crawlers = data["crawlers"]
    home = data["home"]
    return Site(
        name=data["name"],
        description=data["description"],
        base_url=data["base_url"],
        language=data["language"],
        languages=tuple(data.get("languages", ())),
        publisher_name=data["publisher"]["name"],
        publisher_url=data["publisher"]["url"],
        editorial_team=data["editorial_team"],
        support_label=data["support"]["label"],
        support_url=data["support"]["url"],
        license_name=data["license"]["name"],
        license_url=data["license"]["url"],
        crawler_default=crawlers["default"],
        crawler_agents=MappingProxyType(dict(crawlers.get("agents", {}))),
        disallow_paths=tuple(crawlers.get("disallow_paths", ())),
        feed_title=data["feed"]["title"],
        feed_page_size=data["feed"].get("page_size", 100),
        home_title=home["title"],
        home_intro=tuple(home["intro"]),
        home_recent=home.get("recent", 5),
        redirects=tuple(
            Redirect(r["from"], KINDS_BY_NAME[r["kind"]], r["to"])
            for r in data.get("redirects", ())
        ),
        indexnow_key=data.get("indexnow_key"),
        retrieval_threshold=data.get("retrieval_check", {}).get("threshold_percent", 100),
        usage=MappingProxyType(dict(data.get("usage", {}))),
    )


def _entry(source: Source, site: Site) -> Entry:
    data = published_text(source.document.data)
    return Entry(
        id=data["id"],
        kind=source.kind,
        title=data[source.kind.title_field],
        lang=data.get("lang", site.language),
        status=data.get("status", "published"),
        published=dt.date.fromisoformat(data["published"]),
        updated=dt.date.fromisoformat(data["updated"]),
        tags=tuple(data.get("tags", ())),
        author=data.get("author", site.editorial_team),
        source_path=source.document.path,
        content_hash=content_hash(data),
        fields=typed(source.kind.fields, data),
        body=_freeze(data),
        claims=entry_claims(data["id"], source.kind.claims, data),
    )


def build_catalog(
    site_document: Document,
    sources: Sequence[Source],
    bounds: Bounds = BOUNDS,
    *,
    base_url: str | None = None,
) -> Catalog:
    """Relate validated entries; drafts are left out of everything published.

    ``base_url`` replaces the site's own address (a build for a preview deployment); the
    caller checks it (:mod:`answer_center.site_address`).
    """
    site = build_site(site_document)
    if base_url is not None:
        site = replace(site, base_url=base_url)
    entries = sorted(
        (_entry(s, site) for s in sources if s.document.data.get("status") != "draft"),
        key=lambda e: (e.kind.order, e.id),
    )
    by_id = {e.id: e for e in entries}
    members = {
        t.id: tuple(by_id[m] for m in t.body["members"] if m in by_id)
        for t in entries
        if t.kind.groups
    }
    # Entries filed in their topic's folder name it (answers/<topic>/): theirs is the topic
    # of their breadcrumb and their llms.txt section.
    topic_of = {m.id: by_id[t_id] for t_id, ms in members.items() for m in ms if m.kind.nested}
    links = {e.id: _resolve_links(e, by_id, site) for e in entries}
    similar = _more_like_this(entries, members, topic_of)
    return Catalog(
        site=site,
        entries=tuple(entries),
        by_id=MappingProxyType(by_id),
        links=MappingProxyType(links),
        members=MappingProxyType(members),
        topic_of=MappingProxyType(topic_of),
        similar=MappingProxyType(similar),
        bounds=bounds,
        # A topic's date is its newest member's, so the entries' own dates are enough.
        content_date=dates.content_date(e.updated for e in entries),
    )


def _resolve_links(entry: Entry, by_id: Mapping[str, Entry], site: Site) -> tuple[Link, ...]:
    """The entry's related links in its order: ``related`` (ids or outside pages, with
    notes) or a glossary term's ``see_also`` (ids)."""
    links = []
    for target in entry.body.get("see_also", ()):
        found = by_id.get(target)
        if found is not None:
            links.append(Link(found.id, found.kind.name, found.title, found.url, ""))
    for item in entry.body.get("related", ()):
        note = item["note"]
        if "url" in item:
            links.append(Link("", "external", item["title"], item["url"], note))
        elif item["id"] == HOME_ID:
            links.append(Link(HOME_ID, "home", site.home_title, urls.HOME, note))
        elif item["id"] in by_id:
            target = by_id[item["id"]]
            links.append(Link(target.id, target.kind.name, target.title, target.url, note))
    return tuple(links)


TAG_CANDIDATES = 32
"""How many answers of one tag "more like this" considers (the most recently updated)."""


def tag_candidates(
    entry: Entry, by_tag: Mapping[str, Sequence[Entry]], taken: set[str]
) -> list[Entry]:
    """The answers sharing a tag with ``entry`` that "more like this" ranks.

    At most TAG_CANDIDATES per tag (each tag's list is newest first), so an answer costs
    the same whether its tags are shared by ten answers or by ten thousand: the lists are
    never compared pair by pair.
    """
    found: dict[str, Entry] = {}
    for tag in entry.tags:
        kept = 0
        for other in by_tag.get(tag, ()):
            if kept == TAG_CANDIDATES:
                break
            if other.id in taken:
                continue
            kept += 1
            found.setdefault(other.id, other)
    return list(found.values())


def _more_like_this(
    entries: Sequence[Entry],
    members: Mapping[str, tuple[Entry, ...]],
    topic_of: Mapping[str, Entry],
) -> dict[str, tuple[Entry, ...]]:
    """Same-topic answers first (in topic order), then answers sharing the most tags,
    then the most recently updated, so every answer gets a full list without editors
    maintaining one. Deprecated answers are never suggested."""
    answers = [e for e in entries if e.kind is ANSWER and not e.deprecated]
    newest = sorted(answers, key=lambda e: (-e.updated.toordinal(), e.id))
    by_tag: dict[str, list[Entry]] = defaultdict(list)
    for answer in newest:
        for tag in answer.tags:
            by_tag[tag].append(answer)
    similar: dict[str, tuple[Entry, ...]] = {}
    for entry in entries:
        if entry.kind is not ANSWER:
            continue
        chosen: list[Entry] = []
        topic = topic_of.get(entry.id)
        if topic is not None:
            chosen = [
                m
                for m in members[topic.id]
                if m.kind is ANSWER and m.id != entry.id and not m.deprecated
            ][:MORE_LIKE_THIS]
        taken = {entry.id, *(c.id for c in chosen)}
        if len(chosen) < MORE_LIKE_THIS:
            own = set(entry.tags)
            candidates = tag_candidates(entry, by_tag, taken)
            shared = {c.id: len(own.intersection(c.tags)) for c in candidates}
            ranked = sorted(candidates, key=lambda c: (-shared[c.id], c.id))
            for candidate in ranked[: MORE_LIKE_THIS - len(chosen)]:
                chosen.append(candidate)
                taken.add(candidate.id)
        for candidate in newest:
            if len(chosen) >= MORE_LIKE_THIS:
                break
            if candidate.id not in taken:
                chosen.append(candidate)
                taken.add(candidate.id)
        similar[entry.id] = tuple(chosen)
    return similar
