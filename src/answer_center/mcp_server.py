"""The answer center as an MCP server (``answer-center mcp``), with the official Python SDK.

It serves a built site, from its ``site/`` folder or from the web, through the site's
published files only: the JSON API for the tools, llms.txt and the Markdown mirrors as
resources. Nothing is read from HTML and nothing from content/, so what an agent gets
here is what the site publishes.

Tools: ``search_answers`` (ranked by the words of the query, Chinese by character
bigrams, over each entry's title, summary, the fields its kind searches and its tags),
``get_answer`` (an answer's API file, its claims, boundaries and handoff fields first),
``list_topics`` and ``list_changes`` (entries updated on or after a date). Resources:
llms.txt, llms-full.txt and every Markdown mirror, each under its published URL. A
request that cannot be served (an unknown id, a bad date) is an MCP error saying why.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections import Counter
from collections.abc import Mapping
from typing import Annotated, Any

from mcp.server.mcpserver import MCPServer
from mcp.server.mcpserver.resources import FunctionResource
from mcp.shared.exceptions import MCPError
from mcp_types.jsonrpc import INVALID_PARAMS
from pydantic import BaseModel, Field

from answer_center import urls
from answer_center.kinds import ANSWER, KINDS_BY_NAME, TOPIC, kinds_with
from answer_center.kinds.kind import SEARCH
from answer_center.markup import to_plain
from answer_center.output_formats import OUTPUT_FORMATS
from answer_center.render.search import field_texts
from answer_center.retrieval import llms_links
from answer_center.site_reader import PublishedSite, SiteError
from answer_center.terms import term_set

SEARCHABLE = tuple(kind.name for kind in kinds_with(SEARCH))
"""Kinds ``search_answers`` looks in: those in the site's own search index."""
FIELD_WEIGHTS = {"title": 3.0, "summary": 2.0, "tags": 2.0, "text": 1.0}
"""How much a query term counts in each part of an entry (the title most)."""
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
MEDIA_TYPES = {output.key: output.media_type for output in OUTPUT_FORMATS}


class SearchHit(BaseModel):
    """One entry found by ``search_answers``."""

    id: str
    kind: str
    title: str
    summary: str
    url: str = Field(description="The HTML page.")
    markdown_url: str = Field(description="The Markdown mirror (also a resource).")
    json_url: str
    updated: str
    score: float = Field(description="Higher is a better match; comparable within one search.")


class AnswerDetail(BaseModel):
    """An answer as its API file publishes it."""

    id: str
    title: str
    status: str
    superseded_by: str | None
    topic: str | None
    published: str
    updated: str
    url: str
    markdown_url: str
    json_url: str
    content_hash: str
    original_question: str
    short_answer: str
    basis: list[str]
    boundaries: list[str] = Field(description="Where the answer applies and where it stops.")
    next_steps: list[str]
    handoff: dict[str, Any] | None = Field(
        description="What to hand to support when the answer is not enough (null if none)."
    )
    claims: Any = Field(
        default=None, description="The citable claims, as the API file holds them (null if none)."
    )
    fields: dict[str, Any] = Field(description="Every field of the API file, as published.")


class TopicSummary(BaseModel):
    """A topic and the entries it lists."""

    id: str
    title: str
    summary: str
    url: str
    markdown_url: str
    llms_url: str = Field(description="The topic's own llms.txt.")
    members: list[str] = Field(description="Ids of the entries it lists, in its order.")


class Change(BaseModel):
    """An entry updated on or after the date asked for."""

    id: str
    kind: str
    title: str
    status: str
    updated: str
    url: str
    markdown_url: str
    json_url: str
    content_hash: str
    superseded_by: str | None


def _invalid(message: str) -> MCPError:
    return MCPError(INVALID_PARAMS, message)


class AnswerCenterTools:
    """The tools, over one published site (read lazily, each file once)."""

    def __init__(self, site: PublishedSite) -> None:
        self.site = site

    def _listed(self, kinds: tuple[str, ...] | None = None) -> list[Mapping[str, Any]]:
        return [e for e in self.site.index if kinds is None or e.get("kind") in kinds]

    def search_answers(
        self,
        query: Annotated[str, Field(description="Words to look for, Chinese or English.")],
        kind: Annotated[
            str | None,
            Field(description=f"Only this kind: one of {', '.join(SEARCHABLE)} (default: all)."),
        ] = None,
        limit: Annotated[int, Field(ge=1, le=50, description="At most this many hits.")] = 10,
    ) -> list[SearchHit]:
        """Search the answer center's entries (answers first among equals); returns the
        best matches with their page, Markdown mirror and API URLs."""
        if kind is not None and kind not in SEARCHABLE:
            raise _invalid(f"kind {kind!r} is not searchable; use one of {', '.join(SEARCHABLE)}")
        asked = term_set(query)
        if not asked:
            raise _invalid(f"query {query!r} has no word to search for")
        documents = [(e, self._parts(e)) for e in self._listed((kind,) if kind else SEARCHABLE)]
        holding = Counter(t for _, parts in documents for t in asked & set().union(*parts.values()))
        rarity = {t: math.log(1 + len(documents) / n) for t, n in holding.items()}
        hits = []
        for listed, parts in documents:
            score = sum(
                FIELD_WEIGHTS[part] * rarity[t]
                for part, found in parts.items()
                for t in asked & found
            )
            weight = KINDS_BY_NAME[str(listed["kind"])].search_weight
            if score > 0:
                hits.append((round(score * weight, 3), listed))
        hits.sort(key=lambda hit: -hit[0])
        return [_hit(listed, score) for score, listed in hits[:limit]]

    def _parts(self, listed: Mapping[str, Any]) -> dict[str, frozenset[str]]:
        data = self._entry(str(listed["id"]))
        kind = KINDS_BY_NAME[str(listed["kind"])]
        fields = data.get("fields", {})
        text = " ".join(to_plain(t) for path in kind.search_text for t in field_texts(fields, path))
        return {
            "title": term_set(to_plain(str(listed.get("title", "")))),
            "summary": term_set(to_plain(str(listed.get("summary", "")))),
            "tags": term_set(" ".join(data.get("tags", ()))),
            "text": term_set(text),
        }

    def _entry(self, entry_id: str) -> Mapping[str, Any]:
        try:
            data = self.site.entry(entry_id)
        except SiteError as exc:
            raise MCPError(-32603, f"the site cannot be read: {exc}") from None
        if data is None:
            raise _invalid(f"no entry has the id {entry_id!r}; search_answers finds ids")
        return data

    def get_answer(
        self, id: Annotated[str, Field(description="The answer's id, e.g. from search_answers.")]
    ) -> AnswerDetail:
        """An answer: its short answer, basis, boundaries, next steps, handoff fields,
        claims and every other published field."""
        data = self._entry(id)
        if data.get("kind") != ANSWER.name:
            raise _invalid(
                f"{id!r} is a {data.get('kind')}, not an answer; read its Markdown mirror "
                f"resource {data.get('markdown_url')}"
            )
        fields = dict(data.get("fields", {}))
        return AnswerDetail(
            id=id,
            title=str(data.get("title")),
            status=str(data.get("status")),
            superseded_by=fields.get("superseded_by"),
            topic=fields.get("topic"),
            published=str(data.get("published")),
            updated=str(data.get("updated")),
            url=str(data.get("url")),
            markdown_url=str(data.get("markdown_url")),
            json_url=str(data.get("json_url")),
            content_hash=str(data.get("content_hash")),
            original_question=str(fields.get("original_question", "")),
            short_answer=str(fields.get("short_answer", "")),
            basis=list(fields.get("basis", ())),
            boundaries=list(fields.get("boundaries", ())),
            next_steps=list(fields.get("next_steps", ())),
            handoff=fields.get("handoff"),
            claims=data.get("claims", fields.get("claims")),
            fields=fields,
        )

    def list_topics(self) -> list[TopicSummary]:
        """Every topic with the ids of the entries it lists and its own llms.txt."""
        topics = []
        for listed in self._listed((TOPIC.name,)):
            topic_id = str(listed["id"])
            fields = self._entry(topic_id).get("fields", {})
            topics.append(
                TopicSummary(
                    id=topic_id,
                    title=str(listed.get("title")),
                    summary=str(listed.get("summary", "")),
                    url=str(listed.get("url")),
                    markdown_url=str(listed.get("markdown_url")),
                    llms_url=urls.absolute(self.site.base_url, urls.topic_llms(topic_id)),
                    members=[str(m) for m in fields.get("members", ())],
                )
            )
        return topics

    def list_changes(
        self,
        since: Annotated[
            str, Field(description="A date, YYYY-MM-DD: entries updated on or after it.")
        ],
    ) -> list[Change]:
        """Entries of every kind updated on or after ``since``, newest first."""
        try:
            day = dt.date.fromisoformat(since) if _DATE.match(since) else None
        except ValueError:
            day = None
        if day is None:
            raise _invalid(f"since {since!r} is not a date; write it as YYYY-MM-DD")
        changed = [e for e in self._listed() if str(e.get("updated", "")) >= day.isoformat()]
        changed.sort(key=lambda e: (str(e.get("updated")), str(e.get("id"))), reverse=True)
        return [
            Change(
                id=str(e["id"]),
                kind=str(e.get("kind")),
                title=str(e.get("title")),
                status=str(e.get("status")),
                updated=str(e.get("updated")),
                url=str(e.get("url")),
                markdown_url=str(e.get("markdown_url")),
                json_url=str(e.get("json_url")),
                content_hash=str(e.get("content_hash")),
                superseded_by=e.get("superseded_by"),
            )
            for e in changed
        ]


def _hit(listed: Mapping[str, Any], score: float) -> SearchHit:
    return SearchHit(
        id=str(listed["id"]),
        kind=str(listed["kind"]),
        title=str(listed.get("title")),
        summary=str(listed.get("summary", "")),
        url=str(listed.get("url")),
        markdown_url=str(listed.get("markdown_url")),
        json_url=str(listed.get("json_url")),
        updated=str(listed.get("updated")),
        score=score,
    )


def _name(site: PublishedSite) -> str:
    first = site.text(urls.LLMS, 4096).partition("\n")[0]
    return first.removeprefix("# ").strip() or "answer center"


def mirrors(site: PublishedSite) -> dict[str, str]:
    """Site path of every Markdown mirror, with its title: every entry's, and the other
    pages' that llms.txt links (the home page, the glossary, the consumers' page)."""
    found = {}
    for listed in site.index:
        path = site.path_of(str(listed.get("markdown_url", "")))
        if path is not None:
            found[path] = str(listed.get("title", ""))
    for link in llms_links(site.text(urls.LLMS)):
        path = site.path_of(link.url)
        if path is not None and path.endswith(".md"):
            found.setdefault(path, link.title.replace("\\", ""))
    return found


def server(site: PublishedSite) -> MCPServer:
    """An MCP server of ``site``, its tools and resources; the index and llms.txt are read
    now, so a site that cannot be read fails here, before any client connects."""
    tools = AnswerCenterTools(site)
    name = _name(site)
    app = MCPServer(
        "answer-center",
        title=name,
        instructions=(
            f"{name}: search_answers finds entries by the words of a question (Chinese or "
            "English); get_answer returns an answer with its boundaries, handoff fields and "
            "claims; list_topics and list_changes list topics and what changed since a date. "
            "Resources are llms.txt and every page's Markdown mirror, by published URL."
        ),
        website_url=site.base_url,
    )
    for tool in (tools.search_answers, tools.get_answer, tools.list_topics, tools.list_changes):
        app.add_tool(tool, structured_output=True)
    files = {urls.LLMS: ("llms.txt", "llms"), urls.LLMS_FULL: ("llms-full.txt", "llms-full")}
    for path, (title, output) in files.items():
        app.add_resource(_resource(site, path, title, MEDIA_TYPES[output]))
    for path, title in sorted(mirrors(site).items()):
        app.add_resource(_resource(site, path, title, MEDIA_TYPES["markdown"]))
    return app


def _resource(site: PublishedSite, path: str, title: str, media_type: str) -> FunctionResource:
    def read() -> str:
        return site.text(path)

    return FunctionResource(
        uri=urls.absolute(site.base_url, path),
        name=path.lstrip("/"),
        title=title,
        mime_type=media_type.split(";")[0],
        fn=read,
    )
